"""Stage 2, model: the design as frozen values: Design, Component, Flow, Action, Ref.

Built from validated YAML data by designlint.model.build (the only place that
does); every value that a finding may point at carries its Location. Graph
questions go through `Design.graph` (designlint.model.graph).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Mapping

from designlint.loading.location import Location
from designlint.model.graph import DesignGraph
from designlint.model.kinds import AI_KINDS, FLOW_KINDS, KINDS, UNTRUSTED_BY_DEFAULT
from designlint.util.value import Value, setfield

_EMPTY: Mapping = MappingProxyType({})


class Ref(Value):
    """A component id as written somewhere (a fallback, a gate, a flow end)."""

    __slots__ = ("id", "location")

    def __init__(self, id: str, location: Location):
        setfield(self, "id", id)
        setfield(self, "location", location)


class Action(Value):
    __slots__ = ("name", "reversible", "gate", "location", "description", "adverse", "appeal")

    def __init__(self, name: str, reversible: bool, gate: Ref | None, location: Location,
                 description: str | None = None, adverse: bool = False, appeal: Ref | None = None):
        setfield(self, "name", name)
        setfield(self, "reversible", reversible)
        setfield(self, "gate", gate)
        setfield(self, "location", location)
        setfield(self, "description", description)
        setfield(self, "adverse", adverse)  # it decides against a person (FORMAT.md rev. 2)
        setfield(self, "appeal", appeal)  # who hears that person's appeal


class Constraint(Value):
    """A limit a model or agent must keep (`constraints`), and what enforces it: prompt, code, permission, human."""

    __slots__ = ("rule", "enforced_by", "location")

    def __init__(self, rule: str, enforced_by: str, location: Location):
        setfield(self, "rule", rule)
        setfield(self, "enforced_by", enforced_by)
        setfield(self, "location", location)


class DataItem(Value):
    """An item of a component's `data`: a bare name is `DataItem(name)`, not personal."""

    __slots__ = ("name", "location", "personal", "retention", "opt_out", "description")

    def __init__(self, name: str, location: Location, personal: bool = False, retention: str | None = None,
                 opt_out: str | bool | None = None, description: str | None = None):
        setfield(self, "name", name)
        setfield(self, "location", location)
        setfield(self, "personal", personal)
        setfield(self, "retention", retention)
        setfield(self, "opt_out", opt_out)
        setfield(self, "description", description)


class Component(Value):
    """One component as the design states it, `owner` and `error_budget` resolved (designlint.model.build)."""

    __slots__ = ("id", "kind", "location", "owner", "description", "layer", "fallback", "error_budget", "actions",
                 "sla", "waive", "waive_locations", "fields", "field_locations", "owner_from", "error_budget_from",
                 "provider", "trust_declared", "on_failure", "constraints", "evaluation", "data")

    def __init__(self, id: str, kind: str, location: Location, owner: str | None = None,
                 description: str | None = None, layer: str | None = None, fallback: tuple[Ref, ...] = (),
                 error_budget: Mapping[str, object] = _EMPTY, actions: tuple[Action, ...] = (),
                 sla: str | None = None, waive: Mapping[str, str] = _EMPTY,
                 waive_locations: Mapping[str, Location] = _EMPTY, fields: Mapping = _EMPTY,
                 field_locations: Mapping[str, Location] = _EMPTY, owner_from: str | None = None,
                 error_budget_from: str | None = None, provider: str | None = None,
                 trust_declared: str | None = None, on_failure: str | None = None,
                 constraints: tuple[Constraint, ...] = (), evaluation: object = None, data: tuple[DataItem, ...] = ()):
        setfield(self, "id", id)
        setfield(self, "kind", kind)
        setfield(self, "location", location)
        setfield(self, "owner", owner)
        setfield(self, "description", description)
        setfield(self, "layer", layer)
        setfield(self, "fallback", fallback)
        setfield(self, "error_budget", error_budget)
        setfield(self, "actions", actions)
        setfield(self, "sla", sla)
        setfield(self, "waive", waive)
        setfield(self, "waive_locations", waive_locations)
        # the component's YAML mapping as written, for rules that read other fields
        setfield(self, "fields", fields)
        setfield(self, "field_locations", field_locations)  # where each field's value stands
        # Where `owner` and `error_budget` came from (FORMAT.md rev 2, "Defaults: layers and the design"):
        # "own", "layer NAME" or "defaults"; None when nothing gives one. `owner` and `error_budget` above
        # are the resolved values; `fields` keeps what the component itself says.
        setfield(self, "owner_from", owner_from)
        setfield(self, "error_budget_from", error_budget_from)
        # FORMAT.md "Additions, revision 2"
        setfield(self, "provider", provider)  # who runs it: `in-house` or a vendor
        setfield(self, "trust_declared", trust_declared)  # `trust` as written; see `untrusted` for the default by kind
        setfield(self, "on_failure", on_failure)  # closed | open | None (not said)
        setfield(self, "constraints", constraints)
        setfield(self, "evaluation", evaluation)  # text or {set, gate} as written; None when absent
        setfield(self, "data", data)

    @property
    def is_ai(self) -> bool:
        return self.kind in AI_KINDS

    @property
    def model_served(self) -> bool:
        """A model or agent, or a guardrail with a `provider` (an LLM judge, a classifier): what the
        model-quality rules (feedback, monitoring, evaluation) apply to. FORMAT.md rev. 2."""
        return self.kind in AI_KINDS or (self.kind == "guardrail" and self.provider is not None)

    @property
    def untrusted(self) -> bool:
        """Whether what it emits can be written by people outside the system: its `trust`, else
        untrusted for an interface or an external, trusted for every other kind."""
        if self.trust_declared is not None:
            return self.trust_declared == "untrusted"
        return self.kind in UNTRUSTED_BY_DEFAULT

    @property
    def personal_data(self) -> tuple[DataItem, ...]:
        """Its data items marked `personal: true`."""
        return tuple(item for item in self.data if item.personal)

    @property
    def label(self) -> str:
        """`id` (kind), as messages name a component."""
        return f"`{self.id}` ({self.kind})"

    def inherited(self, name: str) -> str | None:
        """Where an inherited `owner` or `error_budget` came from ("layer data", "defaults"); None when own or absent."""
        source = {"owner": self.owner_from, "error_budget": self.error_budget_from}.get(name)
        return None if source in (None, "own") else source

    def field_location(self, name: str) -> Location:
        """Where the field's value stands, or the component's id when it is absent."""
        return self.field_locations.get(name, self.location)


class Flow(Value):
    __slots__ = ("source", "target", "kind", "location", "label", "index", "binding")

    def __init__(self, source: Ref, target: Ref, kind: str, location: Location, label: str | None = None,
                 index: int = 0, binding: bool = False):
        setfield(self, "source", source)
        setfield(self, "target", target)
        setfield(self, "kind", kind)
        setfield(self, "location", location)
        setfield(self, "label", label)
        setfield(self, "index", index)  # position in `flows`, 0-based
        setfield(self, "binding", binding)  # what it carries commits the business (FORMAT.md rev. 2)

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
    layers: Mapping[str, Mapping] = field(default_factory=lambda: _EMPTY)  # layer name -> {description, owner, error_budget}
    default_owner: str | None = None  # `defaults.owner`

    @cached_property
    def graph(self):
        """The flow and fallback graph, with the graph questions rules ask."""
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


__all__ = ["Action", "Component", "Constraint", "DataItem", "Design", "Flow", "Ref", "Location", "KINDS", "AI_KINDS",
           "FLOW_KINDS"]
