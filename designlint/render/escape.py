"""Make user strings safe inside DOT, Graphviz HTML-like labels and Mermaid.

Every name, label and message a design supplies passes through one of these
before it reaches a diagram, so quotes, `<`, `&`, newlines or DOT keywords in
it cannot end a string, open a tag or be read as syntax.
"""

from __future__ import annotations

import re

# C0 controls (but tab and newline), DEL and C1 controls: XML (so SVG) refuses them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MERMAID_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Words Mermaid reads as syntax when they stand as a node id.
_MERMAID_WORDS = frozenset({"end", "graph", "flowchart", "subgraph", "direction", "style", "class",
                            "classdef", "click", "linkstyle", "call", "href", "default", "o", "x"})


def clean(text: object) -> str:
    """The text with control characters shown as U+FFFD and tabs as spaces."""
    return _CONTROL.sub("\ufffd", str(text)).replace("\t", " ")


def dot_string(text: object) -> str:
    """A double-quoted DOT string that reads back as `text`, whatever it holds.

    Backslashes are doubled so that Graphviz's escapes (\\N, \\G, \\l) in
    labels and tooltips stay literal; newlines become \\n line breaks.
    """
    body = clean(text).replace("\\", "\\\\").replace('"', '\\"')
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{body}"'


def html(text: object) -> str:
    """Text for inside a Graphviz HTML-like label: entities escaped, newlines as <BR/>."""
    body = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = body.replace('"', "&quot;").replace("'", "&#39;")
    return "<BR/>".join(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def mermaid_text(text: object) -> str:
    """Text for inside a quoted Mermaid label: syntax characters as entity codes."""
    out = []
    for ch in clean(text).replace("\r\n", "\n").replace("\r", "\n"):
        if ch == "\n":
            out.append("<br/>")
        elif ch in '"#<>&`|;[]{}()\\':
            out.append(f"#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def mermaid_id(component_id: str) -> str:
    """A Mermaid node id: the component id where Mermaid can read it, else a hex spelling of it.

    Kept ids never hold `__`, and every spelt one does, so two ids never meet.
    """
    if _MERMAID_ID.fullmatch(component_id) and "__" not in component_id \
            and component_id.lower() not in _MERMAID_WORDS:
        return component_id
    return "id__" + component_id.encode("utf-8").hex()
