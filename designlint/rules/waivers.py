"""Waivers that waive nothing. The engine finds these: they depend on the other findings."""

from __future__ import annotations

from designlint.rules import Severity
from designlint.rules import RuleSpec

UNUSED_WAIVER = RuleSpec(
    id="unused-waiver",
    severity=Severity.INFO,
    summary="Every waiver matches a finding.",
    check=None,
    source="designlint/rules/waivers.py",
    doc="""What it checks: a `waive` entry on a component that matches no finding of
that rule on that component, or that names no known rule.

Why it matters: stale waivers hide the next real finding of the same rule.
Remove the waiver once the design is fixed.

Fails::

    designlint: 1
    system: bot
    components:
      chat:
        kind: interface
        owner: web
        waive: {missing-owner: the web team owns every page}

Passes::

    designlint: 1
    system: bot
    components:
      chat:
        kind: interface
        waive: {missing-owner: owned by whoever is on call this week}

Known limits: waivers of rules that were not run (ignored or not selected
in the configuration) are not reported, since nothing can be said of them.

References: ruff's RUF100 `unused-noqa`, the same check for suppression
comments.
""",
)
