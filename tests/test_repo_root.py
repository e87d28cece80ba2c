"""`designlint check .` at the project's root passes: the README's illustrative designs are marked
`designlint-ignore`, and the project config ([tool.designlint] in pyproject.toml) leaves out the examples
and test data, which are weak on purpose."""

from conftest import ROOT


def test_check_at_the_project_root_passes(run_process):
    code, out, err = run_process("check", ".", cwd=ROOT)
    assert (code, err) == (0, "")
    assert out == "No problems found in 2 files.\n"  # README.md (one real design left) and designlint/starter.yaml


def test_the_readme_illustrations_are_skipped_and_the_rest_linted(monkeypatch):
    from designlint.loading.markdown import design_blocks

    blocks = design_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert [b.text.splitlines()[-1] for b in blocks] == [  # the editors' example is a real, clean design
        "  chat: {kind: interface, owner: web-team, error_budget: {availability: 99.9%}}"]
