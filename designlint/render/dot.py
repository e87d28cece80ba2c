"""The Diagram as Graphviz DOT text, written here directly.

The text is built as a list of statements joined once. It used to be built
with pydot; on 1,000 components pydot's object model (a Node or Edge object
per statement, its quoting checks, `to_string`) cost about 45 ms of the fixed
~270 ms that a render adds to the layout (issue 11), so it is written here and
pydot stays a test oracle: tests/render/test_dot_writer.py parses this text
with pydot and Graphviz's own `dot`.

Quoting: every id, label and message from a design goes through
escape.dot_string (a double-quoted DOT string) or escape.html (inside an
HTML-like label); node names are n0, n1... (escape.node_names); the other
attribute values are this module's and style.py's constants, each a bare
DOT ID (letters and digits) or a number, written as they are. Statement
order and layout are pydot 4's `to_string`, byte for byte: one statement a
line, no indent, a graph's or cluster's attributes first, then its nodes,
edges and clusters in the order they are added.
"""

from __future__ import annotations

import re
from typing import Mapping

from designlint.render.annotate import Diagram, Edge, Node, by_layer
from designlint.render.escape import dot_string, html, node_names
from designlint.render.order import constrains, depths, layer_order, sorted_nodes
from designlint.render.style import (BADGE_COLORS, BADGE_GLYPHS, EDGES, FONT, KINDS, LOOKS, MISSING_KIND,
                                     STATES)
from designlint.util.text import plural

def _font(text: str, size: int | None = None, color: str | None = None, bold: bool = False) -> str:
    """`text` (already escaped) in a FONT tag."""
    if bold:
        text = f"<B>{text}</B>"
    attrs = (f' POINT-SIZE="{size}"' if size else "") + (f' COLOR="{color}"' if color else "")
    return f"<FONT{attrs}>{text}</FONT>" if attrs else text


def _row(cell: str, align: str = "CENTER") -> str:
    return f'<TR><TD ALIGN="{align}">{cell}</TD></TR>'


def _table(rows: list[str]) -> str:
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


def node_label(node: Node) -> str:
    style = KINDS.get(node.kind, MISSING_KIND)
    rows = [_row(_font(html(style.tag), 9, "#444444")), _row(_font(html(node.id), 12, bold=True))]
    if node.owner:
        rows.append(_row(_font("owner: " + html(node.owner_text), 9, "#444444")))
    for b in node.badges:
        rows.append(_row(_font(html(b.text), 9, BADGE_COLORS[b.state], bold=b.state == "error"), "LEFT"))
    for a in node.actions:
        color = "#333333" if a.gated else BADGE_COLORS[a.severity]
        rows.append(_row(_font(html(a.text), 9, color, bold=not a.gated), "LEFT"))
    return _table(rows)


def title_lines(diagram: Diagram) -> list[str]:
    """The title's lines: system, finding counts (coloured only where there are some), the view,
    findings on no component."""
    c = diagram.counts
    if not any((c.errors, c.warnings, c.infos, c.waived)):
        counts = [_font("\u2714 no findings", 11, "#333333", True)]
    else:
        # a count is red or orange, with its glyph, only when there is something to count
        counts = [_font(f"{BADGE_GLYPHS[name]} {plural(n, name)}", 11, BADGE_COLORS[name], True) if n
                  else _font(plural(n, name), 11, "#333333")
                  for name, n in (("error", c.errors), ("warning", c.warnings))]
        if c.infos:
            counts.append(_font(f"{BADGE_GLYPHS['info']} {c.infos} info", 11, BADGE_COLORS["info"]))
        if c.waived:
            counts.append(_font(f"{c.waived} waived", 11, BADGE_COLORS["waived"]))
    lines = [_font(html(diagram.system), 16, bold=True), "  ".join(counts)]
    if diagram.view:
        lines.append(_font(html(f"{diagram.view}; {plural(diagram.hidden, 'other component')} not shown"), 10))
    lines.extend(_font(f"{html(b.text)}: {html(b.message)}", 9, BADGE_COLORS[b.state]) for b in diagram.system_badges)
    return lines


def graph_label(diagram: Diagram) -> str:
    """The title: its lines are text in one cell, so they stay together at the top left."""
    title = "<BR/>".join(title_lines(diagram))
    return f'<<TABLE BORDER="0" CELLSPACING="4"><TR><TD ALIGN="LEFT" BALIGN="LEFT">{title}</TD></TR></TABLE>>'


LEGEND_EDGE_SAMPLES = {"dashed": "- - -\u25b6", "bold": "\u2501\u2501\u25b6", "solid": "\u2500\u2500\u25b6"}


