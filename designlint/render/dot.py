"""The Diagram as Graphviz DOT, built with pydot.

Every id and string is quoted here before pydot sees it: pydot leaves an id
such as `node` or `a"b` bare, which would change or break the graph.
"""

from __future__ import annotations

from typing import Mapping

import pydot

from designlint.render.annotate import Diagram, Edge, Node, by_layer
from designlint.render.escape import dot_string, html
from designlint.render.style import (BADGE_COLORS, BADGE_GLYPHS, EDGES, FONT, KINDS, LOOKS, MISSING_KIND,
                                     NO_GATE_COLOR, STATES)


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
        color = "#333333" if a.gated else NO_GATE_COLOR
        rows.append(_row(_font(html(a.text), 9, color, bold=not a.gated), "LEFT"))
    return _table(rows)


def title_lines(diagram: Diagram) -> list[str]:
    """The title's lines: system, finding counts, the view, findings on no component."""
    c = diagram.counts
    counts = [_font(f"{BADGE_GLYPHS['error']} {c.errors} error{'s' * (c.errors != 1)}", 11, BADGE_COLORS["error"], True),
              _font(f"{BADGE_GLYPHS['warning']} {c.warnings} warning{'s' * (c.warnings != 1)}", 11,
                    BADGE_COLORS["warning"], True)]
    if c.infos:
        counts.append(_font(f"{BADGE_GLYPHS['info']} {c.infos} info", 11, BADGE_COLORS["info"]))
    if c.waived:
        counts.append(_font(f"{c.waived} waived", 11, BADGE_COLORS["waived"]))
    lines = [_font(html(diagram.system), 16, bold=True), "  ".join(counts)]
    if diagram.view:
        lines.append(_font(html(f"{diagram.view}; {diagram.hidden} other components not shown"), 10))
    lines.extend(_font(f"{html(b.text)}: {html(b.message)}", 9, BADGE_COLORS[b.state]) for b in diagram.system_badges)
    return lines


def graph_label(diagram: Diagram) -> str:
    """The title beside the legend; the title's lines are text in one cell, so they stay together at its top."""
    title = "<BR/>".join(title_lines(diagram))
    return ('<<TABLE BORDER="0" CELLSPACING="8"><TR>'
            f'<TD VALIGN="TOP" ALIGN="LEFT" BALIGN="LEFT">{title}</TD>'
            f'<TD VALIGN="TOP" BORDER="1" COLOR="#BBBBBB">{legend_table(diagram)}</TD></TR></TABLE>>')


def legend_table(diagram: Diagram) -> str:
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT">{_font("Legend", 10, bold=True)}</TD></TR>']

    def row(key: str, meaning: str) -> None:
        rows.append(f'<TR>{key}<TD ALIGN="LEFT">{_font(html(meaning), 9)}</TD></TR>')

    states = ["error", "warning", "clean"] + (["missing"] if any(n.kind is None for n in diagram.nodes) else [])
    for name in states:
        s = STATES[name]
        row(f'<TD BGCOLOR="{s.fill}" BORDER="1" COLOR="{s.border}">{html(s.glyph)}</TD>', s.meaning)
    for e in EDGES.values():
        line = {"dashed": "- - -\u25b6", "bold": "\u2501\u2501\u25b6"}.get(e.style, "\u2500\u2500\u25b6")
        row(f"<TD>{_font(line, 10, e.color, True)}</TD>", e.meaning)
    for kind in sorted({n.kind for n in diagram.nodes if n.kind}):
        row(f'<TD ALIGN="RIGHT">{_font(html(kind), 9, bold=True)}</TD>', LOOKS[kind])
    rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{_font("hover a box or arrow for the full messages", 9, "#555555")}'
                "</TD></TR>")
    return '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">' + "".join(rows) + "</TABLE>"


def _node(node: Node) -> pydot.Node:
    style = KINDS.get(node.kind, MISSING_KIND)
    state = STATES[node.state]
    return pydot.Node(
        dot_string(node.id),
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


def _edge(edge: Edge) -> pydot.Edge:
    style = EDGES[edge.kind]
    attrs = {
        "color": _q(style.color),
        "style": style.style,
        "arrowhead": style.arrowhead,
        "penwidth": style.penwidth,
        "tooltip": _q(edge.tooltip),
        "class": _q(f"flow-{edge.kind}"),
    }
    if edge.label:
        attrs["label"] = _q(edge.label)
        attrs["fontcolor"] = _q(style.color)
    return pydot.Edge(dot_string(edge.source), dot_string(edge.target), **attrs)


def to_dot(diagram: Diagram, graph_attrs: Mapping[str, str], clusters: bool = True) -> str:
    """DOT text for the diagram; `graph_attrs` (layout engine and settings) are written into it."""
    graph = pydot.Dot(dot_string(diagram.system), graph_type="digraph")
    graph.set_graph_defaults(label=_Quoted(graph_label(diagram)), labelloc="t", labeljust="l", fontname=_q(FONT),
                             tooltip=_q(diagram.title), **{k: _q(v) for k, v in graph_attrs.items()})
    graph.set_node_defaults(fontname=_q(FONT), margin=_q("0.12,0.06"))
    graph.set_edge_defaults(fontname=_q(FONT), fontsize="9")
    if clusters:
        _add_clustered(graph, diagram)
    else:
        for node in diagram.nodes:
            graph.add_node(_node(node))
    for edge in diagram.edges:
        graph.add_edge(_edge(edge))
    return graph.to_string()


def _add_clustered(graph: pydot.Dot, diagram: Diagram) -> None:
    """The system in one cluster, each layer a cluster in it, external components outside it."""
    system = pydot.Subgraph(dot_string("cluster_system"), label=_q(diagram.system), style="rounded",
                            color=_q("#888888"), fontsize="11", labeljust="l")
    _add_layers(system, diagram.inside, "inside")
    graph.add_subgraph(system)
    _add_layers(graph, diagram.outside, "outside")


def _add_layers(parent, nodes: list[Node], where: str) -> None:
    loose, layers = by_layer(nodes)
    for node in loose:
        parent.add_node(_node(node))
    for name, members in layers.items():
        cluster = pydot.Subgraph(dot_string(f"cluster_{where}_{name}"), label=_q(name), style=_q("rounded,dashed"),
                                 color=_q("#AAAAAA"), fontsize="10", labeljust="l")
        for node in members:
            cluster.add_node(_node(node))
        parent.add_subgraph(cluster)
