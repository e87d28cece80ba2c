"""Error budgets: what each component must hold to, so that failure is measurable."""

from __future__ import annotations

from designlint.rules import Problem, Severity
from designlint.rules import rule

_EXAMPLE_BUDGET = {
    "model": "{recall: \">= 0.80\", latency_p99: 50ms}",
    "agent": "{availability: 99.5%, error_rate: 1%}",
    "external": "{availability: 99.9%, latency_p99: 800ms}",
    "datastore": "{availability: 99.95%, latency_p99: 20ms}",
    "rule": "{availability: 99.99%}",
}


@rule("missing-error-budget", Severity.WARNING, "Every component but a human has an error budget.")
def missing_error_budget(design):
    """What it checks: a component of any kind but `human` with no `error_budget`
    (absent or empty).

    Why it matters: an error budget says how much failure the component may
    spend before someone acts: availability, latency, or model quality such as
    recall or hallucination rate. Without one, nobody can tell "degraded" from
    "fine". Humans are held to an `sla` instead.

    Fails::

        designlint: 1
        system: churn
        components:
          churn_model: {kind: model}

    Passes::

        designlint: 1
        system: churn
        components:
          churn_model: {kind: model, error_budget: {recall: ">= 0.80", latency_p99: 50ms}}
          care_team: {kind: human}

    Known limits: any non-empty budget passes; whether its measures suit the
    kind (recall for a model, availability for a service) is not judged.

    References: Google SRE book, ch. 3 "Embracing Risk" (error budgets) and
    ch. 4 "Service Level Objectives".
    """
    for comp in design.components.values():
        if comp.kind != "human" and not comp.error_budget:
            example = _EXAMPLE_BUDGET.get(comp.kind, "{availability: 99.9%, latency_p99: 300ms}")
            yield Problem(
                comp.location,
                f"{comp.label} has no error budget: add the targets it must hold, e.g. `error_budget: {example}`",
                comp.id,
            )
