"""Where things go along the request path: each node's depth from the interfaces, which edges flow
backwards, and the order of the layer frames.

Graphviz's `dot` ranks nodes along the edges it is given. Fed every flow
(feedback loops, fallbacks and answers going back), it pulls the interface to
the middle and the request path zigzags. So the forward request path alone
sets the ranks: a breadth-first walk over data and escalation flows from the
interfaces (or, where a design has none, from nodes no such flow enters)
gives each node a depth; a flow back to a start (an answer to the
interface) is drawn with `constraint=false`, so the interfaces stay in the
first column. Layer frames are written in the order a request crosses
them (interaction -> orchestration -> agents -> models -> data -> external):
by the first of LAYER_WORDS in their name, else by their members' kinds (KIND_ORDER), then mean depth.
Linear in nodes + edges.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Iterable

from designlint.render.annotate import Diagram, Edge, Node

# Where a layer sits along a request, from its name (the first entry that starts a word of it, so `ml` is
# `ml-serving` but not `html`), else from its members' kinds.
# interaction -> orchestration -> agents -> models -> monitoring -> data -> humans -> external.
LAYER_WORDS = (("interact", 0), ("interface", 0), ("channel", 0), ("front", 0), ("client", 0), ("edge", 0),
               ("orchestr", 1), ("gateway", 1), ("service", 1), ("app", 1), ("agent", 2), ("model", 3),
               ("ml", 3), ("inference", 3), ("rule", 3), ("guard", 3), ("monitor", 4), ("eval", 4),
               ("observ", 4), ("data", 5), ("stor", 5), ("memory", 5), ("retriev", 5), ("knowledge", 5),
               ("human", 6), ("people", 6), ("review", 6), ("ops", 6), ("care", 6), ("external", 7),
               ("third", 7), ("vendor", 7), ("provider", 7))
KIND_ORDER = {"interface": 0, "service": 1, "orchestrator": 1, "queue": 1, "agent": 2, "model": 3, "rule": 3,
              "guardrail": 3, "monitor": 4, "datastore": 5, "human": 6, "external": 7, None: 7}
FORWARD = frozenset({"data", "escalation"})


def depths(diagram: Diagram) -> dict[str, int]:
    """Node id -> flows from the nearest start (an interface; else a node no forward flow enters)."""
    ids = [n.id for n in diagram.nodes]
    out: dict[str, list[str]] = {i: [] for i in ids}
    entered = set()
    for e in diagram.edges:
        if e.kind in FORWARD and e.source in out:
            out[e.source].append(e.target)
            entered.add(e.target)
    starts = [n.id for n in diagram.nodes if n.kind == "interface"] or [i for i in ids if i not in entered]
    return _walk(starts, out, ids)


def _walk(starts: list[str], out: dict[str, list[str]], ids: list[str]) -> dict[str, int]:
    depth = dict.fromkeys(starts, 0)
    queue = deque(starts)
    while queue:
        here = queue.popleft()
        for there in out.get(here, ()):
            if there not in depth:
                depth[there] = depth[here] + 1
                queue.append(there)
    # What the walk does not reach (a feedback-only monitor, an unused fallback) goes after what it does.
    last = max(depth.values(), default=-1) + 1
    for i in ids:
        depth.setdefault(i, last)
    return depth


def layer_place(name: str | None, members: list[Node]) -> float:
    """A layer's place along a request (LAYER_WORDS, else the mean of KIND_ORDER over its members)."""
    words = re.findall(r"[a-z]+", (name or "").lower())
    for start, place in LAYER_WORDS:
        if any(word.startswith(start) for word in words):
            return place
    return sum(KIND_ORDER.get(n.kind, 7) for n in members) / len(members)


def layer_order(groups: dict[str, list[Node]], depth: dict[str, int]) -> list[str]:
    """Layer names in the order a request crosses them; ties by mean depth, then file order."""
    def key(item: tuple[int, tuple[str, list[Node]]]):
        index, (name, members) = item
        mean_depth = sum(depth.get(n.id, 0) for n in members) / len(members)
        return layer_place(name, members), mean_depth, index

    return [name for _, (name, _) in sorted(enumerate(groups.items()), key=key)]


def sorted_nodes(nodes: Iterable[Node], depth: dict[str, int]) -> list[Node]:
    """Nodes by depth, ties in file order (the order `dot` starts its crossing minimisation from)."""
    return [n for _, _, n in sorted((depth.get(n.id, 0), i, n) for i, n in enumerate(nodes))]


def constrains(edge: Edge, depth: dict[str, int]) -> bool:
    """Whether `edge` sets ranks: all do but a flow back to a start (an answer to the interface), which
    would otherwise pull the interface out of the first column. (Graphviz 2.43 fails on clustered
    graphs with many `constraint=false` edges, so feedback and fallbacks keep theirs.)"""
    return not (depth.get(edge.target) == 0 and depth.get(edge.source, 0) > 0)
