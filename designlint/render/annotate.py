"""A design and its findings -> the Diagram to draw: nodes with their state and badges, edges by kind.

Both the DOT and the Mermaid writers draw this one model, so they always
agree on what is wrong and where.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from designlint.findings import Counts, Finding
from designlint.model import Design
from designlint.render.style import BADGE_GLYPHS


@dataclass(frozen=True)
class Badge:
    """One finding as a node shows it: its rule, its state (error, warning, info or waived), its message."""

    rule: str
    state: str
    message: str

    @property
    def text(self) -> str:
        """The badge as a label shows it, e.g. `✗ missing-owner`."""
        return f"{BADGE_GLYPHS[self.state]} {self.rule}" + (" (waived)" if self.state == "waived" else "")


@dataclass(frozen=True)
class ActionNote:
    """An irreversible action on its component, with its gate or none."""

    name: str
    gate: str | None
    gated: bool  # False: a finding says no human gates it
    severity: str = "error"  # the severity of the finding that says so, for its glyph

    @property
    def text(self) -> str:
        if not self.gated:
            return f"{BADGE_GLYPHS[self.severity]} {self.name}: irreversible, NO HUMAN GATE"
        return f"\u2714 {self.name}: irreversible, " + (f"gate: {self.gate}" if self.gate else "a human is upstream")


@dataclass(frozen=True)
class Node:
    id: str
    kind: str | None  # None: a flow names it but no component defines it
    state: str  # error, warning, info, clean or missing
    owner: str | None = None
    layer: str | None = None
    badges: tuple[Badge, ...] = ()
    actions: tuple[ActionNote, ...] = ()
    owner_from: str | None = None  # where an inherited owner came from: "layer NAME" or "defaults"; None when own
    budget_from: str | None = None  # where an inherited error budget came from: "layer NAME"; None when own or none

    @property
    def owner_text(self) -> str | None:
        """The owner as the node's label shows it, with a small marker when inherited: `data-platform (layer)`."""
        if not self.owner:
            return None
        if self.owner_from is None:
            return self.owner
        return self.owner + (" (default)" if self.owner_from == "defaults" else " (layer)")

    @property
    def tooltip(self) -> str:
        head = f"{self.id} ({self.kind or 'not a component'})"
        if self.owner:
            head += f", owned by {self.owner}"
            if self.owner_from:
                head += f" (inherited from {self.owner_from})"
        lines = [head]
        if self.budget_from:
            lines.append(f"error budget inherited from {self.budget_from}")
        for b in self.badges:
            lines.append(f"{b.state}: {b.rule}: {b.message}")
        if not self.badges:
            lines.append("no findings" if self.kind else "a flow names this id, but no component has it")
        return "\n".join(lines)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # data, feedback, escalation or fallback
    label: str | None = None
    note: str | None = None  # said in the tooltip only, e.g. "fallback 2 of 3"

    @property
    def tooltip(self) -> str:
        text = f"{self.source} -> {self.target} ({self.note or self.kind})"
        return f"{text}: {self.label}" if self.label else text


@dataclass(frozen=True)
class Diagram:
    system: str
    counts: Counts
    nodes: tuple[Node, ...]  # file order; unknown ids after the components
    edges: tuple[Edge, ...]  # flows in file order, then fallbacks
    system_badges: tuple[Badge, ...] = ()  # findings on no single component
    hidden: int = 0  # components left out by a view
    view: str | None = None  # what the view shows, e.g. "layer data"

    @property
    def title(self) -> str:
        c = self.counts
        parts = [f"{c.errors} error{'s' * (c.errors != 1)}", f"{c.warnings} warning{'s' * (c.warnings != 1)}"]
        if c.infos:
            parts.append(f"{c.infos} info")
        if c.waived:
            parts.append(f"{c.waived} waived")
        title = f"{self.system}: {', '.join(parts)}" if any((c.errors, c.warnings, c.infos, c.waived)) \
            else f"{self.system}: no findings"
        if self.view:
            title += f" ({self.view}; {self.hidden} other component{'s' * (self.hidden != 1)} not shown)"
        return title

    @property
    def outside(self) -> list[Node]:
        """What is drawn outside the system's frame: external components and ids no component has."""
        return [n for n in self.nodes if n.kind in ("external", None)]

    @property
    def inside(self) -> list[Node]:
        return [n for n in self.nodes if n.kind not in ("external", None)]


def by_layer(nodes: Iterable[Node]) -> tuple[list[Node], dict[str, list[Node]]]:
    """The nodes with no layer, and the others by layer in order of first appearance."""
    loose: list[Node] = []
    layers: dict[str, list[Node]] = {}
    for node in nodes:
        if node.layer:
            layers.setdefault(node.layer, []).append(node)
        else:
            loose.append(node)
    return loose, layers


def _badge(f: Finding) -> Badge:
    return Badge(f.rule, "waived" if f.waived else f.severity.value, f.message)


def _state(badges: Iterable[Badge]) -> str:
    states = {b.state for b in badges}
    for state in ("error", "warning", "info"):
        if state in states:
            return state
    return "clean"


def annotate(design: Design, findings: Iterable[Finding], shown: Iterable[str] | None = None,
             view: str | None = None) -> Diagram:
    """The diagram of `design` with `findings` on it; `shown` limits it to those ids (a view)."""
    findings = list(findings)
    keep = set(design.components) if shown is None else set(shown)
    by_component: dict[str, list[Finding]] = {}
    system: list[Badge] = []
    for f in findings:
        if f.component in design.components:
            by_component.setdefault(f.component, []).append(f)
        else:
            system.append(_badge(f))
    nodes = []
    for cid, comp in design.components.items():
        if cid not in keep:
            continue
        mine = by_component.get(cid, [])
        badges = tuple(_badge(f) for f in mine)
        ungated = {f.subject: f.severity.value for f in mine
                   if f.rule == "ungated-irreversible-action" and not f.waived}
        actions = tuple(
            ActionNote(a.name, a.gate.id if a.gate else None, f"action:{a.name}" not in ungated,
                       ungated.get(f"action:{a.name}", "error"))
            for a in comp.actions if not a.reversible
        )
        nodes.append(Node(cid, comp.kind, _state(badges), comp.owner, comp.layer, badges, actions,
                          comp.inherited("owner"), comp.inherited("error_budget")))

    def visible(end: str) -> bool:  # an id no component has is drawn beside what names it
        return end in keep or end not in design.components

    edges = []
    for flow in design.flows:
        ends = (flow.source.id, flow.target.id)
        if all(map(visible, ends)) and any(e in keep for e in ends):
            edges.append(Edge(*ends, flow.kind, flow.label))
    for cid, comp in design.components.items():
        for rank, ref in enumerate(comp.fallback, 1):
            if cid in keep and visible(ref.id):
                # the dashed style says "fallback"; a chain's order is in the tooltip
                note = "fallback" if len(comp.fallback) == 1 else f"fallback {rank} of {len(comp.fallback)}"
                edges.append(Edge(cid, ref.id, "fallback", None, note))
    missing = dict.fromkeys(e for edge in edges for e in (edge.source, edge.target) if e not in design.components)
    nodes.extend(Node(mid, None, "missing") for mid in missing)
    hidden = len(design.components) - len([n for n in nodes if n.kind])
    # A view counts what it shows: findings on its components, and those on no single component.
    counted = findings if shown is None else [f for f in findings if f.component in keep
                                              or f.component not in design.components]
    return Diagram(design.system, Counts.of(counted), tuple(nodes), tuple(edges), tuple(system), hidden, view)

