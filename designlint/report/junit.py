"""JUnit XML for CI dashboards: one test suite per file, one test case per finding.

A finding that fails the run (at or above --fail-on) is a <failure>; a waived
finding or one in the baseline is <skipped>; a finding below the failing
severity passes, with its message as output. A file with no finding is one
passing case, so dashboards list every file checked. Input errors are <error>s.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from designlint.util.escape import xml_tree


def format(report, *, color: bool = False) -> str:
    failing = {id(f) for f in report.failing}
    by_file: dict[str, list] = defaultdict(list)
    for f in report.findings:
        by_file[f.location.file].append(f)
    errors_by_file: dict[str, list] = defaultdict(list)
    for e in report.errors:
        errors_by_file[e.file].append(e)

    root = ET.Element("testsuites", name="designlint")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for file in sorted(set(report.files) | set(by_file) | set(errors_by_file)):
        suite = ET.SubElement(root, "testsuite", name=file)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for e in errors_by_file[file]:
            case = _case(suite, "input-error", file, e.line, e.column)
            ET.SubElement(case, "error", message=e.message, type="input-error").text = str(e)
            counts["errors"] += 1
        for f in by_file[file]:
            loc = f.location
            case = _case(suite, f.rule, file, loc.line, loc.column, f.component)
            text = f"{loc}: {f.severity.value} {f.rule} {f.message}"
            if f.waived or f.baselined:
                why = f"waived: {f.waive_reason}" if f.waived else "in the baseline"
                ET.SubElement(case, "skipped", message=why)
                counts["skipped"] += 1
            elif id(f) in failing:
                ET.SubElement(case, "failure", message=f.message, type=f.severity.value).text = text
                counts["failures"] += 1
            else:
                ET.SubElement(case, "system-out").text = text
        if not len(suite):
            _case(suite, "designlint", file, 0, 0)
        counts["tests"] = len(suite)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    xml_tree(root)  # well-formed whatever the ids, names and file names hold
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _case(suite, rule: str, file: str, line: int, column: int, component: str | None = None):
    where = f"{file}:{line}:{column}" if line else file
    name = f"{rule} {component} ({where})" if component else f"{rule} ({where})"
    attrs = {"name": name, "classname": file, "file": file}
    if line:
        attrs["line"] = str(line)
    return ET.SubElement(suite, "testcase", attrs)
