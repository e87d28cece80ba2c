"""The diff as one JSON object, FORMAT.md's shape ("Comparing two versions"), with two additions.

    {"removed_safeguards": [{"component", "what", "detail", "system", "file", "line", "column"}],
     "components": {"added": [id], "removed": [id], "changed": {id: [field]}},
     "flows": {"added": ["a -> b"], "removed": ["c -> d (feedback: label)"]},
     "findings": {"introduced": [finding], "fixed": [finding], "unchanged": n},
     "systems": {"compared": [name], "added": [name], "removed": [name]},
     "errors": [input error],
     "summary": {"introduced": n, "fixed": n, "removed_safeguards": n, "fail_on": "error", "exit_code": 0|1|2}}

A finding is the object `check --format json` prints. When more than one
system is compared, ids and flows are written `system/id`. `systems` and
`errors` are additions; the keys FORMAT.md names are all there.
"""

from __future__ import annotations

import json


def format(diff) -> str:
    changed: dict[str, list[str]] = {}
    for c in diff.components_changed:
        changed[diff.name(c.system, c.component)] = list(c.fields)
    document = {
        "removed_safeguards": [
            {"component": diff.name(s.system, s.component), "what": s.what, "detail": s.detail, "system": s.system,
             "file": s.location.file, "line": s.location.line, "column": s.location.column}
            for s in diff.removed_safeguards
        ],
        "components": {
            "added": [diff.name(c.system, c.text) for c in diff.components_added],
            "removed": [diff.name(c.system, c.text) for c in diff.components_removed],
            "changed": changed,
        },
        "flows": {
            "added": [diff.name(f.system, f.text) for f in diff.flows_added],
            "removed": [diff.name(f.system, f.text) for f in diff.flows_removed],
        },
        "findings": {
            "introduced": [f.to_dict() for f in diff.introduced],
            "fixed": [f.to_dict() for f in diff.fixed],
            "unchanged": diff.unchanged,
        },
        "systems": {"compared": diff.systems, "added": diff.systems_added, "removed": diff.systems_removed},
        "errors": [e.to_dict() for e in diff.errors],
        "summary": {
            "introduced": len(diff.introduced),
            "fixed": len(diff.fixed),
            "removed_safeguards": len(diff.removed_safeguards),
            "fail_on": diff.fail_on.value,
            "exit_code": diff.exit_code,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
