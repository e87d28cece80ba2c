"""The named predicates that rule packs are built from.

A pack never holds code: each predicate is a name with options that the pack
schema has already validated, compiled here into a plain Python object. A
predicate answers one question about one component of a design, through the
design's graph helpers, and may name the path that decided the answer.
"""

from __future__ import annotations

from functools import cached_property
from itertools import chain
from typing import Callable, Iterable

from designlint.model import Component, Design
from designlint.model.graph import Witnesses
from designlint.util.regex import compile_linear
from designlint.util.text import first_steps
from designlint.util.value import Value, setfield


class Outcome:
    """A predicate's answer, and the path that decided it (for a message's `{path}`).

    The path may be given as a function, `Outcome(ok, make=...)`: it is then
    found only if a message asks for it, so a predicate answered for every
    component at once spends no search on a path nobody reads.
    """

    __slots__ = ("ok", "_path", "_make")

    def __init__(self, ok: bool, path: tuple[str, ...] = (), make: Callable[[], Iterable[str]] | None = None):
        self.ok = ok
        self._path = path
        self._make = make

    @property
    def path(self) -> tuple[str, ...]:
        if self._make is not None:
            self._path, self._make = tuple(self._make()), None
        return self._path

    def __eq__(self, other) -> bool:
        return isinstance(other, Outcome) and (self.ok, self.path) == (other.ok, other.path)

    def __repr__(self) -> str:
        return f"Outcome({self.ok!r}, {self.path!r})"


YES, NO = Outcome(True), Outcome(False)


class Context:
    """One design being checked, with the searches that several components share."""

    def __init__(self, design: Design):
        self.design = design
        self.graph = design.graph

    def search(self, key, run: Callable[[], dict]) -> dict:
        """A search several components share, run once per design (the graph's memo)."""
        return self.graph.remember(("pack", key), run)

    @property
    def references(self) -> dict[str, frozenset[str]]:
        """Component id -> how others name it: 'gate', 'fallback'."""
        return self.graph.roles

    def answer(self, key, compute: Callable[[], object]):
        """A whole-design answer shared by every component (a search, a table): computed once per key."""
        return self.search(key, compute)

    @cached_property
    def fallback_cycle_members(self) -> frozenset[str]:
        return frozenset(n for cycle in self.graph.fallback_cycles() for n in cycle)


def field_value(comp: Component, field: str):
    """The value at a dotted path in the component as written, or None.

    `owner` and `error_budget` are the resolved values (own, else the layer's, else the
    design's `defaults`), as FORMAT.md revision 2 defines them.
    """
    parts = field.split(".")
    if parts[0] in ("owner", "error_budget"):
        value = comp.owner if parts[0] == "owner" else (dict(comp.error_budget) or None)
        parts = parts[1:]
    else:
        value = comp.fields
    for part in parts:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def as_list(value) -> tuple:
    """A one-or-many option (a string or a list) as a tuple."""
    return (value,) if isinstance(value, str) else tuple(value)


class Predicate(Value):
    """A compiled predicate: called with a Context and a Component, it answers an Outcome.

    A frozen value (designlint.util.value): each predicate names its options in `__slots__`.
    """

    __slots__ = ()

    def __call__(self, ctx: Context, comp: Component) -> Outcome:  # pragma: no cover - interface
        raise NotImplementedError


class Present(Predicate):
    __slots__ = ("field", "want")

    def __init__(self, field: str, want: bool = True):
        setfield(self, "field", field)
        setfield(self, "want", want)

    def __call__(self, ctx, comp):
        return Outcome(is_empty(field_value(comp, self.field)) != self.want)


class Matches(Predicate):
    __slots__ = ("field", "pattern")
    # pattern: an RE2 pattern (designlint.util.regex.compile_linear)

    def __init__(self, field: str, pattern: object):
        setfield(self, "field", field)
        setfield(self, "pattern", pattern)

    def __call__(self, ctx, comp):
        value = field_value(comp, self.field)
        if value is None or isinstance(value, (dict, list)):
            return NO
        return Outcome(self.pattern.search(str(value).lower() if isinstance(value, bool) else str(value)) is not None)


class OneOf(Predicate):
    __slots__ = ("field", "values")

    def __init__(self, field: str, values: tuple):
        setfield(self, "field", field)
        setfield(self, "values", values)

    def __call__(self, ctx, comp):
        return Outcome(field_value(comp, self.field) in self.values)


class HasFlow(Predicate):
    __slots__ = ("direction", "flow_kinds", "other_kinds")

    def __init__(self, direction: str, flow_kinds: frozenset[str] | None, other_kinds: frozenset[str] | None):
        setfield(self, "direction", direction)
        setfield(self, "flow_kinds", flow_kinds)
        setfield(self, "other_kinds", other_kinds)

    def __call__(self, ctx, comp):
        graph = ctx.graph
        flows = []
        if self.direction in ("in", "any"):
            flows += [(f, f.source.id) for f in graph.flows_into(comp.id)]
        if self.direction in ("out", "any"):
            flows += [(f, f.target.id) for f in graph.flows_out_of(comp.id)]
        for flow, other in flows:
            if self.flow_kinds is not None and flow.kind not in self.flow_kinds:
                continue
            if self.other_kinds is not None and graph.kind(other) not in self.other_kinds:
                continue
            return Outcome(True, (flow.source.id, flow.target.id))
        return NO


