"""Every rule documents itself, and the designs in its docs fail and pass as they say."""

import pytest

from designlint.findings.engine import lint
from designlint.model.build import loads
from designlint.rules.registry import builtin_registry as default_registry

RULES = list(default_registry())


@pytest.mark.parametrize("spec", RULES, ids=lambda s: s.id)
def test_rule_has_metadata(spec):
    assert spec.id == spec.id.lower() and " " not in spec.id
    assert spec.summary.endswith(".")
    assert set(spec.examples) == {"fails", "passes"}, "docstring needs Fails:: and Passes:: designs"


@pytest.mark.parametrize("spec", RULES, ids=lambda s: s.id)
def test_failing_example_fires_the_rule(spec):
    design = loads(spec.examples["fails"], f"{spec.id}-fails.yaml")
    assert spec.id in {f.rule for f in lint(design)}


@pytest.mark.parametrize("spec", RULES, ids=lambda s: s.id)
def test_passing_example_does_not(spec):
    design = loads(spec.examples["passes"], f"{spec.id}-passes.yaml")
    fired = {f.rule for f in lint(design) if not f.waived}
    assert spec.id not in fired
    assert not fired, f"the passing example should be clean, got {fired}"
