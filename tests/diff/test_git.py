"""`designlint diff --git REV [PATH...]`: the working tree against a revision, git run for real."""

import pytest

from conftest import git

GOOD = """\
designlint: 1
system: {system}
components:
  app: {{kind: interface, owner: web, error_budget: {{availability: 99%}}}}
  ops: {{kind: human, owner: support}}
flows:
  - app -> ops
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository with one commit (two designs, a YAML file that is no design, a Markdown doc); cwd in it."""
    git(tmp_path, "init", "-q")
    (tmp_path / "designs").mkdir()
    (tmp_path / "designs" / "a.yaml").write_text(GOOD.format(system="alpha"))
    (tmp_path / "designs" / "b.yaml").write_text(GOOD.format(system="beta"))
    (tmp_path / "workflow.yml").write_text("on: push\n")
    (tmp_path / "doc.md").write_text("# Doc\n\n```designlint\n" + GOOD.format(system="gamma") + "```\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_no_change_is_an_empty_diff(run_cli, repo):
    assert run_cli("diff", "--isolated", "--git", "HEAD") == (0, "0 findings introduced, 0 fixed, 0 unchanged.\n", "")


def test_a_changed_a_renamed_and_an_untracked_design(run_cli, repo):
    (repo / "designs" / "a.yaml").write_text(GOOD.format(system="alpha").replace(", owner: web", ""))
    git(repo, "mv", "designs/b.yaml", "designs/b2.yaml")
    (repo / "designs" / "c.yaml").write_text(GOOD.format(system="delta"))  # not added to git
    (repo / "workflow.yml").write_text("on: [push, pull_request]\n")  # changed, but no design
    code, out, err = run_cli("diff", "--isolated", "--git", "HEAD")
    assert (code, err) == (1, "")
    assert out == (
        "removed safeguard: designs/a.yaml:4:3: alpha/app: owner: owner `web` removed: nobody answers for "
        "`app` now\n"
        "system added: delta\n"
        "component added: delta/app\n"
        "component added: delta/ops\n"
        "component changed: alpha/app (owner)\n"
        "flow added: delta/app -> ops\n"
        "introduced: designs/a.yaml:4:3: error missing-owner `app` (interface) has no owner: add `owner: <team>` "
        "naming who answers for it when it fails\n"
        "1 safeguard removed; 1 finding introduced, 0 fixed, 0 unchanged; 1 of them fails the run "
        "(--fail-on error).\n")


def test_paths_limit_the_files_and_old_files_are_named_rev_colon_path(run_cli, repo):
    (repo / "designs" / "a.yaml").write_text(GOOD.format(system="alpha") + "  - ops -> app\n")
    (repo / "doc.md").write_text("# Doc\n\nGone.\n")
    code, out, _ = run_cli("diff", "--isolated", "--git", "HEAD", "--format", "json", "doc.md")
    assert code == 0
    assert '"removed": [\n      "gamma"\n    ]' in out and "alpha" not in out
    code, out, _ = run_cli("diff", "--isolated", "--git", "HEAD", "designs")
    assert (code, out) == (0, "flow added: ops -> app\n0 findings introduced, 0 fixed, 0 unchanged.\n")
    (repo / "designs" / "a.yaml").write_text("designlint: 1\nsystem: alpha\ncomponents:\n  app: {kind: rule}\n")
    git(repo, "commit", "-qam", "two")
    (repo / "designs" / "a.yaml").write_text(GOOD.format(system="alpha"))
    code, out, _ = run_cli("diff", "--isolated", "--git", "HEAD", "--format", "json", "designs")
    assert '"file": "HEAD:designs/a.yaml"' in out  # a fixed finding, in the old version
    assert code == 0


def test_a_bad_revision_or_no_repository_is_exit_2_with_one_line(run_cli, repo, tmp_path_factory, monkeypatch):
    assert run_cli("diff", "--git", "no-such-branch") == (
        2, "", "designlint: error: git: `no-such-branch` is not a commit in this repository\n")
    assert run_cli("diff", "--git", "--upload-pack=x") == (
        2, "", "designlint: error: git: `--upload-pack=x` is not a revision\n")
    monkeypatch.chdir(tmp_path_factory.mktemp("not-a-repo"))
    code, out, err = run_cli("diff", "--git", "HEAD")
    assert (code, out) == (2, "")
    assert err.startswith("designlint: error: git: not a git repository") and err.count("\n") == 1


def test_an_old_version_that_cannot_be_read_is_exit_2_named_rev_colon_path(run_cli, repo):
    (repo / "designs" / "a.yaml").write_text("designlint: 1\nsystem: [\n")
    git(repo, "commit", "-qam", "broken")
    (repo / "designs" / "a.yaml").write_text(GOOD.format(system="alpha"))
    code, out, err = run_cli("diff", "--isolated", "--git", "HEAD")
    assert code == 2
    assert err == "HEAD:designs/a.yaml:3:1: error: YAML syntax: did not find expected node content\n"


def test_from_a_subfolder_paths_are_relative_to_it(run_cli, repo, monkeypatch):
    (repo / "designs" / "a.yaml").write_text(GOOD.format(system="alpha").replace(", owner: web", ""))
    (repo / "doc.md").write_text("# Doc\n")  # outside the subfolder: not compared
    monkeypatch.chdir(repo / "designs")
    code, out, _ = run_cli("diff", "--isolated", "--git", "HEAD", "--format", "github")
    assert code == 1
    assert out.splitlines()[0] == ("::warning file=a.yaml,line=4,col=3,title=designlint diff%3A removed owner::"
                                   "app: owner `web` removed: nobody answers for `app` now")
    assert out.splitlines()[-1] == ("1 safeguard removed; 1 finding introduced, 0 fixed, 0 unchanged; 1 of them "
                                    "fails the run (--fail-on error).")
