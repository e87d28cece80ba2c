"""Human oversight: nothing irreversible happens on a model's or an agent's word alone."""

from __future__ import annotations

from designlint.rules import Problem, Severity
from designlint.model import AI_KINDS
from designlint.rules import rule


@rule("ungated-irreversible-action", Severity.ERROR,
      "No irreversible action can be taken by a model or agent without a human gate.")
def ungated_irreversible_action(design):
    """An action with `reversible: false` that is not gated.

    It is gated when its `gate` names a `human` component, or when the acting
    component is neither a `model` nor an `agent` and every flow path (of any
    kind) that reaches it from a `model` or `agent` component passes through a
    `human` component. A model or agent that acts itself always needs an
    explicit human gate; a human acting is a human decision. When a path
    bypasses every human, the message shows one such path.

    Fails::

        designlint: 1
        system: travel
        components:
          planner: {kind: agent, owner: ai, fallback: agents, error_budget: {error_rate: 1%}}
          payments:
            kind: service
            owner: fintech
            error_budget: {availability: 99.95%}
            actions:
              - {name: capture_payment, reversible: false}
          agents: {kind: human, owner: support, sla: 1h}
        flows:
          - planner -> payments
          - {from: agents, to: planner, kind: feedback}

    Passes::

        designlint: 1
        system: travel
        components:
          planner: {kind: agent, owner: ai, fallback: agents, error_budget: {error_rate: 1%}}
          payments:
            kind: service
            owner: fintech
            error_budget: {availability: 99.95%}
            actions:
              - {name: capture_payment, reversible: false}
          agents: {kind: human, owner: support, sla: 1h}
        flows:
          - planner -> agents
          - agents -> payments
          - {from: agents, to: planner, kind: feedback}
    """
    components = design.components
    graph = design.graph
    reached = None  # one search from every model and agent, entering no human, answers every path question
    for comp in components.values():
        for action in comp.actions:
            if action.reversible or comp.kind == "human":
                continue
            gate = components.get(action.gate.id) if action.gate else None
            if gate is not None and gate.kind == "human":
                continue
            why = ""
            if action.gate and gate is not None:
                why = f"its gate `{gate.id}` is a {gate.kind}, not a human; "
            if comp.kind in AI_KINDS:
                message = (f"{comp.label} can take the irreversible action `{action.name}` itself with no human gate: "
                           f"{why}add `gate: <human component>` to the action")
            else:
                if reached is None:
                    sources = [c.id for c in components.values() if c.kind in AI_KINDS]
                    reached = graph.search(sources, avoid=lambda n: graph.kind(n) == "human")
                if comp.id not in reached:
                    continue
                path = " -> ".join(graph.path_to(reached, comp.id))
                message = (f"{comp.label} takes the irreversible action `{action.name}` and a model or agent reaches it "
                           f"with no human in between ({path}): {why}add `gate: <human component>` to the action "
                           "or route the flow through a human")
            yield Problem(action.location, message, comp.id, subject=f"action:{action.name}")
