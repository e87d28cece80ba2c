"""Data-driven rule tests: every tests/cases/*.yaml is a list of cases.

Each case is ``{name, design, rules, expect}``, or ``{name, design,
expect_input_error: {line: N}}`` for a design that must be refused: exit 2,
every stderr line ``file:line:col: error: ...`` (no traceback), one of them
at line N. The design is written to a
file, ``designlint check --select RULES --format json`` is run on it in-process
(conftest's run_cli) with only the case's ``rules`` selected, and the multiset
of findings is compared with ``expect``. A finding is compared on (rule, component, line, waived);
``waived`` defaults to false in ``expect``; an optional ``column`` in ``expect``
is compared too.

The cases are written from the contract (FORMAT.md, the design format), not
from the implementation. Every rule of the registry has its file,
tests/cases/<rule-id>.yaml, with a case where it fires and one where it does not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from designlint.rules.registry import builtin_registry

CASES_DIR = Path(__file__).parents[1] / "cases"

SEVERITY = {spec.id: spec.severity.value for spec in builtin_registry()}  # each rule's default severity

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
            assert ({"name", "design", "rules", "expect"} <= set(case)
                    or {"name", "design", "expect_input_error"} <= set(case)), (path.name, case)
            assert case["name"] not in seen, f"{path.name}: duplicate case name {case['name']!r}"
            seen.add(case["name"])
            params.append(pytest.param(path.name, case, id=f"{path.name}::{case['name']}"))
    return params


CASES = _load_cases()


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


@pytest.mark.parametrize("rule_id", builtin_registry().ids())
def test_every_rule_has_a_case_file_where_it_fires_and_where_it_does_not(rule_id):
    path = CASES_DIR / f"{rule_id}.yaml"
    assert path.is_file(), f"add {path.relative_to(CASES_DIR.parent.parent)}"
    cases = [case for case in yaml.safe_load(path.read_text(encoding="utf-8")) if rule_id in case["rules"]]
    def fired(case) -> bool:  # an unwaived finding of the rule is expected
        return any(e["rule"] == rule_id and not e.get("waived") for e in case["expect"])

    fires, quiet = [c["name"] for c in cases if fired(c)], [c["name"] for c in cases if not fired(c)]
    assert fires and quiet, f"{path.name}: a case where `{rule_id}` fires ({fires}) and one where not ({quiet})"


def test_every_case_names_only_known_rules():
    known = set(builtin_registry().ids())
    assert [(p.values[0], r) for p in CASES for r in p.values[1].get("rules", ()) if r not in known] == []


def _refused(case, design_path, run_cli):
    code, out, err = run_cli("check", "--format", "json", design_path)
    assert code == 2, f"the design should be refused, got exit {code}:\n{out}"
    lines = err.strip().splitlines()
    prefix = f"{design_path}:"
    assert lines and all(line.startswith(prefix) and ": error: " in line for line in lines), err
    assert case["expect_input_error"]["line"] in [int(line[len(prefix):].split(":")[0]) for line in lines], err


@pytest.mark.parametrize("case_file, case", CASES)
def test_case(case_file, case, tmp_path, run_cli):
    if "expect_input_error" in case:
        design_path = tmp_path / "design.yaml"
        design_path.write_text(case["design"] + "\n", encoding="utf-8")
        _refused(case, design_path, run_cli)
        return
    for item in case["expect"]:
        assert set(item) <= EXPECT_KEYS, f"bad expect item in case file: {item}"
        assert item["rule"] in case["rules"], f"expect names a rule not in `rules`: {item}"

    design_path = tmp_path / "design.yaml"
    design_path.write_text(case["design"] + "\n", encoding="utf-8")

    code, out, err = run_cli("check", "--select", ",".join(case["rules"]), "--format", "json", design_path)
    assert err == "", err

    report = json.loads(out)
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
        assert f["severity"] == SEVERITY[f["rule"]], f
        if f["waived"]:
            assert isinstance(f["waive_reason"], str) and f["waive_reason"].strip(), f
        else:
            assert not f["waive_reason"], f

    # Compare the findings (of the selected rules only) with the expectation, as multisets.
    actual = findings
    assert {f["rule"] for f in actual} <= set(case["rules"])
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
    assert code == (1 if fails else 0), (
        f"exit {code} inconsistent with findings "
        f"{[_short(f) for f in findings]}"
    )
