"""The library's face: designlint.load, loads, lint, lint_paths."""

from __future__ import annotations

from pathlib import Path

import pytest

import designlint
from designlint.errors import InputError

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "travel-booking-agent.yaml"


def test_load_and_lint_a_file_give_the_findings_check_gives():
    design = designlint.load(str(EXAMPLE))
    findings = designlint.lint(design)
    report = designlint.lint_paths([str(EXAMPLE)])
    assert [f.to_dict() for f in findings] == [f.to_dict() for f in report.findings]
    assert report.exit_code == 1 and design.system == "travel-booking-agent"


def test_loads_names_the_file_in_errors():
    with pytest.raises(InputError) as info:
        designlint.loads("designlint: 1\nsystem: [s\n", "inline.yaml")
    assert (info.value.file, info.value.line, info.value.column) == ("inline.yaml", 3, 1)


def test_an_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        designlint.nothing_here  # noqa: B018
