"""Fallbacks: what takes over when a part that can fail does fail."""

from __future__ import annotations

from itertools import chain

from designlint.model import roles
from designlint.model.graph import Dominators, Witnesses, breadth_first, is_outlet, strongly_connected
from designlint.model.kinds import CAN_FAIL
from designlint.rules import Problem, Severity
from designlint.rules import rule
from designlint.util.text import first_steps

_PER_KIND = 3  # stand-ins looked at per kind: enough to skip one that closes a loop, and linear in the design
_POOL = 3 * _PER_KIND  # candidates kept per pool, so that skipping self, callers and one vendor stays bounded


def _stand_in_kinds(comp) -> tuple[tuple[str, str], ...]:
    """(role, why) in the order a reviewer proposes an off-ramp for `comp`: what could do its job."""
    if comp.kind == "agent":
        return (("human", "a person takes the case"), ("rule", "a scripted flow"), ("ai", "a simpler agent or model"))
    if roles.is_ai(comp):  # a model, or an external LLM API
        other = "a smaller or other-vendor model" if roles.is_generative(comp) else "a simpler model"
        return (("rule", "deterministic answers"), ("cache", "the last good answers"), ("ai", other),
                ("human", "a person takes the case"))
    # A non-AI external dependency: never an AI step.
    return (("cache", "the last good answers"), ("queue", "retry later"), ("rule", "a deterministic default"),
            ("human", "a person takes the case"))


class _StandIns:
    """The first few components of each role, found once per design, so that each finding costs a constant."""

    def __init__(self, design):
        self.design = design
        self.pools: dict = {}
        for comp in design.components.values():
            for key in self._keys(comp):
                pool = self.pools.setdefault(key, [])
                if len(pool) < _POOL:
                    pool.append(comp)
        self._chains: dict[str, frozenset[str]] = {}

    @staticmethod
    def _keys(comp):
        if comp.kind in ("rule", "human", "queue"):
            yield comp.kind
        if roles.is_cache(comp):
            yield "cache"
        if comp.kind in ("model", "agent", "external") and roles.is_ai(comp):
            yield ("ai", comp.kind in ("model", "agent"), comp.kind in ("model", "external"), roles.is_generative(comp))

    def _pool(self, role: str, comp) -> list:
        if role != "ai":
            return self.pools.get(role, [])
        # an agent or model for an agent; a model or LLM API for a model or an LLM API, of the same sort
        generative = roles.is_generative(comp)
        if comp.kind == "agent":
            keys = [("ai", True, False, generative), ("ai", True, True, generative)]
        else:
            keys = [("ai", True, True, generative), ("ai", False, True, generative)]
        found = {id(c): c for key in keys for c in self.pools.get(key, [])}
        order = {cid: i for i, cid in enumerate(self.design.components)}
        return sorted(found.values(), key=lambda c: order[c.id])

    def chain(self, cid: str) -> frozenset[str]:
        if cid not in self._chains:
            self._chains[cid] = frozenset(self.design.graph.fallback_chain(cid))
        return self._chains[cid]

    def find(self, comp) -> tuple[str, str] | None:
        """(id, why) of a component that could take over from `comp`, or None.

        Only components that could do its job (by kind: another model of the same
        sort and another vendor, a rule, a cache, a queue, a human; never an AI
        step for a non-AI external dependency), never one whose own fallback chain
        leads back to `comp` (that would close a fallback cycle), nor one that
        calls it (a data flow into it).
        """
        callers = {f.source.id for f in self.design.graph.flows_into(comp.id, "data")}
        mine = roles.provider(comp)
        for role, why in _stand_in_kinds(comp):
            looked = 0
            for other in self._pool(role, comp):
                if other.id == comp.id or (role == "ai" and (other.id in callers or (
                        mine is not None and roles.provider(other) == mine))):
                    continue
                if looked == _PER_KIND:
                    break
                looked += 1
                if comp.id not in self.chain(other.id):
                    return other.id, why
        return None


