"""Error-budget arithmetic along request paths: latencies add up, availabilities multiply."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from designlint import quantities
from designlint.findings import Problem, Severity
from designlint.rules import rule

# Latency tiers as interviewers name them: real-time (sub-200 ms), near-real-time (seconds), batch (hours).
TIER_LATENCY = {"real-time": 0.2, "near-real-time": 10.0, "batch": 86400.0}
# A request path ends where a person takes over or the answer is shown; monitors watch it from the side;
# a queue hands the work on asynchronously, so the path stops there.
_PATH_ENDS = frozenset({"interface", "human", "monitor"})
_ASYNC = frozenset({"queue"})
# Simple paths explored per interface before the search stops (designs are small; this bounds a pathological one).
MAX_STEPS = 50_000
_EPSILON = 1e-9


@dataclass(frozen=True)
class Worst:
    value: float
    path: tuple[str, ...]


def request_paths(design, start: str):
    """Every maximal simple path of data flows from `start`: it enters no interface, human or monitor, and stops at a queue."""
    graph = design.graph
    steps = 0
    stack = [(start, (start,))]
    while stack and steps < MAX_STEPS:
        node, path = stack.pop()
        steps += 1
        ahead = [] if len(path) > 1 and graph.kind(node) in _ASYNC else graph.flows_out_of(node, "data")
        nexts = sorted({f.target.id for f in ahead}, reverse=True)
        extended = False
        for nxt in nexts:
            if nxt in path or nxt not in design.components or graph.kind(nxt) in _PATH_ENDS:
                continue
            stack.append((nxt, path + (nxt,)))
            extended = True
        if not extended and len(path) > 1:
            yield path


def effective_availability(design, cid: str) -> float | None:
    """The component's availability with its fallbacks in parallel; None when nothing is stated.

    A member of the chain with no stated availability (a human, say) counts as always up:
    designlint does arithmetic only with the numbers the design gives.
    """
    comp = design.components[cid]
    own = quantities.ratio(comp.error_budget.get("availability"))
    if own is None:
        return None
    down = 1 - own
    for fid in design.graph.fallback_chain(cid):
        fallback = design.components.get(fid)
        if fallback is None:
            continue
        ratio = quantities.ratio(fallback.error_budget.get("availability"))
        down *= 0.0 if ratio is None else 1 - ratio
    return 1 - down


def _latency(design, cid: str) -> float:
    return quantities.seconds(design.components[cid].error_budget.get("latency_p99")) or 0.0


_WORST: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # design graph -> {interface: worst paths}


def _worst_paths(design, start: str) -> tuple[Worst | None, Worst | None]:
    """The slowest and the least available request path from `start`; both rules share one walk."""
    cache = _WORST.setdefault(design.graph, {})
    if start not in cache:
        cache[start] = _walk(design, start)
    return cache[start]


def _walk(design, start: str) -> tuple[Worst | None, Worst | None]:
    slowest = weakest = None
    for path in request_paths(design, start):
        steps = path[1:]
        latency = sum(_latency(design, c) for c in steps)
        availability = 1.0
        for c in steps:
            a = effective_availability(design, c)
            availability *= 1.0 if a is None else a
        if slowest is None or latency > slowest.value + _EPSILON:
            slowest = Worst(latency, path)
        if weakest is None or availability < weakest.value - _EPSILON:
            weakest = Worst(availability, path)
    return slowest, weakest


def latency_target(comp) -> tuple[float, str, str] | None:
    """(seconds, why, field) for an interface: the tighter of its latency_p99 and its tier."""
    targets = []
    budget = quantities.seconds(comp.error_budget.get("latency_p99"))
    if budget is not None:
        targets.append((budget, f"its latency_p99 of {comp.error_budget['latency_p99']}", "error_budget"))
    tier = comp.fields.get("tier")
    if tier in TIER_LATENCY:
        targets.append((TIER_LATENCY[tier], f"its tier {tier} ({quantities.show_seconds(TIER_LATENCY[tier])})", "tier"))
    return min(targets) if targets else None


def _interfaces(design):
    return [c for c in design.components.values() if c.kind == "interface"]


@rule("latency-budget-exceeded", Severity.WARNING,
      "The p99 latencies along a request path fit the interface's latency budget or tier.")
def latency_budget_exceeded(design):
    """An interface whose latency budget is smaller than the sum of the `latency_p99` along some path of data flows from it.

    The budget is the interface's `error_budget.latency_p99`, or its `tier`
    (real-time 200 ms, near-real-time 10 s, batch 24 h), whichever is
    tighter: it is what the user waits for, end to end. A path follows `data`
    flows from the interface; it ends before another interface, a human (a
    hand-off is not part of the request) or a monitor (it watches from the
    side), and stops at a queue (work behind a queue is asynchronous).
    Components that state no latency add nothing. Adding p99s overstates the
    total a little; that is the conservative reading reviewers use. The
    message names the slowest path with each step's latency.

    Fails::

        designlint: 1
        system: voice
        components:
          app: {kind: interface, owner: mobile, tier: real-time, error_budget: {availability: 99%}}
          asr: {kind: model, owner: speech, fallback: agents, error_budget: {latency_p99: 150ms}}
          llm: {kind: external, owner: ai, fallback: agents, error_budget: {latency_p99: 900ms}}
          agents: {kind: human, owner: care, sla: 2m}
        flows:
          - app -> asr -> llm
          - {from: asr, to: agents, kind: escalation}
          - {from: agents, to: asr, kind: feedback}

    Passes::

        designlint: 1
        system: voice
        components:
          app: {kind: interface, owner: mobile, tier: near-real-time, error_budget: {availability: 99%}}
          asr: {kind: model, owner: speech, fallback: agents, error_budget: {latency_p99: 150ms}}
          llm: {kind: external, owner: ai, fallback: agents, error_budget: {latency_p99: 900ms}}
          agents: {kind: human, owner: care, sla: 2m}
        flows:
          - app -> asr -> llm
          - {from: asr, to: agents, kind: escalation}
          - {from: agents, to: asr, kind: feedback}
    """
    for comp in _interfaces(design):
        target = latency_target(comp)
        if target is None:
            continue
        limit, why, field = target
        slowest, _ = _worst_paths(design, comp.id)
        if slowest is None or slowest.value <= limit + _EPSILON:
            continue
        steps = " -> ".join([comp.id] + [f"{c} ({design.components[c].error_budget.get('latency_p99', '?')})"
                                         for c in slowest.path[1:]])
        yield Problem(
            comp.field_location(field),
            f"{comp.label} must answer within {quantities.show_seconds(limit)} ({why}), but the p99 latencies "
            f"along {steps} add up to {quantities.show_seconds(slowest.value)}: cut or parallelise a step, "
            "cache, or move work off the request path",
            comp.id,
            subject="latency:" + " -> ".join(slowest.path),
        )


@rule("availability-budget-exceeded", Severity.WARNING,
      "The availabilities in series along a request path reach the interface's availability target.")
def availability_budget_exceeded(design):
    """An interface whose `error_budget.availability` target is above the product of the availabilities along some path of data flows from it.

    Components in series multiply: three 99.9% steps give 99.7%. A component
    with fallbacks counts as up when it or any fallback is up (1 minus the
    product of their downtimes); a fallback that states no availability, a
    human say, counts as always up, and a component that states none counts
    as always up too. Paths are walked as for `latency-budget-exceeded`; the
    message names the weakest path with each step's availability.

    Fails::

        designlint: 1
        system: search
        components:
          app: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          api: {kind: service, owner: search, error_budget: {availability: 99.9%}}
          index: {kind: datastore, owner: search, error_budget: {availability: 99.9%}}
        flows:
          - app -> api -> index

    Passes::

        designlint: 1
        system: search
        components:
          app: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          api: {kind: service, owner: search, error_budget: {availability: 99.95%}}
          index: {kind: datastore, owner: search, error_budget: {availability: 99.95%}}
        flows:
          - app -> api -> index
    """
    for comp in _interfaces(design):
        target = quantities.ratio(comp.error_budget.get("availability"))
        if target is None:
            continue
        _, weakest = _worst_paths(design, comp.id)
        if weakest is None or weakest.value >= target - _EPSILON:
            continue
        parts = []
        for c in weakest.path[1:]:
            a = effective_availability(design, c)
            parts.append(f"{c} ({'?' if a is None else quantities.show_ratio(a)})")
        yield Problem(
            comp.field_location("error_budget"),
            f"{comp.label} targets {quantities.show_ratio(target)} availability, but the steps in series along "
            f"{' -> '.join([comp.id, *parts])} multiply to {quantities.show_ratio(weakest.value)}: give the weakest "
            "steps a fallback or a higher target, or take them off the request path",
            comp.id,
            subject="availability:" + " -> ".join(weakest.path),
        )
