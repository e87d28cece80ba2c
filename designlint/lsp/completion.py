"""Completion: component ids where an id is expected, kinds after `kind:`, rule ids under `waive:`.

The context comes from the text before the cursor and the keys that enclose
its line by indentation, not from the parsed YAML: a line being typed is
often not valid YAML yet.
"""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from designlint.lsp import engine_bridge as lib
from designlint.lsp.analysis import Analysis
from designlint.lsp.diagnostics import cursor
from designlint.lsp.positions import SourceText

_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([^\s#:{}\[\],'\"-][^:#{}\[\],]*?)\s*:(?:\s|$)")
_ID_FIELD = re.compile(r"(?:^|[\s{,])(fallback|gate|appeal|from|to)\s*:\s*\[?\s*"
                       r"(?:[^,\[\]{}]+,\s*)*(?P<word>[^\s,\[\]{}]*)$")
_KIND_FIELD = re.compile(r"(?:^|[\s{,])kind\s*:\s*(?P<word>[^\s,{}]*)$")
_ITEM = re.compile(r"^\s*-\s+(?P<rest>[^:{}\[\]#]*)$")
_BARE_KEY = re.compile(r"^\s*(?P<word>[A-Za-z0-9_-]*)$")
_QUOTE_MARKERS = re.compile(r"^(?:[ \t]*>)+")


def _line(source: SourceText, row: int, markdown: bool) -> str:
    """A line as YAML sees it: in Markdown, the `>` markers of a quoted fence become spaces."""
    text = source.line_text(row)
    return _QUOTE_MARKERS.sub(lambda m: " " * len(m.group()), text) if markdown else text


def _parents(source: SourceText, row: int, indent: int, markdown: bool) -> list[str]:
    """The keys that enclose a line indented by `indent`, outermost first, found by indentation
    alone (so that a document in the middle of an edit still has a context)."""
    keys = []
    for above in range(row - 1, -1, -1):
        text = _line(source, above, markdown)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        width = len(text) - len(text.lstrip())
        if width >= indent:
            continue
        match = _KEY_LINE.match(text)
        if match:
            keys.append(match.group(2).strip())
        indent = width
        if width == 0:
            break
    return keys[::-1]


def complete(analysis: Analysis, fallback: Analysis | None, position: lsp.Position) -> lsp.CompletionList:
    """Component ids where an id is expected, kinds after `kind:`, rule ids under `waive:`.

    `fallback` is the last analysis that could be read, for its ids while the text is broken.
    """
    source = analysis.source
    row, column = cursor(source, position)
    markdown = lib.is_markdown(analysis.path)
    before = _line(source, row, markdown)[:column]
    indent = len(before) - len(before.lstrip())
    parents = _parents(source, row, indent if before.strip() else column + 1, markdown)
    items: list[lsp.CompletionItem] = []
    word = ""
    id_field, kind_field, item = _ID_FIELD.search(before), _KIND_FIELD.search(before), _ITEM.match(before)
    if id_field:
        word = id_field.group("word")
        items = _id_items(analysis, fallback, row)
    elif kind_field:
        word = kind_field.group("word")
        in_flows = bool(parents) and parents[0] == "flows"
        choices = lib.flow_kinds() if in_flows else lib.kinds()
        items = [lsp.CompletionItem(k, kind=lsp.CompletionItemKind.EnumMember,
                                    detail="flow kind" if in_flows else "component kind") for k in choices]
    elif item and parents and parents[-1] in ("flows", "fallback"):
        word = item.group("rest").rsplit("->", 1)[-1].lstrip()
        items = _id_items(analysis, fallback, row)
    elif parents and parents[-1] == "waive" and _BARE_KEY.match(before):
        word = _BARE_KEY.match(before).group("word")
        registry = analysis.registry
        items = [lsp.CompletionItem(r, kind=lsp.CompletionItemKind.Keyword, detail=lib.rule_doc(r, registry)[0])
                 for r in lib.rule_ids(registry)]
    edit_range = lsp.Range(lsp.Position(row, source.units(row, column - len(word))), position)
    for entry in items:
        entry.text_edit = lsp.TextEdit(edit_range, entry.label)
    return lsp.CompletionList(is_incomplete=False, items=items)


def _id_items(analysis: Analysis, fallback: Analysis | None, row: int) -> list[lsp.CompletionItem]:
    for candidate in (analysis, fallback):
        if candidate is None:
            continue
        design = candidate.design_at(row)
        comps = candidate.components(design) if design is not None else {}
        if comps:
            return [lsp.CompletionItem(str(cid), kind=lsp.CompletionItemKind.Reference,
                                       detail=str(body.get("kind", "")) if isinstance(body, dict) else None)
                    for cid, body in comps.items()]
    return []
