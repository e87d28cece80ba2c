"""The design as frozen values: Design, Component, Flow, Action, Ref.

Built from validated YAML data; every value that a finding may point at
carries its Location. Graph questions go through `Design.graph` (graph.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Mapping

from designlint.findings import Location
from designlint.yamlsource import MarkedMap

KINDS = ("interface", "service", "orchestrator", "agent", "model", "rule",
         "datastore", "queue", "external", "human", "monitor")
AI_KINDS = frozenset({"model", "agent"})
FLOW_KINDS = ("data", "feedback", "escalation")
_EMPTY: Mapping = MappingProxyType({})


@dataclass(frozen=True)
class Ref:
    """A component id as written somewhere (a fallback, a gate, a flow end)."""

    id: str
    location: Location


@dataclass(frozen=True)
class Action:
    name: str
    reversible: bool
    gate: Ref | None
    location: Location
    description: str | None = None


@dataclass(frozen=True)
class Component:
    id: str
    kind: str
    location: Location
    owner: str | None = None
    description: str | None = None
    layer: str | None = None
    fallback: tuple[Ref, ...] = ()
    error_budget: Mapping[str, object] = field(default_factory=lambda: _EMPTY)
    actions: tuple[Action, ...] = ()
    sla: str | None = None
    waive: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    waive_locations: Mapping[str, Location] = field(default_factory=lambda: _EMPTY)
    fields: Mapping = field(default_factory=lambda: _EMPTY)  # the component's YAML mapping as written, for rules that read other fields

    @property
    def is_ai(self) -> bool:
        return self.kind in AI_KINDS

    @property
    def label(self) -> str:
        """`id` (kind), as messages name a component."""
        return f"`{self.id}` ({self.kind})"

    def field_location(self, name: str) -> Location:
        """Where the field's value stands, or the component's id when it is absent."""
        if isinstance(self.fields, MarkedMap) and name in self.fields:
            line, col = self.fields.value_marks[name]
            return Location(self.location.file, line, col)
        return self.location


@dataclass(frozen=True)
class Flow:
    source: Ref
    target: Ref
    kind: str
    location: Location
    label: str | None = None
    index: int = 0  # position in `flows`, 0-based

    def __str__(self) -> str:
        return f"{self.source.id} -> {self.target.id}"


@dataclass(frozen=True)
class Design:
    file: str
    system: str
    components: Mapping[str, Component]
    flows: tuple[Flow, ...]
    location: Location
    description: str | None = None
    data: Mapping = field(default_factory=lambda: _EMPTY, compare=False, repr=False)

    @cached_property
    def graph(self):
        """The flow and fallback graph, with the graph questions rules ask."""
        from designlint.graph import DesignGraph

        return DesignGraph(self)

    def of_kind(self, *kinds: str) -> list[Component]:
        """Components of these kinds, in file order."""
        if len(kinds) == 1:
            return list(self._by_kind.get(kinds[0], ()))
        return [c for c in self.components.values() if c.kind in kinds]

    @cached_property
    def _by_kind(self) -> dict[str, tuple[Component, ...]]:
        # Rules ask for kinds often: an index spares a walk over every component each time.
        index: dict[str, list[Component]] = {}
        for comp in self.components.values():
            index.setdefault(comp.kind, []).append(comp)
        return {kind: tuple(comps) for kind, comps in index.items()}


def build(data: MarkedMap, file: str) -> Design:
    """A Design from YAML data that has passed the design schema."""

    def loc(mark) -> Location:
        return Location(file, mark[0], mark[1])

    comps_data = data["components"]
    components = {}
    for cid, body in comps_data.items():
        components[cid] = _component(cid, body, loc(comps_data.key_marks[cid]), loc)
    flows = []
    raw_flows = data.get("flows") or []
    for index, entry in enumerate(raw_flows):
        flows.extend(_flows(entry, index, loc(raw_flows.item_marks[index]), loc))
    return Design(
        file=file,
        system=data["system"],
        description=data.get("description"),
        components=MappingProxyType(components),
        flows=tuple(flows),
        location=loc(data.mark),
        data=data,
    )


def _refs(value, container: MarkedMap, key: str, loc) -> tuple[Ref, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (Ref(value, loc(container.value_marks[key])),)
    return tuple(Ref(item, loc(value.item_marks[i])) for i, item in enumerate(value))


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _component(cid: str, body: MarkedMap, location: Location, loc) -> Component:
    actions = []
    for i, act in enumerate(body.get("actions") or []):
        gate = act.get("gate")
        actions.append(Action(
            name=act["name"],
            reversible=act.get("reversible", True),
            gate=Ref(gate, loc(act.value_marks["gate"])) if gate else None,
            location=loc(body["actions"].item_marks[i]),
            description=_text(act.get("description")),
        ))
    waive = body.get("waive") or {}
    return Component(
        id=cid,
        kind=body["kind"],
        location=location,
        owner=_text(body.get("owner")),
        description=_text(body.get("description")),
        layer=_text(body.get("layer")),
        fallback=_refs(body.get("fallback"), body, "fallback", loc),
        error_budget=MappingProxyType(dict(body.get("error_budget") or {})),
        actions=tuple(actions),
        sla=_text(body.get("sla")),
        waive=MappingProxyType(dict(waive)),
        waive_locations=MappingProxyType({r: loc(waive.key_marks[r]) for r in waive}),
        fields=body,
    )


def _flows(entry, index: int, location: Location, loc) -> list[Flow]:
    if isinstance(entry, str):
        ends = [part.strip() for part in entry.split("->")]
        return [
            Flow(Ref(a, location), Ref(b, location), "data", location, None, index)
            for a, b in zip(ends, ends[1:])
        ]
    return [Flow(
        source=Ref(entry["from"], loc(entry.value_marks["from"])),
        target=Ref(entry["to"], loc(entry.value_marks["to"])),
        kind=entry.get("kind") or "data",
        location=location,
        label=_text(entry.get("label")),
        index=index,
    )]


__all__ = ["Action", "Component", "Design", "Flow", "Ref", "KINDS", "AI_KINDS", "FLOW_KINDS", "build"]
