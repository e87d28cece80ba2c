"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run. The tool's rules carry their summary, documentation and default
level; each result points at a file URI relative to the working directory
(base id %SRCROOT%) with a line and column. A waived finding is a result
with an inSource suppression that gives the waiver's reason; a finding in
the baseline is an external suppression with baselineState `unchanged`.
Input errors are tool notifications, and make the invocation unsuccessful.
"""

from __future__ import annotations

from designlint.util.escape import json_text

import os
from pathlib import Path
from urllib.parse import quote

from designlint import __version__
from designlint.findings.baseline import fingerprint
from designlint.report.rules import references_text
from designlint.rules import Severity
from designlint.rules.frameworks import DISCLAIMER

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "designlintFingerprint/v2"  # v2: the design's system is part of it
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def format(report, *, color: bool = False) -> str:
    specs = _specs(report)
    index = {spec.id: i for i, spec in enumerate(specs)}
    run = {
        "tool": {"driver": {
            "name": "designlint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule(spec) for spec in specs],
        }},
        "invocations": [_invocation(report)],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index, report.baseline is not None) for f in report.findings],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_text(log, indent=2) + "\n"


def _specs(report) -> list:
    specs = list(report.rules)
    if not specs:
        from designlint.rules.registry import builtin_registry as default_registry

        specs = list(default_registry())
    known = {s.id for s in specs}
    missing = sorted({f.rule for f in report.findings} - known)
    if missing:  # a report built by hand may name rules it did not bring
        from designlint.rules import RuleSpec

        specs += [RuleSpec(rule_id, Severity.WARNING, rule_id, None) for rule_id in missing]
    return specs


def _rule(spec) -> dict:
    description = _first_paragraph(spec.doc) or spec.summary
    rule = {
        "id": spec.id,
        "name": _pascal(spec.id),
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": description},
        "defaultConfiguration": {"level": _LEVELS[spec.severity], **({} if spec.enabled else {"enabled": False})},
        "properties": {"origin": spec.origin, "tags": list(spec.references)},
    }
    if spec.doc:
        rule["help"] = {"text": f"{spec.doc.rstrip()}\n\n{references_text(spec)}", "markdown": _markdown_help(spec)}
    return rule


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace("_", "-").split("-"))


def _first_paragraph(doc: str) -> str:
    """What the rule checks: its "What it checks:" section, or a pack's first paragraph when it has none."""
    from designlint.rules import doc_sections

    checks = doc_sections(doc).get("What it checks")
    return checks[:1].upper() + checks[1:] if checks else " ".join(doc.strip().split("\n\n", 1)[0].split())


def _markdown_help(spec) -> str:
    """The rule's docs, section by section, with its Fails::/Passes:: designs as YAML code blocks.

    A user's pack rule whose docs have no labelled sections gives its prose
    (up to the first design) and then its designs.
    """
    parts = []
    sections = spec.sections
    if not any(name in sections for name in ("What it checks", "Why it matters")):
        prose = []
        for line in spec.doc.splitlines():
            if line.strip() in ("Fails::", "Passes::"):
                break
            prose.append(line)
        parts.append("\n".join(prose).strip())
    for name, text in sections.items():
        if name in ("Fails", "Passes"):
            parts.append(f"**{name}:**\n\n```yaml\n{text}```")
        else:
            parts.append(f"**{name}:** {text}")
    parts.append("**Framework clauses:** " + (", ".join(f"`{ref}`" for ref in spec.references) or "none") + ".\n\n"
                 + DISCLAIMER)
    return "\n\n".join(p for p in parts if p) + "\n"


def artifact_uri(file: str) -> dict:
    """An artifactLocation: relative to the working directory when the file is under it."""
    absolute = os.path.abspath(file)
    rel = os.path.relpath(absolute)
    if rel.startswith(os.pardir):
        return {"uri": Path(absolute).as_uri()}
    return {"uri": quote(rel.replace(os.sep, "/")), "uriBaseId": SRCROOT}


def _location(file: str, line: int, column: int) -> dict:
    physical = {"artifactLocation": artifact_uri(file)}
    if line:
        physical["region"] = {"startLine": line, "startColumn": max(column, 1)}
    return {"physicalLocation": physical}


def _result(f, index: dict, with_baseline: bool) -> dict:
    location = _location(f.location.file, f.location.line, f.location.column)
    if f.component:
        location["logicalLocations"] = [{"name": f.component}]
    uri = location["physicalLocation"]["artifactLocation"]["uri"]
    result = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": _LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f.rule, uri, f.component, f.subject, f.system or "")},
    }
    suppressions = []
    if f.waived:
        suppressions.append({"kind": "inSource", "status": "accepted", "justification": f.waive_reason or ""})
    if f.baselined:
        suppressions.append({"kind": "external", "status": "accepted", "justification": "recorded in the baseline"})
    if suppressions:
        result["suppressions"] = suppressions
    if with_baseline:
        result["baselineState"] = "unchanged" if f.baselined else "new"
    return result


def _invocation(report) -> dict:
    invocation = {"executionSuccessful": not report.errors}
    if report.errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": e.message}, "locations": [_location(e.file, e.line, e.column)]}
            for e in report.errors
        ]
    return invocation
