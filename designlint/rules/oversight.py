"""Human oversight: nothing irreversible happens on a model's or an agent's word alone."""

from __future__ import annotations

from designlint.rules import Problem, Severity
from designlint.model import AI_KINDS
from designlint.rules import rule


@rule("ungated-irreversible-action", Severity.ERROR,
      "No irreversible action can be taken by a model or agent without a human gate.")
def ungated_irreversible_action(design):
    """What it checks: an action with `reversible: false` that is not gated. It is
    gated when its `gate` names a `human` component, or when the acting
    component is neither a `model` nor an `agent` and every flow path (of any
    kind) that reaches it from a `model` or `agent` passes through a `human`.
    When a path bypasses every human, the message shows one such path.

    Why it matters: what cannot be undone needs a person's decision before it
    happens. A model or agent that acts itself always needs an explicit human
    gate; a human acting is a human decision.

    Fails::

        designlint: 1
        system: travel
        components:
          planner: {kind: agent}
          payments:
            kind: service
            actions:
              - {name: capture_payment, reversible: false}
        flows:
          - planner -> payments

    Passes::

        designlint: 1
        system: travel
        components:
          planner: {kind: agent}
          agents: {kind: human}
          payments:
            kind: service
            actions:
              - {name: capture_payment, reversible: false}
        flows:
          - planner -> agents -> payments

    Known limits: a human on the path is taken to decide; designlint cannot
    tell a human who approves from one who only forwards.

    References: EU AI Act (Regulation (EU) 2024/1689), Art. 14 "Human
    oversight".
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
