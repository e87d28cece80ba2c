"""Rule packs: loading, precise errors, predicates, re-grading and disabling, and the CLI's --rules."""

from __future__ import annotations

import json
import textwrap

import pytest

from designlint.rules import packs
from designlint.findings.engine import lint
from designlint.errors import InputErrors
from designlint.rules import Severity
from designlint.model.build import loads
from designlint.rules.registry import Registry, builtin_registry as default_registry, rules_for

TEAM_PACK = """\
designlint-pack: 1
name: team
description: Our team's house rules.
rules:
  - id: agent-needs-layer
    severity: warning
    summary: Every agent is placed in a layer.
    select: {kind: agent}
    require:
      - present: layer
    message: "{label} has no layer: add `layer: agents` (owner {owner})"
    at: kind
regrade:
  missing-error-budget: error
disable: [unmonitored-model]
"""

DESIGN = """\
designlint: 1
system: s
components:
  bot:
    kind: agent
    owner: ai
    fallback: people
    error_budget: {error_rate: 1%}
  svc:
    kind: service
    owner: platform
  people: {kind: human, owner: care, sla: 1h}
  mon: {kind: monitor, owner: ai, error_budget: {alert_latency: 5m}}
  scorer: {kind: model, owner: ai, fallback: people, error_budget: {recall: ">= 0.9"}}
flows:
  - bot -> svc -> people
  - {from: people, to: bot, kind: feedback}
  - {from: people, to: scorer, kind: feedback}
  - svc -> mon
  - {from: mon, to: people, kind: escalation}
"""


def _findings(out: str) -> list[dict]:
    return json.loads(out)["findings"]


def test_a_user_pack_adds_a_rule_regrades_and_disables_others(run_cli, write, tmp_path):
    pack = write(TEAM_PACK, "team.yaml")
    design = write(DESIGN)
    code, out, err = run_cli("check", "--format", "json", design)
    before = {(f["rule"], f["component"]): f["severity"] for f in _findings(out)}
    assert before[("missing-error-budget", "svc")] == "warning"
    assert ("unmonitored-model", "scorer") in before
    assert code == 0, err

    code, out, err = run_cli("check", "--format", "json", "--pack", pack, design)
    after = {(f["rule"], f["component"]): f for f in _findings(out)}
    added = after[("agent-needs-layer", "bot")]
    assert added["severity"] == "warning"
    assert added["message"] == "`bot` (agent) has no layer: add `layer: agents` (owner ai)"
    assert (added["line"], added["column"]) == (5, 11)  # `at: kind` points at the kind's value
    assert after[("missing-error-budget", "svc")]["severity"] == "error"
    assert ("unmonitored-model", "scorer") not in after
    assert code == 1  # the re-graded finding now fails the run


def test_pack_rules_can_be_selected_listed_and_explained(run_cli, write):
    pack = write(TEAM_PACK, "team.yaml")
    design = write(DESIGN)
    code, out, _ = run_cli("check", "--format", "json", "--pack", pack, "--select", "agent-needs-layer", design)
    assert {f["rule"] for f in _findings(out)} == {"agent-needs-layer"}
    code, out, _ = run_cli("rules", "--format", "json", "--pack", pack)
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["agent-needs-layer"]["origin"] == "pack team"
    assert rows["missing-error-budget"]["severity"] == "error"
    assert rows["unmonitored-model"]["enabled"] is False and rows["missing-owner"]["enabled"] is True
    code, out, _ = run_cli("rules", "--pack", pack)
    assert any(line.split()[:2] == ["unmonitored-model", "off"] for line in out.splitlines())
    code, out, _ = run_cli("explain", "--pack", pack, "agent-needs-layer")
    assert code == 0 and "Every agent is placed in a layer." in out and "pack team" in out


def test_selecting_a_pack_rule_without_its_pack_is_a_command_line_error(run_cli, write):
    code, _, err = run_cli("check", "--select", "agent-needs-layer", write(DESIGN))
    assert code == 2 and "`agent-needs-layer` is not a rule" in err


