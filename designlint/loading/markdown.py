"""Designs inside Markdown: fenced blocks found with a real Markdown parser.

A fenced block is a design when its info string starts with `designlint`, or
when it starts with `yaml`/`yml` and its top level has a `designlint` key,
unless it is marked as an illustration: the word `designlint-ignore` in its
info string (```` ```yaml designlint-ignore ````), or the HTML comment
`<!-- designlint-ignore -->` as the block right before the fence. Each
block carries the line and column offsets that place it in the Markdown file,
so findings and input errors point at the Markdown lines
(designlint.model.build.load_designs reads them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from designlint.loading.location import editor_lines


MARKDOWN_SUFFIXES = (".md", ".markdown")
DESIGN_INFO = "designlint"
YAML_INFOS = ("yaml", "yml")
_DESIGN_KEY = re.compile(r"^[\"']?designlint[\"']?\s*:", re.MULTILINE)
IGNORE_WORD = "designlint-ignore"
_IGNORE_COMMENT = re.compile(r"\A\s*<!--\s*designlint-ignore\s*-->\s*\Z")
# Tokens that open or close a container: they stand between a comment and a fence in a list or quote.
_CONTAINERS = ("bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open",
               "bullet_list_close", "ordered_list_close", "list_item_close", "blockquote_close")


@dataclass(frozen=True)
class Block:
    """A design's YAML text and where it starts in the Markdown file (0-based offsets)."""

    text: str
    line_offset: int
    column_offset: int


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def design_blocks(text: str) -> list[Block]:
    """Every fenced block in `text` that holds a design, in file order."""
    if "designlint" not in text:
        return []
    lines = editor_lines(text)  # markdown-it counts LF, CRLF and CR, as editors do; splitlines() counts more
    blocks = []
    for token, tag in _fences(text):
        if tag == DESIGN_INFO or (tag in YAML_INFOS and _DESIGN_KEY.search(token.content)):
            first = token.map[0] + 1  # the line after the opening fence
            blocks.append(Block(token.content, first, _indent(lines, first, token.content)))
    return blocks


def _fences(text: str):
    """(token, tag) of every fenced block that is not marked as an illustration, in file order."""
    before = None  # the block before this one, containers aside
    for token in _parser().parse(text):
        if token.type in _CONTAINERS or token.nesting == -1 or not token.block:
            continue
        previous, before = before, token
        if token.type != "fence" or not token.map:
            continue
        words = token.info.split()
        if IGNORE_WORD in (w.lower() for w in words[1:]) or _illustration_comment(previous):
            continue
        yield token, (words[0].lower() if words else "")


def _illustration_comment(token) -> bool:
    """Whether `token` is the `<!-- designlint-ignore -->` comment that marks the next fence an illustration."""
    return token is not None and token.type == "html_block" and bool(_IGNORE_COMMENT.match(token.content))


_TOP_KEY = {name: re.compile(rf"^[\"']?{name}[\"']?\s*:", re.MULTILINE) for name in ("system", "components")}


def near_designs(text: str) -> list[int]:
    """The 1-based lines of ```yaml fences that hold top-level `system:` and `components:` but no
    `designlint:` key: designs but for their first line, which design_blocks() passes over."""
    found = []
    for token, tag in _fences(text):
        content = token.content
        if tag in YAML_INFOS and not _DESIGN_KEY.search(content) \
                and all(key.search(content) for key in _TOP_KEY.values()):
            found.append(token.map[0] + 1)
    return found


def _indent(lines: list[str], first: int, content: str) -> int:
    """How many characters (list indentation, `> ` quote markers) stand before the content."""
    for i, content_line in enumerate(editor_lines(content)):
        if content_line.strip() and first + i < len(lines):
            source = lines[first + i]
            if source.endswith(content_line):
                return len(source) - len(content_line)
            break
    return 0


def has_designs(path: str) -> bool:
    """Whether a Markdown file holds at least one design (for directory walks)."""
    from designlint.errors import InputError
    from designlint.loading.yamlsource import read_bytes

    try:
        data = read_bytes(path)
    except InputError as exc:
        return exc.message.startswith("is larger")  # let the check say it is too big; skip devices and FIFOs
    if b"designlint" not in data:
        return False
    try:
        return bool(design_blocks(data.decode("utf-8-sig")))
    except UnicodeDecodeError:
        return True  # let the check report the bad encoding
