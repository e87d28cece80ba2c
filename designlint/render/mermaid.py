"""The Diagram as a Mermaid flowchart, with the same states (classDef), badges and edge styles as the DOT.

Code hosts draw Mermaid inline, so a design doc can show the annotated
diagram in a fenced ```mermaid block.
"""

from __future__ import annotations

from designlint.render.annotate import Diagram, Node, by_layer
from designlint.render.escape import mermaid_id, mermaid_text
from designlint.render.style import EDGES, KINDS, MISSING_KIND, STATES


def _label(node: Node) -> str:
    style = KINDS.get(node.kind, MISSING_KIND)
    lines = [f"<small>{mermaid_text(style.tag)}</small>", f"<b>{mermaid_text(node.id)}</b>"]
    if node.owner:
        lines.append(f"<small>owner: {mermaid_text(node.owner_text)}</small>")
    lines.extend(mermaid_text(b.text) for b in node.badges)
    lines.extend(mermaid_text(a.text) if a.gated else f"<b>{mermaid_text(a.text)}</b>" for a in node.actions)
    return f'{style.mermaid_open}"{"<br/>".join(lines)}"{style.mermaid_close}'


def _group(out: list[str], nodes: list[Node], where: str, indent: str) -> None:
    """Nodes without a layer, then one subgraph per layer, in order of appearance."""
    loose, layers = by_layer(nodes)
    out.extend(f"{indent}{mermaid_id(n.id)}{_label(n)}" for n in loose)
    for i, (name, members) in enumerate(layers.items()):
        out.append(f'{indent}subgraph dl__{where}_{i}["{mermaid_text(name)}"]')
        out.extend(f"{indent}  {mermaid_id(n.id)}{_label(n)}" for n in members)
        out.append(f"{indent}end")


def to_mermaid(diagram: Diagram) -> str:
    """Mermaid text; ids of its own (subgraphs, the findings note) start `dl__`, which no component id maps to."""
    out = ["---", f'title: "{mermaid_text(diagram.title)}"', "---", "flowchart LR"]
    out.append(f'  subgraph dl__system["{mermaid_text(diagram.system)}"]')
    _group(out, diagram.inside, "inside", "    ")
    out.append("  end")
    _group(out, diagram.outside, "outside", "  ")
    if diagram.system_badges:
        notes = "<br/>".join(f"{mermaid_text(b.text)}: {mermaid_text(b.message)}"
                             for b in diagram.system_badges)
        out.append(f'  dl__findings["{notes}"]')
        out.append("  class dl__findings systemnote")
    styles: dict[str, list[int]] = {}
    for i, edge in enumerate(diagram.edges):
        style = EDGES[edge.kind]
        label = f'|"{mermaid_text(edge.label)}"|' if edge.label else ""
        out.append(f"  {mermaid_id(edge.source)} {style.mermaid_arrow}{label} {mermaid_id(edge.target)}")
        styles.setdefault(edge.kind, []).append(i)
    for name, state in STATES.items():
        dash = ",stroke-dasharray:5 3" if name == "missing" else ""
        out.append(f"  classDef {name} fill:{state.fill},stroke:{state.border},stroke-width:{state.penwidth}px"
                   f",color:#000000{dash}")
    out.append("  classDef systemnote fill:#FFFFFF,stroke:#D55E00,color:#A33A00,text-align:left")
    by_state: dict[str, list[str]] = {}
    for node in diagram.nodes:
        by_state.setdefault(node.state, []).append(mermaid_id(node.id))
    for name in STATES:
        if name in by_state:
            out.append(f"  class {','.join(by_state[name])} {name}")
    for kind, indices in styles.items():
        style = EDGES[kind]
        out.append(f"  linkStyle {','.join(map(str, indices))} stroke:{style.color},stroke-width:{style.penwidth}px")
    return "\n".join(out) + "\n"
