"""fallback-same-provider answered for every component at once (graph.fallback_chain_fold) finds exactly what
reading each whole fallback chain found, on random fallback graphs with loops, unknown ids and mixed kinds."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designlint.model.build import loads
from designlint.rules.resilience import fallback_same_provider


def _by_reading_each_chain(design):
    """The rule as it was: one whole fallback chain per component (O(V) each)."""
    found = []
    for comp in design.of_kind("model", "agent"):
        if comp.provider is None or not comp.fallback:
            continue
        chain = design.graph.fallback_chain(comp.id)
        members = [design.components.get(cid) for cid in chain]
        if chain and all(m is not None and m.is_ai and m.provider is not None
                         and m.provider.casefold() == comp.provider.casefold() for m in members):
            found.append((comp.id, " -> ".join([comp.id, *chain])))
    return found


def _design(rng: random.Random) -> str:
    n = rng.randint(2, 14)
    ids = [f"c{i}" for i in range(n)]
    rows = ["designlint: 1", "system: p", "components:"]
    for cid in ids:
        kind = rng.choice(["model"] * 4 + ["agent", "external", "rule", "human"])
        provider = f", provider: {rng.choice(['acme'] * 4 + ['ACME', 'other'])}" if rng.random() < 0.9 else ""
        targets = rng.sample(ids + ["ghost"], rng.choice([0, 1, 1, 1, 2, 3]))
        fallback = f", fallback: [{', '.join(targets)}]" if targets else ""
        rows.append(f"  {cid}: {{kind: {kind}{provider}{fallback}}}")
    return "\n".join(rows) + "\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_the_fold_finds_what_reading_each_chain_finds(seed):
    design = loads(_design(random.Random(seed)), "providers.yaml")
    got = [(p.component, p.message.split("too (", 1)[1].split("):", 1)[0]) for p in fallback_same_provider(design)]
    assert got == _by_reading_each_chain(design)


def test_the_random_graphs_exercise_the_rule():
    fired = sum(bool(list(fallback_same_provider(loads(_design(random.Random(seed)), "p.yaml"))))
                for seed in range(300))
    assert fired > 30


def test_a_long_chain_of_one_provider_names_a_shortened_chain():
    n = 60
    rows = ["designlint: 1", "system: p", "components:"]
    rows += [f"  m{i}: {{kind: model, provider: acme{', fallback: m%d' % (i + 1) if i < n - 1 else ''}}}"
             for i in range(n)]
    messages = {p.component: p.message for p in fallback_same_provider(loads("\n".join(rows) + "\n", "p.yaml"))}
    assert len(messages) == n - 1
    assert "(m0 -> m1 -> m2 -> m3 -> m4 -> m5 -> m6 -> m7 -> m8 -> m9 -> m10 -> m11 -> … more steps …)" in messages["m0"]
    assert "(m40 -> " + " -> ".join(f"m{i}" for i in range(41, 60)) + ")" in messages["m40"]
