"""Properties of every command and output format on generated inputs (mostly valid designs, and mutated examples).

For each input: exit codes in the contract, no traceback, JSON/SARIF/JUnit/SVG that parse, DOT that pydot reads,
Mermaid labels that stay quoted, one record per line in text and github output, a baseline that the same
input then passes; and the same bytes whatever PYTHONHASHSEED is. CI draws a bounded number of inputs;
DESIGNLINT_FUZZ=full draws thousands, and bench/fuzz.py reports counts.
"""

import os
import subprocess
import sys

from hypothesis import HealthCheck, given, settings, strategies as st

from fuzzkit import check_all, designs, dump, examples_count, inputs

_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
                 derandomize=os.environ.get("DESIGNLINT_FUZZ") != "full")


@settings(max_examples=examples_count(120), **_SETTINGS)
@given(text=inputs)
def test_every_command_and_format_keeps_its_contract(text, run_cli, tmp_path):
    path = tmp_path / "design.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check_all(run_cli, path, tmp_path)
    assert problems == []


@settings(max_examples=examples_count(6), **_SETTINGS)
@given(design=designs())
def test_svg_from_real_graphviz_is_well_formed(design, run_cli, tmp_path):
    path = tmp_path / "design.yaml"
    path.write_text(dump(design), encoding="utf-8")
    _, problems = check_all(run_cli, path, tmp_path, svg=True)
    assert problems == []


def _run(args, seed, cwd):
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    proc = subprocess.run([sys.executable, "-m", "designlint", *args], capture_output=True, cwd=cwd, env=env,
                          timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


@settings(max_examples=examples_count(3), **_SETTINGS)
@given(design=designs(), seeds=st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1)))
def test_output_is_identical_across_hash_seeds(design, seeds, tmp_path):
    (tmp_path / "d.yaml").write_text(dump(design), encoding="utf-8")
    args = ["check", "--format", "json", "d.yaml"]
    first, second = _run(args, seeds[0], tmp_path), _run(args, seeds[1], tmp_path)
    assert first == second
    args = ["render", "--format", "dot", "d.yaml"]
    assert _run(args, seeds[0], tmp_path) == _run(args, seeds[1], tmp_path)


def test_most_generated_designs_are_valid(run_cli, tmp_path):
    # the generator must exercise the rules, not only the input-error path
    valid = []

    @settings(max_examples=60, database=None, **_SETTINGS)
    @given(design=designs())
    def collect(design):
        path = tmp_path / "v.yaml"
        path.write_text(dump(design), encoding="utf-8")
        valid.append(run_cli("check", "--format", "json", path)[0] in (0, 1))

    collect()
    assert len(valid) == 60 and sum(valid) / len(valid) >= 0.9, sum(valid)
