"""Feedback loops and release gates: models and agents learn from what happened, and are tested before they ship."""

from __future__ import annotations

from designlint.rules import Problem, Severity
from designlint.rules import rule


def _model_served(design):
    """Models, agents and guardrails with a `provider`, in file order (Component.model_served)."""
    return [c for c in design.components.values() if c.model_served]


@rule("missing-feedback-loop", Severity.WARNING, "Every model and agent is the target of a feedback flow.")
def missing_feedback_loop(design):
    """What it checks: a component of kind `model` or `agent` that is not the `to`
    of any flow of kind `feedback`. A `guardrail` with a `provider` is served
    by a model (an LLM judge, a classifier) and is checked as a model; one
    without is not.

    Why it matters: a model that never hears about outcomes, labels or
    corrections drifts silently; the design must say where its corrections
    come from.

    Fails::

        designlint: 1
        system: churn
        components:
          churn_model: {kind: model}
          care_team: {kind: human}
        flows:
          - churn_model -> care_team

    Passes::

        designlint: 1
        system: churn
        components:
          churn_model: {kind: model}
          care_team: {kind: human}
        flows:
          - {from: care_team, to: churn_model, kind: feedback, label: outcome labels}

    Known limits: only a direct `feedback` flow counts; feedback that reaches a
    model through a training pipeline drawn as `data` flows does not.

    References: Sculley et al., "Hidden Technical Debt in Machine Learning
    Systems", NeurIPS 2015 (feedback loops and monitoring).
    """
    graph = design.graph
    humans = [c.id for c in design.of_kind("human")]
    for comp in _model_served(design):
        if graph.flows_into(comp.id, "feedback"):
            continue
        source = next((h for h in humans if h != comp.id), "<reviewers>")
        yield Problem(
            comp.location,
            f"{comp.label} gets no feedback: add a flow of kind feedback into it that carries outcomes, "
            f"labels or corrections, e.g. `{{from: {source}, to: {comp.id}, kind: feedback}}`",
            comp.id,
        )


@rule("unevaluated-model", Severity.INFO, "Every model and agent is evaluated before a new version ships.")
def unevaluated_model(design):
    """What it checks: a `model` or `agent` (or a `guardrail` with a
    `provider`) with no `evaluation`. `evaluation` is the release gate: what a new model, prompt or version is
    evaluated on before it ships, and the bar it must pass. It is text, or a
    mapping `{set, gate}` (both optional: `evaluation: {}` says there is one
    without saying more). A fallback's evaluation does not cover its primary.

    Why it matters: without it, a prompt tweak or a vendor's model
    upgrade reaches users untested; with it, a reviewer can ask whether the
    set and the bar fit the risk.

    Fails::

        designlint: 1
        system: churn
        components:
          churn_model: {kind: model, owner: ds, fallback: care_team, error_budget: {recall: ">= 0.8"}}
          care_team: {kind: human, owner: care, sla: 24h}
        flows:
          - churn_model -> care_team
          - {from: care_team, to: churn_model, kind: feedback, label: outcome labels}

    Passes::

        designlint: 1
        system: churn
        components:
          churn_model:
            kind: model
            owner: ds
            fallback: care_team
            evaluation: {set: last quarter's churners, gate: "recall >= 0.8 and no segment below 0.7"}
            error_budget: {recall: ">= 0.8"}
          care_team: {kind: human, owner: care, sla: 24h}
        flows:
          - churn_model -> care_team
          - {from: care_team, to: churn_model, kind: feedback, label: outcome labels}

    Known limits: the rule sees that a gate is written down, not that it
    runs or that the bar is high enough.
    """
    for comp in _model_served(design):
        if comp.evaluation is None:
            yield Problem(
                comp.location,
                f"{comp.label} has no release gate: say what a new version is evaluated on and the bar it must "
                "pass, e.g. `evaluation: {set: <test set>, gate: <bar>}`",
                comp.id,
            )
