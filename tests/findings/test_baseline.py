"""Baselines: record today's findings, then fail only on new ones."""

import json
import os

from designlint.findings import baseline

DESIGN = """\
designlint: 1
system: s
components:
  chat:
    kind: interface
    error_budget: {availability: 99%}
  bot:
    kind: agent
    owner: ai
    fallback: chat
    evaluation: golden set
    error_budget: {availability: 99%}
    actions:
      - {name: refund, reversible: false}
flows:
  - {from: chat, to: bot, kind: feedback}
"""  # missing-owner on chat, ungated-irreversible-action on bot/refund


def _check(run_cli, *args):
    code, out, err = run_cli("check", "--format", "json", *args)
    return code, json.loads(out), err


def test_round_trip_with_lines_moved_and_one_new_finding(run_cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(DESIGN, "docs/d.yaml")
    code, out, _ = run_cli("baseline", "docs", "-o", "base.json")
    assert code == 0 and "Recorded 2 findings from 1 file in base.json." in out
    recorded = json.loads((tmp_path / "base.json").read_text())
    assert [(e["rule"], e["file"], e["component"], e["count"]) for e in recorded["findings"]] == [
        ("missing-owner", "docs/d.yaml", "chat", 1), ("ungated-irreversible-action", "docs/d.yaml", "bot", 1)]

    code, data, _ = _check(run_cli, "--baseline", "base.json", "docs")
    assert code == 0 and all(f["baselined"] for f in data["findings"])

    # Lines move, and a second ungated action is new: only it fails.
    moved = DESIGN.replace("designlint: 1\n", "# A comment\n\ndesignlint: 1\n").replace(
        "      - {name: refund, reversible: false}\n",
        "      - {name: refund, reversible: false}\n      - {name: delete_account, reversible: false}\n")
    write(moved, "docs/d.yaml")
    code, data, _ = _check(run_cli, "--baseline", "base.json", "docs")
    new = [f for f in data["findings"] if not f["baselined"]]
    assert code == 1 and [(f["rule"], f["subject"]) for f in new] == [("ungated-irreversible-action", "action:delete_account")]
    assert data["summary"]["baselined"] == 2 and data["baseline"]["matched"] == 2 and data["baseline"]["fixed"] == 0
    code, out, _ = run_cli("check", "--baseline", "base.json", "docs")
    assert out.count("\n") == 2 and "delete_account" in out and "(2 in the baseline: `--show-waived` lists them)" in out


def test_a_second_identical_finding_is_new(write, tmp_path):
    from designlint.findings.run import lint_paths

    path = write(DESIGN, "d.yaml")
    report = lint_paths([str(path)])
    items = baseline.entries(report.findings, str(tmp_path))
    doubled = report.__class__(report.findings + report.findings, files=report.files)
    compared = baseline.compare(doubled, str(tmp_path / "b.json"), items)
    assert sum(f.baselined for f in compared.findings) == len(report.findings)
    assert compared.exit_code == 1


def test_fixed_findings_are_counted_and_only_in_checked_files(run_cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(DESIGN, "a.yaml")
    write(DESIGN, "b.yaml")
    assert run_cli("baseline", "a.yaml", "b.yaml", "-o", "base.json")[0] == 0
    write(DESIGN.replace("  chat:\n    kind: interface\n", "  chat:\n    kind: interface\n    owner: web\n"), "a.yaml")
    code, data, _ = _check(run_cli, "--baseline", "base.json", "a.yaml")
    assert code == 0 and data["baseline"] == {"file": "base.json", "recorded": 4, "matched": 1, "fixed": 1}
    out = run_cli("check", "--baseline", "base.json", "a.yaml")[1]
    assert out.endswith("1 finding in the baseline is fixed: run `designlint baseline -o base.json` to drop it.\n")
    write("designlint: 1\nsystem: [\n", "b.yaml")  # unreadable: its findings are not known to be fixed
    code, data, _ = _check(run_cli, "--baseline", "base.json", "a.yaml", "b.yaml")
    assert code == 2 and data["baseline"]["fixed"] == 1


def test_baseline_works_from_another_directory_and_from_config(run_cli, write, tmp_path, monkeypatch):
    write(DESIGN, "docs/d.yaml")
    write("baseline: ci/base.json\n", ".designlint.yaml")
    (tmp_path / "ci").mkdir()
    monkeypatch.chdir(tmp_path)
    assert run_cli("baseline", "docs")[0] == 0  # written where the config says
    assert (tmp_path / "ci" / "base.json").exists()
    monkeypatch.chdir(tmp_path / "docs")
    code, data, _ = _check(run_cli, "d.yaml")
    assert code == 0 and data["baseline"]["matched"] == 2


def test_baseline_is_deterministic_and_atomic(run_cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(DESIGN, "d.yaml")
    run_cli("baseline", "d.yaml", "-o", "base.json")
    first = (tmp_path / "base.json").read_bytes()
    run_cli("baseline", "d.yaml", "-o", "base.json")
    assert (tmp_path / "base.json").read_bytes() == first
    assert sorted(os.listdir(tmp_path)) == ["base.json", "d.yaml"]  # no temp file left behind


def test_no_baseline_is_written_when_a_design_cannot_be_read(run_cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("designlint: 1\nsystem: [\n", "bad.yaml")
    code, _, err = run_cli("baseline", "bad.yaml", "-o", "base.json")
    assert code == 2 and "no baseline written" in err and not (tmp_path / "base.json").exists()


def test_bad_baseline_files_are_input_errors(run_cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(DESIGN, "d.yaml")
    code, _, err = run_cli("check", "--baseline", "missing.json", "d.yaml")
    assert code == 2 and err.startswith("missing.json: error: no such baseline file")
    write('{"designlint-baseline": 1,\n "findings": [{"rule": "x"}]}\n', "bad.json")
    code, _, err = run_cli("check", "--baseline", "bad.json", "d.yaml")
    assert code == 2 and "bad.json:2:15: error:" in err and "missing `fingerprint`" in err
    write('{"designlint-baseline": 1,\n "findings": [}\n', "broken.json")
    code, _, err = run_cli("check", "--baseline", "broken.json", "d.yaml")
    assert code == 2 and err.startswith("broken.json:2:") and "Traceback" not in err


def test_sarif_marks_baselined_results(run_cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(DESIGN, "d.yaml")
    run_cli("baseline", "d.yaml", "-o", "base.json")
    write(DESIGN.replace("    owner: ai\n", ""), "d.yaml")  # a new missing-owner on bot
    code, out, _ = run_cli("check", "--format", "sarif", "--baseline", "base.json", "d.yaml")
    results = json.loads(out)["runs"][0]["results"]
    states = sorted((r["ruleId"], r["baselineState"], "suppressions" in r) for r in results)
    assert code == 1
    assert states == [("missing-owner", "new", False), ("missing-owner", "unchanged", True),
                      ("ungated-irreversible-action", "unchanged", True)]
