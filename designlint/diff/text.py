"""The diff as text: removed safeguards first, then components, flows, findings, and a summary line.

    removed safeguard: examples/x.yaml:31:9: executor: gate: action `refund` lost its human gate `care_team`
    component added: fraud_model
    component removed: legacy_rules
    component changed: executor (owner, fallback)
    flow added: app -> fraud_model
    flow removed: care_team -> churn_model (feedback: outcome labels)
    introduced: examples/x.yaml:31:9: error ungated-irreversible-action message
    fixed: main:examples/x.yaml:12:3: warning missing-owner message
    1 safeguard removed; 1 finding introduced, 1 fixed, 12 unchanged.
"""

from __future__ import annotations

from designlint.util.text import plural


def finding_line(f) -> str:
    loc = f.location
    note = f" [waived: {f.waive_reason}]" if f.waived else ""
    return f"{loc.file}:{loc.line}:{loc.column}: {f.severity.value} {f.rule} {f.message}{note}"


def summary(diff) -> str:
    parts = []
    if diff.removed_safeguards:
        parts.append(f"{plural(len(diff.removed_safeguards), 'safeguard')} removed; ")
    parts.append(f"{plural(len(diff.introduced), 'finding')} introduced, {len(diff.fixed)} fixed, "
                 f"{diff.unchanged} unchanged")
    failing = len(diff.failing)
    if failing:
        parts.append(f"; {failing} of them fail{'s' * (failing == 1)} the run (--fail-on {diff.fail_on.value})")
    if diff.errors:
        parts.append(f"; {plural(len(diff.errors), 'input error')}")
    return "".join(parts) + "."


def format(diff) -> str:
    lines = []
    for s in diff.removed_safeguards:
        lines.append(f"removed safeguard: {s.location}: {diff.name(s.system, s.component)}: {s.what}: {s.detail}")
    for system in diff.systems_added:
        lines.append(f"system added: {system}")
    for system in diff.systems_removed:
        lines.append(f"system removed: {system}")
    lines.extend(f"component added: {diff.name(c.system, c.text)}" for c in diff.components_added)
    lines.extend(f"component removed: {diff.name(c.system, c.text)}" for c in diff.components_removed)
    lines.extend(f"component changed: {diff.name(c.system, c.component)} ({', '.join(c.fields)})"
                 for c in diff.components_changed)
    lines.extend(f"flow added: {diff.name(f.system, f.text)}" for f in diff.flows_added)
    lines.extend(f"flow removed: {diff.name(f.system, f.text)}" for f in diff.flows_removed)
    lines.extend(f"introduced: {finding_line(f)}" for f in diff.introduced)
    lines.extend(f"fixed: {finding_line(f)}" for f in diff.fixed)
    lines.append(summary(diff))
    return "\n".join(lines) + "\n"
