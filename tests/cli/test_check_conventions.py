"""The conventions CI users expect from `check`: -, --stdin-filename, --quiet, --statistics, --output-file,
--exit-zero, --format markdown, --system, and --diagram refusing several designs before linting."""

import os

import pytest

BAD = "designlint: 1\nsystem: s\ncomponents:\n  chat: {kind: interface}\n"
MISSING_OWNER = ("error missing-owner `chat` (interface) has no owner: add `owner: <team>` naming who answers "
                 "for it when it fails")
MISSING_BUDGET = ("warning missing-error-budget `chat` (interface) has no error budget: add the targets it must "
                  "hold, e.g. `error_budget: {availability: 99.9%, latency_p99: 300ms}`")
TWO = ("# Two\n\n```designlint\ndesignlint: 1\nsystem: one\ncomponents:\n  a: {kind: rule}\n```\n\n"
       "```designlint\ndesignlint: 1\nsystem: two\ncomponents:\n  b: {kind: rule, owner: x}\n```\n")


def run_stdin(text, *args):
    from conftest import make_runner
    from designlint.cli import main

    result = make_runner().invoke(main, ["check", "--isolated", *args], input=text, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_standard_input_with_and_without_a_file_name():
    assert run_stdin(BAD, "-") == (1, f"-:4:3: {MISSING_BUDGET}\n-:4:3: {MISSING_OWNER}\n"
                                      "Found 1 error and 1 warning in 1 file.\n", "")
    code, out, _ = run_stdin(BAD, "-", "--stdin-filename", "designs/chat.yaml")
    assert out.splitlines()[1] == f"designs/chat.yaml:4:3: {MISSING_OWNER}"
    # the name's suffix says Markdown: positions are the Markdown file's
    code, out, _ = run_stdin("# Doc\n\n```designlint\n" + BAD + "```\n", "-", "--stdin-filename", "doc.md")
    assert out.splitlines()[1] == f"doc.md:7:3: {MISSING_OWNER}"
    assert run_stdin("designlint: 1\nsystem: [\n", "-") == (
        2, "1 file could not be read (1 input error): nothing was checked.\n",
        "-:3:1: error: YAML syntax: did not find expected node content\n")
    assert run_stdin(b"designlint: 1\nsystem: \xff\n", "-")[2] == (
        "-:2:9: error: not UTF-8 text (byte 0xff): save the file as UTF-8\n")


def test_standard_input_alone_and_stdin_filename_only_with_it(run_cli, write):
    path = write(BAD)
    code, _, err = run_cli("check", "-", path)
    assert code == 2 and "`-` (standard input) cannot be mixed with other paths" in err
    code, _, err = run_cli("check", "--stdin-filename", "x.yaml", path)
    assert code == 2 and "--stdin-filename names standard input: give `-` as the path" in err


def test_quiet_prints_findings_only(run_cli, write, tmp_path):
    path = write(BAD)
    (tmp_path / "empty").mkdir()
    assert run_cli("check", "--isolated", "-q", path) == (1, f"{path}:4:3: {MISSING_BUDGET}\n"
                                                              f"{path}:4:3: {MISSING_OWNER}\n", "")
    assert run_cli("check", "--isolated", "--quiet", tmp_path / "empty") == (0, "", "")


def test_statistics_counts_per_rule_most_first(run_cli, write):
    path = write(BAD + "  other: {kind: service}\n")
    code, out, _ = run_cli("check", "--isolated", "--statistics", path)
    # equal counts: by rule name
    assert (code, out) == (1, "2  warning  missing-error-budget\n2  error    missing-owner\n"
                              "Found 2 errors and 2 warnings in 1 file.\n")
    path = write(BAD + "  other: {kind: service, error_budget: {availability: 99%}}\n", "more.yaml")
    code, out, _ = run_cli("check", "--isolated", "--statistics", "-q", path)
    assert (code, out) == (1, "2  error    missing-owner\n1  warning  missing-error-budget\n")
    code, _, err = run_cli("check", "--statistics", "--format", "json", path)
    assert code == 2 and "--statistics prints text" in err


def test_exit_zero_keeps_findings_but_not_input_errors(run_cli, write):
    assert run_cli("check", "--isolated", "--exit-zero", "-q", write(BAD))[0] == 0
    assert run_cli("check", "--isolated", "--exit-zero", write("designlint: 1\nsystem: [\n", "bad.yaml"))[0] == 2


def test_output_file_is_written_whole_and_never_over_an_input(run_cli, write, tmp_path):
    path = write(BAD)
    report = tmp_path / "out" / "report.txt"
    report.parent.mkdir()
    assert run_cli("check", "--isolated", "--output-file", report, path) == (1, "", "")
    assert report.read_text() == (f"{path}:4:3: {MISSING_BUDGET}\n{path}:4:3: {MISSING_OWNER}\n"
                                  "Found 1 error and 1 warning in 1 file.\n")
    assert [n for n in os.listdir(report.parent)] == ["report.txt"]  # no temporary file left
    before = path.read_text()
    assert run_cli("check", "--isolated", "-o", path, path) == (
        2, "", f"{path}: error: is an input of this run ({path}): writing the report there would destroy it; "
               "choose another file\n")
    assert path.read_text() == before
    # a design found in a folder is an input too
    code, _, err = run_cli("check", "--isolated", "-o", path, tmp_path)
    assert code == 2 and "is an input" in err and path.read_text() == before


def test_format_markdown(run_cli, write):
    path = write(BAD.replace("{kind: interface}", "{kind: interface, owner: \"@web|team\"}"))
    code, out, _ = run_cli("check", "--isolated", "--format", "markdown", path)
    assert code == 0
    assert out == (
        "## designlint: passes\n\nFound 1 warning in 1 file.\n\n"
        "### Findings (1; 0 fail the run at `--fail-on error`)\n\n"
        "| severity | rule | where | message |\n|---|---|---|---|\n"
        f"| warning | `missing-error-budget` | `{path}:4:3` | `chat` (interface) has no error budget: add the "
        "targets it must hold, e.g. `error_budget: {availability: 99.9%, latency_p99: 300ms}` |\n")


def test_system_lints_one_design_and_names_a_missing_one(run_cli, write):
    path = write(TWO, "two.md")
    code, out, _ = run_cli("check", "--isolated", "--system", "two", "-q", path)
    assert (code, out.count("\n")) == (0, 1) and "`b` (rule) has no error budget" in out
    code, out, _ = run_cli("check", "--isolated", "--system", "one", "-q", path)
    assert code == 1 and "`a` (rule) has no owner" in out and "`b`" not in out
    assert run_cli("check", "--isolated", "--system", "three", path) == (
        2, "", f"designlint: error: no design has `system: three` in {path}\n")


def test_diagram_refuses_several_designs_before_linting(run_cli, write, tmp_path, monkeypatch):
    path = write(TWO, "two.md")
    import designlint.findings.engine as engine

    def no_lint(*args, **kwargs):
        raise AssertionError("linted before refusing")

    monkeypatch.setattr(engine, "lint", no_lint)
    monkeypatch.setattr("designlint.findings.run.lint", no_lint)
    out = tmp_path / "d.dot"
    assert run_cli("check", "--isolated", "--diagram", out, path) == (
        2, "", "designlint: error: --diagram draws one design, but 2 were found (one, two): choose one with "
               "--system, name one file, or use `designlint render`\n")
    assert not out.exists()
    monkeypatch.undo()
    code, _, _ = run_cli("check", "--isolated", "--diagram", out, "--system", "two", path)
    assert code == 0 and out.read_text().startswith('digraph "two"')


def test_diagram_of_standard_input_refuses_several_designs_too(tmp_path):
    out = tmp_path / "d.mmd"
    assert run_stdin(TWO, "-", "--stdin-filename", "two.md", "--diagram", str(out)) == (
        2, "", "designlint: error: --diagram draws one design, but 2 were found (one, two): choose one with "
               "--system, name one file, or use `designlint render`\n")
    code, stdout, _ = run_stdin(TWO, "-", "--stdin-filename", "two.md", "--diagram", str(out), "--system", "one")
    assert code == 1 and stdout.startswith("two.md:7:3: warning missing-error-budget `a` (rule)") and out.read_text().startswith("---\ntitle: ")
