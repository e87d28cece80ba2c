"""What the judgment rules and rule packs cost: pack loading, and each rule on a large design.

    python bench/judgment_rules.py [--layers 8] [--width 12] [--repeat 3]

Builds one design of `layers` x `width` components (interfaces on top, each
component flowing to three in the next layer, models with fallbacks, a monitor
and humans), then times, best of --repeat: loading the built-in packs from
scratch, and every rule of the default registry on that design. The layered
fan-out has width**layers request paths, which the path rules must not
enumerate (they walk each step once). Prints one line per step, slowest rules first.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from designlint.model.build import loads  # noqa: E402
from designlint.rules import registry as registry_module  # noqa: E402
from designlint.rules.registry import builtin_registry as default_registry, rules_for  # noqa: E402

KINDS = ("service", "model", "agent", "rule", "datastore")


def design(layers: int, width: int) -> str:
    lines = ["designlint: 1", "system: bench", "components:"]
    flows = []
    for layer in range(layers):
        for i in range(width):
            cid = f"c{layer}_{i}"
            kind = "interface" if layer == 0 else KINDS[(layer + i) % len(KINDS)]
            extra = ", fallback: r_fallback" if kind in ("model", "agent") else ""
            budget = f"{{availability: 99.{9 if i % 2 else 99}%, latency_p99: {10 + i}ms}}"
            lines.append(f"  {cid}: {{kind: {kind}, owner: t{extra}, error_budget: {budget}}}")
            if layer + 1 < layers:
                flows += [f"  - {cid} -> c{layer + 1}_{(i + k) % width}" for k in range(3)]
    lines += ["  r_fallback: {kind: rule, owner: t, error_budget: {availability: 99.99%}}",
              "  mon: {kind: monitor, owner: t, error_budget: {availability: 99%}}",
              "  people: {kind: human, owner: t, sla: 1h}", "flows:", *flows,
              f"  - c{layers - 1}_0 -> mon", "  - {from: mon, to: people, kind: escalation}"]
    return "\n".join(lines) + "\n"


def best(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--layers", type=int, default=8)
    parser.add_argument("--width", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    def load_packs():
        registry_module._builtin.cache_clear()
        rules_for()

    print(f"load built-in packs (parse, validate, compile): {best(args.repeat, load_packs) * 1000:8.1f} ms")
    text = design(args.layers, args.width)
    count = args.layers * args.width + 3
    rows = []
    for spec in default_registry():
        if spec.check is None:
            continue

        def run(spec=spec):
            d = loads(text, "bench.yaml")  # a fresh design: no cached graph or path walk
            return list(spec.check(d))

        rows.append((best(args.repeat, run), spec.id, len(run())))
    baseline = best(args.repeat, lambda: loads(text, "bench.yaml").graph)
    print(f"load the design and build its graph ({count} components): {baseline * 1000:8.1f} ms (included below)")
    for seconds, rule_id, found in sorted(rows, reverse=True):
        print(f"{rule_id:30} {seconds * 1000:8.1f} ms  {found:4} findings")


if __name__ == "__main__":
    main()
