"""Feedback loops: models and agents learn from what happened."""

from __future__ import annotations

from designlint.model.kinds import AI_KINDS
from designlint.rules import Problem, Severity
from designlint.rules import rule


@rule("missing-feedback-loop", Severity.WARNING, "Every model and agent is the target of a feedback flow.")
def missing_feedback_loop(design):
    """What it checks: a component of kind `model` or `agent` that is not the `to`
    of any flow of kind `feedback`.

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
    for comp in design.of_kind(*AI_KINDS):
        if graph.flows_into(comp.id, "feedback"):
            continue
        source = next((h for h in humans if h != comp.id), "<reviewers>")
        yield Problem(
            comp.location,
            f"{comp.label} gets no feedback: add a flow of kind feedback into it that carries outcomes, "
            f"labels or corrections, e.g. `{{from: {source}, to: {comp.id}, kind: feedback}}`",
            comp.id,
        )
