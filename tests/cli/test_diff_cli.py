"""`designlint diff` on the command line: arguments, bad input, --fail-on, --exit-zero, --output-file."""

from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "diff" / "data"


@pytest.fixture
def in_data(monkeypatch):
    monkeypatch.chdir(DATA)


def test_two_files_are_needed_without_git(run_cli, in_data):
    code, out, err = run_cli("diff", "old.yaml")
    assert (code, out) == (2, "") and "Error: give two files (OLD NEW), or --git REV [PATH...]" in err


def test_a_missing_file_or_a_directory_is_one_line_and_exit_2(run_cli, in_data):
    assert run_cli("diff", "old.yaml", "nope.yaml") == (2, "", "nope.yaml: error: no such file or directory\n")
    assert run_cli("diff", ".", "new.yaml") == (
        2, "", ".: error: is a directory, not a file: give two files, or use --git REV\n")


def test_a_version_that_cannot_be_read_is_exit_2(run_cli, write):
    bad = write("designlint: 1\nsystem: [\n", "bad.yaml")
    good = write("designlint: 1\nsystem: s\ncomponents:\n  a: {kind: rule, owner: x}\n", "good.yaml")
    code, out, err = run_cli("diff", "--isolated", bad, good)
    assert code == 2
    assert err == f"{bad}:3:1: error: YAML syntax: did not find expected node content\n"
    assert out.endswith("; 1 input error.\n")


def test_fail_on_and_exit_zero(run_cli, in_data):
    assert run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--exit-zero")[0] == 0
    # nothing introduced: nothing fails, at any level
    assert run_cli("diff", "--isolated", "new.yaml", "new.yaml", "--fail-on", "info")[0] == 0
    code, out, _ = run_cli("diff", "--isolated", "new.yaml", "old.yaml", "--fail-on", "warning")
    assert code == 1 and out.endswith(
        "1 finding introduced, 2 fixed, 3 unchanged; 1 of them fails the run (--fail-on warning).\n")
    code, out, _ = run_cli("diff", "--isolated", "new.yaml", "old.yaml", "--select", "isolated-component")
    assert (code, out) == (0, "component added: legacy\ncomponent removed: ledger\ncomponent changed: agent "
                              "(actions)\nflow added: agent -> legacy\nflow removed: agent -> ledger\n"
                              "0 findings introduced, 0 fixed, 1 unchanged.\n")


def test_output_file_and_never_over_an_input(run_cli, in_data, tmp_path):
    out = tmp_path / "diff.md"
    assert run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--format", "markdown", "-o", out) == (1, "", "")
    assert out.read_text().startswith("## designlint diff: this change introduces 1 failing finding\n")
    before = (DATA / "new.yaml").read_bytes()
    assert run_cli("diff", "--isolated", "old.yaml", "new.yaml", "-o", "new.yaml") == (
        2, "", "new.yaml: error: is an input of this run (new.yaml): writing the report there would destroy it; "
               "choose another file\n")
    assert (DATA / "new.yaml").read_bytes() == before
    assert run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--diagram", "./old.yaml") == (
        2, "", "./old.yaml: error: is an input of this run (old.yaml): writing the diagram there would destroy it; "
               "choose another file\n")


def test_diagram_needs_a_known_extension(run_cli, in_data, tmp_path):
    code, _, err = run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--diagram", tmp_path / "d.txt")
    assert code == 2
    assert err == f"designlint: error: cannot tell the format of `{tmp_path / 'd.txt'}`: name it .svg, .png, .pdf, " \
                  ".dot or .mmd\n"


def test_shell_completion_as_the_readme_documents_it(run_process):
    code, out, _ = run_process(env={"_DESIGNLINT_COMPLETE": "bash_source"})
    assert code == 0 and "_designlint_completion()" in out and "complete -o nosort -F _designlint_completion" in out
    code, out, _ = run_process(env={"_DESIGNLINT_COMPLETE": "bash_complete", "COMP_WORDS": "designlint di",
                                    "COMP_CWORD": "1"})
    assert (code, out) == (0, "plain,diff\n")
    code, out, _ = run_process(env={"_DESIGNLINT_COMPLETE": "bash_complete",
                                    "COMP_WORDS": "designlint diff --format m", "COMP_CWORD": "3"})
    assert (code, out) == (0, "plain,markdown\n")
