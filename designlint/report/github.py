"""GitHub Actions workflow commands: one annotation per finding on its file and line.

`::error file=F,line=L,col=C,title=T::message`, escaped as the runner's
toolkit does: `%`, CR and LF in the message; those and `:` and `,` in the
properties (designlint.util.escape, which first writes every other line
break and control character as a visible escape, so no user string can end
the command's line and start another one). Waived findings and findings in the baseline are accepted, so
they get no annotation; the summary line still counts them.
"""

from __future__ import annotations

from designlint.rules import Severity
from designlint.report.text import summary
from designlint.util.escape import github_data, github_property

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


escape_data = github_data  # kept for callers of the old names
escape_property = github_property


def command(name: str, message: str, **properties) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items()
                     if value not in (None, "", 0))
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(finding, note: str = "") -> str:
    """One finding as a workflow command at its file, line and column, titled with its rule (and `note`)."""
    loc = finding.location
    return command(COMMANDS[finding.severity], finding.message, file=loc.file, line=loc.line, col=loc.column,
                   title=f"designlint ({finding.rule}){note}")


def format(report, *, color: bool = False) -> str:
    lines = [
        command("error", e.message, file=e.file, line=e.line, col=e.column, title="designlint: input error")
        for e in report.errors
    ]
    lines.extend(annotation(f) for f in report.findings if not (f.waived or f.baselined))
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
