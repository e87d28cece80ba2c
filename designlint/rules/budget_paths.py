"""Error-budget arithmetic along request paths: latencies add up, availabilities multiply."""

from __future__ import annotations

from designlint.model import quantities
from designlint.model.graph import fold_chain
from designlint.model.kinds import ASYNC, CALLERS, PATH_ENDS
from designlint.rules import Problem, Severity
from designlint.rules import rule
from designlint.util.text import KEEP_STEPS, MOST_STEPS, skipped_steps

# Latency tiers as interviewers name them: real-time (sub-200 ms), near-real-time (seconds), batch (hours).
TIER_LATENCY = {"real-time": 0.2, "near-real-time": 10.0, "batch": 86400.0}
# A request path ends where a person takes over or the answer is shown; monitors watch it from the side;
# a queue hands the work on asynchronously, so the path stops there (kinds.PATH_ENDS, kinds.ASYNC).
_EPSILON = 1e-9


MOST_NAMES = 10  # the components a note names (unknown figures, callers, fallbacks); "and N more" after that


class Worst:
    """A worst request path from an interface, given in full: its value and the facts a message reads.

    `path` is the interface and then the steps. The facts (folds along the
    steps after the interface) are found by reading the path once: this is the
    plain definition, which `_Chain` (the walk's memoised form) must agree with.
    """

    __slots__ = ("value", "path")

    def __init__(self, value: float, path: tuple[str, ...]):
        self.value = value
        self.path = path

    def __eq__(self, other) -> bool:
        return isinstance(other, Worst) and (self.value, self.path) == (other.value, other.path)

    def __repr__(self) -> str:
        return f"Worst({self.value!r}, {self.path!r})"

    @property
    def length(self) -> int:
        """How many steps follow the interface."""
        return len(self.path) - 1

    def head(self, count: int) -> tuple[str, ...]:
        """The first `count` steps after the interface."""
        return self.path[1:1 + count]

    @property
    def last(self) -> str:
        return self.path[-1]

    def first(self, key: str, test, most: int) -> tuple[tuple[str, ...], int]:
        """(the first `most` steps after the interface for which test(step) holds, how many do in all).
        `key` names the test for the memoised form."""
        hits = [c for c in self.path[1:] if test(c)]
        return tuple(hits[:most]), len(hits)

    def top(self, key: str, value) -> str | None:
        """The step after the interface with the largest value(step) (the first of equals); value None: left out."""
        best, best_value = None, None
        for c in self.path[1:]:
            v = value(c)
            if v is not None and (best_value is None or v > best_value):
                best, best_value = c, v
        return best

    def covering(self, design, most: int) -> tuple[tuple[str, ...], int]:
        """(the first `most` callers after the interface whose stated p99 already covers the calls after them
        on this (slowest) path, how many in all): a caller that states a p99, with a slower-than-0 rest."""
        covering, below = [], 0.0
        for cid in reversed(self.path[1:]):
            own = _latency(design, cid)
            if own and is_caller(design, cid) and below:
                covering.append(cid)
            below = _through(design, cid, own, below)
        covering.reverse()
        return tuple(covering[:most]), len(covering)

    def first_pair(self, key: str, test) -> tuple[str, str] | None:
        """The first (step, next step) of the whole path, interface included, for which test(next step) holds."""
        return next(((a, b) for a, b in zip(self.path, self.path[1:]) if test(b)), None)

    def first_distinct(self, key: str, names, most: int) -> tuple[str, ...]:
        """The first `most` distinct names of names(step) over the steps after the interface, in order."""
        return tuple(dict.fromkeys(n for c in self.path[1:] for n in names(c)))[:most]


def _remembered(design, key: tuple, compute):
    """Asked once per design (the graph's memo): a walk over the paths of a cyclic design asks the same
    questions of each component again and again, and the answers depend only on the design."""
    return design.graph.remember(("budget_paths", *key), compute)


