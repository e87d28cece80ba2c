"""Today's (before issue 11) implementations of the graph rules, kept verbatim as the reference.

The differential tests (test_linear_rules_differential.py) run these beside the
linear-time rules on every example and on generated designs and require the
same findings. They are the old code with `design.graph.method(...)` calls
turned into the free functions below; nothing here is used by designlint.
"""

from __future__ import annotations

import weakref
from collections import deque
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from designlint.model import quantities
from designlint.model.graph import is_outlet
from designlint.rules import Problem
from designlint.rules.packs import predicates as new_predicates


# -- graph helpers as they were (model/graph.py) ------------------------------------------------
def fallback_chain(design, node: str) -> list[str]:
    links = {cid: [ref.id for ref in comp.fallback] for cid, comp in design.components.items() if comp.fallback}
    chain: list[str] = []
    seen = {node}
    stack = [iter(links.get(node, ()))]
    while stack:
        nxt = next(stack[-1], None)
        if nxt is None:
            stack.pop()
        elif nxt not in seen:
            seen.add(nxt)
            chain.append(nxt)
            stack.append(iter(links.get(nxt, ())))
    return chain


def path_to(parent: dict, node: str) -> list[str]:
    path = [node]
    while parent.get(path[-1]) is not None:
        path.append(parent[path[-1]])
    return path[::-1]


def _ends(graph, wanted, reverse, replies):
    forward, back = (graph._pred, graph._succ) if reverse else (graph._succ, graph._pred)

    def carries(flows):
        return wanted is None or any(f.kind in wanted for f in flows)

    kind = graph._kinds.get
    callers, answerers = graph.CALLERS, graph.ANSWERERS

    def ends(node):
        steps = {other for other, flows in forward.get(node, {}).items() if carries(flows)}
        if replies:
            if reverse:
                answer = kind(node) in callers and (lambda other: kind(other) in answerers)
            else:
                answer = kind(node) in answerers and (lambda other: kind(other) in callers)
            if answer:
                steps.update(other for other, flows in back.get(node, {}).items()
                             if other not in steps and answer(other) and carries(flows))
        return tuple(sorted(steps))

    return ends


def search_flows(design, sources: Iterable[str], kinds=None, *, avoid: Callable[[str], bool] = lambda n: False,
                 reverse: bool = False, replies: bool = False) -> dict:
    graph = design.graph
    ends = _ends(graph, None if kinds is None else frozenset(kinds), reverse, replies)
    parent: dict = {}
    queue = deque()
    for s in sources:
        if s in graph._kinds and s not in parent:
            parent[s] = None
            queue.append(s)
    while queue:
        node = queue.popleft()
        for nxt in ends(node):
            if nxt not in parent and not avoid(nxt):
                parent[nxt] = node
                queue.append(nxt)
    return parent


# -- fallback-shared-fate (rules/resilience.py) -------------------------------------------------
_DELIVERY = ("data", "escalation")


def fallback_shared_fate(design):
    graph = design.graph
    components = design.components

    def outlet(node: str) -> bool:
        return is_outlet(design, node)

    for comp in components.values():
        for fallback in fallback_chain(design, comp.id):
            if fallback not in components or outlet(fallback) or not graph.flows_out_of(fallback):
                continue
            around = search_flows(design, [fallback], _DELIVERY, avoid=lambda n: n == comp.id, replies=True)
            if any(outlet(n) for n in around):
                continue
            through = search_flows(design, [fallback], _DELIVERY, replies=True)
            if not any(outlet(n) for n in through):
                continue
            # The witness: the fallback's shortest way to its nearest outlet, one search back from every outlet.
            back = search_flows(design, [o for o in components if outlet(o)], _DELIVERY, replies=True, reverse=True)
            path = " -> ".join(reversed(path_to(back, fallback)))
            yield Problem(
                comp.field_location("fallback"),
                f"{comp.label} falls back to `{fallback}`, which reaches users only through `{comp.id}` ({path}): "
                f"when `{comp.id}` is down its fallback is too; give `{fallback}` its own way out, "
                "or choose a fallback that does not depend on it",
                comp.id,
                subject=f"fallback:{fallback}",
            )


