"""The README's CI snippets work when copied: the Action's inputs exist, the GitLab job's commands run."""

import os
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET

import yaml

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def yaml_blocks():
    return [yaml.safe_load(b) for b in re.findall(r"```yaml[^\n]*\n(.*?)```\n", README, re.DOTALL)]


def test_the_action_snippet_uses_inputs_the_action_has_and_uploads_the_sarif_it_writes():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    jobs = [b for b in yaml_blocks() if isinstance(b, dict) and "jobs" in b]
    steps = jobs[0]["jobs"]["designlint"]["steps"]
    ours = next(s for s in steps if s.get("uses", "").startswith("OWNER/designlint@"))
    assert ours["uses"] == "OWNER/designlint@v0.1.0"
    assert set(ours["with"]) <= set(action["inputs"])
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == action["inputs"]["sarif"]["default"]
    # every input in the README's table is one the action has, and the other way round
    table = re.findall(r"^\| `([a-z-]+)` \| ", README.split("### The GitHub Action")[1].split("###")[0], re.M)
    assert set(table) == set(action["inputs"])


def gitlab_job():
    jobs = [b for b in yaml_blocks() if isinstance(b, dict) and "lint-designs" in b]
    assert len(jobs) == 1
    return jobs[0]["lint-designs"]


def test_the_gitlab_job_runs_and_writes_the_junit_report_it_names(tmp_path):
    job = gitlab_job()
    install, *commands = job["script"]
    assert install == 'pip install "designlint @ git+https://github.com/OWNER/designlint@v0.1.0"'
    report = job["artifacts"]["reports"]["junit"]
    assert job["artifacts"]["when"] == "always"
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])

    def run():
        for command in commands:  # designlint is installed here already: the rest as written
            proc = subprocess.run(shlex.split(command), cwd=tmp_path, env=env, capture_output=True, text=True)
            if proc.returncode:
                return proc.returncode
        return 0

    (tmp_path / "design.yaml").write_text("designlint: 1\nsystem: s\ncomponents:\n  chat: {kind: interface}\n")
    assert run() == 1  # the job fails
    suite = ET.parse(tmp_path / report).getroot()
    assert [c.get("name") for c in suite.iter("testcase")] == [
        "missing-error-budget chat (design.yaml:4:3)", "missing-owner chat (design.yaml:4:3)"]
    assert [f.get("message") for f in suite.iter("failure")] == [
        "`chat` (interface) has no owner: add `owner: <team>` naming who answers for it when it fails"]
    (tmp_path / "design.yaml").write_text((ROOT / "designlint" / "starter.yaml").read_text())
    assert run() == 0
    assert list(ET.parse(tmp_path / report).getroot().iter("failure")) == []
