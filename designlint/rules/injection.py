"""Prompt injection: untrusted text, private data and a way out must not meet in one model or agent.

lethal-trifecta (FORMAT.md rev. 2). Paths follow `data` flows only, with what an
orchestrator or agent calls answering back to it (DesignGraph.data_reach).
"""

from __future__ import annotations

from designlint.model import AI_KINDS
from designlint.model.graph import is_human, untrusted_sources
from designlint.rules import Problem, Severity, rule


def _private_source(design, comp) -> str | None:
    """How `comp` can read private data, in words, or None: it holds a personal item, a holder
    has a data flow to it, or (an agent) it calls a holder, which answers."""
    graph = design.graph
    components = design.components

    def names(holder) -> str:
        return ", ".join(f"`{item.name}`" for item in holder.personal_data)

    if comp.personal_data:
        return f"it holds {names(comp)}"
    for flow in graph.flows_into(comp.id, "data"):
        holder = components.get(flow.source.id)
        if holder is not None and holder.personal_data:
            return f"`{holder.id}` sends it {names(holder)}"
    if comp.kind == "agent":
        for flow in graph.flows_out_of(comp.id, "data"):
            holder = components.get(flow.target.id)
            if holder is not None and holder.personal_data and graph.answers(flow):
                return f"it calls `{holder.id}`, which holds {names(holder)}"
    return None


@rule("lethal-trifecta", Severity.ERROR,
      "No model or agent gets untrusted content, private data and a way to send data out all at once.")
def lethal_trifecta(design):
    """What it checks: a model or agent that receives untrusted content, can
    read private data and can send data out. All three must hold: (1) a path of `data` flows from an untrusted
    component reaches it and no component on the path after the start is a
    `human`; (2) it holds a `personal: true` data item, or a component
    holding one has a data flow to it, or it is an agent with a data flow to
    such a component (a call, answered); (3) a path of data flows from it
    reaches an `external` component and no component on the path is a human.
    Untrusted are the components whose `trust` says so, and by default every
    `interface` and `external` (users' free text, web pages, e-mails,
    third-party answers). What an orchestrator or agent calls answers back to
    it: an agent that fetches a web page receives the page. A `guardrail` on
    the path does not break it, as filters do not stop prompt injection
    reliably. A guardrail with a `provider` is not a model here.

    Why it matters: anyone who can write into the content can instruct the model: with
    private data in reach and a channel out, one e-mail or web page can make
    it send that data to an attacker (the "lethal trifecta"; EchoLeak,
    CVE-2025-32711, in Microsoft 365 Copilot). Break one leg: a human on the
    untrusted path or on the way out, no private data in its reach, or no
    path to an external.

    Fails::

        designlint: 1
        system: inbox-assistant
        components:
          inbox:
            kind: datastore
            trust: untrusted
            owner: mail
            error_budget: {availability: 99.9%}
            data:
              - {name: e-mails, personal: true, retention: 365d, opt_out: delete the mailbox}
          assistant:
            kind: agent
            provider: acme-llm
            owner: productivity
            fallback: user
            evaluation: {set: 300 injection attempts, gate: none succeeds}
            error_budget: {error_rate: 2%}
          web:
            kind: external
            owner: productivity
            fallback: user
            error_budget: {availability: 99%}
          user: {kind: human, owner: customers, sla: 1d}
        flows:
          - assistant -> inbox
          - assistant -> web
          - assistant -> user
          - {from: user, to: assistant, kind: feedback}

    Passes::

        designlint: 1
        system: inbox-assistant
        components:
          inbox:
            kind: datastore
            trust: untrusted
            owner: mail
            error_budget: {availability: 99.9%}
            data:
              - {name: e-mails, personal: true, retention: 365d, opt_out: delete the mailbox}
          assistant:
            kind: agent
            provider: acme-llm
            owner: productivity
            fallback: user
            evaluation: {set: 300 injection attempts, gate: none succeeds}
            error_budget: {error_rate: 2%}
          user: {kind: human, owner: customers, sla: 1d}
        flows:
          - assistant -> inbox
          - assistant -> user
          - {from: user, to: assistant, kind: feedback}

    Known limits: the rule cannot tell an instruction-following LLM from a
    numeric classifier that cannot be instructed (write such a model's
    inputs as trusted, or waive the finding with the reason). Private data is
    seen one flow away: a model behind an orchestrator that fetches the data
    is not seen to read it unless the orchestrator holds it.
    """
    components = design.components
    graph = design.graph
    candidates = [c for c in components.values() if c.kind in AI_KINDS]
    if not candidates:
        return

    def human(node: str) -> bool:
        return is_human(design, node)

    tainted = graph.data_reach(untrusted_sources(design), avoid=human)
    leaking = graph.data_reach([c.id for c in design.of_kind("external")], avoid=human, reverse=True)
    for comp in candidates:
        if not tainted.stepped(comp.id) or comp.id not in leaking:
            continue
        private = _private_source(design, comp)
        if private is None:
            continue
        inward = " -> ".join(tainted.shown(comp.id))
        outward = " -> ".join(leaking.shown(comp.id))
        yield Problem(
            comp.location,
            f"{comp.label} receives untrusted content ({inward}), can read private data ({private}) and can "
            f"send data out ({outward}): one injected instruction can leak that data; break a leg: "
            "put a human on the untrusted path or on the way out, or take the private data out of its reach",
            comp.id,
        )
