"""Escape text for GitHub Flavored Markdown: plain text, code spans, and messages that mix them.

Sources: GitHub Flavored Markdown spec 0.29 (sections 4.10 tables, 6.1
backslash escapes, 6.3 code spans). Every user string that goes into a
Markdown report passes through one of these, so a name cannot open a tag, a
link, a table cell or an @mention.
"""

from __future__ import annotations

import re

# Outside code spans: inline syntax characters get a backslash; < > & become entities; @ becomes an
# entity so that an owner such as @org/team is not a mention. (Block syntax such as `#` or `-` only
# matters at the start of a line, and every line written here starts with designlint's own text.)
_SPECIAL = re.compile(r"[\\`*_\[\]!|~<>&@]")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "@": "&#64;"}
_CODE = re.compile(r"`([^`\n]+)`")


def text(value: object) -> str:
    """Plain text escaped for Markdown: shown exactly as written, never read as syntax; newlines as <br>."""
    escaped = _SPECIAL.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), str(value))
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def code(value: object) -> str:
    """A code span showing `value` as written (a fence of more backticks than it holds; | escaped for tables)."""
    body = str(value).replace("\r", " ").replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or not body.strip() else ""
    return f"{fence}{pad}{body.replace('|', chr(92) + '|')}{pad}{fence}"


def inline(message: object) -> str:
    """A message with its `code` spans kept as code spans and the rest escaped as text()."""
    message = str(message)
    out, at = [], 0
    for m in _CODE.finditer(message):
        out.append(text(message[at:m.start()]))
        out.append(code(m.group(1)))
        at = m.end()
    out.append(text(message[at:]))
    return "".join(out)
