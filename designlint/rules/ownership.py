"""Who answers for each component."""

from __future__ import annotations

from designlint.findings import Problem, Severity
from designlint.rules import rule


@rule("missing-owner", Severity.ERROR, "Every component has an owner who answers for it.")
def missing_owner(design):
    """A component with no `owner` (absent, empty or blank).

    When a part of an AI system misbehaves at 3 a.m., someone has to be paged
    and someone has to decide. A component without an owner is a component
    nobody will fix.

    Fails::

        designlint: 1
        system: support-bot
        components:
          chat:
            kind: interface
            error_budget: {availability: 99.9%}

    Passes::

        designlint: 1
        system: support-bot
        components:
          chat:
            kind: interface
            owner: web-team
            error_budget: {availability: 99.9%}
    """
    for comp in design.components.values():
        if not (comp.owner or "").strip():
            yield Problem(
                comp.location,
                f"{comp.label} has no owner: add `owner: <team>` naming who answers for it when it fails",
                comp.id,
            )
