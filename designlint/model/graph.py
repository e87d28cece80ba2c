"""The design's graphs and the questions rules ask of them.

Two directed graphs over component ids: the flow graph (one edge per flow,
keyed by its kind) and the fallback graph (component -> each fallback). Ids
that a flow names but no component defines are nodes too, of kind None, so
paths through a misspelt id are still seen.

Every question here is answered in time linear in the design (V components
and ids, E flows and fallbacks), with at most a log factor, whatever the
shape of the graph (issue 11): breadth-first search (`search`,
`search_flows`), Tarjan's strongly connected components (`strongly_connected`)
with dynamic programming over the condensation (`fallback_chain_has`,
`fallback_chain_fold`), memoised folds along pointer
chains (`fold_chain`, `Witnesses`), and Lengauer-Tarjan dominators
(`Dominators`). Rules use
these instead of one search per component.
"""

from __future__ import annotations

from collections import deque
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Hashable, Iterable, Iterator

from designlint.model.kinds import ANSWERERS, CALLERS, OUTLET_KINDS
from designlint.util.text import KEEP_STEPS, MOST_STEPS, skipped_steps

if TYPE_CHECKING:  # the model imports this module for Design.graph; the types are for readers
    from designlint.model import Design, Flow


class DesignGraph:
    """Adjacency in plain dicts: building it costs a fraction of a networkx graph,
    and importing networkx alone costs more than linting a small design.
    `to_networkx()` gives the same graph to code off the check path."""

    def __init__(self, design: Design):
        self.design = design
        kinds: dict[str, str | None] = {cid: comp.kind for cid, comp in design.components.items()}
        succ: dict[str, dict[str, list[Flow]]] = {cid: {} for cid in kinds}
        pred: dict[str, dict[str, list[Flow]]] = {cid: {} for cid in kinds}
        for flow in design.flows:
            a, b = flow.source.id, flow.target.id
            for end in (a, b):
                if end not in kinds:
                    kinds[end] = None
                    succ[end] = {}
                    pred[end] = {}
            succ[a].setdefault(b, []).append(flow)
            pred[b].setdefault(a, []).append(flow)
        self._kinds = kinds
        self._succ = succ
        self._pred = pred
        self._memo: dict = {}

    def remember(self, key, compute: Callable[[], object]):
        """The answer to a question about this design, computed once: `compute()` the first time `key` is asked.

        The one per-design memo for keyed questions (path walks, pack searches,
        search steps); a question with no key is a cached_property. It lives
        and dies with the design's graph, so nothing outlives a lint.
        """
        memo = self._memo
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def to_networkx(self):
        """The flow graph as a networkx MultiDiGraph: node attribute `kind`; edges keyed by
        the flow's index, with attributes `flow` and `kind`."""
        return self.flows

    @cached_property
    def flows(self):
        import networkx as nx

        graph = nx.MultiDiGraph()
        for node, kind in self._kinds.items():
            graph.add_node(node, kind=kind)
        for flow in self.design.flows:
            graph.add_edge(flow.source.id, flow.target.id, key=flow.index, flow=flow, kind=flow.kind)
        return graph

    @cached_property
    def fallbacks(self):
        """The fallback graph as a networkx DiGraph (component -> each fallback, attribute `ref`)."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(self.design.components)
        for cid, comp in self.design.components.items():
            for ref in comp.fallback:
                graph.add_edge(cid, ref.id, ref=ref)
        return graph

    # -- flows -----------------------------------------------------------
    def nodes(self) -> Iterable[str]:
        """Every node: the components in file order, then ids that only flows name."""
        return self._kinds.keys()

    def kind(self, node: str) -> str | None:
        return self._kinds.get(node)

    def flows_into(self, node: str, kind: str | None = None) -> list[Flow]:
        return [f for flows in self._pred.get(node, {}).values() for f in flows if kind is None or f.kind == kind]

    def flows_out_of(self, node: str, kind: str | None = None) -> list[Flow]:
        return [f for flows in self._succ.get(node, {}).values() for f in flows if kind is None or f.kind == kind]

    def search(self, sources: Iterable[str], *, avoid: Callable[[str], bool] | None = None,
               reverse: bool = False) -> dict[str, str | None]:
        """Breadth-first search along flows of every kind from every source at once (see `search_flows`).

        Returns each reached node's parent on one shortest path (None for a
        source). Nodes for which `avoid` is true are never entered; a source
        is always a start. One search answers reachability for every node,
        so no rule needs to enumerate paths.
        """
        return self.search_flows(sources, avoid=avoid, reverse=reverse)

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
        """Everything that may take over from `node`, in order, each once (depth first).

        O(size of the chain): a rule that asks it of every component of a deep
        chain is quadratic; use `iter_fallback_chain` (stops when the caller
        does) or `fallback_chain_has` (every component at once) instead.
        """
        return list(self.iter_fallback_chain(node))

    def iter_fallback_chain(self, node: str, enter: Callable[[str], bool] | None = None) -> Iterator[str]:
        """`fallback_chain(node)` one id at a time, computed as it is consumed.

        With `enter`, the walk does not go on from (nor yield) an id for which
        `enter(id)` is false; everything only reachable through such ids is left out.
        """
        links = self._fallback_links
        seen = {node}
        stack = [iter(links.get(node, ()))]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
            elif nxt not in seen:
                seen.add(nxt)
                if enter is not None and not enter(nxt):
                    continue
                yield nxt
                stack.append(iter(links.get(nxt, ())))

    @cached_property
    def _fallback_condensation(self) -> tuple[list[set[str]], dict[str, int]]:
        """Tarjan's strongly connected sets of the fallback graph, sinks first, and each id's set index:
        found once per design for every `fallback_chain_has` question."""
        links = self._fallback_links
        nodes = list(dict.fromkeys([*self.design.components, *(t for ts in links.values() for t in ts)]))
        sccs = strongly_connected(nodes, lambda n: links.get(n, ()))
        return sccs, {n: i for i, scc in enumerate(sccs) for n in scc}

    def fallback_chain_fold(self, own: Callable[[str], object], join: Callable[[object, object], object],
                            empty: object = None) -> dict[str, object]:
        """For every node at once: the join of own(m) over the members m of fallback_chain(node) (`empty` for
        an empty chain). `join` must be associative, commutative and idempotent (a semilattice: set union,
        "the same value or mixed"). One pass over the condensation of the fallback graph, sinks first:
        O(V + E) joins. A node is not in its own chain, even on a loop (as iter_fallback_chain)."""
        links = self._fallback_links
        sccs, scc_of = self._fallback_condensation
        full: list[object] = []  # per set: own over the set, joined with everything after it
        out: dict[str, object] = {}
        for i, scc in enumerate(sccs):
            members = list(scc)
            after = empty  # everything reachable from the set, outside it (later sets are done: sinks first)
            for n in members:
                for t in links.get(n, ()):
                    if scc_of[t] != i:
                        after = join(after, full[scc_of[t]])
            values = [own(n) for n in members]
            looping = len(members) > 1
            # The others of a loop: prefix and suffix joins leave each member out in O(|set|).
            prefix, suffix = [empty], [empty]
            for v in values:
                prefix.append(join(prefix[-1], v))
            for v in reversed(values):
                suffix.append(join(suffix[-1], v))
            suffix.reverse()
            for k, n in enumerate(members):
                out[n] = join(after, join(prefix[k], suffix[k + 1])) if looping else after
            full.append(join(prefix[-1], after))
        return out

    def fallback_chain_has(self, wanted: Callable[[str], bool]) -> Callable[[str], bool]:
        """A test `has(node)`: does some id of `fallback_chain(node)` satisfy `wanted`? For every node at once.

        Tarjan's strongly connected components of the fallback graph, then one
        pass over its condensation (sinks first): O(V + E) for the whole design,
        then O(1) per question. `wanted` is asked once per id. The chain of a
        node never holds the node itself, even on a fallback loop.
        """
        links = self._fallback_links
        sccs, scc_of = self._fallback_condensation
        below: dict[int, bool] = {}  # scc index -> some id reachable from it (itself included) is wanted
        hits: dict[int, int] = {}  # scc index -> how many of its members are wanted
        member_wanted: dict[str, bool] = {}
        for i, scc in enumerate(sccs):  # Tarjan finds sinks first: every successor scc is done already
            count = 0
            for n in scc:
                member_wanted[n] = w = bool(wanted(n))
                count += w
            hits[i] = count
            on = False
            for n in scc:
                for t in links.get(n, ()):
                    j = scc_of[t]
                    if j != i and (hits[j] or below[j]):
                        on = True
                        break
                if on:
                    break
            below[i] = on

        def has(node: str) -> bool:
            i = scc_of.get(node)
            if i is None:
                return False
            others = hits[i] - member_wanted[node]  # the node is never in its own chain
            looping = len(sccs[i]) > 1
            return below[i] or (looping and others > 0)

        return has

    @cached_property
    def roles(self) -> dict[str, frozenset[str]]:
        """Component id -> how other components name it: "fallback", "gate", "appeal" (ids named by none left out)."""
        named: dict[str, set[str]] = {}
        for comp in self.design.components.values():
            for ref in comp.fallback:
                named.setdefault(ref.id, set()).add("fallback")
            for action in comp.actions:
                if action.gate:
                    named.setdefault(action.gate.id, set()).add("gate")
                if action.appeal:
                    named.setdefault(action.appeal.id, set()).add("appeal")
        return {cid: frozenset(how) for cid, how in named.items()}

    @cached_property
    def _fallback_links(self) -> dict[str, list[str]]:
        """Component -> the ids of its fallbacks, in order (components without fallbacks left out)."""
        return {cid: [ref.id for ref in comp.fallback] for cid, comp in self.design.components.items() if comp.fallback}

    def fallback_cycles(self) -> list[list[str]]:
        """One cycle per knot of fallbacks that loop, as [a, b, ..., a], in file order."""
        order = self._order
        cycles = []
        for scc in self._looping_knots:
            start = min(scc, key=order.__getitem__)
            cycles.append(self._cycle_through(start, scc))
        return sorted(cycles, key=lambda c: order[c[0]])

    def fallback_loop(self, node: str) -> list[str] | None:
        """The shortest fallback chain from `node` back to itself, as [node, ..., node], or None.

        In a loop of more than MOST_STEPS components, a search per component would
        make a ring of 5,000 quadratic (and each whole loop spelt out, quadratic
        output): there it is one way round instead, through the loop's first
        component in file order, from two breadth-first trees of the loop found once
        (`_round_through_root`), shortened as messages spell long paths.
        """
        scc = self._knot_of.get(node)
        if scc is None:
            return None
        return self._cycle_through(node, scc) if len(scc) <= MOST_STEPS else self._round_through_root(node, scc)

    def _round_through_root(self, node: str, scc: set[str]) -> list[str]:
        """[node, its first fallback in the loop, ..., the loop's root, ..., node] as a message spells it: up the
        tree of ways back to the root, then down the tree of ways out of it; past MOST_STEPS, the first steps
        from each end and how many are left out (O(KEEP_STEPS) once the trees exist)."""
        links = self._fallback_links
        root = self._knot_root[node]
        trees = self.remember(("fallback round", root), lambda: self._root_trees(root, scc))
        back, out = trees  # Witnesses over: node -> next step towards the root; node -> step from the root
        first = next(t for t in links[node] if t in scc)
        steps = 1 + back.depth(first) + 1 + out.depth(node)  # node, first .. root, then root's way to node
        if steps <= MOST_STEPS:
            return [node, *back.upward(first), *out.upward(node)[::-1][1:]]
        # Both ends of the way round: from the node towards the root, and from the root's side back to the node.
        head = [node, *back.upward(first, KEEP_STEPS // 2)]
        tail = out.upward(node, KEEP_STEPS // 2)[::-1]
        return [*head, skipped_steps(steps - len(head) - len(tail)), *tail]

    def _root_trees(self, root: str, scc: set[str]) -> tuple[Witnesses, Witnesses]:
        links = self._fallback_links
        into: dict[str, list[str]] = {}
        for n in scc:
            for t in links[n]:
                if t in scc:
                    into.setdefault(t, []).append(n)
        back = breadth_first([root], lambda n: sorted(into.get(n, ()), key=self._order.__getitem__))
        out = breadth_first([root], lambda n: [t for t in links[n] if t in scc])
        return Witnesses(back), Witnesses(out)

    @cached_property
    def _order(self) -> dict[str, int]:
        return {cid: i for i, cid in enumerate(self.design.components)}

    @cached_property
    def _knot_of(self) -> dict[str, set[str]]:
        return {node: scc for scc in self._looping_knots for node in scc}

    def fallback_knot(self, node: str) -> set[str] | None:
        """The set of components that `node`'s fallbacks loop through with it (a strongly connected set of the
        fallback graph that holds a cycle), or None when its fallbacks do not come back to it."""
        return self._knot_of.get(node)

    @cached_property
    def _knot_root(self) -> dict[str, str]:
        """Each looping node's loop's first component in file order (found once per loop)."""
        order = self._order
        return {node: root for scc in self._looping_knots for root in [min(scc, key=order.__getitem__)]
                for node in scc}

    @cached_property
    def _looping_knots(self) -> list[set[str]]:
        """The strongly connected sets of the fallback graph that hold a cycle (a self-fallback included)."""
        # A component without fallbacks closes no cycle: leave it out, and the search visits only what can loop.
        has = self._fallback_links
        links = {cid: [t for t in targets if t in has] for cid, targets in has.items()}
        return [scc for scc in strongly_connected(links, links.__getitem__)
                if len(scc) > 1 or next(iter(scc)) in links[next(iter(scc))]]

    def _cycle_through(self, start: str, scc: set[str]) -> list[str]:
        """The shortest cycle from `start` back to itself, following fallbacks in their written order."""
        links = self._fallback_links
        def closes(node: str) -> bool:
            return start in links[node]

        parent = breadth_first([start], lambda node: [t for t in links[node] if t in scc], until=closes)
        # Nodes in the order the search reached them: the first that falls back to `start` closes the shortest loop.
        last = next(node for node in parent if closes(node))
        return [*self.path_to(parent, last), start]

    # -- flows of chosen kinds (rule packs, path arithmetic) ----------------
    CALLERS = CALLERS  # kinds whose flows out are calls that get an answer
    # Kinds that answer a call; a monitor, a queue or a person takes what it is sent and answers nothing.
    ANSWERERS = ANSWERERS

    def answers(self, flow) -> bool:
        """Whether the target of `flow` answers back to its source: a call from an orchestrator or agent."""
        return self.kind(flow.source.id) in self.CALLERS and self.kind(flow.target.id) in self.ANSWERERS

    def search_flows(self, sources: Iterable[str], kinds: Iterable[str] | None = None, *,
                     avoid: Callable[[str], bool] | None = None, reverse: bool = False,
                     replies: bool = False, until: str | None = None) -> dict[str, str | None]:
        """Like `search`, following only flows whose kind is in `kinds` (every flow when None).

        With `replies`, what an orchestrator or an agent calls answers back to
        it: a flow from such a caller to `b` also leads from `b` back to the
        caller, unless `b` is a monitor, queue, human or interface (see `answers`).
        With `until`, the search stops once that node is reached (its path is
        then final): O(what is visited before it), for a witness path.
        """
        ends = self._ends(None if kinds is None else frozenset(kinds), reverse, replies)
        stop = None if until is None else (lambda n: n == until)
        return breadth_first((s for s in sources if s in self._kinds), ends, avoid, stop)

    def steps(self, kinds: Iterable[str] | None = None, *, reverse: bool = False,
              replies: bool = False) -> Callable[[str], tuple[str, ...]]:
        """`steps(node)`: where one step of `search_flows(..., kinds, reverse=, replies=)` leads from `node`,
        sorted, each once; remembered per node. For algorithms that need the graph itself."""
        return self._ends(None if kinds is None else frozenset(kinds), reverse, replies)

    def data_reach(self, sources: Iterable[str], *, avoid: Callable[[str], bool] | None = None,
                   reverse: bool = False) -> "Reach":
        """Where request content goes from `sources`: along `data` flows, and back from what an
        orchestrator or agent calls to the caller (FORMAT.md rev. 2, "The AI-risk rules").

        One `breadth_first` search, O(V + E), entering no node for which `avoid`
        is true (a source is always a start). With `reverse`, flows are followed
        backwards: the result says which nodes reach a source. A source that a
        step leads back to is remembered, so `Reach.stepped` can tell "reached"
        from "started here".
        """
        ends = self._ends(frozenset({"data"}), reverse, True)
        starts = [s for s in sources if s in self._kinds]
        is_start = set(starts)
        entry: dict[str, str] = {}  # a source that a step reaches, and the first node it was reached from

        def steps(node: str) -> tuple[str, ...]:
            found = ends(node)
            if not is_start.isdisjoint(found):  # a step back into a source: rare, so checked at C speed first
                for nxt in found:
                    if nxt in is_start and nxt not in entry and (avoid is None or not avoid(nxt)):
                        entry[nxt] = node
            return found

        return Reach(breadth_first(starts, steps, avoid), entry, reverse)

    def _ends(self, wanted: frozenset[str] | None, reverse: bool, replies: bool) -> Callable[[str], tuple[str, ...]]:
        """Where one step of `search_flows` leads from a node, sorted; remembered per node, and the function
        itself once per kind of search, as rules search many times."""
        key = ("ends", wanted, reverse, replies)
        made = self._memo.get(key)
        if made is None:
            made = self._memo[key] = self._make_ends(wanted, reverse, replies)
        return made

    def _make_ends(self, wanted: frozenset[str] | None, reverse: bool,
                   replies: bool) -> Callable[[str], tuple[str, ...]]:
        memo: dict[str, tuple[str, ...]] = {}
        forward, back = (self._pred, self._succ) if reverse else (self._succ, self._pred)
        no_links: dict = {}

        def carries(flows: list[Flow]) -> bool:
            if len(flows) == 1:  # the usual case: one flow between two components
                return flows[0].kind in wanted
            return any(f.kind in wanted for f in flows)

        kind = self._kinds.get
        callers, answerers = self.CALLERS, self.ANSWERERS

        def ends(node: str) -> tuple[str, ...]:
            found = memo.get(node)
            if found is None:
                links = forward.get(node, no_links)
                if wanted is None:
                    steps = set(links)
                else:
                    steps = {other for other, flows in links.items() if carries(flows)}
                if replies:  # `other` answers `node` back (see `answers`), or `node` answers `other`
                    if reverse:
                        answer = kind(node) in callers and answerers
                    else:
                        answer = kind(node) in answerers and callers
                    if answer:
                        steps.update(other for other, flows in back.get(node, no_links).items()
                                     if other not in steps and kind(other) in answer
                                     and (wanted is None or carries(flows)))
                found = memo[node] = tuple(sorted(steps))
            return found

        return ends


def breadth_first(sources: Iterable[str], steps: Callable[[str], Iterable[str]],
                  avoid: Callable[[str], bool] | None = None,
                  until: Callable[[str], bool] | None = None) -> dict[str, str | None]:
    """The one breadth-first search every graph question uses: node -> its parent on one shortest path.

    `steps(node)` gives where one step leads, in the order to try them;
    sources map to None and are always starts; a node for which `avoid` is
    true is never entered; the search stops when it comes to a node for which
    `until` is true (the answer is found). None for either: no such node.
    The result's keys are in the order the search reached them. Cost: linear
    in the nodes and steps reached (a search with neither test calls nothing
    per step but `steps`, the usual case).
    """
    parent: dict[str, str | None] = {}
    queue = deque()
    for source in sources:
        if source not in parent:
            parent[source] = None
            queue.append(source)
    popleft, push = queue.popleft, queue.append
    if avoid is None and until is None:
        while queue:
            node = popleft()
            for nxt in steps(node):
                if nxt not in parent:
                    parent[nxt] = node
                    push(nxt)
        return parent
    while queue:
        node = popleft()
        if until is not None and until(node):
            break
        for nxt in steps(node):
            if nxt not in parent and (avoid is None or not avoid(nxt)):
                parent[nxt] = node
                push(nxt)
    return parent


def fold_chain(node, next_of: Callable, memo: dict, step: Callable):
    """memo[node] for a fold along a chain of pointers: memo[n] = step(n, next_of(n), memo[next_of(n)]), with
    None after the chain's end (next_of(n) is None). Memoised: every node's answer costs O(1) amortised, so
    asking it of every node of a 10,000-long chain is O(V), not O(V) per node."""
    chain = []
    while node is not None and node not in memo:
        chain.append(node)
        node = next_of(node)
    after = memo[node] if node is not None else None
    for n in reversed(chain):
        after = memo[n] = step(n, next_of(n), after)
    return after


class Witnesses:
    """Witness paths of one `breadth_first` parent map (node -> its parent, None for a source), for messages.

    `depth(node)` (steps from its source) and `root(node)` (that source) are
    memoised over the map: O(V) for every node of it together, however deep,
    where walking each path would be O(V) per node. `shown(node)` is the path
    as a message spells it: in full up to MOST_STEPS steps, else its source,
    `… N more steps …` and the KEEP_STEPS steps at the node's end (each O(KEEP_STEPS)),
    so one finding per node on a 10,000-long chain stays linear in all.
    """

    def __init__(self, parent: dict[str, str | None]):
        self._parent = parent
        self._memo: dict[str, tuple[int, str]] = {}  # node -> (depth, source)

    def _up(self, node: str) -> tuple[int, str]:
        return fold_chain(node, self._parent.get, self._memo,
                          lambda n, up, above: (0, n) if above is None else (above[0] + 1, above[1]))

    def nodes(self) -> Iterable[str]:
        """Every node the search reached, in the order it reached them."""
        return self._parent.keys()

    def depth(self, node: str) -> int:
        """Steps from the node's source (0 for a source)."""
        return self._up(node)[0]

    def root(self, node: str) -> str:
        """The source the node's path starts from."""
        return self._up(node)[1]

    def upward(self, node: str, most: int | None = None) -> list[str]:
        """The node, its parent, ... : up to `most` of them (all, to the source, when None)."""
        chain = [node]
        parent = self._parent
        while (most is None or len(chain) < most) and parent.get(chain[-1]) is not None:
            chain.append(parent[chain[-1]])
        return chain

    def shown(self, node: str, reverse: bool = False, before: tuple[str, ...] = ()) -> list[str]:
        """The path from the source to `node` (reverse: from `node` to the source) as a message spells it.

        `before`: nodes that come after `node` on the path (before it on the way up to the source), such
        as a source that the path comes back to."""
        steps = len(before) + self.depth(node) + 1
        if steps <= MOST_STEPS:
            chain = [*before, *self.upward(node)]
        else:
            keep = max(KEEP_STEPS - len(before), 1)
            chain = [*before, *self.upward(node, keep), skipped_steps(steps - len(before) - keep - 1),
                     self.root(node)]
        return chain if reverse else chain[::-1]


