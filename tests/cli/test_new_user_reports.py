"""Faults a new user met on the first day (written from FORMAT.md and the README), each pinned exactly."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "rag-support-bot.yaml"
GOOD = "designlint: 1\nsystem: two\ncomponents:\n  a: {kind: rule, owner: x, error_budget: {availability: 99%}}\n"


def test_render_refuses_a_format_the_file_name_contradicts(run_cli, tmp_path):
    out = tmp_path / "x.svg"
    code, stdout, err = run_cli("render", EXAMPLE, "--format", "png", "-o", out)
    assert (code, stdout, out.exists()) == (2, "", False)
    assert err.endswith(f"Error: Invalid value for -o/--output: `{out}` names a svg file, but --format is png: "
                        "make them agree\n")


def test_check_diagram_names_its_own_option_and_refuses_before_linting(run_cli, tmp_path):
    code, stdout, err = run_cli("check", "--isolated", "--diagram", tmp_path / "d.txt", EXAMPLE)
    assert (code, stdout) == (2, "")  # nothing was linted: no findings printed
    assert err.endswith(f"Error: Invalid value for --diagram: cannot tell the format of `{tmp_path / 'd.txt'}`: "
                        "name it .svg, .png, .pdf, .dot or .mmd\n")


def test_an_empty_design_fence_is_called_a_block_not_a_file(run_cli, tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("# Doc\n\n```designlint\n" + GOOD + "```\n\n```designlint\n```\n")
    code, _, err = run_cli("check", "--isolated", doc)
    assert code == 2
    assert err == (f"{doc}:10:1: error: empty design block: a design needs `designlint: 1`, `system` and "
                   "`components` (or mark the fence an illustration with `designlint-ignore`)\n")


def test_a_broken_baseline_is_reported_in_json_words(run_cli, tmp_path):
    baseline = tmp_path / "b.json"
    baseline.write_text('{"designlint-baseline": 2,\n  "findings": [}\n')
    code, _, err = run_cli("check", "--isolated", "--baseline", baseline, EXAMPLE)
    assert code == 2
    assert err == f"{baseline}:2:16: error: JSON syntax: Expecting value: a baseline is the JSON file " \
                  "`designlint baseline` writes\n"


def test_a_design_given_as_a_pack_is_called_a_rule_pack(run_cli, tmp_path):
    code, _, err = run_cli("check", "--isolated", "--pack", EXAMPLE, EXAMPLE)
    assert code == 2
    assert err.splitlines()[0].endswith(": error: the rule pack is missing `designlint-pack`")


def test_render_draws_the_named_design_when_another_in_the_file_is_broken(run_cli, tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("```designlint\ndesignlint: 1\nsystem: one\ncomponents: {a: {kind: robot}}\n```\n\n"
                   "```designlint\n" + GOOD + "```\n")
    out = tmp_path / "two.dot"
    code, stdout, err = run_cli("render", doc, "--system", "two", "-o", out)
    assert (code, stdout) == (0, "")
    assert err.startswith(f"{doc}:4:24: warning: `kind` of component `a` is `robot`, not one of ")
    assert err.endswith(" (not drawn: --system two was)\n") and len(err.splitlines()) == 1
    assert "two" in out.read_text(encoding="utf-8")
    code, _, err = run_cli("render", doc, "--system", "one", "-o", out)
    assert code == 2 and err.startswith(f"{doc}:4:24: error: `kind` of component `a` is `robot`")


def test_a_markdown_file_read_in_part_is_summed_up_as_such(run_cli, tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("```designlint\ndesignlint: 1\nsystem: [\n```\n\n```designlint\ndesignlint: 1\nsystem: s\n"
                   "components:\n  c: {kind: rule, error_budget: {availability: 99%}}\n```\n")
    code, out, err = run_cli("check", "--isolated", "--select", "missing-owner", doc)
    assert code == 2 and err.startswith(f"{doc}:4:1: error: YAML syntax")
    assert out.splitlines()[-1] == ("1 file could be read only in part (1 input error). Found 1 error in what "
                                    "could be read (1 file).")


def test_findings_of_a_deleted_file_count_as_fixed_in_the_baseline(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(GOOD.replace("owner: x, ", ""))
    (tmp_path / "b.yaml").write_text(GOOD.replace("owner: x, ", "").replace("system: two", "system: three"))
    assert run_cli("baseline", "--isolated", "--select", "missing-owner", ".", "-o", "bl.json")[0] == 0
    (tmp_path / "b.yaml").unlink()
    code, out, _ = run_cli("check", "--isolated", "--select", "missing-owner", "--baseline", "bl.json", ".")
    assert (code, out) == (0, "No problems found in 1 file (1 in the baseline: `--show-waived` lists them). 1 finding in the baseline is "
                              "fixed: run `designlint baseline -o bl.json` to drop it.\n")


def test_a_misspelt_waiver_gets_its_hint_inside_the_sentence(run_cli, tmp_path):
    design = tmp_path / "w.yaml"
    design.write_text(GOOD.replace("}}", "}, waive: {missing-ownr: typo}}"))
    code, out, _ = run_cli("check", "--isolated", design)
    assert out.splitlines()[0] == (f"{design}:4:72: info unused-waiver `a` (rule) waives `missing-ownr`, which is "
                                   "not a rule: fix the rule name (did you mean `missing-owner`?) or remove the "
                                   "waiver")


import pytest  # noqa: E402


@pytest.mark.parametrize("args", [("review", "-"), ("report", "-", "-o", "r.html"), ("render", "-"),
                                  ("diff", "-", "new.yaml")])
def test_standard_input_is_refused_by_the_commands_that_read_files_only(run_cli, args):
    code, out, err = run_cli(*args)
    assert (code, out) == (2, "")
    assert err.endswith(f"Error: `-` (standard input) is read by `designlint check` only: give `{args[0]}` a file\n")


def test_explain_names_the_group_of_an_ai_risk_rule(run_cli):
    code, out, _ = run_cli("explain", "lethal-trifecta")
    assert out.splitlines()[0] == ("lethal-trifecta  (default severity: error; ai-risk; defined in "
                                   "designlint/rules/injection.py)")
