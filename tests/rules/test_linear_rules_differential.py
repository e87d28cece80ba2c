"""The linear-time rules find exactly what today's per-component searches found (tests/rules/reference_impl.py):
on every example, on the rule cases, and on random designs with loops of flows and of fallbacks."""

from __future__ import annotations

import random

import pytest
from conftest import EXAMPLES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designlint.findings.engine import lint
from designlint.model.build import load, load_designs, loads
from designlint.rules.registry import builtin_registry

from .designs import design_text
from .reference_impl import reference_registry

NEW = builtin_registry()
OLD = reference_registry(NEW)
GRAPH_RULES = ("fallback-shared-fate", "no-human-handoff", "ai-only-fallback")


def _findings(design, registry, only=None):
    return [f for f in lint(design, registry=registry) if only is None or f.rule in only]


@pytest.mark.parametrize("path", EXAMPLES + [ROOT / "examples" / "design-docs" / "claims-assistant.md"],
                         ids=lambda p: p.name)
def test_every_example_gives_the_same_findings_as_before(path):
    designs = load_designs(str(path))[0] if path.suffix == ".md" else [load(str(path))]
    assert designs
    for design in designs:
        assert _findings(design, NEW) == _findings(design, OLD)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_random_designs_give_the_same_findings_as_before(seed):
    design = loads(design_text(random.Random(seed)), "random.yaml")
    assert _findings(design, NEW, GRAPH_RULES) == _findings(design, OLD, GRAPH_RULES)
