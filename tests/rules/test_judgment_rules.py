"""The judgment rules that report a path or a computed figure say it exactly."""

from __future__ import annotations

import pytest

from designlint.model import quantities
from designlint.findings.engine import lint
from designlint.model.build import loads


def _messages(text: str, rule: str) -> list[str]:
    return [f.message for f in lint(loads(text, "d.yaml")) if f.rule == rule]


VOICE = """\
designlint: 1
system: voice
components:
  app: {kind: interface, owner: m, tier: real-time, error_budget: {availability: 99.9%}}
  gateway: {kind: service, owner: m, error_budget: {availability: 99.95%, latency_p99: 50ms}}
  asr: {kind: model, owner: m, fallback: care, error_budget: {latency_p99: 150ms, availability: 99%}}
  llm: {kind: external, owner: m, fallback: llm2, error_budget: {latency_p99: 900ms, availability: 99.5%}}
  llm2: {kind: external, owner: m, fallback: care, error_budget: {latency_p99: 2s, availability: 99%}}
  store: {kind: datastore, owner: m, error_budget: {latency_p99: 10ms, availability: 99.9%}}
  care: {kind: human, owner: c, sla: 2m}
flows:
  - app -> gateway -> asr -> llm
  - gateway -> store
  - {from: asr, to: care, kind: escalation}
  - {from: care, to: asr, kind: feedback}
"""


def test_latency_names_the_slowest_path_with_each_step_and_the_total():
    [message] = _messages(VOICE, "latency-budget-exceeded")
    assert message == ("`app` (interface) must answer within 200ms (its tier real-time (200ms)), but the request "
                       "path app -> gateway (50ms) -> asr (150ms) -> llm (900ms) takes 1.1s at p99: cut or "
                       "parallelise a step, cache, or move work off the request path")


def test_availability_names_the_weakest_path_and_counts_fallbacks_in_parallel():
    [message] = _messages(VOICE, "availability-budget-exceeded")
    # asr falls back to a human who states no availability: unknown, so no help (asr stays 99%);
    # llm (99.5%) to llm2 (99%, whose human fallback adds nothing): 1 - 0.005 * 0.01 = 99.995%.
    # The weakest path is app -> gateway -> asr -> llm: 99.95% x 99% x 99.995% = 98.9456%.
    assert message == (
        "`app` (interface) targets 99.9% availability, but the steps in series along app -> gateway (99.95%) -> "
        "asr (99%) -> llm (99.995%) multiply to 98.9456% (fallback `care` states no availability: unknown, counted "
        "as no help): give the weakest steps a fallback or a higher target, or take them off the request path")


def test_an_unknown_step_makes_the_product_an_upper_bound_and_is_named():
    text = """\
designlint: 1
system: s
components:
  app: {kind: interface, owner: t, error_budget: {availability: 99.99%}}
  gateway: {kind: service, owner: t, error_budget: {availability: 99.95%}}
  store: {kind: datastore, owner: t, error_budget: {latency_p99: 10ms}}
flows:
  - app -> gateway -> store
"""
    [message] = _messages(text, "availability-budget-exceeded")
    assert "along app -> gateway (99.95%) -> store (?) multiply to at most 99.95% (`store` states no availability: " \
           "unknown, not counted, so the path is at most this): give" in message, message


def test_a_callers_p99_includes_its_calls_the_worked_example():
    text = """\
designlint: 1
system: s
components:
  app: {kind: interface, owner: t, error_budget: {latency_p99: 1900ms}}
  orchestrator: {kind: orchestrator, owner: t, error_budget: {latency_p99: 2s}}
  retriever: {kind: service, owner: t, error_budget: {latency_p99: 300ms}}
  llm: {kind: model, owner: t, error_budget: {latency_p99: 1.5s}}
flows:
  - app -> orchestrator -> retriever
  - orchestrator -> llm
"""
    [message] = _messages(text, "latency-budget-exceeded")
    assert "takes 2s at p99" in message, message  # max(2s, 1.5s), not 3.5s
    assert _messages(text.replace("1900ms", "2s"), "latency-budget-exceeded") == []
    pipeline = text.replace("kind: orchestrator", "kind: service")  # a service hands the request on: 2s + 1.5s
    [message] = _messages(pipeline.replace("1900ms", "3s"), "latency-budget-exceeded")
    assert "app -> orchestrator (2s) -> llm (1.5s) takes 3.5s at p99" in message, message


