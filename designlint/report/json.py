"""One JSON object: findings, input errors, files and a summary (FORMAT.md's machine output)."""

from __future__ import annotations

import json

from designlint import __version__


def format(report, *, color: bool = False) -> str:
    c = report.counts
    document = {
        "version": __version__,
        "findings": [f.to_dict() for f in report.findings],
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
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
