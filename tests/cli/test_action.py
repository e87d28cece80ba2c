"""The GitHub Action, run as the runner runs it: scripts/github-action.sh in a throwaway git repository
(a base branch and a pull request's commit on top), with the runner's environment variables."""

import json
import os
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, git

SCRIPT = ROOT / "scripts" / "github-action.sh"

BASE = """\
designlint: 1
system: refunds
components:
  chat: {kind: interface, owner: web, error_budget: {availability: 99%}}
  agent:
    kind: agent
    owner: ai
    fallback: ops
    error_budget: {availability: 99.9%}
    evaluation: {set: last month's refund cases, gate: agrees with ops on 95%}
    actions:
      - {name: refund, reversible: false, gate: ops}
  ops: {kind: human, owner: support, sla: 4h}
flows:
  - chat -> agent
  - {from: ops, to: agent, kind: feedback, label: corrections}
"""
# The pull request takes the human gate off the refund.
HEAD = BASE.replace(", gate: ops}", "}")


@pytest.fixture
def pull_request(tmp_path):
    """(work tree on the pull request's branch, the runner's environment)."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q")
    (upstream / "design.yaml").write_text(BASE)
    (upstream / "ci.yml").write_text("on: push\n")  # YAML that is not a design
    git(upstream, "add", ".")
    git(upstream, "commit", "-qm", "base")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", f"file://{upstream}", "work")
    git(work, "checkout", "-qb", "feature")
    (work / "design.yaml").write_text(HEAD)
    git(work, "commit", "-qam", "take the gate off refunds")
    env = {
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"],
        "HOME": str(tmp_path), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "feature",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "GITHUB_OUTPUT": str(tmp_path / "output"),
        "INPUT_PATHS": ".", "INPUT_FAIL_ON": "error", "INPUT_CONFIG": "", "INPUT_SARIF": "designlint.sarif",
        "INPUT_SUMMARY": "true", "INPUT_DIFF": "true", "INPUT_GATE": "auto",
    }
    (tmp_path / "summary.md").write_text("")
    (tmp_path / "output").write_text("")
    return work, env


def run_action(work, env):
    return subprocess.run(["bash", str(SCRIPT)], cwd=work, env=env, capture_output=True, text=True, timeout=120)


CHECK_ANNOTATION = ("::error file=design.yaml,line=12,col=9,title=designlint (ungated-irreversible-action)::"
                    "`agent` (agent) can take the irreversible action `refund` itself with no human gate: "
                    "add `gate: <human component>` to the action")


def test_on_a_pull_request_it_annotates_writes_sarif_and_summary_and_gates_on_the_diff(pull_request):
    work, env = pull_request
    proc = run_action(work, env)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout == (
        CHECK_ANNOTATION + "\n"
        "Found 1 error in 1 file.\n"
        "::warning file=design.yaml,line=12,col=9,title=designlint diff%3A removed gate::"
        "agent: action `refund` lost its human gate `ops`\n"
        "::error file=design.yaml,line=12,col=9,title=designlint (ungated-irreversible-action)%3A introduced::"
        "`agent` (agent) can take the irreversible action `refund` itself with no human gate: "
        "add `gate: <human component>` to the action\n"
        "1 safeguard removed; 1 finding introduced, 0 fixed, 0 unchanged; 1 of them fails the run "
        "(--fail-on error).\n"
    )
    output = (work.parent / "output").read_text()
    assert output == "exit-code=1\nsarif=designlint.sarif\ndiff-exit-code=1\n"
    sarif = json.loads((work / "designlint.sarif").read_text())
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("ungated-irreversible-action", "design.yaml", 12)]
    summary = (work.parent / "summary.md").read_text()
    assert summary.startswith("## designlint: fails\n\nFound 1 error in 1 file.\n")
    assert "\n\n## designlint diff: this change introduces 1 failing finding\n" in summary
    assert ("| `agent` | gate | action `refund` lost its human gate `ops` | `design.yaml:12:9` |\n"
            in summary)
    # the removed safeguard is listed before the findings
    assert summary.index("Removed safeguards") < summary.index("### Findings introduced")


def test_on_a_push_it_runs_no_diff_and_gates_on_check(pull_request):
    work, env = pull_request
    env = dict(env, GITHUB_EVENT_NAME="push", GITHUB_BASE_REF="")
    proc = run_action(work, env)
    assert proc.returncode == 1
    assert proc.stdout == CHECK_ANNOTATION + "\nFound 1 error in 1 file.\n"
    assert (work.parent / "output").read_text() == "exit-code=1\nsarif=designlint.sarif\n"
    assert "designlint diff" not in (work.parent / "summary.md").read_text()


def test_a_clean_pull_request_passes_and_outputs_say_so(pull_request):
    work, env = pull_request
    (work / "design.yaml").write_text(BASE.replace("owner: support", "owner: support-team"))
    git(work, "commit", "-qam", "rename the team")
    proc = run_action(work, dict(env, INPUT_SARIF="", INPUT_SUMMARY="false"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == "No problems found in 1 file.\n0 findings introduced, 0 fixed, 0 unchanged.\n"
    assert (work.parent / "output").read_text() == "exit-code=0\ndiff-exit-code=0\n"
    assert not (work / "designlint.sarif").exists()
    assert (work.parent / "summary.md").read_text() == ""


def test_gate_check_fails_on_existing_findings_even_when_the_diff_is_clean(pull_request):
    work, env = pull_request
    git(work, "commit", "-q", "--allow-empty", "-m", "nothing")
    (work / "notes.md").write_text("# notes\n")
    proc = run_action(work, dict(env, INPUT_GATE="check", GITHUB_BASE_REF="main"))
    assert proc.returncode == 1
    proc = run_action(work, dict(env, INPUT_GATE="diff", INPUT_FAIL_ON="warning"))
    assert proc.returncode == 1


def test_bad_input_fails_the_step_with_2(pull_request):
    work, env = pull_request
    (work / "design.yaml").write_text("designlint: 1\nsystem: [\n")
    proc = run_action(work, env)
    assert proc.returncode == 2
    assert proc.stderr == "design.yaml:3:1: error: YAML syntax: did not find expected node content\n" * 5  # check x3, diff x2
    assert (work.parent / "output").read_text() == "exit-code=2\nsarif=designlint.sarif\ndiff-exit-code=2\n"


def test_action_yml_passes_every_input_to_the_script_and_installs_from_its_own_checkout():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert '"${{ github.action_path }}"' in install["run"]
    main = next(s for s in steps if s.get("id") == "designlint")
    assert main["run"] == 'bash "${{ github.action_path }}/scripts/github-action.sh"'
    passed = {name.removeprefix("INPUT_").lower().replace("_", "-") for name in main["env"]}
    assert passed | {"python-version"} == set(action["inputs"])
    for name, value in main["env"].items():
        assert value == "${{ inputs.%s }}" % name.removeprefix("INPUT_").lower().replace("_", "-")
    for name, output in action["outputs"].items():
        assert output["value"] == "${{ steps.designlint.outputs.%s }}" % name