def _next_steps(design, node: str, is_start: bool) -> list[str]:
    """Where a request goes from `node`: data flows, entering no interface, human, monitor or unknown id;
    nothing goes on from a queue (work behind it is asynchronous). Sorted by id."""
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


def effective_availability(design, cid: str) -> float | None:
    """The component's availability with its fallbacks in parallel; None when it states none itself.

    A fallback that states no availability (a human, say) is unknown, not always
    up: it is counted as no help, and `unknown_fallbacks` names it so the message
    can say so. designlint does arithmetic only with the numbers the design gives.
    The chain is walked only as far as it can change the answer: once the product
    of downtimes is too small to show in 1 - product (every factor lies in
    [0, 1]), the rest of a deep chain is left unread, so the answer is exact and a
    long chain costs a few steps.
    """
    comp = design.components[cid]
    own = quantities.ratio(comp.error_budget.get("availability"))
    if own is None:
        return None
    down = 1 - own
    components = design.components
    # A chain of fallbacks that state no availability changes nothing: answered for every component at
    # once (fallback_chain_has, O(V + E)), so a deep chain of humans or rules costs no walk per component.
    helps = _remembered(design, ("chain states availability",), lambda: design.graph.fallback_chain_has(
        lambda fid: fid in components and quantities.ratio(components[fid].error_budget.get("availability"))
        is not None))
    if not helps(cid):
        return own
    for fid in design.graph.iter_fallback_chain(cid):
        if 1 - down == 1.0:
            break
        fallback = components.get(fid)
        ratio = None if fallback is None else quantities.ratio(fallback.error_budget.get("availability"))
        if ratio is not None:
            down *= 1 - ratio
    return 1 - down


def unknown_fallbacks(design, cid: str, most: int = 5, looked_at: int = 20) -> list[str]:
    """Up to `most` of the first `looked_at` fallbacks of `cid` that state no availability (counted as no
    help by effective_availability): enough to name in a message, a bounded walk however deep the chain."""
    from itertools import islice

    components = design.components

    def unknown(fid: str) -> bool:
        return fid in components and quantities.ratio(components[fid].error_budget.get("availability")) is None

    # Whether any fallback down the chain states none is answered for every component at once (O(V + E)):
    # most chains have none, and then no chain is walked.
    if not _remembered(design, ("chain has unknown availability",),
                       lambda: design.graph.fallback_chain_has(unknown))(cid):
        return []
    first = islice(design.graph.iter_fallback_chain(cid), looked_at)
    return list(islice(filter(unknown, first), most))


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
    return quantities.seconds(design.components[cid].error_budget.get("latency_p99")) or 0.0


def _step_availability(design, cid: str) -> float:
    a = _remembered(design, ("availability", cid), lambda: effective_availability(design, cid))
    return 1.0 if a is None else a


