"""The walk over request paths of a cyclic design sums as it goes, and finds what summing each path finds."""

import random

from designlint.model.build import loads
from designlint.rules import budget_paths as pathbudgets


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


def _simple_paths(design, start):
    """Every maximal simple path of request steps from `start`, by brute force (small designs only)."""
    stack = [(start,)]
    while stack:
        path = stack.pop()
        nexts = [n for n in pathbudgets._next_steps(design, path[-1], len(path) == 1) if n not in path]
        stack.extend(path + (n,) for n in nexts)
        if not nexts and len(path) > 1:
            yield path


CALLERS = {"orchestrator", "agent"}


def _totals(design, path):
    """By definition: from the end back, a caller that states a p99 waits max(its p99, what follows);
    any other step adds its p99 to what follows. Availabilities multiply."""
    latency = 0.0
    for c in reversed(path[1:]):
        own = pathbudgets._latency(design, c)
        latency = max(own, latency) if own and design.components[c].kind in CALLERS else own + latency
    availability = 1.0
    for c in path[1:]:
        availability *= pathbudgets._step_availability(design, c)
    return latency, availability


def _loops(design, start):
    """Whether some request path from `start` can come back to a step it passed (brute force)."""
    stack = [(start,)]
    while stack:
        path = stack.pop()
        for n in pathbudgets._next_steps(design, path[-1], len(path) == 1):
            if n in path:
                return True
            stack.append(path + (n,))
    return False


def _walk(design, start):
    return pathbudgets._Walk(design).worst(start)


def _is_request_path(design, path):
    return all(b in pathbudgets._next_steps(design, a, i == 0) for i, (a, b) in enumerate(zip(path, path[1:])))


def test_on_acyclic_designs_the_walk_finds_the_worst_paths_by_definition():
    rng = random.Random(6)
    checked = 0
    for _ in range(60):
        design = _design(rng)
        if _loops(design, "ui"):
            continue
        checked += 1
        slowest, weakest = _walk(design, "ui")
        paths = list(_simple_paths(design, "ui"))
        if not paths:
            assert slowest is None and weakest is None
            continue
        assert abs(slowest.value - max(_totals(design, p)[0] for p in paths)) < 1e-9
        assert abs(weakest.value - min(_totals(design, p)[1] for p in paths)) < 1e-9
        assert slowest.path in paths and weakest.path in paths
    assert checked >= 10


def test_on_looping_designs_the_walk_reports_a_real_simple_path_with_its_own_totals():
    rng = random.Random(7)
    looping = 0
    for _ in range(60):
        design = _design(rng)
        if not _loops(design, "ui"):
            continue
        looping += 1
        slowest, weakest = _walk(design, "ui")
        paths = list(_simple_paths(design, "ui"))
        for worst, index in ((slowest, 0), (weakest, 1)):
            assert worst is not None
            assert len(set(worst.path)) == len(worst.path) and _is_request_path(design, worst.path)
            assert abs(worst.value - _totals(design, worst.path)[index]) < 1e-9
        # cutting loops only leaves paths out: never worse than the worst simple path
        assert slowest.value <= max(_totals(design, p)[0] for p in paths) + 1e-9
        assert weakest.value >= min(_totals(design, p)[1] for p in paths) - 1e-9
    assert looping >= 10


def test_a_tangled_design_is_walked_in_linear_time_not_by_enumerating_paths():
    """A complete graph of 14 services has ~10^10 simple paths; the walk visits each step once."""
    names = [f"s{i}" for i in range(14)]
    lines = ["designlint: 1", "system: tangle", "components:",
             "  ui: {kind: interface, owner: o, error_budget: {latency_p99: 1s, availability: 99%}}"]
    lines += [f"  {n}: {{kind: service, owner: o, error_budget: {{latency_p99: 10ms, availability: 99.9%}}}}" for n in names]
    lines += ["flows:", "  - ui -> s0"] + [f"  - {a} -> {b}" for a in names for b in names if a != b]
    design = loads("\n".join(lines) + "\n", "tangle.yaml")
    calls = []
    original = pathbudgets._next_steps

    def counting(design, node, is_start):
        calls.append(node)
        return original(design, node, is_start)

    pathbudgets._next_steps, saved = counting, original
    try:
        slowest, weakest = _walk(design, "ui")
    finally:
        pathbudgets._next_steps = saved
    assert len(slowest.path) == 15  # the DFS chain visits every service once
    assert len(calls) <= 3 * 15


def _fallback_designs(rng):
    """Small designs where `p` has a fallback chain, some members stating no availability."""
    for _ in range(80):
        names = [f"f{i}" for i in range(rng.randint(1, 5))]
        lines = ["designlint: 1", "system: fb", "components:",
                 f"  p: {{kind: model, fallback: [{', '.join(rng.sample(names, rng.randint(1, len(names))))}], "
                 f"error_budget: {{availability: {rng.choice(['90%', '99%', '99.9%'])}}}}}"]
        for n in names:
            budget = rng.choice(["", ", error_budget: {availability: 95%}", ", error_budget: {availability: 99%}",
                                 ", error_budget: {latency_p99: 1s}"])
            kind = rng.choice(["rule", "human", "model"])
            fallback = f", fallback: {rng.choice(names + ['p'])}" if rng.random() < 0.3 else ""
            lines.append(f"  {n}: {{kind: {kind}{budget}{fallback}}}")
        yield loads("\n".join(lines) + "\n", "fb.yaml")


def _brute_availability(design, cid):
    """Enumerate up/down states of the chain: up when any member with a stated availability is up;
    a member that states none is unknown and never counted as up."""
    from itertools import product

    from designlint.model import quantities

    members = [cid, *design.graph.fallback_chain(cid)]
    known = [(m, quantities.ratio(design.components[m].error_budget.get("availability"))) for m in members]
    known = [(m, a) for m, a in known if a is not None]
    total = 0.0
    for states in product((True, False), repeat=len(known)):
        weight = 1.0
        for (m, a), up in zip(known, states):
            weight *= a if up else 1 - a
        if any(states):
            total += weight
    return total


def test_fallbacks_in_parallel_match_enumerating_up_and_down_states():
    rng = random.Random(11)
    unknown_seen = 0
    for design in _fallback_designs(rng):
        got = pathbudgets.effective_availability(design, "p")
        assert abs(got - _brute_availability(design, "p")) < 1e-12
        unknown = pathbudgets.unknown_fallbacks(design, "p")
        unknown_seen += bool(unknown)
        assert all(design.components[u].error_budget.get("availability") is None for u in unknown)
    assert unknown_seen >= 10  # the cases where counting "unknown" as 100% would have hidden the risk


def test_a_queue_that_hands_work_to_people_is_off_the_request_path():
    design = loads("""\
designlint: 1
system: s
components:
  ui: {kind: interface, error_budget: {latency_p99: 1s}}
  bot: {kind: agent, error_budget: {latency_p99: 800ms}}
  handoff: {kind: queue, error_budget: {latency_p99: 4h}}
  jobs: {kind: queue, error_budget: {latency_p99: 1h}}
  worker: {kind: service}
  care: {kind: human, sla: 4h}
flows:
  - ui -> bot -> handoff -> care
  - bot -> jobs -> worker
""", "q.yaml")
    assert pathbudgets.is_handoff(design, "handoff") and not pathbudgets.is_handoff(design, "jobs")
    assert tuple(pathbudgets._next_steps(design, "bot", False)) == ("jobs",)
