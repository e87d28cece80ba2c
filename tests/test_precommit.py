"""The pre-commit hook, run for real: `pre-commit try-repo` of this repository, and the README's
`.pre-commit-config.yaml` as written there, with `rev:` a tag made as the README says."""

import os
import re
import shutil
import subprocess
import sys

from conftest import ROOT, git

BAD = "designlint: 1\nsystem: s\ncomponents:\n  chat:\n    kind: interface\n"
GOOD = (ROOT / "designlint" / "starter.yaml").read_text()


def _project(tmp_path):
    """A repository with a bad YAML design, a good Markdown one and a YAML file that is no design."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "design.yaml").write_text(BAD)
    (repo / "docs.md").write_text("# Design\n\n```designlint\n" + GOOD + "```\n")
    (repo / "workflow.yml").write_text("on: push\n")  # YAML that is not a design: skipped
    git(repo, "add", ".")
    return repo


def _env(tmp_path):
    return dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), PRE_COMMIT_COLOR="never")


def _assert_fails_on_the_bad_design_only(proc):
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "design.yaml:4:3: error missing-owner" in proc.stdout
    located = re.findall(r"^(\S+?):\d+:\d+: ", proc.stdout, re.MULTILINE)
    assert located and set(located) == {"design.yaml"}  # the good Markdown design passes; workflow.yml is skipped


def test_try_repo_runs_the_hook_on_a_bad_design(tmp_path):
    repo = _project(tmp_path)
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "designlint", "--all-files"]
    bad = subprocess.run(pre_commit, cwd=repo, env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    _assert_fails_on_the_bad_design_only(bad)


def _readme_config() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```\n", readme, re.DOTALL)
    assert block, "the README's pre-commit snippet"
    return block.group(1)


def _tagged_copy(tmp_path):
    """This project's files (tracked, and new ones not ignored) in a fresh repository, tagged as the README says."""
    copy = tmp_path / "designlint"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    git(copy, "init", "-q")
    git(copy, "add", ".")
    git(copy, "commit", "-qm", "release")
    git(copy, "tag", "v0.1.0")  # the README: git tag v0.1.0 && git push origin v0.1.0
    return copy


def test_the_readme_snippet_works_with_a_tag_made_as_it_says(tmp_path):
    config = _readme_config()
    rev = re.search(r"^    rev: (\S+)", config, re.MULTILINE).group(1)
    assert rev == "v0.1.0"
    copy = _tagged_copy(tmp_path)
    repo = _project(tmp_path)
    (repo / ".pre-commit-config.yaml").write_text(re.sub(r"repo: \S+", f"repo: {copy}", config))
    git(repo, "add", ".")
    run = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    bad = subprocess.run(run, cwd=repo, env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    _assert_fails_on_the_bad_design_only(bad)
    (repo / "design.yaml").write_text(GOOD)
    git(repo, "add", ".")
    good = subprocess.run(run, cwd=repo, env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"^designlint\.+Passed$", good.stdout, re.MULTILINE)
