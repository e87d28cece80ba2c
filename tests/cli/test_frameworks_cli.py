"""Framework references: on every rule, in `rules --format json`, `explain` and SARIF; `check --framework`
runs only the rules that cite a clause of it; `rules --framework` prints the clause -> rules table."""

import json

import pytest
import yaml

from designlint.rules import frameworks
from designlint.rules.registry import builtin_registry

CORE = ["missing-owner", "missing-fallback", "missing-error-budget", "missing-feedback-loop",
        "ungated-irreversible-action", "unknown-reference", "fallback-cycle"]
AI_RISK = ["lethal-trifecta", "unverified-binding-output", "adverse-action-without-appeal",
           "guardrail-failure-undeclared", "fail-open-guardrail", "prompt-only-constraint",
           "fallback-same-provider", "unevaluated-model"]

# missing-owner (nist, eu), isolated-component (no reference), lethal-trifecta (owasp-llm, eu, nist, agentic)
DESIGN = """\
designlint: 1
system: s
components:
  app: {kind: interface, error_budget: {availability: 99%}}
  box: {kind: service, owner: a, error_budget: {availability: 99%}}
flows:
  - app -> app
"""


def test_every_builtin_rule_has_references_that_name_known_clauses():
    specs = {spec.id: spec for spec in builtin_registry()}
    for rule_id in CORE + AI_RISK:
        assert specs[rule_id].references, f"{rule_id} must cite at least one clause"
    for spec in specs.values():
        assert all(frameworks.known(ref) for ref in spec.references), spec.id
    assert specs["isolated-component"].references == ()


def test_the_framework_names_are_the_catalogues():
    from importlib import resources

    data = yaml.safe_load((resources.files("designlint.rules") / "frameworks.yaml").read_text(encoding="utf-8"))
    assert tuple(data["frameworks"]) == frameworks.NAMES


def test_rules_json_lists_references(run_cli):
    code, out, _ = run_cli("rules", "--format", "json")
    rows = {row["id"]: row for row in json.loads(out)}
    assert code == 0
    assert rows["unverified-binding-output"]["references"] == [
        "owasp-llm-2025:LLM09", "owasp-agentic:T5", "nist-ai-rmf:MAP-2.2", "eu-ai-act:art-14"]
    assert rows["dead-end"]["references"] == []


def test_rules_framework_prints_every_clause_with_its_rules(run_cli):
    code, out, _ = run_cli("rules", "--framework", "owasp-llm-2025")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "OWASP Top 10 for LLM Applications 2025 (https://genai.owasp.org/llm-top-10/)"
    assert "owasp-llm-2025:LLM04  -  (Data and Model Poisoning)" in lines  # a clause no rule covers is listed
    assert "owasp-llm-2025:LLM09  unverified-binding-output  (Misinformation)" in lines
    assert "7 of 10 clauses covered by a rule." in lines
    assert lines[-1] == frameworks.DISCLAIMER
    code, out, _ = run_cli("rules", "--framework", "owasp-agentic", "--format", "json")
    document = json.loads(out)
    clauses = {row["clause"]: row["rules"] for row in document["clauses"]}
    assert len(clauses) == 15 and clauses["owasp-agentic:T1"] == []
    assert clauses["owasp-agentic:T10"] == ["human-without-sla"]


@pytest.mark.parametrize("framework, rules", [
    (None, {"missing-owner", "isolated-component"}),
    ("nist-ai-rmf", {"missing-owner"}),
    ("owasp-llm-2025", set()),
])
def test_check_framework_runs_only_the_rules_mapped_to_it(run_cli, write, framework, rules):
    path = write(DESIGN)
    args = ["check", "--format", "json", path] + (["--framework", framework] if framework else [])
    code, out, _ = run_cli(*args)
    found = {f["rule"] for f in json.loads(out)["findings"]}
    assert found == rules
    assert code == (1 if "missing-owner" in rules else 0)


def test_check_framework_narrows_a_selection(run_cli, write):
    path = write(DESIGN)
    code, out, _ = run_cli("check", "--format", "json", "--select", "isolated-component,missing-owner",
                           "--framework", "eu-ai-act", path)
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["missing-owner"]


def test_an_unknown_framework_is_a_usage_error(run_cli, write):
    code, _, err = run_cli("check", "--framework", "owasp-llm", write(DESIGN))
    assert code == 2 and "'owasp-llm' is not one of 'owasp-llm-2025'" in err


def test_explain_ends_with_references_and_the_disclaimer(run_cli):
    code, out, _ = run_cli("explain", "adverse-action-without-appeal")
    tail = out.rstrip("\n").split("\n\n")[-2:]
    assert code == 0
    assert tail[0].splitlines()[:2] == [
        "Framework clauses:", "  nist-ai-rmf:MEASURE-3.3  Feedback processes let end users and impacted communities report "
        "problems and appeal system outcomes (NIST AI RMF 1.0 (NIST AI 100-1))"]
    assert tail[1] == frameworks.DISCLAIMER
    out = run_cli("explain", "dead-end")[1]
    assert "  none: no clause of the frameworks designlint cites supports this rule" in out


def test_sarif_rules_carry_references_as_tags_and_in_help(run_cli, write):
    code, out, _ = run_cli("check", "--format", "sarif", write(DESIGN))
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["lethal-trifecta"]["properties"]["tags"] == list(builtin_registry().get("lethal-trifecta").references)
    assert rules["dead-end"]["properties"]["tags"] == []
    assert "`owasp-llm-2025:LLM01`" in rules["lethal-trifecta"]["help"]["markdown"]
    assert "Framework clauses:\n  owasp-llm-2025:LLM01" in rules["lethal-trifecta"]["help"]["text"]


PACK = """\
designlint-pack: 1
name: team
rules:
  - id: agent-needs-layer
    severity: warning
    summary: Every agent is placed in a layer.
    select: {kind: agent}
    require:
      - present: layer
    message: "{label} has no layer"
    references: [nist-ai-rmf:GOVERN-2.1, {ref}]
"""


def test_a_pack_rule_declares_references(run_cli, write):
    pack = write(PACK.replace("{ref}", "owasp-llm-2025:LLM06"), "pack.yaml")
    code, out, _ = run_cli("rules", "--format", "json", "--pack", pack)
    row = next(r for r in json.loads(out) if r["id"] == "agent-needs-layer")
    undeclared = write(PACK.replace("    references: [nist-ai-rmf:GOVERN-2.1, {ref}]\n", ""), "bare.yaml")
    out_explain = run_cli("explain", "agent-needs-layer", "--pack", undeclared)[1]
    assert "Framework clauses:\n  none declared (a pack rule lists its clauses under `references:`)\n" in out_explain
    assert row["references"] == ["nist-ai-rmf:GOVERN-2.1", "owasp-llm-2025:LLM06"]
    out = run_cli("rules", "--framework", "owasp-llm-2025", "--pack", pack)[1]
    assert "owasp-llm-2025:LLM06  ungated-irreversible-action, lethal-trifecta, fail-open-guardrail, " \
           "prompt-only-constraint, agent-needs-layer  (Excessive Agency)" in out.splitlines()


def test_a_pack_reference_to_an_unknown_clause_is_an_input_error(run_cli, write):
    pack = write(PACK.replace("{ref}", "owasp-llm-2025:LLM6"), "pack.yaml")
    code, _, err = run_cli("rules", "--pack", pack)
    assert code == 2
    assert err == (f"{pack}:11:42: error: `owasp-llm-2025:LLM6` is not a clause designlint knows; did you mean "
                   "`owasp-llm-2025:LLM06`? (`designlint rules --framework NAME` lists them)\n")