# Each bad pack: (what is wrong, the pack text, the expected `line:col: error: message` fragment).
BAD_PACKS = [
    ("typo in a predicate name", "      - presnt: layer\n",
     "9:9: error: `rules[0].require[0]`: unknown field `presnt`; did you mean `present`?"),
    ("typo in a predicate option", "      - reaches: {kind: human, from_fallback: true}\n",
     "9:32: error: `rules[0].require[0].reaches`: unknown field `from_fallback`; did you mean `from_fallbacks`?"),
    ("unknown component kind in an option", "      - reaches: {kind: humn}\n",
     "9:25: error: `rules[0].require[0].reaches.kind` is `humn`, not one of"),
    ("unknown component field", "      - present: ownr\n",
     "9:18: error: `ownr` is not a component field; did you mean `owner`?"),
    ("bad regular expression", "      - matches: {field: owner, pattern: \"(\"}\n",
     "9:42: error: `pattern` is not a regular expression"),
    ("two predicates in one item", "      - {present: owner, absent: layer}\n",
     "9:9: error: `rules[0].require[0]`"),
]


@pytest.mark.parametrize("what, require, expected", BAD_PACKS, ids=[b[0] for b in BAD_PACKS])
def test_a_bad_pack_fails_with_file_line_and_column(run_cli, write, what, require, expected):
    text = textwrap.dedent("""\
        designlint-pack: 1
        name: team
        rules:
          - id: my-rule
            severity: warning
            summary: A rule.
            message: "{label} is wrong"
            require:
        """) + require
    pack = write(text, "pack.yaml")
    code, out, err = run_cli("check", "--pack", pack, write(DESIGN))
    assert code == 2
    assert out == ""
    assert f"{pack}:{expected}" in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("rule_id, severity, message, expected", [
    ("my-rule", "warning", '"{lable} is wrong"', "7:14: error: the message names an unknown placeholder `{lable}`"),
    ("my-rule", "warning", '"{id.__class__} is wrong"',
     "7:14: error: the message names an unknown placeholder `{id.__class__}`"),
    ("my-rule", "warning", '"{label is wrong"', "7:14: error: the message has an unmatched brace"),
    ("missing-owner", "warning", '"{label}"', "4:9: error: rule `missing-owner` is already defined (core)"),
    ("my-rule", "warnng", '"{label}"',
     "5:15: error: `rules[0].severity` is `warnng`, not one of error, warning, info; did you mean `warning`?"),
    ("My_Rule", "warning", '"{label}"', "4:9: error: `rules[0].id` `My_Rule` is not in the expected form"),
], ids=["placeholder-typo", "attribute-access", "unmatched-brace", "clash-with-core", "severity-typo", "bad-id"])
def test_messages_ids_and_severities_are_checked(run_cli, write, rule_id, severity, message, expected):
    text = (
        "designlint-pack: 1\n"
        "name: team\n"
        "rules:\n"
        f"  - id: {rule_id}\n"
        f"    severity: {severity}\n"
        "    summary: A rule.\n"
        f"    message: {message}\n"
        "    require:\n"
        "      - present: owner\n"
    )
    pack = write(text, "pack.yaml")
    code, _, err = run_cli("check", "--pack", pack, write(DESIGN))
    assert code == 2 and f"{pack}:{expected}" in err, err


def test_regrade_and_disable_name_known_rules(run_cli, write):
    pack = write("designlint-pack: 1\nname: t\nregrade:\n  missing-ownr: info\ndisable: [dead-edn]\n", "p.yaml")
    code, _, err = run_cli("check", "--pack", pack, write(DESIGN))
    assert code == 2
    assert f"{pack}:4:3: error: `regrade` names `missing-ownr`, which is not a rule; did you mean `missing-owner`?" in err
    assert f"{pack}:5:11: error: `disable` names `dead-edn`, which is not a rule; did you mean `dead-end`?" in err


@pytest.mark.parametrize("text, expected", [
    ("designlint-pack: 1\nname: t\nrules: [\n", "YAML syntax"),
    ("designlint-pack: 1\nname: t\nx: !!python/object:os.system echo\n", "unsupported YAML tag"),
    ("designlint-pack: 2\nname: t\n", "`designlint-pack`"),
    ("", "a rule pack is a mapping that starts with `designlint-pack: 1`"),
    ("- designlint-pack: 1\n", "a rule pack is a mapping that starts with `designlint-pack: 1`"),
])
def test_unreadable_packs_are_input_errors(run_cli, write, text, expected):
    pack = write(text, "p.yaml")
    code, _, err = run_cli("check", "--pack", pack, write(DESIGN))
    assert code == 2 and err.startswith(f"{pack}:") and expected in err, err


