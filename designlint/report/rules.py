"""The rules of a run as a table or JSON (`designlint rules`), and one rule's docs (`designlint explain`)."""

from __future__ import annotations

import json


def listing(specs, fmt: str = "text") -> str:
    """`specs` (RuleSpecs) as a text table (RULE, SEVERITY, SUMMARY) or a JSON list of objects."""
    if fmt == "json":
        rows = [{"id": s.id, "severity": s.severity.value, "summary": s.summary, "origin": s.origin,
                 "source": s.source, "enabled": s.enabled} for s in specs]
        return json.dumps(rows, indent=2) + "\n"
    width = max(len(s.id) for s in specs)
    lines = [f"{'RULE':<{width}}  {'SEVERITY':<8}  SUMMARY"]
    lines += [f"{s.id:<{width}}  {s.severity.value if s.enabled else 'off':<8}  {s.summary}" for s in specs]
    return "\n".join(lines) + "\n"


def explanation(spec) -> str:
    """A rule's id, default severity, origin, defining file, summary and docs."""
    where = f"; defined in {spec.source}" if spec.source else ""
    return f"{spec.id}  (default severity: {spec.severity.value}; {spec.origin}{where})\n\n{spec.summary}\n\n" \
           f"{spec.doc.rstrip()}\n"