def test_a_path_into_a_queue_says_how_to_mark_a_hand_off():
    text = """\
designlint: 1
system: s
components:
  app: {kind: interface, owner: t, error_budget: {availability: 99.9%}}
  bot: {kind: service, owner: t, error_budget: {availability: 99.9%}}
  tickets: {kind: queue, owner: t, error_budget: {availability: 99.5%}}
  triage: {kind: service, owner: t}
flows:
  - app -> bot -> tickets -> triage
"""
    [message] = _messages(text, "availability-budget-exceeded")
    assert message.endswith("multiply to 99.4005% (if `tickets` hands work to people, mark the flow "
                            "`{from: bot, to: tickets, kind: escalation}` to take it off the request path): give the "
                            "weakest steps a fallback or a higher target, or take them off the request path"), message


def test_shared_fate_names_the_path_through_the_failed_component():
    text = """\
designlint: 1
system: s
components:
  app: {kind: interface, owner: t}
  scorer: {kind: model, owner: t, fallback: rules}
  rules: {kind: rule, owner: t}
flows:
  - app -> scorer -> app
  - rules -> scorer
"""
    [message] = _messages(text, "fallback-shared-fate")
    assert "which reaches users only through `scorer` (rules -> scorer -> app)" in message


def test_ai_only_fallback_names_the_chain():
    text = """\
designlint: 1
system: s
components:
  a: {kind: model, owner: t, fallback: b}
  b: {kind: external, owner: t}
"""
    assert _messages(text, "ai-only-fallback") == [
        "the fallback chain of `a` (model) holds only models, agents and external services (a -> b): when they fail "
        "together nothing deterministic is left; end the chain with a rule, a queue or a human"]


@pytest.mark.parametrize("text, seconds", [
    ("300ms", 0.3), ("1.5s", 1.5), ("2 min", 120), ("24 hours", 86400), ("<= 50ms", 0.05), ("fast", None), (3, None),
])
def test_durations(text, seconds):
    assert quantities.seconds(text) == (pytest.approx(seconds) if seconds is not None else None)


@pytest.mark.parametrize("value, fraction", [
    ("99.9%", 0.999), (0.995, 0.995), (99.5, 0.995), (">= 99%", 0.99), ("150%", None), ("high", None), (True, None),
])
def test_ratios(value, fraction):
    assert quantities.ratio(value) == (pytest.approx(fraction) if fraction is not None else None)


def test_availability_shown_with_the_precision_targets_use():
    assert quantities.show_ratio(0.99985) == "99.985%" and quantities.show_ratio(0.999) == "99.9%"
    assert quantities.show_seconds(0.95) == "950ms" and quantities.show_seconds(5400) == "90m"


def test_a_request_loop_is_cut_at_the_step_that_closes_it():
    # a and b call each other: the request graph has a cycle. The walk leaves out the step that closes it
    # (b -> a, in a depth-first walk by id), so no path visits a node twice and the cost stays linear.
    text = """\
designlint: 1
system: s
components:
  app: {kind: interface, owner: t, error_budget: {latency_p99: 1s}}
  a: {kind: service, owner: t, error_budget: {latency_p99: 300ms}}
  b: {kind: service, owner: t, error_budget: {latency_p99: 400ms}}
  c: {kind: service, owner: t, error_budget: {latency_p99: 500ms}}
flows:
  - app -> a -> b -> a
  - b -> c
"""
    [message] = _messages(text, "latency-budget-exceeded")
    assert "path app -> a (300ms) -> b (400ms) -> c (500ms) takes 1.2s at p99" in message


def test_an_acyclic_request_graph_gives_the_exact_worst_path():
    text = """\
designlint: 1
system: s
components:
  app: {kind: interface, owner: t, error_budget: {latency_p99: 1s}}
  a: {kind: service, owner: t, error_budget: {latency_p99: 100ms}}
  b: {kind: service, owner: t, error_budget: {latency_p99: 700ms}}
  c: {kind: service, owner: t, error_budget: {latency_p99: 200ms}}
  d: {kind: service, owner: t, error_budget: {latency_p99: 250ms}}
flows:
  - app -> a -> c -> d
  - app -> b -> c
"""
    [message] = _messages(text, "latency-budget-exceeded")
    assert "path app -> b (700ms) -> c (200ms) -> d (250ms) takes 1.15s at p99" in message
