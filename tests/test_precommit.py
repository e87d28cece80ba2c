"""The pre-commit hook, run for real: `pre-commit try-repo` of this repository on a temporary git repo."""

import os
import re
import subprocess
import sys

from conftest import ROOT

BAD = "designlint: 1\nsystem: s\ncomponents:\n  chat:\n    kind: interface\n"
GOOD = (ROOT / "designlint" / "starter.yaml").read_text()


def _git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
                   cwd=repo, check=True, capture_output=True)


def test_pre_commit_hook_fails_on_a_bad_design_and_passes_on_a_good_one(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "design.yaml").write_text(BAD)
    (repo / "docs.md").write_text("# Design\n\n```designlint\n" + GOOD + "```\n")
    (repo / "workflow.yml").write_text("on: push\n")  # YAML that is not a design: skipped
    _git(repo, "add", ".")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), PRE_COMMIT_COLOR="never")
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "designlint", "--all-files"]

    bad = subprocess.run(pre_commit, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "design.yaml:4:3: error missing-owner" in bad.stdout
    located = re.findall(r"^(\S+?):\d+:\d+: ", bad.stdout, re.MULTILINE)
    assert located and set(located) == {"design.yaml"}  # the good Markdown design passes; workflow.yml is skipped

    (repo / "design.yaml").write_text(GOOD)
    _git(repo, "add", ".")
    good = subprocess.run(pre_commit, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
