"""The console entry point leaves without freeing objects, yet every byte of output gets out first."""

import json
import subprocess
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402


def test_large_output_is_complete_and_the_exit_code_kept(tmp_path, run_cli):
    design = tmp_path / "big.yaml"
    design.write_text(generate.design_text(600), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "designlint", "check", "--format", "json", str(design)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 1
    assert len(json.loads(proc.stdout)["findings"]) > 100
    assert (proc.returncode, proc.stdout, proc.stderr) == run_cli("check", "--format", "json", design)


def test_usage_errors_and_version_keep_their_exit_codes():
    def run(*args):
        proc = subprocess.run([sys.executable, "-m", "designlint", *args], capture_output=True, text=True,
                              cwd=ROOT, timeout=60)
        return proc.returncode, proc.stdout, proc.stderr

    code, _, err = run("check", "--no-such-option")
    assert code == 2 and "No such option" in err
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("designlint, version ")
