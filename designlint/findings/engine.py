"""The engine: run a design's rules, stamp rule ids and severities, apply waivers.

lint(design, config, registry) -> sorted Findings. Rules yield Problems and
never choose their own severity (yamllint's model); the engine also finds the
`unused-waiver` findings, which depend on every other finding.
"""

from __future__ import annotations

from designlint.config import Config
from designlint.findings import Finding
from designlint.model import Design
from designlint.rules import Problem
from designlint.rules.registry import Registry, builtin_registry
from designlint.util.suggest import suggest


def lint(design: Design, config: Config | None = None, registry: Registry | None = None) -> list[Finding]:
    """Every finding on one design, sorted, with severities stamped and waivers applied."""
    config = config or Config()
    registry = registry or builtin_registry()
    findings: list[Finding] = []
    ran: set[str] = set()
    for spec in registry:
        if not spec.enabled or not config.enabled(spec.id):
            continue
        ran.add(spec.id)
        if spec.check is None:
            continue
        severity = config.severity.get(spec.id, spec.severity)
        for problem in spec.check(design):
            findings.append(Finding.of(spec.id, severity, problem, design.system))
    findings = _apply_waivers(design, findings, ran, registry, config)
    return sorted(findings, key=lambda f: f.sort_key)


def _apply_waivers(design, findings, ran, registry, config) -> list[Finding]:
    used: set[tuple[str, str]] = set()
    out = []
    for f in findings:
        comp = design.components.get(f.component) if f.component else None
        reason = comp.waive.get(f.rule) if comp else None
        if reason is not None:
            used.add((comp.id, f.rule))
            f = f.waive(reason.strip())
        out.append(f)
    spec = registry.get("unused-waiver")
    if spec is None or not config.enabled(spec.id):
        return out
    severity = config.severity.get(spec.id, spec.severity)
    for comp in design.components.values():
        for rule_id in comp.waive:
            if (comp.id, rule_id) in used:
                continue
            if rule_id not in registry:
                message = (f"{comp.label} waives `{rule_id}`, which is not a rule{suggest(rule_id, registry.ids())}: "
                           "fix the rule name or remove the waiver")
            elif rule_id in ran:
                message = (f"{comp.label} waives `{rule_id}`, but it has no such finding: "
                           "remove the waiver so it cannot hide a future one")
            else:
                continue
            out.append(Finding.of(spec.id, severity, Problem(comp.waive_locations[rule_id], message, comp.id,
                                                             subject=f"waive:{rule_id}"), design.system))
    return out


