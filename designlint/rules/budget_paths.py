"""Error-budget arithmetic along request paths: latencies add up, availabilities multiply."""

from __future__ import annotations

from dataclasses import dataclass

from designlint.model import quantities
from designlint.model.kinds import ASYNC, PATH_ENDS
from designlint.rules import Problem, Severity
from designlint.rules import rule

# Latency tiers as interviewers name them: real-time (sub-200 ms), near-real-time (seconds), batch (hours).
TIER_LATENCY = {"real-time": 0.2, "near-real-time": 10.0, "batch": 86400.0}
# A request path ends where a person takes over or the answer is shown; monitors watch it from the side;
# a queue hands the work on asynchronously, so the path stops there (kinds.PATH_ENDS, kinds.ASYNC).
_EPSILON = 1e-9


@dataclass(frozen=True)
class Worst:
    value: float
    path: tuple[str, ...]


def _remembered(design, key: tuple, compute):
    """Asked once per design (the graph's memo): a walk over the paths of a cyclic design asks the same
    questions of each component again and again, and the answers depend only on the design."""
    return design.graph.remember(("budget_paths", *key), compute)


def _next_steps(design, node: str, is_start: bool) -> tuple[str, ...]:
    """Where a request goes from `node`: data flows, entering no interface, human, monitor or unknown id;
    nothing goes on from a queue (work behind it is asynchronous)."""
    return _remembered(design, ("next", node, is_start), lambda: tuple(_find_next_steps(design, node, is_start)))


def _find_next_steps(design, node: str, is_start: bool) -> list[str]:
    graph = design.graph
    if not is_start and graph.kind(node) in ASYNC:
        return []
    ends = {f.target.id for f in graph.flows_out_of(node, "data")}
    return sorted(n for n in ends if n in design.components and graph.kind(n) not in PATH_ENDS)


def _request_dag(design, start: str) -> tuple[list[str], set[tuple[str, str]]]:
    """The nodes a request from `start` can reach, each after all it leads to, and the steps cut from loops.

    A request does not go round a loop: where request flows loop, the step that
    closes the loop in a depth-first walk (next steps in id order) is cut, so what
    is left is acyclic and the worst path is found exactly, in linear time,
    instead of enumerating paths (exponential on a tangled design).
    """
    state: dict[str, int] = {start: 1}  # 1: on the current path, 2: done
    order: list[str] = []
    cut: set[tuple[str, str]] = set()
    stack = [(start, iter(_next_steps(design, start, True)))]
    while stack:
        node, nexts = stack[-1]
        nxt = next(nexts, None)
        if nxt is None:
            stack.pop()
            state[node] = 2
            order.append(node)
        elif state.get(nxt) == 1:
            cut.add((node, nxt))
        elif nxt not in state:
            state[nxt] = 1
            stack.append((nxt, iter(_next_steps(design, nxt, False))))
    return order, cut


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
    return _remembered(design, ("latency", cid),
                       lambda: quantities.seconds(design.components[cid].error_budget.get("latency_p99")) or 0.0)


def _worst_paths(design, start: str) -> tuple[Worst | None, Worst | None]:
    """The slowest and the least available request path from `start`; both rules share one walk."""
    return _remembered(design, ("worst", start), lambda: _walk(design, start))


def _walk(design, start: str) -> tuple[Worst | None, Worst | None]:
    order, cut = _request_dag(design, start)
    return _worst_in_dag(design, start, order, cut)


def _step_availability(design, cid: str) -> float:
    a = _remembered(design, ("availability", cid), lambda: effective_availability(design, cid))
    return 1.0 if a is None else a


def _worst_in_dag(design, start: str, order: list[str], cut: set[tuple[str, str]]) -> tuple[Worst | None, Worst | None]:
    """Exact worst paths by dynamic programming: each node's slowest and weakest way on, in linear time."""
    slow: dict[str, Worst] = {}
    weak: dict[str, Worst] = {}
    for node in order:  # every node after the nodes it leads to
        nexts = [n for n in _next_steps(design, node, node == start) if (node, n) not in cut]
        own_latency = 0.0 if node == start else _latency(design, node)
        own_availability = 1.0 if node == start else _step_availability(design, node)
        slowest_next = max((slow[n] for n in nexts), key=lambda w: w.value, default=None)
        weakest_next = min((weak[n] for n in nexts), key=lambda w: w.value, default=None)
        slow[node] = Worst(own_latency + (slowest_next.value if slowest_next else 0.0),
                           (node, *(slowest_next.path if slowest_next else ())))
        weak[node] = Worst(own_availability * (weakest_next.value if weakest_next else 1.0),
                           (node, *(weakest_next.path if weakest_next else ())))
    if len(slow[start].path) == 1:
        return None, None
    return slow[start], weak[start]


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
    """What it checks: an interface whose latency budget is smaller than the sum of
    the `latency_p99` along some path of data flows from it. The budget is the
    interface's `error_budget.latency_p99`, or its `tier` (real-time 200 ms,
    near-real-time 10 s, batch 24 h), whichever is tighter. The message names
    the slowest path with each step's latency.

    Why it matters: the budget is what the user waits for, end to end; a
    request path whose steps already add up to more cannot meet it.

    Fails::

        designlint: 1
        system: voice
        components:
          app: {kind: interface, tier: real-time}
          asr: {kind: model, error_budget: {latency_p99: 150ms}}
          llm: {kind: external, error_budget: {latency_p99: 900ms}}
        flows:
          - app -> asr -> llm

    Passes::

        designlint: 1
        system: voice
        components:
          app: {kind: interface, tier: near-real-time}
          asr: {kind: model, error_budget: {latency_p99: 150ms}}
          llm: {kind: external, error_budget: {latency_p99: 900ms}}
        flows:
          - app -> asr -> llm

    Known limits: a path follows `data` flows from the interface; it ends before
    another interface, a human (a hand-off is not part of the request) or a
    monitor (it watches from the side), and stops at a queue (work behind a
    queue is asynchronous). Components that state no latency add nothing.
    Adding p99s overstates the total a little; that is the conservative reading
    reviewers use. Where request flows loop, a request is taken not to go
    round: the step that closes each loop in a depth-first walk (ids in order)
    is left out, so the check stays linear in the size of the design.

    References: Dean and Barroso, "The Tail at Scale", Communications of the
    ACM 56(2), 2013.
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
    """What it checks: an interface whose `error_budget.availability` target is
    above the product of the availabilities along some path of data flows from
    it. The message names the weakest path with each step's availability.

    Why it matters: components in series multiply: three 99.9% steps give
    99.7%, so an interface cannot promise more than its path delivers.

    Fails::

        designlint: 1
        system: search
        components:
          app: {kind: interface, error_budget: {availability: 99.9%}}
          api: {kind: service, error_budget: {availability: 99.9%}}
          index: {kind: datastore, error_budget: {availability: 99.9%}}
        flows:
          - app -> api -> index

    Passes::

        designlint: 1
        system: search
        components:
          app: {kind: interface, error_budget: {availability: 99.9%}}
          api: {kind: service, error_budget: {availability: 99.95%}}
          index: {kind: datastore, error_budget: {availability: 99.95%}}
        flows:
          - app -> api -> index

    Known limits: a component with fallbacks counts as up when it or any
    fallback is up (1 minus the product of their downtimes), which assumes
    independent failures; a component or fallback that states no availability
    counts as always up. Paths are walked as for `latency-budget-exceeded`.

    References: Treynor, Dahlin, Rau and Beyer, "The Calculus of Service
    Availability", ACM Queue 15(2), 2017.
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
