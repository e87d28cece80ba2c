"""Run rules over designs: select them, stamp severities, apply waivers, decide the verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from designlint.errors import InputError, InputErrors
from designlint.findings import Counts, Finding, Severity, at_or_above
from designlint.model import Design
from designlint.rules import Registry, default_registry
from designlint.schema import suggest

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


@dataclass(frozen=True)
class Config:
    """What to run and what fails: rules selected or ignored, severities re-graded."""

    select: frozenset[str] | None = None  # None: every rule
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    # Which files a directory walk takes (globs relative to `root`, the config's folder).
    include: tuple[str, ...] | None = None  # None: *.yaml, *.yml, *.md
    exclude: tuple[str, ...] = ()
    root: str = "."
    force_exclude: bool = False  # filter files named on the command line too (pre-commit)
    baseline: str | None = None  # the baseline file that `check` compares with
    packs: tuple[str, ...] = ()  # rule packs to load after the built-in rules (paths)

    def enabled(self, rule_id: str) -> bool:
        return (self.select is None or rule_id in self.select) and rule_id not in self.ignore


@dataclass(frozen=True)
class Report:
    """The outcome of a run: findings, input errors and the files looked at."""

    findings: tuple[Finding, ...]
    errors: tuple[InputError, ...] = ()
    files: tuple[str, ...] = ()
    designs: tuple[Design, ...] = field(default=(), compare=False, repr=False)
    fail_on: Severity = Severity.ERROR
    rules: tuple = field(default=(), compare=False, repr=False)  # the RuleSpecs the run could use
    baseline: object = None  # a baseline.Comparison once findings are compared with a baseline

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


def lint(design: Design, config: Config | None = None, registry: Registry | None = None) -> list[Finding]:
    """Every finding on one design, sorted, with severities stamped and waivers applied."""
    config = config or Config()
    registry = registry or default_registry()
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
            findings.append(Finding(spec.id, severity, problem.location, problem.message,
                                    problem.component, problem.subject))
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
            out.append(Finding(spec.id, severity, comp.waive_locations[rule_id], message, comp.id,
                               subject=f"waive:{rule_id}"))
    return out


def lint_paths(paths: Iterable[str], config: Config | None = None, registry: Registry | None = None) -> Report:
    """Load and lint every design under `paths`; unreadable files become input errors."""
    from designlint import discover, loader, markdown

    config = config or Config()
    if registry is None:
        from designlint.packs import load_registry

        registry = load_registry(config.packs)  # raises InputErrors for a bad pack
    files = discover.expand(paths, _file_filter(config), config.force_exclude)
    findings: list[Finding] = []
    errors: list[InputError] = []
    designs: list[Design] = []
    for path in files:
        if markdown.is_markdown(path):
            found, unread = markdown.load_designs(path)
            errors.extend(unread)
        else:
            try:
                found = [loader.load(path)]
            except InputError as exc:
                errors.append(exc)
                continue
            except InputErrors as exc:
                errors.extend(exc.errors)
                continue
        for design in found:
            designs.append(design)
            findings.extend(lint(design, config, registry))
    return Report(tuple(findings), tuple(errors), tuple(files), tuple(designs), config.fail_on,
                  rules=tuple(registry))


def _file_filter(config: Config):
    from designlint.discover import DEFAULT_INCLUDE, FileFilter

    include = DEFAULT_INCLUDE if config.include is None else config.include
    return FileFilter(tuple(include), tuple(config.exclude), config.root)
