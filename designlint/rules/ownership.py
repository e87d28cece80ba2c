"""Ownership: every component has someone who answers for it (own, layer or design default)."""

from __future__ import annotations

from designlint.rules import Problem, Severity
from designlint.rules import rule


def _layer_hint(design, layer: str | None, count: int) -> str:
    """The one-line fix for `count` components of `layer` that have no owner."""
    if layer is None or count < 2:
        return "add `owner: <team>` naming who answers for it when it fails"
    where = f"`layers: {{{layer}: {{owner: <team>}}}}`"
    if layer in design.layers:
        where = f"`owner: <team>` under `layers: {layer}:`"
    return (f"{count} components of layer `{layer}` have no owner: set it once with {where}, "
            "or `owner: <team>` on each")


@rule("missing-owner", Severity.ERROR, "Every component has an owner who answers for it.")
def missing_owner(design):
    """What it checks: a component with no owner: none of its own (absent,
    empty or blank), none from its layer, no `defaults.owner`. A component's
    owner is its own `owner`, else the `owner` of its layer in `layers` (when
    `layers` defines that layer; names match exactly), else `defaults.owner`
    (FORMAT.md revision 2, "Defaults: layers and the design"). When two or more
    components of one layer have none, each message says so and proposes the
    layer's owner once, instead of one owner per component.

    Why it matters: when a part of an AI system misbehaves at 3 a.m., someone
    has to be paged and someone has to decide. A component without an owner is
    a component nobody will fix.

    Fails::

        designlint: 1
        system: support-bot
        components:
          chat: {kind: interface}

    Passes::

        designlint: 1
        system: support-bot
        defaults:
          owner: web-team
        components:
          chat: {kind: interface}

    Known limits: any non-blank text is an owner; designlint cannot tell a team
    from a placeholder such as `tbd`.

    References: NIST AI RMF 1.0 (2023), GOVERN 2.1: roles and responsibilities
    for AI risks are documented and clear.
    """
    orphans = [c for c in design.components.values() if c.owner is None]
    per_layer: dict[str | None, int] = {}
    for comp in orphans:
        per_layer[comp.layer] = per_layer.get(comp.layer, 0) + 1
    for comp in orphans:
        yield Problem(comp.location, f"{comp.label} has no owner: {_layer_hint(design, comp.layer, per_layer[comp.layer])}",
                      comp.id)
