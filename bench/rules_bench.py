"""Every rule on every shape of bench/shapes.py: seconds, growth from size to size, and a time budget per rule.

    python bench/run.py --parts shapes            # through the whole benchmark (1k, 10k, 100k)
    python bench/rules_bench.py --sizes 1000,10000

Each rule is timed alone, in this process, with the cycle collector paused (as
the engine runs) and the design's graph built beforehand (its caches dropped
between rules, so no rule profits from another's work): the best of a few
runs, in CPU seconds of this process (on a busy machine, wall-clock time
counts the other work too). Every timed run, at every size, starts with the
CPU caches flushed (a buffer four times the size of a large L3 cache is
written over, one byte per 64-byte line), as a rule starts in the engine after
the loader and the other rules have filled the caches with their own data.
Without the flush a 1,000-component design is timed from warm caches that a
10,000-component one cannot fit in, and the 10k/1k growth of even a single
pass over the components reads about x20 on this kind of machine (the step
from cache to main memory, not the algorithm's). A rule that takes longer than --limit seconds
(wall clock) is stopped and shown as such.

The growth of a linear pass over each design (a breadth-first search along
every flow from every component, forwards and backwards: O(V + E)), timed the
same way, shows what ten times the components costs on this machine: on a
2-core EPYC VM (2 MiB L2 per core, 32 MiB shared L3) it reads about x11 on the
chain and x15 on the dense layered DAG, because a 10,000-component design no
longer fits in the caches. Each rule's growth is shown raw (target <= 12) and
divided by that pass's growth on the same shape (target <= 1.2): a rule that
repeated a search per component reads x100 or more either way.

Time is not the whole story on such a machine: a pass that does nothing but
read three fields of every component four times, in the shuffled order a
search meets them (the MEMORY row), grows x20-x30 from 1k to 10k there, as
each read goes from a cache hit to main memory. So each rule's work is also
counted in a measure the caches do not move: the lines of Python it runs
(sys.settrace, one counted run per rule at sizes up to COUNT_MAX). A rule that
repeated a Python-level search per component grows x100 in lines as in time;
a loop inside one built-in call (sorted, set.update) counts as one line, which
is why time is shown beside it. The C loader's load of the same text is the
yardstick for the budgets.
Timings depend on the machine and its load: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.dirname(HERE), HERE]

import shapes  # noqa: E402

GROWTH_LIMIT = 12.0      # time at 10x the components <= 12x the time (issue 11)
RELATIVE_LIMIT = 1.2     # ... and <= 1.2x the growth of a linear pass over the same design (see REFERENCE)
RULE_BUDGET = 0.05       # one rule on a 10k design <= 5% of the C loader's load of it
ALL_RULES_BUDGET = 0.35  # every rule, waivers included (the engine's lint) <= 35% of it
ENGINE = "(all rules + waivers: engine.lint)"
REFERENCE = "(a linear pass: breadth-first search over every flow, both ways)"
MEMORY = "(memory alone: four passes reading three fields of every component, in a shuffled order)"
COUNT_MAX = 20_000       # lines run are counted at sizes up to this (a counted run is about 10x slower)


CACHE_FLUSH_BYTES = 128 << 20  # 4x a 32 MiB L3 cache
_flush_buffer = bytearray()


def flush_caches() -> None:
    """Evict this process's data from the CPU caches: write one byte in every 64-byte line of a 128 MiB buffer."""
    global _flush_buffer
    if not _flush_buffer:
        _flush_buffer = bytearray(CACHE_FLUSH_BYTES)
    _flush_buffer[::64] = b"\x01" * (CACHE_FLUSH_BYTES // 64)


class _TooLong(Exception):
    pass


def _alarm(signum, frame):
    raise _TooLong


def _best(run, repeats: int, limit: float) -> float | None:
    """The fastest of `repeats` runs of `run()` in seconds, or None when one takes over `limit` seconds."""
    best = None
    for _ in range(repeats):
        prepare, work = run()
        prepare()
        flush_caches()
        old = signal.signal(signal.SIGALRM, _alarm) if hasattr(signal, "SIGALRM") else None
        if old is not None:
            signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            start = time.process_time()  # CPU time of this process: other work on the machine does not count
            work()
            elapsed = time.process_time() - start
        except _TooLong:
            return None
        finally:
            if old is not None:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)
        best = elapsed if best is None else min(best, elapsed)
    return best


