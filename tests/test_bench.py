"""The benchmark runs end to end (`--quick`) and prints its table; its designs are deterministic.

No timing is asserted here: figures come from running bench/run.py itself.
"""

import importlib.util
import json
import subprocess
import sys

from conftest import ROOT

from designlint.findings.engine import lint
from designlint.model.build import loads

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

COLUMNS = ["what", "designlint", "baseline", "baseline time", "ratio", "target", "met"]


def test_quick_run_prints_one_table_with_every_measure(tmp_path):
    out_json = tmp_path / "rows.json"
    # Rendering is timed by bench/render_bench.py, minutes even in its quick mode: left to the test below.
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--workdir", str(tmp_path / "w"),
                           "--parts", "small,sizes,folder", "--json", str(out_json)],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    table = [line for line in lines if line.startswith("|")]
    assert lines.index(table[0]) + len(table) == len(lines), "one table, at the end"
    assert [c.strip() for c in table[0].strip("|").split("|")] == COLUMNS
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in table[2:]]
    assert all(len(r) == len(COLUMNS) for r in rows)
    whats = [r[0] for r in rows]
    for expected in ("small design", "100 components", "300 components", "every stage in one process",
                     "growth: 300 / 100", "folder of 12 designs"):
        assert any(expected in w for w in whats), expected
    assert not any("render" in w for w in whats)
    if importlib.util.find_spec("yamllint") is not None:
        assert sum("yamllint, same file" in r[2] for r in rows) == 3
    else:
        assert any("yamllint: not installed" in r[2] for r in rows)
    stages = next(w for w in whats if "every stage" in w)
    assert all(s in stages for s in ("parse", "validate", "model", "rules", "report"))
    saved = json.loads(out_json.read_text(encoding="utf-8"))
    assert [r["what"] for r in saved] == whats
    assert {"seconds", "baseline_seconds", "ratio", "target", "met"} <= set(saved[0])


def test_generated_designs_are_the_same_bytes_every_time_and_exactly_the_size_asked():
    for n in (1, 29, 30, 31, 250):
        text = generate.design_text(n, seed=7)
        assert text == generate.design_text(n, seed=7)
        assert len(loads(text, "g.yaml").components) == n
    assert generate.design_text(60, seed=1) != generate.design_text(60, seed=2)


def test_generated_designs_give_every_core_rule_work():
    from designlint.rules.registry import CORE

    design = loads(generate.design_text(1_000), "g.yaml")
    findings = lint(design)
    fired = {f.rule for f in findings}
    assert set(CORE) - fired == set()  # the judgment rules may fire too; the bench measures the core ones
    assert any(f.waived for f in findings)
    assert 0.05 < len(findings) / len(design.components) < 1  # a share of findings, not a wall of them


def test_a_folder_is_written_once_and_reused(tmp_path):
    folder = generate.write_folder(str(tmp_path), 3)
    files = sorted(p.name for p in (tmp_path / "docs-3x30").iterdir())
    assert files == ["system-0000.yaml", "system-0001.yaml", "system-0002.yaml"]
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "docs-3x30").iterdir()}
    assert generate.write_folder(str(tmp_path), 3) == folder
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "docs-3x30").iterdir()} == before