def test_a_missing_pack_file_is_an_input_error(run_cli, write, tmp_path):
    code, _, err = run_cli("check", "--pack", tmp_path / "nope.yaml", write(DESIGN))
    assert code == 2 and "nope.yaml: error: no such file or directory" in err


def test_a_bad_pack_changes_nothing():
    registry = default_registry()
    before = [(s.id, s.severity) for s in registry]
    bad = "designlint-pack: 1\nname: t\nregrade: {missing-owner: info}\ndisable: [no-such-rule]\n"
    with pytest.raises(InputErrors):
        packs.apply(packs.parse(bad, "p.yaml", registry), registry)
    assert [(s.id, s.severity) for s in registry] == before


def test_load_registry_applies_packs_in_order(tmp_path):
    first = tmp_path / "a.yaml"
    first.write_text("designlint-pack: 1\nname: a\nregrade: {dead-end: error}\n", encoding="utf-8")
    second = tmp_path / "b.yaml"
    second.write_text("designlint-pack: 1\nname: b\nregrade: {dead-end: info}\n", encoding="utf-8")
    assert rules_for(None, [str(first), str(second)]).get("dead-end").severity is Severity.INFO
    assert rules_for(None, [str(second), str(first)]).get("dead-end").severity is Severity.ERROR
    assert default_registry().get("dead-end").severity is Severity.WARNING  # the built-ins are not touched


def test_missing_owner_is_a_python_rule_since_it_reads_layers_and_defaults():
    spec = default_registry().get("missing-owner")
    assert spec.origin == "core" and spec.severity is Severity.ERROR
    assert spec.source == "designlint/rules/ownership.py"


# --- predicates, one pack rule each ----------------------------------------------------

GRAPH = """\
designlint: 1
system: g
components:
  app: {kind: interface, owner: web, layer: edge}
  router: {kind: orchestrator, owner: platform}
  model: {kind: model, owner: ds, fallback: [backup, rules], rollback: pinned}
  backup: {kind: model, owner: ds, fallback: model}
  rules: {kind: rule, owner: ds}
  actor:
    kind: service
    owner: pay
    actions:
      - {name: pay, reversible: false, gate: people}
  people: {kind: human, owner: care, sla: 4h}
  mon: {kind: monitor, owner: ds}
  loop_a: {kind: service, owner: x}
  loop_b: {kind: service, owner: x}
flows:
  - app -> router -> model
  - model -> actor
  - {from: router, to: people, kind: escalation}
  - {from: people, to: model, kind: feedback}
  - mon -> rules
  - loop_a -> loop_b -> loop_a
"""


def _fired(predicate: str, select: str = "{}") -> list[tuple[str, str]]:
    """(component, message) of a one-predicate rule over GRAPH: the components that fail it."""
    text = textwrap.dedent(f"""\
        designlint-pack: 1
        name: probe
        rules:
          - id: probe
            severity: info
            summary: Probe.
            select: {select}
            require:
              - {predicate}
            message: "{{id}} fails ({{path}})"
        """)
    registry = Registry()
    packs.apply(packs.parse(text, "probe.yaml", registry), registry)
    return [(f.component, f.message) for f in lint(loads(GRAPH, "g.yaml"), registry=registry)]


def _ids(predicate: str, select: str = "{}") -> set[str]:
    return {c for c, _ in _fired(predicate, select)}


ALL = {"app", "router", "model", "backup", "rules", "actor", "people", "mon", "loop_a", "loop_b"}