class _Walk:
    """The worst request paths from every interface, found in one depth-first walk of the request graph.

    The walk starts from each interface in id order (next steps in id
    order); where request flows loop, the step that closes a loop in this walk
    (a back edge) is cut, which leaves a DAG: then each node's slowest and
    weakest way on is found once, by dynamic programming in the walk's
    post-order, and kept as a value and a pointer to the next step (no path is
    copied). O(V + E) for every interface at once; a path is spelled out only
    for an interface that is reported. On a design whose request paths do not
    loop this is exactly the worst path from each interface.
    """

    def __init__(self, design):
        self.slow: dict[str, tuple[float, str | None]] = {}
        self.weak: dict[str, tuple[float, str | None]] = {}
        components = design.components
        seen: dict[str, int] = {}  # 1: on the current path, 2: done
        slow, weak = self.slow, self.weak
        # Interfaces in id order, not file order: moving a component in the file changes no finding.
        for start in sorted(cid for cid, c in components.items() if c.kind == "interface"):
            seen[start] = 1
            stack = [(start, iter(_next_steps(design, start, True)), [])]
            while stack:
                node, nexts, kept = stack[-1]
                nxt = next(nexts, None)
                if nxt is not None:
                    state = seen.get(nxt)
                    if state == 1:
                        continue  # the step that closes a loop: cut
                    kept.append(nxt)
                    if state is None:
                        seen[nxt] = 1
                        stack.append((nxt, iter(_next_steps(design, nxt, False)), []))
                    continue
                stack.pop()
                seen[node] = 2
                slowest = weakest = None
                slowest_value = weakest_value = 0.0
                for n in kept:  # the first of equals, in id order
                    value = slow[n][0]
                    if slowest is None or value > slowest_value:
                        slowest, slowest_value = n, value
                    value = weak[n][0]
                    if weakest is None or value < weakest_value:
                        weakest, weakest_value = n, value
                if node == start:
                    own_latency, own_availability = 0.0, 1.0
                else:
                    own_latency, own_availability = _latency(design, node), _step_availability(design, node)
                slow[node] = (_through(design, node, own_latency, slowest_value if slowest is not None else 0.0),
                              slowest)
                weak[node] = (own_availability * (weakest_value if weakest is not None else 1.0), weakest)

        self.memo: dict[tuple, dict] = {}

    def worst(self, start: str) -> tuple[_Chain | None, _Chain | None]:
        """The slowest and the least available request path from the interface `start`, or (None, None)
        when no request step leads on from it."""
        if self.slow[start][1] is None:
            return None, None
        return _Chain(self, self.slow, "slow", start), _Chain(self, self.weak, "weak", start)


class _Chain:
    """A worst path as the walk keeps it: the interface and a next-step pointer per node (no path copied).

    It answers what `Worst` answers, by folds along the pointers that are
    memoised per node for the whole design (`walk.memo`): every interface's
    message together reads each node once per fact, O(V * MOST_NAMES), where
    reading each path in full would be O(V) per interface.
    """

    __slots__ = ("_walk", "_best", "_family", "start", "value")

    def __init__(self, walk: _Walk, best: dict, family: str, start: str):
        self._walk, self._best, self._family, self.start = walk, best, family, start
        self.value = best[start][0]

    def _fold(self, key, node: str | None, step):
        """memo[node] = step(node, next node, memo[next node]) along the pointers from `node` (graph.fold_chain)."""
        best = self._best
        return fold_chain(node, lambda n: best[n][1], self._walk.memo.setdefault((self._family, key), {}), step)

    @property
    def path(self) -> tuple[str, ...]:
        """The interface and every step, spelled out in full: O(length); the messages use the folds instead."""
        return (self.start, *self.head(self.length))

    @property
    def _first_step(self) -> str:
        return self._best[self.start][1]

    @property
    def length(self) -> int:
        return self._fold("length", self._first_step, lambda n, nxt, after: 1 + (after or 0))

    def head(self, count: int) -> tuple[str, ...]:
        out, node = [], self._first_step
        while node is not None and len(out) < count:
            out.append(node)
            node = self._best[node][1]
        return tuple(out)

    @property
    def last(self) -> str:
        return self._fold("last", self._first_step, lambda n, nxt, after: after or n)

    def first(self, key: str, test, most: int) -> tuple[tuple[str, ...], int]:
        def step(n, nxt, after):
            names, count = after or ((), 0)
            return ((n, *names)[:most], count + 1) if test(n) else (names, count)
        return self._fold(("first", key, most), self._first_step, step)

    def top(self, key: str, value) -> str | None:
        def step(n, nxt, after):
            v = value(n)
            if v is None or (after is not None and after[0] > v):  # the first of equals: n, before what follows
                return after
            return (v, n)
        found = self._fold(("top", key), self._first_step, step)
        return None if found is None else found[1]

    def covering(self, design, most: int) -> tuple[tuple[str, ...], int]:
        # On the slowest path the rest after a step is its next node's slowest value (the walk's own sums).
        best = self._best

        def covers(n, nxt):
            return bool(nxt is not None and best[nxt][0] and _latency(design, n) and is_caller(design, n))

        def step(n, nxt, after):
            names, count = after or ((), 0)
            return ((n, *names)[:most], count + 1) if covers(n, nxt) else (names, count)
        return self._fold(("covering", most), self._first_step, step)

    def first_pair(self, key: str, test) -> tuple[str, str] | None:
        return self._fold(("pair", key), self.start,
                          lambda n, nxt, after: (n, nxt) if nxt is not None and test(nxt) else after)

    def first_distinct(self, key: str, names, most: int) -> tuple[str, ...]:
        # The first `most` distinct names from a node on are among its own and the first `most` from the next
        # node on (at most len(own) of those can repeat its own): a bounded fold, O(most) a node.
        return self._fold(("distinct", key, most), self._first_step,
                          lambda n, nxt, after: tuple(dict.fromkeys((*names(n), *(after or ()))))[:most])


