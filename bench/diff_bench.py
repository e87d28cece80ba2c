"""How `designlint diff` grows with design size: compare a synthetic design with an edited copy.

    python bench/diff_bench.py              # 1,000 and 10,000 components
    python bench/diff_bench.py --big        # and 100,000

The old version is bench/generate.py's design; the new one drops every 7th
`owner:` line and every 5th action `gate:` line, so the diff has many removed
safeguards, changed components and introduced findings. Timed in one process: reading and linting both versions (as `check` would),
median wall time of 3 runs; and the comparison alone (designlint.diff.compare:
models, safeguards, findings, then the JSON), least CPU time of 3 runs, which
must grow linearly.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from generate import design_text  # noqa: E402


def edited(text: str) -> str:
    out, owners, gates = [], 0, 0
    for line in text.splitlines(keepends=True):
        if line.startswith("    owner: "):
            owners += 1
            if owners % 7 == 0:
                continue
        if line.lstrip().startswith("gate:") or ", gate: " in line:
            gates += 1
            if gates % 5 == 0:
                line = line.replace(", gate: ", ", x-was-gate: ") if ", gate: " in line else ""
        out.append(line)
    return "".join(out)


def measure(components: int, runs: int = 3) -> dict:
    import gc

    from designlint.diff import compare, formatter
    from designlint.model.build import loads

    old_text = design_text(components)
    new_text = edited(old_text)
    whole, compare_only = [], []
    result = None
    for _ in range(runs):
        gc.collect()
        gc.disable()  # as the command line runs (designlint.cli.run)
        start = time.perf_counter()
        old = compare.lint_side([loads(old_text, "old.yaml")])
        new = compare.lint_side([loads(new_text, "new.yaml")])
        middle, cpu = time.perf_counter(), time.process_time()
        result = compare.compare(old, new)
        formatter("json")(result)
        end, cpu_end = time.perf_counter(), time.process_time()
        gc.enable()
        whole.append(end - start)
        compare_only.append(cpu_end - cpu)
    # the comparison alone: the least CPU time of the runs, which other work on the machine inflates least
    return {"components": components, "whole": statistics.median(whole), "compare": min(compare_only),
            "safeguards": len(result.removed_safeguards), "changed": len(result.components_changed),
            "introduced": len(result.introduced)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also 100,000 components")
    parser.add_argument("--sizes", help="comma-separated component counts instead (e.g. 60,120 for a smoke run)")
    args = parser.parse_args(argv)
    sizes = [1_000, 10_000] + ([100_000] if args.big else [])
    if args.sizes:
        sizes = [int(n) for n in args.sizes.split(",")]
    rows = [measure(n) for n in sizes]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average at the end "
          f"{os.getloadavg()[0]:.2f}; whole: median wall time of 3 runs; compare: least CPU time of 3; collector off while timed")
    print("| components | read + lint both + compare + json | compare + json alone (CPU) | removed safeguards | "
          "changed components | introduced findings |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['components']:,} | {r['whole']:.3f} s | {r['compare']:.3f} s | {r['safeguards']} | "
              f"{r['changed']} | {r['introduced']} |")
    for a, b in zip(rows, rows[1:]):
        print(f"growth {b['components']:,} / {a['components']:,}: compare x{b['compare'] / a['compare']:.1f}, "
              f"whole x{b['whole'] / a['whole']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
