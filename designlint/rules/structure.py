"""Structure: every id names a component, every component takes part, every output reaches someone.

unknown-reference, isolated-component, dead-end.
"""

from __future__ import annotations

from designlint.model.graph import breadth_first, is_outlet, stand_ins
from designlint.rules import Problem, Severity
from designlint.util.suggest import Suggester
from designlint.rules import rule

@rule("isolated-component", Severity.WARNING, "Every component takes part in at least one flow.")
def isolated_component(design):
    """What it checks: a component with no flow in or out, in a design that has
    flows.

    Why it matters: a box with no arrows is either forgotten wiring or a part
    nobody uses.

    Fails::

        designlint: 1
        system: bot
        components:
          chat: {kind: interface}
          router: {kind: service}
          audit: {kind: datastore}
        flows:
          - chat -> router

    Passes::

        designlint: 1
        system: bot
        components:
          chat: {kind: interface}
          router: {kind: service}
          audit: {kind: datastore}
        flows:
          - chat -> router -> audit

    Known limits: fallbacks and action gates are left alone: they take part
    through their role (a fallback stands in for its primary's flows). A
    design with no flows at all is an inventory, not yet a graph, and is not
    checked.

    References: FORMAT.md, "flows".
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
    fallbacks_of = {cid: [r.id for r in comp.fallback] for cid, comp in components.items() if comp.fallback}
    # Walk backwards: whoever flows into a delivering node delivers (a flow of any kind), and so does its
    # fallback; what a delivering orchestrator or agent calls answers back to it, so it delivers too. The
    # graph's remembered steps (ids) rather than Flow objects: one pass reads less memory per node.
    back = graph.steps(reverse=True, replies=True)

    def previous(node: str):
        fallbacks = fallbacks_of.get(node)
        return (*back(node), *fallbacks) if fallbacks else back(node)

    return set(breadth_first((cid for cid in components if is_outlet(design, cid)), previous))


@rule("dead-end", Severity.WARNING, "What a component produces reaches a person, the outside world or storage.")
def dead_end(design):
    """What it checks: a component that receives data flows, but from which no flow
    path leads to an outlet: an interface, a human, an external service, a
    datastore or a component with actions.

    Why it matters: its work reaches nobody: a monitor whose alerts page no
    one, a model whose scores nothing reads.

    Fails::

        designlint: 1
        system: bot
        components:
          router: {kind: service}
          quality_monitor: {kind: monitor}
        flows:
          - router -> quality_monitor

    Passes::

        designlint: 1
        system: bot
        components:
          router: {kind: service}
          quality_monitor: {kind: monitor}
          on_call: {kind: human}
        flows:
          - router -> quality_monitor
          - {from: quality_monitor, to: on_call, kind: escalation, label: quality alert}

    Known limits: a fallback delivers wherever its primary delivers, and what
    an orchestrator or an agent calls answers back to its caller, so neither is
    a dead end on that account. Outlets themselves are never dead ends.

    References: FORMAT.md, "flows" (flow kinds).
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


@rule("unknown-reference", Severity.ERROR, "Flow ends, fallbacks, gates and appeals name existing components.")
def unknown_reference(design):
    """What it checks: a flow end, `fallback`, action `gate` or action `appeal`
    that names no component. The finding points at the id as written. An
    `appeal` or `gate` that names a component which is not a human is no
    unknown reference: it counts as no appeal (no gate) in the rules that ask
    for one.

    Why it matters: it is usually a typo, and every other rule reads the graph
    as drawn: a misspelt fallback leaves the component without one. The
    message suggests the closest id.

    Fails::

        designlint: 1
        system: bot
        components:
          chat: {kind: interface}
          router: {kind: orchestrator}
        flows:
          - chat -> ruoter

    Passes::

        designlint: 1
        system: bot
        components:
          chat: {kind: interface}
          router: {kind: orchestrator}
        flows:
          - chat -> router

    Known limits: ids are compared exactly (case included); the hint is
    offered only when an id is close enough to one in the design.

    References: FORMAT.md, "components" and "flows" (every reference names a
    component id).
    """
    known = design.components
    suggest = Suggester(known)  # sorts the ids only when a reference is unknown
    for comp in known.values():
        for ref in comp.fallback:
            if ref.id not in known:
                yield Problem(
                    ref.location,
                    f"fallback of {comp.label} names `{ref.id}`, which is not a component{suggest(ref.id)}",
                    comp.id,
                    subject=f"fallback:{ref.id}",
                )
        for action in comp.actions:
            if action.gate and action.gate.id not in known:
                yield Problem(
                    action.gate.location,
                    f"gate of action `{action.name}` on {comp.label} names `{action.gate.id}`, "
                    f"which is not a component{suggest(action.gate.id)}",
                    comp.id,
                    subject=f"gate:{action.name}",
                )
            if action.appeal and action.appeal.id not in known:
                yield Problem(
                    action.appeal.location,
                    f"appeal of action `{action.name}` on {comp.label} names `{action.appeal.id}`, "
                    f"which is not a component{suggest(action.appeal.id)}",
                    comp.id,
                    subject=f"appeal:{action.name}",
                )
    seen = set()  # a chain "a -> typo -> b" names the typo once, in two flows
    for flow in design.flows:
        for end, ref in (("source", flow.source), ("target", flow.target)):
            if ref.id not in known and (ref.id, ref.location) not in seen:
                seen.add((ref.id, ref.location))
                yield Problem(
                    ref.location,
                    f"flow `{flow}` names `{ref.id}` as its {end}, which is not a component{suggest(ref.id)}",
                    None,
                    subject=f"flow:{flow}",
                )
