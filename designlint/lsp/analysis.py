"""One document read, linted and indexed: what every feature of the server asks.

`analyse(text, path)` reads each design of a YAML or Markdown document as
`check` does (the same loader, engine and project config), then indexes
where each component id is defined and named (fallbacks, action gates and
appeals, flow ends) and where each key stands, with spans on LSP lines
(positions.Span, code points). It never raises: a bug of ours becomes an
input-error-like message, so the server keeps running.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from functools import cached_property

from designlint.lsp import engine_bridge as lib
from designlint.lsp.positions import UTF16, SourceText, Span

# Where a component id is named, and the field that names it.
DEFINITION = "definition"
REF_FIELDS = ("fallback", "gate", "appeal")


@dataclass(frozen=True)
class Symbol:
    """A component id where it is defined or named. `design` is the design's index in the
    document (a Markdown file may hold several); `role` is DEFINITION, a field name or `flow`."""

    id: str
    design: int
    span: Span
    role: str


@dataclass(frozen=True)
class Key:
    """A mapping key of a design: its path of keys and list indexes from the top, and its span."""

    path: tuple
    design: int
    span: Span


@dataclass(frozen=True)
class Problem:
    """Something to show: a finding (with `finding`), or an input error or a config warning
    (`finding` None, `severity` "error" or "warning")."""

    span: Span
    message: str
    finding: lib.Finding | None = None
    design: int | None = None
    severity: str = "error"


@dataclass
class Analysis:
    """Everything known about one version of a document."""

    path: str
    source: SourceText
    reads: list = field(default_factory=list)  # lib.DesignRead per design block
    blocks: list[tuple[int, int]] = field(default_factory=list)  # first and last line of each design block
    problems: list[Problem] = field(default_factory=list)
    registry: object = None
    parsed: bool = True  # False when a block could not be read as YAML at all

    @cached_property
    def symbols(self) -> list[Symbol]:
        """Every component id where it is defined or named, in document order (made on first use:
        diagnostics do not need it)."""
        found: list[Symbol] = []
        for design, read in enumerate(self.reads):
            if read.data is not None:
                _symbols(found, design, self.source, read.data)
        return sorted(found, key=lambda s: s.span)

    @cached_property
    def keys(self) -> list[Key]:
        """Every mapping key of every design, in document order (made on first use)."""
        found: list[Key] = []
        for design, read in enumerate(self.reads):
            if read.data is not None:
                _keys(found, design, self.source, read.data)
        return sorted(found, key=lambda k: k.span)

    def components(self, design: int) -> dict:
        data = self.reads[design].data if 0 <= design < len(self.reads) else None
        comps = data.get("components") if isinstance(data, lib.MarkedMap) else None
        return comps if isinstance(comps, lib.MarkedMap) else {}

    def symbol_at(self, line: int, column: int) -> Symbol | None:
        for symbol in self.symbols:
            if symbol.span.contains(line, column):
                return symbol
        return None

    def key_at(self, line: int, column: int) -> Key | None:
        for key in self.keys:
            if key.span.contains(line, column):
                return key
        return None

    def design_at(self, line: int) -> int | None:
        """The index of the design whose block holds `line` (0-based), or None."""
        for i, (first, last) in enumerate(self.blocks):
            if first <= line <= last:
                return i
        return None


def analyse(text: str, path: str, encoding: str = UTF16) -> Analysis:
    """Read, lint and index a document; `path` is its file (it finds the project config)."""
    markdown = lib.is_markdown(path)
    source = SourceText(text, encoding, yaml_lines=not markdown)
    result = Analysis(path, source)
    try:
        _analyse(result, text, path)
    except Exception as exc:  # a bug of ours: shown, never fatal to the server
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        result.problems = [Problem(Span(0, 0, 0), f"designlint: internal error: {detail} (please report it)")]
    return result


def _analyse(result: Analysis, text: str, path: str) -> None:
    source = result.source
    settings = lib.project(os.path.dirname(os.path.abspath(path)))
    result.registry = settings.registry
    for error in settings.errors:
        result.problems.append(Problem(Span(0, 0, 0), f"configuration: {error}"))
    for warning in settings.config.warnings:
        result.problems.append(Problem(Span(0, 0, 0), f"configuration: {warning}", severity="warning"))
    for index, block in enumerate(lib.design_blocks(text, path)):
        read = lib.read_block(block, path)
        result.reads.append(read)
        result.blocks.append((block.line_offset, block.line_offset + block.text.count("\n")))
        result.parsed = result.parsed and read.data is not None
        for error in read.errors:
            result.problems.append(Problem(source.span(error.line, error.column), error.message, None, index))
        if read.design is not None:
            findings, errors = lib.lint(read.design, settings)
            for error in errors:
                result.problems.append(Problem(Span(0, 0, 0), f"baseline: {error}"))
            for finding in findings:
                result.problems.append(Problem(_finding_span(result, finding, index), finding.message, finding, index))


def _finding_span(result: Analysis, finding, design: int) -> Span:
    """The finding's node; an unknown id inside a flow string `a -> b` narrows to that id."""
    loc = finding.location
    span = result.source.span(loc.line, loc.column)
    if finding.rule == "unknown-reference":
        text = result.source.line_text(span.line)
        token, start = text[span.start:span.end], span.start
        if token[:1] in ("'", '"'):
            token, start = token[1:-1], start + 1
        known = result.components(design)
        for cid, place in _chain(text, span.line, start, token):
            if cid not in known and f"`{cid}`" in finding.message:
                return place
    return span


