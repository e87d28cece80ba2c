"""Human oversight: nothing irreversible, binding or adverse happens on a model's or an agent's word alone.

ungated-irreversible-action (core), and from FORMAT.md rev. 2 unverified-binding-output,
adverse-action-without-appeal and prompt-only-constraint. The rev. 2 rules follow `data`
flows only, with what an orchestrator or agent calls answering back to it (DesignGraph.data_reach).
"""

from __future__ import annotations

from designlint.model import AI_KINDS
from designlint.model.graph import Witnesses, human_gated, is_human, ungated_irreversible
from designlint.rules import Problem, Severity, rule


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
    tell a human who approves from one who only forwards. A `guardrail` is
    neither a model or agent nor a human here: a guardrail named as `gate` is
    no gate, and a path through a guardrail still bypasses every human.

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
                    witnesses = Witnesses(reached)
                if comp.id not in reached:
                    continue
                path = " -> ".join(witnesses.shown(comp.id))
                message = (f"{comp.label} takes the irreversible action `{action.name}` and a model or agent reaches it "
                           f"with no human in between ({path}): {why}add `gate: <human component>` to the action "
                           "or route the flow through a human")
            yield Problem(action.location, message, comp.id, subject=f"action:{action.name}")


def _arrow(path: list[str]) -> str:
    return " -> ".join(path)


@rule("unverified-binding-output", Severity.ERROR,
      "What a model or agent says that commits the business passes a guardrail or a human first.")
def unverified_binding_output(design):
    """What it checks: a `binding: true` flow whose source is a model or
    agent, or is reached from one with no human and no guardrail in between.
    It fires when the flow's source is a `model` or `agent`, or when a path
    of `data` flows from a model or agent reaches the source and no component
    on it after the model or agent, the source included, is a `human` or a
    `guardrail`. What an orchestrator or agent calls answers back to it, so
    a model's answer reaches the orchestrator that asked. An orchestrator that
    has a data flow to a guardrail is taken to pass what it sends through it:
    it verifies like a guardrail, for the binding flows it sends and for what
    it sends on to others. A guardrail served by a model (with a `provider`)
    is still a guardrail here. The binding flow itself may be of any kind; the
    finding is on its source, at the flow.

    Why it matters: a flow is binding when what it carries commits the business: prices,
    refunds, policy, legal or medical statements. A tribunal held an airline
    to its chatbot's refund policy (Moffatt v. Air Canada, 2024 BCCRT 149):
    gating the refund action did not help, the harm was the statement. Put a
    guardrail (a policy or grounding check) or a human between the model and
    the customer, or make the statement non-binding.

    Fails::

        designlint: 1
        system: fares-bot
        components:
          site: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          assistant:
            kind: model
            provider: acme-llm
            owner: digital
            fallback: agents
            evaluation: {set: 500 fare questions, gate: no wrong refund policy}
            error_budget: {hallucination_rate: 1%}
          agents: {kind: human, owner: care, sla: 15m}
        flows:
          - site -> assistant
          - {from: assistant, to: site, binding: true, label: fare and refund answers}
          - {from: assistant, to: agents, kind: escalation}
          - {from: agents, to: assistant, kind: feedback}

    Passes::

        designlint: 1
        system: fares-bot
        components:
          site: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          assistant:
            kind: model
            provider: acme-llm
            owner: digital
            fallback: agents
            evaluation: {set: 500 fare questions, gate: no wrong refund policy}
            error_budget: {hallucination_rate: 1%}
          policy_check:
            kind: guardrail
            owner: legal-tech
            on_failure: closed
            error_budget: {availability: 99.9%}
          agents: {kind: human, owner: care, sla: 15m}
        flows:
          - site -> assistant -> policy_check
          - {from: policy_check, to: site, binding: true, label: fare and refund answers}
          - {from: assistant, to: agents, kind: escalation}
          - {from: agents, to: assistant, kind: feedback}

    Known limits: a guardrail on the path counts whatever it checks; the rule
    cannot tell a grounding check from a profanity filter. A human drawn on the
    path counts, however symbolic the review.
    """
    components = design.components
    graph = design.graph
    verifiers = {c.id for c in components.values() if c.kind in ("human", "guardrail")}
    verifiers.update(f.source.id for f in design.flows
                     if f.kind == "data" and graph.kind(f.source.id) == "orchestrator"
                     and graph.kind(f.target.id) == "guardrail")
    reach = None  # one search from every model and agent, entering no human, guardrail or verifying orchestrator
    for flow in design.flows:
        if not flow.binding:
            continue
        source = components.get(flow.source.id)
        if source is None:
            continue
        if source.kind in AI_KINDS:
            message = (f"binding flow `{flow}` carries statements the business must honour straight from "
                       f"{source.label}: route it through a `guardrail` that checks them against policy, "
                       "or a human who approves them")
        else:
            if source.id in verifiers:
                continue
            if reach is None:
                reach = graph.data_reach([c.id for c in components.values() if c.kind in AI_KINDS],
                                         avoid=verifiers.__contains__)
            if not reach.stepped(source.id):
                continue
            path = reach.shown(source.id)
            message = (f"binding flow `{flow}` carries statements the business must honour, and "
                       f"{components[path[0]].label} reaches its source with no guardrail or human in between "
                       f"({_arrow(path)}): add a `guardrail` on that path (a policy or grounding check), "
                       "or a human who approves them")
        yield Problem(flow.location, message, source.id, subject=f"flow:{flow}")


