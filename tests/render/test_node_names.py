"""[4] DOT and Mermaid node names are injective and never special to Graphviz or Mermaid: n0, n1... in order."""

import re

import pydot

COLLIDE = ('designlint: 1\nsystem: s\ncomponents:\n  "a\\tb": {kind: service, owner: o, error_budget: {availability: 99%}}\n'
           '  "a\\u2409b": {kind: model, error_budget: {availability: 99%}}\n'
           '  "-x": {kind: rule, owner: o}\n  "1node": {kind: rule, owner: o}\n  "node": {kind: rule, owner: o}\n'
           'flows:\n  - {from: "a\\tb", to: "a\\u2409b"}\n  - {from: "-x", to: "1node"}\n')


def _nodes(dot: str) -> dict[str, str]:
    (graph,) = pydot.graph_from_dot_data(dot)
    found, stack = {}, [graph]
    while stack:
        g = stack.pop()
        for n in g.get_nodes():
            if re.fullmatch(r"n\d+", n.get_name()):  # the key's own nodes are named legend...
                found[n.get_name()] = n.get_attributes()["tooltip"]
        stack.extend(g.get_subgraphs())
    return found


def test_ids_that_escape_alike_are_two_dot_nodes_named_in_order(run_cli, write):
    code, dot, _ = run_cli("render", "--format", "dot", write(COLLIDE))
    assert code == 0
    nodes = _nodes(dot)
    assert sorted(nodes) == ["n0", "n1", "n2", "n3", "n4"]
    assert nodes["n0"].startswith('"a\u2409b (service)') and nodes["n1"].startswith('"a\u2409b (model)')
    assert "n0 -> n1" in dot and "n2 -> n3" in dot


def test_mermaid_names_are_the_same_and_ids_are_labels_only(run_cli, write):
    code, text, _ = run_cli("render", "--format", "mermaid", write(COLLIDE))
    assert code == 0
    assert sorted(re.findall(r"^\s+(n\d+)[\[\(\{>]", text, re.M)) == ["n0", "n1", "n2", "n3", "n4"]
    assert "  n0 --> n1" in text and "  n2 --> n3" in text
    assert "<b>node</b>" in text and "<b>-x</b>" in text


def test_svg_titles_show_the_ids_again(run_cli, write, tmp_path):
    out = tmp_path / "d.svg"
    run_cli("render", write(COLLIDE), "-o", out)
    svg = out.read_text(encoding="utf-8")
    assert "<title>node</title>" in svg and "<title>1node</title>" in svg and "<title>&#45;x</title>" not in svg
    assert "<title>-x-&gt;1node</title>" in svg


def test_a_bracket_id_draws(run_cli, write, tmp_path):
    # Graphviz's HTML-like label lexer fails on a text that is only `]` unless it is an entity (bench/fuzz.py found it)
    import subprocess

    path = write('designlint: 1\nsystem: s\ncomponents:\n  "]": {kind: rule, owner: o, fallback: "]]"}\n')
    code, dot, _ = run_cli("render", "--format", "dot", path)
    assert code == 0 and "<B>&#93;</B>" in dot
    proc = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, timeout=60)
    assert (proc.returncode, proc.stderr) == (0, b"")
