"""Exit codes, --fail-on, directory arguments, output stability and text format.

Most tests run the CLI in-process (conftest's run_cli); the determinism test
runs real processes (conftest's run_process) with different hash seeds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from designlint.rules.registry import CORE

CORE_RULES = set(CORE) - {"unused-waiver"}  # the core rules that judge the design itself

# A design with no finding at all: every component owned and budgeted, the
# model has a fallback and a feedback loop, everything is connected.
CLEAN = """\
designlint: 1
system: clean
description: A small, fully specified design.
components:
  app:
    kind: interface
    owner: web
    layer: interaction
    description: The mobile app.
    error_budget: {availability: 99.9%}
  scorer:
    kind: model
    owner: ds
    layer: agents
    evaluation: last month's labelled requests
    fallback: rules
    error_budget: {recall: ">= 0.8", latency_p99: 50ms}
  rules:
    kind: rule
    owner: ds
    layer: agents
    description: The fallback when the model fails.
    error_budget: {availability: 99.99%}
  care:
    kind: human
    owner: care
    layer: interaction
    description: Reviews hard cases.
    sla: 24h
flows:
  - app -> scorer
  - scorer -> rules
  - {from: scorer, to: care, kind: escalation}
  - {from: care, to: scorer, kind: feedback, label: corrections}
"""

# Line 5 is `  app:` in CLEAN; used for text-output locations.
APP_LINE = 5

# The example from FORMAT.md, verbatim. Its only core finding is a
# missing-feedback-loop warning on `executor` (line 19): no feedback flow
# reaches the agent.
FORMAT_EXAMPLE = """\
designlint: 1                      # format version: required, integer 1
system: churn-reduction-agent      # required, the system's name
description: Predict churn and act before the customer calls.

components:                        # required mapping: id -> component
  app:
    kind: interface
    owner: mobile-team
    error_budget: {availability: 99.9%, latency_p99: 300ms}
  churn_model:
    kind: model
    owner: data-science
    fallback: rules_bucketing      # id of another component, or a list (ordered fallback chain)
    error_budget: {recall: ">= 0.80", latency_p99: 50ms}
  rules_bucketing:
    kind: rule
    owner: data-science
    error_budget: {availability: 99.99%}
  executor:
    kind: agent
    owner: retention-ops
    fallback: care_team
    error_budget: {availability: 99.5%}
    actions:
      - name: issue_retention_credit
        reversible: false
        gate: care_team            # a human component that approves it
      - name: send_offer_email
        reversible: true
  care_team:
    kind: human
    owner: customer-care
    sla: 24h

flows:                             # list; each "a -> b" or a mapping
  - app -> churn_model
  - churn_model -> executor
  - {from: executor, to: care_team, kind: escalation}
  - {from: care_team, to: churn_model, kind: feedback, label: outcome labels}
