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
from designlint.util.suggest import closest


def lint(design: Design, config: Config | None = None, registry: Registry | None = None,
         jobs: int | None = 1) -> list[Finding]:
    """Every finding on one design, sorted, with severities stamped and waivers applied.

    `jobs`: processes for the rules of one large design (findings.split: None or 0, one per core
    where it pays; 1, this process only). The findings are the same either way.
    """
    config = config or Config()
    registry = registry or builtin_registry()
    findings: list[Finding] = []
    ran: set[str] = set()
    checks = []
    for spec in registry:
        if not spec.enabled or not config.enabled(spec.id):
            continue
        ran.add(spec.id)
        if spec.check is not None:
            checks.append(spec)
    processes = 1 if jobs == 1 else _split_processes(len(design.components), jobs)
    if processes > 1:
        from designlint.findings import split

        by_id = {spec.id: spec for spec in checks}
        problems = split.run([spec.id for spec in checks], lambda rule: list(by_id[rule].check(design)), processes)
    for spec in checks:
        severity = config.severity.get(spec.id, spec.severity)
        for problem in (problems[spec.id] if processes > 1 else spec.check(design)):
            findings.append(Finding.of(spec.id, severity, problem, design.system))
    findings = _apply_waivers(design, findings, ran, registry, config)
    return sorted(findings, key=lambda f: f.sort_key)


def _split_processes(components: int, jobs: int | None) -> int:
    from designlint.findings import split

    return split.processes(components, jobs)


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
                near = closest(rule_id, registry.ids())
                message = (f"{comp.label} waives `{rule_id}`, which is not a rule: fix the rule name"
                           f"{f' (did you mean `{near}`?)' if near else ''} or remove the waiver")
            elif rule_id in ran:
                message = (f"{comp.label} waives `{rule_id}`, but it has no such finding: "
                           "remove the waiver so it cannot hide a future one")
            else:
                continue
            out.append(Finding.of(spec.id, severity, Problem(comp.waive_locations[rule_id], message, comp.id,
                                                             subject=f"waive:{rule_id}"), design.system))
    return out