@pytest.mark.parametrize("predicate, select, failing", [
    ("present: fallback", "{}", ALL - {"model", "backup"}),
    ("absent: rollback", "{kind: model}", {"model"}),
    ("matches: {field: owner, pattern: '^d'}", "{kind: [model, rule, interface]}", {"app"}),
    ("in: {field: owner, values: [ds, web]}", "{layer: edge}", set()),
    ("has_flow: {direction: in, kind: feedback}", "{kind: model}", {"backup"}),
    ("has_flow: {direction: out, with: human}", "{kind: orchestrator}", set()),
    ("has_flow: {}", "{}", {"backup"}),
    # `model` answers back to the orchestrator that calls it, which escalates to people.
    ("reaches: {kind: human}", "{kind: [model, orchestrator, interface]}", {"backup"}),
    ("reaches: {kind: human, from_fallbacks: true}", "{kind: model}", set()),
    ("reaches: {kind: human, flows: data}", "{kind: interface}", {"app"}),
    ("reached_by: {kind: interface}", "{kind: [model, service, rule]}", {"backup", "rules", "loop_a", "loop_b"}),
    ("every_path: {from: [model, agent], through: human}", "{kind: service}", {"actor"}),
    ("no_cycle: fallbacks", "{kind: model}", {"model", "backup"}),
    ("no_cycle: flows", "{kind: service}", {"loop_a", "loop_b"}),
    ("fallback_includes: {kind: rule}", "{kind: model}", set()),
    ("fallback_includes: {kind: human}", "{kind: model}", {"model", "backup"}),
    ("referenced_as: gate", "{kind: human}", set()),
    ("referenced_as: [fallback]", "{kind: [model, rule]}", set()),
    ("exists: {kind: monitor}", "{kind: rule}", set()),
    ("exists: {has: rollback}", "{kind: model}", {"model"}),
    ("not: {present: fallback}", "{kind: model}", {"model", "backup"}),
    ("any_of: [{present: sla}, {present: fallback}]", "{kind: [human, rule, model]}", {"rules"}),
    ("all_of: [{present: owner}, {present: layer}]", "{kind: [interface, rule]}", {"rules"}),
    ("present: owner", "{where: [{has_flow: {kind: escalation}}]}", set()),
    ("absent: owner", "{where: [{has_flow: {kind: escalation}}]}", {"router", "people"}),
])
def test_predicates(predicate, select, failing):
    assert _ids(predicate, select) == failing


def test_path_predicates_name_the_path():
    [(_, message)] = _fired("every_path: {from: [model, agent], through: human}", "{kind: service, where: [{present: actions}]}")
    assert message == "actor fails (model -> actor)"
    messages = dict(_fired("no_cycle: flows", "{kind: service}"))
    assert messages["loop_a"] == "loop_a fails (loop_a -> loop_b -> loop_a)"
    messages = dict(_fired("fallback_includes: {kind: human}", "{kind: model}"))
    assert messages == {"model": "model fails (model -> backup -> rules)",
                        "backup": "backup fails (backup -> model -> rules)"}
    messages = dict(_fired("not: {reaches: {kind: human}}", "{kind: interface}"))
    assert messages == {"app": "app fails (app -> router -> people)"}


# --- packs from the project config --------------------------------------------------------


def test_config_rules_load_packs_relative_to_the_config_file(run_cli, write, tmp_path, monkeypatch):
    write(TEAM_PACK, "policy/team.yaml")
    write("rules: [policy/team.yaml]\nseverity: {agent-needs-layer: error}\n", ".designlint.yaml")
    write(DESIGN, "designs/d.yaml")
    monkeypatch.chdir(tmp_path / "designs")  # the config is found upward; its pack path is relative to it
    code, out, err = run_cli("check", "--format", "json", "d.yaml")
    found = {(f["rule"], f["severity"]) for f in _findings(out)}
    assert ("agent-needs-layer", "error") in found and ("missing-error-budget", "error") in found, err
    assert code == 1
    code, out, _ = run_cli("check", "--isolated", "--format", "json", "d.yaml")
    assert "agent-needs-layer" not in {f["rule"] for f in _findings(out)}


