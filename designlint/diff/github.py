"""The diff as GitHub Actions workflow commands: annotations on what this change introduces.

Each removed safeguard is a `::warning` on its node in the new version,
first; each introduced, unwaived finding is an annotation on its line
(`::error`, `::warning`, or `::notice` for info), escaped as the runner's
toolkit escapes (designlint.report.github). The last line is the summary.
Fixed findings are in the old version, which a pull request's diff view does
not show, so they are counted, not annotated.
"""

from __future__ import annotations

from designlint.report.github import annotation, command
from designlint.diff.text import summary


def format(diff) -> str:
    lines = []
    for s in diff.removed_safeguards:
        loc = s.location
        lines.append(command("warning", f"{diff.name(s.system, s.component)}: {s.detail}", file=loc.file,
                             line=loc.line, col=loc.column, title=f"designlint diff: removed {s.what}"))
    for e in diff.errors:
        lines.append(command("error", e.message, file=e.file, line=e.line, col=e.column,
                             title="designlint: input error"))
    lines.extend(annotation(f, ": introduced") for f in diff.introduced if not f.waived)
    lines.append(summary(diff))
    return "\n".join(lines) + "\n"
