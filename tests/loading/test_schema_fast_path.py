"""The compiled yes/no schema check agrees with jsonschema, which alone writes the messages."""

import copy
import random
import sys

import pytest
from conftest import EXAMPLES, ROOT

from designlint.loading import schema
from designlint.loading import yamlsource
from designlint.errors import InputErrors

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

BAD_VALUES = [None, 0, 1.5, True, "", "  ", "x y", [], ["a", "a"], {}, {"": 1}, {"a": None}, "99.9%", "4 hours"]
BAD_KEYS = ["ownr", "kind", "x-note", "", "fallback", "reversible", "from", "waive"]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, path + (i,))


def _mutants(data, rng, count):
    paths = [p for p in _paths(data) if p]
    for _ in range(count):
        mutant = copy.deepcopy(data)
        path = rng.choice(paths)
        parent = mutant
        for step in path[:-1]:
            parent = parent[step]
        roll = rng.random()
        if roll < 0.6:
            parent[path[-1]] = rng.choice(BAD_VALUES)
        elif roll < 0.8 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[rng.choice(BAD_KEYS)] = rng.choice(BAD_VALUES + ["model"])
        yield mutant


def _plain(value):
    """Plain dicts and lists, as jsonschema-rs might be handed by another caller."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@pytest.mark.parametrize("source", [*EXAMPLES, "generated"], ids=lambda s: getattr(s, "stem", s))
def test_fast_check_and_jsonschema_agree_on_valid_and_broken_designs(source):
    text = generate.design_text(90, seed=2) if source == "generated" else source.read_text(encoding="utf-8")
    data = _plain(yamlsource.parse(text, "d.yaml"))
    fast = schema._fast_check("design")
    full = schema._validator("design")
    assert fast is not None, "jsonschema-rs is a dependency: it must be importable"
    assert fast(data) and not list(full.iter_errors(data))
    rng = random.Random(str(source))
    verdicts = set()
    for mutant in _mutants(data, rng, 120):
        valid = not list(full.iter_errors(mutant))
        assert fast(mutant) == valid
        verdicts.add(valid)
    assert verdicts == {True, False}  # the mutants exercise both answers


def test_without_the_fast_check_the_same_errors_come_out(monkeypatch):
    text = "designlint: 1\nsystem: s\ncomponents:\n  a: {kind: robot, ownr: me, sla: soon}\n"
    data = yamlsource.parse(text, "d.yaml")
    with pytest.raises(InputErrors) as with_fast:
        schema.validate(data, "d.yaml")
    monkeypatch.setattr(schema, "_fast_check", lambda name: None)
    with pytest.raises(InputErrors) as without:
        schema.validate(data, "d.yaml")
    assert [str(e) for e in with_fast.value.errors] == [str(e) for e in without.value.errors]
    assert len(without.value.errors) == 3


def test_a_value_the_fast_check_cannot_take_goes_to_jsonschema():
    text = "designlint: 1\nsystem: s\ncomponents:\n  a: {kind: rule, error_budget: {requests: 1" + "0" * 40 + "}}\n"
    schema.validate(yamlsource.parse(text, "d.yaml"), "d.yaml")  # a huge integer is still a number