@rule("missing-fallback", Severity.ERROR, "Every model, agent and external dependency has a fallback.")
def missing_fallback(design):
    """What it checks: a component of kind `model`, `agent` or `external` with no
    `fallback` (one id or an ordered list of ids). A `guardrail` needs none,
    even one served by a model: what happens while it is down is its
    `on_failure` (see `guardrail-failure-undeclared`). The message proposes
    only a component that could stand in: for a model or an LLM API, a rule, a
    cache, a smaller or other-vendor model of the same sort (an LLM for an LLM,
    a scorer for a scorer, never one of the same `provider`), or a human; for
    an agent, a human, a rule or a simpler agent; for a non-AI external
    dependency, a cache, a queue, a rule or a human, never an AI step. It
    never proposes a component whose own fallback chain leads back (a fallback
    cycle), nor one that calls the component (a data flow into it): that one
    fails with it.

    Why it matters: models are wrong, agents loop and third-party APIs go down.
    Each of them needs a named off-ramp: a rule, a simpler model, another
    provider or a human.

    Fails::

        designlint: 1
        system: rag-bot
        components:
          llm: {kind: external}

    Passes::

        designlint: 1
        system: rag-bot
        components:
          llm: {kind: external, fallback: templates}
          templates: {kind: rule}

    Known limits: any fallback satisfies it; whether the chain ends somewhere
    safe is `fallback-cycle`'s, `ai-only-fallback`'s and
    `fallback-shared-fate`'s question.

    References: AWS Well-Architected Framework, Reliability pillar, REL05-BP01
    (graceful degradation: hard dependencies made soft); Google SRE book,
    ch. 22 "Addressing Cascading Failures".
    """
    stand_ins = _StandIns(design)
    for comp in design.of_kind(*CAN_FAIL):
        if not comp.fallback:
            found = stand_ins.find(comp)
            if found:
                hint = f"e.g. `fallback: {found[0]}` ({found[1]})"
            else:
                hint = "e.g. " + " or ".join(f"{why}" for _, why in _stand_in_kinds(comp)[:2]) + \
                    " (add one, then `fallback: <its id>`)"
            yield Problem(
                comp.location,
                f"{comp.label} has no fallback: name the component that takes over when it fails, {hint}",
                comp.id,
            )


@rule("fallback-cycle", Severity.ERROR, "No fallback chain comes back to where it started.")
def fallback_cycle(design):
    """What it checks: a fallback chain that comes back to where it started (a
    self-fallback included). Each component whose own chain comes back to it
    is reported, at the fallback entry that starts the loop, with the loop.

    Why it matters: if `a` falls back to `b` and `b` to `a`, then when both are
    down nothing takes over: the chain has no end.

    Fails::

        designlint: 1
        system: writer
        components:
          primary_llm: {kind: model, fallback: backup_llm}
          backup_llm: {kind: model, fallback: primary_llm}

    Passes::

        designlint: 1
        system: writer
        components:
          primary_llm: {kind: model, fallback: backup_llm}
          backup_llm: {kind: model, fallback: templates}
          templates: {kind: rule}

    Known limits: a component whose chain only runs into someone else's loop is
    not reported; that loop is reported on its own members.

    References: AWS Well-Architected Framework, Reliability pillar, REL05-BP01
    (graceful degradation).
    """
    graph = design.graph
    for comp in design.components.values():
        loop = graph.fallback_loop(comp.id)
        if loop is None:
            continue
        ref = next(r for r in comp.fallback if r.id == loop[1])
        chain = " -> ".join(loop)
        what = "falls back to itself" if len(loop) == 2 else f"has a fallback chain that comes back to it: {chain}"
        yield Problem(
            ref.location,
            f"{comp.label} {what}: end the chain at a component outside the loop, such as a rule or a human",
            comp.id,
            subject=chain,
        )


_DELIVERY = ("data", "escalation")  # feedback improves a component later; it delivers nothing now


