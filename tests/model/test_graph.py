"""The graph questions rules ask: flows in and out, searches avoiding nodes, fallback chains and cycles."""

from designlint.model.build import loads

DESIGN = """\
designlint: 1
system: g
components:
  ui: {kind: interface}
  agent: {kind: agent, fallback: [rules, human]}
  rules: {kind: rule, fallback: agent}
  human: {kind: human}
  db: {kind: datastore}
  solo: {kind: model, fallback: solo}
flows:
  - ui -> agent -> db
  - agent -> human -> db
  - {from: human, to: agent, kind: feedback}
  - agent -> ghost
"""


def graph():
    return loads(DESIGN, "g.yaml").graph


def test_flows_into_and_out_of_by_kind():
    g = graph()
    assert [str(f) for f in g.flows_into("agent")] == ["ui -> agent", "human -> agent"]
    assert [str(f) for f in g.flows_into("agent", "feedback")] == ["human -> agent"]
    assert sorted(str(f) for f in g.flows_out_of("agent")) == ["agent -> db", "agent -> ghost", "agent -> human"]
    assert g.flows_into("nowhere") == []


def test_search_avoids_nodes_and_reports_a_witness_path():
    g = graph()
    reached = g.search(["ui"], avoid=lambda n: n == "agent")
    assert set(reached) == {"ui"}
    reached = g.search(["ui"], avoid=lambda n: g.kind(n) == "human")
    assert g.path_to(reached, "db") == ["ui", "agent", "db"]
    assert "human" not in reached and "ghost" in reached
    assert g.path_avoiding(["human"], "db", avoid=lambda n: False) == ["human", "db"]
    assert g.path_avoiding(["db"], "ui", avoid=lambda n: False) is None


def test_reverse_search_follows_flows_backwards():
    g = graph()
    assert set(g.search(["db"], reverse=True)) == {"db", "agent", "human", "ui"}


def test_fallback_chain_is_ordered_and_stops_at_repeats():
    g = graph()
    assert g.fallback_chain("agent") == ["rules", "human"]
    assert g.fallback_chain("rules") == ["agent", "human"]


def test_fallback_cycles_one_per_knot_in_file_order():
    assert graph().fallback_cycles() == [["agent", "rules", "agent"], ["solo", "solo"]]


def test_to_networkx_holds_every_node_and_flow():
    g = graph()
    nx_graph = g.to_networkx()
    assert list(nx_graph.nodes(data="kind")) == [("ui", "interface"), ("agent", "agent"), ("rules", "rule"),
                                                  ("human", "human"), ("db", "datastore"), ("solo", "model"),
                                                  ("ghost", None)]
    assert sorted((a, b, k, d["kind"]) for a, b, k, d in nx_graph.edges(keys=True, data=True)) == [
        ("agent", "db", 0, "data"), ("agent", "ghost", 3, "data"), ("agent", "human", 1, "data"),
        ("human", "agent", 2, "feedback"), ("human", "db", 1, "data"), ("ui", "agent", 0, "data")]
    for node in nx_graph:
        assert [d["flow"] for _, _, d in nx_graph.in_edges(node, data=True)] == g.flows_into(node)
        assert [d["flow"] for _, _, d in nx_graph.out_edges(node, data=True)] == g.flows_out_of(node)


def _fallback_design(edges: dict[str, list[str]]) -> str:
    lines = ["designlint: 1", "system: knots", "components:"]
    for node, targets in edges.items():
        lines.append(f"  {node}: {{kind: rule, fallback: [{', '.join(targets)}]}}" if targets
                     else f"  {node}: {{kind: rule}}")
    return "\n".join(lines) + "\n"


def test_fallback_knots_match_networkx_on_random_graphs():
    import random

    import networkx as nx

    rng = random.Random(6)
    for _ in range(60):
        nodes = [f"n{i}" for i in range(rng.randint(1, 25))]
        edges = {n: sorted(set(rng.sample(nodes + ["ghost"], rng.randint(0, min(3, len(nodes) + 1))))) for n in nodes}
        g = loads(_fallback_design(edges), "k.yaml").graph
        reference = nx.DiGraph()
        reference.add_nodes_from(nodes)
        reference.add_edges_from((a, b) for a, targets in edges.items() for b in targets)
        expected = {frozenset(s) for s in nx.strongly_connected_components(reference)
                    if len(s) > 1 or reference.has_edge(next(iter(s)), next(iter(s)))}
        assert {frozenset(k) for k in g._looping_knots} == expected
        for node in nodes:
            loop = g.fallback_loop(node)
            in_knot = any(node in k for k in expected)
            assert (loop is not None) == in_knot
            if loop:
                assert loop[0] == loop[-1] == node and all(b in edges[a] for a, b in zip(loop, loop[1:]))


