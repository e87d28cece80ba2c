"""The budget rules as they were before the linear walk, with issue 13's arithmetic (unknown figures,
a caller's own p99, hand-offs): one walk per interface. Kept only as the reference the linear rules are
compared with (tests/rules/test_linear_rules_differential.py); never registered.

Error-budget arithmetic along request paths: latencies add up, availabilities multiply."""

from __future__ import annotations

from dataclasses import dataclass

from designlint.model import quantities
from designlint.model.kinds import ASYNC, CALLERS, PATH_ENDS
from designlint.rules import Problem

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
    return design.graph.remember(("reference_budget_paths", *key), compute)


def _next_steps(design, node: str, is_start: bool) -> tuple[str, ...]:
    """Where a request goes from `node`: data flows, entering no interface, human, monitor or unknown id;
    nothing goes on from a queue (work behind it is asynchronous)."""
    return _remembered(design, ("next", node, is_start), lambda: tuple(_find_next_steps(design, node, is_start)))


def _find_next_steps(design, node: str, is_start: bool) -> list[str]:
    graph = design.graph
    if not is_start and graph.kind(node) in ASYNC:
        return []
    ends = {f.target.id for f in graph.flows_out_of(node, "data")}
    return sorted(n for n in ends if n in design.components and graph.kind(n) not in PATH_ENDS
                  and not is_handoff(design, n))


def is_handoff(design, cid: str) -> bool:
    """A queue whose data flows out all go to humans: a hand-off to people, off the request path like an escalation."""
    graph = design.graph
    if graph.kind(cid) not in ASYNC:
        return False
    outs = graph.flows_out_of(cid, "data")
    return bool(outs) and all(graph.kind(f.target.id) == "human" for f in outs)


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
    """The component's availability with its fallbacks in parallel; None when it states none itself.

    A fallback that states no availability (a human, say) is unknown, not always
    up: it is counted as no help, and `unknown_fallbacks` names it so the message
    can say so. designlint does arithmetic only with the numbers the design gives.
    """
    comp = design.components[cid]
    own = quantities.ratio(comp.error_budget.get("availability"))
    if own is None:
        return None
    down = 1 - own
    for fid in design.graph.fallback_chain(cid):
        fallback = design.components.get(fid)
        ratio = None if fallback is None else quantities.ratio(fallback.error_budget.get("availability"))
        if ratio is not None:
            down *= 1 - ratio
    return 1 - down


def unknown_fallbacks(design, cid: str) -> list[str]:
    """The fallbacks of `cid` that state no availability (counted as no help by effective_availability)."""
    return [fid for fid in design.graph.fallback_chain(cid) if fid in design.components
            and quantities.ratio(design.components[fid].error_budget.get("availability")) is None]


def is_caller(design, cid: str) -> bool:
    """An orchestrator or agent: its data flows out are calls whose answers come back to it (FORMAT.md rev 2)."""
    return design.graph.kind(cid) in CALLERS


