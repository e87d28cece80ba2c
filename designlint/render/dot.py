"""The Diagram as Graphviz DOT, built with pydot.

Every id and string is quoted here before pydot sees it: pydot leaves an id
such as `node` or `a"b` bare, which would change or break the graph.
"""

from __future__ import annotations

from typing import Mapping

import pydot

from designlint.render.annotate import Diagram, Edge, Node, by_layer
from designlint.render.escape import dot_string, html, node_names
from designlint.render.order import constrains, depths, layer_order, sorted_nodes
from designlint.render.style import (BADGE_COLORS, BADGE_GLYPHS, EDGES, FONT, KINDS, LOOKS, MISSING_KIND,
                                     STATES)
from designlint.util.text import plural


class _Quoted:
    """An attribute value already quoted (or an HTML-like label) here, which pydot writes as it is.

    pydot re-checks every str value character by character; on a thousand
    nodes that check cost more than building the rest of the graph.
    """

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text


def _q(text: object) -> _Quoted:
    return _Quoted(dot_string(text))


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


def legend_cluster(diagram: Diagram, interactive: bool) -> pydot.Subgraph:
    """The key as a small cluster in the first columns: one drawn shape per kind the diagram uses (in the
    kind's real shape), two to a row, then the states and flow styles as a table. Its node names hold `\\l`,
    which dot_string never writes (each backslash it writes is followed by a backslash, a quote or `n`),
    so no component's node can share one."""
    legend = pydot.Subgraph(dot_string("cluster_dl__legend"), label=_q("Key"), style="rounded",
                            color=_q("#BBBBBB"), fontsize="9", labeljust="l", fontname=_q(FONT))
    kinds = [k for k in KINDS if any(n.kind == k for n in diagram.nodes)]
    if any(n.kind is None for n in diagram.nodes):
        kinds.append(None)
    names = []
    for i, kind in enumerate(kinds):
        style = KINDS.get(kind, MISSING_KIND)
        name = f'"legend\\l{i}"'
        names.append(name)
        legend.add_node(pydot.Node(
            name, label=_q(style.tag), shape=style.dot_shape, peripheries=str(style.dot_peripheries),
            style=_q(",".join(filter(None, ["filled", style.dot_style]))), fillcolor=_q("#F4F4F4"),
            color=_q("#666666"), fontsize="8", height="0.3", width="0.6", margin=_q("0.04,0.02"),
            tooltip=_q(f"{kind or 'not a component'}: {LOOKS.get(kind, 'dashed box')}"), **{"class": "legend"}))
    for left, right in zip(names[0::2], names[1::2]):  # two to a row: the key stays compact
        legend.add_edge(pydot.Edge(left, right, style="invis"))
    key = '"legend\\lkey"'
    legend.add_node(pydot.Node(key, label=_Quoted(legend_rows(diagram, interactive)), shape="plaintext",
                               margin="0", tooltip=_q("key"), **{"class": "legend"}))
    return legend


def _node(node: Node, names: Mapping[str, str]) -> pydot.Node:
    style = KINDS.get(node.kind, MISSING_KIND)
    state = STATES[node.state]
    return pydot.Node(
        names[node.id],  # n0, n1...: injective and never special to Graphviz; the id is in label and tooltip
        label=_Quoted(node_label(node)),
        shape=style.dot_shape,
        peripheries=str(style.dot_peripheries),
        style=_q(",".join(filter(None, ["filled", style.dot_style]))),
        fillcolor=_q(state.fill),
        color=_q(state.border),
        penwidth=state.penwidth,
        tooltip=_q(node.tooltip),
        **{"class": _q(f"state-{node.state} kind-{node.kind or 'missing'}")},
    )


def _edge(edge: Edge, names: Mapping[str, str], constraint: bool = True, xlabel: bool = False) -> pydot.Edge:
    style = EDGES[edge.kind]
    attrs = {
        "color": _q(style.color),
        "style": style.style,
        "arrowhead": style.arrowhead,
        "penwidth": style.penwidth,
        "tooltip": _q(edge.tooltip),
        "class": _q(f"flow-{edge.kind}"),
    }
    if not constraint:
        attrs["constraint"] = "false"
    if edge.label:
        attrs["xlabel" if xlabel else "label"] = _q(edge.label)
        attrs["fontcolor"] = _q(style.color)
    return pydot.Edge(names[edge.source], names[edge.target], **attrs)


def to_dot(diagram: Diagram, graph_attrs: Mapping[str, str], clusters: bool = True, *,
           interactive: bool = True, legend: bool = True) -> str:
    """DOT text for the diagram; `graph_attrs` (layout engine and settings) are written into it.

    Ranks follow the request path (render/order.py): an answer flowing back to an interface does not
    set ranks, so the interfaces stay in the first column; layers and the nodes in them are written in
    the order a request crosses them, which is where `dot` starts its crossing minimisation.
    `interactive`: the key mentions hovering (svg only); `legend`: draw the key as a corner cluster.
    """
    graph = pydot.Dot(dot_string(diagram.system), graph_type="digraph")
    graph.set_graph_defaults(label=_Quoted(graph_label(diagram)), labelloc="t", labeljust="l", fontname=_q(FONT),
                             tooltip=_q(diagram.title), **{k: _q(v) for k, v in graph_attrs.items()})
    graph.set_node_defaults(fontname=_q(FONT), margin=_q("0.12,0.06"))
    graph.set_edge_defaults(fontname=_q(FONT), fontsize="9")
    depth = depths(diagram)
    names = node_names(diagram)
    if clusters:
        if legend:
            graph.add_subgraph(legend_cluster(diagram, interactive))
        _add_clustered(graph, diagram, depth, names)
    else:
        for node in sorted_nodes(diagram.nodes, depth):
            graph.add_node(_node(node, names))
    labelled: set[frozenset[str]] = set()
    for edge in diagram.edges:
        # a second label between the same two nodes would sit on the first: it becomes an xlabel,
        # which Graphviz places after the layout where it overlaps nothing
        pair = frozenset((edge.source, edge.target))
        graph.add_edge(_edge(edge, names, constrains(edge, depth), xlabel=bool(edge.label) and pair in labelled))
        if edge.label:
            labelled.add(pair)
    return graph.to_string()


def _add_clustered(graph: pydot.Dot, diagram: Diagram, depth: dict[str, int], names: Mapping[str, str]) -> None:
    """The system in one cluster, each layer a cluster in it, external components outside it."""
    system = pydot.Subgraph(dot_string("cluster_system"), label=_q(diagram.system), style="rounded",
                            color=_q("#888888"), fontsize="11", labeljust="l")
    _add_layers(system, diagram.inside, "inside", depth, names)
    graph.add_subgraph(system)
    _add_layers(graph, diagram.outside, "outside", depth, names)


def _add_layers(parent, nodes: list[Node], where: str, depth: dict[str, int], names: Mapping[str, str]) -> None:
    loose, layers = by_layer(sorted_nodes(nodes, depth))
    for node in loose:
        parent.add_node(_node(node, names))
    for i, name in enumerate(layer_order(layers, depth)):  # numbered: two layer names never make one cluster
        cluster = pydot.Subgraph(f"cluster_{where}_{i}", label=_q(name), style=_q("rounded,dashed"),
                                 color=_q("#AAAAAA"), fontsize="10", labeljust="l")
        for node in layers[name]:
            cluster.add_node(_node(node, names))
        parent.add_subgraph(cluster)
