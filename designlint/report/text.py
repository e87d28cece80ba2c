"""`path:line:col: severity rule-name message`, one finding a line, and a summary line.

Quiet by default: waived and baselined findings are accepted, so they are not
listed; the summary counts them and says how to list them (`--show-waived`,
which prints them after the others, each marked). Every message reads
problem first and fix last, on one line, so a reader can stop early.
"""

from __future__ import annotations

from designlint.rules import Severity
from designlint.util.escape import one_line
from designlint.util.text import plural

_COLORS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def summary(report, *, hidden: bool = False) -> str:
    """The last line: what was found, in how many files; it never contradicts the exit code.
    `hidden`: waived or baselined findings were left out of the listing (it says how to list them)."""
    c = report.counts
    parts = [p for p in (
        plural(c.errors, "error") if c.errors else "",
        plural(c.warnings, "warning") if c.warnings else "",
        plural(c.infos, "info") if c.infos else "",
    ) if p]
    accepted = [p for p in (f"{c.waived} waived" if c.waived else "",
                            f"{c.baselined} in the baseline" if c.baselined else "") if p]
    if accepted and hidden:
        accepted[-1] += ": `--show-waived` lists them"
    extra = f" ({', '.join(accepted)})" if accepted else ""
    error_files = {e.file for e in report.errors}
    # Files some design was read from: a Markdown file may have a good design beside a broken one.
    checked = {f for f, systems in report.systems.items() if systems} if report.systems \
        else set(report.files) - error_files
    checked |= {f.location.file for f in report.findings}
    unread, partly = len(error_files - checked), len(error_files & checked)
    read = len(checked)
    if error_files:  # the verdict is exit 2: say first that input failed, never "No problems found" alone
        failed = [bit for bit in (f"{plural(unread, 'file')} could not be read" if unread else "",
                                  f"{plural(partly, 'file')} could be read only in part" if partly else "") if bit]
        text = (f"{_join(failed)} ({plural(len(report.errors), 'input error')})"
                f"{': nothing was checked' if not read else ''}.")
        if read:
            where = f"the {plural(read, 'other file')}" if not partly else \
                f"what could be read ({plural(read, 'file')})"
            text += (f" No problems found in {where}{extra}." if not parts else f" Found {_join(parts)} in {where}{extra}.")
    elif not report.files:
        text = "No design found: nothing was checked."
    elif not parts:
        text = f"No problems found in {plural(len(report.files), 'file')}{extra}."
    else:
        text = f"Found {_join(parts)} in {plural(len(report.files), 'file')}{extra}."
    fixed = report.baseline.fixed if report.baseline is not None else 0
    if fixed:
        text += (f" {plural(fixed, 'finding')} in the baseline {'is' if fixed == 1 else 'are'} fixed: "
                 f"run `designlint baseline -o {report.baseline.file}` to drop {'it' if fixed == 1 else 'them'}.")
    return text


def _line(f, color: bool) -> str:
    # every user string on one line (ids, names, reasons, file names): one finding, one record
    loc = f"{one_line(f.location.file)}:{f.location.line}:{f.location.column}:"
    sev = f.severity.value
    accepted = f.waived or f.baselined
    note = f"[waived: {one_line(f.waive_reason)}] " if f.waived else "[in the baseline] " if f.baselined else ""
    if color:
        loc = f"{_BOLD}{loc}{_RESET}"
        sev = f"{_DIM}{sev}{_RESET}" if accepted else f"{_COLORS[f.severity]}{sev}{_RESET}"
        rule = f"{_DIM}{one_line(f.rule)}{_RESET}"
    else:
        rule = one_line(f.rule)
    return f"{loc} {sev} {rule} {note}{one_line(f.message)}"


def format(report, *, color: bool = False, show_waived: bool = False) -> str:
    """The findings that need work, one a line; with `show_waived`, the accepted ones after them."""
    active = [f for f in report.findings if not f.waived and not f.baselined]
    accepted = [f for f in report.findings if f.waived or f.baselined]
    lines = [_line(f, color) for f in active]
    if show_waived:
        lines += [_line(f, color) for f in accepted]
    lines.append(summary(report, hidden=bool(accepted) and not show_waived))
    return "\n".join(lines) + "\n"