@rule("adverse-action-without-appeal", Severity.WARNING,
      "A person an AI-driven decision goes against can appeal to a human.")
def adverse_action_without_appeal(design):
    """What it checks: an `adverse: true` action with no `appeal` naming a
    human and no `gate` naming a human, taken by a model or agent or by a
    component one reaches with no human in between. The action decides against a person: it blocks a payment, removes
    content, denies a claim, suspends an account. It fires when a `model` or
    `agent` holds the action, or when a path of `data` flows from a model or
    agent reaches its component and no component on it after the model or
    agent, the component included, is a `human` (what an orchestrator or
    agent calls answers back to it). A guardrail does not break the path. An
    `appeal` or `gate` that names a component which is not a human counts as
    none. `reversible` does not matter: a payment blocked for an hour still
    went against someone.

    Why it matters: people subject to automated decisions need a way to contest them (NIST
    AI RMF MEASURE 3.3 asks for processes to "appeal system outcomes"; the EU
    AI Act, art. 14(4)(d), for a person able to reverse a high-risk system's
    output). Name the human who hears appeals: `appeal: <human component>`,
    or gate the action.

    Fails::

        designlint: 1
        system: payments
        components:
          fraud_model:
            kind: model
            provider: in-house
            owner: risk
            fallback: block_rules
            evaluation: {set: last quarter's labelled charges, gate: "precision >= 0.9"}
            error_budget: {precision: ">= 0.9"}
            actions:
              - {name: block_payment, adverse: true}
          block_rules: {kind: rule, owner: risk, error_budget: {availability: 99.99%}}
          analysts: {kind: human, owner: risk, sla: 1d}
        flows:
          - fraud_model -> analysts
          - {from: analysts, to: fraud_model, kind: feedback, label: chargebacks}

    Passes::

        designlint: 1
        system: payments
        components:
          fraud_model:
            kind: model
            provider: in-house
            owner: risk
            fallback: block_rules
            evaluation: {set: last quarter's labelled charges, gate: "precision >= 0.9"}
            error_budget: {precision: ">= 0.9"}
            actions:
              - {name: block_payment, adverse: true, appeal: analysts}
          block_rules: {kind: rule, owner: risk, error_budget: {availability: 99.99%}}
          analysts: {kind: human, owner: risk, sla: 1d}
        flows:
          - fraud_model -> analysts
          - {from: analysts, to: fraud_model, kind: feedback, label: chargebacks}

    Known limits: the rule sees that an appeal exists, not whether it works
    (a court found Uber's "human review" of robo-firings symbolic). Decisions
    taken by plain rules with no model or agent upstream are not checked.
    """
    components = design.components
    reach = None  # one search from every model and agent, entering no human
    for comp in components.values():
        for action in comp.actions:
            if not action.adverse or human_gated(design, action.appeal) or human_gated(design, action.gate):
                continue
            why = "" if action.appeal is None else (
                f"its appeal `{action.appeal.id}` is not a human; " if action.appeal.id in design.components
                else f"its appeal `{action.appeal.id}` names no component; ")
            if comp.kind in AI_KINDS:
                message = (f"{comp.label} takes the adverse action `{action.name}` itself and nobody hears an appeal: "
                           f"{why}add `appeal: <human component>` to the action")
            else:
                if reach is None:
                    reach = design.graph.data_reach([c.id for c in components.values() if c.kind in AI_KINDS],
                                                    avoid=lambda n: is_human(design, n))
                if not reach.stepped(comp.id):
                    continue
                message = (f"{comp.label} takes the adverse action `{action.name}` on a model's or agent's word "
                           f"({_arrow(reach.shown(comp.id))}) and nobody hears an appeal: {why}"
                           "add `appeal: <human component>` to the action, or a human gate")
            yield Problem(action.location, message, comp.id, subject=f"action:{action.name}")


