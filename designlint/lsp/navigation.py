"""Hover, go to definition and find references, from an Analysis."""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from designlint.lsp import engine_bridge as lib
from designlint.lsp.analysis import DEFINITION, Analysis
from designlint.lsp.diagnostics import cursor, to_range
from designlint.lsp.positions import Span


def hover(analysis: Analysis, position: lsp.Position) -> lsp.Hover | None:
    """About the component id, the waived rule id or the field under the cursor."""
    line, column = cursor(analysis.source, position)
    symbol = analysis.symbol_at(line, column)
    if symbol is not None:
        text = _component_hover(analysis, symbol.design, symbol.id)
        span = symbol.span
    else:
        key = analysis.key_at(line, column)
        if key is None:
            return None
        span = key.span
        if len(key.path) == 4 and key.path[0] == "components" and key.path[2] == "waive":
            text = _rule_hover(analysis, key.path[3])
        else:
            text = _field_hover(key.path)
    if text is None:
        return None
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text), to_range(analysis.source, span))


def _code(text) -> str:
    """Text as Markdown inline code, whatever backticks it holds."""
    text = str(text).replace("\n", " ")
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _escape(text) -> str:
    return re.sub(r"([\\`*_\[\]<>|#~])", r"\\\1", str(text))


def _component_hover(analysis: Analysis, design: int, cid: str) -> str:
    body = analysis.components(design).get(cid)
    if not isinstance(body, lib.MarkedMap):
        return f"{_code(cid)}: no such component in this design"
    lines = [f"**{_code(cid)}** ({_code(body.get('kind', '?'))})", ""]
    owner = body.get("owner")
    lines.append(f"owner: {_code(owner) if owner else '*none*'}")
    if isinstance(body.get("description"), str):
        lines += ["", _escape(body["description"])]
    found = [p.finding for p in analysis.problems
             if p.finding is not None and p.design == design and p.finding.component == cid]
    if found:
        lines += ["", "findings:"]
        for f in found:
            state = " (waived)" if f.waived else ""
            lines.append(f"- {_code(f.rule)} {f.severity.value}{state}: {_escape(f.message)}")
    else:
        lines += ["", "findings: none"]
    return "\n".join(lines)


def _rule_hover(analysis: Analysis, rule_id: str) -> str | None:
    doc = lib.rule_doc(rule_id, analysis.registry)
    if doc is None:
        # the suggestion is a registry id (lower-case words and hyphens): Markdown-safe as it is
        return f"{_code(rule_id)} is not a rule{lib.suggest(rule_id, lib.rule_ids(analysis.registry))}"
    summary, severity, text = doc
    fence = "```" + "`" * max((len(run) - 2 for run in re.findall(r"`{3,}", text)), default=0)
    return f"**{_code(rule_id)}** (default severity: {severity})\n\n{_escape(summary)}\n\n{fence}text\n{text}\n{fence}"


def _field_hover(path: tuple) -> str | None:
    node = lib.field_schema(path)
    description = node.get("description") if isinstance(node, dict) else None
    if not description:
        return None
    return f"**{_code(path[-1])}**: {description}"  # the schema's own text, written as Markdown


# Definition and references -----------------------------------------------------------------


def _location(uri: str, analysis: Analysis, span: Span) -> lsp.Location:
    return lsp.Location(uri, to_range(analysis.source, span))


def definition(analysis: Analysis, uri: str, position: lsp.Position) -> list[lsp.Location]:
    """Where the component id under the cursor is defined (none for an unknown id)."""
    symbol = analysis.symbol_at(*cursor(analysis.source, position))
    if symbol is None:
        return []
    return [_location(uri, analysis, s.span) for s in analysis.symbols
            if s.design == symbol.design and s.id == symbol.id and s.role == DEFINITION]


def references(analysis: Analysis, uri: str, position: lsp.Position, declaration: bool) -> list[lsp.Location]:
    """Every place that names the component id under the cursor, in document order."""
    symbol = analysis.symbol_at(*cursor(analysis.source, position))
    if symbol is None:
        return []
    return [_location(uri, analysis, s.span) for s in analysis.symbols
            if s.design == symbol.design and s.id == symbol.id and (declaration or s.role != DEFINITION)]
