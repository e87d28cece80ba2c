"""What the review counts as an answer: checks on the structure of what a design says, not on its presence.

A goal of three words, a success metric with a number and a direction, a
rollback that says how fast, a scale figure that is a number with its unit, a
bottleneck that names a component: each is something a reader (and this
module) can check, so a design filled with `x` earns nothing. Rev-2 fields
(`trust`, `binding`, `adverse`/`appeal`, `evaluation`, `provider`) are read from
a component's raw fields, so these checks work whether or not the model knows them.
"""

from __future__ import annotations

import re

from designlint.model import roles
from designlint.util.text import stripped as text

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_PLACEHOLDER = re.compile(r"\b(todo|tbd|fixme|xxx|lorem|ipsum|placeholder)\b|<[^>]*>", re.IGNORECASE)
_NUMBER = re.compile(r"\d")
_DIRECTION = re.compile(
    r"(>=|<=|≥|≤|[<>]|\b(from\b.*\bto|to|up|down|rise|rises|raise|grow|grows|increase|increases|decrease|decreases|"
    r"reduce|reduces|cut|cuts|lower|drop|drops|fall|falls|improve|improves|at least|at most|under|below|above|over|"
    r"within|no lower|no higher|by)\b)", re.IGNORECASE)
_DURATION = re.compile(
    r"\d+(\.\d+)?\s*(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|wk|weeks?)\b",
    re.IGNORECASE)
_FIGURE = re.compile(r"^\s*[~≈]?\s*\d[\d.,]*\s*(k|m|b|thousand|million|billion)?\s*(\+|plus)?\s*([a-z/%-]+\s*){0,4}$",
                     re.IGNORECASE)
_WHY = re.compile(r"\b(because|instead of|rather than|cheaper|faster|so that|trade-?offs?|versus|vs\.?|over a)\b",
                  re.IGNORECASE)


def meaningful(value, words: int) -> bool:
    """Prose a reader can judge: at least `words` words, none of them a placeholder (TODO, <...>)."""
    value = text(value)
    return len(_WORD.findall(value)) >= words and not _PLACEHOLDER.search(value)


def vague(field: str, value, wanted: str) -> str:
    """The gap text for a field that is absent or too vague to judge."""
    if value in (None, ""):
        return f"no `{field}`: {wanted}"
    return f"`{field}` is too vague to judge ({text(value) or value!r}): {wanted}"


def has_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) or bool(_NUMBER.search(text(value)))


def has_direction(value) -> bool:
    return bool(_DIRECTION.search(text(value)))