def spelled(worst, text) -> str:
    """The steps after the interface as ` -> `-joined text(step), counted with the interface as other paths are
    (util.text): up to MOST_STEPS components in full; past that the interface's first KEEP_STEPS - 1 steps,
    `… N more steps …` and the last step."""
    if worst.length + 1 <= MOST_STEPS:
        return " -> ".join(text(c) for c in worst.head(MOST_STEPS))
    kept = KEEP_STEPS - 1
    return " -> ".join([*(text(c) for c in worst.head(kept)), skipped_steps(worst.length - kept - 1),
                        text(worst.last)])


def _names(first: tuple[str, ...], count: int) -> str:
    """`a`, `b` (and N more): the first names of a note, and how many it leaves out."""
    names = ", ".join(f"`{c}`" for c in first)
    return names if count <= len(first) else f"{names} and {count - len(first):,} more"


def _worst_paths(design, start: str) -> tuple[_Chain | Worst | None, _Chain | Worst | None]:
    """The slowest and the least available request path from `start`; both rules share one walk."""
    return _remembered(design, ("walk",), lambda: _Walk(design)).worst(start)


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
    little; that is the conservative reading reviewers use. Where request flows
    loop, a request is taken not to go round: the step that closes each loop in
    one depth-first walk from the interfaces (in id order, next steps in id
    order) is left out, so the check stays linear in the size of the design;
    where two interfaces reach the same loop, the later one (by id) has its path
    cut where the earlier one's walk cut it, so moving components in the file
    changes nothing, but that later interface may be shown a shorter path than
    a walk of its own would find. A path of more than 24 components (the
    interface included) is shortened in the message (the interface and its
    first 11 steps, `… N more steps …`, the last step), and a note names at most
    10 components and counts the rest; the figures are always those of the
    whole path.

    References: Dean and Barroso, "The Tail at Scale", Communications of the
    ACM 56(2), 2013. The worst paths of every interface come from one
    depth-first walk and dynamic programming over the acyclic graph it leaves
    (Cormen et al., Introduction to Algorithms, 3rd ed., 22.3 and 24.2).
    """
    for comp in _interfaces(design):
        target = latency_target(comp)
        if target is None:
            continue
        limit, why, field = target
        slowest, _ = _worst_paths(design, comp.id)
        if slowest is None or slowest.value <= limit + _EPSILON:
            continue
        steps = f"{comp.id} -> " + spelled(slowest, lambda c: _step_text(design, c, "latency_p99"))
        unknown = slowest.first("latency unknown", lambda c: design.components[c].error_budget.get("latency_p99")
                                is None, MOST_NAMES)
        notes = _notes(_unknown_note(*unknown, "latency_p99", "counted as 0, so the path takes at least this"),
                       _caller_note(*slowest.covering(design, MOST_NAMES)), _handoff_note(design, slowest),
                       _top_note(design, slowest, "slowest", "latency_p99", lambda c: _latency(design, c) or None))
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
        a = _remembered(design, ("availability", cid), lambda: effective_availability(design, cid))
        value = "?" if a is None else quantities.show_ratio(a)
    else:
        value = str(comp.error_budget.get(metric, "?"))
    source = comp.inherited("error_budget")
    return f"{cid} ({value}, from {source})" if source and value != "?" else f"{cid} ({value})"


def _notes(*parts: str) -> str:
    """What a reader needs to trust the figure, in one parenthesis before the fix: ` (a; b)`."""
    kept = [p for p in parts if p]
    return f" ({'; '.join(kept)})" if kept else ""


def _top_note(design, worst, what: str, metric: str, value) -> str:
    """`slowest step: s30 (5s)`: on a path shortened in the message, the step to look at first (it may be hidden)."""
    if worst.length + 1 <= MOST_STEPS:
        return ""
    top = worst.top(what, value)
    return "" if top is None else f"{what} step: {_step_text(design, top, metric)}"


def _unknown_note(first: tuple[str, ...], count: int, metric: str, reading: str) -> str:
    if not count:
        return ""
    verb = "states" if count == 1 else "state"
    return f"{_names(first, count)} {verb} no {metric}: unknown, {reading}"


def _caller_note(first: tuple[str, ...], count: int) -> str:
    """Which callers' p99s already cover the calls after them on the path (so the steps do not simply add up)."""
    if not count:
        return ""
    return f"{_names(first, count)}: a caller's p99 includes the calls on its critical path, so they are not added again"


