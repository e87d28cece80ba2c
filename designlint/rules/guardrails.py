"""Guardrails: what they do while they are down, and where failing open lets harm through.

guardrail-failure-undeclared and fail-open-guardrail (FORMAT.md rev. 2). Paths follow
`data` flows only, with what an orchestrator or agent calls answering back to it.
"""

from __future__ import annotations

from designlint.model.graph import is_human, ungated_irreversible, untrusted_sources
from designlint.rules import Problem, Severity, rule
from designlint.util.text import MOST_STEPS


@rule("guardrail-failure-undeclared", Severity.WARNING, "Every guardrail says whether it fails open or closed.")
def guardrail_failure_undeclared(design):
    """What it checks: a `guardrail` with no `on_failure`. How the other rules
    treat a guardrail: it needs an owner
    (`missing-owner`) and an error budget (`missing-error-budget`), like any
    component that is not a human. It needs no `fallback`
    (`missing-fallback` applies to models, agents and externals): its
    fallback is what `on_failure` says. It is not a model or agent for the
    model rules and not a human for gates, except that a guardrail with a
    `provider` is served by a model, so `missing-feedback-loop`,
    `unmonitored-model` and `unevaluated-model` apply to it.

    Why it matters: a guardrail (an input or output filter, a policy
    validator, a grounding check, a jailbreak classifier) is itself a service
    that times out and goes down. While it is down it either blocks
    everything (`on_failure: closed`) or lets everything through unchecked
    (`on_failure: open`). Both are defensible; not knowing which is not,
    because it decides whether an outage of the check is an outage or a
    silent loss of protection.

    Fails::

        designlint: 1
        system: chat
        components:
          chat: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          jailbreak_filter: {kind: guardrail, owner: trust-safety, error_budget: {availability: 99.9%}}
          support: {kind: human, owner: care, sla: 1h}
        flows:
          - chat -> jailbreak_filter -> support

    Passes::

        designlint: 1
        system: chat
        components:
          chat: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
          jailbreak_filter:
            kind: guardrail
            owner: trust-safety
            on_failure: closed
            error_budget: {availability: 99.9%}
          support: {kind: human, owner: care, sla: 1h}
        flows:
          - chat -> jailbreak_filter -> support

    Known limits: the rule reads what the design says; whether the code fails
    the way it says is for a test or a game day.
    """
    for comp in design.of_kind("guardrail"):
        if comp.on_failure is None:
            yield Problem(comp.location,
                          f"{comp.label} does not say what happens while it is down: add `on_failure: closed` "
                          "(it blocks) or `on_failure: open` (it lets everything through unchecked)", comp.id)


@rule("fail-open-guardrail", Severity.WARNING,
      "No guardrail that fails open stands alone between untrusted input and an irreversible or binding output.")
def fail_open_guardrail(design):
    """What it checks: a guardrail with `on_failure: open` on a path, passing
    no human, from an untrusted component to an ungated irreversible action
    or the source of a binding flow. The path follows `data` flows (what an orchestrator or agent calls answers
    back to it) from an untrusted component (by `trust`, or by default every
    `interface` and `external`) through the guardrail to the component of an
    irreversible action whose `gate` names no human, or to the source of a
    `binding: true` flow; no component on it after the start is a `human`.
    The guardrail may itself be that component or source, or be untrusted
    itself.

    Why it matters: while such a guardrail is down, whatever an outsider writes reaches an
    action that cannot be undone, or a statement the business must honour,
    with no check at all: the outage of the filter becomes the attack. Fail
    closed, or put a human gate on the action or a human on the path.

    Fails::

        designlint: 1
        system: refunds
        components:
          chat: {kind: interface, owner: web, error_budget: {availability: 99%}}
          refund_policy_check:
            kind: guardrail
            owner: payments
            on_failure: open
            error_budget: {availability: 99.99%}
          refunds:
            kind: service
            owner: payments
            error_budget: {availability: 99.95%}
            actions:
              - {name: issue_refund, reversible: false}
          ledger: {kind: datastore, owner: payments, error_budget: {availability: 99.99%}}
        flows:
          - chat -> refund_policy_check -> refunds -> ledger

    Passes::

        designlint: 1
        system: refunds
        components:
          chat: {kind: interface, owner: web, error_budget: {availability: 99%}}
          refund_policy_check:
            kind: guardrail
            owner: payments
            on_failure: closed
            error_budget: {availability: 99.99%}
          refunds:
            kind: service
            owner: payments
            error_budget: {availability: 99.95%}
            actions:
              - {name: issue_refund, reversible: false}
          ledger: {kind: datastore, owner: payments, error_budget: {availability: 99.99%}}
        flows:
          - chat -> refund_policy_check -> refunds -> ledger

    Known limits: a guardrail that fails open in front of reversible,
    non-binding outputs is not reported (that may be the right trade-off);
    the rule does not weigh how likely an outage is.
    """
    open_guardrails = [c for c in design.of_kind("guardrail") if c.on_failure == "open"]
    if not open_guardrails:
        return
    graph = design.graph

    def human(node: str) -> bool:
        return is_human(design, node)

    harms = {cid: (f"the irreversible action `{acts[0].name}` of `{cid}` (no human gate)",
                   "put a human gate on that action")
             for cid, acts in ungated_irreversible(design).items()}
    for flow in design.flows:
        if flow.binding and flow.source.id in design.components and not human(flow.source.id):
            harms.setdefault(flow.source.id, (f"the binding flow `{flow}`", "have a human check that statement"))
    tainted = graph.data_reach(untrusted_sources(design), avoid=human)
    harmful = graph.data_reach(list(harms), avoid=human, reverse=True)
    for comp in open_guardrails:
        if comp.id not in tainted or comp.id not in harmful:
            continue
        path = _witness(tainted, harmful, comp.id)
        harm, remedy = harms[path[-1]] if path[-1] in harms else harms[comp.id]
        yield Problem(
            comp.location,
            f"{comp.label} fails open on the path {' -> '.join(path)}: while it is down, untrusted input reaches "
            f"{harm} unchecked; make it `on_failure: closed`, or {remedy}, or put a human on the path",
            comp.id,
        )


def _witness(tainted, harmful, cid: str) -> list[str]:
    """The path from untrusted input through `cid` to the harm, as a message spells it: joined from the two
    searches' paths with its loops cut out, or, when either is longer than a message spells out, the two
    shortened paths joined as they are (cutting loops would need them whole: O(V) per guardrail)."""
    inward, outward = tainted.shown(cid), harmful.shown(cid)
    if tainted.length(cid) <= MOST_STEPS and harmful.length(cid) <= MOST_STEPS:  # both shown whole
        return _without_loops(inward + outward[1:])
    return inward + outward[1:]


def _without_loops(path: list[str]) -> list[str]:
    """The walk `path` with every loop cut out (a -> b -> c -> b -> d becomes a -> b -> d): a witness
    joined from two searches may pass a component twice."""
    out: list[str] = []
    where: dict[str, int] = {}
    for node in path:
        if node in where:
            for dropped in out[where[node] + 1:]:
                del where[dropped]
            del out[where[node] + 1:]
            continue
        where[node] = len(out)
        out.append(node)
    return out
