"""Baselines: accept today's findings so that a run fails only on new ones.

A finding is recorded by a fingerprint of (rule, file, system, component,
subject), never its line, so it survives edits that move it; the design's
`system` tells apart two designs in one Markdown file (format 2). A baseline
of format 1 (no system) is still read: its entries are matched without the
system, and only in files that hold one design, where that is unambiguous;
a finding in a file with several designs is then new until
`designlint baseline` rewrites the file in format 2. Each fingerprint keeps a
count: a second finding with the same fingerprint is new. The file path is
stored relative to the baseline file's folder, so the baseline works from
any working directory.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, replace

from designlint.errors import InputError
from designlint.loading import schema, yamlsource
from designlint.util import atomic
from designlint.util.escape import json_text

VERSION = 2
DEFAULT_PATH = ".designlint-baseline.json"


def fingerprint(rule: str, file: str, component: str | None, subject: str | None, system: str | None = None) -> str:
    """A short stable hash of what a finding is about (16 hex digits).

    With `system` None it is format 1's fingerprint (rule, file, component,
    subject), kept to read old baselines.
    """
    parts = (rule, file, component or "", subject or "")
    key = "\0".join(parts if system is None else (rule, file, system, component or "", subject or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def relative_file(file: str, base_dir: str) -> str:
    """`file` relative to `base_dir`, with / separators."""
    rel = os.path.relpath(os.path.abspath(file), os.path.abspath(base_dir))
    return rel.replace(os.sep, "/")


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    file: str
    component: str | None
    subject: str | None
    count: int
    message: str = ""
    system: str | None = None  # None: an entry of a format-1 baseline

    def to_dict(self) -> dict:
        return {"fingerprint": self.fingerprint, "rule": self.rule, "file": self.file, "system": self.system,
                "component": self.component, "subject": self.subject, "count": self.count,
                "message": self.message}


@dataclass(frozen=True)
class Comparison:
    """How a run's findings compare with a baseline."""

    file: str
    recorded: int  # findings the baseline holds
    matched: int  # findings of this run that are in the baseline
    fixed: int  # recorded findings, in the files checked, that are gone

    def to_dict(self) -> dict:
        return {"file": self.file, "recorded": self.recorded, "matched": self.matched, "fixed": self.fixed}


def _key(finding, base_dir: str, with_system: bool = True) -> str:
    return fingerprint(finding.rule, relative_file(finding.location.file, base_dir),
                       finding.component, finding.subject, finding.system if with_system else None)


def entries(findings, base_dir: str) -> list[Entry]:
    """The baseline entries for these findings (waived ones are accepted already and left out)."""
    counts: Counter = Counter()
    first: dict[str, object] = {}
    for f in sorted(findings, key=lambda f: f.sort_key):
        if f.waived:
            continue
        key = _key(f, base_dir)
        counts[key] += 1
        first.setdefault(key, f)
    out = []
    for key, f in first.items():
        out.append(Entry(key, f.rule, relative_file(f.location.file, base_dir), f.component, f.subject,
                         counts[key], f.message, f.system))
    return sorted(out, key=lambda e: (e.file, e.system or "", e.rule, e.component or "", e.subject or "",
                                      e.fingerprint))


def dumps(items: list[Entry]) -> str:
    document = {"designlint-baseline": VERSION, "findings": [e.to_dict() for e in items]}
    return json_text(document, indent=2, yaml_readable=True) + "\n"


def write(path: str, findings) -> list[Entry]:
    """Record `findings` in the baseline at `path`, atomically; returns the entries."""
    items = entries(findings, os.path.dirname(os.path.abspath(path)))
    atomic.write_text(path, dumps(items))
    return items


def _json_error(text: str, path: str) -> InputError | None:
    """A baseline is JSON: its syntax errors in JSON's words, at JSON's line and column (None if it parses)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return InputError(path, exc.lineno, exc.colno, f"JSON syntax: {exc.msg}: a baseline is the JSON file "
                                                       "`designlint baseline` writes")
    return None


def read(path: str) -> list[Entry]:
    """The entries of a baseline file; InputError(s) point at the bad line."""
    text = yamlsource.read_text(path)
    try:
        data = yamlsource.parse(text, path)  # JSON is YAML: this keeps line marks
    except InputError as exc:
        raise _json_error(text, path) or exc from None
    schema.validate(data, path, "baseline")
    old = data["designlint-baseline"] == 1
    return [Entry(e["fingerprint"], e["rule"], e["file"], e.get("component"), e.get("subject"),
                  e["count"], e.get("message", ""), None if old else e.get("system", ""))
            for e in data["findings"]]


def compare(report, path: str, items: list[Entry]):
    """The report with the findings in the baseline marked as such, and a Comparison."""
    base_dir = os.path.dirname(os.path.abspath(path))
    left: Counter = Counter()
    file_of: dict[str, str] = {}
    for e in items:
        left[e.fingerprint] += e.count
        file_of[e.fingerprint] = e.file
    findings = []
    matched = 0
    old_format = any(e.system is None for e in items)
    for f in report.findings:
        if not f.waived:
            key = _key(f, base_dir)
            if old_format and left.get(key, 0) == 0 and len(report.systems.get(f.location.file, ())) <= 1:
                key = _key(f, base_dir, with_system=False)  # a format-1 entry: unambiguous in a one-design file
            if left.get(key, 0) > 0:
                left[key] -= 1
                matched += 1
                f = f.in_baseline()
        findings.append(f)
    # Only files read in full this time can show that a recorded finding is gone.
    unread = {e.file for e in report.errors}
    checked = {relative_file(file, base_dir) for file in report.files if file not in unread}
    fixed = sum(n for key, n in left.items() if file_of[key] in checked)
    comparison = Comparison(path, sum(e.count for e in items), matched, fixed)
    return replace(report, findings=tuple(findings), baseline=comparison)


def load_and_compare(report, path: str):
    """compare() with the baseline read from `path`; a missing file is an input error."""
    if not os.path.exists(path):
        raise InputError(path, 0, 0, "no such baseline file: write one with `designlint baseline PATH... -o FILE`")
    return compare(report, path, read(path))
