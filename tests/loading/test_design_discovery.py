"""[9] Designs are not skipped silently: BOM, flow style and upper-case suffixes are found; near misses are named."""

import pytest

BOM_DESIGN = "\ufeffdesignlint: 1\nsystem: refund-helper\ncomponents:\n  chat:\n    kind: interface\n    error_budget: {availability: 99.9%}\n"
GOOD = "designlint: 1\nsystem: s\ncomponents:\n  a: {kind: rule, owner: o, error_budget: {availability: 99%}}\n"


def test_a_bom_design_is_checked_with_force_exclude_and_by_a_walk(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bom.yaml").write_text(BOM_DESIGN, encoding="utf-8")
    expected = ("bom.yaml:4:3: error missing-owner `chat` (interface) has no owner: add `owner: <team>` naming who "
                "answers for it when it fails")
    for args in (["--force-exclude", "bom.yaml"], ["."]):
        code, out, err = run_cli("check", *args)
        assert code == 1, (args, out, err)
        assert expected in out.splitlines()


@pytest.mark.parametrize("name", ["D.YAML", "d.Yml", "NOTES.MD"])
def test_an_upper_case_suffix_is_found_by_a_walk(name, run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = GOOD if not name.endswith("MD") else "# x\n\n```designlint\n" + GOOD + "```\n"
    (tmp_path / name).write_text(text.replace("owner: o, ", ""))
    code, out, _ = run_cli("check", ".")
    assert code == 1 and out.splitlines()[-1] == "Found 1 error in 1 file."


def test_a_flow_style_design_is_found_by_a_walk(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.yaml").write_text("{designlint: 1, system: s, components: {a: {kind: rule}}}\n")
    code, out, _ = run_cli("check", ".")
    assert code == 1 and "f.yaml:1:41: error missing-owner" in out


def test_files_that_look_like_designs_but_are_passed_over_get_a_note(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.yaml").write_text(GOOD)
    (tmp_path / "d.yaml~").write_text(GOOD)
    (tmp_path / "d.yaml.bak").write_text(GOOD)
    (tmp_path / "forgot.yaml").write_text(GOOD.replace("designlint: 1\n", ""))
    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\n")
    code, out, err = run_cli("check", ".")
    assert (code, out) == (0, "No problems found in 1 file.\n")
    assert err.splitlines() == [
        "d.yaml.bak: note: looks like a design, but its name does not end .yaml, .yml, .md or .markdown: not checked",
        "d.yaml~: note: looks like a design, but its name does not end .yaml, .yml, .md or .markdown: not checked",
        "forgot.yaml: note: has `system:` and `components:` but no `designlint: 1` line, so it is not checked as a "
        "design",
    ]


def test_a_named_markdown_fence_missing_only_designlint_is_an_error_at_the_fence(run_cli, write):
    path = write("# Design\n\nText.\n\n```yaml\nsystem: s\ncomponents:\n  a: {kind: model}\n```\n", "doc.md")
    for command in ("check", "review"):
        code, out, err = run_cli(command, path)
        assert code == 2
        assert err.splitlines()[0] == (
            f"{path}:5:1: error: this ```yaml block has `system:` and `components:` but no `designlint: 1` key, so "
            "it is not read as a design: add `designlint: 1` as its first line (or open the fence with ```designlint)")
    assert run_cli("check", path)[1] == "1 file could not be read (1 input error): nothing was checked.\n"
