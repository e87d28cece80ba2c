"""What a change took away, read from the two models whether or not a rule fires.

A safeguard is removed when, on a component present in both versions:

- owner       it had an owner and has none;
- fallback    a fallback of its chain that named a component is gone from the chain, or
              names no component any more;
- gate        an action (matched by name) was gated by a human component and is not any
              more: the gate is gone, names a component that is no longer a human, or
              names no component;
- appeal      likewise for an action's `appeal` (FORMAT.md revision 2: who hears the
              person's appeal against an adverse action);
- reversible  an action was reversible and is now `reversible: false`.

A removed component takes its own safeguards with it and is listed as
removed; what it was for others shows here (a gate or fallback that named it).
Each safeguard points at the new version's node: the action, or the
component's id.
"""

from __future__ import annotations

from dataclasses import dataclass

from designlint.loading.location import Location
from designlint.model import Component, Design

KINDS = ("gate", "fallback", "owner", "appeal", "reversible")


@dataclass(frozen=True)
class Safeguard:
    """One safeguard taken away: on which component, what (one of KINDS), and a sentence saying so."""

    system: str
    component: str
    what: str
    detail: str
    location: Location


def removed(old: Design, new: Design) -> list[Safeguard]:
    """The safeguards `new` lost against `old`, in the new file's component order, each component's
    owner first, then its fallbacks, then its actions in order."""
    out: list[Safeguard] = []
    for cid, comp in new.components.items():
        before = old.components.get(cid)
        if before is None:
            continue

        def add(what: str, detail: str, location: Location) -> None:
            out.append(Safeguard(new.system, cid, what, detail, location))

        if before.owner and not comp.owner:
            add("owner", f"owner `{before.owner}` removed: nobody answers for `{cid}` now", comp.location)
        _fallbacks(old, new, before, comp, add)
        actions = {a.name: a for a in before.actions}
        for action in comp.actions:
            old_action = actions.get(action.name)
            if old_action is None:
                continue
            if old_action.reversible and not action.reversible:
                add("reversible", f"action `{action.name}` became irreversible (`reversible: false`)", action.location)
            lost = _lost_human(old, new, _ref_id(old_action.gate), _ref_id(action.gate), "gate")
            if lost:
                add("gate", f"action `{action.name}` {lost}", action.location)
            lost = _lost_human(old, new, _ref_id(old_action.appeal), _ref_id(action.appeal), "appeal")
            if lost:
                add("appeal", f"action `{action.name}` {lost}", action.location)
    return out


def _fallbacks(old: Design, new: Design, before: Component, comp: Component, add) -> None:
    now = [ref.id for ref in comp.fallback]
    for ref in before.fallback:
        if ref.id not in old.components:
            continue  # it named nothing before either: no safeguard to lose
        where = comp.field_location("fallback")
        if ref.id not in now:
            rest = f"the chain is now {' -> '.join(f'`{f}`' for f in now)}" if now else "nothing takes over when it fails"
            add("fallback", f"fallback `{ref.id}` removed: {rest}", where)
        elif ref.id not in new.components:
            add("fallback", f"fallback `{ref.id}` is no longer a component", where)


def _lost_human(old: Design, new: Design, before: str | None, after: str | None, role: str) -> str | None:
    """How a human gate (or appeal: `role`) was lost, or None when it was not."""
    if not _is_human(old, before) or _is_human(new, after):
        return None
    if after is None:
        return f"lost its human {role} `{before}`"
    if after not in new.components:
        return f"names {role} `{after}`, which is no longer a component (was the human `{before}`)"
    return f"names {role} `{after}` ({new.components[after].kind}), not a human (was the human `{before}`)"


def _is_human(design: Design, cid: str | None) -> bool:
    comp = design.components.get(cid) if cid else None
    return comp is not None and comp.kind == "human"


def _ref_id(ref) -> str | None:
    return ref.id if ref is not None else None


__all__ = ["KINDS", "Safeguard", "removed"]
