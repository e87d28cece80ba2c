"""The linear-time rules find exactly what today's per-component searches found (tests/rules/reference_impl.py):
on every example, on the rule cases, and on random designs with loops of flows and of fallbacks."""

from __future__ import annotations

import random

import pytest
from conftest import EXAMPLES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designlint.findings.engine import lint
from designlint.model.build import load, load_designs, loads
from designlint.rules.registry import builtin_registry

from .designs import design_text
from .reference_impl import reference_registry

NEW = builtin_registry()
OLD = reference_registry(NEW)
GRAPH_RULES = ("fallback-shared-fate", "no-human-handoff", "ai-only-fallback", "dead-end")


def _findings(design, registry, only=None):
    return [f for f in lint(design, registry=registry) if only is None or f.rule in only]


@pytest.mark.parametrize("path", EXAMPLES + [ROOT / "examples" / "design-docs" / "claims-assistant.md"],
                         ids=lambda p: p.name)
def test_every_example_gives_the_same_findings_as_before(path):
    designs = load_designs(str(path))[0] if path.suffix == ".md" else [load(str(path))]
    assert designs
    for design in designs:
        assert _findings(design, NEW) == _findings(design, OLD)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_random_designs_give_the_same_findings_as_before(seed):
    design = loads(design_text(random.Random(seed)), "random.yaml")
    assert _findings(design, NEW, GRAPH_RULES) == _findings(design, OLD, GRAPH_RULES)


BUDGET_RULES = ("latency-budget-exceeded", "availability-budget-exceeded")


def _unchanged_interfaces(design):
    """The interfaces whose worst paths cannot depend on the walk being shared (brute force, small designs).

    Today each interface was walked alone; the new walk is one for all, so where a request loop is
    reachable from an interface and from one before it (in id order, as the walk starts them), the loop
    may be cut at another step. Everywhere else the answer is the same by construction; this says where.
    """
    import networkx as nx

    from .reference_impl import _next_steps

    g = nx.DiGraph()
    interfaces = [c.id for c in design.components.values() if c.kind == "interface"]
    for cid in design.components:
        g.add_node(cid)
        for n in _next_steps(design, cid, cid in interfaces):
            g.add_edge(cid, n)
    looping = {n for scc in nx.strongly_connected_components(g) for n in scc
               if len(scc) > 1 or g.has_edge(n, n)}
    reaches_loop = {n for n in g if n in looping or nx.descendants(g, n) & looping}
    unchanged, earlier = [], set()
    for s in sorted(interfaces):
        reach = nx.descendants(g, s)
        if not (reach & earlier & reaches_loop):
            unchanged.append(s)
        earlier |= reach
    return unchanged


def _budget_findings(design, registry, keep):
    return [f for f in _findings(design, registry, BUDGET_RULES) if f.component in keep]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_budget_paths_are_the_same_as_before_wherever_a_walk_of_their_own_could_not_differ(seed):
    design = loads(design_text(random.Random(seed)), "random.yaml")
    keep = set(_unchanged_interfaces(design))
    assert _budget_findings(design, NEW, keep) == _budget_findings(design, OLD, keep)


def test_the_shared_walk_changes_findings_only_where_loops_are_shared_and_the_corpus_exercises_both():
    same = changed = fired = 0
    for seed in range(1000):
        design = loads(design_text(random.Random(seed)), "random.yaml")
        interfaces = {c.id for c in design.components.values() if c.kind == "interface"}
        keep = set(_unchanged_interfaces(design))
        new, old = _findings(design, NEW, BUDGET_RULES), _findings(design, OLD, BUDGET_RULES)
        fired += len(new)
        assert [f for f in new if f.component in keep] == [f for f in old if f.component in keep]
        if new != old:
            changed += 1
            assert {f.component for f in set(new) ^ set(old)} <= interfaces - keep
        elif interfaces - keep:
            same += 1
    assert fired > 150  # the corpus gives the budget rules work
    assert changed < 15 and same > changed  # a shared loop rarely changes the answer


