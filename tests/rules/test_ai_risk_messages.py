"""The AI-risk rules name the path they found and say what to add (exact messages), and the
graph search they share (DesignGraph.data_reach) follows data flows and call answers only."""

from designlint.findings.engine import lint
from designlint.model.build import loads


def findings(text, rule):
    return [f for f in lint(loads(text, "d.yaml")) if f.rule == rule]


AGENT = """\
designlint: 1
system: s
components:
  page: {kind: external}
  mail: {kind: datastore, data: [{name: e-mails, personal: true}]}
  helper: {kind: agent}
  llm: {kind: model}
  reviewer: {kind: human}
  out: {kind: external}
flows:
  - helper -> page
  - helper -> mail
  - helper -> llm
  - llm -> out
  - {from: reviewer, to: helper, kind: feedback}
"""


def test_lethal_trifecta_names_each_leg():
    (f,) = findings(AGENT, "lethal-trifecta")
    assert (f.component, f.location.line, f.location.column) == ("helper", 6, 3)
    assert f.message == (
        "`helper` (agent) receives untrusted content (page -> helper), can read private data (it calls `mail`, "
        "which holds `e-mails`) and can send data out (helper -> page): one injected instruction can leak that data; "
        "break a leg: put a human on the untrusted path or on the way out, or take the private data out of its reach")


def test_a_human_on_the_untrusted_path_breaks_the_first_leg():
    text = """\
designlint: 1
system: s
components:
  chat: {kind: interface}
  reviewer: {kind: human}
  llm: {kind: model, data: [{name: tickets, personal: true}]}
  out: {kind: external}
flows:
  - chat -> {via}llm -> out
"""
    assert [f.component for f in findings(text.replace("{via}", ""), "lethal-trifecta")] == ["llm"]
    assert findings(text.replace("{via}", "reviewer -> "), "lethal-trifecta") == []


def test_feedback_and_escalation_flows_carry_no_request_content():
    text = AGENT.replace("  - helper -> page\n", "  - {from: page, to: helper, kind: feedback}\n").replace(
        "  - llm -> out\n", "  - {from: llm, to: out, kind: escalation}\n")
    # page and out still answer the agent's calls? No: the flows are not data flows, so there are no calls.
    assert findings(text, "lethal-trifecta") == []


BINDING = """\
designlint: 1
system: s
components:
  llm: {kind: model}
  formatter: {kind: service}
  site: {kind: interface}
  check: {kind: guardrail, on_failure: closed}
flows:
  - llm -> formatter
  - {from: formatter, to: site, binding: true}
"""


def test_unverified_binding_output_names_the_path_from_the_model():
    (f,) = findings(BINDING, "unverified-binding-output")
    assert (f.component, f.location.line, f.location.column) == ("formatter", 10, 5)
    assert f.message == (
        "binding flow `formatter -> site` carries statements the business must honour, and `llm` (model) reaches "
        "its source with no guardrail or human in between (llm -> formatter): add a `guardrail` on that path "
        "(a policy or grounding check), or a human who approves them")
    verified = BINDING.replace("  - llm -> formatter\n", "  - llm -> check -> formatter\n")
    assert findings(verified, "unverified-binding-output") == []


def test_an_orchestrator_that_calls_a_guardrail_verifies_what_it_sends():
    text = BINDING.replace("formatter: {kind: service}", "formatter: {kind: orchestrator}").replace(
        "  - llm -> formatter\n", "  - formatter -> llm\n  - formatter -> check\n")
    assert findings(text, "unverified-binding-output") == []
    unchecked = text.replace("  - formatter -> check\n", "")
    assert [f.component for f in findings(unchecked, "unverified-binding-output")] == ["formatter"]


def test_adverse_action_path_and_fix():
    text = """\
designlint: 1
system: s
components:
  scorer: {kind: model}
  router: {kind: guardrail, on_failure: closed}
  accounts:
    kind: service
    actions:
      - {name: suspend_account, adverse: true, appeal: bot}
  bot: {kind: agent}
flows:
  - scorer -> router -> accounts
"""
    (f,) = findings(text, "adverse-action-without-appeal")
    assert (f.component, f.location.line, f.location.column) == ("accounts", 9, 9)
    assert f.message == (
        "`accounts` (service) takes the adverse action `suspend_account` on a model's or agent's word "
        "(scorer -> router -> accounts) and nobody hears an appeal: its appeal `bot` is not a human; "
        "add `appeal: <human component>` to the action, or a human gate")