class Reach:
    """What one `DesignGraph.data_reach` search found, with a witness path on request.

    `node in reach`: the node is a source or was entered; `reach.stepped(node)`:
    it was entered by at least one step (a source only when a path from a
    source comes back to it). `reach.path(node)` lists one shortest path in the
    direction of the flows: from a source to `node`, or (reverse) from `node`
    to a source.
    """

    def __init__(self, parent: dict[str, str | None], entry: dict[str, str], reverse: bool):
        self._parent = parent
        self._entry = entry
        self._reverse = reverse
        self._witnesses = Witnesses(parent)

    def __contains__(self, node: str) -> bool:
        return node in self._parent

    def stepped(self, node: str) -> bool:
        return self._parent.get(node) is not None or node in self._entry

    def path(self, node: str) -> list[str]:
        if self._parent.get(node) is None and node in self._entry:  # a source that a path comes back to
            chain = [node, *self._witnesses.upward(self._entry[node])]
        else:
            chain = self._witnesses.upward(node)
        return chain if self._reverse else chain[::-1]

    def length(self, node: str) -> int:
        """How many components `path(node)` lists, without listing them."""
        if self._parent.get(node) is None and node in self._entry:
            return 2 + self._witnesses.depth(self._entry[node])
        return 1 + self._witnesses.depth(node)

    def shown(self, node: str) -> list[str]:
        """`path(node)` as a message spells it (see `Witnesses.shown`): O(KEEP_STEPS) however long it is."""
        if self._parent.get(node) is None and node in self._entry:  # a source that a path comes back to
            return self._witnesses.shown(self._entry[node], self._reverse, before=(node,))
        return self._witnesses.shown(node, self._reverse)


