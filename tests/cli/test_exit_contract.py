"""[8] Exit codes stay in the contract: a write into a missing folder is 2 with the user's path; Ctrl-C is 130."""

import os
import signal
import subprocess
import sys
import time

import pytest

from designlint.cli import main

GOOD = "designlint: 1\nsystem: s\ncomponents:\n  a: {kind: rule, owner: o, error_budget: {availability: 99%}}\n"


@pytest.mark.parametrize("args, what", [
    (["baseline", "d.yaml", "-o", "missing-dir/b.json"], "the baseline"),
    (["render", "d.yaml", "--format", "dot", "-o", "missing-dir/b.json"], "the diagram"),
    (["init", "missing-dir/b.json"], "the starter design"),
])
def test_a_missing_output_folder_is_exit_2_naming_the_users_path(args, what, run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.yaml").write_text(GOOD)
    code, _, err = run_cli(*args)
    assert (code, err) == (2, f"missing-dir/b.json: error: cannot be written ({what}): No such file or directory\n")


@pytest.mark.parametrize("command", ["check", "render", "review", "baseline", "rules"])
def test_an_interrupt_in_any_command_is_130_with_one_line(command, run_cli, tmp_path, monkeypatch):
    import designlint.findings.run as run_module
    import designlint.cli.rules as rules_module

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.yaml").write_text(GOOD)
    monkeypatch.setattr(run_module, "lint_paths", interrupt)
    monkeypatch.setattr("designlint.model.build.load", interrupt)
    monkeypatch.setattr(rules_module, "run_setup", interrupt)
    args = {"check": ["check", "d.yaml"], "render": ["render", "d.yaml", "--format", "dot"],
            "review": ["review", "d.yaml"], "baseline": ["baseline", "d.yaml", "-o", "b.json"],
            "rules": ["rules"]}[command]
    code, out, err = run_cli(*args)
    assert (code, err) == (130, "designlint: interrupted\n")


def _interrupt_after(args, delay, cwd):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.Popen([sys.executable, "-c", "from designlint.entry import run; run()", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


_INTERRUPT_ON_IMPORT = """
import os, signal, sys
class Hook:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Hook())
from designlint.entry import run
sys.argv = ["designlint", "check", "d.yaml"]
run()
"""


@pytest.mark.parametrize("module", ["click", "designlint.cli.check", "yaml", "designlint.rules.registry"])
def test_ctrl_c_during_start_up_is_one_line_and_130(module, tmp_path):
    # the signal arrives while designlint imports `module`: start-up, before any command runs
    (tmp_path / "d.yaml").write_text(GOOD)
    proc = subprocess.run([sys.executable, "-c", _INTERRUPT_ON_IMPORT.format(module=module)], capture_output=True,
                          text=True, cwd=tmp_path, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (130, "", "designlint: interrupted\n")


def test_ctrl_c_during_a_long_check_is_130(tmp_path):
    sys.path.insert(0, str(os.path.join(os.path.dirname(__file__), "..", "..", "bench")))
    from generate import design_text

    (tmp_path / "big.yaml").write_text(design_text(20_000))
    code, out, err = _interrupt_after(["check", "big.yaml"], 1.5, tmp_path)
    assert (code, err) == (130, "designlint: interrupted\n")


@pytest.mark.parametrize("where", ["group", "command"])
def test_an_interrupt_while_options_are_parsed_is_130_with_one_line(where, run_cli, monkeypatch):
    from designlint.cli.check import check

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(main if where == "group" else check, "parse_args", interrupt)
    code, _, err = run_cli("check", "--select", "missing-owner", ".")
    assert (code, err) == (130, "designlint: interrupted\n")