PATH_PACK = """\
designlint-pack: 1
name: paths
description: Every searching predicate, with its path in the message.
rules:
  - id: t-reaches-human
    severity: warning
    summary: s
    select: {kind: [model, agent, service]}
    require:
      - reaches: {kind: human, from_fallbacks: true}
    message: "{id} reaches no human"
  - id: t-reaches-human-path
    severity: warning
    summary: s
    select: {kind: [model, agent, service, rule]}
    require:
      - not: {reaches: {kind: [human, datastore], flows: [data, escalation], from_fallbacks: true}}
    message: "{id} reaches one: {path}"
  - id: t-reached-by
    severity: info
    summary: s
    select: {}
    require:
      - not: {reached_by: {kind: interface}}
    message: "{id} is reached by an interface: {path}"
  - id: t-same-kind
    severity: info
    summary: s
    select: {kind: model}
    require:
      - not: {reaches: {kind: model, from_fallbacks: true}}
    message: "{id} reaches a model: {path}"
  - id: t-every-path
    severity: warning
    summary: s
    select: {}
    require:
      - every_path: {from: [model, agent], through: human, flows: [data]}
    message: "{id} is reached past every human: {path}"
  - id: t-no-flow-loop
    severity: info
    summary: s
    select: {}
    require:
      - no_cycle: flows
    message: "{id} is on a loop: {path}"
  - id: t-chain
    severity: info
    summary: s
    select:
      where:
        - any_of:
            - fallback_includes: {kind: human}
            - no_cycle: fallbacks
    require:
      - not: {fallback_includes: {kind: [rule, queue]}}
    message: "{id} falls back to a rule or queue: {path}"
"""


@pytest.fixture(scope="module")
def path_pack_registries(tmp_path_factory):
    from designlint.rules.packs import load_pack

    path = tmp_path_factory.mktemp("pack") / "paths.yaml"
    path.write_text(PATH_PACK, encoding="utf-8")
    registry = builtin_registry()
    load_pack(str(path), registry)
    pack_rules = [spec.id for spec in registry if spec.id.startswith("t-")]
    assert len(pack_rules) == 7
    return registry, reference_registry(registry), pack_rules


def test_every_searching_predicate_gives_the_same_answers_and_paths_as_before(path_pack_registries):
    new, old, rules = path_pack_registries
    fired = set()
    for seed in range(250):
        design = loads(design_text(random.Random(seed)), "random.yaml")
        got = _findings(design, new, rules)
        assert got == _findings(design, old, rules), seed
        fired |= {f.rule for f in got}
    assert fired == set(rules)


def _shared_fate_by_brute_force(design):
    """(component, fallback) pairs where every simple delivery path from the fallback to an outlet passes
    through the component, and there is one: by enumerating paths (small designs only)."""
    import networkx as nx

    from designlint.model.graph import is_outlet

    from .reference_impl import _ends, fallback_chain

    graph = design.graph
    ends = _ends(graph, frozenset(("data", "escalation")), False, True)
    g = nx.DiGraph()
    for n in graph.nodes():
        g.add_node(n)
        g.add_edges_from((n, t) for t in ends(n))
    outlets = [n for n in design.components if is_outlet(design, n)]
    found = set()
    for comp in design.components:
        for f in fallback_chain(design, comp):
            if f not in design.components or is_outlet(design, f) or not graph.flows_out_of(f):
                continue
            paths = [p for o in outlets if o != f for p in nx.all_simple_paths(g, f, o)]
            if paths and all(comp in p for p in paths):
                found.add((comp, f))
    return found


def test_shared_fate_is_what_enumerating_every_path_finds():
    from designlint.rules.resilience import fallback_shared_fate

    reported = 0
    for seed in range(400):
        design = loads(design_text(random.Random(seed), random.Random(seed).randint(2, 8)), "small.yaml")
        got = {(p.component, p.subject.split(":", 1)[1]) for p in fallback_shared_fate(design)}
        assert got == _shared_fate_by_brute_force(design), seed
        reported += len(got)
    assert reported > 30
