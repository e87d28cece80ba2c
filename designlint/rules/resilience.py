"""Fallbacks: what takes over when a part that can fail does fail."""

from __future__ import annotations

from designlint.model.graph import is_outlet
from designlint.model.kinds import CAN_FAIL
from designlint.rules import Problem, Severity
from designlint.rules import rule

# What a reviewer would name first as the off-ramp for each kind.
_OFF_RAMP = {"model": ("rule", "human", "model"), "agent": ("human", "rule", "agent"),
             "external": ("external", "rule", "human")}


def _candidate(firsts: dict[str, list[str]], comp) -> str:
    for kind in _OFF_RAMP[comp.kind]:
        for other in firsts[kind]:
            if other != comp.id:
                return other
    return "<component>"


@rule("missing-fallback", Severity.ERROR, "Every model, agent and external dependency has a fallback.")
def missing_fallback(design):
    """What it checks: a component of kind `model`, `agent` or `external` with no
    `fallback` (one id or an ordered list of ids).

    Why it matters: models are wrong, agents loop and third-party APIs go down.
    Each of them needs a named off-ramp: a rule, a simpler model, another
    provider or a human. The message proposes one from the design.

    Fails::

        designlint: 1
        system: rag-bot
        components:
          llm: {kind: external}

    Passes::

        designlint: 1
        system: rag-bot
        components:
          llm: {kind: external, fallback: templates}
          templates: {kind: rule}

    Known limits: any fallback satisfies it; whether the chain ends somewhere
    safe is `fallback-cycle`'s, `ai-only-fallback`'s and
    `fallback-shared-fate`'s question.

    References: AWS Well-Architected Framework, Reliability pillar, REL05-BP01
    (graceful degradation: hard dependencies made soft); Google SRE book,
    ch. 22 "Addressing Cascading Failures".
    """
    # The first two of each kind: one of them is not the component itself. Found once, not per finding.
    firsts = {kind: [c.id for c in design.of_kind(kind)[:2]] for kinds in _OFF_RAMP.values() for kind in kinds}
    for comp in design.of_kind(*CAN_FAIL):
        if not comp.fallback:
            yield Problem(
                comp.location,
                f"{comp.label} has no fallback: name the component that takes over when it fails, "
                f"e.g. `fallback: {_candidate(firsts, comp)}`",
                comp.id,
            )


@rule("fallback-cycle", Severity.ERROR, "No fallback chain comes back to where it started.")
def fallback_cycle(design):
    """What it checks: a fallback chain that comes back to where it started (a
    self-fallback included). Each component whose own chain comes back to it
    is reported, at the fallback entry that starts the loop, with the loop.

    Why it matters: if `a` falls back to `b` and `b` to `a`, then when both are
    down nothing takes over: the chain has no end.

    Fails::

        designlint: 1
        system: writer
        components:
          primary_llm: {kind: model, fallback: backup_llm}
          backup_llm: {kind: model, fallback: primary_llm}

    Passes::

        designlint: 1
        system: writer
        components:
          primary_llm: {kind: model, fallback: backup_llm}
          backup_llm: {kind: model, fallback: templates}
          templates: {kind: rule}

    Known limits: a component whose chain only runs into someone else's loop is
    not reported; that loop is reported on its own members.

    References: AWS Well-Architected Framework, Reliability pillar, REL05-BP01
    (graceful degradation).
    """
    graph = design.graph
    for comp in design.components.values():
        loop = graph.fallback_loop(comp.id)
        if loop is None:
            continue
        ref = next(r for r in comp.fallback if r.id == loop[1])
        chain = " -> ".join(loop)
        what = "falls back to itself" if len(loop) == 2 else f"has a fallback chain that comes back to it: {chain}"
        yield Problem(
            ref.location,
            f"{comp.label} {what}: end the chain at a component outside the loop, such as a rule or a human",
            comp.id,
            subject=chain,
        )


_DELIVERY = ("data", "escalation")  # feedback improves a component later; it delivers nothing now


@rule("fallback-shared-fate", Severity.WARNING, "No fallback depends, through flows, on the component it replaces.")
def fallback_shared_fate(design):
    """What it checks: a fallback whose every path to an outlet passes through the
    component it replaces (an outlet is an interface, a human, an external
    service, a datastore or a component with actions). Paths follow `data` and
    `escalation` flows, and what an orchestrator or an agent calls answers back
    to it. Every component of the fallback chain is checked; the message names
    the path through the failed component.

    Why it matters: when `a` falls back to `b` but everything `b` produces
    reaches users only through `a`, then `b` is useless whenever `a` is down:
    they share a fate.

    Fails::

        designlint: 1
        system: scoring
        components:
          api: {kind: interface}
          scorer: {kind: model, fallback: bucket_rules}
          bucket_rules: {kind: rule}
        flows:
          - api -> scorer -> api
          - bucket_rules -> scorer

    Passes::

        designlint: 1
        system: scoring
        components:
          api: {kind: interface}
          scorer: {kind: model, fallback: bucket_rules}
          bucket_rules: {kind: rule}
        flows:
          - api -> scorer -> api
          - bucket_rules -> api

    Known limits: a fallback that has no flows out stands in for its primary's
    flows and passes; so does a fallback that is itself an outlet. A fallback
    that reaches no outlet at all is left to `dead-end`.

    References: AWS Well-Architected Framework, Reliability pillar, REL10 (fault
    isolation: a fallback must not sit in the failed part's fault domain).
    """
    graph = design.graph
    components = design.components

    def outlet(node: str) -> bool:
        return is_outlet(design, node)

    for comp in components.values():
        for fallback in graph.fallback_chain(comp.id):
            if fallback not in components or outlet(fallback) or not graph.flows_out_of(fallback):
                continue
            around = graph.search_flows([fallback], _DELIVERY, avoid=lambda n: n == comp.id, replies=True)
            if any(outlet(n) for n in around):
                continue
            through = graph.search_flows([fallback], _DELIVERY, replies=True)
            reached = next((n for n in sorted(through) if outlet(n)), None)
            if reached is None:
                continue  # it reaches no outlet at all: a dead end, reported by `dead-end`
            path = " -> ".join(graph.path_to(through, reached))
            yield Problem(
                comp.field_location("fallback"),
                f"{comp.label} falls back to `{fallback}`, which reaches users only through `{comp.id}` ({path}): "
                f"when `{comp.id}` is down its fallback is too; give `{fallback}` its own way out, "
                "or choose a fallback that does not depend on it",
                comp.id,
                subject=f"fallback:{fallback}",
            )
