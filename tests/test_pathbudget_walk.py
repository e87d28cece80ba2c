"""The walk over request paths of a cyclic design sums as it goes, and finds what summing each path finds."""

import random

from designlint.loader import loads
from designlint.rules import pathbudgets


def _design(rng):
    kinds = ["interface", "orchestrator", "service", "model", "rule", "datastore", "queue", "agent"]
    nodes = [f"c{i}" for i in range(rng.randint(4, 12))]
    lines = ["designlint: 1", "system: loops", "components:", "  ui: {kind: interface, error_budget: {latency_p99: 300ms}}"]
    for n in nodes:
        budget = f"{{availability: {rng.choice(['99%', '99.9%', '95%'])}, latency_p99: {rng.randint(1, 400)}ms}}"
        fallback = f", fallback: {rng.choice(nodes)}" if rng.random() < 0.3 else ""
        lines.append(f"  {n}: {{kind: {rng.choice(kinds)}, error_budget: {budget}{fallback}}}")
    lines.append("flows:")
    lines.append(f"  - ui -> {nodes[0]}")
    for _ in range(rng.randint(len(nodes), 3 * len(nodes))):
        lines.append(f"  - {rng.choice(nodes)} -> {rng.choice(nodes)}")
    return loads("\n".join(lines) + "\n", "loops.yaml")


def _worst_by_definition(design, start):
    slowest = weakest = None
    for path in pathbudgets.request_paths(design, start):
        latency = sum(pathbudgets._latency(design, c) for c in path[1:])
        availability = 1.0
        for c in path[1:]:
            availability *= pathbudgets._step_availability(design, c)
        if slowest is None or latency > slowest.value + pathbudgets._EPSILON:
            slowest = pathbudgets.Worst(latency, path)
        if weakest is None or availability < weakest.value - pathbudgets._EPSILON:
            weakest = pathbudgets.Worst(availability, path)
    return slowest, weakest


def test_the_walk_finds_the_worst_paths_that_summing_each_path_finds():
    rng = random.Random(6)
    cyclic = 0
    for _ in range(40):
        design = _design(rng)
        if pathbudgets._acyclic_order(design, "ui") is None:
            cyclic += 1
            assert pathbudgets._walk(design, "ui") == _worst_by_definition(design, "ui")
    assert cyclic >= 10
