"""`path:line:col: severity rule-name message`, one finding a line, and a summary line."""

from __future__ import annotations

from designlint.rules import Severity
from designlint.util.text import plural

_COLORS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def summary(report) -> str:
    c = report.counts
    parts = [p for p in (
        plural(c.errors, "error") if c.errors else "",
        plural(c.warnings, "warning") if c.warnings else "",
        plural(c.infos, "info") if c.infos else "",
    ) if p]
    accepted = [p for p in (f"{c.waived} waived" if c.waived else "",
                            f"{c.baselined} in the baseline" if c.baselined else "") if p]
    extra = f" ({', '.join(accepted)})" if accepted else ""
    unread = len({e.file for e in report.errors})
    files = plural(len(report.files) - unread, "file")
    if not parts:
        text = f"No problems found in {files}{extra}."
    else:
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        text = f"Found {joined} in {files}{extra}."
    if unread:
        text += (f" {plural(unread, 'file')} could not be read "
                 f"({plural(len(report.errors), 'input error')}).")
    fixed = report.baseline.fixed if report.baseline is not None else 0
    if fixed:
        text += (f" {plural(fixed, 'finding')} in the baseline {'is' if fixed == 1 else 'are'} fixed: "
                 "run `designlint baseline` to drop them from it.")
    return text


def format(report, *, color: bool = False) -> str:
    lines = []
    for f in report.findings:
        if f.baselined:  # accepted until fixed; the summary counts them
            continue
        loc = f"{f.location.file}:{f.location.line}:{f.location.column}:"
        sev = f.severity.value
        note = f" [waived: {f.waive_reason}]" if f.waived else ""
        if color:
            loc = f"{_BOLD}{loc}{_RESET}"
            sev = f"{_DIM}{sev}{_RESET}" if f.waived else f"{_COLORS[f.severity]}{sev}{_RESET}"
            rule = f"{_DIM}{f.rule}{_RESET}"
        else:
            rule = f.rule
        lines.append(f"{loc} {sev} {rule} {f.message}{note}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