def legend_rows(diagram: Diagram, interactive: bool) -> str:
    """The key's text: states as swatches, flows as coloured line samples; `interactive` adds the hover hint."""
    rows = []

    def row(key: str, meaning: str) -> None:
        rows.append(f'<TR>{key}<TD ALIGN="LEFT">{_font(html(meaning), 8)}</TD></TR>')

    present = {n.state for n in diagram.nodes}
    for name, s in STATES.items():
        if name in present or name in ("error", "warning", "clean"):
            row(f'<TD BGCOLOR="{s.fill}" BORDER="1" COLOR="{s.border}" FIXEDSIZE="TRUE" WIDTH="24" HEIGHT="14">'
                f'{_font(html(s.glyph), 8) if s.glyph else ""}</TD>', s.meaning)
    for kind in sorted({e.kind for e in diagram.edges}, key=list(EDGES).index):
        e = EDGES[kind]
        row(f"<TD>{_font(LEGEND_EDGE_SAMPLES[e.style], 8, e.color, True)}</TD>", e.meaning)
    if interactive:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{_font("hover a box or arrow for the full messages", 8, "#555555")}'
                    "</TD></TR>")
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


def legend_cluster(diagram: Diagram, interactive: bool) -> list[str]:
    """The key as a small cluster in the first columns (its DOT statements, one a line): one drawn shape per
    kind the diagram uses (in the kind's real shape), two to a row, then the states and flow styles as a
    table. Its node names hold `\\l`, which dot_string never writes (each backslash it writes is followed by
    a backslash, a quote or `n`), so no component's node can share one."""
    out = [f"subgraph {dot_string('cluster_dl__legend')} {{", f"label={dot_string('Key')};", "style=rounded;",
           f"color={dot_string('#BBBBBB')};", "fontsize=9;", "labeljust=l;", f"fontname={dot_string(FONT)};"]
    kinds = [k for k in KINDS if any(n.kind == k for n in diagram.nodes)]
    if any(n.kind is None for n in diagram.nodes):
        kinds.append(None)
    names = []
    for i, kind in enumerate(kinds):
        style = KINDS.get(kind, MISSING_KIND)
        name = f'"legend\\l{i}"'
        names.append(name)
        tooltip = dot_string(f"{kind or 'not a component'}: {LOOKS.get(kind, 'dashed box')}")
        out.append(
            f"{name} [label={dot_string(style.tag)}, shape={style.dot_shape}, peripheries={style.dot_peripheries}, "
            f"style={_style(style)}, fillcolor={dot_string('#F4F4F4')}, color={dot_string('#666666')}, "
            f"fontsize=8, height=0.3, width=0.6, margin={dot_string('0.04,0.02')}, "
            f"tooltip={tooltip}, class=legend];")
    # two to a row: the key stays compact
    out.extend(f"{left} -> {right} [style=invis];" for left, right in zip(names[0::2], names[1::2]))
    out.append(f'"legend\\lkey" [label={legend_rows(diagram, interactive)}, shape=plaintext, margin=0, '
               f"tooltip={dot_string('key')}, class=legend];")
    out.append("}")
    return out


def _style(kind: object) -> str:
    """A kind's Graphviz style words (a KindStyle's), quoted."""
    return dot_string(",".join(filter(None, ["filled", kind.dot_style])))


class _Writer:
    """Node and edge statements; what a (kind, state) or a flow kind writes alike is quoted once per diagram."""

    def __init__(self, names: Mapping[str, str]):
        self.names = names
        self._node_looks: dict[tuple[str | None, str], tuple[str, str]] = {}
        self._edge_looks: dict[str, tuple[str, str, str]] = {}

    def node(self, node: Node) -> str:
        looks = self._node_looks.get((node.kind, node.state))
        if looks is None:
            style, state = KINDS.get(node.kind, MISSING_KIND), STATES[node.state]
            looks = self._node_looks[node.kind, node.state] = (
                f"shape={style.dot_shape}, peripheries={style.dot_peripheries}, style={_style(style)}, "
                f"fillcolor={dot_string(state.fill)}, color={dot_string(state.border)}, penwidth={state.penwidth}",
                dot_string(f"state-{node.state} kind-{node.kind or 'missing'}"))
        # n0, n1...: injective and never special to Graphviz; the id is in label and tooltip
        return (f"{self.names[node.id]} [label={node_label(node)}, {looks[0]}, tooltip={dot_string(node.tooltip)}, "
                f"class={looks[1]}];")

    def edge(self, edge: Edge, constraint: bool = True, xlabel: bool = False) -> str:
        looks = self._edge_looks.get(edge.kind)
        if looks is None:
            style = EDGES[edge.kind]
            looks = self._edge_looks[edge.kind] = (
                f"color={dot_string(style.color)}, style={style.style}, arrowhead={style.arrowhead}, "
                f"penwidth={style.penwidth}", dot_string(f"flow-{edge.kind}"), dot_string(style.color))
        text = (f"{self.names[edge.source]} -> {self.names[edge.target]} [{looks[0]}, "
                f"tooltip={dot_string(edge.tooltip)}, class={looks[1]}")
        if not constraint:
            text += ", constraint=false"
        if edge.label:
            text += f", {'xlabel' if xlabel else 'label'}={dot_string(edge.label)}, fontcolor={looks[2]}"
        return text + "];"


