"""Make user strings safe inside DOT, Graphviz HTML-like labels and Mermaid.

Every name, label and message a design supplies passes through one of these
before it reaches a diagram, so quotes, `<`, `&`, newlines or DOT keywords in
it cannot end a string, open a tag or be read as syntax.
"""

from __future__ import annotations

import re

# C0 controls but the newline: XML (so SVG) refuses most, and tab or CR would blur two ids.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f]")
_MERMAID_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Words Mermaid reads as syntax when they stand as a node id.
_MERMAID_WORDS = frozenset({"end", "graph", "flowchart", "subgraph", "direction", "style", "class",
                            "classdef", "click", "linkstyle", "call", "href", "default", "o", "x"})


def clean(text: object) -> str:
    """The text with each control character but the newline shown as its Unicode control picture (\u2409 for tab)."""
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())), str(text))


# Graphviz reads \N, \G, \E, \L... in labels and tooltips (HTML-like labels too, even
# written as &#92;) and has no escape that keeps them literal; a word joiner (U+2060,
# invisible) after each backslash does.
_WJ = "\u2060"


def dot_string(text: object) -> str:
    """A double-quoted DOT string that shows `text`, whatever it holds.

    Quotes are escaped, newlines become \\n line breaks, and backslashes are
    doubled and followed by a word joiner so no Graphviz escape can form.
    """
    body = clean(text).replace("\\", "\\\\" + _WJ).replace('"', '\\"').replace("\n", "\\n")
    return f'"{body}"'


def html(text: object) -> str:
    """Text for inside a Graphviz HTML-like label: entities escaped, newlines as <BR/>."""
    body = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = body.replace('"', "&quot;").replace("'", "&#39;").replace("\\", "\\" + _WJ)
    return body.replace("\n", "<BR/>")


def mermaid_text(text: object) -> str:
    """Text for inside a quoted Mermaid label: syntax characters as entity codes."""
    out = []
    for ch in clean(text):
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
