"""Code actions: quick fixes for the problems on the lines asked about.

- a misspelt reference or rule id: the did-you-mean suggestion of its message;
- a finding on a component: a waiver with a reason to fill in (never empty);
- a missing field (a finding such as missing-owner, or a schema error such as
  a component without `kind`): the field with a placeholder to fill in.

Edits keep the style of the mapping they go into: a line before its first
key in block style (with the same prefix, so a `> ` quote marker in Markdown
stays), an entry after `{` in flow style.
"""

from __future__ import annotations

import json
import re

from lsprotocol import types as lsp

from designlint.lsp import engine_bridge as lib
from designlint.lsp.analysis import Analysis, Problem
from designlint.lsp.diagnostics import diagnostic, to_range
from designlint.lsp.positions import SourceText, Span
from designlint.lsp.settings import Settings

REASON_PLACEHOLDER = '"TODO: say why this finding is accepted"'

# A finding of these rules is fixed by a field on its component: the field and a placeholder
# to fill in (a TODO the eye finds, and that grep finds).
MISSING_FIELDS = {
    "missing-owner": ("owner", '"TODO: the team that answers for it"'),
    "missing-fallback": ("fallback", '"TODO: the id of what takes over when it fails"'),
    "missing-error-budget": ("error_budget", '{availability: "TODO: e.g. 99.9%"}'),
}
_DID_YOU_MEAN = re.compile(r"did you mean `([^`]+)`\?")
_MISSING = (re.compile(r"has no `(?P<field>[^`]+)`"), re.compile(r"is missing `(?P<field>[^`]+)`"))


def code_actions(analysis: Analysis, uri: str, wanted: lsp.Range, settings: Settings) -> list[lsp.CodeAction]:
    """Quick fixes for the problems on the lines of `wanted`: the did-you-mean spelling, a waiver
    with a reason to fill in, and the missing field with a placeholder."""
    first, last = wanted.start.line, wanted.end.line
    actions = []
    for problem in analysis.problems:
        if not first <= problem.span.line <= last:
            continue
        shown = diagnostic(analysis.source, problem, settings)
        found = [_did_you_mean(analysis, problem), _missing_field(analysis, problem), _waiver(analysis, problem)]
        for title, edits in filter(None, found):
            actions.append(lsp.CodeAction(
                title, kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[shown] if shown is not None else None,
                edit=lsp.WorkspaceEdit(changes={uri: edits}),
            ))
    return actions


def _did_you_mean(analysis: Analysis, problem: Problem):
    match = _DID_YOU_MEAN.search(problem.message)
    if not match:
        return None
    span = problem.span
    token = analysis.source.line_text(span.line)[span.start:span.end]
    if token[:1] in ("'", '"') and len(token) >= 2 and token[-1] == token[0]:
        span = Span(span.line, span.start + 1, span.end - 1)
        token = token[1:-1]
    if not token or any(c.isspace() for c in token) or "->" in token:
        return None
    suggestion = match.group(1)
    return (f"Change `{token}` to `{suggestion}`",
            [lsp.TextEdit(to_range(analysis.source, span), suggestion)])


def _body(analysis: Analysis, problem: Problem, cid: str):
    if problem.design is None:
        return None
    body = analysis.components(problem.design).get(cid)
    return body if isinstance(body, lib.MarkedMap) and body else None


def _waiver(analysis: Analysis, problem: Problem):
    finding = problem.finding
    if finding is None or finding.waived or not finding.component or finding.rule == "unused-waiver":
        return None
    body = _body(analysis, problem, finding.component)
    if body is None:
        return None
    waive = body.get("waive")
    if isinstance(waive, lib.MarkedMap) and waive:
        edit = _insert_field(analysis.source, waive, finding.rule, REASON_PLACEHOLDER)
    elif "waive" in body:
        return None  # `waive:` written but empty: the user is at it
    else:
        edit = _insert_field(analysis.source, body, "waive", REASON_PLACEHOLDER, nested=finding.rule)
    return f"Waive `{finding.rule}` on `{finding.component}` (give the reason)", [edit]


def _missing_field(analysis: Analysis, problem: Problem):
    finding = problem.finding
    if finding is not None:
        if finding.rule not in MISSING_FIELDS or not finding.component or finding.waived:
            return None
        name, placeholder = MISSING_FIELDS[finding.rule]
        target = _body(analysis, problem, finding.component)
        where = f"`{finding.component}`"
    else:
        match = next((m for m in (p.search(problem.message) for p in _MISSING) if m), None)
        found = _mapping_at(analysis, problem) if match and problem.design is not None else None
        if found is None:
            return None
        name = match.group("field")
        path, target = found
        placeholder = _placeholder(path + (name,))
        where = "it"
    if placeholder is None or not isinstance(target, lib.MarkedMap) or not target or name in target:
        return None
    return f"Add `{name}` to {where}", [_insert_field(analysis.source, target, name, placeholder)]


def _placeholder(path: tuple) -> str | None:
    """A value to fill in for the field at `path`, from the design schema: its one allowed value,
    or a quoted TODO that names the choices; None for a field a placeholder cannot stand for
    (a mapping or a list: the user writes those)."""
    node = lib.field_schema(path) or {}
    if "const" in node:
        return json.dumps(node["const"])
    if "enum" in node:
        return json.dumps(f"TODO: one of {', '.join(map(str, node['enum']))}")
    types = node.get("type", "string")
    if "string" in (types if isinstance(types, list) else [types]):
        return json.dumps(f"TODO: {path[-1]}")
    return None


def _mapping_at(analysis: Analysis, problem: Problem):
    """(path, mapping) of the mapping that an error points at: by its key, its list item's dash,
    or (the top level) its first key; None if no mapping stands there."""
    data = analysis.reads[problem.design].data
    if data is None:
        return None
    where = (problem.span.line, problem.span.start)
    place = analysis.source.place
    if place(*data.mark) == where:
        return (), data
    stack = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, lib.MarkedMap):
            children = [(key, value, node.key_marks[key]) for key, value in node.items()]
        elif isinstance(node, lib.MarkedSeq):
            children = [(i, item, node.item_marks[i]) for i, item in enumerate(node)]
        else:
            continue
        for step, value, mark in children:
            if place(*mark) == where and isinstance(value, lib.MarkedMap):
                return path + (step,), value
            stack.append((path + (step,), value))
    return None


def _insert_field(source: SourceText, mapping, key: str, value: str, nested: str | None = None) -> lsp.TextEdit:
    """An edit that adds `key: value` as the first entry of a mapping, in its style (block or
    flow); with `nested`, `key:` holds a mapping `{nested: value}`."""
    row, column = source.place(*mapping.mark)
    text = source.line_text(row)
    if text[column:column + 1] == "{":
        entry = f"{key}: {{{nested}: {value}}}" if nested else f"{key}: {value}"
        empty = text[column + 1:].lstrip().startswith("}")
        at = lsp.Position(row, source.units(row, column + 1))
        return lsp.TextEdit(lsp.Range(at, at), entry if empty else f"{entry}, ")
    newline = source.newline
    prefix = text[:column]
    indent = prefix.replace("-", " ").replace("?", " ")
    if nested:
        entry = f"{key}:{newline}{indent}  {nested}: {value}"
    else:
        entry = f"{key}: {value}"
    if indent != prefix:  # a mapping that is a list item: the dash stays on the first line
        at = lsp.Position(row, source.units(row, column))
        return lsp.TextEdit(lsp.Range(at, at), f"{entry}{newline}{indent}")
    at = lsp.Position(row, 0)
    return lsp.TextEdit(lsp.Range(at, at), f"{prefix}{entry}{newline}")
