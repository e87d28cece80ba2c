"""Fallbacks: what takes over when a part that can fail does fail."""

from __future__ import annotations

from designlint.findings import Problem, Severity
from designlint.rules import rule

CAN_FAIL = ("model", "agent", "external")
# What a reviewer would name first as the off-ramp for each kind.
_OFF_RAMP = {"model": ("rule", "human", "model"), "agent": ("human", "rule", "agent"),
             "external": ("external", "rule", "human")}


def _candidate(design, comp) -> str:
    for kind in _OFF_RAMP[comp.kind]:
        for other in design.of_kind(kind):
            if other.id != comp.id:
                return other.id
    return "<component>"


@rule("missing-fallback", Severity.ERROR, "Every model, agent and external dependency has a fallback.")
def missing_fallback(design):
    """A component of kind `model`, `agent` or `external` with no `fallback`.

    Models are wrong, agents loop and third-party APIs go down. Each of them
    needs a named off-ramp: a rule, a simpler model, another provider or a
    human. `fallback` takes one id or an ordered list of ids.

    Fails::

        designlint: 1
        system: rag-bot
        components:
          llm: {kind: external, owner: platform, error_budget: {availability: 99.9%}}

    Passes::

        designlint: 1
        system: rag-bot
        components:
          llm: {kind: external, owner: platform, fallback: templates, error_budget: {availability: 99.9%}}
          templates: {kind: rule, owner: support, error_budget: {availability: 99.99%}}
    """
    for comp in design.of_kind(*CAN_FAIL):
        if not comp.fallback:
            yield Problem(
                comp.location,
                f"{comp.label} has no fallback: name the component that takes over when it fails, "
                f"e.g. `fallback: {_candidate(design, comp)}`",
                comp.id,
            )


@rule("fallback-cycle", Severity.ERROR, "No fallback chain comes back to where it started.")
def fallback_cycle(design):
    """A fallback chain that comes back to where it started (a self-fallback included).

    If `a` falls back to `b` and `b` to `a`, then when both are down nothing
    takes over: the chain has no end. Each component whose own chain comes
    back to it is reported, at the fallback entry that starts the loop, with
    the loop; a component whose chain only runs into someone else's loop is
    not (that loop is reported on its own members).

    Fails::

        designlint: 1
        system: writer
        components:
          primary_llm: {kind: model, owner: ml, fallback: backup_llm, error_budget: {availability: 99%}}
          backup_llm: {kind: model, owner: ml, fallback: primary_llm, error_budget: {availability: 99%}}

    Passes::

        designlint: 1
        system: writer
        components:
          primary_llm: {kind: model, owner: ml, fallback: backup_llm, error_budget: {availability: 99%}}
          backup_llm: {kind: model, owner: ml, fallback: templates, error_budget: {availability: 99%}}
          templates: {kind: rule, owner: ml, error_budget: {availability: 99.99%}}
          editors: {kind: human, owner: newsroom, sla: 4h}
        flows:
          - {from: editors, to: primary_llm, kind: feedback}
          - {from: editors, to: backup_llm, kind: feedback}
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