# -- latency/availability-budget-exceeded (rules/budget_paths.py): reference_budget_paths.py ---------
from .reference_budget_paths import (_next_steps, availability_budget_exceeded,  # noqa: E402,F401
                                     latency_budget_exceeded)


# -- pack predicates (rules/packs/predicates.py) that searched or walked per component -----------
@dataclass(frozen=True)
class Outcome:
    ok: bool
    path: tuple = ()


YES, NO = Outcome(True), Outcome(False)


@dataclass(frozen=True)
class Reaches:
    kinds: frozenset
    flow_kinds: frozenset | None
    reverse: bool = False
    from_fallbacks: bool = False
    not_through: frozenset = frozenset()  # issue 13: paths never pass through these kinds between their ends

    def __call__(self, ctx, comp):
        design = ctx.design
        graph = ctx.graph
        starts = [comp.id, *(fallback_chain(design, comp.id) if self.from_fallbacks else ())]

        def avoid(node):
            return graph.kind(node) in self.not_through and graph.kind(node) not in self.kinds

        if comp.kind in self.kinds or comp.kind in self.not_through:
            parent = search_flows(design, starts, self.flow_kinds, reverse=self.reverse, replies=True, avoid=avoid)
            for node in sorted(parent):
                if node != comp.id and graph.kind(node) in self.kinds:
                    path = path_to(parent, node)
                    return Outcome(True, tuple(reversed(path)) if self.reverse else tuple(path))
            return NO
        key = ("ref-reaches", self.kinds, self.flow_kinds, self.reverse, self.not_through)

        def run():
            targets = [c.id for c in design.components.values() if c.kind in self.kinds]
            return search_flows(design, targets, self.flow_kinds, reverse=not self.reverse, replies=True, avoid=avoid)

        parent = ctx.search(key, run)
        for start in starts:
            if start in parent:
                path = path_to(parent, start)
                return Outcome(True, tuple(path) if self.reverse else tuple(reversed(path)))
        return NO


@dataclass(frozen=True)
class EveryPath:
    sources: frozenset
    through: frozenset
    flow_kinds: frozenset | None

    def __call__(self, ctx, comp):
        design = ctx.design
        graph = ctx.graph
        key = ("ref-every_path", self.sources, self.through, self.flow_kinds)

        def run():
            starts = [c.id for c in design.components.values() if c.kind in self.sources]
            return search_flows(design, starts, self.flow_kinds, avoid=lambda n: graph.kind(n) in self.through)

        parent = ctx.search(key, run)
        if comp.id in parent and parent[comp.id] is not None:
            return Outcome(False, tuple(path_to(parent, comp.id)))
        return YES


@dataclass(frozen=True)
class NoCycle:
    through: str

    def __call__(self, ctx, comp):
        if self.through == "fallbacks":
            return Outcome(comp.id not in ctx.fallback_cycle_members)
        graph = ctx.graph
        nexts = [f.target.id for f in graph.flows_out_of(comp.id)]
        parent = search_flows(ctx.design, nexts)
        if comp.id in parent:
            return Outcome(False, (comp.id, *path_to(parent, comp.id)))
        return YES


@dataclass(frozen=True)
class FallbackIncludes:
    kinds: frozenset

    def __call__(self, ctx, comp):
        chain = fallback_chain(ctx.design, comp.id)
        found = any(ctx.graph.kind(n) in self.kinds or n not in ctx.design.components for n in chain)
        return Outcome(found, (comp.id, *chain))


@dataclass(frozen=True)
class AllOf:
    parts: tuple

    def __call__(self, ctx, comp):
        for part in self.parts:
            outcome = part(ctx, comp)
            if not outcome.ok:
                return outcome
        return YES


