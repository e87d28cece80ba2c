"""Location: a place in a source file, the one position type every stage shares."""

from __future__ import annotations

import bisect
import re
from designlint.util.value import OrderedValue, setfield


class Location(OrderedValue):
    """A place in a source file; line and column are 1-based (columns count characters).

    A frozen value, ordered by file, line and column (designlint.util.value).
    """

    __slots__ = ("file", "line", "column")

    def __init__(self, file: str, line: int, column: int):
        setfield(self, "file", file)
        setfield(self, "line", line)
        setfield(self, "column", column)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


# Editors and GitHub end a line at LF, CRLF or CR only. YAML 1.1 (so PyYAML and libyaml) also breaks
# lines at NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029), and Python's
# str.splitlines at VT, FF and FS/GS/RS too: positions are always counted the editors' way, here.
_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")


def editor_lines(text: str) -> list[str]:
    """`text` split into lines as editors count them (LF, CRLF, CR), without their line ends."""
    return _EDITOR_BREAK.split(text)


def line_starts(text: str, breaks: re.Pattern = _EDITOR_BREAK) -> list[int]:
    """The offset at which each line of `text` starts (line 1 at offset 0)."""
    return [0] + [m.end() for m in breaks.finditer(text)]


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """(line, column), both 1-based and columns in characters, of `offset` given line_starts()."""
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def text_position(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of `offset` in `text`, counted as editors count lines."""
    return position(line_starts(text[:offset]), offset)
