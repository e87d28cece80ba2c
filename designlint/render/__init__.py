"""Draw a design with its findings on it: DOT, Mermaid, and svg/png/pdf laid out by Graphviz.

The DOT text is written directly (dot.py): on 1,000 components pydot's object model cost ~45 ms of a fixed
~270 ms over the layout (issue 11); pydot remains the test oracle that parses it (tests/render/test_dot_writer.py).

    from designlint.findings.engine import lint
    from designlint.model.build import load
    from designlint.render import render

    design = load("examples/rag-support-bot.yaml")
    image = render(design, lint(design), "svg").data
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from designlint.findings import Finding
from designlint.model import Design

FORMATS = ("dot", "svg", "png", "pdf", "mermaid")
EXTENSIONS = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf",
              ".mmd": "mermaid", ".mermaid": "mermaid"}
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class Rendered:
    """A drawn diagram: its bytes, and notes for the user (never verdicts)."""

    data: bytes
    notes: list[str] = field(default_factory=list)


def format_for(path: str) -> str | None:
    """The format an output file's extension asks for, or None."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


def render(design: Design, findings: Iterable[Finding], fmt: str, *, engine: str | None = None,
           graph_attrs: Mapping[str, str] | None = None, shown: Iterable[str] | None = None,
           view: str | None = None, timeout: float = DEFAULT_TIMEOUT, started=None) -> Rendered:
    """`design` drawn as `fmt` with `findings` on it; `shown` limits it to some components.

    `started`: a Graphviz process from layout.start(fmt), begun before the design was read, to lay
    this diagram out (it is used or closed here). Raises layout.LayoutError when svg/png/pdf cannot be
    laid out.
    """
    from designlint.render import layout
    from designlint.render.annotate import annotate

    diagram = annotate(design, findings, shown, view)
    notes = []
    components = sum(1 for n in diagram.nodes if n.kind)
    layered = any(n.layer for n in diagram.nodes)  # --layer is advice only where the design has layers
    if components > layout.READABLE and view is None:
        notes.append(f"note: {components} components is more than one picture shows well; draw "
                     + ("one layer (--layer NAME) or " if layered else "")
                     + "one component's neighbourhood (--focus COMPONENT --depth N)")
    if fmt == "mermaid":
        from designlint.render.mermaid import to_mermaid

        return Rendered(to_mermaid(diagram).encode("utf-8"), notes)
    from designlint.render.dot import to_dot

    chosen = layout.choose(components, engine, dict(graph_attrs or {}))
    # hovering shows tooltips only in an svg; sfdp (no clusters) has no corner for the key
    keyed = {"interactive": fmt == "svg", "legend": chosen.clusters}
    dot_text = to_dot(diagram, chosen.graph_attrs, chosen.clusters, **keyed)
    if fmt == "dot":
        if started is not None:
            started.close()
        return Rendered(dot_text.encode("utf-8"), notes)
    part = layout.PART if layered else "--focus COMPONENT --depth N"
    try:
        image, more = layout.run(dot_text, fmt, timeout, started, part=part, engine=chosen.engine)
    except layout.LayoutError as exc:
        if not chosen.clusters or isinstance(exc, layout.LayoutTimeout):
            raise
        # Graphviz 2.43's `dot` fails on some clustered graphs ("trouble in init_rank"); a flat one still draws.
        image, more = layout.run(to_dot(diagram, chosen.graph_attrs, clusters=False, **keyed), fmt, timeout,
                                 part=part, engine=chosen.engine)
        more.append("note: Graphviz could not lay out the layers as boxes, so they are drawn without them")
    if fmt == "svg":  # node names are n0, n1...: the SVG's titles show the ids
        from designlint.render.escape import node_names, svg_titles

        image = svg_titles(image, node_names(diagram))
    return Rendered(image, notes + more)
