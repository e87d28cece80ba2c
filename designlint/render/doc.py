"""Annotated diagrams inside a Markdown design doc: one Mermaid block after each design fence, between markers.

    new_text, stale = place(text, diagrams)

`diagrams` holds one Mermaid text per design fence of `text`, in file order
(designlint.loading.markdown.design_blocks finds the fences). After each
fence goes

    <!-- designlint:diagram (written by `designlint render --markdown`; edits are replaced) -->
    ```mermaid
    ...
    ```
    <!-- /designlint:diagram -->

indented or quoted as the fence is. A diagram already there (the begin
marker on the first non-blank line after the fence) is replaced up to its end
marker, so placing the same diagrams again changes nothing. `stale` lists the
1-based lines of the fences whose diagram was missing or different. Code
hosts (GitHub, GitLab) draw the ```mermaid block; the markers are comments,
which they hide. Linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from designlint.loading.markdown import design_blocks

BEGIN = "<!-- designlint:diagram (written by `designlint render --markdown`; edits are replaced) -->"
END = "<!-- /designlint:diagram -->"
_PREFIX = re.compile(r"^[ \t>]*")


class DocError(ValueError):
    """A begin marker with no end marker after it: the doc cannot be updated safely. `line` is 1-based."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Fence:
    opening: int  # 0-based line of the opening fence
    after: int  # 0-based line after the closing fence
    prefix: str  # the indentation or quote markers before the fence


def fences(text: str) -> list[Fence]:
    """The design fences of `text`, in file order."""
    from markdown_it import MarkdownIt

    starts = {b.line_offset - 1 for b in design_blocks(text)}
    lines = text.splitlines()
    found = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "fence" and token.map and token.map[0] in starts:
            opening = token.map[0]
            found.append(Fence(opening, token.map[1], _PREFIX.match(lines[opening]).group()))
    return found


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&])")


def markdown_text(text: str) -> str:
    """`text` as literal Markdown inline text: punctuation Markdown or HTML would read is backslash-escaped,
    and line breaks become spaces (a note is one paragraph)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


@dataclass(frozen=True)
class Split:
    """A design drawn as several diagrams (one per layer), with a note that says why."""

    note: str
    parts: tuple[str, ...]


def block(diagram: "str | Split", prefix: str) -> list[str]:
    """The lines placed after a fence (without line ends): one ```mermaid block, or a Split's note and
    its blocks one after another."""
    body = [BEGIN]
    parts = [diagram] if isinstance(diagram, str) else list(diagram.parts)
    if isinstance(diagram, Split):
        body += [diagram.note, ""]
    for i, mermaid in enumerate(parts):
        body += ([""] if i else []) + ["```mermaid", *mermaid.rstrip("\n").split("\n"), "```"]
    body.append(END)
    return [(prefix + line).rstrip() if line else prefix.rstrip() for line in body]


def place(text: str, diagrams: "list[str | Split]") -> tuple[str, list[int]]:
    """`text` with each fence's diagram in place, and the 1-based lines of the fences whose diagram changed.

    Raises DocError for a begin marker with no end marker, and ValueError when the number of diagrams
    is not the number of design fences.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    found = fences(text)
    if len(found) != len(diagrams):
        raise ValueError(f"{len(diagrams)} diagrams for {len(found)} design fences")
    out: list[str] = []
    stale: list[int] = []
    cursor = 0
    for fence, diagram in zip(found, diagrams):
        out.extend(lines[cursor:fence.after])
        cursor = fence.after
        wanted = block(diagram, fence.prefix)
        probe = cursor
        while probe < len(lines) and not lines[probe][len(fence.prefix):].strip() and probe - cursor < 2:
            probe += 1
        if probe < len(lines) and lines[probe].strip().lstrip("> \t") == BEGIN:
            end = probe
            while end < len(lines) and lines[end].strip().lstrip("> \t") != END:
                end += 1
            if end == len(lines):
                raise DocError(probe + 1, "a designlint:diagram begin marker with no end marker after it: "
                                          f"restore `{END}` or delete the marker")
            if lines[probe:end + 1] != wanted:
                stale.append(fence.opening + 1)
            cursor = end + 1
        else:
            stale.append(fence.opening + 1)
        out.append(fence.prefix.rstrip())
        out.extend(wanted)
    out.extend(lines[cursor:])
    result = newline.join(out)
    if text.endswith(("\n", "\r\n")) or not text:
        result += newline
    return result, stale
