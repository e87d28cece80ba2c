"""Diagnostics: each finding and input error of an Analysis as an LSP Diagnostic.

The range is the finding's node (analysis.py), in the client's code units;
the severity is the finding's (a waived or baselined one a Hint, or left out,
as the settings say); the rule id is the `code`, with its documentation
link as `codeDescription` (LSP 3.17, "Diagnostic").
"""

from __future__ import annotations

from lsprotocol import types as lsp

from designlint.lsp.analysis import Analysis, Problem
from designlint.lsp.positions import SourceText, Span
from designlint.lsp.settings import WAIVED_OMITTED, Settings

SOURCE = "designlint"

_SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}


def to_range(source: SourceText, span: Span) -> lsp.Range:
    """A Span (code points) as an LSP Range in the client's code units."""
    return lsp.Range(lsp.Position(span.line, source.units(span.line, span.start)),
                     lsp.Position(span.line, source.units(span.line, span.end)))


def cursor(source: SourceText, position: lsp.Position) -> tuple[int, int]:
    """A client's Position (code units) as (line, code point column)."""
    return position.line, source.column(position.line, position.character)


def diagnostics(analysis: Analysis, settings: Settings) -> list[lsp.Diagnostic]:
    """One diagnostic per finding and input error, in the order of the document."""
    out = []
    for problem in analysis.problems:
        shown = diagnostic(analysis.source, problem, settings)
        if shown is not None:
            out.append(shown)
    return out


def diagnostic(source: SourceText, problem: Problem, settings: Settings) -> lsp.Diagnostic | None:
    """One problem as a Diagnostic; None for an accepted finding the settings leave out."""
    finding = problem.finding
    if finding is None:
        return lsp.Diagnostic(to_range(source, problem.span), problem.message, _SEVERITY[problem.severity],
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
