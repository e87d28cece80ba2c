"""CI runs the README's test command, as written there."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command_literally():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    command = readme[readme.index("# Install what the tests need (Graphviz, chromium, the Mermaid CLI; as root), "
                                  "then run the tests") + 1]
    assert command.startswith("bash .ci/system-deps && ") and command.endswith("python -m pytest")
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