def test_without_yamllint_the_rows_say_so_instead_of_leaving_it_out(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    [small] = bench.small_rows(1, None)
    assert "yamllint: not installed (`pip install yamllint`)" in small["baseline"] and small["seconds"] > 0
    rows, _ = bench.size_rows(40, generate.write_design(str(tmp_path), 40), 1, None, 10_000)
    assert any("yamllint: not installed" in (r["baseline"] or "") for r in rows)
    assert bench.table(rows).count("\n") == len(rows) + 2


def test_render_rows_come_from_render_bench_when_it_is_there():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    class RenderBench:
        @staticmethod
        def run(quick=False):
            return [{"name": "render-1000: layout engine alone", "seconds": 1.5, "ratio": 1.0},
                    {"what": "render-1000: whole", "seconds": 1.65, "ratio": 1.1, "target": "<= 1.2", "met": True}]

    rows = bench.render_rows(True, RenderBench)
    assert [r["what"] for r in rows] == ["render-1000: layout engine alone", "render-1000: whole"]
    assert rows[1]["met"] is True and "layout engine" in rows[0]["baseline"]
    assert "| render-1000: whole | 1.650 s |" in bench.table(rows)


def test_quick_shapes_and_memory_print_every_rule_on_every_shape_and_never_fail_on_a_time(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--workdir", str(tmp_path / "w"),
                           "--parts", "shapes,memory", "--shape-sizes", "40,80"],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    shape_names = ["random-scc", "cycle", "chain", "star", "layered", "waivers"]
    header = next(line for line in lines if line.startswith("| rule | random-scc"))
    assert [c.strip() for c in header.strip("|").split("|")] == ["rule", *shape_names, "worst growth", "met (<= 12)",
                                                                "worst growth / the linear pass's", "met (<= 1.2)",
                                                                "worst growth in lines run", "met (<= 12)"]
    from designlint.rules.registry import BUILTIN_ORDER

    timed = {line.split("|")[1].strip() for line in lines if line.startswith("| ")}
    assert set(BUILTIN_ORDER) - {"unused-waiver"} <= timed
    assert "(all rules + waivers: engine.lint)" in timed
    assert "(a linear pass: breadth-first search over every flow, both ways)" in timed
    assert "(memory alone: four passes reading three fields of every component, in a shuffled order)" in timed
    # Lines run are counted at both sizes: every rule's cells carry their growth.
    owner = next(line for line in lines if line.startswith("| missing-owner |") and "lines x" in line)
    assert owner.count("lines x") == len(shape_names)
    budget = [line for line in lines if line.startswith("| missing-owner |")]
    assert len(budget) == 2 and all("— (full run)" in line for line in budget)
    summary = lines[lines.index("| what | designlint | baseline | baseline time | ratio | target | met |"):]
    whats = [line.split("|")[1].strip() for line in summary[2:]]
    assert whats[0].startswith("every rule on every shape: worst growth 80 / 40 components")
    assert whats[1].startswith("every rule on every shape: worst growth over a linear pass's on the same shape")
    assert whats[2].startswith("every rule on every shape: worst growth 80 / 40 in lines run")
    assert whats[3] == "no rule: memory reads alone, worst growth 80 / 40 components"
    assert whats[4] == "random design, one giant strongly connected part, 80 components: whole `check`"
    assert whats[5] == "300 components: peak memory of `check` (MB)"


def test_every_shape_has_exactly_the_size_asked_and_the_same_bytes_every_time():
    import shapes

    for shape in shapes.SHAPES:
        for n in (4, 57):
            text = shapes.design_text(shape, n)
            assert text == shapes.design_text(shape, n)
            assert len(loads(text, f"{shape}.yaml").components) == n
    design = loads(shapes.design_text("waivers", 200), "w.yaml")
    assert sum(len(c.waive) for c in design.components.values()) == 600


def test_the_shapes_have_the_structure_they_are_named_for():
    import shapes

    from designlint.model.graph import strongly_connected

    def largest_loop(shape, n, kinds=None):
        graph = loads(shapes.design_text(shape, n), "s.yaml").graph
        return max(len(scc) for scc in strongly_connected(list(graph.nodes()), graph.steps(kinds)))

    assert largest_loop("random-scc", 600) > 300  # one giant strongly connected part
    assert largest_loop("cycle", 600) == 600 - 12  # every component but the interfaces that feed it
    assert largest_loop("layered", 600) == 1 and largest_loop("chain", 600, ["data"]) == 1
    chain = loads(shapes.design_text("chain", 600), "c.yaml")
    assert len(chain.graph.fallback_chain("c1")) == 597  # a fallback chain as deep as the design


def test_lines_run_tell_a_quadratic_loop_from_a_linear_one_whatever_the_caches_do():
    import rules_bench

    def linear(n):
        total = 0
        for i in range(n):
            total += i
        return total

    def quadratic(n):
        total = 0
        for i in range(n):
            for j in range(n):
                total += j
        return total

    def lines(work, n):
        return rules_bench.count_lines(lambda: None, lambda: work(n))

    # The lambda's line, `total = 0`, the loop's header once per turn and once to end, its body once per
    # turn, the return line.
    assert lines(linear, 10) == 1 + 1 + 11 + 10 + 1
    assert lines(linear, 100) == 1 + 1 + 101 + 100 + 1
    assert lines(quadratic, 10) == 1 + 1 + 11 + 10 * (11 + 10) + 1
    assert lines(quadratic, 100) == 1 + 1 + 101 + 100 * (101 + 100) + 1
    assert sys.gettrace() is None  # the tracer is taken off again
