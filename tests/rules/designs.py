"""Random designs for the differential tests: every kind, every flow kind, loops of flows and of fallbacks,
ids that name nothing, actions, budgets and tiers. Deterministic for a given seed."""

from __future__ import annotations

import random

KINDS = ["interface", "orchestrator", "agent", "model", "rule", "service", "external", "datastore", "queue",
         "monitor", "human"]
FLOW_KINDS = ["data", "data", "data", "escalation", "feedback"]


def design_text(rng: random.Random, n: int | None = None, *, degree: float | None = None,
                fallback_share: float | None = None) -> str:
    n = n if n is not None else rng.randint(2, 14)
    degree = degree if degree is not None else rng.choice([0.5, 1.0, 2.0, 3.0])
    fallback_share = fallback_share if fallback_share is not None else rng.choice([0.2, 0.5, 0.9])
    ids = [f"c{i}" for i in range(n)]
    lines = ["designlint: 1", "system: random", "components:"]
    for cid in ids:
        kind = rng.choice(KINDS)
        fields = [f"kind: {kind}", "owner: o"]
        budget = []
        if rng.random() < 0.7:
            budget.append(f"availability: {rng.choice(['90%', '99%', '99.9%', '99.99%', '50%', '100%'])}")
        if rng.random() < 0.7:
            budget.append(f"latency_p99: {rng.choice(['5ms', '50ms', '150ms', '900ms', '2s'])}")
        if budget:
            fields.append("error_budget: {" + ", ".join(budget) + "}")
        if kind == "interface" and rng.random() < 0.5:
            fields.append(f"tier: {rng.choice(['real-time', 'near-real-time', 'batch'])}")
        if rng.random() < fallback_share:
            pool = ids + ["ghost"]
            fallback = rng.sample(pool, rng.choice([1, 1, 2, 3]))
            fields.append("fallback: [" + ", ".join(fallback) + "]")
        if rng.random() < 0.15:
            gate = rng.choice(ids + ["nobody"])
            fields.append(f"actions: [{{name: act, reversible: false, gate: {gate}}}]")
        if kind == "human":
            fields.append("sla: 1h")
        lines.append(f"  {cid}: {{{', '.join(fields)}}}")
    lines.append("flows:")
    for _ in range(int(degree * n) + rng.randint(0, 2)):
        a, b = rng.choice(ids + ["stray"]), rng.choice(ids)
        kind = rng.choice(FLOW_KINDS)
        lines.append(f"  - {{from: {a}, to: {b}, kind: {kind}}}")
    return "\n".join(lines) + "\n"