def strongly_connected(nodes: Iterable[str], successors: Callable[[str], Iterable[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components (Tarjan 1972), with an explicit stack (no recursion limit).

    Every node reachable from `nodes` through `successors` is in exactly one set.
    The sets come sinks first (reverse topological order of the condensation):
    when a set is listed, every set it leads to is already listed. O(V + E).
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors(root)))]
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors(child))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                scc = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    scc.add(member)
                    if member == node:
                        break
                found.append(scc)
    return found


class Dominators:
    """The dominator tree of a directed graph from one root (Lengauer & Tarjan 1979, "A fast algorithm for
    finding dominators in a flowgraph", the simple version with path compression: O(E log V)).

    `d` dominates `n` when every path from the root to `n` passes through `d`.
    `reached(n)`: n is reachable from the root; `idom(n)`: n's immediate
    dominator (None for the root); `dominates(d, n)`: O(1) per question, from
    pre- and post-order numbers of the tree. Nodes are any hashable values;
    iterative throughout (no recursion limit).
    """

    def __init__(self, root: Hashable, successors: Callable[[Hashable], Iterable[Hashable]]):
        # Depth-first numbering from the root: vertex i is order[i]; parent[i] its tree parent.
        order = [root]
        number = {root: 0}
        parent = [-1]
        stack = [(0, iter(successors(root)))]
        while stack:
            at, children = stack[-1]
            for child in children:
                if child not in number:
                    number[child] = len(order)
                    parent.append(at)
                    stack.append((len(order), iter(successors(child))))
                    order.append(child)
                    break
            else:
                stack.pop()
        n = len(order)
        preds: list[list[int]] = [[] for _ in range(n)]
        for i, node in enumerate(order):
            for child in successors(node):
                j = number.get(child)
                if j is not None:
                    preds[j].append(i)
        semi = list(range(n))
        idom = [0] * n
        ancestor = [-1] * n
        label = list(range(n))
        bucket: list[list[int]] = [[] for _ in range(n)]

        def evaluate(v: int) -> int:
            if ancestor[v] < 0:
                return v
            path = []
            u = v
            while ancestor[ancestor[u]] >= 0:  # compress the forest path above v, top first
                path.append(u)
                u = ancestor[u]
            for w in reversed(path):
                a = ancestor[w]
                if semi[label[a]] < semi[label[w]]:
                    label[w] = label[a]
                ancestor[w] = ancestor[a]
            return label[v]

        for w in range(n - 1, 0, -1):
            for v in preds[w]:
                u = evaluate(v)
                if semi[u] < semi[w]:
                    semi[w] = semi[u]
            bucket[semi[w]].append(w)
            p = parent[w]
            ancestor[w] = p
            for v in bucket[p]:
                u = evaluate(v)
                idom[v] = u if semi[u] < semi[v] else p
            bucket[p] = []
        for w in range(1, n):
            if idom[w] != semi[w]:
                idom[w] = idom[idom[w]]
        # Pre/post numbers of the dominator tree: d dominates n iff n's interval lies in d's.
        children: list[list[int]] = [[] for _ in range(n)]
        for w in range(1, n):
            children[idom[w]].append(w)
        enter = [0] * n
        leave = [0] * n
        clock = 0
        walk = [(0, iter(children[0]))]
        enter[0] = clock
        while walk:
            v, it = walk[-1]
            c = next(it, None)
            if c is None:
                walk.pop()
                clock += 1
                leave[v] = clock
            else:
                clock += 1
                enter[c] = clock
                walk.append((c, iter(children[c])))
        self._order = order
        self._number = number
        self._idom = idom
        self._enter = enter
        self._leave = leave

    def reached(self, node: Hashable) -> bool:
        return node in self._number

    def idom(self, node: Hashable) -> Hashable | None:
        i = self._number[node]
        return None if i == 0 else self._order[self._idom[i]]

    def interval(self, node: Hashable) -> tuple[int, int] | None:
        """(enter, leave) of `node` in the dominator tree, None when unreached: d dominates n iff
        enter(d) <= enter(n) and leave(n) <= leave(d)."""
        i = self._number.get(node)
        return None if i is None else (self._enter[i], self._leave[i])

    def dominates(self, d: Hashable, node: Hashable) -> bool:
        """Whether every path from the root to `node` passes through `d` (a node dominates itself)."""
        i, j = self._number.get(d), self._number.get(node)
        if i is None or j is None:
            return False
        return self._enter[i] <= self._enter[j] and self._leave[j] <= self._leave[i]


