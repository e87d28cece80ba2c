"""The Diagram as a Mermaid flowchart, with the same states (classDef), badges and edge styles as the DOT.

Code hosts draw Mermaid inline, so a design doc can show the annotated
diagram in a fenced ```mermaid block.
"""

from __future__ import annotations

from designlint.render.annotate import Diagram, Node, by_layer
from designlint.render.escape import mermaid_text, node_names
from designlint.render.order import depths, layer_order, sorted_nodes
from designlint.render.style import EDGES, KINDS, MISSING_KIND, STATES


def _label(node: Node) -> str:
    style = KINDS.get(node.kind, MISSING_KIND)
    lines = [f"<small>{mermaid_text(style.tag)}</small>", f"<b>{mermaid_text(node.id)}</b>"]
    if node.owner:
        lines.append(f"<small>owner: {mermaid_text(node.owner_text)}</small>")
    lines.extend(mermaid_text(b.text) for b in node.badges)
    lines.extend(mermaid_text(a.text) if a.gated else f"<b>{mermaid_text(a.text)}</b>" for a in node.actions)
    return f'{style.mermaid_open}"{"<br/>".join(lines)}"{style.mermaid_close}'


def _group(out: list[str], nodes: list[Node], where: str, indent: str, depth: dict[str, int], names) -> None:
    """Nodes without a layer, then one subgraph per layer, in the order a request crosses them (as the DOT)."""
    loose, layers = by_layer(sorted_nodes(nodes, depth))
    out.extend(f"{indent}{names[n.id]}{_label(n)}" for n in loose)
    for i, name in enumerate(layer_order(layers, depth)):
        out.append(f'{indent}subgraph dl__{where}_{i}["{mermaid_text(name)}"]')
        out.extend(f"{indent}  {names[n.id]}{_label(n)}" for n in layers[name])
        out.append(f"{indent}end")


# Mermaid's default flowchart limit (its `maxEdges` setting) and GitHub's cap on the text of one diagram.
MAX_EDGES = 500
MAX_CHARS = 50_000
# The theme: layer frames grey (the default theme fills them yellow, close to the warning colour),
# lines and text as the DOT's legend draws them.
THEME = ["config:", "  theme: base", "  themeVariables:", '    clusterBkg: "#F7F7F7"',
         '    clusterBorder: "#AAAAAA"', '    lineColor: "#444444"', '    primaryTextColor: "#000000"',
         '    edgeLabelBackground: "#FFFFFF"', '    fontFamily: "Helvetica, Arial, sans-serif"']


class MermaidTooLarge(ValueError):
    """The diagram passes a limit of Mermaid or of the code hosts that draw it; `reason` names the limit."""

    def __init__(self, reason: str, advice: str):
        super().__init__(f"{reason}: {advice}")
        self.reason = reason


_ADVICE = ("draw one layer (--layer NAME) or one component's neighbourhood (--focus COMPONENT), "
           "or write .svg")


def to_mermaid(diagram: Diagram) -> str:
    """Mermaid text; ids of its own (subgraphs, the findings note) start `dl__`, which no component id maps to.

    Raises MermaidTooLarge past MAX_EDGES edges (Mermaid's maxEdges; it then draws nothing) or MAX_CHARS
    characters (GitHub shows such a block as text), naming the limit and what to draw instead.
    """
    if len(diagram.edges) > MAX_EDGES:
        raise MermaidTooLarge(f"{len(diagram.edges)} arrows is past Mermaid's limit of {MAX_EDGES} (maxEdges), "
                              "so it would draw nothing", _ADVICE)
    text = _mermaid(diagram)
    if len(text) > MAX_CHARS:
        raise MermaidTooLarge(f"the Mermaid text is {len(text):,} characters, past GitHub's limit of "
                              f"{MAX_CHARS:,} for one diagram", _ADVICE)
    return text


def _mermaid(diagram: Diagram) -> str:
    out = ["---", f'title: "{mermaid_text(diagram.title)}"', *THEME, "---", "flowchart LR"]
    depth = depths(diagram)
    names = node_names(diagram)  # n0, n1...: the DOT's names, injective and never Mermaid syntax
    out.append(f'  subgraph dl__system["{mermaid_text(diagram.system)}"]')
    _group(out, diagram.inside, "inside", "    ", depth, names)
    out.append("  end")
    _group(out, diagram.outside, "outside", "  ", depth, names)
    if diagram.system_badges:
        notes = "<br/>".join(f"{mermaid_text(b.text)}: {mermaid_text(b.message)}"
                             for b in diagram.system_badges)
        out.append(f'  dl__findings["{notes}"]')
        out.append("  class dl__findings systemnote")
    styles: dict[str, list[int]] = {}
    for i, edge in enumerate(diagram.edges):
        style = EDGES[edge.kind]
        label = f'|"{mermaid_text(edge.label)}"|' if edge.label else ""
        out.append(f"  {names[edge.source]} {style.mermaid_arrow}{label} {names[edge.target]}")
        styles.setdefault(edge.kind, []).append(i)
    for name, state in STATES.items():
        dash = ",stroke-dasharray:5 3" if name == "missing" else ""
        out.append(f"  classDef {name} fill:{state.fill},stroke:{state.border},stroke-width:{state.penwidth}px"
                   f",color:#000000{dash}")
    out.append("  classDef systemnote fill:#FFFFFF,stroke:#D55E00,color:#A33A00,text-align:left")
    by_state: dict[str, list[str]] = {}
    for node in diagram.nodes:
        by_state.setdefault(node.state, []).append(names[node.id])
    for name in STATES:
        if name in by_state:
            out.append(f"  class {','.join(by_state[name])} {name}")
    for kind, indices in styles.items():
        style = EDGES[kind]
        out.append(f"  linkStyle {','.join(map(str, indices))} stroke:{style.color},stroke-width:{style.penwidth}px")
    return "\n".join(out) + "\n"
