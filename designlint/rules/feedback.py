"""Feedback loops: models and agents learn from what happened."""

from __future__ import annotations

from designlint.rules import Problem, Severity
from designlint.rules import rule


@rule("missing-feedback-loop", Severity.WARNING, "Every model and agent is the target of a feedback flow.")
def missing_feedback_loop(design):
    """A component of kind `model` or `agent` that no `feedback` flow reaches.

    It fires when no flow of kind `feedback` has the component as its `to`.
    A model that never hears about outcomes, labels or corrections drifts
    silently; the design must say where its corrections come from.

    Fails::

        designlint: 1
        system: churn
        components:
          churn_model: {kind: model, owner: ds, fallback: care_team, error_budget: {recall: ">= 0.8"}}
          care_team: {kind: human, owner: care, sla: 24h}
        flows:
          - churn_model -> care_team

    Passes::

        designlint: 1
        system: churn
        components:
          churn_model: {kind: model, owner: ds, fallback: care_team, error_budget: {recall: ">= 0.8"}}
          care_team: {kind: human, owner: care, sla: 24h}
        flows:
          - churn_model -> care_team
          - {from: care_team, to: churn_model, kind: feedback, label: outcome labels}
    """
    graph = design.graph
    humans = [c.id for c in design.of_kind("human")]
    for comp in design.of_kind("model", "agent"):
        if graph.flows_into(comp.id, "feedback"):
            continue
        source = next((h for h in humans if h != comp.id), "<reviewers>")
        yield Problem(
            comp.location,
            f"{comp.label} gets no feedback: add a flow of kind feedback into it that carries outcomes, "
            f"labels or corrections, e.g. `{{from: {source}, to: {comp.id}, kind: feedback}}`",
            comp.id,
        )
