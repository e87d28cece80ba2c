"""`check --statistics`: how many findings each rule has, most first, then the summary line.

    3  error    missing-owner
    1  warning  dead-end
    Found 3 errors and 1 warning in 2 files.

Waived findings and findings in the baseline are accepted, so they are not
counted per rule; the summary line still counts them. A rule's severity is
the one this run gave it (config and packs included).
"""

from __future__ import annotations

from collections import Counter

from designlint.report.text import summary


def format(report, *, color: bool = False) -> str:
    counts = Counter((f.rule, f.severity.value) for f in report.findings if not f.waived and not f.baselined)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0], item[0][1]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = [f"{n:>{width}}  {severity:<7}  {rule}" for (rule, severity), n in rows]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
