"""One large design's rules split over forked processes (findings.split): the same findings as one process,
byte for byte; a failed child's rules rerun in the parent; used only where it pays and is safe."""

import json
import os
import sys

import pytest

from conftest import EXAMPLES, ROOT

from designlint.findings import engine, split
from designlint.model.build import load, loads
from designlint.rules.registry import builtin_registry

sys.path.insert(0, str(ROOT / "bench"))
import shapes  # noqa: E402

IDS = [spec.id for spec in builtin_registry() if spec.check is not None]


def _rows(findings):
    return [(f.rule, f.severity, str(f.location), f.message, f.component, f.waived) for f in findings]


@pytest.fixture
def always_split(monkeypatch):
    monkeypatch.setattr(split, "SPLIT_MIN", 0)
    monkeypatch.setattr("designlint.findings.parallel.in_worker", False)
    monkeypatch.setattr("designlint.findings.parallel.cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))


@pytest.mark.parametrize("path", EXAMPLES, ids=os.path.basename)
def test_every_example_gives_the_same_findings_split_or_not(always_split, path):
    design = load(path)
    assert split.processes(len(design.components), 0) == 2
    assert _rows(engine.lint(design, jobs=0)) == _rows(engine.lint(load(path), jobs=1))


@pytest.mark.parametrize("shape", shapes.SHAPES)
def test_every_bench_shape_gives_the_same_findings_split_in_three(always_split, shape):
    text = shapes.design_text(shape, 300)
    split_up = engine.lint(loads(text, f"{shape}.yaml"), jobs=3)
    alone = engine.lint(loads(text, f"{shape}.yaml"), jobs=1)
    assert len(alone) > 50
    assert _rows(split_up) == _rows(alone)


def test_a_child_that_fails_has_its_rules_run_by_the_parent(always_split):
    parent = os.getpid()
    registry = builtin_registry()
    child_rules = split.groups(IDS, 2)[1]
    # The example on which the child's rules find the most, so a lost group would show.
    path = max(EXAMPLES, key=lambda p: sum(f.rule in child_rules for f in engine.lint(load(p), jobs=1)))
    expected = _rows(engine.lint(load(path), registry=registry, jobs=1))
    assert sum(row[0] in child_rules for row in expected) >= 3
    heavy = child_rules[0]
    real = registry.get(heavy).check

    def only_here(design):  # dies in the child, works in the parent
        if os.getpid() != parent:
            os.kill(os.getpid(), 9)
        return real(design)

    specs = [spec if spec.id != heavy else _with_check(spec, only_here) for spec in registry]
    assert _rows(engine.lint(load(path), registry=_registry(specs), jobs=2)) == expected


def test_a_rule_that_fails_everywhere_raises_in_the_parent_as_in_one_process(always_split):
    registry = builtin_registry()
    heavy = split.groups(IDS, 2)[1][0]

    def broken(design):
        raise RuntimeError("the rule's own bug")

    specs = [spec if spec.id != heavy else _with_check(spec, broken) for spec in registry]
    with pytest.raises(RuntimeError, match="^the rule's own bug$"):
        engine.lint(load(EXAMPLES[0]), registry=_registry(specs), jobs=2)


def _with_check(spec, check):
    from dataclasses import replace

    return replace(spec, check=check)


def _registry(specs):
    from designlint.rules import Registry

    return Registry(tuple(specs))


def test_groups_keep_shared_work_together_balance_by_weight_and_keep_the_rule_order():
    two = split.groups(IDS, 2)
    assert sorted(sum(two, [])) == sorted(IDS)
    assert all(group == sorted(group, key=IDS.index) for group in two)
    together = [g for g in two if "latency-budget-exceeded" in g]
    assert len(together) == 1 and "availability-budget-exceeded" in together[0]
    weight = [sum(split.WEIGHTS.get(r, 1) for r in g) for g in two]
    assert abs(weight[0] - weight[1]) <= max(split.WEIGHTS.values())
    assert split.groups(IDS, 2) == two  # deterministic
    assert split.groups(["a", "b"], 5) == [["a"], ["b"]]  # no empty group


def test_processes_only_where_it_pays_and_is_safe(monkeypatch):
    monkeypatch.setattr("designlint.findings.parallel.cores", lambda: 4)
    monkeypatch.setattr("designlint.findings.parallel.in_worker", False)
    monkeypatch.setattr(os, "getloadavg", lambda: (3.4, 0.0, 0.0))
    assert split.processes(split.SPLIT_MIN, 0) == 4
    assert split.processes(split.SPLIT_MIN, None) == 4
    assert split.processes(split.SPLIT_MAX, 2) == 2
    assert split.processes(split.SPLIT_MIN, 1) == 1  # --jobs 1
    assert split.processes(split.SPLIT_MIN - 1, 0) == 1  # too small to pay
    assert split.processes(split.SPLIT_MAX + 1, 0) == 1  # a child would copy too much of it
    monkeypatch.setattr(os, "getloadavg", lambda: (3.6, 0.0, 0.0))  # less than half a core idle
    assert split.processes(split.SPLIT_MIN, 0) == 1
    assert split.processes(split.SPLIT_MIN, 3) == 3  # an explicit --jobs N is obeyed
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.setattr("designlint.findings.parallel.in_worker", True)
    assert split.processes(split.SPLIT_MIN, 0) == 1  # a folder worker's core is taken


_ORPHAN = """
import os, sys, time
from designlint.findings import engine, split
from designlint.model.build import load
from designlint.rules import Registry
from designlint.rules.registry import builtin_registry
from dataclasses import replace
split.SPLIT_MIN = 0
os.getloadavg = lambda: (0.0, 0.0, 0.0)
import designlint.findings.parallel as parallel
parallel.cores = lambda: 2
registry = builtin_registry()
ids = [s.id for s in registry if s.check is not None]
mine, theirs = split.groups(ids, 2)
parent = os.getpid()

def wait(design):
    if os.getpid() != parent:
        with open(sys.argv[2], "w") as fh:
            fh.write(str(os.getpid()))
    time.sleep(60)
    return []

registry = Registry([replace(s, check=wait) if s.id in (mine[0], theirs[0]) else s for s in registry])
engine.lint(load(sys.argv[1]), registry=registry, jobs=2)
"""


def test_a_child_dies_with_its_parent_when_a_ci_timeout_kills_the_parent(tmp_path):
    import signal
    import subprocess
    import time

    pid_file = tmp_path / "child.pid"
    parent = subprocess.Popen([sys.executable, "-c", _ORPHAN, EXAMPLES[0], str(pid_file)], cwd=ROOT)
    try:
        for _ in range(600):  # the child writes its pid as it starts its group
            if pid_file.exists() and pid_file.read_text():
                break
            time.sleep(0.05)
        child = int(pid_file.read_text())
        parent.send_signal(signal.SIGTERM)
        assert parent.wait(timeout=30) == -signal.SIGTERM
        for _ in range(600):  # the kernel kills it (PR_SET_PDEATHSIG); its zombie is reaped by init
            if not os.path.exists(f"/proc/{child}") or _state(child) == "Z":
                break
            time.sleep(0.05)
        assert not os.path.exists(f"/proc/{child}") or _state(child) == "Z"
    finally:
        parent.kill()
        parent.wait()


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_check_jobs_0_and_1_print_the_same_json_on_a_design_that_is_split(run_process, tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(shapes.design_text("random-scc", split.SPLIT_MIN), encoding="utf-8")
    outs = []
    for jobs in ("0", "1"):
        code, out, err = run_process("check", "--isolated", "--format", "json", "--jobs", jobs, path)
        assert code == 1 and err == ""
        outs.append(out)
    assert outs[0] == outs[1]
    assert len(json.loads(outs[0])["findings"]) > 1000


def _children() -> list[int]:
    """The live processes whose parent is this one (from /proc)."""
    me, found = os.getpid(), []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me and fields[0] != "Z":
                found.append(int(entry))
    return found


def test_an_error_in_the_parent_stops_the_children_before_it_is_raised(always_split):
    import time

    registry = builtin_registry()
    mine, theirs = split.groups(IDS, 2)
    parent = os.getpid()

    def slow_in_the_child(design):  # the child would still be working long after the parent gave up
        if os.getpid() != parent:
            time.sleep(60)
        return []

    def fails_in_the_parent(design):
        raise KeyboardInterrupt

    swapped = {mine[0]: fails_in_the_parent, theirs[0]: slow_in_the_child}
    specs = [_with_check(spec, swapped[spec.id]) if spec.id in swapped else spec for spec in registry]
    before = _children()
    with pytest.raises(KeyboardInterrupt):
        engine.lint(load(EXAMPLES[0]), registry=_registry(specs), jobs=2)
    assert _children() == before