def test_prompt_only_constraint_names_the_action_it_guards():
    text = """\
designlint: 1
system: s
components:
  coder:
    kind: agent
    constraints:
      - {rule: no deletes, enforced_by: prompt}
      - {rule: no pushes to main, enforced_by: code}
  db:
    kind: service
    actions:
      - {name: drop_table, reversible: false}
flows:
  - coder -> db
"""
    (f,) = findings(text, "prompt-only-constraint")
    assert (f.component, f.location.line, f.location.column) == ("coder", 7, 9)
    assert f.message == (
        "`coder` (agent) keeps \"no deletes\" only in its prompt, and it reaches `db`, which takes the irreversible "
        "action `drop_table` with no human gate (coder -> db): enforce it in code or permissions "
        "(`enforced_by: code` or `permission`), or gate the action with a human")


def test_fail_open_guardrail_names_the_path_through_it():
    text = """\
designlint: 1
system: s
components:
  chat: {kind: interface}
  filter: {kind: guardrail, on_failure: open}
  bot: {kind: model}
  site: {kind: interface}
flows:
  - chat -> filter -> bot
  - {from: bot, to: site, binding: true}
"""
    (f,) = findings(text, "fail-open-guardrail")
    assert (f.component, f.location.line) == ("filter", 5)
    assert f.message == (
        "`filter` (guardrail) fails open on the path chat -> filter -> bot: while it is down, untrusted input reaches "
        "the binding flow `bot -> site` unchecked; make it `on_failure: closed`, or have a human check that "
        "statement, or put a human on the path")


def test_fallback_same_provider_follows_the_chain_transitively():
    text = """\
designlint: 1
system: s
components:
  a: {kind: model, provider: OpenAI, fallback: b}
  b: {kind: agent, provider: openai, fallback: c}
  c: {kind: model, provider: OPENAI}
  d: {kind: model, provider: openai, fallback: [c, e]}
  e: {kind: guardrail, provider: openai}
"""
    got = findings(text, "fallback-same-provider")
    assert [f.component for f in got] == ["a", "b"]  # d's chain holds a guardrail
    assert got[0].message == (
        "every fallback of `a` (model) is served by `OpenAI` too (a -> b -> c): one outage at that provider takes "
        "them all down; add a fallback it does not run, such as a rule, a human or another provider's model")


def test_data_reach_marks_a_source_reached_again_and_its_path():
    design = loads("designlint: 1\nsystem: s\ncomponents:\n  a: {kind: service}\n  b: {kind: service}\n"
                   "  c: {kind: service}\nflows:\n  - a -> b -> a\n  - b -> c\n", "d.yaml")
    reach = design.graph.data_reach(["a"])
    assert reach.stepped("a") and reach.path("a") == ["a", "b", "a"]
    assert reach.path("c") == ["a", "b", "c"]
    back = design.graph.data_reach(["c"], reverse=True)
    assert "a" in back and back.path("a") == ["a", "b", "c"]
    assert not design.graph.data_reach(["c"]).stepped("c")


def test_fail_open_guardrail_on_a_binding_flow_back_to_the_interface_names_a_simple_path():
    # The witness joins two searches; where the binding flow goes back to where the untrusted text came
    # from, it must not run round the loop, and the remedy fits a statement, not an action.
    design = loads("""\
designlint: 1
system: s
components:
  app: {kind: interface, owner: a, error_budget: {availability: 99%}}
  llm: {kind: model, owner: a, provider: acme, fallback: app}
  check: {kind: guardrail, owner: a, on_failure: open, error_budget: {availability: 99%}}
flows:
  - app -> llm -> check
  - {from: check, to: app, binding: true}
""", "d.yaml")
    [finding] = [f for f in lint(design) if f.rule == "fail-open-guardrail"]
    assert (finding.component, finding.location.line, finding.message) == ("check", 6, (
        "`check` (guardrail) fails open on the path app -> llm -> check: while it is down, untrusted input "
        "reaches the binding flow `check -> app` unchecked; make it `on_failure: closed`, or have a human check "
        "that statement, or put a human on the path"))


def test_a_misspelt_appeal_is_said_to_name_no_component():
    text = """\
designlint: 1
system: s
components:
  bot:
    kind: agent
    actions:
      - {name: close_account, adverse: true, appeal: tickting}
  ticketing: {kind: human, sla: 1d}
"""
    (f,) = findings(text, "adverse-action-without-appeal")
    assert f.message == ("`bot` (agent) takes the adverse action `close_account` itself and nobody hears an appeal: "
                         "its appeal `tickting` names no component; add `appeal: <human component>` to the action")
