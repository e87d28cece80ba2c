"""What the server answers: diagnostics, hover, definition, references, completion, code actions.

Each function takes an `Analysis` (analysis.py) and places in code points on
LSP lines, and returns lsprotocol values whose positions are in the client's
code units (SourceText.units). None of them changes any state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsprotocol import types as lsp

from designlint.lsp import engine_bridge as lib
from designlint.lsp.analysis import DEFINITION, Analysis, Problem
from designlint.lsp.positions import SourceText, Span

SOURCE = "designlint"
DEFAULT_DOCS_URL = "https://designlint.dev/rules/{rule}"
WAIVED_AS_HINT, WAIVED_OMITTED = "hint", "omit"
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

_SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Settings:
    """What the client may set (initializationOptions, or the `designlint` section of its settings).

    `waived`: WAIVED_AS_HINT shows waived and baselined findings as hints, WAIVED_OMITTED leaves
    them out. `docs_url`: the rule documentation link, `{rule}` standing for the rule id.
    `debounce_ms`: how long the server waits after a change before it lints (milliseconds).
    """

    waived: str = WAIVED_AS_HINT
    docs_url: str = DEFAULT_DOCS_URL
    debounce_ms: int = 50

    @classmethod
    def from_client(cls, options, base: "Settings | None" = None) -> "Settings":
        """Settings from a JSON object such as {"waived": "omit", "debounceMs": 100}; unknown or
        ill-typed values keep `base`'s."""
        base = base or cls()
        if isinstance(options, dict) and isinstance(options.get("designlint"), dict):
            options = options["designlint"]
        if not isinstance(options, dict):
            return base
        waived = options.get("waived", base.waived)
        url = options.get("ruleDocsUrl", base.docs_url)
        debounce = options.get("debounceMs", base.debounce_ms)
        return cls(
            waived if waived in (WAIVED_AS_HINT, WAIVED_OMITTED) else base.waived,
            url if isinstance(url, str) and url else base.docs_url,
            debounce if isinstance(debounce, int) and not isinstance(debounce, bool) and 0 <= debounce <= 5000
            else base.debounce_ms,
        )


def to_range(source: SourceText, span: Span) -> lsp.Range:
    return lsp.Range(lsp.Position(span.line, source.units(span.line, span.start)),
                     lsp.Position(span.line, source.units(span.line, span.end)))


def _span(source: SourceText, position: lsp.Position) -> tuple[int, int]:
    return position.line, source.column(position.line, position.character)


# Diagnostics ----------------------------------------------------------------------------


def diagnostics(analysis: Analysis, settings: Settings) -> list[lsp.Diagnostic]:
    """One diagnostic per finding and input error, in the order of the document."""
    out = []
    for problem in analysis.problems:
        diagnostic = _diagnostic(analysis.source, problem, settings)
        if diagnostic is not None:
            out.append(diagnostic)
    return out


def _diagnostic(source: SourceText, problem: Problem, settings: Settings) -> lsp.Diagnostic | None:
    finding = problem.finding
    if finding is None:
        return lsp.Diagnostic(to_range(source, problem.span), problem.message, lsp.DiagnosticSeverity.Error,
                              source=SOURCE)
    accepted = finding.waived or finding.baselined
    if accepted and settings.waived == WAIVED_OMITTED:
        return None
    message = finding.message
    if finding.waived:
        message = f"waived ({finding.waive_reason}): {message}"
    elif finding.baselined:
        message = f"in the baseline: {message}"
    return lsp.Diagnostic(
        to_range(source, problem.span), message,
        lsp.DiagnosticSeverity.Hint if accepted else _SEVERITY[finding.severity.value],
        code=finding.rule,
        code_description=lsp.CodeDescription(settings.docs_url.replace("{rule}", finding.rule)),
        source=SOURCE,
    )


# Hover ------------------------------------------------------------------------------------


def hover(analysis: Analysis, position: lsp.Position) -> lsp.Hover | None:
    """About the component id, the waived rule id or the field under the cursor."""
    line, column = _span(analysis.source, position)
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
        return f"{_code(rule_id)} is not a rule{_escape(lib.suggest(rule_id, lib.rule_ids(analysis.registry)))}"
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
    symbol = analysis.symbol_at(*_span(analysis.source, position))
    if symbol is None:
        return []
    return [_location(uri, analysis, s.span) for s in analysis.symbols
            if s.design == symbol.design and s.id == symbol.id and s.role == DEFINITION]


