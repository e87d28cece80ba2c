"""The rules of a run as a table or JSON (`designlint rules`), and one rule's docs (`designlint explain`)."""

from __future__ import annotations

import json


def listing(specs, fmt: str = "text") -> str:
    """`specs` (RuleSpecs) as a text table (RULE, SEVERITY, SUMMARY) or a JSON list of objects."""
    if fmt == "json":
        rows = [{"id": s.id, "severity": s.severity.value, "summary": s.summary, "origin": s.origin,
                 "source": s.source, "enabled": s.enabled, "references": list(s.references)} for s in specs]
        return json.dumps(rows, indent=2) + "\n"
    width = max(len(s.id) for s in specs)
    lines = [f"{'RULE':<{width}}  {'SEVERITY':<8}  SUMMARY"]
    lines += [f"{s.id:<{width}}  {s.severity.value if s.enabled else 'off':<8}  {s.summary}" for s in specs]
    return "\n".join(lines) + "\n"


def explanation(spec) -> str:
    """A rule's id, default severity, origin, defining file, summary, docs and framework references."""
    where = f"; defined in {spec.source}" if spec.source else ""
    return f"{spec.id}  (default severity: {spec.severity.value}; {spec.origin}{where})\n\n{spec.summary}\n\n" \
           f"{spec.doc.rstrip()}\n\n{references_text(spec)}"


def references_text(spec) -> str:
    """The 'References' section of a rule's docs: one line per clause, with its title, and the disclaimer."""
    from designlint.rules.frameworks import DISCLAIMER, frameworks

    known = frameworks()
    lines = ["References:"]
    for ref in spec.references:
        name, _, clause = ref.partition(":")
        fw = known.get(name)
        title = fw.clauses.get(clause) if fw else None
        lines.append(f"  {ref}" + (f"  {title} ({fw.title})" if title else ""))
    if not spec.references and spec.origin.startswith("pack "):
        lines.append("  none declared (a pack rule lists its clauses under `references:`)")
    elif not spec.references:
        lines.append("  none: no clause of the frameworks designlint cites supports this rule")
    lines.append("")
    lines.append(DISCLAIMER)
    return "\n".join(lines) + "\n"


def coverage(specs, name: str, fmt: str = "text") -> str:
    """Framework `name`'s clauses, each with the rules (of `specs`) that cite it, as a table or JSON.
    A clause no rule cites is listed with none, so a reviewer sees what is not covered."""
    from designlint.rules.frameworks import DISCLAIMER, frameworks

    framework = frameworks()[name]
    rows = [{"clause": f"{name}:{clause}", "title": title, "rules": rules}
            for clause, title, rules in _coverage(specs, name)]
    if fmt == "json":
        return json.dumps({"framework": name, "title": framework.title, "url": framework.url, "clauses": rows},
                          indent=2) + "\n"
    width = max(len(r["clause"]) for r in rows)
    lines = [f"{framework.title} ({framework.url})", "", f"{'CLAUSE':<{width}}  RULES  (TITLE)"]
    for r in rows:
        lines.append(f"{r['clause']:<{width}}  {', '.join(r['rules']) or '-'}  ({r['title']})")
    covered = sum(1 for r in rows if r["rules"])
    lines += ["", f"{covered} of {len(rows)} clauses covered by a rule.", DISCLAIMER]
    return "\n".join(lines) + "\n"


def _coverage(specs, name):
    from designlint.rules.frameworks import coverage as table

    return table(specs, name)