@rule("prompt-only-constraint", Severity.WARNING,
      "A limit that guards an irreversible action is enforced by more than the model's prompt.")
def prompt_only_constraint(design):
    """What it checks: a constraint `enforced_by: prompt` on a model or agent
    that has an irreversible action whose `gate` names no human, or from
    which a path of `data` flows reaches the component of such an action
    with no `human` on the path after it (what an orchestrator or agent calls
    answers back to it). `constraints` lists the limits a model or agent must
    keep; each such constraint is a finding.

    Why it matters: a limit written only in its instructions is a request,
    not a control: a prompt injection, a long context or a plain mistake
    overrides it, and where the component can do something that cannot be
    undone, that is the limit that had to hold (Replit's agent deleted a
    production database during a freeze declared in chat). Enforce the limit
    in code or permissions (`enforced_by: code | permission`), or put a human
    gate on the action.

    Fails::

        designlint: 1
        system: app-builder
        components:
          coding_agent:
            kind: agent
            provider: in-house
            owner: platform
            fallback: developer
            evaluation: {set: 200 recorded sessions, gate: no destructive command}
            error_budget: {error_rate: 2%}
            constraints:
              - {rule: do not touch production during a freeze, enforced_by: prompt}
            actions:
              - {name: drop_table, reversible: false, gate: developer}
          app_db: {kind: datastore, owner: platform, error_budget: {availability: 99.95%}}
          developer: {kind: human, owner: app-team, sla: 1h}
          migrator:
            kind: service
            owner: platform
            error_budget: {availability: 99.9%}
            actions:
              - {name: run_migration, reversible: false}
        flows:
          - developer -> coding_agent -> migrator -> app_db
          - {from: developer, to: coding_agent, kind: feedback}

    Passes::

        designlint: 1
        system: app-builder
        components:
          coding_agent:
            kind: agent
            provider: in-house
            owner: platform
            fallback: developer
            evaluation: {set: 200 recorded sessions, gate: no destructive command}
            error_budget: {error_rate: 2%}
            constraints:
              - {rule: do not touch production during a freeze, enforced_by: permission}
            actions:
              - {name: drop_table, reversible: false, gate: developer}
          app_db: {kind: datastore, owner: platform, error_budget: {availability: 99.95%}}
          developer: {kind: human, owner: app-team, sla: 1h}
          migrator:
            kind: service
            owner: platform
            error_budget: {availability: 99.9%}
            actions:
              - {name: run_migration, reversible: false, gate: developer}
        flows:
          - developer -> coding_agent -> migrator -> app_db
          - {from: developer, to: coding_agent, kind: feedback}

    Known limits: the rule trusts `enforced_by` as written; it cannot check
    that the code or permission exists.
    """
    targets = ungated_irreversible(design)
    reach = None  # one backward search from every ungated irreversible action, entering no human
    for comp in design.components.values():
        prompts = [c for c in comp.constraints if c.enforced_by == "prompt"]
        if not prompts or comp.kind not in AI_KINDS:
            continue
        if reach is None:
            reach = design.graph.data_reach(targets, avoid=lambda n: is_human(design, n), reverse=True)
        if comp.id not in reach:
            continue
        path = reach.shown(comp.id)
        where = path[-1]
        action = targets[where][0].name
        if where == comp.id:
            how = f"it can take the irreversible action `{action}` with no human gate"
        else:
            how = f"it reaches `{where}`, which takes the irreversible action `{action}` with no human gate ({_arrow(path)})"
        for constraint in prompts:
            yield Problem(
                constraint.location,
                f"{comp.label} keeps \"{constraint.rule}\" only in its prompt, and {how}: enforce it in code or "
                "permissions (`enforced_by: code` or `permission`), or gate the action with a human",
                comp.id,
                subject=f"constraint:{constraint.rule}",
            )
