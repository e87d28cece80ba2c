"""How fast designlint is, side by side with what a user would otherwise run.

    python bench/run.py            # the full run: 1k, 10k and 100k components, 1,000 designs (about 10 minutes)
    python bench/run.py --quick    # tiny sizes, one run each: a smoke test for CI (seconds)

It writes deterministic synthetic designs (bench/generate.py) to --workdir,
then times, alternating the runs it compares and quoting medians:

- the whole CLI (`designlint check FILE`, a fresh process each time) against
  yamllint on the same file and against PyYAML's C loader loading it (the
  parse floor: any YAML linter in Python reads the file at least that fast);
- each stage in one process (parse, validate, model, rules, report) against
  the C loader in the same process, with the cycle collector on (as a user
  calls it) and off (its best);
- a folder of designs with worker processes (-j 0) against one (-j 1);
- rendering, from bench/render_bench.py when it is there;
- every rule on the shapes that break naive rules (bench/shapes.py, timed by
  bench/rules_bench.py): a table per rule and shape with the growth from
  1,000 to 10,000 components, a time budget per rule, and the whole CLI on a
  10,000-component random design with one giant strongly connected part
  against the C loader;
- peak memory of `check` on the largest design against the C loader's load.

The shape tables come first; the summary table is printed last. `--quick`
fails only when something crashes, never on a time.

It prints one Markdown table: what was measured, designlint's median, the
baseline's median, their ratio, the target and whether it is met. Timings
depend on the machine and on what else runs on it: compare ratios, not
seconds. `--json FILE` also writes every row as JSON.

bench/render_bench.py, when present, provides run(quick: bool = False) ->
list[dict]; each dict is a row with some of the keys of ROW_KEYS, or `name`
for `what` (a missing key prints as a dash).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, HERE]  # the checkout's designlint, and generate.py beside this file

import generate  # noqa: E402
import rules_bench  # noqa: E402
import shapes  # noqa: E402

ROW_KEYS = ("what", "seconds", "baseline", "baseline_seconds", "ratio", "target", "met")
SMALL_DESIGN = os.path.join(ROOT, "examples", "travel-booking-agent.yaml")  # 15 components
FULL = {"sizes": (1_000, 10_000, 100_000), "folder": 1_000, "jobs": "0", "shape_sizes": (1_000, 10_000, 100_000)}
# --quick: the same rows on sizes small enough for CI; -j 2 so the worker pool runs even on so few bytes.
QUICK = {"sizes": (100, 300), "folder": 12, "jobs": "2", "shape_sizes": (100, 300)}
TARGET_MEMORY = 1.15    # peak memory of `check` <= 1.15x the C loader's load alone, at the largest size
TARGET_SMALL = 1.0      # cold check of a small design <= 1.0x yamllint (issue 11)
TARGET_FLOOR = 1.5      # 10k components, whole CLI <= 1.5x the C loader
TARGET_GROWTH = 1.2     # time ratio <= 1.2x the size ratio (100k / 10k <= 12)
TARGET_FOLDER = 0.6     # a folder with workers <= 0.6x one process
FLOOR_SIZE = 10_000     # the size the parse-floor target is about
FLOOR_SCRIPT = ("import sys, yaml\n"
                "with open(sys.argv[1], encoding='utf-8') as fh:\n"
                "    yaml.load(fh.read(), Loader=yaml.CSafeLoader)\n")


# -- commands ---------------------------------------------------------------
def designlint_command() -> list[str]:
    return [sys.executable, "-m", "designlint", "check"]


def yamllint_command() -> list[str] | None:
    """yamllint as this interpreter would run it, or None when it is not installed."""
    if importlib.util.find_spec("yamllint") is not None:
        return [sys.executable, "-m", "yamllint"]
    found = shutil.which("yamllint")
    return [found] if found else None


def floor_command() -> list[str]:
    return [sys.executable, "-c", FLOOR_SCRIPT]


def run_process(command: list[str], ok=(0, 1)) -> float:
    # From the checkout's root, `python -m designlint` runs this checkout's code even where it is not installed.
    start = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        raise SystemExit(f"bench: `{' '.join(command)}` exited {proc.returncode}: "
                         f"{proc.stderr.decode(errors='replace').strip()[:300]}")
    return elapsed


def alternate(runs: int, *timers) -> list[float]:
    """The median of each timer over `runs` rounds, run in turn (ABBA order), so drift hits all alike."""
    times: list[list[float]] = [[] for _ in timers]
    for r in range(runs):
        order = list(range(len(timers)))
        if r % 2:
            order.reverse()
        for i in order:
            times[i].append(timers[i]())
    return [statistics.median(t) for t in times]


# -- stages in one process ---------------------------------------------------
def stage_times(path: str) -> dict[str, float]:
    """Seconds for each stage of `designlint check`, in this process, collector paused as the engine does."""
    from designlint.findings import Report, engine
    from designlint.loading import schema, yamlsource
    from designlint.model import build
    from designlint.report import formatter

    name = os.path.relpath(path)
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        data = yamlsource.parse(yamlsource.read_text(path, name), name)
        t1 = time.perf_counter()
        schema.validate(data, name, "design")
        t2 = time.perf_counter()
        design = build.build(data, name)
        t3 = time.perf_counter()
        findings = engine.lint(design)
        t4 = time.perf_counter()
        formatter("text")(Report(tuple(findings), (), (name,), (design,)))
        t5 = time.perf_counter()
    finally:
        gc.enable()
    del data, design, findings
    return {"parse": t1 - t0, "validate": t2 - t1, "model": t3 - t2, "rules": t4 - t3, "report": t5 - t4}


def c_load(path: str, collector: bool) -> float:
    import yaml

    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    gc.collect()
    if not collector:
        gc.disable()
    try:
        start = time.perf_counter()
        yaml.load(text, Loader=yaml.CSafeLoader)
        return time.perf_counter() - start
    finally:
        gc.enable()


# -- rows ----------------------------------------------------------------------
def row(what, seconds=None, baseline=None, baseline_seconds=None, target=None, met=None, ratio=None) -> dict:
    if ratio is None and seconds is not None and baseline_seconds:
        ratio = seconds / baseline_seconds
    return {"what": what, "seconds": seconds, "baseline": baseline, "baseline_seconds": baseline_seconds,
            "ratio": ratio, "target": target, "met": met}


def at_most(ratio: float, limit: float) -> tuple[str, bool]:
    return f"<= {limit:g}", ratio <= limit


def small_rows(runs: int, yamllint) -> list[dict]:
    what = "small design (15 components), cold `check`"
    # Bytecode for the checkout, as `pip install` writes it for yamllint: else, with PYTHONDONTWRITEBYTECODE
    # set, every run would compile designlint's source again and the row would time the compiler.
    import compileall

    compileall.compile_dir(os.path.join(ROOT, "designlint"), quiet=1)
    if yamllint is None:
        return [row(what, alternate(runs, lambda: run_process(designlint_command() + [SMALL_DESIGN]))[0],
                    "yamllint: not installed (`pip install yamllint`), not compared")]
    ours, theirs = alternate(runs, lambda: run_process(designlint_command() + [SMALL_DESIGN]),
                             lambda: run_process(yamllint + [SMALL_DESIGN]))
    target, met = at_most(ours / theirs, TARGET_SMALL)
    return [row(what, ours, "yamllint, same file", theirs, target, met)]


def size_rows(n: int, path: str, runs: int, yamllint, yamllint_max: int) -> tuple[list[dict], float]:
    size = os.path.getsize(path)
    label = f"{n:,} components ({size / 1e6:.1f} MB)" if size >= 1e6 else f"{n:,} components ({size / 1e3:.0f} kB)"
    check = lambda: run_process(designlint_command() + [path])  # noqa: E731
    floor = lambda: run_process(floor_command() + [path], ok=(0,))  # noqa: E731
    ours, loaded = alternate(runs, check, floor)
    target, met = at_most(ours / loaded, TARGET_FLOOR) if n == FLOOR_SIZE else (None, None)
    rows = [row(f"{label}: whole `check`", ours, "PyYAML C loader loading it (a process)", loaded, target, met)]
    from designlint.findings import split

    if split.SPLIT_MIN <= n <= split.SPLIT_MAX:  # its rules run on the cores (findings.split): also one process
        single = alternate(runs, lambda: run_process(designlint_command() + ["--jobs", "1", path]))[0]
        rows.append(row(f"{label}: whole `check --jobs 1` (the rules in one process)", single,
                        "`check` as above (rules split over the cores)", ours))
    else:
        single = ours
    if yamllint is None:
        rows.append(row(f"{label}: whole `check`", ours, "yamllint: not installed (`pip install yamllint`)"))
    elif n > yamllint_max:
        rows.append(row(f"{label}: whole `check`", ours,
                        f"yamllint: skipped above {yamllint_max:,} components (--yamllint-max)"))
    else:
        theirs = statistics.median(run_process(yamllint + [path]) for _ in range(max(1, min(runs, 3))))
        rows.append(row(f"{label}: whole `check`", ours, "yamllint, same file", theirs))
    stages: dict[str, list[float]] = {}
    floors: dict[str, list[float]] = {"on": [], "off": []}
    for r in range(runs):  # stages and the floor in turn
        floors["on"].append(c_load(path, collector=True))
        for stage, seconds in stage_times(path).items():
            stages.setdefault(stage, []).append(seconds)
        floors["off"].append(c_load(path, collector=False))
    medians = {stage: statistics.median(times) for stage, times in stages.items()}
    parts = ", ".join(f"{stage} {seconds:.3f}" for stage, seconds in medians.items())
    rows.append(row(f"{label}: every stage in one process ({parts})", sum(medians.values()),
                    f"C loader in process ({statistics.median(floors['off']):.3f} s with the collector off)",
                    statistics.median(floors["on"])))
    return rows, single


def growth_row(sizes, cli_times) -> dict:
    """The growth of the whole `check` between the two largest sizes, each run in one process (`--jobs 1` where
    a design's rules would be split over the cores: the same conditions at both sizes)."""
    (small_n, small_t), (big_n, big_t) = (sizes[-2], cli_times[-2]), (sizes[-1], cli_times[-1])
    limit = TARGET_GROWTH * big_n / small_n
    ratio = big_t / small_t
    target, met = at_most(ratio, limit)
    return row(f"growth: {big_n:,} / {small_n:,} components, whole `check`, one process", big_t,
               f"{small_n:,} components", small_t, target, met, ratio)


def folder_rows(folder: str, count: int, jobs: str, runs: int, quick: bool) -> list[dict]:
    pooled = lambda: run_process(designlint_command() + ["--jobs", jobs, folder])  # noqa: E731
    single = lambda: run_process(designlint_command() + ["--jobs", "1", folder])  # noqa: E731
    ours, one = alternate(runs, pooled, single)
    cores = _cores()
    target, met = at_most(ours / one, TARGET_FOLDER)
    if quick:  # a dozen files are too few to pay for workers: the row only shows that the pool runs
        target, met = f"{target} (full run)", None
    return [row(f"folder of {count:,} designs (~30 components), `check --jobs {jobs}` on {cores} cores", ours,
                "the same, `--jobs 1`", one, target, met)]


# A fresh small process runs the command and reports its peak: Linux keeps the peak resident memory across
# fork and exec (the "maxrss" of a process is at least its parent's at the fork), so a child of this process,
# which by then holds large designs of its own, would report this process's memory instead of the command's.
_MEASURE = ("import os, subprocess, sys\n"
            "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
            "_, status, usage = os.wait4(p.pid, 0)\n"
            "sys.stderr.write(p.stderr.read().decode(errors='replace')[:300])\n"
            "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)\n")


def peak_memory(command: list[str], ok=(0, 1)) -> int:
    """The peak resident memory of `command`, in kB, measured by a fresh small process (see _MEASURE)."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, cwd=ROOT)
    code, maxrss = (int(x) for x in proc.stdout.split())
    if code not in ok:
        raise SystemExit(f"bench: `{' '.join(command)}` exited {code}: {proc.stderr[:300]}")
    return maxrss * (1 if sys.platform != "darwin" else 1 / 1024)


def memory_rows(n: int, path: str, quick: bool) -> list[dict]:
    ours = peak_memory(designlint_command() + [path])
    theirs = peak_memory(floor_command() + [path], ok=(0,))
    target, met = at_most(ours / theirs, TARGET_MEMORY)
    if quick:
        target, met = f"{target} (full run)", None
    r = row(f"{n:,} components: peak memory of `check` (MB)", ours / 1024, "C loader loading it (a process)",
            theirs / 1024, target, met)
    r["unit"] = "MB"
    return [r]


def shape_rows(sizes, workdir: str, runs: int, quick: bool, progress) -> tuple[list[dict], str]:
    """Rows for the summary, and the per-rule tables of bench/rules_bench.py."""
    results = rules_bench.run(sizes, limit=10.0 if quick else 60.0, progress=progress)
    text = rules_bench.tables(results, sizes, judge=not quick)
    rows = []
    small, big = sizes[0], sizes[1]
    for measure, limit, what, how in (
            (rules_bench.growth, rules_bench.GROWTH_LIMIT, f"worst growth {big:,} / {small:,} components",
             "CPU time of each rule alone, in process"),
            (rules_bench.relative_growth, rules_bench.RELATIVE_LIMIT,
             "worst growth over a linear pass's on the same shape",
             "a breadth-first search over every flow, both ways, timed alike"),
            (rules_bench.line_growth, rules_bench.GROWTH_LIMIT, f"worst growth {big:,} / {small:,} in lines run",
             "lines of Python each rule runs alone (sys.settrace): work the CPU caches do not move")):
        worst, worst_at = 0.0, ""
        for shape, by_size in results.items():
            for rule in by_size[small]["rules"]:
                g = measure(results, shape, rule, small, big)
                g = float("inf") if g is None else g
                if g > worst:
                    worst, worst_at = g, f"{rule} on {shape}"
        target, met = at_most(worst, limit)
        if quick:
            target, met = f"{target} (full run)", None
        rows.append(row(f"every rule on every shape: {what} ({worst_at})", None, how, None, target, met, worst))
    memory = [results[shape][big]["memory"] / max(results[shape][small]["memory"], 1e-4) for shape in results
              if results[shape][small].get("memory") and results[shape][big].get("memory")]
    if memory:
        rows.append(row(f"no rule: memory reads alone, worst growth {big:,} / {small:,} components", None,
                        "four passes reading three fields of every component, shuffled: what the caches add",
                        None, "— (the machine's)", None, max(memory)))
    n = FLOOR_SIZE if not quick else big
    path = os.path.join(workdir, f"shape-random-scc-{n}.yaml")
    os.makedirs(workdir, exist_ok=True)
    generate._write_if_changed(path, shapes.design_text("random-scc", n))
    ours, loaded = alternate(runs, lambda: run_process(designlint_command() + [path]),
                             lambda: run_process(floor_command() + [path], ok=(0,)))
    target, met = at_most(ours / loaded, TARGET_FLOOR)
    if quick:
        target, met = f"{target} (full run)", None
    rows.append(row(f"random design, one giant strongly connected part, {n:,} components: whole `check`", ours,
                    "PyYAML C loader loading it (a process)", loaded, target, met))
    return rows, text


def render_rows(quick: bool, source=None) -> list[dict]:
    """render_bench.run(quick)'s rows, or one row saying it is not there.

    Its rows may name themselves `name` rather than `what`, and give a ratio
    to the layout engine alone without naming that baseline.
    """
    if source is None:
        if not os.path.exists(os.path.join(HERE, "render_bench.py")):
            return [row("render of a 1,000-component design", None,
                        "not available: bench/render_bench.py is not in this checkout")]
        import render_bench as source
    rows = []
    for r in source.run(quick=quick):
        out = {key: r.get(key) for key in ROW_KEYS}
        out["what"] = r.get("what") or r.get("name") or "render"
        if out["baseline"] is None and out["ratio"] is not None:
            out["baseline"] = "as bench/render_bench.py measures it (the layout engine alone)"
        rows.append(out)
    return rows


# -- output --------------------------------------------------------------------
def _seconds(value, unit: str = "s") -> str:
    if value is None:
        return "—"
    if unit != "s" and isinstance(value, (int, float)):
        return f"{value:,.0f} {unit}"
    if isinstance(value, (int, float)):
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    return str(value)


def table(rows: list[dict]) -> str:
    lines = ["| what | designlint | baseline | baseline time | ratio | target | met |",
             "|---|---:|---|---:|---:|---|---|"]
    for r in rows:
        ratio = r.get("ratio")
        met = r.get("met")
        lines.append("| " + " | ".join([
            str(r.get("what") or "—"),
            _seconds(r.get("seconds"), r.get("unit", "s")),
            str(r.get("baseline") or "—"),
            _seconds(r.get("baseline_seconds"), r.get("unit", "s")),
            f"{ratio:.2f}" if isinstance(ratio, (int, float)) else "—",
            str(r.get("target") or "—"),
            "—" if met is None else ("yes" if met else "**no**"),
        ]) + " |")
    return "\n".join(lines) + "\n"


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _load() -> str:
    """The 1-minute load average: how busy the cores were with other work."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "unknown"


def conditions(quick: bool) -> str:
    return (f"designlint bench ({'quick' if quick else 'full'}): Python {sys.version.split()[0]}, "
            f"{_cores()} cores; medians of alternated runs; at the start, load average {_load()}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes and one run each: a smoke test")
    parser.add_argument("--runs", type=int, help="rounds per comparison (default: by size)")
    parser.add_argument("--sizes", help="comma-separated component counts (default 1000,10000,100000)")
    parser.add_argument("--folder", type=int, help="how many designs in the docs folder (default 1000)")
    parser.add_argument("--yamllint-max", type=int, default=10_000,
                        help="largest design to run yamllint on (it takes about 26 s at 10,000)")
    parser.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "designlint-bench"),
                        help="where the generated designs are written (and reused)")
    parser.add_argument("--parts", default="small,sizes,folder,render,shapes,memory",
                        help="which measures to run, comma-separated "
                             "(default: small,sizes,folder,render,shapes,memory)")
    parser.add_argument("--shape-sizes", help="component counts for the shapes (default 1000,10000,100000)")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args(argv)
    preset = QUICK if args.quick else FULL
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else preset["sizes"]
    folder_count = args.folder or preset["folder"]

    def runs_for(n: int) -> int:
        return args.runs or (1 if args.quick else 7 if n <= 2_000 else 5 if n <= 20_000 else 3)

    parts = set(args.parts.split(","))
    yamllint = yamllint_command()
    start = conditions(args.quick)
    print(start, file=sys.stderr)
    stage_times(SMALL_DESIGN)  # imports and compiled schema: a cost of the cold rows, not of the stages
    rows = small_rows(args.runs or (1 if args.quick else 11), yamllint) if "small" in parts else []
    cli_times = []
    for n in sizes if "sizes" in parts else ():
        print(f"bench: {n:,} components", file=sys.stderr)
        size_table, cli = size_rows(n, generate.write_design(args.workdir, n), runs_for(n), yamllint,
                                    args.yamllint_max)
        rows += size_table
        cli_times.append(cli)
    if len(cli_times) >= 2:
        rows.append(growth_row(sizes, cli_times))
    if "folder" in parts:
        print(f"bench: folder of {folder_count:,} designs", file=sys.stderr)
        rows += folder_rows(generate.write_folder(args.workdir, folder_count), folder_count, preset["jobs"],
                            args.runs or (1 if args.quick else 5), args.quick)
    if "render" in parts:
        rows += render_rows(args.quick)
    shape_text = ""
    if "shapes" in parts:
        shape_sizes = (tuple(int(s) for s in args.shape_sizes.split(",")) if args.shape_sizes
                       else preset["shape_sizes"])
        shape_table, shape_text = shape_rows(shape_sizes, args.workdir, args.runs or (1 if args.quick else 5),
                                             args.quick, lambda m: print(m, file=sys.stderr))
        rows += shape_table
    if "memory" in parts:
        n = sizes[-1]
        print(f"bench: peak memory, {n:,} components", file=sys.stderr)
        rows += memory_rows(n, generate.write_design(args.workdir, n), args.quick)
    print(f"{start}; at the end, load average {_load()}\n")
    if shape_text:
        print(shape_text)
    print(table(rows), end="")
    if args.json:
        generate.write_atomic(args.json, json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
