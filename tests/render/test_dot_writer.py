"""render/dot.py writes DOT text itself (issue 11); pydot, which used to build it, and Graphviz's own `dot` are
the oracles that read it back: every node, edge, cluster and key attribute, for every example and for ids
that are DOT syntax, HTML, quotes, backslashes, newlines or any Unicode."""

import json
import re
import subprocess

import pydot
import pytest
from hypothesis import given, settings, strategies as st

from conftest import EXAMPLES
from designlint.findings import Counts
from designlint.findings.engine import lint
from designlint.model.build import load, loads
from designlint.render import layout
from designlint.render.annotate import Badge, Diagram, Edge, Node, annotate
from designlint.render.dot import to_dot
from designlint.render.escape import clean, html, node_names
from designlint.render.style import EDGES, KINDS, MISSING_KIND, STATES

WJ = "\u2060"  # escape.py puts a word joiner after each backslash, so that no Graphviz escape forms
KEYWORDS = ("node", "edge", "graph", "subgraph", "digraph", "strict")
HOSTILE_IDS = ['say "hi"', "back\\slash", "back\\N\\G", "two\nlines", *KEYWORDS,
               "caf\u00e9 \u263a \u65e5\u672c \U0001F600", "<b>bold</b>", "</TD></TR></TABLE>>", '"]; x -> y [label="',
               "-x", "1st", "{a}", "a;b", "#x", "it's", "&amp;", "tab\there", '\\"', "end\\", "]"]


def shown(text: str) -> str:
    """What Graphviz shows for a string a design supplies: control characters as pictures, a word joiner
    after each backslash."""
    return clean(text).replace("\\", "\\" + WJ)


def decode(value: str) -> str:
    """A double-quoted DOT string as Graphviz reads it: `\\"` is a quote, `\\\\` a backslash, `\\n` a newline."""
    assert len(value) >= 2 and value[0] == value[-1] == '"', value
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], value[1:-1], flags=re.S)


def read_back(dot: str):
    """pydot's reading of `dot`: (graph, {node name: (attributes, enclosing cluster names)}, edges in file order
    as (source, target, attributes), {cluster name: attributes})."""
    parsed = pydot.graph_from_dot_data(dot)
    assert parsed is not None and len(parsed) == 1, dot[:200]
    graph = parsed[0]
    nodes, edges, clusters = {}, [], {}

    def walk(g, path):
        for n in g.get_nodes():
            assert n.get_name() not in nodes, n.get_name()  # each node is written once
            nodes[n.get_name()] = (n.get_attributes(), path)
        edges.extend(g.get_edges())
        for sub in g.get_subgraphs():
            clusters[sub.get_name()] = sub.get_attributes()
            walk(sub, path + (sub.get_name(),))

    walk(graph, ())
    edges.sort(key=lambda e: e.get_sequence())
    return graph, nodes, [(e.get_source(), e.get_destination(), e.get_attributes()) for e in edges], clusters