"""


def _variant(old: str, new: str, base: str = CLEAN) -> str:
    assert base.count(old) == 1, old
    return base.replace(old, new)


# An unwaived error: `app` loses its owner.
WITH_ERROR = _variant("    owner: web\n", "")
# Only a warning: `app` loses its error budget.
WARNING_ONLY = _variant("    error_budget: {availability: 99.9%}\n", "")
# The error is waived.
WAIVED_ERROR = _variant(
    "    owner: web\n",
    "    waive:\n      missing-owner: the app team is being re-formed\n",
)
# Only an info finding: a waiver that matches nothing.
INFO_ONLY = _variant(
    "    owner: web\n",
    "    owner: web\n    waive:\n      missing-owner: stale waiver\n",
)


@pytest.fixture()
def lint(tmp_path, run_cli):
    """lint(text_or_path, *args) -> (exit_code, stdout, stderr) of `designlint check ARGS PATH`."""

    def _lint(design, *args, name="design.yaml"):
        if isinstance(design, Path):
            target = design
        else:
            target = tmp_path / name
            target.write_text(design, encoding="utf-8")
        return run_cli("check", *args, target)

    return _lint


def _findings(stdout: str):
    report = json.loads(stdout)
    assert isinstance(report["findings"], list)
    assert isinstance(report.get("errors", []), list)
    assert isinstance(report.get("summary", {}), dict)
    return report["findings"]


def _unwaived(findings, severities):
    return [f for f in findings if f["severity"] in severities and not f["waived"]]


# --- exit codes ----------------------------------------------------------------------


def test_clean_design_exits_0(lint):
    code, out, err = lint(CLEAN, "--format", "json")
    assert code == 0, out + err
    findings = _findings(out)
    assert [f for f in findings if f["rule"] in CORE_RULES] == []
    assert _unwaived(findings, {"error", "warning"}) == []
    assert lint(CLEAN)[0] == 0
    assert lint(CLEAN, "--fail-on", "warning")[0] == 0


def test_errors_exit_1(lint):
    code, out, err = lint(WITH_ERROR, "--format", "json")
    assert code == 1, out + err
    findings = _findings(out)
    assert [(f["rule"], f["component"], f["line"]) for f in _unwaived(findings, {"error"})] == [
        ("missing-owner", "app", APP_LINE)
    ]
    assert lint(WITH_ERROR)[0] == 1
    assert lint(WITH_ERROR, "--fail-on", "error")[0] == 1
    assert lint(WITH_ERROR, "--fail-on", "warning")[0] == 1
    assert lint(WITH_ERROR, "--fail-on", "info")[0] == 1


def test_warnings_only(lint):
    code, out, err = lint(WARNING_ONLY, "--format", "json")
    assert code == 0, out + err
    findings = _findings(out)
    assert [(f["rule"], f["component"]) for f in _unwaived(findings, {"error", "warning"})] == [
        ("missing-error-budget", "app")
    ]
    assert lint(WARNING_ONLY)[0] == 0
    assert lint(WARNING_ONLY, "--fail-on", "error")[0] == 0
    assert lint(WARNING_ONLY, "--fail-on", "warning")[0] == 1
    assert lint(WARNING_ONLY, "--fail-on", "info")[0] == 1
    assert lint(WARNING_ONLY, "--format", "json", "--fail-on", "warning")[0] == 1


def test_waived_errors_exit_0(lint):
    code, out, err = lint(WAIVED_ERROR, "--format", "json")
    assert code == 0, out + err
    findings = _findings(out)
    owner = [f for f in findings if f["rule"] == "missing-owner"]
    assert len(owner) == 1 and owner[0]["waived"] is True, owner
    assert owner[0]["waive_reason"] == "the app team is being re-formed"
    assert _unwaived(findings, {"error", "warning"}) == []
    assert lint(WAIVED_ERROR)[0] == 0
    assert lint(WAIVED_ERROR, "--fail-on", "warning")[0] == 0


def test_info_only_exits_0_unless_fail_on_info(lint):
    code, out, err = lint(INFO_ONLY, "--format", "json")
    assert code == 0, out + err
    findings = _findings(out)
    assert [
        (f["rule"], f["severity"], f["component"], f["line"])
        for f in findings
        if f["rule"] in CORE_RULES | {"unused-waiver"}
    ] == [("unused-waiver", "info", "app", APP_LINE + 4)]
    assert _unwaived(findings, {"error", "warning"}) == []
    assert lint(INFO_ONLY)[0] == 0
    assert lint(INFO_ONLY, "--fail-on", "error")[0] == 0
    assert lint(INFO_ONLY, "--fail-on", "warning")[0] == 0
    assert lint(INFO_ONLY, "--fail-on", "info")[0] == 1


def test_format_example_has_one_feedback_warning(lint):
    code, out, err = lint(FORMAT_EXAMPLE, "--format", "json")
    assert code == 0, out + err
    core = [
        (f["rule"], f["severity"], f["component"], f["line"], f["column"])
        for f in _findings(out)
        if f["rule"] in CORE_RULES
    ]
    assert core == [("missing-feedback-loop", "warning", "executor", 19, 3)]
    assert lint(FORMAT_EXAMPLE, "--fail-on", "warning")[0] == 1


def test_exit_code_counts_all_files(lint, tmp_path, run_cli):
    (tmp_path / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(WITH_ERROR, encoding="utf-8")
    assert lint(tmp_path / "clean.yaml")[0] == 0
    code, out, err = run_cli("check", "--format", "json", tmp_path / "clean.yaml", tmp_path / "broken.yaml")
    assert code == 1, out + err
    files = {Path(f["file"]).name for f in _findings(out)}
    assert files == {"broken.yaml"}


# --- valid variations must not be input errors ---------------------------------------------


def test_flows_and_description_are_optional(lint):
    design = (
        "designlint: 1\n"
        "system: tiny\n"
        "components:\n"
        "  api:\n"
        "    kind: service\n"
        "    owner: t\n"
        "    error_budget: {availability: 99%}\n"
    )
    code, out, err = lint(design, "--format", "json")
    assert code == 0, out + err
    assert _unwaived(_findings(out), {"error", "warning"}) == []


def test_x_extension_keys_are_allowed(lint):
    design = (
        "designlint: 1\n"
        "system: ext\n"
        "x-team-wiki: https://example.invalid/wiki\n"
        "components:\n"
        "  api:\n"
        "    kind: service\n"
        "    owner: t\n"
        "    error_budget: {availability: 99%}\n"
        "    x-cost-centre: 1234\n"
    )
    code, out, err = lint(design, "--format", "json")
    assert code == 0, out + err


# --- bad command lines ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml"],
        ["--fail-on", "critical"],
        ["--no-such-option"],
    ],
    ids=["bad-format", "bad-fail-on", "unknown-option"],
)
def test_bad_command_line_exits_2(tmp_path, run_cli, args):
    path = tmp_path / "design.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    code, out, err = run_cli("check", *args, path)
    assert (code, out) == (2, "")
    assert err.startswith("Usage: ") and f"Error: " in err and args[0] in err, err


# --- directory arguments ----------------------------------------------------------------


def _design_with_unowned(component: str) -> str:
    return (
        "designlint: 1\n"
        f"system: {component}-system\n"
        "components:\n"
        f"  {component}:\n"
        "    kind: service\n"
        "    error_budget: {availability: 99%}\n"
    )


def _write_other_files(d: Path):
    # YAML files without a top-level `designlint` key: ignored, even though they
    # would be schema errors if they were read as designs.
    (d / "pod.yaml").write_text(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: []\n",
        encoding="utf-8",
    )
    (d / "compose.yml").write_text("services:\n  web:\n    image: nginx\n", encoding="utf-8")
    (d / "list.yaml").write_text("- designlint: 1\n- system: not-a-design\n", encoding="utf-8")
    (d / "nested-key.yaml").write_text(
        "config:\n  designlint: 1\n  system: nested\n", encoding="utf-8"
    )
    # Not YAML by name: ignored even though the content is a broken design.
    (d / "notes.txt").write_text("designlint: 1\nsystem: [\n", encoding="utf-8")
    (d / "design.yaml.bak").write_text("designlint: 1\nsystem: [\n", encoding="utf-8")


def test_directory_finds_designs_and_ignores_other_yaml(tmp_path, run_cli):
    d = tmp_path / "designs"
    d.mkdir()
    (d / "a.yaml").write_text(_design_with_unowned("alpha"), encoding="utf-8")
    (d / "b.yml").write_text(_design_with_unowned("beta"), encoding="utf-8")
    _write_other_files(d)
    code, out, err = run_cli("check", "--format", "json", d)
    assert code == 1, out + err
    findings = _findings(out)
    owner = sorted(
        (Path(f["file"]).name, f["component"], f["line"])
        for f in findings
        if f["rule"] == "missing-owner"
    )
    assert owner == [("a.yaml", "alpha", 4), ("b.yml", "beta", 4)]
    assert {Path(f["file"]).name for f in findings} == {"a.yaml", "b.yml"}


def test_directory_with_only_clean_design_and_other_yaml_exits_0(tmp_path, run_cli):
    d = tmp_path / "designs"
    d.mkdir()
    (d / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    _write_other_files(d)
    code, out, err = run_cli("check", "--format", "json", d)
    # the backup copy looks like a design: it is not checked, and a note says so
    assert (code, err) == (0, f"{d / 'design.yaml.bak'}: note: looks like a design, but its name does not end .yaml, "
                              ".yml, .md or .markdown: not checked\n")
    report = json.loads(out)
    assert (report["files"], report["findings"]) == ([str(d / "clean.yaml")], [])


# --- stable output ---------------------------------------------------------------------

# Many findings of many rules, so that an unstable order would show.
# Every rule MANY_FINDINGS breaks, read off its text: unowned, unbudgeted, a fallback loop, an ungated refund,
# references to nobody, a stale waiver, a model with no feedback, no human hand-off, an unconnected part.
RULES_IN_MANY_FINDINGS = {
    "fallback-cycle", "fallback-shared-fate", "isolated-component", "missing-error-budget", "missing-feedback-loop",
    "missing-owner", "no-human-handoff", "unevaluated-model", "ungated-irreversible-action", "unknown-reference",
    "unused-waiver",
}

MANY_FINDINGS = """\
designlint: 1
system: noisy
components:
  app: {kind: interface}
  scorer: {kind: model, fallback: scorer}
  planner:
    kind: agent
    fallback: [ghost, scorer]
    actions:
      - {name: refund, reversible: false, gate: app}
      - {name: delete, reversible: false}
  vendor: {kind: external, fallback: planner}
  store: {kind: datastore}
  queue: {kind: queue}
  payments:
    kind: service
    actions:
      - {name: transfer, reversible: false}
  a: {kind: model, fallback: b}
  b: {kind: model, fallback: a}
  ops: {kind: human}
  legacy:
    kind: rule
    waive:
      missing-owner: going away
      fallback-cycle: unused
