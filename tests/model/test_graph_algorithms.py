"""The graph algorithms rules share (model/graph.py) against networkx and brute force on random graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from designlint.model.build import loads
from designlint.model.graph import Dominators, strongly_connected

from rules.designs import design_text


def _random_digraph(rng, n):
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for _ in range(rng.randint(0, 3 * n)):
        g.add_edge(rng.randrange(n), rng.randrange(n))
    return g


@pytest.mark.parametrize("seed", range(200))
def test_dominators_are_networkx_immediate_dominators(seed):
    rng = random.Random(seed)
    g = _random_digraph(rng, rng.randint(1, 25))
    dom = Dominators(0, lambda v: sorted(g.successors(v)))
    reach = nx.descendants(g, 0) | {0}
    idom = nx.immediate_dominators(g, 0)
    for v in g:
        assert dom.reached(v) == (v in reach)
    for v in reach - {0}:
        assert dom.idom(v) == idom[v]
    assert dom.idom(0) is None
    for a in reach:
        for b in reach:
            chain, x = {b}, b
            while x != 0:
                x = idom[x]
                chain.add(x)
            assert dom.dominates(a, b) == (a in chain)


def test_dominators_of_a_long_path_need_no_recursion():
    n = 50_000
    dom = Dominators(0, lambda v: [v + 1] if v + 1 < n else [])
    assert dom.idom(n - 1) == n - 2 and dom.dominates(1, n - 1) and not dom.dominates(n - 1, 1)


@pytest.mark.parametrize("seed", range(100))
def test_strongly_connected_sets_come_sinks_first_and_match_networkx(seed):
    rng = random.Random(seed)
    g = _random_digraph(rng, rng.randint(1, 25))
    sccs = strongly_connected(list(g), lambda v: sorted(g.successors(v)))
    assert sorted(map(sorted, sccs)) == sorted(map(sorted, nx.strongly_connected_components(g)))
    index = {v: i for i, scc in enumerate(sccs) for v in scc}
    assert all(index[b] <= index[a] for a, b in g.edges)  # what a set leads to is listed before it


@pytest.mark.parametrize("seed", range(150))
def test_fallback_chain_has_answers_what_walking_each_chain_answers(seed):
    rng = random.Random(seed)
    design = loads(design_text(rng, fallback_share=0.8), "d.yaml")
    graph = design.graph
    for wanted in (lambda n: graph.kind(n) == "human", lambda n: n not in design.components,
                   lambda n: graph.kind(n) in ("rule", "queue")):
        has = graph.fallback_chain_has(wanted)
        for cid in design.components:
            assert has(cid) == any(wanted(n) for n in graph.fallback_chain(cid)), cid
            assert list(graph.iter_fallback_chain(cid)) == graph.fallback_chain(cid)
