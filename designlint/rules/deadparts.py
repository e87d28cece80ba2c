"""Dead parts: components that take part in no flow, and outputs that reach nobody."""

from __future__ import annotations

from collections import deque

from designlint.findings import Problem, Severity
from designlint.rules import rule

# Where a flow may legitimately end: a person, the outside world, or storage.
OUTLET_KINDS = frozenset({"interface", "human", "external", "datastore"})


def is_outlet(design, node: str) -> bool:
    """Whether work that reaches `node` has reached a person, the outside world, storage or an action."""
    comp = design.components.get(node)
    return comp is not None and (comp.kind in OUTLET_KINDS or bool(comp.actions))


def stand_ins(design) -> set[str]:
    """Ids that take part through a role rather than flows: fallbacks and action gates."""
    named = set()
    for comp in design.components.values():
        named.update(ref.id for ref in comp.fallback)
        named.update(a.gate.id for a in comp.actions if a.gate)
    return named


@rule("isolated-component", Severity.WARNING, "Every component takes part in at least one flow.")
def isolated_component(design):
    """A component with no flow in or out, in a design that has flows.

    A box with no arrows is either forgotten wiring or a part nobody uses.
    Fallbacks and action gates are left alone: they take part through their
    role (a fallback stands in for its primary's flows). A design with no
    flows at all is an inventory, not yet a graph, and is not checked.

    Fails::

        designlint: 1
        system: bot
        components:
          chat: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          router: {kind: service, owner: platform, error_budget: {availability: 99.9%}}
          audit: {kind: datastore, owner: platform, error_budget: {availability: 99.9%}}
        flows:
          - chat -> router

    Passes::

        designlint: 1
        system: bot
        components:
          chat: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          router: {kind: service, owner: platform, error_budget: {availability: 99.99%}}
          audit: {kind: datastore, owner: platform, error_budget: {availability: 99.99%}}
        flows:
          - chat -> router
          - router -> audit
    """
    if not design.flows:
        return
    graph = design.graph
    named = stand_ins(design)
    for comp in design.components.values():
        if comp.id in named or graph.flows_into(comp.id) or graph.flows_out_of(comp.id):
            continue
        yield Problem(comp.location,
                      f"{comp.label} has no flows: nothing reaches it and it reaches nothing; "
                      "draw the flows it takes part in, or remove it", comp.id)


def _delivering(design) -> set[str]:
    """Ids from which some flow path leads to an outlet; a fallback delivers where its primary does."""
    graph = design.graph
    components = design.components
    primaries: dict[str, list[str]] = {}
    for comp in components.values():
        for ref in comp.fallback:
            primaries.setdefault(ref.id, []).append(comp.id)
    fallbacks_of = {cid: [r.id for r in comp.fallback] for cid, comp in components.items()}
    start = [cid for cid in components if is_outlet(design, cid)]
    seen = set(start)
    queue = deque(start)
    while queue:
        node = queue.popleft()
        # Walk backwards: whoever flows into a delivering node delivers, and so does its fallback;
        # what a delivering orchestrator or agent calls answers back to it, so it delivers too.
        previous = [f.source.id for f in graph.flows_into(node)] + fallbacks_of.get(node, [])
        previous += [f.target.id for f in graph.flows_out_of(node) if graph.answers(f)]
        for prev in previous:
            if prev not in seen:
                seen.add(prev)
                queue.append(prev)
    return seen


@rule("dead-end", Severity.WARNING, "What a component produces reaches a person, the outside world or storage.")
def dead_end(design):
    """A component that receives data flows, but from which no flow path leads to an interface, a human, an external service, a datastore or a component with actions.

    Its work reaches nobody: a monitor whose alerts page no one, a model whose
    scores nothing reads. A fallback delivers wherever its primary delivers,
    and what an orchestrator or an agent calls answers back to its caller.
    Outlets themselves (interfaces, humans, externals, datastores and
    components with actions) are never dead ends.

    Fails::

        designlint: 1
        system: bot
        components:
          chat: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          router: {kind: service, owner: platform, error_budget: {availability: 99.9%}}
          quality_monitor: {kind: monitor, owner: ml, error_budget: {alert_latency: 5m}}
        flows:
          - chat -> router
          - router -> chat
          - router -> quality_monitor

    Passes::

        designlint: 1
        system: bot
        components:
          chat: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          router: {kind: service, owner: platform, error_budget: {availability: 99.9%}}
          quality_monitor: {kind: monitor, owner: ml, error_budget: {alert_latency: 5m}}
          on_call: {kind: human, owner: ml, sla: 30m}
        flows:
          - chat -> router
          - router -> chat
          - router -> quality_monitor
          - {from: quality_monitor, to: on_call, kind: escalation, label: quality alert}
    """
    graph = design.graph
    delivering = _delivering(design)
    for comp in design.components.values():
        if comp.id in delivering:
            continue
        inputs = sorted({f.source.id for f in graph.flows_into(comp.id, "data")})
        if not inputs:
            continue
        if comp.kind == "monitor":
            what = "its alerts reach nobody: add an escalation to the people who act on them"
        else:
            what = ("nothing it produces reaches an interface, a human, an external service, a datastore "
                    "or an action: connect its output, or remove it")
        yield Problem(comp.location,
                      f"{comp.label} receives data from {', '.join(f'`{i}`' for i in inputs)} but {what}",
                      comp.id)
