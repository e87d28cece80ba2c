"""The diff as a pull-request comment (GitHub Flavored Markdown).

A heading with the verdict, the removed safeguards first (a table, even when
no rule fires on them), the findings this change introduces, what changed in
the design (components and flows), and the fixed findings in a closed
<details>. User strings are escaped by designlint.util.markdown.
"""

from __future__ import annotations

from designlint.report.markdown import findings_table
from designlint.util.markdown import code, inline, text
from designlint.diff.text import summary


def format(diff) -> str:
    if diff.errors:
        verdict = "could not read every design"
    elif diff.failing:
        verdict = f"this change introduces {len(diff.failing)} failing finding{'s' * (len(diff.failing) != 1)}"
    elif diff.removed_safeguards:
        verdict = "no failing finding introduced, but safeguards were removed"
    else:
        verdict = "no failing finding introduced"
    lines = [f"## designlint diff: {verdict}", "", text(summary(diff)), ""]
    if diff.removed_safeguards:
        lines += [f"### \u26a0 Removed safeguards ({len(diff.removed_safeguards)})", "",
                  "| component | what | detail | where |", "|---|---|---|---|"]
        for s in diff.removed_safeguards:
            loc = s.location
            lines.append(f"| {code(diff.name(s.system, s.component))} | {s.what} | {inline(s.detail)} | "
                         f"{code(f'{loc.file}:{loc.line}:{loc.column}')} |")
        lines.append("")
    if diff.errors:
        lines += [f"### Input errors ({len(diff.errors)})", ""]
        lines += [f"- {code(str(e))}" for e in diff.errors]
        lines.append("")
    if diff.introduced:
        lines += [f"### Findings introduced ({len(diff.introduced)})", ""]
        lines += findings_table(diff.introduced)
        lines.append("")
    design = _design_changes(diff)
    if design:
        lines += ["### Design changes", ""] + design + [""]
    if diff.fixed:
        lines += [f"<details><summary>Findings fixed ({len(diff.fixed)})</summary>", ""]
        lines += findings_table(diff.fixed)
        lines += ["", "</details>", ""]
    return "\n".join(lines)


def _design_changes(diff) -> list[str]:
    out = []
    out += [f"- system added: {code(s)}" for s in diff.systems_added]
    out += [f"- system removed: {code(s)}" for s in diff.systems_removed]
    out += [f"- component added: {code(diff.name(c.system, c.text))}" for c in diff.components_added]
    out += [f"- component removed: {code(diff.name(c.system, c.text))}" for c in diff.components_removed]
    out += [f"- component changed: {code(diff.name(c.system, c.component))} "
            f"({', '.join(code(f) for f in c.fields)})" for c in diff.components_changed]
    out += [f"- flow added: {code(diff.name(f.system, f.text))}" for f in diff.flows_added]
    out += [f"- flow removed: {code(diff.name(f.system, f.text))}" for f in diff.flows_removed]
    return out