_BARE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KEYWORDS = frozenset({"graph", "subgraph", "digraph", "node", "edge", "strict"})


def _attr_name(name: str) -> str:
    """A graph attribute's name (from -G NAME=VALUE) as DOT: bare when it is a plain ID, else quoted."""
    if _BARE_ID.fullmatch(name) and name.lower() not in _KEYWORDS:
        return name
    return dot_string(name)


def to_dot(diagram: Diagram, graph_attrs: Mapping[str, str], clusters: bool = True, *,
           interactive: bool = True, legend: bool = True) -> str:
    """DOT text for the diagram (a `digraph`, one statement a line, ending in a newline); `graph_attrs`
    (layout engine and settings, name -> value) are written into its graph attributes, after and over
    designlint's own (a name such as `label` replaces the title).

    Ranks follow the request path (render/order.py): an answer flowing back to an interface does not
    set ranks, so the interfaces stay in the first column; layers and the nodes in them are written in
    the order a request crosses them, which is where `dot` starts its crossing minimisation.
    `interactive`: the key mentions hovering (svg only); `legend`: draw the key as a corner cluster.
    Linear in nodes + edges + the length of their text.
    """
    defaults = {"label": graph_label(diagram), "labelloc": "t", "labeljust": "l", "fontname": dot_string(FONT),
                "tooltip": dot_string(diagram.title)}
    for name, value in graph_attrs.items():
        defaults[_attr_name(name)] = dot_string(value)
    out = [f"digraph {dot_string(diagram.system)} {{",
           "graph [" + ", ".join(f"{name}={value}" for name, value in defaults.items()) + "];",
           f"node [fontname={dot_string(FONT)}, margin={dot_string('0.12,0.06')}];",
           f"edge [fontname={dot_string(FONT)}, fontsize=9];"]
    depth = depths(diagram)
    write = _Writer(node_names(diagram))
    if clusters:
        if legend:
            out.extend(legend_cluster(diagram, interactive))
        # the system in one cluster, each layer a cluster in it, external components outside it
        out += [f"subgraph {dot_string('cluster_system')} {{", f"label={dot_string(diagram.system)};",
                "style=rounded;", f"color={dot_string('#888888')};", "fontsize=11;", "labeljust=l;"]
        _add_layers(out, diagram.inside, "inside", depth, write)
        out.append("}")
        _add_layers(out, diagram.outside, "outside", depth, write)
    else:
        out.extend(map(write.node, sorted_nodes(diagram.nodes, depth)))
    labelled: set[frozenset[str]] = set()
    for edge in diagram.edges:
        # a second label between the same two nodes would sit on the first: it becomes an xlabel,
        # which Graphviz places after the layout where it overlaps nothing
        pair = frozenset((edge.source, edge.target))
        out.append(write.edge(edge, constrains(edge, depth), xlabel=bool(edge.label) and pair in labelled))
        if edge.label:
            labelled.add(pair)
    out.append("}\n")
    return "\n".join(out)


def _add_layers(out: list[str], nodes: list[Node], where: str, depth: dict[str, int], write: _Writer) -> None:
    """The nodes with no layer, then a cluster per layer, in the order a request crosses them."""
    loose, layers = by_layer(sorted_nodes(nodes, depth))
    out.extend(map(write.node, loose))
    for i, name in enumerate(layer_order(layers, depth)):  # numbered: two layer names never make one cluster
        out += [f"subgraph cluster_{where}_{i} {{", f"label={dot_string(name)};",
                f"style={dot_string('rounded,dashed')};", f"color={dot_string('#AAAAAA')};", "fontsize=10;",
                "labeljust=l;"]
        out.extend(map(write.node, layers[name]))
        out.append("}")
