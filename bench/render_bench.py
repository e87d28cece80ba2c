"""Render time of a 1,000-component design: the layout engine alone on the DOT vs the whole `designlint render`
(target: <= 1.3x, issue 11).

    python bench/render_bench.py          # prints one row per measurement
    python bench/render_bench.py --quick  # fewer repeats

The design is generated, deterministic (seeded), layered like a real system
(interfaces -> orchestrators -> agents -> models/rules -> data), with random
cross-links, fallbacks and a share of missing owners, budgets and gates so
the diagram carries findings. Runs alternate between the commands (the
engine alone, `render` as a user runs it, `render` with the core rules only)
and the medians are quoted; each ratio is that time / the engine alone. The
in-process rows split the whole command: the renderer's own share (annotate,
DOT, layout) against what loading and linting the design cost before it.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

# FORMAT.md's core rules. The timed comparison lints with these, so that it measures
# the renderer; a last row times every default rule once (some judgment rules
# walk paths, which is a lint cost, not a drawing one).
CORE_RULES = ("missing-owner,missing-fallback,missing-error-budget,missing-feedback-loop,"
              "ungated-irreversible-action,unknown-reference,fallback-cycle,unused-waiver")
TARGET = 1.3  # issue 11: the whole render <= 1.3x the layout engine alone on its DOT
STAGES = [("interface", 0.05), ("orchestrator", 0.05), ("agent", 0.1), ("model", 0.15), ("rule", 0.1),
          ("service", 0.2), ("datastore", 0.15), ("queue", 0.05), ("external", 0.05), ("monitor", 0.05),
          ("human", 0.05)]


def generate(components: int = 1000, seed: int = 0) -> str:
    """A design of about `components` components as YAML text; the same for the same arguments."""
    rng = random.Random(seed)
    ids: list[tuple[str, str]] = []
    for kind, share in STAGES:
        ids.extend((f"{kind}_{i}", kind) for i in range(max(1, round(components * share))))
    ids = ids[:components]
    by_kind: dict[str, list[str]] = {}
    for cid, kind in ids:
        by_kind.setdefault(kind, []).append(cid)
    humans = by_kind.get("human", [])
    lines = ["designlint: 1", f"system: generated-{components}", "components:"]
    for cid, kind in ids:
        lines.append(f"  {cid}:")
        lines.append(f"    kind: {kind}")
        lines.append(f"    layer: {kind}s")
        if rng.random() > 0.05:
            lines.append(f"    owner: team-{rng.randrange(20)}")
        if kind != "human" and rng.random() > 0.1:
            lines.append("    error_budget: {availability: 99.9%}")
        if kind in ("model", "agent", "external") and rng.random() > 0.1:
            lines.append(f"    fallback: {rng.choice(by_kind.get('rule') or humans)}")
        if kind in ("agent", "service") and rng.random() < 0.2:
            gate = f", gate: {rng.choice(humans)}" if humans and rng.random() < 0.5 else ""
            lines.append(f"    actions: [{{name: act_{cid}, reversible: false{gate}}}]")
    lines.append("flows:")
    order = [cid for cid, _ in ids]
    for i, cid in enumerate(order[:-1]):
        for _ in range(rng.choice((1, 1, 2))):  # mostly forward, like a pipeline
            lines.append(f"  - {cid} -> {order[rng.randrange(i + 1, min(len(order), i + 60))]}")
    for _ in range(components // 5):  # random cross-links, the hard part for `dot`
        a, b = rng.sample(order, 2)
        lines.append(f"  - {a} -> {b}")
    for model in by_kind.get("model", [])[::2]:
        if humans:
            lines.append(f"  - {{from: {rng.choice(humans)}, to: {model}, kind: feedback}}")
    return "\n".join(lines) + "\n"


def _time(cmd: list[str], stdin: bytes | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, input=stdin, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _stages(design_path: str, repeats: int) -> dict[str, float]:
    """Median seconds of each in-process stage: load, lint, DOT, and the renderer (DOT + layout) as a whole."""
    from designlint.config import Config
    from designlint.findings.engine import lint
    from designlint.model.build import load
    from designlint.render import layout, render
    from designlint.render.annotate import annotate
    from designlint.render.dot import to_dot

    times: dict[str, list[float]] = {"load": [], "lint": [], "dot": [], "renderer": []}
    for _ in range(repeats):
        start = time.perf_counter()
        design = load(design_path)
        loaded = time.perf_counter()
        findings = lint(design, Config(select=frozenset(CORE_RULES.split(","))))
        linted = time.perf_counter()
        to_dot(annotate(design, findings), layout.choose(len(design.components)).graph_attrs, clusters=False)
        built = time.perf_counter()
        render(design, findings, "svg")
        drawn = time.perf_counter()
        for name, seconds in (("load", loaded - start), ("lint", linted - loaded), ("dot", built - linted),
                              ("renderer", drawn - built)):
            times[name].append(seconds)
    return {name: statistics.median(values) for name, values in times.items()}


def run(quick: bool = False) -> list[dict]:
    """Rows of {name, seconds, ratio}, medians for 1,000 components; ratio is to the layout engine alone."""
    repeats = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="render-bench-") as tmp:
        design = os.path.join(tmp, "design.yaml")
        dot_file = os.path.join(tmp, "design.dot")
        with open(design, "w", encoding="utf-8") as fh:
            fh.write(generate(1000))
        render = [sys.executable, "-m", "designlint", "render", "--isolated", design]
        core = ["--select", CORE_RULES]
        subprocess.run([*render, "-o", dot_file], check=True, stderr=subprocess.DEVNULL)
        engine = ["dot", "-Tsvg", dot_file, "-o", os.path.join(tmp, "engine.svg")]
        whole = [*render, *core, "-o", os.path.join(tmp, "whole.svg")]
        default = [*render, "-o", os.path.join(tmp, "all.svg")]  # what a user runs: every default rule
        alone, total, users = [], [], []
        for _ in range(repeats):  # alternate, so drift on a shared machine hits all alike
            alone.append(_time(engine))
            users.append(_time(default))
            total.append(_time(whole))
        stages = _stages(design, repeats)
    engine_s, whole_s, user_s = statistics.median(alone), statistics.median(total), statistics.median(users)
    return [
        {"name": "render-1000: layout engine alone (dot -Tsvg on the same DOT)", "seconds": round(engine_s, 3),
         "ratio": 1.0},
        {"name": "render-1000: `designlint render -o svg` as a user runs it (every default rule: load, lint, "
                 "DOT, layout)", "seconds": round(user_s, 3), "ratio": round(user_s / engine_s, 3),
         "target": f"<= {TARGET:g}", "met": None if quick else user_s / engine_s <= TARGET},
        {"name": "render-1000: designlint render -o svg, core rules only (load, lint, DOT, layout)",
         "seconds": round(whole_s, 3), "ratio": round(whole_s / engine_s, 3)},
        {"name": "render-1000: renderer in-process (annotate, DOT, layout; after load and lint)",
         "seconds": round(stages["renderer"], 3), "ratio": round(stages["renderer"] / engine_s, 3)},
        {"name": "render-1000: of which annotate + DOT text", "seconds": round(stages["dot"], 3),
         "ratio": round(stages["dot"] / engine_s, 3)},
        {"name": "render-1000: load (YAML, schema, model), in-process", "seconds": round(stages["load"], 3),
         "ratio": round(stages["load"] / engine_s, 3)},
        {"name": "render-1000: lint (core rules), in-process", "seconds": round(stages["lint"], 3),
         "ratio": round(stages["lint"] / engine_s, 3)},
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv[1:]):
        print(f"{row['name']:<80} {row['seconds']:>8.3f} s  x{row['ratio']:.3f}")
