"""The findings as GitHub-flavoured Markdown: a summary for `$GITHUB_STEP_SUMMARY` or a pull request.

A heading with the verdict, a table of the failing and other unwaived
findings (severity, rule, where, message), then the waived ones. Every user
string passes through designlint.util.markdown: messages keep their `code`
spans, and everything else is escaped.
"""

from __future__ import annotations

from designlint.util.markdown import code, inline, text
from designlint.util.text import plural


def where(finding) -> str:
    loc = finding.location
    return code(f"{loc.file}:{loc.line}:{loc.column}")


def findings_table(findings) -> list[str]:
    """A table of findings: severity, rule, where, message (with the waiver's reason when waived)."""
    lines = ["| severity | rule | where | message |", "|---|---|---|---|"]
    for f in findings:
        message = inline(f.message) + (f" (waived: {text(f.waive_reason)})" if f.waived else "")
        lines.append(f"| {f.severity.value} | {code(f.rule)} | {where(f)} | {message} |")
    return lines


def format(report, *, color: bool = False) -> str:
    from designlint.report.text import summary

    c = report.counts
    failing = report.failing
    verdict = "fails" if report.exit_code else "passes"
    lines = [f"## designlint: {verdict}", "", text(summary(report)), ""]
    if report.errors:
        lines += [f"### Input errors ({len(report.errors)})", ""]
        lines += [f"- {code(str(e))}" for e in report.errors]
        lines.append("")
    shown = [f for f in report.findings if not f.waived and not f.baselined]
    if shown:
        lines += [f"### Findings ({len(shown)}; {plural(len(failing), 'fails', 'fail')} the run at "
                  f"`--fail-on {report.fail_on.value}`)", ""]
        lines += findings_table(shown)
        lines.append("")
    waived = [f for f in report.findings if f.waived]
    if waived:
        lines += ["<details><summary>" + f"Waived findings ({c.waived})" + "</summary>", ""]
        lines += findings_table(waived)
        lines += ["", "</details>", ""]
    return "\n".join(lines)