def figure(value) -> bool:
    """A number with its unit: 2000000, `2M users`, `400 rps`, `10k sessions/day`."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return value > 0
    value = text(value)
    return bool(_FIGURE.match(value)) and any(ch.isdigit() and ch != "0" for ch in value)


def rollback_speed(value) -> str | None:
    """How fast a rollback takes, as written (`within: 15m`, or a duration in its text); None when it does not say."""
    if isinstance(value, dict):
        within = text(value.get("within"))
        how = text(value.get("how"))
        if within and _DURATION.search(within):
            return f"{how}, within {within}" if how else f"within {within}"
        return how if _DURATION.search(how) else None
    return text(value) if _DURATION.search(text(value)) and meaningful(value, 2) else None


def is_ai(comp) -> bool:
    """A model or agent (agents count wherever models do), an external that serves an LLM, a guardrail with a provider."""
    if comp.kind == "guardrail":
        return roles.provider(comp) is not None
    return roles.is_ai(comp)


def is_generative(comp) -> bool:
    return roles.is_generative(comp)


def rationale(comp) -> str | None:
    """Why this component is a model (and this kind of model): its `rationale`, or a reason in its description."""
    why = comp.fields.get("rationale")
    if meaningful(why, 4):
        return text(why)
    description = text(comp.description)
    return description if meaningful(description, 4) and _WHY.search(description) else None


def evaluation(comp) -> str | None:
    """The release gate written in `evaluation` (FORMAT.md rev 2), as text; None when absent."""
    value = comp.fields.get("evaluation")
    if isinstance(value, dict):
        parts = [f"{k}: {text(value.get(k))}" for k in ("set", "gate") if text(value.get(k))]
        return "; ".join(parts) or "an evaluation (no set or gate named)"
    return text(value) or None


def data_names(comp) -> list[str]:
    """The names of what a component holds that a reader can understand (not `x`)."""
    names = []
    for item in comp.fields.get("data") or []:
        name = item if isinstance(item, str) else item.get("name") if isinstance(item, dict) else None
        if isinstance(name, str) and len(_WORD.findall(name.replace("_", " "))) and len(name.strip()) >= 3:
            personal = isinstance(item, dict) and item.get("personal")
            names.append(name.strip() + (" (personal)" if personal else ""))
    return names


def components_named(design, value) -> list[str]:
    """The component ids that a free text names, in the order the text names them: the id as a whole word, or
    its words (`llm_api` as "LLM API"), without regard to case."""
    words = " " + " ".join(re.findall(r"[a-z0-9]+", text(value).lower())) + " "
    found = []
    for cid in design.components:
        at = words.find(f" {' '.join(re.findall(r'[a-z0-9]+', cid.lower()))} ")
        if at >= 0:
            found.append((at, cid))
    return [cid for _, cid in sorted(found)]


def watched(design) -> set[str]:
    """The components some `monitor` watches: joined to one by a flow (either way, any kind), or whose outputs
    reach one along data and escalation flows through no interface or human, answers returning to callers (as
    `unmonitored-model` reads it);
    a fallback is watched where its primary is (it serves the same requests). One search for all monitors."""
    graph = design.graph
    monitors = [m.id for m in design.of_kind("monitor")]
    seen = set(graph.search_flows(monitors, ("data", "escalation"), reverse=True, replies=True,
                                  avoid=lambda n: graph.kind(n) in ("interface", "human")))
    for mid in monitors:
        seen.update(f.source.id for f in graph.flows_into(mid))
        seen.update(f.target.id for f in graph.flows_out_of(mid))
    seen.difference_update(monitors)
    todo = list(seen)
    while todo:  # along fallback links, each component once
        comp = design.components.get(todo.pop())
        for ref in comp.fallback if comp is not None else ():
            if ref.id not in seen:
                seen.add(ref.id)
                todo.append(ref.id)
    return seen


def _trust(comp) -> str:
    value = comp.fields.get("trust")
    if value in ("trusted", "untrusted"):
        return value
    return "untrusted" if comp.kind in ("interface", "external") else "trusted"


def untrusted_reach(design, ai) -> list[str]:
    """The AI components that untrusted content reaches along data flows with no guardrail or human between."""
    graph = design.graph
    sources = [c.id for c in design.components.values() if _trust(c) == "untrusted"]
    reached = graph.search_flows(sources, ("data",), replies=True,
                                 avoid=lambda n: graph.kind(n) in ("guardrail", "human"))
    return [c.id for c in ai if c.id in reached and reached[c.id] is not None]


def binding_questions(design, fired) -> list[str]:
    """A follow-up for each binding flow (rev 2) from an AI component that nothing verifies."""
    out = []
    for index, entry in enumerate(design.data.get("flows") or []):
        if not (isinstance(entry, dict) and entry.get("binding") is True):
            continue
        source = design.components.get(entry.get("from"))
        if source is None or ("unverified-binding-output", source.id) in fired or not is_ai(source):
            continue
        out.append(f"`{source.id} -> {entry.get('to')}` binds the business: who checks what `{source.id}` says "
                   "there before a customer can hold you to it?")
    return out


def appeal_lines(design, fired) -> list[tuple[str, str | None]]:
    """For each adverse action (rev 2): (follow-up question, None) when no human hears appeals; (_, show line) when one does."""
    out = []
    for comp in design.components.values():
        for item in comp.fields.get("actions") or []:
            if not (isinstance(item, dict) and item.get("adverse") is True):
                continue
            name, appeal = item.get("name"), design.components.get(item.get("appeal") or "")
            if appeal is not None and appeal.kind == "human":
                out.append(("", f"appeals of `{name}` are heard by `{appeal.id}`"))
            elif ("adverse-action-without-appeal", comp.id) not in fired:
                out.append((f"`{comp.id}` can `{name}` against a person: who hears their appeal, and how fast?", None))
    return out


def ownership_lines(design) -> list[str]:
    """Where owners come from when some are inherited: `owners: 3 own, 2 from layer data (data-platform), ...`."""
    sources: dict[str, list[str]] = {}
    for comp in design.components.values():
        if comp.owner_from:
            sources.setdefault(comp.owner_from, []).append(comp.owner)
    if set(sources) <= {"own"}:
        return []
    parts = [f"{len(sources['own'])} own"] if "own" in sources else []
    for source, owners in sources.items():
        if source != "own":
            parts.append(f"{len(owners)} from {source} ({owners[0]})")
    return ["owners: " + ", ".join(parts)]
