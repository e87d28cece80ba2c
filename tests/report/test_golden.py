"""Golden JSON and text output for each example. Regenerate with DESIGNLINT_UPDATE_GOLDEN=1 after a deliberate change."""

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


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_text_matches_golden(example, run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run_cli("check", f"examples/{example.name}")
    golden = GOLDEN / "text" / f"{example.stem}.txt"
    if os.environ.get("DESIGNLINT_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    assert (code, err) == (json.loads((GOLDEN / f"{example.stem}.json").read_text(encoding="utf-8"))
                           ["summary"]["exit_code"], "")


def test_goldens_cover_every_example():
    examples = sorted(p.stem for p in EXAMPLES)
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == examples
    assert sorted(p.stem for p in (GOLDEN / "text").glob("*.txt")) == examples


def test_examples_include_clean_and_weak_designs():
    verdicts = {}
    for example in EXAMPLES:
        document = json.loads((GOLDEN / f"{example.stem}.json").read_text(encoding="utf-8"))
        verdicts[example.stem] = document["summary"]["errors"]
    assert any(v == 0 for v in verdicts.values()) and any(v > 0 for v in verdicts.values())
