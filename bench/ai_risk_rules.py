"""What the eight AI-risk rules (FORMAT.md rev. 2) cost as a design grows: they must stay linear.

    python bench/ai_risk_rules.py [--sizes 1000,2000,4000,8000] [--repeat 3]

For each size n, builds a layered design of n components where every rule has work on every
component: interfaces and untrusted stores on top, agents that call stores holding personal data
and externals, models behind them, guardrails that fail open, services with irreversible and
adverse actions, binding flows, prompt-only constraints, same-provider fallbacks; each component
flows to three in the next layer (so the number of paths grows exponentially, which the rules must
not enumerate). Prints, per rule, the best time of --repeat and the time per component; the design's
graph is built once per size beforehand (its cost is the engine's, shown on its own line).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from designlint.model.build import loads  # noqa: E402
from designlint.rules.registry import builtin_registry  # noqa: E402

RULES = ("lethal-trifecta", "unverified-binding-output", "adverse-action-without-appeal",
         "guardrail-failure-undeclared", "fail-open-guardrail", "prompt-only-constraint",
         "fallback-same-provider", "unevaluated-model")
PATTERN = ("interface", "agent", "model", "guardrail", "service", "datastore", "external", "orchestrator")
WIDTH = 20


def design(n: int) -> str:
    lines = ["designlint: 1", "system: bench", "components:"]
    ids = [f"c{i}" for i in range(n)]
    for i, cid in enumerate(ids):
        kind = PATTERN[(i // WIDTH) % len(PATTERN)]
        fields = [f"kind: {kind}", "owner: team"]
        if kind in ("agent", "model"):
            fields.append("provider: acme")
            if kind == "agent":
                fields.append("data: [{name: customer notes, personal: true}]")
            if i + WIDTH < n:
                fields.append(f"fallback: {ids[(i + 1) % n] if kind == 'model' else ids[i]}")
            fields.append("constraints: [{rule: stay in scope, enforced_by: prompt}]")
        if kind == "guardrail":
            fields.append("on_failure: open")
        if kind == "datastore":
            fields.append("data: [{name: e-mails, personal: true}]")
            fields.append("trust: untrusted")
        if kind == "service":
            fields.append("actions: [{name: pay, reversible: false}, {name: block, adverse: true}]")
        lines.append(f"  {cid}: {{{', '.join(fields)}}}")
    lines.append("flows:")
    for i in range(n - WIDTH):
        layer_start = (i // WIDTH + 1) * WIDTH
        for k in range(3):
            j = layer_start + (i + k) % WIDTH
            if j < n:
                binding = ", binding: true" if k == 0 and i % 7 == 0 else ""
                lines.append(f"  - {{from: {ids[i]}, to: {ids[j]}{binding}}}")
    return "\n".join(lines) + "\n"


def best(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    registry = builtin_registry()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'rule':32}" + "".join(f"{n:>12}" for n in sizes) + "   us/component at the largest")
    designs = {n: loads(design(n), f"bench-{n}.yaml") for n in sizes}
    row = []
    for n in sizes:
        d = designs[n]
        row.append(best(args.repeat, lambda: (d.__dict__.pop("graph", None), d.graph)))
    print(f"{'(building the graph)':32}" + "".join(f"{t * 1000:>10.1f}ms" for t in row)
          + f"   {row[-1] / sizes[-1] * 1e6:.1f}")
    for rule_id in RULES:
        spec = registry.get(rule_id)
        row = []
        for n in sizes:
            d = designs[n]
            # the graph stays built; its memo of search steps is emptied, so no run reuses another's work
            row.append(best(args.repeat, lambda: (d.graph._memo.clear(), list(spec.check(d)))))
        found = len(list(spec.check(designs[sizes[-1]])))
        per = row[-1] / sizes[-1] * 1e6
        print(f"{rule_id:32}" + "".join(f"{t * 1000:>10.1f}ms" for t in row) + f"   {per:.1f}  ({found} findings)")


if __name__ == "__main__":
    main()