def _through(design, cid: str, own: float, below: float) -> float:
    """The p99 latency a request sees from `cid` on: `own` is its stated latency_p99 (0 when none), `below` the
    slowest chain after it.

    A caller's stated latency_p99 is what its own caller waits for: its own work plus
    the calls on its critical path, so the calls are not added again; when its slowest
    chain of calls is slower than that figure, the chain is what the request waits for.
    Any other step hands the request on (a pipeline), so latencies add.
    Worked example (docs of latency-budget-exceeded): app -> orchestrator (p99 2s) ->
    llm (1.5s) gives 2s, not 3.5s; app -> service (100ms) -> model (50ms) gives 150ms.
    """
    if own and is_caller(design, cid):
        return max(own, below)
    return own + below


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
        slow[node] = Worst(_through(design, node, own_latency, slowest_next.value if slowest_next else 0.0),
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


def latency_budget_exceeded(design):
    """What it checks: an interface whose latency budget is smaller than the p99
    latency of some request path of data flows from it. The budget is the
    interface's `error_budget.latency_p99`, or its `tier` (real-time 200 ms,
    near-real-time 10 s, batch 24 h), whichever is tighter. Steps in a
    pipeline add up. A caller (an `orchestrator` or `agent`: its data flows out
    are calls whose answers come back) states in its own `latency_p99` what its
    caller waits for: its own work plus the calls on its critical path, so its
    calls are not added on top of it; when its slowest chain of calls is slower
    than its stated p99, that chain counts. Worked example: `app ->
    orchestrator` (p99 2s), which calls `retriever` (300ms) and `llm` (1.5s):
    the critical path is `llm`, and the request takes max(2s, 1.5s) = 2s, not
    2s + 1.5s = 3.5s (the caller counted twice). With `app -> service` (100ms)
    `-> model` (50ms), a pipeline, it takes 150ms. The message names the
    slowest path with each step's latency, and says which figures are unknown
    and which budgets come from a layer.

    Why it matters: the budget is what the user waits for, end to end; a
    request path whose steps already take more cannot meet it.

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
    queue is asynchronous). A queue whose data flows out all go to humans is a
    hand-off, off the request path like an `escalation` flow; the message says
    how to mark any other queue on the path as one (`kind: escalation`). A
    component that states no latency is unknown: it adds 0, so the total is a
    lower bound, and the message names it. Adding p99s overstates the total a
    little; that is the conservative reading reviewers use. Where request flows loop, a request is taken not to go
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
        path = slowest.path[1:]
        steps = " -> ".join([comp.id] + [_step_text(design, c, "latency_p99") for c in path])
        unknown = [c for c in path if design.components[c].error_budget.get("latency_p99") is None]
        notes = _notes(_unknown_note(unknown, "latency_p99", "counted as 0, so the path takes at least this"),
                       _caller_note(design, path), _handoff_note(design, slowest.path))
        yield Problem(
            comp.field_location(field),
            f"{comp.label} must answer within {quantities.show_seconds(limit)} ({why}), but the request path "
            f"{steps} takes {quantities.show_seconds(slowest.value)} at p99{notes}: cut or parallelise a step, "
            "cache, or move work off the request path",
            comp.id,
            subject="latency",  # one per interface: a diff matches it whatever path it takes
        )


def _step_text(design, cid: str, metric: str) -> str:
    """`cid (300ms)`, `cid (300ms, from layer data)` or `cid (?)` for a step of a path."""
    comp = design.components[cid]
    if metric == "availability":
        a = effective_availability(design, cid)
        value = "?" if a is None else quantities.show_ratio(a)
    else:
        value = str(comp.error_budget.get(metric, "?"))
    source = comp.inherited("error_budget")
    return f"{cid} ({value}, from {source})" if source and value != "?" else f"{cid} ({value})"


def _notes(*parts: str) -> str:
    """What a reader needs to trust the figure, in one parenthesis before the fix: ` (a; b)`."""
    kept = [p for p in parts if p]
    return f" ({'; '.join(kept)})" if kept else ""


def _unknown_note(unknown: list[str], metric: str, reading: str) -> str:
    if not unknown:
        return ""
    names = ", ".join(f"`{c}`" for c in unknown)
    verb = "states" if len(unknown) == 1 else "state"
    return f"{names} {verb} no {metric}: unknown, {reading}"


def _caller_note(design, path: tuple[str, ...]) -> str:
    """Which callers' p99s already cover the calls after them on the path (so the steps do not simply add up)."""
    covering, below = [], 0.0
    for cid in reversed(path):
        own = _latency(design, cid)
        if own and is_caller(design, cid) and below:
            covering.append(f"`{cid}`")
        below = _through(design, cid, own, below)
    if not covering:
        return ""
    names = ", ".join(reversed(covering))
    return f"{names}: a caller's p99 includes the calls on its critical path, so they are not added again"


def _handoff_note(design, path: tuple[str, ...]) -> str:
    """How to take a hand-off off the request path, when the path runs into a queue."""
    for before, cid in zip(path, path[1:]):
        if design.graph.kind(cid) in ASYNC:
            return (f"if `{cid}` hands work to people, mark the flow "
                    f"`{{from: {before}, to: {cid}, kind: escalation}}` to take it off the request path")
    return ""


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
    independent failures. An unknown figure is unknown, not 100%: a fallback
    that states no availability (a human, say) is counted as no help, and a
    step that states none is left out of the product, which is then an upper
    bound ("at most"); the message names both, so the fix can be to state the
    figure. Paths are walked as for `latency-budget-exceeded` (hand-off queues
    and escalations are off the request path).

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
        path = weakest.path[1:]
        steps = " -> ".join([comp.id] + [_step_text(design, c, "availability") for c in path])
        unknown = [c for c in path if effective_availability(design, c) is None]
        at_most = "at most " if unknown else ""
        helpless = list(dict.fromkeys(f for c in path if effective_availability(design, c) is not None
                                      for f in unknown_fallbacks(design, c)))
        names = ", ".join(f"`{f}`" for f in helpless)
        notes = _notes(_unknown_note(unknown, "availability", "not counted, so the path is at most this"),
                       helpless and f"fallback {names} {'states' if len(helpless) == 1 else 'state'} no availability: "
                                    "unknown, counted as no help",
                       _handoff_note(design, weakest.path))
        yield Problem(
            comp.field_location("error_budget"),
            f"{comp.label} targets {quantities.show_ratio(target)} availability, but the steps in series along "
            f"{steps} multiply to {at_most}{quantities.show_ratio(weakest.value)}{notes}: give the weakest "
            "steps a fallback or a higher target, or take them off the request path",
            comp.id,
            subject="availability",  # one per interface: a diff matches it whatever path it takes
        )