def references(analysis: Analysis, uri: str, position: lsp.Position, declaration: bool) -> list[lsp.Location]:
    """Every place that names the component id under the cursor, in document order."""
    symbol = analysis.symbol_at(*_span(analysis.source, position))
    if symbol is None:
        return []
    return [_location(uri, analysis, s.span) for s in analysis.symbols
            if s.design == symbol.design and s.id == symbol.id and (declaration or s.role != DEFINITION)]


# Completion ----------------------------------------------------------------------------------

_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([^\s#:{}\[\],'\"-][^:#{}\[\],]*?)\s*:(?:\s|$)")
_ID_FIELD = re.compile(r"(?:^|[\s{,])(fallback|gate|appeal|from|to)\s*:\s*\[?\s*(?:[^,\[\]{}]+,\s*)*(?P<word>[^\s,\[\]{}]*)$")
_KIND_FIELD = re.compile(r"(?:^|[\s{,])kind\s*:\s*(?P<word>[^\s,{}]*)$")
_ITEM = re.compile(r"^\s*-\s+(?P<rest>[^:{}\[\]#]*)$")
_BARE_KEY = re.compile(r"^\s*(?P<word>[A-Za-z0-9_-]*)$")


def _parents(source: SourceText, row: int, indent: int) -> list[str]:
    """The keys that enclose a line indented by `indent`, outermost first, found by indentation
    alone (so that a document in the middle of an edit still has a context)."""
    keys = []
    for above in range(row - 1, -1, -1):
        text = source.line_text(above)
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


def completion(analysis: Analysis, fallback: Analysis | None, position: lsp.Position) -> lsp.CompletionList:
    """Component ids where an id is expected, kinds after `kind:`, rule ids under `waive:`.

    `fallback` is the last analysis that could be read, for its ids while the text is broken.
    """
    source = analysis.source
    row, column = _span(source, position)
    before = source.line_text(row)[:column]
    indent = len(before) - len(before.lstrip())
    parents = _parents(source, row, indent if before.strip() else column + 1)
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


# Code actions ----------------------------------------------------------------------------


def code_actions(analysis: Analysis, uri: str, wanted: lsp.Range, settings: Settings) -> list[lsp.CodeAction]:
    """Quick fixes for the problems on the lines of `wanted`: the did-you-mean spelling, a waiver
    with a reason to fill in, and the missing field with a placeholder."""
    first, last = wanted.start.line, wanted.end.line
    actions = []
    for problem in analysis.problems:
        if not first <= problem.span.line <= last:
            continue
        diagnostic = _diagnostic(analysis.source, problem, settings)
        found = [_did_you_mean(analysis, problem), _missing_field(analysis, problem), _waiver(analysis, problem)]
        for title, edits in filter(None, found):
            actions.append(lsp.CodeAction(
                title, kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic] if diagnostic is not None else None,
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
        if match is None or problem.design is None:
            return None
        name = match.group("field")
        placeholder = f'"TODO: {name}"'
        target = _mapping_at(analysis, problem)
        where = "it"
    if not isinstance(target, lib.MarkedMap) or not target or name in target:
        return None
    return f"Add `{name}` to {where}", [_insert_field(analysis.source, target, name, placeholder)]


def _mapping_at(analysis: Analysis, problem: Problem):
    """The mapping whose key (or, for the top level, whose first key) stands where an error points."""
    data = analysis.reads[problem.design].data
    if data is None:
        return None
    span = problem.span
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, lib.MarkedMap):
            if node is data and analysis.source.place(*node.mark) == (span.line, span.start):
                return node
            for key, value in node.items():
                line, column = analysis.source.place(*node.key_marks[key])
                if (line, column) == (span.line, span.start) and isinstance(value, lib.MarkedMap):
                    return value
                stack.append(value)
        elif isinstance(node, lib.MarkedSeq):
            stack.extend(node)
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
    prefix = text[:column]
    indent = prefix.replace("-", " ").replace("?", " ")
    if nested:
        entry = f"{key}:\n{indent}  {nested}: {value}"
    else:
        entry = f"{key}: {value}"
    if indent != prefix:  # a mapping that is a list item: the dash stays on the first line
        at = lsp.Position(row, source.units(row, column))
        return lsp.TextEdit(lsp.Range(at, at), f"{entry}\n{indent}")
    at = lsp.Position(row, 0)
    return lsp.TextEdit(lsp.Range(at, at), f"{prefix}{entry}\n")