def _handoff_note(design, worst) -> str:
    """How to take a hand-off off the request path, when the path runs into a queue."""
    pair = worst.first_pair("async", lambda cid: design.graph.kind(cid) in ASYNC)
    if pair is None:
        return ""
    before, cid = pair
    return (f"if `{cid}` hands work to people, mark the flow "
            f"`{{from: {before}, to: {cid}, kind: escalation}}` to take it off the request path")


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
    independent failures. An unknown figure is unknown, not 100%: a fallback
    that states no availability (a human, say) is counted as no help, and a
    step that states none is left out of the product, which is then an upper
    bound ("at most"); the message names both, so the fix can be to state the
    figure. Paths are walked, and long ones shortened in the message, as for
    `latency-budget-exceeded` (hand-off queues and escalations are off the
    request path).

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
        steps = f"{comp.id} -> " + spelled(weakest, lambda c: _step_text(design, c, "availability"))

        def known(c: str) -> float | None:
            return _remembered(design, ("availability", c), lambda: effective_availability(design, c))

        unknown = weakest.first("availability unknown", lambda c: known(c) is None, MOST_NAMES)
        at_most = "at most " if unknown[1] else ""
        # Distinct names cannot be counted by a bounded fold: on a path spelled in full (at most MOST_STEPS
        # components, each with at most 5 such fallbacks) they are all read and counted; on a longer one, one
        # more than is shown tells whether to say that there are more.
        short = weakest.length + 1 <= MOST_STEPS
        helpless = weakest.first_distinct("helpless fallbacks", lambda c: () if known(c) is None
                                          else unknown_fallbacks(design, c), 5 * MOST_STEPS if short else MOST_NAMES + 1)
        if short or len(helpless) <= MOST_NAMES:
            names = _names(helpless[:MOST_NAMES], len(helpless))
        else:
            names = _names(helpless[:MOST_NAMES], MOST_NAMES) + " and more along the path"
        notes = _notes(_top_note(design, weakest, "weakest", "availability",
                                 lambda c: None if known(c) is None else -known(c)),
                       _unknown_note(*unknown, "availability", "not counted, so the path is at most this"),
                       helpless and f"fallback {names} {'states' if len(helpless) == 1 else 'state'} no availability: "
                                    "unknown, counted as no help",
                       _handoff_note(design, weakest))
        yield Problem(
            comp.field_location("error_budget"),
            f"{comp.label} targets {quantities.show_ratio(target)} availability, but the steps in series along "
            f"{steps} multiply to {at_most}{quantities.show_ratio(weakest.value)}{notes}: give the weakest "
            "steps a fallback or a higher target, or take them off the request path",
            comp.id,
            subject="availability",  # one per interface: a diff matches it whatever path it takes
        )
