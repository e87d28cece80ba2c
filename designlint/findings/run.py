"""Run the engine over files: which files a PATH means, worker processes, the cycle collector.

lint_paths(paths, config, registry) -> Report. Each file is read and linted on
its own (in a worker process when there are many), in the files' order.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from functools import partial
from typing import Iterable

from designlint.config import Config
from designlint.errors import InputError, InputErrors
from designlint.findings import Finding, Report
from designlint.findings.engine import lint
from designlint.loading.location import Location
from designlint.rules import Severity
from designlint.rules.registry import Registry


def lint_paths(paths: Iterable[str], config: Config | None = None, registry: Registry | None = None,
               *, jobs: int | None = 1, system: str | None = None) -> Report:
    """Load and lint every design under `paths`; unreadable files become input errors.

    `jobs`: worker processes for many files (None or 0: one per core, when
    the files are many enough to pay for them), or for the rules of one large
    design (findings.split). Findings and errors are the
    same and in the same order either way; `designs` is filled only when
    the files were read in this process. `system`: lint only the designs of
    that name (the others are read, and skipped).
    """
    config = config or Config()
    if registry is None:
        from designlint.rules.registry import rules_for

        registry = rules_for(config)  # raises InputErrors for a bad pack
    notes: list[str] = []
    paths = list(paths)
    if not config.force_exclude and all(os.path.isfile(p) for p in paths):
        files = list(dict.fromkeys(paths))  # what expand() gives for files: each once, as given
    else:
        from designlint.loading.files import expand  # folders to walk, or files to filter

        files = expand(paths, file_filter(config), config.force_exclude, notes)
    if len(files) > 1:
        from designlint.findings import parallel  # one file never needs the pool

        processes = parallel.workers(files, jobs)
    else:
        processes = 1
    # One file: its rules may be split over the cores instead (findings.split), when the design is large.
    task = partial(_lint_file, config=config, registry=registry, keep_designs=processes == 1, system=system,
                   jobs=jobs if processes == 1 else 1)
    findings: list[Finding] = []
    errors: list[InputError] = []
    designs: list = []
    systems: dict[str, tuple[str, ...]] = {}
    with collector_paused():  # forked workers start with it paused too
        results = parallel.map_in_order(task, files, processes) if processes > 1 else [task(f) for f in files]
    for file, (file_designs, file_findings, file_errors, file_systems) in zip(files, results):
        systems[file] = tuple(file_systems)
        if not file_systems and not file_errors:  # a file named on the command line with no design in it
            notes.append(f"{file}: warning: holds no design (a ```designlint fenced block, or a ```yaml block "
                         "with `designlint: 1`): nothing in it was checked")
        designs.extend(file_designs)
        findings.extend(map(_finding, file_findings) if processes > 1 else file_findings)
        errors.extend(InputError(*e) for e in file_errors)
    return Report(tuple(findings), tuple(errors), tuple(files), tuple(designs), config.fail_on,
                  rules=tuple(registry), notes=tuple(notes), systems=systems)


def read_designs(paths: Iterable[str], config: Config | None = None,
                 system: str | None = None) -> tuple[list[str], list, list[InputError]]:
    """(files, designs, input errors) under `paths`, read but not linted (in this process);
    `system`: only the designs of that name."""
    from designlint.loading.files import expand

    config = config or Config()
    files = expand(paths, file_filter(config), config.force_exclude, [])
    designs: list = []
    errors: list[InputError] = []
    with collector_paused():
        for path in files:
            found, unread = _read(path)
            designs.extend(d for d in found if system is None or d.system == system)
            errors.extend(unread)
    return files, designs, errors


def lint_read(files, designs, errors, config: Config | None = None, registry: Registry | None = None) -> Report:
    """The Report of designs read by read_designs (or from standard input): each linted in turn."""
    config = config or Config()
    if registry is None:
        from designlint.rules.registry import rules_for

        registry = rules_for(config)
    with collector_paused():
        findings = [f for design in designs for f in lint(design, config, registry)]
    return Report(tuple(findings), tuple(errors), tuple(files), tuple(designs), config.fail_on, rules=tuple(registry))


def read_bytes(data: bytes, name: str, system: str | None = None) -> tuple[list, list[InputError]]:
    """(designs, input errors) of one file's bytes that are not on disk (standard input), `name` standing
    for its file: Markdown when it ends .md or .markdown, else YAML. Binary or non-UTF-8 data is an input
    error. `system`: only the designs of that name."""
    from designlint.loading.yamlsource import decode
    from designlint.model.build import designs_in_text

    try:
        text = decode(data, name)
    except InputError as exc:
        return [], [exc]
    designs, errors = designs_in_text(text, name)
    return [d for d in designs if system is None or d.system == system], errors


def _lint_file(path: str, config: Config, registry: Registry, keep_designs: bool, system: str | None = None,
               jobs: int | None = 1):
    """(designs, findings, errors as tuples, systems): what one file gives, in a form that can cross processes."""
    with collector_paused():
        try:
            return _read_and_lint(path, config, registry, keep_designs, system, jobs)
        finally:
            if not keep_designs:
                # A worker drops the designs, which hold cycles (design <-> graph). All of it is
                # young: collecting the young generation alone frees it for one pass over it.
                gc.collect(0)


def _read(path: str) -> tuple[list, list[InputError]]:
    """The designs of one file and its input errors."""
    from designlint.loading import is_markdown
    from designlint.model import build

    if is_markdown(path):
        return build.load_designs(path)
    try:
        return [build.load(path)], []
    except InputError as exc:
        return [], [exc]
    except InputErrors as exc:
        return [], list(exc.errors)


def _read_and_lint(path: str, config: Config, registry: Registry, keep_designs: bool, system: str | None = None,
                   jobs: int | None = 1):
    found, unread = _read(path)
    systems = [d.system for d in found]  # every design the file holds, whether --system lints it or not
    if system is not None:
        found = [d for d in found if d.system == system]
    findings = [f for design in found for f in lint(design, config, registry, jobs)]
    if not keep_designs:  # going back to the parent process: plain tuples (see _row)
        findings = [_row(f) for f in findings]
    return (found if keep_designs else []), findings, [(e.file, e.line, e.column, e.message) for e in unread], systems


def _row(f: Finding) -> tuple:
    """A Finding as a tuple of str, int, bool and None, to cross from a worker process.

    Pickling the Finding itself (a frozen dataclass holding an enum and a
    Location) costs about 100 us a finding, on both sides: for 1,000 small
    designs the parent spent as long unpickling findings as a worker spent
    linting, and -j 0 was no faster than -j 1. A tuple costs about 2 us.
    """
    loc = f.location
    return (f.rule, f.severity.value, loc.file, loc.line, loc.column, f.message, f.component, f.subject,
            f.waived, f.waive_reason, f.baselined, f.system)


def _finding(row: tuple) -> Finding:
    rule, severity, file, line, column, message, component, subject, waived, reason, baselined, system = row
    return Finding(rule, Severity(severity), Location(file, line, column), message, component, subject,
                   waived, reason, baselined, system)


@contextmanager
def collector_paused():
    """Python's cycle collector off while designs are read and linted (pauses nest: it runs again after
    the outermost one, if it was on before).

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


def file_filter(config: Config):
    """The FileFilter of the config's include and exclude globs."""
    from designlint.loading.files import DEFAULT_INCLUDE, FileFilter

    include = DEFAULT_INCLUDE if config.include is None else config.include
    return FileFilter(tuple(include), tuple(config.exclude), config.root)
