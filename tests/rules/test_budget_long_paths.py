"""Budget messages on request paths longer than a message spells out: the walk's memoised folds
(budget_paths._Chain) say exactly what reading each whole path says (budget_paths.Worst)."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designlint.findings.engine import lint
from designlint.model.build import loads
from designlint.rules.registry import builtin_registry
from designlint.util.text import KEEP_STEPS, MOST_STEPS

from .reference_impl import reference_registry

NEW = builtin_registry()
OLD = reference_registry(NEW)
BUDGET_RULES = ("latency-budget-exceeded", "availability-budget-exceeded")


def _long_acyclic(rng: random.Random) -> str:
    """A backbone of 20-70 steps with forward side flows only (no loop: every interface's own walk and the
    shared walk must agree), unknown figures, callers, queues, fallbacks that state no availability."""
    n = rng.randint(20, 70)
    kinds = ["service"] * 5 + ["model"] * 3 + ["orchestrator", "agent", "rule", "datastore", "queue"]
    lines = ["designlint: 1", "system: long", "components:",
             "  oncall: {kind: human, owner: ops}", "  backup: {kind: model, owner: ml, error_budget: {availability: 90%}}"]
    for i in range(n):
        budget = []
        if rng.random() < 0.7:
            budget.append(f"latency_p99: {rng.randint(0, 40)}ms")
        if rng.random() < 0.7:
            budget.append(f"availability: {rng.choice(['99%', '99.9%', '99.99%'])}")
        fallback = f", fallback: [{rng.choice(['oncall', 'backup', 'oncall, backup'])}]" if rng.random() < 0.25 else ""
        lines.append(f"  s{i}: {{kind: {rng.choice(kinds)}, error_budget: {{{', '.join(budget)}}}{fallback}}}")
    interfaces = rng.randint(1, 4)
    for j in range(interfaces):
        lines.append(f"  ui{j}: {{kind: interface, error_budget: {{availability: 99.999%, latency_p99: 10ms}}}}")
        lines.append(f"  entry{j}: {{kind: service, error_budget: {{availability: 99%, latency_p99: 50ms}}}}")
    lines.append("flows:")
    lines.append("  - " + " -> ".join(f"s{i}" for i in range(n)))
    for _ in range(rng.randint(0, n)):
        a = rng.randrange(n - 1)
        lines.append(f"  - s{a} -> s{rng.randrange(a + 1, n)}")
    for j in range(interfaces):
        lines.append(f"  - ui{j} -> entry{j} -> s{rng.randrange(n // 2)}")
    return "\n".join(lines) + "\n"


def _budget(design, registry):
    return [f for f in lint(design, registry=registry) if f.rule in BUDGET_RULES]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_long_paths_read_the_same_through_the_walk_as_in_full(seed):
    design = loads(_long_acyclic(random.Random(seed)), "long.yaml")
    found = _budget(design, NEW)
    assert found == _budget(design, OLD)
    assert found  # every interface's budget is tight: the messages were built


def _chain_design(n: int, unknown_every: int = 0) -> str:
    rows = ["designlint: 1", "system: chain", "components:",
            "  app: {kind: interface, owner: web, error_budget: {latency_p99: 50ms}}"]
    for i in range(n):
        latency = "" if unknown_every and i % unknown_every == 0 else "latency_p99: 10ms"
        rows.append(f"  s{i}: {{kind: service, owner: core, error_budget: {{{latency}}}}}")
    rows += ["flows:", "  - app -> " + " -> ".join(f"s{i}" for i in range(n))]
    return "\n".join(rows) + "\n"


def test_a_path_of_most_steps_is_spelled_out_in_full():
    n = MOST_STEPS - 1  # and the interface: MOST_STEPS components
    (finding,) = _budget(loads(_chain_design(n), "chain.yaml"), NEW)
    steps = " -> ".join(f"s{i} (10ms)" for i in range(n))
    assert finding.message == (f"`app` (interface) must answer within 50ms (its latency_p99 of 50ms), but the request "
                               f"path app -> {steps} takes 230ms at p99: cut or parallelise a step, cache, or move "
                               "work off the request path")


def test_a_longer_path_shows_its_first_steps_how_many_are_left_out_and_its_last_step():
    n = 1_000
    (finding,) = _budget(loads(_chain_design(n, unknown_every=7), "chain.yaml"), NEW)
    head = " -> ".join(f"s{i} ({'?' if i % 7 == 0 else '10ms'})" for i in range(KEEP_STEPS - 1))
    unknown = ", ".join(f"`s{i}`" for i in range(0, 70, 7))
    assert finding.message == (
        f"`app` (interface) must answer within 50ms (its latency_p99 of 50ms), but the request path app -> {head} "
        f"-> … 988 more steps … -> s999 (10ms) takes 8.57s at p99 ({unknown} and 133 more state no latency_p99: "
        "unknown, counted as 0, so the path takes at least this; slowest step: s1 (10ms)): cut or parallelise a step, "
        "cache, or move work off the request path")


def test_a_shortened_path_names_the_step_that_breaks_the_budget_even_when_it_is_left_out():
    rows = ["designlint: 1", "system: weak", "components:",
            "  app: {kind: interface, error_budget: {latency_p99: 300ms, availability: 99.9%}}"]
    for i in range(60):
        budget = "latency_p99: 5s, availability: 98%" if i == 30 else "latency_p99: 20ms, availability: 99.99%"
        rows.append(f"  s{i}: {{kind: service, error_budget: {{{budget}}}}}")
    rows += ["flows:", "  - app -> " + " -> ".join(f"s{i}" for i in range(60))]
    found = {f.rule: f.message for f in _budget(loads("\n".join(rows) + "\n", "weak.yaml"), NEW)}
    assert "… 48 more steps … -> s59 (20ms) takes 6.18s at p99 (slowest step: s30 (5s)): " in found["latency-budget-exceeded"]
    assert "… 48 more steps … -> s59 (99.99%) multiply to 97.4235% (weakest step: s30 (98%)): " in \
        found["availability-budget-exceeded"]


def _shared_loop(order: list[str]) -> str:
    """Three interfaces entering one chain whose end loops back; the interfaces written in `order`."""
    rows = ["designlint: 1", "system: loop", "components:"]
    entry = {"ui_a": 1, "ui_b": 20, "ui_c": 50}
    rows += [f"  {ui}: {{kind: interface, error_budget: {{latency_p99: 300ms, availability: 99.9%}}}}" for ui in order]
    rows += [f"  s{i}: {{kind: service, error_budget: {{latency_p99: 15ms, availability: 99.99%}}}}"
             for i in range(1, 61)]
    rows += ["flows:", "  - " + " -> ".join(f"s{i}" for i in range(1, 61)), "  - s55 -> s10"]
    rows += [f"  - {ui} -> s{entry[ui]}" for ui in order]
    return "\n".join(rows) + "\n"


def test_moving_interfaces_in_the_file_changes_no_budget_finding():
    found = []
    for order in (["ui_a", "ui_b", "ui_c"], ["ui_c", "ui_b", "ui_a"], ["ui_b", "ui_c", "ui_a"]):
        design = loads(_shared_loop(order), "loop.yaml")
        found.append(sorted((f.rule, f.component, f.message) for f in _budget(design, NEW)))
    assert found[0] == found[1] == found[2]
    assert {c for _, c, _ in found[0]} == {"ui_a", "ui_b", "ui_c"}
