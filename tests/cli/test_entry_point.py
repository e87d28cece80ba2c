"""The console entry point leaves without freeing objects, yet every byte of output gets out first."""

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402


def test_large_output_is_complete_and_the_exit_code_kept(tmp_path, run_cli, run_process):
    design = tmp_path / "big.yaml"
    design.write_text(generate.design_text(600), encoding="utf-8")
    code, out, err = run_process("check", "--format", "json", design, cwd=ROOT)
    assert code == 1
    assert len(json.loads(out)["findings"]) > 100
    assert (code, out, err) == run_cli("check", "--format", "json", design)


def test_usage_errors_and_version_keep_their_exit_codes(run_process, run_cli):
    from designlint import __version__

    code, out, err = run_process("check", "--no-such-option", cwd=ROOT)
    in_process = run_cli("check", "--no-such-option")
    assert (code, out) == in_process[:2] == (2, "")
    # click's own words, whichever click is installed; CliRunner calls the program `main`
    assert err == in_process[2].replace("main check", "designlint check") and "--no-such-option" in err
    assert run_process("--version", cwd=ROOT) == (0, f"designlint, version {__version__}\n", "")