def measure(shape: str, n: int, limit: float = 60.0, repeats: int | None = None) -> dict:
    """{'loader': seconds, 'rules': {rule id: seconds or None}} for one design of `shape` with `n` components."""
    import yaml

    from designlint.findings import engine
    from designlint.model.build import loads
    from designlint.rules.registry import builtin_registry

    text = shapes.design_text(shape, n)
    repeats = repeats or (5 if n <= 20_000 else 1)  # the same at 1k and 10k: a best of fewer runs is slower
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        loader = _best(lambda: (lambda: None, lambda: yaml.load(text, Loader=yaml.CSafeLoader)), repeats, limit)
        design = loads(text, f"{shape}-{n}.yaml")
        registry = builtin_registry()

        def fresh():
            design.__dict__.pop("graph", None)  # the graph holds every cache a rule keeps
            design.graph  # noqa: B018 - built before the clock starts

        times: dict[str, float | None] = {}
        for spec in registry:
            if spec.check is None:
                continue
            times[spec.id] = _best(lambda spec=spec: (fresh, lambda: list(spec.check(design))), repeats, limit)
        times[ENGINE] = _best(lambda: (fresh, lambda: engine.lint(design, registry=registry)), repeats, limit * 4)
        everyone = list(design.components)

        def linear_pass():
            design.graph.search_flows(everyone)
            design.graph.search_flows(everyone, reverse=True)
        reference = _best(lambda: (fresh, linear_pass), repeats, limit)
        order = list(design.components)
        random.Random(n).shuffle(order)  # the order a search meets components in: not the order they were made
        components = design.components

        def memory_pass():
            for _ in range(4):
                for cid in order:
                    comp = components[cid]
                    comp.kind, comp.fallback, comp.error_budget.get("availability")  # noqa: B018
        memory = _best(lambda: (fresh, memory_pass), repeats, limit)
        lines = {}
        if n <= COUNT_MAX:
            for spec in registry:
                if spec.check is not None:
                    lines[spec.id] = count_lines(fresh, lambda spec=spec: list(spec.check(design)))
            lines[ENGINE] = count_lines(fresh, lambda: engine.lint(design, registry=registry))
    finally:
        if was:
            gc.enable()
    return {"loader": loader, "rules": times, "reference": reference, "memory": memory, "lines": lines}


def count_lines(prepare, work) -> int:
    """How many lines of Python `work()` runs (sys.settrace's "line" events): a measure of work that the CPU
    caches do not move. A loop inside one built-in (sorted, dict.update) counts as one line, so time is shown
    too; a rule that repeated a Python-level search per component shows it here as in time."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return trace

    prepare()
    sys.settrace(trace)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def run(sizes=(1_000, 10_000, 100_000), shape_names=shapes.SHAPES, limit: float = 60.0, progress=None) -> dict:
    """{shape: {n: measure(shape, n)}}."""
    out: dict = {}
    for shape in shape_names:
        for n in sizes:
            if progress:
                progress(f"bench: rules on {shape}, {n:,} components")
            out.setdefault(shape, {})[n] = measure(shape, n, limit)
    return out


def _cell(t) -> str:
    if t is None:
        return "timeout"
    return f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s"


def growth(results: dict, shape: str, rule: str, small: int, big: int) -> float | None:
    a = results[shape][small]["rules"].get(rule)
    b = results[shape][big]["rules"].get(rule)
    if a is None or b is None:
        return None
    return b / max(a, 1e-4)  # a rule under 0.1 ms is timer noise: count it as 0.1 ms


def reference_growth(results: dict, shape: str, small: int, big: int) -> float | None:
    """The growth of the linear pass (REFERENCE) on that shape: what x10 the components costs on this machine."""
    a, b = results[shape][small].get("reference"), results[shape][big].get("reference")
    return None if a is None or b is None else b / max(a, 1e-4)


def relative_growth(results: dict, shape: str, rule: str, small: int, big: int) -> float | None:
    """A rule's growth over the linear pass's on the same shape (<= RELATIVE_LIMIT: it grows like a linear pass)."""
    g, ref = growth(results, shape, rule, small, big), reference_growth(results, shape, small, big)
    return None if g is None or ref is None else g / ref


def line_growth(results: dict, shape: str, rule: str, small: int, big: int) -> float | None:
    """The growth of a rule's count of lines run (count_lines) from `small` to `big` components, or None."""
    a = results[shape][small].get("lines", {}).get(rule)
    b = results[shape][big].get("lines", {}).get(rule)
    return None if not a or not b else b / a


