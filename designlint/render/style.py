"""How the diagram looks: the colour-blind-safe palette, a shape per kind, a style per flow kind.

Colours come from the Okabe-Ito palette (vermillion, orange, blue, reddish
purple), which stays distinguishable under the common colour-vision
deficiencies; the state is also carried by a border weight and a badge glyph,
so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class State:
    """How a node looks for its worst unwaived finding."""

    name: str
    fill: str
    border: str
    penwidth: str
    glyph: str
    meaning: str


STATES = {
    "error": State("error", "#F6C6B0", "#D55E00", "3", "\u2717", "has an error"),
    "warning": State("warning", "#FCE3A6", "#E69F00", "2", "\u26a0", "has a warning"),
    "info": State("info", "#FFFFFF", "#0072B2", "1", "\u2139", "only info findings"),
    "clean": State("clean", "#D4E9F7", "#0072B2", "1", "", "no unwaived finding"),
    "missing": State("missing", "#FFFFFF", "#D55E00", "2", "?", "named but not a component"),
}
BADGE_GLYPHS = {"error": "\u2717", "warning": "\u26a0", "info": "\u2139", "waived": "~"}
BADGE_COLORS = {"error": "#A33A00", "warning": "#8A5A00", "info": "#0072B2", "waived": "#666666"}


@dataclass(frozen=True)
class KindStyle:
    dot_shape: str
    dot_style: str  # extra Graphviz style words besides "filled"
    dot_peripheries: int
    mermaid_open: str
    mermaid_close: str
    tag: str  # the kind as the label's small header


KINDS = {
    "interface": KindStyle("box", "", 1, "(", ")", "interface"),
    "service": KindStyle("component", "", 1, "[[", "]]", "service"),
    "orchestrator": KindStyle("hexagon", "", 1, "{{", "}}", "orchestrator"),
    "agent": KindStyle("box", "diagonals", 1, "[/", "\\]", "agent"),
    "model": KindStyle("ellipse", "", 1, "([", "])", "model"),
    "rule": KindStyle("note", "", 1, "[", "]", "rule"),
    "datastore": KindStyle("cylinder", "", 1, "[(", ")]", "datastore"),
    "queue": KindStyle("cds", "", 1, ">", "]", "queue"),
    "external": KindStyle("box3d", "dashed", 1, "[\\", "\\]", "external"),
    "human": KindStyle("box", "rounded", 2, "((", "))", "\u263a human"),
    "monitor": KindStyle("tab", "", 1, "[/", "/]", "monitor"),
    "guardrail": KindStyle("octagon", "", 1, "[\\", "/]", "guardrail"),
}
# How each kind's shape reads, for the legend.
LOOKS = {
    "interface": "box", "service": "box with tabs", "orchestrator": "hexagon", "agent": "box, cut corners",
    "model": "ellipse", "rule": "note", "datastore": "cylinder", "queue": "arrow", "monitor": "tab",
    "external": "dashed 3-D box, outside the system", "human": "\u263a double rounded box",
    "guardrail": "octagon",
}
MISSING_KIND = KindStyle("box", "dashed", 1, "[", "]", "not a component")


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    style: str
    arrowhead: str
    penwidth: str
    mermaid_arrow: str
    meaning: str


EDGES = {
    "data": EdgeStyle("#444444", "solid", "normal", "1.2", "-->", "data flow"),
    "feedback": EdgeStyle("#0072B2", "bold", "empty", "2", "==>", "feedback (labels, outcomes)"),
    "escalation": EdgeStyle("#CC79A7", "bold", "vee", "2", "==>", "escalation to a person"),
    "fallback": EdgeStyle("#777777", "dashed", "onormal", "1.2", "-.->", "fallback: takes over on failure"),
}

FONT = "Helvetica,Arial,sans-serif"
