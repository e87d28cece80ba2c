import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def make_runner():
    """A CliRunner that keeps stderr apart from stdout, on every click version."""
    from click.testing import CliRunner

    try:  # click < 8.2 mixes stderr into output unless told otherwise
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 keeps stderr apart by itself
        return CliRunner()


@pytest.fixture
def run_cli():
    """Run `designlint ARGS` through click's CliRunner; returns (exit code, stdout, stderr)."""
    from designlint.cli import main

    def run(*args, env=None):
        runner = make_runner()
        result = runner.invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture
def run_process():
    """Run `python -m designlint ARGS` (or `-m MODULE`) in a real subprocess; returns (exit code, stdout, stderr).

    The one subprocess runner of the suite: for what only a process shows (the
    entry point, hash seeds, start-up imports). `flags` go to the interpreter
    (`-X importtime`); `env` adds to the environment;
    `timeout` (seconds) turns a hang into a failure and asserts no speed.
    """

    def run(*args, cwd=None, env=None, timeout=60, module="designlint", flags=()):
        full_env = dict(os.environ, **(env or {}))
        proc = subprocess.run([sys.executable, *flags, "-m", module, *map(str, args)], capture_output=True,
                              text=True, cwd=cwd, env=full_env, timeout=timeout)
        return proc.returncode, proc.stdout, proc.stderr

    return run


@pytest.fixture
def write(tmp_path):
    """Write a design text to a file in tmp_path and return its path."""

    def write(text, name="design.yaml"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


def git(repo, *args):
    """Run git in `repo` as a throwaway identity, with no user or system config; returns stdout."""
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    proc = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                           "-c", "init.defaultBranch=main", *map(str, args)],
                          cwd=repo, env=env, check=True, capture_output=True, text=True)
    return proc.stdout
