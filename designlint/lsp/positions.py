"""Positions: designlint's marks (1-based, code points) <-> LSP positions (0-based, code units).

LSP counts a column in UTF-16 code units unless client and server agree on
`utf-8` or `utf-32` (LSP 3.17, "Position" and `general.positionEncodings`).
designlint's marks count code points, and count lines as editors and LSP do
(`\\n`, `\\r\\n` and `\\r` only): designlint.loading moves YAML's marks after
a NEL, U+2028 or U+2029 (where YAML 1.1 also breaks lines) to those lines, so
a mark's line is an LSP line here.

Inside this package a place is a `(line, column)` pair on LSP lines, both
0-based, the column in code points; only the server edge speaks code units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LSP_BREAK = re.compile(r"\r\n|\r|\n")

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of one LSP line: 0-based line, start and end columns in code points."""

    line: int
    start: int
    end: int

    def contains(self, line: int, column: int) -> bool:
        """Whether (line, column) falls in it; its end column counts (a cursor after the last character)."""
        return line == self.line and self.start <= column <= self.end


class SourceText:
    """A document's text, its lines as LSP counts them, and conversions.

    `yaml_lines` is kept for callers; marks count LSP's lines in YAML and Markdown alike.
    `encoding`: the position encoding agreed with the client (utf-16 unless agreed).
    """

    def __init__(self, text: str, encoding: str = UTF16, yaml_lines: bool = True):
        self.text = text
        self.encoding = encoding
        self.lines = _LSP_BREAK.split(text)
        first_break = _LSP_BREAK.search(text)
        self.newline = first_break.group() if first_break else "\n"  # what an edit that adds a line writes

    # designlint marks -------------------------------------------------------------------

    def place(self, line: int, column: int) -> tuple[int, int]:
        """The (line, code point column) on LSP lines of a 1-based designlint mark.

        A mark with line 0 (no place in the file) is the start of the file;
        one past the end is clamped to the end of the last line.
        """
        if line <= 0:
            return 0, 0
        if line > len(self.lines):
            return len(self.lines) - 1, len(self.lines[-1])
        return line - 1, min(max(column - 1, 0), len(self.lines[line - 1]))

    def span(self, line: int, column: int, expected: str | None = None) -> Span:
        """The YAML token that starts at a designlint mark, as a Span.

        With `expected` (an id or key known to stand there) and the text
        starting with it, the span is exactly that text; otherwise it is the
        token found by `token_end`.
        """
        row, start = self.place(line, column)
        text = self.lines[row]
        if expected is not None and text.startswith(expected, start):
            return Span(row, start, start + len(expected))
        return Span(row, start, token_end(text, start))

    def line_text(self, row: int) -> str:
        return self.lines[row] if 0 <= row < len(self.lines) else ""

    # code units at the edge -------------------------------------------------------------

    def units(self, row: int, column: int) -> int:
        """The code-unit column of a code-point column on an LSP line."""
        prefix = self.line_text(row)[:column]
        if self.encoding == UTF32 or prefix.isascii():
            return len(prefix)
        if self.encoding == UTF8:
            return len(prefix.encode("utf-8"))
        return len(prefix.encode("utf-16-le")) // 2

    def column(self, row: int, units: int) -> int:
        """The code-point column of a code-unit column (one inside a character rounds down)."""
        text = self.line_text(row)
        if self.encoding == UTF32 or text.isascii():
            return min(units, len(text))
        count = 0
        for i, char in enumerate(text):
            width = len(char.encode("utf-8")) if self.encoding == UTF8 else (2 if ord(char) > 0xFFFF else 1)
            if count + width > units:
                return i
            count += width
        return len(text)


_CLOSERS = {"[": "]", "{": "}"}


def token_end(text: str, start: int) -> int:
    """Where the YAML token starting at `start` in one line ends (exclusive, code points).

    A quoted scalar ends after its closing quote; a flow collection after its
    matching bracket; a plain scalar before `: `, ` #`, and, inside a flow
    collection, before `,`, `]` or `}`. Anything unterminated ends with the line.
    """
    if start >= len(text):
        return start
    first = text[start]
    if first in "'\"":
        i = start + 1
        while i < len(text):
            if first == "'" and text[i] == "'":
                if text[i + 1:i + 2] == "'":
                    i += 2
                    continue
                return i + 1
            if first == '"' and text[i] == "\\":
                i += 2
                continue
            if first == '"' and text[i] == '"':
                return i + 1
            i += 1
        return len(text)
    if first in _CLOSERS:
        depth = 0
        quote = None
        for i in range(start, len(text)):
            char = text[i]
            if quote:
                if char == quote:
                    quote = None
            elif char in "'\"":
                quote = char
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return i + 1
        return len(text.rstrip())
    opened = text.count("[", 0, start) + text.count("{", 0, start)
    in_flow = opened > text.count("]", 0, start) + text.count("}", 0, start)
    end = len(text)
    for stop in (": ", " #", "\t#"):
        at = text.find(stop, start)
        if at != -1:
            end = min(end, at)
    if text.endswith(":") and end == len(text):
        end -= 1
    if in_flow:
        for stop in ",]}":
            at = text.find(stop, start, end)
            if at != -1:
                end = at
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end
