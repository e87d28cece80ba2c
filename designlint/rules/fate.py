"""Shared fate: a fallback that cannot deliver when the component it replaces is down."""

from __future__ import annotations

from designlint.findings import Problem, Severity
from designlint.rules import rule
from designlint.rules.deadparts import is_outlet

_DELIVERY = ("data", "escalation")  # feedback improves a component later; it delivers nothing now


@rule("fallback-shared-fate", Severity.WARNING, "No fallback depends, through flows, on the component it replaces.")
def fallback_shared_fate(design):
    """A fallback whose every path to an outlet passes through the component it replaces.

    When `a` falls back to `b` but everything `b` produces reaches users only
    through `a` (an outlet is an interface, a human, an external service, a
    datastore or a component with actions), then `b` is useless whenever `a`
    is down: they share a fate. Paths follow `data` and `escalation` flows,
    and what an orchestrator or an agent calls answers back to it. A fallback that has
    no flows out stands in for its primary's flows and is fine; so is a
    fallback that is itself an outlet. Every component of the fallback chain is checked; the
    message names the path through the failed component.

    Fails::

        designlint: 1
        system: scoring
        components:
          api: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          scorer: {kind: model, owner: ds, fallback: bucket_rules, error_budget: {recall: ">= 0.8"}}
          bucket_rules: {kind: rule, owner: ds, error_budget: {availability: 99.99%}}
          analysts: {kind: human, owner: ops, sla: 4h}
        flows:
          - api -> scorer -> api
          - bucket_rules -> scorer
          - {from: scorer, to: analysts, kind: escalation}
          - {from: analysts, to: scorer, kind: feedback}

    Passes::

        designlint: 1
        system: scoring
        components:
          api: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          scorer: {kind: model, owner: ds, fallback: bucket_rules, error_budget: {recall: ">= 0.8"}}
          bucket_rules: {kind: rule, owner: ds, error_budget: {availability: 99.99%}}
          analysts: {kind: human, owner: ops, sla: 4h}
        flows:
          - api -> scorer -> api
          - bucket_rules -> api
          - {from: scorer, to: analysts, kind: escalation}
          - {from: analysts, to: scorer, kind: feedback}
    """
    graph = design.graph
    components = design.components

    def outlet(node: str) -> bool:
        return is_outlet(design, node)

    for comp in components.values():
        for fallback in graph.fallback_chain(comp.id):
            if fallback not in components or outlet(fallback) or not graph.flows_out_of(fallback):
                continue
            around = graph.search_flows([fallback], _DELIVERY, avoid=lambda n: n == comp.id, replies=True)
            if any(outlet(n) for n in around):
                continue
            through = graph.search_flows([fallback], _DELIVERY, replies=True)
            reached = next((n for n in sorted(through) if outlet(n)), None)
            if reached is None:
                continue  # it reaches no outlet at all: a dead end, reported by `dead-end`
            path = " -> ".join(graph.path_to(through, reached))
            yield Problem(
                comp.field_location("fallback"),
                f"{comp.label} falls back to `{fallback}`, which reaches users only through `{comp.id}` ({path}): "
                f"when `{comp.id}` is down its fallback is too; give `{fallback}` its own way out, "
                "or choose a fallback that does not depend on it",
                comp.id,
                subject=f"fallback:{fallback}",
            )