class Reaches(Predicate):
    __slots__ = ("kinds", "flow_kinds", "reverse", "from_fallbacks", "not_through")
    # not_through: paths never pass through these kinds between their ends

    def __init__(self, kinds: frozenset[str], flow_kinds: frozenset[str] | None, reverse: bool = False,
                 from_fallbacks: bool = False, not_through: frozenset[str] = frozenset()):
        setfield(self, "kinds", kinds)
        setfield(self, "flow_kinds", flow_kinds)
        setfield(self, "reverse", reverse)
        setfield(self, "from_fallbacks", from_fallbacks)
        setfield(self, "not_through", not_through)

    def __call__(self, ctx, comp):
        graph = ctx.graph
        blocked = self.not_through

        def avoid(node: str) -> bool:
            return graph.kind(node) in blocked and graph.kind(node) not in self.kinds

        if comp.kind in self.kinds or comp.kind in blocked:  # search from it alone (O(V + E) each)
            starts = [comp.id, *(graph.fallback_chain(comp.id) if self.from_fallbacks else ())]
            parent = graph.search_flows(starts, self.flow_kinds, reverse=self.reverse, replies=True, avoid=avoid)
            for node in sorted(parent):
                if node != comp.id and graph.kind(node) in self.kinds:
                    path = graph.path_to(parent, node)
                    return Outcome(True, tuple(reversed(path)) if self.reverse else tuple(path))
            return NO
        # One search per design, backwards from every component of the kinds, answers every component.
        key = ("reaches", self.kinds, self.flow_kinds, self.reverse, blocked)

        def run():
            targets = [c.id for c in ctx.design.components.values() if c.kind in self.kinds]
            return graph.search_flows(targets, self.flow_kinds, reverse=not self.reverse, replies=True, avoid=avoid)

        parent = ctx.search(key, run)
        if comp.id in parent:
            return self._found(ctx.answer(key + ("witnesses",), lambda: Witnesses(parent)), comp.id)
        if not self.from_fallbacks:
            return NO
        # Whether any of the fallback chain was reached: one pass over the fallback graph answers every
        # component (graph.fallback_chain_has), instead of walking each component's chain.
        chain_reached = ctx.answer(key + ("chain",), lambda: graph.fallback_chain_has(parent.__contains__))
        if not chain_reached(comp.id):
            return NO
        witnesses = ctx.answer(key + ("witnesses",), lambda: Witnesses(parent))
        return Outcome(True, make=lambda: self._found(witnesses, next(
            n for n in graph.iter_fallback_chain(comp.id) if n in parent)).path)

    def _found(self, witnesses: Witnesses, start: str) -> Outcome:
        """Reached, from `start`; the path is spelled out when read, shortened as messages do (Witnesses.shown)."""
        return Outcome(True, make=lambda: witnesses.shown(start, reverse=not self.reverse))


class EveryPath(Predicate):
    __slots__ = ("sources", "through", "flow_kinds")

    def __init__(self, sources: frozenset[str], through: frozenset[str], flow_kinds: frozenset[str] | None):
        setfield(self, "sources", sources)
        setfield(self, "through", through)
        setfield(self, "flow_kinds", flow_kinds)

    def __call__(self, ctx, comp):
        graph = ctx.graph
        key = ("every_path", self.sources, self.through, self.flow_kinds)

        def run():
            starts = [c.id for c in ctx.design.components.values() if c.kind in self.sources]
            return graph.search_flows(starts, self.flow_kinds, avoid=lambda n: graph.kind(n) in self.through)

        parent = ctx.search(key, run)
        if comp.id in parent and parent[comp.id] is not None:
            witnesses = ctx.answer(key + ("witnesses",), lambda: Witnesses(parent))
            return Outcome(False, make=lambda: witnesses.shown(comp.id))
        return YES


class NoCycle(Predicate):
    __slots__ = ("through",)

    def __init__(self, through: str):
        setfield(self, "through", through)

    def __call__(self, ctx, comp):
        if self.through == "fallbacks":
            return Outcome(comp.id not in ctx.fallback_cycle_members)
        graph = ctx.graph
        if comp.id not in ctx.answer(("no_cycle", "flows"), lambda: _on_flow_loops(graph)):
            return YES

        def loop() -> tuple[str, ...]:  # the shortest way back, spelled out only when a message needs it
            nexts = [f.target.id for f in graph.flows_out_of(comp.id)]
            parent = graph.search_flows(nexts, until=comp.id)
            return (comp.id, *graph.path_to(parent, comp.id))

        return Outcome(False, make=loop)


