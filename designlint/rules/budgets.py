"""Error budgets: what each component must hold to, so that failure is measurable."""

from __future__ import annotations

from designlint.model import roles
from designlint.rules import Problem, Severity
from designlint.rules import rule

# Example budgets by what the component is, as a reviewer writes them: an LLM answers in seconds and may
# hallucinate; a classifier trades precision for recall; a store is up and fast.
_LLM = "{latency_p99: 3s, hallucination_rate: \"<= 2%\", availability: 99.5%}"
_EXAMPLE_BUDGET = {
    "classifier": "{precision: \">= 0.90\", recall: \">= 0.80\", latency_p99: 50ms}",
    "llm": _LLM,
    "agent": "{task_success: \">= 90%\", error_rate: \"<= 2%\", latency_p99: 10s}",
    "external": "{availability: 99.9%, latency_p99: 800ms}",
    "datastore": "{availability: 99.95%, latency_p99: 20ms}",
    "queue": "{availability: 99.95%, max_age: 5m}",
    "rule": "{availability: 99.99%, latency_p99: 10ms}",
    "monitor": "{alert_latency: 15m}",
    "guardrail": "{availability: 99.9%, latency_p99: 200ms, false_block_rate: \"<= 1%\"}",
}


def example_budget(comp) -> str:
    """An example `error_budget` for the component, by what it is (see designlint.model.roles)."""
    if comp.kind == "model":
        return _LLM if roles.is_generative(comp) else _EXAMPLE_BUDGET["classifier"]
    if comp.kind == "external" and roles.is_generative(comp):
        return _LLM
    return _EXAMPLE_BUDGET.get(comp.kind, "{availability: 99.9%, latency_p99: 300ms}")


@rule("missing-error-budget", Severity.WARNING, "Every component but a human has an error budget.")
def missing_error_budget(design):
    """What it checks: a component of any kind but `human` with no error budget:
    none of its own (absent or empty) and none from its layer. A component's
    error budget is its own `error_budget`, else the one of its layer in
    `layers` (FORMAT.md revision 2; `defaults` holds no budget). The example in
    the message fits the component: an LLM's p99 in seconds and a hallucination
    rate, a classifier's precision and recall, a store's availability and
    latency.

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
            example = example_budget(comp)
            yield Problem(
                comp.location,
                f"{comp.label} has no error budget: add the targets it must hold, e.g. `error_budget: {example}`",
                comp.id,
            )
