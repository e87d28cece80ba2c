"""Hints a reviewer would write: fallbacks that could stand in, budgets that fit the kind, the layer's owner once."""

from __future__ import annotations

from designlint.findings.engine import lint
from designlint.model.build import loads


def _messages(text: str, rule: str) -> dict[str, str]:
    return {f.component: f.message for f in lint(loads(text, "d.yaml")) if f.rule == rule}


HEAD = "designlint: 1\nsystem: s\ncomponents:\n"


def test_an_llm_gets_a_rule_not_a_content_filter_and_a_ticketing_api_never_gets_the_llm():
    text = HEAD + """\
  content_filter: {kind: service, description: blocks unsafe text}
  llm_api: {kind: external, description: hosted GPT model}
  ticketing_api: {kind: external, description: Zendesk tickets}
  canned_answers: {kind: rule}
"""
    found = _messages(text, "missing-fallback")
    assert found["llm_api"].endswith("e.g. `fallback: canned_answers` (deterministic answers)")
    assert found["ticketing_api"].endswith("e.g. `fallback: canned_answers` (a deterministic default)")


def test_a_non_ai_external_with_only_ai_components_around_gets_no_ai_suggestion():
    text = HEAD + """\
  payments_api: {kind: external}
  llm: {kind: model, description: an LLM, fallback: payments_api}
  scorer: {kind: model, fallback: llm}
"""
    assert _messages(text, "missing-fallback")["payments_api"] == (
        "`payments_api` (external) has no fallback: name the component that takes over when it fails, "
        "e.g. the last good answers or retry later (add one, then `fallback: <its id>`)")


def test_a_stand_in_that_would_close_a_fallback_cycle_is_skipped():
    text = HEAD + """\
  primary: {kind: model}
  loops_back: {kind: rule, fallback: primary}
  safe: {kind: rule}
"""
    assert _messages(text, "missing-fallback")["primary"].endswith("e.g. `fallback: safe` (deterministic answers)")


def test_another_model_is_proposed_only_of_the_same_sort():
    text = HEAD + """\
  chat_llm: {kind: model, description: chat LLM}
  scorer: {kind: model, description: gradient-boosted churn score, fallback: agents}
  other_llm: {kind: model, description: smaller LLM, fallback: agents}
  agents: {kind: human}
"""
    found = _messages(text, "missing-fallback")
    assert found["chat_llm"].endswith("e.g. `fallback: other_llm` (a smaller or other-vendor model)")


def test_example_budgets_fit_the_kind():
    text = HEAD + """\
  llm: {kind: model, description: GPT-4o drafts replies}
  churn_score: {kind: model}
  users: {kind: datastore}
"""
    found = _messages(text, "missing-error-budget")
    assert found["llm"].endswith('`error_budget: {latency_p99: 3s, hallucination_rate: "<= 2%", availability: 99.5%}`')
    assert found["churn_score"].endswith('`error_budget: {precision: ">= 0.90", recall: ">= 0.80", latency_p99: 50ms}`')
    assert found["users"].endswith("`error_budget: {availability: 99.95%, latency_p99: 20ms}`")


def test_several_components_of_a_layer_without_an_owner_get_the_layer_owner_once():
    text = """\
designlint: 1
system: s
layers:
  data: {description: stores}
components:
  users: {kind: datastore, layer: data}
  events: {kind: queue, layer: data}
  app: {kind: interface, layer: edge}
  api: {kind: service}
"""
    found = _messages(text, "missing-owner")
    assert found["users"] == ("`users` (datastore) has no owner: 2 components of layer `data` have no owner: set it "
                              "once with `owner: <team>` under `layers: data:`, or `owner: <team>` on each")
    assert found["app"] == "`app` (interface) has no owner: add `owner: <team>` naming who answers for it when it fails"
    two_edges = text.replace("  api: {kind: service}", "  cdn: {kind: service, layer: edge}")
    assert _messages(two_edges, "missing-owner")["cdn"].endswith(
        "2 components of layer `edge` have no owner: set it once with `layers: {edge: {owner: <team>}}`, "
        "or `owner: <team>` on each")


def test_an_inherited_budget_is_named_with_its_layer_in_path_messages():
    text = """\
designlint: 1
system: s
defaults: {owner: platform}
layers:
  data: {error_budget: {availability: 99.5%}}
components:
  app: {kind: interface, error_budget: {availability: 99.9%}}
  users: {kind: datastore, layer: data}
flows:
  - app -> users
"""
    [message] = _messages(text, "availability-budget-exceeded").values()
    assert "along app -> users (99.5%, from layer data) multiply to 99.5%:" in message


def test_a_finding_on_an_inherited_budget_points_at_the_layer_that_wrote_it():
    text = """\
designlint: 1
system: s
defaults: {owner: platform}
layers:
  edge: {error_budget: {availability: 99.99%}}
components:
  app: {kind: interface, layer: edge}
  api: {kind: service, error_budget: {availability: 99%}}
flows:
  - app -> api
"""
    [finding] = [f for f in lint(loads(text, "d.yaml")) if f.rule == "availability-budget-exceeded"]
    assert (finding.location.line, finding.location.column, finding.component) == (5, 24, "app")


def test_another_model_is_proposed_only_from_another_vendor():
    text = HEAD + """\
  chat_llm: {kind: model, provider: openai, description: chat LLM}
  same_vendor_llm: {kind: model, provider: OpenAI, description: smaller LLM, fallback: agents}
  scorer: {kind: model, provider: in-house, description: gradient-boosted churn score, fallback: agents}
  other_llm: {kind: model, provider: anthropic, description: chat LLM, fallback: agents}
  agents: {kind: human}
"""
    assert _messages(text, "missing-fallback")["chat_llm"].endswith(
        "e.g. `fallback: other_llm` (a smaller or other-vendor model)")


def test_a_vendor_model_is_an_llm_for_its_example_budget():
    text = HEAD + "  fares_bot: {kind: model, provider: acme-ai}\n"
    assert _messages(text, "missing-error-budget")["fares_bot"].endswith(
        '`error_budget: {latency_p99: 3s, hallucination_rate: "<= 2%", availability: 99.5%}`')
