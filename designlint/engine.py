"""Run rules over designs: select them, stamp severities, apply waivers, decide the verdict."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import astuple, dataclass, field
from functools import partial
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


def lint_paths(paths: Iterable[str], config: Config | None = None, registry: Registry | None = None,
               *, jobs: int | None = 1) -> Report:
    """Load and lint every design under `paths`; unreadable files become input errors.

    `jobs`: worker processes for many files (None or 0: one per core, when
    the files are many enough to pay for them). Findings and errors are the
    same and in the same order either way; `designs` is filled only when
    the files were read in this process.
    """
    from designlint import discover, parallel

    config = config or Config()
    if registry is None:
        from designlint.packs import load_registry

        registry = load_registry(config.packs)  # raises InputErrors for a bad pack
    files = discover.expand(paths, _file_filter(config), config.force_exclude)
    processes = parallel.workers(files, jobs)
    task = partial(_lint_file, config=config, registry=registry, keep_designs=processes == 1)
    findings: list[Finding] = []
    errors: list[InputError] = []
    designs: list[Design] = []
    with _collector_paused():  # forked workers start with it paused too
        results = parallel.map_in_order(task, files, processes)
    for file_designs, file_findings, file_errors in results:
        designs.extend(file_designs)
        findings.extend(file_findings)
        errors.extend(InputError(*e) for e in file_errors)
    return Report(tuple(findings), tuple(errors), tuple(files), tuple(designs), config.fail_on,
                  rules=tuple(registry))


def _lint_file(path: str, config: Config, registry: Registry, keep_designs: bool):
    """(designs, findings, errors as tuples): what one file gives, in a form that can cross processes."""
    with _collector_paused():
        try:
            return _read_and_lint(path, config, registry, keep_designs)
        finally:
            if not keep_designs:
                # A worker drops the designs, which hold cycles (design <-> graph). All of it is
                # young: collecting the young generation alone frees it for one pass over it.
                gc.collect(0)


def _read_and_lint(path: str, config: Config, registry: Registry, keep_designs: bool):
    from designlint import loader, markdown

    if markdown.is_markdown(path):
        found, unread = markdown.load_designs(path)
    else:
        unread = []
        try:
            found = [loader.load(path)]
        except InputError as exc:
            return [], [], [astuple(exc)]
        except InputErrors as exc:
            return [], [], [astuple(e) for e in exc.errors]
    findings = [f for design in found for f in lint(design, config, registry)]
    return (found if keep_designs else []), findings, [astuple(e) for e in unread]


@contextmanager
def _collector_paused():
    """Python's cycle collector off while designs are read and linted.

    Reading a design allocates hundreds of thousands of containers and
    almost none of them is garbage, yet each automatic collection walks
    them again: that made a 100,000-component design take 1.8x as long,
    and 1,000 small designs 1.4x.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _file_filter(config: Config):
    from designlint.discover import DEFAULT_INCLUDE, FileFilter

    include = DEFAULT_INCLUDE if config.include is None else config.include
    return FileFilter(tuple(include), tuple(config.exclude), config.root)
