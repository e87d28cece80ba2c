"""Severity, Location and Finding: the small value objects every layer shares."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace


class Severity(str, enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls(text.strip().lower())

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column are 1-based."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """What a rule yields: no rule id and no severity; the engine stamps those.

    `subject` names what the problem is about inside the component (an action,
    a flow, a fallback target), so that a finding can be told apart from
    another of the same rule on the same component without using its line.
    """

    location: Location
    message: str
    component: str | None = None
    subject: str | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    location: Location
    message: str
    component: str | None = None
    subject: str | None = None
    waived: bool = False
    waive_reason: str | None = None
    baselined: bool = False  # recorded in the baseline: reported, but it does not fail the run

    @property
    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule, self.component or "", self.subject or "", self.message)

    def waive(self, reason: str) -> "Finding":
        return replace(self, waived=True, waive_reason=reason)

    def in_baseline(self) -> "Finding":
        return replace(self, baselined=True)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "component": self.component,
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "message": self.message,
            "waived": self.waived,
            "waive_reason": self.waive_reason,
            "subject": self.subject,
        }


@dataclass(frozen=True)
class Counts:
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    waived: int = 0
    baselined: int = 0

    @classmethod
    def of(cls, findings) -> "Counts":
        tally = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
        waived = baselined = 0
        for f in findings:
            if f.waived:
                waived += 1
            elif f.baselined:
                baselined += 1
            else:
                tally[f.severity] += 1
        return cls(tally[Severity.ERROR], tally[Severity.WARNING], tally[Severity.INFO], waived, baselined)


def at_or_above(findings, threshold: Severity) -> list[Finding]:
    """The unwaived, unbaselined findings that fail a run whose failing severity is `threshold`."""
    return [f for f in findings if not f.waived and not f.baselined and f.severity.rank >= threshold.rank]

