"""Many files in worker processes give exactly what one process gives, in the same order."""

import multiprocessing
import sys

import pytest
from conftest import ROOT

from designlint.findings import parallel
from designlint.config import Config
from designlint.findings.run import lint_paths
from designlint.rules import Problem, Severity
from designlint.rules import RuleSpec
from designlint.rules.registry import builtin_registry as default_registry

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """A folder of generated designs, with files that cannot be read among them."""
    folder = tmp_path_factory.mktemp("docs")
    for i in range(9):
        (folder / f"system-{i}.yaml").write_text(generate.design_text(40 + 7 * i, seed=i), encoding="utf-8")
    (folder / "broken-yaml.yaml").write_text("designlint: 1\nsystem: [unclosed\n", encoding="utf-8")
    (folder / "broken-schema.yaml").write_text("designlint: 1\nsystem: x\ncomponents:\n  a: {kind: robot, ownr: me}\n",
                                               encoding="utf-8")
    return folder


def _outcome(report):
    return report.findings, report.errors, report.files, report.exit_code


def test_workers_give_the_same_findings_errors_and_order(docs):
    serial = lint_paths([docs], jobs=1)
    pooled = lint_paths([docs], jobs=2)
    assert serial.findings and len(serial.errors) >= 2
    assert _outcome(pooled) == _outcome(serial)
    assert len(serial.designs) == 9 and pooled.designs == ()  # designs stay in the process that read them


def test_the_cli_prints_the_same_bytes_with_and_without_workers(run_cli, docs):
    for fmt in ("text", "json"):
        assert run_cli("check", "--format", fmt, "-j", "2", docs) == run_cli("check", "--format", fmt, "-j", "1", docs)


def test_spawned_workers_give_the_same_result(docs, monkeypatch):
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    assert _outcome(lint_paths([docs], jobs=2)) == _outcome(lint_paths([docs], jobs=1))


def test_a_rule_that_cannot_travel_to_a_spawned_worker_runs_here(docs, monkeypatch):
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    system = "local"

    def every_system(design):  # a closure: it cannot be pickled
        yield Problem(design.location, f"{system}: {design.system}")

    registry = default_registry()
    registry.add(RuleSpec("local-rule", Severity.INFO, "A rule defined in a function.", every_system))
    config = Config(select=frozenset({"local-rule"}))
    pooled = lint_paths([docs], config, registry, jobs=2)
    assert _outcome(pooled) == _outcome(lint_paths([docs], config, registry, jobs=1))
    assert len(pooled.findings) == 9


def test_workers_are_used_only_when_the_files_pay_for_them(docs, tmp_path):
    files = sorted(str(p) for p in docs.glob("*.yaml"))
    assert parallel.workers(files, 1) == 1
    assert parallel.workers(files, 4) == 4
    assert parallel.workers(files[:2], 4) == 2
    assert parallel.workers(files, None) == 1  # a few kilobytes: not worth starting a process
    big = tmp_path / "big.yaml"
    big.write_text(generate.design_text(1_200), encoding="utf-8")
    many = [str(big)] * parallel.MIN_FILES
    assert parallel.workers(many, 0) == min(parallel.MIN_FILES, parallel.cores())


def test_a_finding_crosses_from_a_worker_whole():
    # Workers send findings back as plain tuples (run._row): every field must come back, `system` included.
    from designlint.findings import Finding, run
    from designlint.loading.location import Location
    from designlint.rules import Severity

    finding = Finding("r", Severity.WARNING, Location("f.md", 3, 4), "m", "c", "s", True, "why", True, "sys")
    assert run._finding(run._row(finding)) == finding
    assert len(run._row(finding)) == len(Finding.__slots__) + 2  # location is three fields