def test_long_fallback_chains_need_no_recursion():
    n = 3000  # deeper than Python's default recursion limit
    edges = {f"c{i}": [f"c{i + 1}"] for i in range(n)} | {f"c{n}": ["c0"]}
    g = loads(_fallback_design(edges), "long.yaml").graph
    assert g.fallback_chain("c0") == [f"c{i}" for i in range(1, n + 1)]
    [cycle] = g.fallback_cycles()
    assert len(cycle) == n + 2 and cycle[0] == cycle[-1] == "c0"


def _search_flows_by_definition(g, sources, kinds, avoid, reverse, replies):
    """search_flows as its docstring defines it, one flow at a time: the reference for the fast version."""
    from collections import deque

    def ends(node):
        step = g.flows_into if reverse else g.flows_out_of
        found = {(f.source.id if reverse else f.target.id) for f in step(node) if kinds is None or f.kind in kinds}
        if replies:
            back = g.flows_out_of if reverse else g.flows_into
            found |= {(f.target.id if reverse else f.source.id) for f in back(node)
                      if (kinds is None or f.kind in kinds) and g.answers(f)}
        return found

    parent, queue = {}, deque()
    for s in sources:
        if (g.kind(s) is not None or g.flows_into(s) or g.flows_out_of(s)) and s not in parent:
            parent[s] = None
            queue.append(s)
    while queue:
        node = queue.popleft()
        for nxt in sorted(ends(node)):
            if nxt not in parent and not avoid(nxt):
                parent[nxt] = node
                queue.append(nxt)
    return parent


def test_search_flows_matches_its_definition_on_random_designs():
    import random

    from designlint.model import FLOW_KINDS, KINDS

    rng = random.Random(61)
    for _ in range(40):
        nodes = [f"n{i}" for i in range(rng.randint(1, 14))]
        lines = ["designlint: 1", "system: r", "components:"]
        lines += [f"  {n}: {{kind: {rng.choice(KINDS)}}}" for n in nodes]
        lines.append("flows:")
        for _ in range(rng.randint(0, 30)):
            a, b = rng.choice(nodes + ["ghost"]), rng.choice(nodes)
            lines.append(f"  - {{from: {a}, to: {b}, kind: {rng.choice(FLOW_KINDS)}}}")
        g = loads("\n".join(lines) + "\n", "r.yaml").graph
        for _ in range(8):
            sources = rng.sample(nodes + ["ghost", "nowhere"], 2)
            kinds = rng.choice([None, ("data",), ("data", "escalation"), ("feedback",)])
            banned = set(rng.sample(nodes, min(2, len(nodes))))
            for reverse in (False, True):
                for replies in (False, True):
                    got = g.search_flows(sources, kinds, avoid=banned.__contains__, reverse=reverse, replies=replies)
                    assert got == _search_flows_by_definition(g, sources, kinds, banned.__contains__, reverse, replies)
                    assert list(got) == list(_search_flows_by_definition(g, sources, kinds, banned.__contains__,
                                                                         reverse, replies))


def test_breadth_first_gives_parents_in_the_order_reached_and_stops_when_told():
    from designlint.model.graph import breadth_first

    steps = {"a": ["c", "b"], "b": ["d"], "c": ["d", "e"], "d": [], "e": ["a"]}.__getitem__
    assert breadth_first(["a"], steps) == {"a": None, "c": "a", "b": "a", "d": "c", "e": "c"}
    assert list(breadth_first(["a"], steps)) == ["a", "c", "b", "d", "e"]
    assert breadth_first(["a"], steps, avoid=lambda n: n == "c") == {"a": None, "b": "a", "d": "b"}
    # Stops on coming to `c`: what `c` leads to is never reached.
    assert breadth_first(["a"], steps, until=lambda n: n == "c") == {"a": None, "c": "a", "b": "a"}
    assert breadth_first(["d", "d"], steps) == {"d": None}


def test_the_shortest_fallback_loop_follows_the_written_order():
    design = loads("""\
designlint: 1
system: s
components:
  a: {kind: model, fallback: [b, c]}
  b: {kind: model, fallback: [d]}
  c: {kind: model, fallback: [a]}
  d: {kind: model, fallback: [a]}
  e: {kind: model, fallback: e}
""", "loops.yaml")
    graph = design.graph
    assert graph.fallback_loop("a") == ["a", "c", "a"]  # shorter than a -> b -> d -> a
    assert graph.fallback_loop("d") == ["d", "a", "b", "d"]
    assert graph.fallback_loop("e") == ["e", "e"]