def _keys(keys: list, design: int, source: SourceText, data) -> None:
    stack = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, lib.MarkedMap):
            for key, value in node.items():
                if isinstance(key, str):
                    keys.append(Key(path + (key,), design, source.span(*node.key_marks[key], key)))
                stack.append((path + (key,), value))
        elif isinstance(node, lib.MarkedSeq):
            stack.extend((path + (i,), item) for i, item in enumerate(node))


def _symbols(symbols: list, design: int, source: SourceText, data) -> None:
    def at(mark, expected=None) -> Span:
        return source.span(mark[0], mark[1], expected)

    comps = data.get("components")
    if isinstance(comps, lib.MarkedMap):
        for cid, body in comps.items():
            symbols.append(Symbol(str(cid), design, at(comps.key_marks[cid], str(cid)), DEFINITION))
            if not isinstance(body, lib.MarkedMap):
                continue
            _refs(symbols, design, at, body, "fallback")
            actions = body.get("actions")
            for action in actions if isinstance(actions, lib.MarkedSeq) else ():
                if isinstance(action, lib.MarkedMap):
                    _refs(symbols, design, at, action, "gate")
                    _refs(symbols, design, at, action, "appeal")
    flows = data.get("flows")
    for i, entry in enumerate(flows if isinstance(flows, lib.MarkedSeq) else ()):
        if isinstance(entry, str):
            whole = at(flows.item_marks[i])
            text = source.line_text(whole.line)
            start = whole.start + (text[whole.start:whole.start + 1] in ("'", '"'))
            symbols.extend(Symbol(cid, design, place, "flow") for cid, place in _chain(text, whole.line, start, entry))
        elif isinstance(entry, lib.MarkedMap):
            _refs(symbols, design, at, entry, "from")
            _refs(symbols, design, at, entry, "to")


def _refs(symbols, design, at, mapping, name) -> None:
    value = mapping.get(name)
    if isinstance(value, str) and value:
        symbols.append(Symbol(value, design, at(mapping.value_marks[name], value), name))
    elif isinstance(value, lib.MarkedSeq):
        for i, item in enumerate(value):
            if isinstance(item, str) and item:
                symbols.append(Symbol(item, design, at(value.item_marks[i], item), name))


def _chain(text: str, row: int, start: int, entry: str):
    """(id, Span) of each id of a flow string `a -> b -> c` that starts at `start` of line `row`.

    A string written over several lines gives only the ids found on its first line.
    """
    cursor = start
    for end in (part.strip() for part in entry.split("->")):
        at = text.find(end, cursor) if end else -1
        if at == -1:
            return
        yield end, Span(row, at, at + len(end))
        cursor = at + len(end)
