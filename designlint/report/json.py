"""One JSON object: findings, input errors, files and a summary (FORMAT.md's machine output)."""

from __future__ import annotations

from designlint import __version__
from designlint.util.escape import json_text


def format(report, *, color: bool = False) -> str:
    c = report.counts
    document = {
        "version": __version__,
        "findings": [_finding(f, report) for f in report.findings],
        "errors": [e.to_dict() for e in report.errors],
        "files": list(report.files),
        "summary": {
            "errors": c.errors,
            "warnings": c.warnings,
            "infos": c.infos,
            "waived": c.waived,
            "input_errors": len(report.errors),
            "files": len(report.files),
            "fail_on": report.fail_on.value,
            "exit_code": report.exit_code,
        },
    }
    if report.baseline is not None:
        document["summary"]["baselined"] = c.baselined
        document["baseline"] = report.baseline.to_dict()
    return json_text(document, indent=2) + "\n"


def _finding(f, report) -> dict:
    item = f.to_dict()
    if report.baseline is not None:  # the key is there only when a baseline was compared
        item["baselined"] = f.baselined
    return item
