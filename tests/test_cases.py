"""Data-driven rule tests: every tests/cases/*.yaml is a list of cases.

Each case is ``{name, design, rules, expect}``, or ``{name, design, rules,
expect_input_error: {line: N}}`` for a design that must be refused (exit 2, one
``file:N:col: error:`` line naming that line). The design is written to a
file, ``designlint check --format json`` is run on it in-process (click's
CliRunner), and the multiset of findings whose rule is in ``rules`` is compared
with ``expect``. A finding is compared on (rule, component, line, waived);
``waived`` defaults to false in ``expect``; an optional ``column`` in ``expect``
is compared too.

The cases are written from the contract (/work/shared/FORMAT.md), not from the
implementation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_runner
import yaml

CASES_DIR = Path(__file__).parent / "cases"

CORE_SEVERITY = {
    "missing-owner": "error",
    "missing-fallback": "error",
    "missing-error-budget": "warning",
    "missing-feedback-loop": "warning",
    "ungated-irreversible-action": "error",
    "unknown-reference": "error",
    "fallback-cycle": "error",
    "unused-waiver": "info",
}

FINDING_KEYS = {
    "rule",
    "severity",
    "component",
    "file",
    "line",
    "column",
    "message",
    "waived",
    "waive_reason",
}

EXPECT_KEYS = {"rule", "component", "line", "column", "waived"}


def _load_cases():
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(cases, list), f"{path.name}: must be a list of cases"
        seen = set()
        for case in cases:
            assert {"name", "design", "rules"} <= set(case), (path.name, case)
            assert ("expect" in case) != ("expect_input_error" in case), (path.name, case["name"])
            assert case["name"] not in seen, f"{path.name}: duplicate case name {case['name']!r}"
            seen.add(case["name"])
            params.append(pytest.param(path.name, case, id=f"{path.name}::{case['name']}"))
    return params


CASES = _load_cases()


@pytest.fixture(scope="module")
def cli_main():
    # Imported here, not at module level, so that collection works even before
    # the package exists.
    from designlint.cli import main

    return main


@pytest.fixture()
def runner():
    return make_runner()


def _matches(expected: dict, actual: dict) -> bool:
    if actual["rule"] != expected["rule"]:
        return False
    if actual["component"] != expected["component"]:
        return False
    if actual["line"] != expected["line"]:
        return False
    if bool(actual["waived"]) != bool(expected.get("waived", False)):
        return False
    if "column" in expected and actual["column"] != expected["column"]:
        return False
    return True


def _short(f: dict) -> dict:
    return {
        k: f.get(k)
        for k in ("rule", "component", "line", "column", "waived", "severity", "message")
    }


def test_case_files_exist():
    names = {p.name for p in CASES_DIR.glob("*.yaml")}
    for rule in [
        "missing-owner",
        "missing-fallback",
        "missing-error-budget",
        "missing-feedback-loop",
        "ungated-irreversible-action",
        "unknown-reference",
        "fallback-cycle",
        "waivers",
    ]:
        assert f"{rule}.yaml" in names


@pytest.mark.parametrize("case_file, case", CASES)
def test_case(case_file, case, tmp_path, runner, cli_main):
    if "expect_input_error" in case:
        _check_input_error(case, tmp_path, runner, cli_main)
        return
    for item in case["expect"]:
        assert set(item) <= EXPECT_KEYS, f"bad expect item in case file: {item}"
        assert item["rule"] in case["rules"], f"expect names a rule not in `rules`: {item}"

    design_path = tmp_path / "design.yaml"
    design_path.write_text(case["design"] + "\n", encoding="utf-8")

    result = runner.invoke(cli_main, ["check", "--format", "json", str(design_path)])
    stderr = result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"unexpected exception: {result.exception!r}\nstderr:\n{stderr}"
    )
    assert result.exit_code in (0, 1), (
        f"design should be readable, got exit {result.exit_code}\n"
        f"stdout:\n{result.stdout}\nstderr:\n{stderr}"
    )

    report = json.loads(result.stdout)
    assert isinstance(report, dict)
    assert isinstance(report.get("findings"), list)
    assert report.get("errors", []) == [], report.get("errors")
    findings = report["findings"]

    # Shape of every finding, whatever its rule.
    for f in findings:
        missing = FINDING_KEYS - set(f)
        assert not missing, f"finding lacks {sorted(missing)}: {f}"
        assert f["severity"] in ("error", "warning", "info"), f
        assert isinstance(f["line"], int) and f["line"] >= 1, f
        assert isinstance(f["column"], int) and f["column"] >= 1, f
        assert isinstance(f["message"], str) and f["message"].strip(), f
        assert isinstance(f["waived"], bool), f
        assert f["component"] is None or isinstance(f["component"], str), f
        assert Path(f["file"]).resolve() == design_path.resolve(), f
        if f["rule"] in CORE_SEVERITY:
            assert f["severity"] == CORE_SEVERITY[f["rule"]], f
        if f["waived"]:
            assert isinstance(f["waive_reason"], str) and f["waive_reason"].strip(), f
        else:
            assert not f["waive_reason"], f

    # Compare the selected findings with the expectation, as multisets.
    rules = set(case["rules"])
    actual = [f for f in findings if f["rule"] in rules]
    remaining = list(actual)
    unmatched = []
    # Expectations with a column first, so that they get their exact finding.
    for exp in sorted(case["expect"], key=lambda e: "column" not in e):
        for i, act in enumerate(remaining):
            if _matches(exp, act):
                del remaining[i]
                break
        else:
            unmatched.append(exp)
    assert not unmatched and not remaining, (
        f"\nexpected but not found: {unmatched}"
        f"\nfound but not expected: {[_short(f) for f in remaining]}"
        f"\nall selected findings: {[_short(f) for f in actual]}"
    )

    # Exit code: 1 iff any unwaived error among ALL findings (default --fail-on error).
    fails = any(f["severity"] == "error" and not f["waived"] for f in findings)
    assert result.exit_code == (1 if fails else 0), (
        f"exit {result.exit_code} inconsistent with findings "
        f"{[_short(f) for f in findings]}"
    )


def _check_input_error(case, tmp_path, runner, cli_main):
    design_path = tmp_path / "design.yaml"
    design_path.write_text(case["design"] + "\n", encoding="utf-8")
    result = runner.invoke(cli_main, ["check", "--format", "json", str(design_path)])
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    line = case["expect_input_error"]["line"]
    assert any(entry.startswith(f"{design_path}:{line}:") and ": error: " in entry for entry in lines), lines
    assert "Traceback" not in result.stderr