def tables(results: dict, sizes, judge: bool = True) -> str:
    """Two Markdown tables: time and growth per rule and shape; the budget per rule at the middle size.

    With `judge` false (sizes too small to mean anything, as in --quick) the `met` columns say so."""
    shape_names = list(results)
    rules = list(next(iter(results.values()))[sizes[0]]["rules"])
    lines = []
    head = ("| rule | " + " | ".join(shape_names) + f" | worst growth | met (<= {GROWTH_LIMIT:g}) | "
            f"worst growth / the linear pass's | met (<= {RELATIVE_LIMIT:g}) | worst growth in lines run | "
            f"met (<= {GROWTH_LIMIT:g}) |")
    lines += [f"Per rule and shape: time at {', '.join(f'{n:,}' for n in sizes)} components; in brackets the "
              f"growth {sizes[1]:,}/{sizes[0]:,} of the time (target <= {GROWTH_LIMIT:g}; a time under 0.1 ms "
              "counts as 0.1 ms) and of the count of lines of Python run (sys.settrace; a measure of work that "
              "the CPU caches do not move, blind to loops inside one built-in call). The first row is a linear pass over the same design (a breadth-first search "
              "over every flow, both ways): its growth is what x10 the components costs on this machine, memory "
              f"included; the growth/linear-pass columns divide each rule's growth by it (target <= "
              f"{RELATIVE_LIMIT:g}). The second row does no work but read memory: four passes that read three fields "
              "(kind, fallback, error budget) of every component, in a shuffled order, as a search meets them; its growth is what the caches alone "
              "add when the design no longer fits in them",
              "", head, "|---|" + "---:|" * len(shape_names) + "---:|---|---:|---|---:|---|"]
    if len(sizes) > 1:
        for name, key in ((REFERENCE, "reference"), (MEMORY, "memory")):
            cells = []
            for shape in shape_names:
                ts = [results[shape][n].get(key) for n in sizes]
                a, b = ts[0], ts[1]
                g = None if a is None or b is None else b / max(a, 1e-4)
                cells.append(" / ".join(_cell(t) for t in ts) + (f" (x{g:.1f})" if g is not None else ""))
            lines.append(f"| {name} | " + " | ".join(cells) + " | — | — | — | — | — | — |")
    for rule in rules:
        cells, worst, worst_relative, worst_lines = [], 0.0, 0.0, 0.0
        for shape in shape_names:
            ts = [results[shape][n]["rules"].get(rule) for n in sizes]
            g = growth(results, shape, rule, sizes[0], sizes[1]) if len(sizes) > 1 else None
            r = relative_growth(results, shape, rule, sizes[0], sizes[1]) if len(sizes) > 1 else None
            c = line_growth(results, shape, rule, sizes[0], sizes[1]) if len(sizes) > 1 else None
            worst = max(worst, g if g is not None else float("inf"))
            worst_relative = max(worst_relative, r if r is not None else float("inf"))
            worst_lines = max(worst_lines, c if c is not None else float("inf"))
            bracket = [f"x{g:.1f}"] if g is not None else []
            if c is not None:
                bracket.append(f"lines x{c:.1f}")
            cells.append(" / ".join(_cell(t) for t in ts) + (f" ({'; '.join(bracket)})" if bracket else ""))
        met = ("yes" if worst <= GROWTH_LIMIT else "**no**") if judge else "— (full run)"
        met_relative = ("yes" if worst_relative <= RELATIVE_LIMIT else "**no**") if judge else "— (full run)"
        met_lines = ("yes" if worst_lines <= GROWTH_LIMIT else "**no**") if judge else "— (full run)"
        lines.append(f"| {rule} | " + " | ".join(cells) + f" | x{worst:.1f} | {met} | {worst_relative:.2f} | "
                     f"{met_relative} | x{worst_lines:.1f} | {met_lines} |")
    mid = sizes[1] if len(sizes) > 1 else sizes[0]
    lines += ["", f"Time budget per rule at {mid:,} components, worst shape, against the C loader's load of "
              f"the same design (one rule <= {RULE_BUDGET:.0%}, all rules and waivers <= {ALL_RULES_BUDGET:.0%})",
              "", "| rule | worst shape | time | C loader | share | budget | met |", "|---|---|---:|---:|---:|---:|---|"]
    for rule in rules:
        worst_share, worst_shape, worst_t, worst_loader = -1.0, "", None, None
        for shape in shape_names:
            m = results[shape][mid]
            t = m["rules"].get(rule)
            share = float("inf") if t is None else t / m["loader"]
            if share > worst_share:
                worst_share, worst_shape, worst_t, worst_loader = share, shape, t, m["loader"]
        budget = ALL_RULES_BUDGET if rule == ENGINE else RULE_BUDGET
        lines.append(f"| {rule} | {worst_shape} | {_cell(worst_t)} | {_cell(worst_loader)} | "
                     f"{worst_share:.1%} | {budget:.0%} | "
                     f"{('yes' if worst_share <= budget else '**no**') if judge else '— (full run)'} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated component counts")
    parser.add_argument("--shapes", default=",".join(shapes.SHAPES))
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a rule is stopped")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(","))
    results = run(sizes, args.shapes.split(","), args.limit, progress=lambda m: print(m, file=sys.stderr))
    print(tables(results, sizes), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
