"""Witness paths of a breadth-first search, as messages spell them: whole up to MOST_STEPS components,
else shortened to the end the reader starts from, a count of what is left out, and the other end."""

from __future__ import annotations

from designlint.findings.engine import lint
from designlint.model.build import loads
from designlint.model.graph import Witnesses, breadth_first
from designlint.util.text import KEEP_STEPS, MOST_STEPS


def _chain(n: int) -> dict[str, str | None]:
    return breadth_first(["n0"], lambda node: [f"n{int(node[1:]) + 1}"] if int(node[1:]) < n - 1 else [])


def test_depth_and_root_of_every_node():
    w = Witnesses(_chain(50))
    assert [w.depth(f"n{i}") for i in (49, 0, 30)] == [49, 0, 30]
    assert {w.root(f"n{i}") for i in range(50)} == {"n0"}


def test_a_path_of_most_steps_is_whole_either_way():
    w = Witnesses(_chain(100))
    last = f"n{MOST_STEPS - 1}"
    assert w.shown(last) == [f"n{i}" for i in range(MOST_STEPS)]
    assert w.shown(last, reverse=True) == [f"n{i}" for i in reversed(range(MOST_STEPS))]


def test_a_longer_path_keeps_the_end_at_the_node_and_counts_the_rest():
    w = Witnesses(_chain(1_000))
    assert w.shown("n999") == ["n0", f"… {999 - KEEP_STEPS:,} more steps …"] + [f"n{i}" for i in range(1_000 - KEEP_STEPS, 1_000)]
    assert w.shown("n999", reverse=True) == [f"n{i}" for i in range(999, 999 - KEEP_STEPS, -1)] + ["… 987 more steps …", "n0"]


def test_a_source_that_a_path_comes_back_to_counts_its_own_step():
    design = loads("designlint: 1\nsystem: s\ncomponents:\n"
                   + "".join(f"  s{i}: {{kind: service}}\n" for i in range(40))
                   + "flows:\n  - " + " -> ".join(f"s{i}" for i in range(40)) + " -> s0\n", "loop.yaml")
    reach = design.graph.data_reach(["s0"])
    assert reach.stepped("s0") and reach.length("s0") == 41
    # The source the path comes back to is one of the KEEP_STEPS kept at the reader's end.
    assert reach.shown("s0") == ["s0", "… 28 more steps …"] + [f"s{i}" for i in range(29, 40)] + ["s0"]


def test_one_finding_per_agent_along_a_long_chain_names_a_shortened_path():
    n = 100
    rows = ["designlint: 1", "system: s", "components:", "  web: {kind: interface}", "  mail: {kind: external}"]
    rows += [f"  a{i}: {{kind: agent, data: [{{name: notes, personal: true}}]}}" for i in range(n)]
    rows += ["flows:", "  - web -> " + " -> ".join(f"a{i}" for i in range(n)) + " -> mail"]
    design = loads("\n".join(rows) + "\n", "trifecta.yaml")
    messages = {f.component: f.message for f in lint(design) if f.rule == "lethal-trifecta"}
    assert len(messages) == n
    # The nearest untrusted source of a69 is the external service's answer (32 components away, not
    # web's 71): an agent's call returns what it is told, and the agents before it call it in turn.
    inward = " -> ".join(["mail", "… 19 more steps …"] + [f"a{i}" for i in range(80, 68, -1)])
    outward = " -> ".join([f"a{i}" for i in range(69, 81)] + ["… 19 more steps …", "mail"])
    assert f"receives untrusted content ({inward})" in messages["a69"]
    assert f"can send data out ({outward})" in messages["a69"]


def _ring(n: int, extra: str = "") -> str:
    rows = ["designlint: 1", "system: r", "components:"]
    rows += [f"  m{i}: {{kind: model, fallback: [m{(i + 1) % n}{extra if i == 0 else ''}]}}" for i in range(n)]
    return "\n".join(rows) + "\n"


def test_a_fallback_ring_longer_than_a_message_spells_is_one_way_round_shortened():
    graph = loads(_ring(30), "ring.yaml").graph
    # 31 components round (m0 ... m29, m0): both ends of the way round, and how many are left out.
    assert graph.fallback_loop("m0") == [f"m{i}" for i in range(7)] + ["… 23 more steps …", "m0"]
    assert graph.fallback_loop("m29") == ["m29", "m0", "… 23 more steps …"] + [f"m{i}" for i in range(24, 30)]


def test_a_ring_of_most_steps_is_the_shortest_loop_in_full():
    graph = loads(_ring(MOST_STEPS), "ring.yaml").graph
    assert graph.fallback_loop("m5") == [f"m{i}" for i in range(5, MOST_STEPS)] + [f"m{i}" for i in range(6)]


def test_in_a_large_tight_loop_the_way_round_is_spelled_whole_and_follows_fallbacks():
    # 40 models that each fall back to the next and to m0: one loop of 40; most ways round are short.
    rows = ["designlint: 1", "system: r", "components:", "  m0: {kind: model, fallback: [m1]}"]
    rows += [f"  m{i}: {{kind: model, fallback: [m{(i + 1) % 40}{', m0' if i < 39 else ''}]}}" for i in range(1, 40)]
    design = loads("\n".join(rows) + "\n", "tight.yaml")
    links = {cid: [r.id for r in c.fallback] for cid, c in design.components.items()}
    for node in ("m0", "m7"):
        loop = design.graph.fallback_loop(node)
        assert loop[0] == loop[-1] == node and len(loop) <= MOST_STEPS
        assert all(b in links[a] for a, b in zip(loop, loop[1:])), loop
    # m39's every way round is long (m0 falls back only to m1): shortened, each shown step a fallback.
    loop = design.graph.fallback_loop("m39")
    assert loop == ["m39", "m0", "… 33 more steps …"] + [f"m{i}" for i in range(34, 40)]
    assert all(b in links[a] for a, b in zip(loop, loop[1:]) if "…" not in a + b)
