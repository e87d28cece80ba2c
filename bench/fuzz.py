"""Run the property checks of tests/test_fuzz_properties.py on many inputs and report the counts.

    python bench/fuzz.py [--inputs 3000] [--seeds 50]

Draws inputs from tests/fuzzkit.py (3 in 4 generated designs, mostly valid, with hostile strings;
1 in 4 mutated examples), runs every command and output format on each in-process (check in five
formats, render dot checked by Graphviz and mermaid, review in three formats, baseline then check
against it), and `--seeds` of them in subprocesses under two PYTHONHASHSEED values. Prints inputs,
runs, the share read without input error, and each failure; exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from fuzzkit import check_all, designs, dump, inputs  # noqa: E402


def _runner():
    from click.testing import CliRunner

    from designlint.cli import main

    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()

    def run_cli(*args):
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            return 3, result.stdout, f"Traceback: {type(result.exception).__name__}: {result.exception}"
        return result.exit_code, result.stdout, result.stderr

    return run_cli


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=3000)
    parser.add_argument("--seeds", type=int, default=50, help="inputs also run under two PYTHONHASHSEED values")
    args = parser.parse_args()
    run_cli = _runner()
    stats = {"inputs": 0, "valid": 0, "failures": []}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)

        @settings(max_examples=args.inputs, database=None, deadline=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(text=inputs)
        def one(text):
            path = tmp / "design.yaml"
            path.write_text(text, encoding="utf-8")
            valid, problems = check_all(run_cli, path, tmp, svg=stats["inputs"] % 100 == 0)
            stats["inputs"] += 1
            stats["valid"] += valid
            stats["failures"].extend((text, p) for p in problems)

        one()
        seeds = {"runs": 0, "differ": 0}

        @settings(max_examples=args.seeds, database=None, deadline=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(design=designs())
        def seeded(design):
            (tmp / "d.yaml").write_text(dump(design), encoding="utf-8")
            for command in (["check", "--format", "json"], ["render", "--format", "dot"], ["review", "--format", "json"]):
                outs = [subprocess.run([sys.executable, "-m", "designlint", *command, "d.yaml"], cwd=tmp,
                                       capture_output=True, env=dict(os.environ, PYTHONHASHSEED=str(seed)))
                        for seed in (1, 2)]
                seeds["runs"] += 2
                if (outs[0].returncode, outs[0].stdout, outs[0].stderr) != (outs[1].returncode, outs[1].stdout,
                                                                             outs[1].stderr):
                    seeds["differ"] += 1
                    stats["failures"].append((dump(design), f"{command}: differs across PYTHONHASHSEED"))

        if args.seeds:
            seeded()
    elapsed = time.perf_counter() - started
    n = stats["inputs"]
    print(f"inputs: {n}; read without input error: {stats['valid']} ({stats['valid'] / max(n, 1):.0%}); "
          f"hash-seed runs: {seeds['runs']} ({seeds['differ']} differ); failures: {len(stats['failures'])}; "
          f"{elapsed:.0f} s")
    for text, problem in stats["failures"][:20]:
        print(f"--- {problem}\n{text}")
    return 1 if stats["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