def is_outlet(design, node: str) -> bool:
    """Whether work that reaches `node` has reached a person, the outside world, storage or an action."""
    comp = design.components.get(node)
    return comp is not None and (comp.kind in OUTLET_KINDS or bool(comp.actions))


def stand_ins(design) -> set[str]:
    """Ids that take part through a role rather than flows: fallbacks, action gates and appeals."""
    return set(design.graph.roles)


def is_human(design, node: str) -> bool:
    comp = design.components.get(node)
    return comp is not None and comp.kind == "human"


def human_gated(design, ref) -> bool:
    """Whether a `gate` or `appeal` reference names a human component (a non-human one counts as none)."""
    return ref is not None and is_human(design, ref.id)


def ungated_irreversible(design) -> dict[str, list]:
    """Component id -> its irreversible actions whose `gate` names no human, for non-human components
    (a human acting is a human decision), in file order."""
    found: dict[str, list] = {}
    for comp in design.components.values():
        if comp.kind == "human":
            continue
        acts = [a for a in comp.actions if not a.reversible and not human_gated(design, a.gate)]
        if acts:
            found[comp.id] = acts
    return found


def untrusted_sources(design) -> list[str]:
    """Ids of the components whose output people outside the system can write (`trust`, or its default)."""
    return [cid for cid, comp in design.components.items() if comp.untrusted]
