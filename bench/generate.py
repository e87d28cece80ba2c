"""Deterministic synthetic designs for the benchmark.

A design is a run of subsystems of 30 components each, the size of one real
design: interfaces, orchestrators, agents, models, rules, services, stores,
queues, external APIs, humans and monitors, wired in layers with feedback and
escalation flows. A seeded share of them is flawed (no owner, no fallback, no
error budget, no feedback, ungated irreversible actions, typos in references,
fallback cycles, waivers used and unused) so every rule has work to do. The
same (size, seed) always gives the same bytes.
"""

from __future__ import annotations

import os
import random

# One subsystem: (kind, how many, its layer); the order is the flow order.
SUBSYSTEM = (
    ("interface", 2, "interaction"),
    ("orchestrator", 2, "orchestration"),
    ("agent", 3, "agents"),
    ("model", 5, "models"),
    ("rule", 3, "models"),
    ("service", 4, "services"),
    ("external", 2, "services"),
    ("datastore", 3, "data"),
    ("queue", 2, "data"),
    ("monitor", 2, "operations"),
    ("human", 2, "people"),
)
SUBSYSTEM_SIZE = sum(n for _, n, _ in SUBSYSTEM)
_NAMES = {
    "interface": ("web_chat", "mobile_app", "voice_line", "partner_api"),
    "orchestrator": ("router", "workflow", "session_manager"),
    "agent": ("planner_agent", "booking_agent", "refund_agent", "triage_agent"),
    "model": ("intent_model", "ranker", "embedder", "llm", "risk_model", "churn_model"),
    "rule": ("keyword_rules", "policy_rules", "threshold_rules"),
    "service": ("payments", "orders", "notifications", "catalog", "accounts"),
    "external": ("llm_provider", "maps_api", "sms_gateway", "kyc_vendor"),
    "datastore": ("feature_store", "vector_index", "orders_db", "audit_log"),
    "queue": ("events_queue", "review_queue"),
    "monitor": ("drift_monitor", "eval_monitor", "slo_monitor"),
    "human": ("support_team", "risk_analysts", "editors"),
}
_BUDGETS = {
    "model": '{recall: ">= 0.80", latency_p99: 50ms}',
    "agent": "{availability: 99.5%, error_rate: 1%}",
    "external": "{availability: 99.9%, latency_p99: 800ms}",
    "datastore": "{availability: 99.95%, latency_p99: 20ms}",
    "rule": "{availability: 99.99%}",
}
_TEAMS = ("platform", "data-science", "support-ml", "payments-team", "search-infra", "trust-safety", "care-ops")


def subsystem(rng: random.Random, s: int) -> tuple[list[str], list[str]]:
    """The YAML lines of one subsystem's components, and of its flows."""
    ids: dict[str, list[str]] = {}
    for kind, count, _ in SUBSYSTEM:
        names = _NAMES[kind]
        ids[kind] = [f"{names[(s + i) % len(names)]}_{s}_{i}" for i in range(count)]
    humans = ids["human"]
    lines: list[str] = []
    for kind, _, layer in SUBSYSTEM:
        for i, cid in enumerate(ids[kind]):
            lines.append(f"  {cid}:")
            lines.append(f"    kind: {kind}")
            lines.append(f"    layer: {layer}")
            if rng.random() > 0.02:
                lines.append(f"    owner: {rng.choice(_TEAMS)}")
            if rng.random() < 0.3:
                lines.append(f"    description: The {kind} that handles step {i} of subsystem {s}.")
            if kind in ("model", "agent", "external", "orchestrator") and rng.random() > 0.05:
                cycle = s % 10 == 3  # models 0 and 1 fall back to each other: a fallback cycle
                if kind == "model" and i == 0 and cycle:
                    lines.append(f"    fallback: {ids['model'][1]}")
                elif kind == "model" and i == 1:
                    lines.append(f"    fallback: [{ids['model'][0 if cycle else 2]}, {ids['rule'][1]}]")
                elif kind == "model":
                    lines.append(f"    fallback: {ids['rule'][i % 3]}")
                elif kind == "external":
                    lines.append(f"    fallback: {ids['rule'][i % 3]}")
                else:
                    lines.append("    fallback:")
                    lines.append(f"      - {humans[i % 2]}")
            budget = kind == "human" or rng.random() > 0.05
            if kind == "human":
                lines.append(f"    sla: {rng.choice(('30m', '4h', '24h', '2d'))}")
            elif budget:
                lines.append(f"    error_budget: {_BUDGETS.get(kind, '{availability: 99.9%, latency_p99: 300ms}')}")
            if kind in ("agent", "service") and rng.random() < 0.35:
                lines.append("    actions:")
                lines.append(f"      - name: notify_customer_{i}")
                lines.append("        reversible: true")
                lines.append(f"      - name: issue_refund_{i}")
                lines.append("        reversible: false")
                roll = rng.random()
                if roll < 0.7:
                    lines.append(f"        gate: {humans[i % 2]}")
                elif roll < 0.8:
                    lines.append(f"        gate: {humans[i % 2]}x")  # a typo
            if (not budget and rng.random() < 0.5) or rng.random() < 0.01:  # most waivers used, a few stale
                lines.append("    waive:")
                lines.append("      missing-error-budget: Batch job; failures page the owner through the scheduler.")
    flows: list[str] = []
    order = [k for k, _, _ in SUBSYSTEM if k not in ("human", "monitor")]
    for depth, kind in enumerate(order[:-1]):
        for i, cid in enumerate(ids[kind]):
            nxt = order[depth + 1]
            target = ids[nxt][(i + s) % len(ids[nxt])]
            if rng.random() < 0.01:
                target += "_tpyo"
            flows.append(f"  - {cid} -> {target}")
            if rng.random() < 0.5:
                other = order[min(depth + 2, len(order) - 1)]
                flows.append(f"  - {{from: {cid}, to: {ids[other][i % len(ids[other])]}, label: step {depth}}}")
    for i, cid in enumerate(ids["model"] + ids["agent"]):
        if rng.random() < 0.8:
            flows.append(f"  - {{from: {humans[i % 2]}, to: {cid}, kind: feedback, label: outcome labels}}")
    for i, cid in enumerate(ids["agent"]):
        flows.append(f"  - {{from: {cid}, to: {humans[i % 2]}, kind: escalation}}")
        flows.append(f"  - {humans[i % 2]} -> {ids['service'][i % 4]}")
    for i, cid in enumerate(ids["monitor"]):
        flows.append(f"  - {ids['model'][i]} -> {cid} -> {humans[i % 2]}")
    return lines, flows


