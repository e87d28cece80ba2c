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
    lines = text.splitlines()
    blocks = []
    before = None  # the block before this one, containers aside
    for token in _parser().parse(text):
        if token.type in _CONTAINERS or token.nesting == -1 or not token.block:
            continue
        previous, before = before, token
        if token.type != "fence" or not token.map:
            continue
        words = token.info.split()
        tag = words[0].lower() if words else ""
        if IGNORE_WORD in (w.lower() for w in words[1:]) or _illustration_comment(previous):
            continue
        if tag == DESIGN_INFO or (tag in YAML_INFOS and _DESIGN_KEY.search(token.content)):
            first = token.map[0] + 1  # the line after the opening fence
            blocks.append(Block(token.content, first, _indent(lines, first, token.content)))
    return blocks


def _illustration_comment(token) -> bool:
    """Whether `token` is the `<!-- designlint-ignore -->` comment that marks the next fence an illustration."""
    return token is not None and token.type == "html_block" and bool(_IGNORE_COMMENT.match(token.content))


def _indent(lines: list[str], first: int, content: str) -> int:
    """How many characters (list indentation, `> ` quote markers) stand before the content."""
    for i, content_line in enumerate(content.splitlines()):
        if content_line.strip() and first + i < len(lines):
            source = lines[first + i]
            if source.endswith(content_line):
                return len(source) - len(content_line)
            break
    return 0


def has_designs(path: str) -> bool:
    """Whether a Markdown file holds at least one design (for directory walks)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    if b"designlint" not in data:
        return False
    try:
        return bool(design_blocks(data.decode("utf-8")))
    except UnicodeDecodeError:
        return True  # let the check report the bad encoding