def _on_flow_loops(graph) -> frozenset[str]:
    """The nodes on some loop of flows (any kind): Tarjan's strongly connected sets of two or more, and
    nodes that flow into themselves. O(V + E) for the whole design."""
    from designlint.model.graph import strongly_connected

    steps = graph.steps()
    looping = set()
    for scc in strongly_connected(list(graph.nodes()), steps):
        if len(scc) > 1:
            looping |= scc
        else:
            (node,) = scc
            if node in steps(node):
                looping.add(node)
    return frozenset(looping)


class FallbackIncludes(Predicate):
    __slots__ = ("kinds",)

    def __init__(self, kinds: frozenset[str]):
        setfield(self, "kinds", kinds)

    def __call__(self, ctx, comp):
        # An id that names no component cannot be judged here; unknown-reference reports it.
        graph, components = ctx.graph, ctx.design.components
        has = ctx.answer(("fallback_includes", self.kinds), lambda: graph.fallback_chain_has(
            lambda n: graph.kind(n) in self.kinds or n not in components))
        return Outcome(has(comp.id), make=lambda: first_steps(chain((comp.id,), graph.iter_fallback_chain(comp.id))))


class ReferencedAs(Predicate):
    __slots__ = ("roles",)

    def __init__(self, roles: frozenset[str]):
        setfield(self, "roles", roles)

    def __call__(self, ctx, comp):
        return Outcome(bool(ctx.references.get(comp.id, frozenset()) & self.roles))


class Exists(Predicate):
    """Some other component of the design is of one of the kinds and has the field set."""

    __slots__ = ("kinds", "field")

    def __init__(self, kinds: frozenset[str] | None, field: str | None):
        setfield(self, "kinds", kinds)
        setfield(self, "field", field)

    def __call__(self, ctx, comp):
        def run():
            return [c.id for c in ctx.design.components.values()
                    if (self.kinds is None or c.kind in self.kinds)
                    and (self.field is None or not is_empty(field_value(c, self.field)))]

        found = ctx.search(("exists", self.kinds, self.field), run)
        other = next((cid for cid in found if cid != comp.id), None)
        return Outcome(True, (other,)) if other else NO


class AllOf(Predicate):
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Predicate, ...]):
        setfield(self, "parts", parts)

    def __call__(self, ctx, comp):
        for part in self.parts:
            outcome = part(ctx, comp)
            if not outcome.ok:
                return outcome
        return YES


class AnyOf(Predicate):
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Predicate, ...]):
        setfield(self, "parts", parts)

    def __call__(self, ctx, comp):
        last = NO
        for part in self.parts:
            last = part(ctx, comp)
            if last.ok:
                return last
        return Outcome(False, make=lambda: last.path)


class Not(Predicate):
    __slots__ = ("part",)

    def __init__(self, part: Predicate):
        setfield(self, "part", part)

    def __call__(self, ctx, comp):
        outcome = self.part(ctx, comp)
        return Outcome(not outcome.ok, make=lambda: outcome.path)


def _kinds(value) -> frozenset[str]:
    return frozenset(as_list(value))


def _flow_kinds(value) -> frozenset[str] | None:
    return None if value is None else frozenset(as_list(value))


def compile_predicate(spec: dict) -> Predicate:
    """The Predicate for one validated `{name: options}` mapping."""
    ((name, opts),) = spec.items()
    if name in ("present", "absent"):
        return Present(opts, name == "present")
    if name == "matches":
        return Matches(opts["field"], compile_linear(opts["pattern"]))  # RE2: linear time on any pattern
    if name == "in":
        return OneOf(opts["field"], tuple(opts["values"]))
    if name == "has_flow":
        return HasFlow(opts.get("direction", "any"), _flow_kinds(opts.get("kind")),
                       _kinds(opts["with"]) if "with" in opts else None)
    if name == "reaches":
        return Reaches(_kinds(opts["kind"]), _flow_kinds(opts.get("flows")), False, bool(opts.get("from_fallbacks")),
                       _kinds(opts["not_through"]) if "not_through" in opts else frozenset())
    if name == "reached_by":
        return Reaches(_kinds(opts["kind"]), _flow_kinds(opts.get("flows")), True)
    if name == "every_path":
        return EveryPath(_kinds(opts["from"]), _kinds(opts["through"]), _flow_kinds(opts.get("flows")))
    if name == "no_cycle":
        return NoCycle(opts)
    if name == "fallback_includes":
        return FallbackIncludes(_kinds(opts["kind"]))
    if name == "referenced_as":
        return ReferencedAs(frozenset(as_list(opts)))
    if name == "exists":
        return Exists(_kinds(opts["kind"]) if "kind" in opts else None, opts.get("has"))
    if name == "any_of":
        return AnyOf(tuple(compile_predicate(p) for p in opts))
    if name == "all_of":
        return AllOf(tuple(compile_predicate(p) for p in opts))
    if name == "not":
        return Not(compile_predicate(opts))
    raise AssertionError(f"the pack schema lets through an unknown predicate `{name}`")


