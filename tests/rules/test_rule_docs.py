"""Every rule documents itself in fixed sections, and the designs in its docs fail and pass as they say.

The sections (designlint.rules.DOC_SECTIONS) are ruff's: what it checks, why
it matters, a failing and a passing design, known limits, references. The
references may instead come from the rule's spec (`references`, filled from
the frameworks the rule serves); either satisfies the check. Each design is
linted with only its rule selected (yamllint's one-rule `conf`), so an
example holds just the lines its rule looks at.
"""

import pytest

from designlint.config import Config
from designlint.findings.engine import lint
from designlint.model.build import loads
from designlint.rules import DOC_SECTIONS, RuleSpec, Severity
from designlint.rules.registry import builtin_registry

RULES = list(builtin_registry())


def missing_sections(spec) -> list[str]:
    """The sections `spec`'s docs lack, or hold out of order; References counts as there if the spec has some."""
    needed = list(DOC_SECTIONS)
    if getattr(spec, "references", None):
        needed.remove("References")
    written = [name for name, text in spec.sections.items() if name in needed and text.strip()]
    missing = [name for name in needed if name not in written]
    if not missing and written != needed:
        return [f"{name} (out of order)" for name, want in zip(written, needed) if name != want]
    return missing


def only(spec, design) -> Config:
    """Select `spec`'s rule alone, plus the rules the design waives: a waiver is judged only when its rule ran."""
    waived = {rule_id for comp in design.components.values() for rule_id in comp.waive}
    return Config(select=frozenset({spec.id} | (waived & set(builtin_registry().ids()))))


@pytest.mark.parametrize("spec", RULES, ids=lambda s: s.id)
def test_rule_has_metadata_and_every_doc_section(spec):
    assert spec.id == spec.id.lower() and " " not in spec.id
    assert spec.summary.endswith(".")
    assert missing_sections(spec) == []


def _spec(doc, **extra):
    spec = RuleSpec("r", Severity.WARNING, "R.", None, doc)
    for name, value in extra.items():  # `references` before RuleSpec has the field, too
        object.__setattr__(spec, name, value)
    return spec


FULL = """What it checks: a thing.

Why it matters: it breaks.

Fails::

    designlint: 1

Passes::

    designlint: 1

Known limits: none known.

References: a paper.
"""


def test_the_section_check_names_each_missing_or_misplaced_section():
    assert missing_sections(_spec(FULL)) == []
    assert missing_sections(_spec(FULL.replace("Known limits: none known.\n", ""))) == ["Known limits"]
    assert missing_sections(_spec(FULL.replace("Why it matters: it breaks.", "It breaks."))) == ["Why it matters"]
    assert missing_sections(_spec(FULL.replace("Passes::", "Passes:"))) == ["Passes"]
    assert missing_sections(_spec(FULL.replace("References: a paper.", "References:"))) == ["References"]
    swapped = FULL.replace("What it checks: a thing.\n\nWhy it matters: it breaks.",
                           "Why it matters: it breaks.\n\nWhat it checks: a thing.")
    assert missing_sections(_spec(swapped)) == ["Why it matters (out of order)", "What it checks (out of order)"]


def test_references_on_the_spec_stand_in_for_the_section():
    without = FULL.replace("References: a paper.\n", "")
    assert missing_sections(_spec(without)) == ["References"]
    assert missing_sections(_spec(without, references=("EU AI Act, Art. 14",))) == []
    assert missing_sections(_spec(without, references=())) == ["References"]


@pytest.mark.parametrize("spec", RULES, ids=lambda s: s.id)
def test_failing_example_fires_the_rule(spec):
    design = loads(spec.examples["fails"], f"{spec.id}-fails.yaml")
    assert [f.rule for f in lint(design, only(spec, design)) if not f.waived and f.rule == spec.id]


@pytest.mark.parametrize("spec", RULES, ids=lambda s: s.id)
def test_passing_example_does_not(spec):
    design = loads(spec.examples["passes"], f"{spec.id}-passes.yaml")
    assert [f for f in lint(design, only(spec, design)) if not f.waived and f.rule == spec.id] == []