def test_a_bad_pack_named_by_the_config_is_reported_at_the_pack(run_cli, write, tmp_path, monkeypatch):
    write("designlint-pack: 1\nname: t\ndisable: [no-such-rule]\n", "team.yaml")
    write("rules: [team.yaml]\n", ".designlint.yaml")
    write(DESIGN, "d.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "d.yaml")
    assert code == 2 and out == ""
    assert err.startswith("team.yaml:3:11: error: `disable` names `no-such-rule`"), err


def test_config_names_of_pack_rules_are_checked_against_the_packs(run_cli, write, tmp_path, monkeypatch):
    write(TEAM_PACK, "team.yaml")
    write("rules: [team.yaml]\nselect: [agent-needs-layr]\n", ".designlint.yaml")
    write(DESIGN, "d.yaml")
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("check", "d.yaml")
    assert code == 2 and "did you mean `agent-needs-layer`?" in err and err.startswith(".designlint.yaml:2:"), err


def test_the_pack_schema_is_printed_for_editors(run_cli):
    code, out, _ = run_cli("schema", "pack")
    assert code == 0 and json.loads(out)["title"] == "designlint rule pack, version 1"


def test_a_waiver_of_a_rule_a_pack_disables_is_not_called_unknown(run_cli, write):
    pack = write("designlint-pack: 1\nname: t\ndisable: [missing-owner]\n", "p.yaml")
    design = write(DESIGN.replace("  svc:\n    kind: service\n    owner: platform\n",
                                  "  svc:\n    kind: service\n    waive: {missing-owner: shared platform code}\n"))
    code, out, _ = run_cli("check", "--format", "json", design)
    assert [f["waived"] for f in _findings(out) if f["rule"] == "missing-owner"] == [True]
    code, out, _ = run_cli("check", "--format", "json", "--pack", pack, design)
    rules = {f["rule"] for f in _findings(out)}
    assert "missing-owner" not in rules and "unused-waiver" not in rules


def test_a_config_pack_rule_is_listed_explained_and_selectable(run_cli, write, tmp_path, monkeypatch):
    # One registry for every command: a rule from a pack the config names is a rule everywhere.
    write(TEAM_PACK, "policy/team.yaml")
    write("packs: [policy/team.yaml]\n", ".designlint.yaml")
    write(DESIGN, "d.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "--select", "agent-needs-layer", "--format", "json", "d.yaml")
    assert (code, {f["rule"] for f in _findings(out)}) == (0, {"agent-needs-layer"}), err
    code, out, _ = run_cli("rules", "--format", "json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert (rows["agent-needs-layer"]["origin"], rows["agent-needs-layer"]["source"]) == (
        "pack team", "policy/team.yaml")
    code, out, _ = run_cli("explain", "agent-needs-layer")
    assert code == 0 and out.startswith("agent-needs-layer  (default severity: warning; pack team; "
                                        "defined in policy/team.yaml)\n")


def test_the_old_spellings_of_packs_still_work_with_a_warning(run_cli, write, tmp_path, monkeypatch):
    write(TEAM_PACK, "team.yaml")
    write(DESIGN, "d.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "--rules", "team.yaml", "--format", "json", "d.yaml")
    assert "agent-needs-layer" in {f["rule"] for f in _findings(out)}
    assert err == "designlint: warning: `--rules FILE` is deprecated: write `--pack FILE`\n"
    write("rules: [team.yaml]\n", ".designlint.yaml")
    code, out, err = run_cli("check", "--format", "json", "d.yaml")
    assert "agent-needs-layer" in {f["rule"] for f in _findings(out)}
    assert err == ".designlint.yaml:1:1: warning: `rules:` is deprecated: write `packs:` (the same list of rule packs)\n"


def test_a_pack_named_by_the_config_and_by_pack_is_loaded_once(run_cli, write, tmp_path, monkeypatch):
    write(TEAM_PACK, "team.yaml")
    write("packs: [team.yaml]\n", ".designlint.yaml")
    write(DESIGN, "d.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "--pack", "team.yaml", "--select", "agent-needs-layer", "--format", "json",
                             "d.yaml")
    assert (code, err, [f["rule"] for f in _findings(out)]) == (0, "", ["agent-needs-layer"])


def test_a_missing_pack_named_by_the_config_is_an_error_at_its_entry(run_cli, write, tmp_path, monkeypatch):
    write("fail-on: warning\npacks:\n  - policy/none.yaml\n", ".designlint.yaml")
    write(DESIGN, "d.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "d.yaml")
    assert (code, out) == (2, "")
    assert err == (f".designlint.yaml:3:5: error: the rule pack `policy/none.yaml` is not there (looked for "
                   f"policy/none.yaml): fix the path, which is relative to this config file\n")