@rule("fallback-shared-fate", Severity.WARNING, "No fallback depends, through flows, on the component it replaces.")
def fallback_shared_fate(design):
    """What it checks: a fallback whose every path to an outlet passes through the
    component it replaces (an outlet is an interface, a human, an external
    service, a datastore or a component with actions). Paths follow `data` and
    `escalation` flows, and what an orchestrator or an agent calls answers back
    to it. Every component of the fallback chain is checked; the message names
    the path through the failed component.

    Why it matters: when `a` falls back to `b` but everything `b` produces
    reaches users only through `a`, then `b` is useless whenever `a` is down:
    they share a fate.

    Fails::

        designlint: 1
        system: scoring
        components:
          api: {kind: interface}
          scorer: {kind: model, fallback: bucket_rules}
          bucket_rules: {kind: rule}
        flows:
          - api -> scorer -> api
          - bucket_rules -> scorer

    Passes::

        designlint: 1
        system: scoring
        components:
          api: {kind: interface}
          scorer: {kind: model, fallback: bucket_rules}
          bucket_rules: {kind: rule}
        flows:
          - api -> scorer -> api
          - bucket_rules -> api

    Known limits: a fallback that has no flows out stands in for its primary's
    flows and passes; so does a fallback that is itself an outlet. A fallback
    that reaches no outlet at all is left to `dead-end`.

    References: AWS Well-Architected Framework, Reliability pillar, REL10 (fault
    isolation: a fallback must not sit in the failed part's fault domain).
    Every fallback is checked at once, from the dominators of the reversed
    delivery graph (Lengauer and Tarjan, "A fast algorithm for finding
    dominators in a flowgraph", ACM TOPLAS 1(1), 1979).
    """
    for comp, fallback, path in _shared_fates(design):
        yield Problem(
            comp.field_location("fallback"),
            f"{comp.label} falls back to `{fallback}`, which reaches users only through `{comp.id}` "
            f"({' -> '.join(path)}): when `{comp.id}` is down its fallback is too; give `{fallback}` its own "
            "way out, or choose a fallback that does not depend on it",
            comp.id,
            subject=f"fallback:{fallback}",
        )


_ROOT = object()  # the one root of the reversed delivery graph: it leads to every outlet
# A fallback loop larger than this is not walked from each member (a ring of 3,000 models made that quadratic):
# its members are looked up by dominator-tree number, and only what lies beyond the loop is walked.
_WHOLE_LOOP = 4


def _in_large_loop(cid: str, knot: set[str], loops: dict, links: dict, candidates, dom, worth):
    """The members of `cid`'s fallback chain that may share its fate, when `cid` is in a large fallback loop:
    every other member of the loop is in its chain, so the candidates of the loop inside its dominator subtree
    are found by binary search over the loop's candidates sorted by dominator-tree number (O(log V + what is
    found)); what lies beyond the loop is walked from the loop's ways out, as the chain would be."""
    from bisect import bisect_left

    key = id(knot)  # the graph keeps one set per loop for all its members
    if key not in loops:
        inside = sorted((dom.interval(n)[0], n) for n in knot if n in candidates and dom.reached(n))
        exits = list(dict.fromkeys(t for n in sorted(knot) for t in links.get(n, ()) if t not in knot))
        loops[key] = ([e for e, _ in inside], [n for _, n in inside], exits)
    numbers, members, exits = loops[key]
    lo, hi = dom.interval(cid)
    yield from (n for n in members[bisect_left(numbers, lo):bisect_left(numbers, hi)] if n != cid)
    seen: set[str] = set()  # beyond the loop (the loop itself is never entered: no copy of it per member)
    stack = [iter(exits)]
    while stack:
        nxt = next(stack[-1], None)
        if nxt is None:
            stack.pop()
        elif nxt not in seen and nxt not in knot:
            seen.add(nxt)
            if worth(nxt):
                yield nxt
                stack.append(iter(links.get(nxt, ())))


