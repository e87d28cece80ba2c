"""Golden JSON for each example. Regenerate with DESIGNLINT_UPDATE_GOLDEN=1 after a deliberate change."""

import json
import os

import pytest

from conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_json_matches_golden(example, run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run_cli("check", "--format", "json", f"examples/{example.name}")
    golden = GOLDEN / f"{example.stem}.json"
    if os.environ.get("DESIGNLINT_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    document = json.loads(out)
    assert code == document["summary"]["exit_code"]
    assert err == ""


def test_goldens_cover_every_example():
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(p.stem for p in EXAMPLES)


def test_examples_include_clean_and_weak_designs():
    verdicts = {}
    for example in EXAMPLES:
        document = json.loads((GOLDEN / f"{example.stem}.json").read_text(encoding="utf-8"))
        verdicts[example.stem] = document["summary"]["errors"]
    assert any(v == 0 for v in verdicts.values()) and any(v > 0 for v in verdicts.values())