def check_round_trip(diagram: Diagram, graph_attrs: dict, clusters: bool, legend: bool = True) -> str:
    """The DOT of `diagram` read back by pydot names exactly its nodes and edges, in order, with their
    label, tooltip, class, shape and colours, each in its layer's cluster; returns the DOT."""
    dot = to_dot(diagram, graph_attrs, clusters, interactive=True, legend=legend)
    graph, nodes, edges, subgraphs = read_back(dot)
    names = node_names(diagram)
    assert graph.get_type() == "digraph" and decode(graph.get_name()) == shown(diagram.system)
    for default in ("graph", "node", "edge"):  # the default attribute statements, read as nodes by pydot
        nodes.pop(default)
    defaults = graph.get_node("graph")[0].get_attributes()
    assert decode(defaults["tooltip"]) == shown(diagram.title)
    assert {k: decode(defaults[k]) for k in graph_attrs} == graph_attrs
    key = {name: value for name, value in nodes.items() if name.startswith('"legend\\l')}
    if clusters and legend:
        kinds = {n.kind for n in diagram.nodes}
        assert len(key) == len(kinds) + 1 and all(path == ('"cluster_dl__legend"',) for _, path in key.values())
        assert decode(subgraphs['"cluster_dl__legend"']["label"]) == "Key"
    else:
        assert key == {} and '"cluster_dl__legend"' not in subgraphs
    drawn = {name: value for name, value in nodes.items() if name not in key}
    assert sorted(drawn) == sorted(names[n.id] for n in diagram.nodes)
    for node in diagram.nodes:
        attrs, path = drawn[names[node.id]]
        look, state = KINDS.get(node.kind, MISSING_KIND), STATES[node.state]
        assert decode(attrs["tooltip"]) == shown(node.tooltip)
        assert decode(attrs["class"]) == f"state-{node.state} kind-{node.kind or 'missing'}"
        assert attrs["label"].startswith("<<TABLE") and f"<B>{html(node.id)}</B>" in attrs["label"]
        assert (attrs["shape"], attrs["peripheries"], attrs["penwidth"]) == (look.dot_shape, str(look.dot_peripheries),
                                                                             state.penwidth)
        assert (decode(attrs["fillcolor"]), decode(attrs["color"])) == (state.fill, state.border)
        if not clusters:
            assert path == ()
            continue
        if node.kind in ("external", None):
            assert '"cluster_system"' not in path
        else:
            assert path[0] == '"cluster_system"'
        layer = [decode(subgraphs[name]["label"]) for name in path if name.startswith("cluster_")]
        assert layer == ([shown(node.layer)] if node.layer else [])
    assert [(s, t, decode(a["tooltip"]), decode(a["class"])) for s, t, a in edges if not s.startswith('"legend')] == [
        (names[e.source], names[e.target], shown(e.tooltip), f"flow-{e.kind}") for e in diagram.edges]
    labels = [decode(a.get("label") or a.get("xlabel") or '""') for s, _, a in edges if not s.startswith('"legend')]
    assert labels == [shown(e.label) if e.label else "" for e in diagram.edges]
    return dot


def hostile_design() -> str:
    """A valid design whose system, ids, owners, layers and flow labels are all HOSTILE_IDS, one of each kind."""
    q = lambda text: json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    kinds = list(KINDS)
    lines = ["designlint: 1", f"system: {q(HOSTILE_IDS[0] + HOSTILE_IDS[-3])}", "components:"]
    for i, cid in enumerate(HOSTILE_IDS):
        kind = kinds[i % len(kinds)]
        extra = f", fallback: {q(HOSTILE_IDS[i - 1])}" if kind in ("model", "agent") else ""
        lines.append(f"  {q(cid)}: {{kind: {kind}, owner: {q(HOSTILE_IDS[-i])}, layer: {q(HOSTILE_IDS[i % 7])}"
                     f", error_budget: {{availability: 99%}}{extra}}}")
    lines.append("flows:")
    for i, cid in enumerate(HOSTILE_IDS):
        label = f", label: {q(HOSTILE_IDS[-i - 1])}" if i % 2 else ""
        lines.append(f"  - {{from: {q(cid)}, to: {q(HOSTILE_IDS[(i * 7 + 3) % len(HOSTILE_IDS)])}{label}}}")
    ghost, label = q('no such <id> "x'), q("a\\b")  # a flow to an id no component has
    lines.append(f"  - {{from: {q(HOSTILE_IDS[0])}, to: {ghost}, label: {label}}}")
    return "\n".join(lines) + "\n"


def diagram_of(design):
    return annotate(design, lint(design))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_reads_back_with_every_node_edge_and_cluster(example):
    design = load(str(example))
    check_round_trip(diagram_of(design), layout.choose(len(design.components)).graph_attrs, clusters=True)


def test_an_example_drawn_without_clusters_reads_back_flat():
    design = load(str(EXAMPLES[0]))
    check_round_trip(diagram_of(design), layout.choose(len(design.components)).graph_attrs, clusters=False)


@pytest.mark.parametrize("clusters", [True, False], ids=["clusters", "flat"])
def test_hostile_ids_read_back_as_themselves_and_inject_nothing(clusters):
    design = loads(hostile_design())
    assert sorted(design.components) == sorted(HOSTILE_IDS)
    diagram = diagram_of(design)
    assert any(n.kind is None for n in diagram.nodes) and any(e.label for e in diagram.edges)
    dot = check_round_trip(diagram, {"layout": "dot", "rankdir": "LR"}, clusters)
    # no statement starts with a keyword but the three defaults and the clusters
    statements = [line.split(" ", 1)[0] for line in dot.splitlines()[1:]]
    assert [s for s in statements if s.lower() in KEYWORDS] == ["graph", "node", "edge"] + ["subgraph"] * (
        dot.count("\nsubgraph "))
    layers = {(n.kind in ("external", None), n.layer) for n in diagram.nodes if n.layer}
    assert dot.count("\nsubgraph ") == (2 + len(layers) if clusters else 0)  # the key, the system, the layers