def _shared_fates(design):
    """(component, fallback in its chain, path from the fallback to its nearest outlet) for each
    fallback whose every delivery path to an outlet passes through the component.

    All at once from dominators (Lengauer-Tarjan, graph.Dominators) of the
    reversed delivery graph rooted at a node that leads to every outlet: `c`
    blocks every way out of `f` exactly when `c` dominates `f` there. A
    fallback chain is walked only into fallbacks whose reach (in the fallback
    graph) may hold a candidate inside `c`'s dominator subtree and upstream of
    `c` (bounds found by one pass over the condensation of the fallback graph),
    and not at all from a `c` that dominates nothing, so a long chain is not
    walked once per component on the shapes of bench/shapes.py (the bounds are
    a filter, not an index: a design built against them can still make the
    walks add up to the number of (component, chain member) pairs). A large fallback loop is not walked from each
    member (_in_large_loop). The witness path of every reported fallback is its shortest way to the nearest
    outlet, from one breadth-first search back from every outlet (it passes through `c`, which dominates the
    fallback), shortened as messages spell long paths. O((V + E) log V) plus the output.
    """
    graph = design.graph
    components = design.components
    if not any(comp.fallback for comp in components.values()):
        return
    outlets = [cid for cid in components if is_outlet(design, cid)]
    forward = graph.steps(_DELIVERY, replies=True)
    nodes = list(graph.nodes())
    backward: dict[str, list[str]] = {n: [] for n in nodes}
    for n in nodes:
        for t in forward(n):
            backward[t].append(n)
    dom = Dominators(_ROOT, lambda n: outlets if n is _ROOT else backward[n])

    # A candidate may share a fate: a component, not an outlet, with flows out, that reaches an outlet.
    candidates = {f for f in components if dom.reached(f) and graph.flows_out_of(f) and not is_outlet(design, f)}
    # A fallback shares its primary's fate only upstream of it: in the condensation of the delivery graph
    # (Tarjan: sinks get the lowest numbers) its set's number is at least the primary's.
    upstream: dict[str, int] = {}
    for i, scc in enumerate(strongly_connected(nodes, forward)):
        for n in scc:
            upstream[n] = i
    # For each id, over the candidates it reaches through fallbacks (itself included): the least and greatest
    # dominator-tree entry number, and the greatest condensation number. One pass, sinks first.
    links = {cid: [r.id for r in comp.fallback] for cid, comp in components.items() if comp.fallback}
    span: dict[str, tuple[int, int, int] | None] = {}
    sccs = strongly_connected(list(dict.fromkeys([*components, *(t for ts in links.values() for t in ts)])),
                              lambda n: links.get(n, ()))
    for scc in sccs:
        low = high = top = None
        for n in scc:
            found = [(dom.interval(n)[0], dom.interval(n)[0], upstream[n])] if n in candidates else []
            found += [span[t] for t in links.get(n, ()) if t not in scc and span[t] is not None]
            for f_low, f_high, f_top in found:
                low = f_low if low is None else min(low, f_low)
                high = f_high if high is None else max(high, f_high)
                top = f_top if top is None else max(top, f_top)
        for n in scc:
            span[n] = None if low is None else (low, high, top)
    nearest = None
    loops: dict[int, tuple[list[int], list[str], list[str]]] = {}  # a large fallback loop (its set's id) -> its index
    for comp in components.values():
        if not comp.fallback:
            continue
        inside = dom.interval(comp.id)
        if inside is None or inside[1] - inside[0] == 1:
            continue  # it reaches no outlet, or dominates nothing but itself
        lo, hi = inside
        level = upstream[comp.id]

        def worth(n: str) -> bool:  # a candidate in comp's dominator subtree may be reached through n
            got = span.get(n)
            return got is not None and got[1] > lo and got[0] < hi and got[2] >= level

        knot = graph.fallback_knot(comp.id)
        if knot is None or len(knot) <= _WHOLE_LOOP:
            found = graph.iter_fallback_chain(comp.id, enter=worth)
        else:
            found = _in_large_loop(comp.id, knot, loops, links, candidates, dom, worth)
        for f in found:
            if f not in candidates or not dom.dominates(comp.id, f):
                continue
            if nearest is None:  # one search back from every outlet: each node's way to its nearest outlet
                nearest = Witnesses(breadth_first(outlets, graph.steps(_DELIVERY, reverse=True, replies=True)))
            yield comp, f, nearest.shown(f, reverse=True)


