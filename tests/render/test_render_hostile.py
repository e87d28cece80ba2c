"""A design whose names hold quotes, `<`, `&`, newlines, backslashes and DOT or Mermaid keywords draws safely."""

import re
import subprocess
import xml.etree.ElementTree as ET

import pydot

from render.test_render_svg import nodes_of

HOSTILE = r'''
designlint: 1
system: "evil\" ] graph [label=\"pwned"
components:
  node: {kind: service, owner: "<b>x</b> & \"y\"", layer: "a\"}b", error_budget: {availability: 99%}}
  graph: {kind: model, owner: "o\\N\\G", fallback: edge}
  edge: {kind: rule, owner: o, error_budget: {a: 1}}
  subgraph: {kind: human, owner: o, layer: "</TD></TR></TABLE>>"}
  strict: {kind: agent, owner: o, fallback: subgraph, actions: [{name: "<script>alert(1)</script>", reversible: false}]}
  "a\"b": {kind: datastore, owner: "line1\nline2", error_budget: {a: 1}}
  "<x&y>": {kind: external, owner: o, fallback: "a\"b", error_budget: {a: 1}}
  "back\\slash\\N": {kind: queue, owner: o, error_budget: {a: 1}}
  "multi\nline": {kind: interface, owner: o, error_budget: {a: 1}}
  "end": {kind: monitor, owner: "'; DROP", layer: end, error_budget: {a: 1}}
  "tab\there": {kind: orchestrator, owner: o, error_budget: {a: 1}}
  "id__61": {kind: orchestrator, owner: o, error_budget: {a: 1}}
  "a": {kind: orchestrator, owner: o, error_budget: {a: 1}}
flows:
  - {from: node, to: graph, label: "\"]; injected -> x [label=\""}
  - {from: "a\"b", to: "<x&y>", kind: escalation, label: "<i>&amp;</i> | ; # `x`"}
  - {from: strict, to: subgraph, kind: escalation}
  - {from: subgraph, to: strict, kind: feedback, label: "-->|x| y"}
  - {from: "multi\nline", to: "back\\slash\\N"}
  - {from: end, to: "ghost\"id"}
  - {from: "tab\there", to: "id__61"}
  - {from: "id__61", to: "a"}
'''
IDS = ["node", "graph", "edge", "subgraph", "strict", 'a"b', "<x&y>", "back\\slash\\N", "multi\nline", "end",
       "tab\there", "id__61", "a", 'ghost"id']


def test_hostile_design_loads(write):
    from designlint.model.build import load

    design = load(str(write(HOSTILE)))
    assert sorted(design.components) == sorted(IDS[:-1])


def test_dot_reads_back_with_one_node_per_id_and_nothing_injected(run_cli, write):
    code, dot, err = run_cli("render", "--format", "dot", write(HOSTILE))
    assert (code, err) == (0, "")
    (graph,) = pydot.graph_from_dot_data(dot)
    names = set()
    stack = [graph]
    while stack:
        g = stack.pop()
        names.update(n.get_name() for n in g.get_nodes()
                     if n.get_name() not in ("node", "graph", "edge") and not n.get_name().startswith('"legend\\l'))
        stack.extend(g.get_subgraphs())
    assert len(names) == len(IDS)
    assert not any("injected" in name or name.strip('"') in ("x", "y") for name in names)
    assert not re.search(r"^\s*(node|graph|edge)\s*\[", dot.split("\n", 4)[4], re.M)  # no bare keyword statements


def test_svg_is_valid_xml_with_every_id_as_a_node(run_cli, write, tmp_path):
    out = tmp_path / "hostile.svg"
    code, _, err = run_cli("render", write(HOSTILE), "-o", out)
    assert (code, err) == (0, "")
    text = out.read_text(encoding="utf-8")
    ET.fromstring(text)
    titles = set(nodes_of(text))
    plain = [i for i in IDS if "\\" not in i and "\n" not in i and "\t" not in i]
    assert set(plain) <= titles and len(titles) == len(IDS)
    assert "<script>" not in text and "injected" not in "".join(titles)
    tooltip = nodes_of(text)["strict"]["tooltip"]
    assert "ungated-irreversible-action" in tooltip


def test_backslashes_in_labels_stay_literal(run_cli, write, tmp_path):
    out = tmp_path / "hostile.svg"
    run_cli("render", write(HOSTILE), "-o", out)
    text = out.read_text(encoding="utf-8").replace("\u2060", "")  # the invisible word joiner after a backslash
    assert text.count("o\\N\\G") == 2  # label and tooltip: \N and \G were not replaced by the node and graph names


def test_mermaid_keeps_every_label_inside_its_quotes(run_cli, write):
    code, text, _ = run_cli("render", "--format", "mermaid", write(HOSTILE))
    assert code == 0
    body = text.split("---\n", 2)[2]
    for line in body.splitlines()[1:]:
        line = line.strip()
        if line in ("end",) or line.startswith(("classDef ", "class ", "linkStyle ")):
            continue
        # every user string sits in one pair of quotes, with no quote, newline or bracket of its own
        assert line.count('"') in (0, 2), line
        assert "<script" not in line and "\n" not in line
    ids = re.findall(r"^\s*(\S+?)[\[\(\{>]", body, re.M)
    node_ids = [i for i in ids if not i.startswith(("subgraph", "dl__"))]
    assert len(node_ids) == len(set(node_ids)) == len(IDS)
    assert "end[" not in body and "end(" not in body  # `end` is Mermaid syntax, so it is spelt in hex


def test_graphviz_accepts_the_dot(run_cli, write, tmp_path):
    dot = run_cli("render", "--format", "dot", write(HOSTILE))[1]
    proc = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