def graphviz_reads(dot: str) -> str:
    """Graphviz's own `dot -Tsvg` on `dot`; fails the test on any error or warning."""
    proc = subprocess.run(["dot", "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, timeout=60)
    assert (proc.returncode, proc.stderr.decode()) == (0, "")
    return proc.stdout.decode("utf-8")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_graphviz_lays_out_each_example_with_one_drawn_node_per_component(example):
    design = load(str(example))
    diagram = diagram_of(design)
    for clusters in (True, False):
        svg = graphviz_reads(to_dot(diagram, {"layout": "dot"}, clusters, legend=clusters))
        drawn = re.findall(r"<title>(n\d+)</title>", svg)
        assert sorted(drawn) == sorted(node_names(diagram)[n.id] for n in diagram.nodes)


@pytest.mark.parametrize("clusters", [True, False], ids=["clusters", "flat"])
def test_graphviz_lays_out_the_hostile_ids(clusters):
    diagram = diagram_of(loads(hostile_design()))
    svg = graphviz_reads(to_dot(diagram, {"layout": "dot"}, clusters))
    assert len(re.findall(r"<title>n\d+</title>", svg)) == len(diagram.nodes)
    assert len(re.findall(r"<title>n\d+&#45;&gt;n\d+</title>", svg)) == len(diagram.edges)


def test_constants_written_bare_are_dot_ids_or_numbers():
    # dot.py writes these without quotes; a value such as `box-3d` or `1,2` would need them
    bare = re.compile(r"[A-Za-z][A-Za-z0-9]*|[0-9]+(\.[0-9]+)?")
    values = [v for k in [*KINDS.values(), MISSING_KIND] for v in (k.dot_shape, str(k.dot_peripheries))]
    values += [s.penwidth for s in STATES.values()]
    values += [v for e in EDGES.values() for v in (e.style, e.arrowhead, e.penwidth)]
    assert [v for v in values if not bare.fullmatch(v) or v.lower() in KEYWORDS] == []


def test_graph_settings_are_quoted_and_a_setting_named_like_ours_replaces_it():
    diagram = diagram_of(load(str(EXAMPLES[0])))
    dot = to_dot(diagram, {"layout": "dot", "a b": 'x"y', "node": "1", "label": "mine"}, clusters=False)
    line = dot.splitlines()[1]
    assert line.startswith('graph [label="mine", labelloc=t, labeljust=l, ')
    assert line.endswith(', layout="dot", "a b"="x\\"y", "node"="1"];')
    (graph,) = pydot.graph_from_dot_data(dot)
    attrs = graph.get_node("graph")[0].get_attributes()
    assert (attrs['"a b"'], attrs['"node"'], attrs["label"]) == ('"x\\"y"', '"1"', '"mine"')
    graphviz_reads(dot)


ids = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=10)


@st.composite
def diagrams(draw):
    cids = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    nodes = []
    for cid in cids:
        kind = draw(st.sampled_from([*KINDS, None]))
        badges = tuple(Badge(draw(ids), s, draw(st.text(max_size=20))) for s in draw(st.lists(
            st.sampled_from(["error", "warning", "info", "waived"]), max_size=2)))
        nodes.append(Node(cid, kind, draw(st.sampled_from(list(STATES))), draw(st.none() | ids),
                          draw(st.none() | ids), badges))
    index = st.integers(0, len(cids) - 1)
    edges = tuple(Edge(cids[a], cids[b], kind, label) for a, b, kind, label in draw(st.lists(
        st.tuples(index, index, st.sampled_from(list(EDGES)), st.none() | ids), max_size=8)))
    return Diagram(draw(ids), Counts(*draw(st.tuples(*[st.integers(0, 3)] * 4))), tuple(nodes), edges)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(diagram=diagrams(), clusters=st.booleans())
def test_any_ids_and_labels_read_back_with_pydot(diagram, clusters):
    check_round_trip(diagram, {"layout": "dot"}, clusters)