@rule("fallback-same-provider", Severity.WARNING, "A model's fallbacks are not all served by its own provider.")
def fallback_same_provider(design):
    """What it checks: a model or agent with a `provider` whose fallback chain
    is not empty and holds only models and agents of that same provider. The
    chain is followed transitively, as `fallback-cycle` follows it (each
    component once). Providers are compared without regard to case;
    `in-house` counts as a provider (one platform's outage takes them all).
    A chain that holds anything else (a rule, a human, a guardrail, an
    external, a model of another or of no provider) passes, and so does an
    id that names no component (`unknown-reference` reports it).

    Why it matters: a bigger and a smaller model from one vendor, or one model in two regions
    of one cloud, fail together: an outage, a rate limit, a revoked key or a
    policy change at the provider takes the primary and every fallback down
    at once. End the chain with a component the provider cannot take down.

    Fails::

        designlint: 1
        system: writer
        components:
          big_llm:
            kind: model
            provider: Acme
            owner: ml
            fallback: small_llm
            evaluation: {set: 1k briefs, gate: "win rate >= 55%"}
            error_budget: {availability: 99.5%}
          small_llm:
            kind: model
            provider: acme
            owner: ml
            evaluation: {set: 1k briefs, gate: "win rate >= 45%"}
            error_budget: {availability: 99.5%}
          editors: {kind: human, owner: newsroom, sla: 4h}
        flows:
          - big_llm -> editors
          - small_llm -> editors
          - {from: editors, to: big_llm, kind: feedback}
          - {from: editors, to: small_llm, kind: feedback}

    Passes::

        designlint: 1
        system: writer
        components:
          big_llm:
            kind: model
            provider: Acme
            owner: ml
            fallback: [small_llm, templates]
            evaluation: {set: 1k briefs, gate: "win rate >= 55%"}
            error_budget: {availability: 99.5%}
          small_llm:
            kind: model
            provider: acme
            owner: ml
            fallback: templates
            evaluation: {set: 1k briefs, gate: "win rate >= 45%"}
            error_budget: {availability: 99.5%}
          templates: {kind: rule, owner: ml, error_budget: {availability: 99.99%}}
          editors: {kind: human, owner: newsroom, sla: 4h}
        flows:
          - big_llm -> editors
          - small_llm -> editors
          - templates -> editors
          - {from: editors, to: big_llm, kind: feedback}
          - {from: editors, to: small_llm, kind: feedback}

    Known limits: `provider` is who runs the component, as written; two
    vendors that resell one upstream model look independent here.
    """
    components = design.components
    graph = design.graph
    if not any(c.provider is not None and c.fallback for c in design.of_kind("model", "agent")):
        return
    # Who serves every member of each chain, for every component at once (graph.fallback_chain_fold over the
    # condensation of the fallback graph, O(V + E)): one provider, or MIXED (a member that is not an AI
    # component with a provider, or two providers); None for an empty chain.
    mixed = ("mixed",)

    def served_by(cid: str):
        m = components.get(cid)
        return ("provider", m.provider.casefold()) if m is not None and m.is_ai and m.provider is not None else mixed

    serving = graph.fallback_chain_fold(served_by, lambda a, b: b if a is None else a if b is None or a == b
                                        else mixed)
    for comp in design.of_kind("model", "agent"):
        if comp.provider is None or not comp.fallback:
            continue
        if serving.get(comp.id) != ("provider", comp.provider.casefold()):
            continue
        path = first_steps(chain((comp.id,), graph.iter_fallback_chain(comp.id)))
        yield Problem(
            comp.location,
            f"every fallback of {comp.label} is served by `{comp.provider}` too "
            f"({' -> '.join(path)}): one outage at that provider takes them all down; "
            "add a fallback it does not run, such as a rule, a human or another provider's model",
            comp.id,
        )