def design_text(components: int, seed: int = 0, name: str | None = None) -> str:
    """A design of exactly `components` components: whole subsystems of 30, then part of one."""
    rng = random.Random(seed)
    comp_lines: list[str] = []
    flow_lines: list[str] = []
    for s in range(-(-components // SUBSYSTEM_SIZE)):
        c, f = subsystem(rng, s + seed * 100_000)
        keep = components - s * SUBSYSTEM_SIZE
        if keep < SUBSYSTEM_SIZE:
            c, f = _first(keep, c, f)
        comp_lines += c
        flow_lines += f
    head = [
        "# Generated by bench/generate.py: a synthetic design for the benchmark.",
        "designlint: 1",
        f"system: {name or f'synthetic-{components}'}",
        "description: >",
        "  A synthetic AI system made of layered subsystems, with a seeded share of flaws.",
        "",
        "components:",
    ]
    return "\n".join(head + comp_lines + ["", "flows:"] + flow_lines) + "\n"


def _first(keep: int, comp_lines: list[str], flow_lines: list[str]) -> tuple[list[str], list[str]]:
    """The first `keep` components of a subsystem, and the flows between them alone."""
    starts = [i for i, line in enumerate(comp_lines) if not line.startswith("    ")]
    cut = starts[keep] if keep < len(starts) else len(comp_lines)
    kept = comp_lines[:cut]
    ids = {line.strip().rstrip(":") for line in kept if not line.startswith("    ")}
    words = lambda line: set(line.replace(",", " ").replace("{", " ").replace("}", " ").split())  # noqa: E731
    dropped = {line.strip().rstrip(":") for line in comp_lines[cut:] if not line.startswith("    ")}
    return kept, [f for f in flow_lines if not (words(f) & dropped)]


def write_atomic(path: str, text: str) -> None:
    """Write through a temporary file, so no reader ever sees half a file."""
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _write_if_changed(path: str, text: str) -> None:
    try:
        with open(path, encoding="utf-8") as fh:
            if fh.read() == text:
                return
    except OSError:
        pass
    write_atomic(path, text)


def write_design(folder: str, components: int, seed: int = 0) -> str:
    """Write the design to `folder` (an identical file already there is left as it is)."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"design-{components}.yaml")
    _write_if_changed(path, design_text(components, seed))
    return path


def write_folder(folder: str, designs: int, components: int = SUBSYSTEM_SIZE) -> str:
    """A docs folder of `designs` designs of about `components` components each."""
    target = os.path.join(folder, f"docs-{designs}x{components}")
    os.makedirs(target, exist_ok=True)
    for i in range(designs):
        path = os.path.join(target, f"system-{i:04d}.yaml")
        _write_if_changed(path, design_text(components, seed=i + 1, name=f"system-{i:04d}"))
    return target
