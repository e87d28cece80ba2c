"""Stage 4, findings: what a run found and what it decides.

Finding (a rule's Problem stamped with rule id and severity, maybe waived or
baselined), Counts, Report (findings, input errors, files) and the exit codes
of FORMAT.md ("Exit codes"). The engine (engine.py) makes Findings; run.py
runs it over files; baseline.py compares with a recorded baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from designlint.errors import InputError
from designlint.loading.location import Location
from designlint.rules import Problem, RuleSpec, Severity
from designlint.util.value import Value, replace, setfield

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class Finding(Value):
    """A rule's Problem stamped with the rule's id and the run's severity for it, maybe waived or baselined."""

    __slots__ = ("rule", "severity", "location", "message", "component", "subject", "waived", "waive_reason",
                 "baselined", "system")

    def __init__(self, rule: str, severity: Severity, location: Location, message: str,
                 component: str | None = None, subject: str | None = None, waived: bool = False,
                 waive_reason: str | None = None, baselined: bool = False, system: str | None = None):
        setfield(self, "rule", rule)
        setfield(self, "severity", severity)
        setfield(self, "location", location)
        setfield(self, "message", message)
        setfield(self, "component", component)
        setfield(self, "subject", subject)
        setfield(self, "waived", waived)
        setfield(self, "waive_reason", waive_reason)
        setfield(self, "baselined", baselined)  # recorded in the baseline: reported, but it does not fail the run
        setfield(self, "system", system)  # the design's `system`: tells apart two designs in one Markdown file

    @classmethod
    def of(cls, rule: str, severity: Severity, problem: Problem, system: str | None = None) -> "Finding":
        """A rule's Problem stamped with the rule's id, the run's severity for it and its design's `system`."""
        return cls(rule, severity, problem.location, problem.message, problem.component, problem.subject,
                   system=system)

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


class Counts(Value):
    __slots__ = ("errors", "warnings", "infos", "waived", "baselined")

    def __init__(self, errors: int = 0, warnings: int = 0, infos: int = 0, waived: int = 0, baselined: int = 0):
        setfield(self, "errors", errors)
        setfield(self, "warnings", warnings)
        setfield(self, "infos", infos)
        setfield(self, "waived", waived)
        setfield(self, "baselined", baselined)

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


@dataclass(frozen=True)
class Report:
    """The outcome of a run: findings, input errors and the files looked at."""

    findings: tuple[Finding, ...]
    errors: tuple[InputError, ...] = ()
    files: tuple[str, ...] = ()
    designs: tuple = field(default=(), compare=False, repr=False)  # the Designs read, when kept
    fail_on: Severity = Severity.ERROR
    rules: tuple[RuleSpec, ...] = field(default=(), compare=False, repr=False)  # the rules the run could use
    baseline: object = None  # a designlint.findings.baseline.Comparison once compared with a baseline
    # `path: note: ...` lines for the user: files a folder walk passed over that look like designs
    notes: tuple[str, ...] = field(default=(), compare=False)
    # file -> the `system` of each design read in it (baselines of format 1 are matched only where it is one)
    systems: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def counts(self) -> Counts:
        return Counts.of(self.findings)

    @property
    def failing(self) -> list[Finding]:
        return at_or_above(self.findings, self.fail_on)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return EXIT_INPUT
        return EXIT_FINDINGS if self.failing else EXIT_OK
