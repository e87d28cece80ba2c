"""The design's graphs and the questions rules ask of them.

Two directed graphs over component ids: the flow graph (one edge per flow,
keyed by its kind) and the fallback graph (component -> each fallback). Ids
that a flow names but no component defines are nodes too, of kind None, so
paths through a misspelt id are still seen.
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Iterable

import networkx as nx

from designlint.model import Design, Flow


class DesignGraph:
    def __init__(self, design: Design):
        self.design = design
        flows = nx.MultiDiGraph()
        for cid, comp in design.components.items():
            flows.add_node(cid, kind=comp.kind)
        for flow in design.flows:
            for end in (flow.source.id, flow.target.id):
                if end not in flows:
                    flows.add_node(end, kind=None)
            flows.add_edge(flow.source.id, flow.target.id, key=flow.index, flow=flow, kind=flow.kind)
        self.flows = flows
        fallbacks = nx.DiGraph()
        fallbacks.add_nodes_from(design.components)
        for cid, comp in design.components.items():
            for ref in comp.fallback:
                fallbacks.add_edge(cid, ref.id, ref=ref)
        self.fallbacks = fallbacks

    # -- flows -----------------------------------------------------------
    def kind(self, node: str) -> str | None:
        return self.flows.nodes[node]["kind"] if node in self.flows else None

    def flows_into(self, node: str, kind: str | None = None) -> list[Flow]:
        if node not in self.flows:
            return []
        return [d["flow"] for _, _, d in self.flows.in_edges(node, data=True) if kind is None or d["kind"] == kind]

    def flows_out_of(self, node: str, kind: str | None = None) -> list[Flow]:
        if node not in self.flows:
            return []
        return [d["flow"] for _, _, d in self.flows.out_edges(node, data=True) if kind is None or d["kind"] == kind]

    def search(self, sources: Iterable[str], *, avoid: Callable[[str], bool] = lambda n: False,
               reverse: bool = False) -> dict[str, str | None]:
        """Breadth-first search along flows from every source at once.

        Returns each reached node's parent on one shortest path (None for a
        source). Nodes for which `avoid` is true are never entered; a source
        is always a start. One search answers reachability for every node,
        so no rule needs to enumerate paths.
        """
        adjacency = self.flows.pred if reverse else self.flows.succ
        parent: dict[str, str | None] = {}
        queue = deque()
        for s in sources:
            if s in self.flows and s not in parent:
                parent[s] = None
                queue.append(s)
        while queue:
            node = queue.popleft()
            for nxt in sorted(adjacency[node]):
                if nxt not in parent and not avoid(nxt):
                    parent[nxt] = node
                    queue.append(nxt)
        return parent

    @staticmethod
    def path_to(parent: dict[str, str | None], node: str) -> list[str]:
        """The path a search found from a source to `node`, sources first."""
        path = [node]
        while parent.get(path[-1]) is not None:
            path.append(parent[path[-1]])
        return path[::-1]

    def path_avoiding(self, sources: Iterable[str], target: str, avoid: Callable[[str], bool]) -> list[str] | None:
        """One shortest flow path from any source to `target` that enters no avoided node, or None."""
        parent = self.search(sources, avoid=avoid)
        return self.path_to(parent, target) if target in parent else None

    # -- fallbacks --------------------------------------------------------
    def fallback_chain(self, node: str) -> list[str]:
        """Everything that may take over from `node`, in order, each once (depth first)."""
        chain: list[str] = []
        seen = {node}

        def walk(n: str) -> None:
            for ref in self.design.components[n].fallback if n in self.design.components else ():
                if ref.id not in seen:
                    seen.add(ref.id)
                    chain.append(ref.id)
                    walk(ref.id)

        walk(node)
        return chain

    def fallback_cycles(self) -> list[list[str]]:
        """One cycle per knot of fallbacks that loop, as [a, b, ..., a], in file order."""
        order = {cid: i for i, cid in enumerate(self.design.components)}
        cycles = []
        for scc in self._looping_knots():
            start = min(scc, key=lambda n: order.get(n, len(order)))
            cycles.append(self._cycle_through(start, scc))
        return sorted(cycles, key=lambda c: order.get(c[0], len(order)))

    def fallback_loop(self, node: str) -> list[str] | None:
        """The shortest fallback chain from `node` back to itself, as [node, ..., node], or None."""
        for scc in self._looping_knots():
            if node in scc:
                return self._cycle_through(node, scc)
        return None

    def _looping_knots(self) -> list[set[str]]:
        knots = self.__dict__.get("_knots")
        if knots is None:
            knots = [scc for scc in nx.strongly_connected_components(self.fallbacks)
                     if len(scc) > 1 or self.fallbacks.has_edge(next(iter(scc)), next(iter(scc)))]
            self.__dict__["_knots"] = knots
        return knots

    def _cycle_through(self, start: str, scc: set[str]) -> list[str]:
        """The shortest cycle from `start` back to itself, following fallbacks in their written order."""
        parent = {start: None}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for ref in self.design.components[node].fallback:
                nxt = ref.id
                if nxt == start:
                    path = [node]
                    while parent[path[-1]] is not None:
                        path.append(parent[path[-1]])
                    return [*path[::-1], start]
                if nxt in scc and nxt not in parent:
                    parent[nxt] = node
                    queue.append(nxt)
        raise AssertionError("a strongly connected component always holds a cycle")

    # -- flows of chosen kinds (rule packs, path arithmetic) ----------------
    CALLERS = frozenset({"orchestrator", "agent"})  # kinds whose flows out are calls that get an answer
    # Kinds that answer a call; a monitor, a queue or a person takes what it is sent and answers nothing.
    ANSWERERS = frozenset({"service", "orchestrator", "agent", "model", "rule", "datastore", "external"})

    def answers(self, flow) -> bool:
        """Whether the target of `flow` answers back to its source: a call from an orchestrator or agent."""
        return self.kind(flow.source.id) in self.CALLERS and self.kind(flow.target.id) in self.ANSWERERS

    def search_flows(self, sources: Iterable[str], kinds: Iterable[str] | None = None, *,
                     avoid: Callable[[str], bool] = lambda n: False, reverse: bool = False,
                     replies: bool = False) -> dict[str, str | None]:
        """Like `search`, following only flows whose kind is in `kinds` (every flow when None).

        With `replies`, what an orchestrator or an agent calls answers back to
        it: a flow from such a caller to `b` also leads from `b` back to the
        caller, unless `b` is a monitor, queue, human or interface (see `answers`).
        """
        wanted = None if kinds is None else frozenset(kinds)

        def ends(node: str) -> set[str]:
            step = self.flows_into if reverse else self.flows_out_of
            found = {(f.source.id if reverse else f.target.id) for f in step(node) if wanted is None or f.kind in wanted}
            if replies:
                back = self.flows_out_of if reverse else self.flows_into
                found |= {(f.target.id if reverse else f.source.id) for f in back(node)
                          if (wanted is None or f.kind in wanted) and self.answers(f)}
            return found

        parent: dict[str, str | None] = {}
        queue = deque()
        for s in sources:
            if self.kind(s) is not None or self.flows_into(s) or self.flows_out_of(s):
                if s not in parent:
                    parent[s] = None
                    queue.append(s)
        while queue:
            node = queue.popleft()
            for nxt in sorted(ends(node)):
                if nxt not in parent and not avoid(nxt):
                    parent[nxt] = node
                    queue.append(nxt)
        return parent
