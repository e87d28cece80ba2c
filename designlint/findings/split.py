"""Lint one large design on several cores: the rules in groups, each group in a forked process.

A folder of designs is spread over worker processes file by file
(findings.parallel); one large design is spread rule by rule. The design is
read once; `os.fork` gives each child the design as it stands (copy on write),
the child runs its group of rules and sends back their problems as plain
tuples through a pipe, and the parent runs the first group meanwhile. The
engine then stamps, waives and sorts the problems as it does for one process,
so the findings are the same, byte for byte, however many processes ran.

Used only where it pays and is safe (`processes`): a design of SPLIT_MIN to
SPLIT_MAX components, on Linux (fork), with two or more cores, when the
caller allows more than one process (`jobs`), not inside a folder worker,
and (with `jobs` 0, the default) when the load average leaves a core idle. Forking, and both processes copying the pages they write (each object
a rule touches gets its reference count written), cost 10-60 ms; measured on
2 cores with bench/shapes.py designs (every rule, medians of 5, split in two
vs one process): 1,000 components 40 vs 46 ms (random) and 64 vs 64 ms
(chain); 2,000: 78 vs 102 and 125 vs 141 ms; 5,000: 213 vs 311 and 332 vs
383 ms; a fresh user's random 10,000-component design 0.67 vs 0.93 s. The
whole `check` gains less, as reading the design is not split: on a fresh
user's designs, idle machine, medians of 3, split vs one process: 2,000
components 0.37 vs 0.38 s, 5,000 0.77 vs 0.85 s, 10,000 1.49 vs 1.82 s,
30,000 4.8 vs 6.1 s; hence SPLIT_MIN 4,000. Above
SPLIT_MAX the copies would break the peak-memory budget of issue 11 (at
100,000 components the design takes about 1 GB).

A child that fails in any way (a rule raising, a signal, a short read) makes
the parent run that group itself, so an error surfaces exactly as in one
process.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Callable, Sequence

SPLIT_MIN = 4_000
SPLIT_MAX = 50_000

# Relative cost of the rules that cost the most, from bench/rules_bench.py (10,000 components, the
# worst of its shapes) and a fresh user's random 10,000-component design; every other rule counts 1.
# Only the balance between groups depends on them, never a finding.
WEIGHTS = {
    "fallback-shared-fate": 23, "availability-budget-exceeded": 21, "latency-budget-exceeded": 18,
    "lethal-trifecta": 15, "fail-open-guardrail": 14, "no-human-handoff": 13, "unmonitored-model": 8,
    "adverse-action-without-appeal": 8, "unverified-binding-output": 6, "dead-end": 5, "ai-only-fallback": 5,
    "fallback-same-provider": 3, "missing-fallback": 3, "missing-feedback-loop": 2, "isolated-component": 2,
}
# Rules that share one computation through the design's graph memo: kept in one group, it is done once.
TOGETHER = (("latency-budget-exceeded", "availability-budget-exceeded"),)


def processes(components: int, jobs: int | None) -> int:
    """How many processes to lint a design of `components` components with: 1, or 2 and more when it pays.

    `jobs`: 1 forbids splitting; None or 0 means one per core; N > 1 at most N.
    """
    if jobs == 1 or not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return 1
    if not SPLIT_MIN <= components <= SPLIT_MAX:
        return 1
    from designlint.findings import parallel

    if parallel.in_worker:  # a folder worker's core is taken
        return 1
    available = parallel.cores()
    if jobs == 0 or jobs is None:
        # Cores that other work keeps busy give nothing to a child but the cost of copying pages: as GNU
        # make's --load-average, no split when the load leaves less than half a core idle (a fresh user's
        # 10,000-component design took 1.2x longer split than in one process with both cores busy).
        if os.getloadavg()[0] > available - 0.5:
            return 1
        return available
    return max(1, min(available, jobs))


def groups(rule_ids: Sequence[str], count: int) -> list[list[str]]:
    """`rule_ids` in `count` groups of about equal WEIGHTS (greedy, heaviest first; TOGETHER kept together),
    each group in the order of `rule_ids`. Deterministic for the same arguments."""
    position = {rule: i for i, rule in enumerate(rule_ids)}
    units: list[list[str]] = []
    placed: set[str] = set()
    for bundle in TOGETHER:
        members = [r for r in bundle if r in position]
        if members:
            units.append(members)
            placed.update(members)
    units += [[r] for r in rule_ids if r not in placed]
    units.sort(key=lambda unit: (-sum(WEIGHTS.get(r, 1) for r in unit), position[unit[0]]))
    loads = [0] * count
    out: list[list[str]] = [[] for _ in range(count)]
    for unit in units:
        lightest = min(range(count), key=lambda i: (loads[i], i))
        out[lightest] += unit
        loads[lightest] += sum(WEIGHTS.get(r, 1) for r in unit)
    return [sorted(group, key=position.__getitem__) for group in out if group]


def run(rule_ids: Sequence[str], check: Callable[[str], list], count: int) -> dict[str, list]:
    """{rule id: check(rule id)} for every id, the groups after the first run in `count - 1` forked children.

    `check(rule_id)` returns the rule's problems (designlint.rules.Problem) as a list.
    """
    parts = groups(rule_ids, count)
    children = []
    gc.freeze()  # what exists now is shared with the children: no collection there walks (and copies) it
    try:
        for group in parts[1:]:
            children.append((group, _fork(group, check)))
    finally:
        gc.unfreeze()
    collected: list[tuple[list[str], dict | None]] = []
    pending = list(children)
    try:
        results = {rule: check(rule) for rule in parts[0]}
        while pending:
            group, (pid, reader) = pending.pop(0)
            collected.append((group, _collect(pid, reader)))  # reaps its child, or stops it on an interruption
    except BaseException:  # Ctrl-C, or a rule's error here: no child is left working for nobody
        for _, (pid, reader) in pending:
            os.close(reader)
            _stop(pid)
        raise
    for group, got in collected:
        if got is None:  # the child failed: do its work here, so any error is the one a single process gives
            got = {rule: check(rule) for rule in group}
        results.update(got)
    return results


def _stop(pid: int) -> None:
    """Kill a child that has not been reaped, and reap it."""
    import signal

    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _die_with(parent: int) -> None:
    """In a child: be killed when the parent dies (a CI job's timeout sends the parent SIGTERM), by Linux's
    PR_SET_PDEATHSIG (prctl(2)); exit now if the parent is already gone."""
    import signal

    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux's C library: the child ends when its pipe breaks
        pass
    if os.getppid() != parent:
        os._exit(1)


def _fork(group: list[str], check: Callable[[str], list]) -> tuple[int, int]:
    reader, writer = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: run the group, send the problems, and leave without any clean-up of the parent's
        status = 1
        try:
            os.close(reader)
            import signal

            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to report
            _die_with(parent)
            gc.disable()
            import pickle

            rows = {rule: [_row(p) for p in check(rule)] for rule in group}
            data = pickle.dumps(rows, pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as out:
                out.write(data)
            status = 0
        except BaseException:  # noqa: BLE001 - any failure: the parent runs the group itself
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    return pid, reader


def _collect(pid: int, reader: int) -> dict[str, list] | None:
    """The child's problems, or None when it failed."""
    try:
        with os.fdopen(reader, "rb") as stream:
            data = stream.read()
    except BaseException:  # Ctrl-C while waiting: the child's work is not wanted
        _stop(pid)
        raise
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    import pickle

    try:
        rows = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a short or broken message: treated as a failed child
        return None
    return {rule: [_problem(row) for row in problems] for rule, problems in rows.items()}


def _row(problem) -> tuple:
    loc = problem.location
    return (loc.file, loc.line, loc.column, problem.message, problem.component, problem.subject)


def _problem(row: tuple):
    from designlint.loading.location import Location
    from designlint.rules import Problem

    file, line, column, message, component, subject = row
    return Problem(Location(file, line, column), message, component, subject)
