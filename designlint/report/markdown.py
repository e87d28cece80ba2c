"""The findings as GitHub-flavoured Markdown: a summary for `$GITHUB_STEP_SUMMARY` or a pull request.

A heading with the verdict, a table of the failing and other unwaived
findings (severity, rule, where, message), then the waived ones. Every user
string passes through `inline()`: messages keep their `code` spans, and
everything else is escaped so that a name cannot open a tag, a link, a table
cell or an @mention (GitHub Flavored Markdown 0.29, sections 4.10 tables,
6.1 backslash escapes, 6.3 code spans).
"""

from __future__ import annotations

import re

from designlint.util.text import plural

# Outside code spans: inline syntax characters get a backslash; < > & become entities; @ becomes an
# entity so that an owner such as @org/team is not a mention. (Block syntax such as `#` or `-` only
# matters at the start of a line, and every line written here starts with designlint's own text.)
_SPECIAL = re.compile(r"[\\`*_\[\]!|~<>&@]")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "@": "&#64;"}
_CODE = re.compile(r"`([^`\n]+)`")


def text(value: object) -> str:
    """Plain text escaped for Markdown: shown exactly as written, never read as syntax; newlines as <br>."""
    escaped = _SPECIAL.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), str(value))
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def code(value: object) -> str:
    """A code span showing `value` as written (a fence of more backticks than it holds; | escaped for tables)."""
    body = str(value).replace("\r", " ").replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or not body.strip() else ""
    return f"{fence}{pad}{body.replace('|', chr(92) + '|')}{pad}{fence}"


def inline(message: object) -> str:
    """A message with its `code` spans kept as code spans and the rest escaped as text()."""
    message = str(message)
    out, at = [], 0
    for m in _CODE.finditer(message):
        out.append(text(message[at:m.start()]))
        out.append(code(m.group(1)))
        at = m.end()
    out.append(text(message[at:]))
    return "".join(out)


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
