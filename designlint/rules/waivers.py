"""Waivers that waive nothing. The engine finds these: they depend on the other findings."""

from __future__ import annotations

from designlint.rules import Severity
from designlint.rules import RuleSpec

UNUSED_WAIVER = RuleSpec(
    id="unused-waiver",
    severity=Severity.INFO,
    summary="Every waiver matches a finding.",
    check=None,
    doc="""A `waive` entry on a component that matches no finding of that rule on
that component, or that names no known rule.

Stale waivers hide the next real finding of the same rule. Remove the
waiver once the design is fixed. (Waivers of rules that were not run, for
example because they are ignored in the configuration, are not reported.)

Fails::

    designlint: 1
    system: bot
    components:
      chat:
        kind: interface
        owner: web
        error_budget: {availability: 99.9%}
        waive: {missing-owner: the web team owns every page}

Passes::

    designlint: 1
    system: bot
    components:
      chat:
        kind: interface
        error_budget: {availability: 99.9%}
        waive: {missing-owner: owned by whoever is on call this week}
""",
)