@dataclass(frozen=True)
class AnyOf:
    parts: tuple

    def __call__(self, ctx, comp):
        last = NO
        for part in self.parts:
            last = part(ctx, comp)
            if last.ok:
                return last
        return Outcome(False, last.path)


@dataclass(frozen=True)
class Not:
    part: object

    def __call__(self, ctx, comp):
        outcome = self.part(ctx, comp)
        return Outcome(not outcome.ok, outcome.path)


@dataclass(frozen=True)
class _Plain:
    """A predicate that never searched: today's and the new one are the same code."""
    inner: object

    def __call__(self, ctx, comp):
        outcome = self.inner(ctx, comp)
        return Outcome(outcome.ok, tuple(outcome.path))


_SEARCHING = {"Reaches": Reaches, "EveryPath": EveryPath, "NoCycle": NoCycle, "FallbackIncludes": FallbackIncludes}
_COMBINING = {"AllOf": AllOf, "AnyOf": AnyOf, "Not": Not}


def reference_predicate(pred):
    """Today's version of a compiled predicate (same fields, the old per-component code)."""
    name = type(pred).__name__
    if name in _SEARCHING:
        return _SEARCHING[name](**{k: getattr(pred, k) for k in pred.__slots__})
    if name == "AllOf" or name == "AnyOf":
        return _COMBINING[name](tuple(reference_predicate(p) for p in pred.parts))
    if name == "Not":
        return Not(reference_predicate(pred.part))
    return _Plain(pred)


def reference_pack_check(pack_rule):
    """PackRule.check as it was, with today's predicates in place of the new ones."""
    from designlint.rules.packs import render

    where = reference_predicate(pack_rule.where) if pack_rule.where is not None else None
    require = tuple(reference_predicate(p) for p in pack_rule.require)

    def check(design):
        ctx = new_predicates.Context(design)
        for comp in design.components.values():
            if pack_rule.kinds is not None and comp.kind not in pack_rule.kinds:
                continue
            if pack_rule.layers is not None and comp.layer not in pack_rule.layers:
                continue
            if where is not None and not where(ctx, comp).ok:
                continue
            for predicate in require:
                outcome = predicate(ctx, comp)
                if not outcome.ok:
                    location = comp.field_location(pack_rule.at) if pack_rule.at else comp.location
                    yield Problem(location, render(pack_rule.message, design, comp, outcome.path), comp.id)
                    break

    return check


# -- dead-end (rules/structure.py): the walk back over Flow objects, before it read the graph's remembered steps --
def _delivering_by_flows(design) -> set[str]:
    from designlint.model.graph import breadth_first, is_outlet

    graph = design.graph
    fallbacks_of = {cid: [r.id for r in comp.fallback] for cid, comp in design.components.items()}

    def previous(node: str) -> list[str]:
        return ([f.source.id for f in graph.flows_into(node)] + fallbacks_of.get(node, [])
                + [f.target.id for f in graph.flows_out_of(node) if graph.answers(f)])

    return set(breadth_first((cid for cid in design.components if is_outlet(design, cid)), previous))


def dead_end(design):
    from designlint.rules import structure

    shipped = structure._delivering
    structure._delivering = _delivering_by_flows
    try:
        return list(structure.dead_end(design))
    finally:
        structure._delivering = shipped


_PYTHON = {"dead-end": dead_end, "fallback-shared-fate": fallback_shared_fate, "latency-budget-exceeded": latency_budget_exceeded,
           "availability-budget-exceeded": availability_budget_exceeded}


def reference_registry(registry):
    """A copy of `registry` whose graph rules (Python and pack) run today's code."""
    out = registry.copy()
    for spec in list(out):
        if spec.id in _PYTHON:
            out.add(replace(spec, check=_PYTHON[spec.id]), replace=True)
        elif spec.check is not None and hasattr(spec.check, "__self__") and hasattr(spec.check.__self__, "require"):
            out.add(replace(spec, check=reference_pack_check(spec.check.__self__)), replace=True)
    return out