flows:
  - app -> scorer -> planner -> payments
  - planner -> nowhere
  - {from: nobody, to: store, kind: feedback}
  - {from: queue, to: payments, kind: escalation}
"""


def test_json_output_is_byte_identical_across_runs(tmp_path, run_process):
    (tmp_path / "noisy.yaml").write_text(MANY_FINDINGS, encoding="utf-8")
    (tmp_path / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    args = ["check", "--format", "json", "noisy.yaml", "clean.yaml"]
    first = run_process(*args, cwd=tmp_path, env={"PYTHONHASHSEED": "1"})
    second = run_process(*args, cwd=tmp_path, env={"PYTHONHASHSEED": "2"})
    assert first[0] == 1, first[2]
    assert first == second
    rules = {f["rule"] for f in _findings(first[1])}
    assert rules == RULES_IN_MANY_FINDINGS


# --- text output -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [[], ["--format", "text"]], ids=["default", "explicit"])
def test_text_output_lines(lint, tmp_path, fmt):
    path = tmp_path / "noisy.yaml"
    path.write_text(MANY_FINDINGS, encoding="utf-8")
    code_json, out_json, _ = lint(path, "--format", "json")
    findings = _findings(out_json)
    code, out, err = lint(path, *fmt)
    assert code == code_json == 1, out + err

    line_re = re.compile(
        rf"^{re.escape(str(path))}:(\d+):(\d+): (error|warning|info) ([a-z-]+) \S"
    )
    finding_lines = [ln for ln in out.splitlines() if ln.startswith(str(path) + ":")]
    for ln in finding_lines:
        assert line_re.match(ln), ln
    for f in findings:
        if f["waived"]:
            continue
        prefix = f"{path}:{f['line']}:{f['column']}: {f['severity']} {f['rule']} "
        assert any(ln.startswith(prefix) for ln in finding_lines), (prefix, out)
    # `app` (line 4, column 3) has no owner.
    assert any(ln.startswith(f"{path}:4:3: error missing-owner ") for ln in finding_lines), out
