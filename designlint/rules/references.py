"""References: every id a design names must be a component."""

from __future__ import annotations

from designlint.findings import Problem, Severity
from designlint.rules import rule
from designlint.schema import suggest


@rule("unknown-reference", Severity.ERROR, "Flow ends, fallbacks and gates name existing components.")
def unknown_reference(design):
    """A flow end, `fallback` or action `gate` that names no component.

    Usually a typo; the message suggests the closest id.

    Fails::

        designlint: 1
        system: bot
        components:
          chat: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          router: {kind: orchestrator, owner: platform, error_budget: {availability: 99.9%}}
        flows:
          - chat -> ruoter

    Passes::

        designlint: 1
        system: bot
        components:
          chat: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          router: {kind: orchestrator, owner: platform, error_budget: {availability: 99.9%}}
        flows:
          - chat -> router -> chat
    """
    known = design.components
    for comp in known.values():
        for ref in comp.fallback:
            if ref.id not in known:
                yield Problem(
                    ref.location,
                    f"fallback of {comp.label} names `{ref.id}`, which is not a component{suggest(ref.id, known)}",
                    comp.id,
                    subject=f"fallback:{ref.id}",
                )
        for action in comp.actions:
            if action.gate and action.gate.id not in known:
                yield Problem(
                    action.gate.location,
                    f"gate of action `{action.name}` on {comp.label} names `{action.gate.id}`, "
                    f"which is not a component{suggest(action.gate.id, known)}",
                    comp.id,
                    subject=f"gate:{action.name}",
                )
    seen = set()  # a chain "a -> typo -> b" names the typo once, in two flows
    for flow in design.flows:
        for end, ref in (("source", flow.source), ("target", flow.target)):
            if ref.id not in known and (ref.id, ref.location) not in seen:
                seen.add((ref.id, ref.location))
                yield Problem(
                    ref.location,
                    f"flow `{flow}` names `{ref.id}` as its {end}, which is not a component{suggest(ref.id, known)}",
                    None,
                    subject=f"flow:{flow}",
                )
