"""Make user strings safe inside DOT, Graphviz HTML-like labels and Mermaid.

Every name, label and message a design supplies passes through one of these
before it reaches a diagram, so quotes, `<`, `&`, newlines or DOT keywords in
it cannot end a string, open a tag or be read as syntax.
"""

from __future__ import annotations

import re

# C0 controls but the newline: XML (so SVG) refuses most, and tab or CR would blur two ids.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f]")
# What XML 1.0 refuses beyond C0 (lone surrogates, U+FFFE, U+FFFF), and the other line breaks.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff\x85\u2028\u2029]")


def clean(text: object) -> str:
    """The text with each control character but the newline shown as its Unicode control picture (\u2409 for tab)."""
    text = _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())), str(text))
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _NOT_XML.search(text) else text


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
    body = body.replace("]", "&#93;")  # Graphviz's HTML lexer refuses a text that starts with `]` (found by fuzzing)
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


def node_names(diagram) -> dict[str, str]:
    """Each component id -> its DOT node name: `n0`, `n1`... in the diagram's node order.

    Names of our own keep two ids apart whatever they hold (an escape can map
    two strings to one text) and are never special to Graphviz (`node`,
    `edge`, `-`, a leading digit...); the id itself is shown in the label and
    the tooltip only.
    """
    names = {node.id: f"n{i}" for i, node in enumerate(diagram.nodes)}
    for edge in diagram.edges:  # an end the view left out still gets a name of its own
        for end in (edge.source, edge.target):
            names.setdefault(end, f"n{len(names)}")
    return names


_SVG_TITLE = re.compile(rb"<title>(n\d+)(?:&#45;&gt;(n\d+))?</title>")


def svg_titles(svg: bytes, names: dict[str, str]) -> bytes:
    """Graphviz's SVG with each `<title>` (the node name n0, n1...; `n0->n1` for an edge) showing the ids again.

    The ids are XML-escaped (and stripped of what XML 1.0 cannot hold), so the
    SVG stays well-formed whatever they hold.
    """
    from designlint.util.escape import xml_text

    # XML's three character escapes in text (what xml.sax.saxutils.escape does, without importing urllib)
    ids = {name.encode(): xml_text(cid).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
           .encode("utf-8") for cid, name in names.items()}

    def title(match: re.Match) -> bytes:
        source, target = match.group(1), match.group(2)
        if source not in ids or (target is not None and target not in ids):
            return match.group(0)
        text = ids[source] if target is None else ids[source] + b"-&gt;" + ids[target]
        return b"<title>" + text + b"</title>"

    return _SVG_TITLE.sub(title, svg)
