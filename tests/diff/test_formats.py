"""Every diff output format on one real change (tests/diff/data: the refund loses its human gate, a
service is replaced by a datastore whose missing owner is waived), against goldens.

Regenerate with DESIGNLINT_UPDATE_GOLDEN=1 after a deliberate change, and read the diff.
"""

import json
import os
from pathlib import Path

import pytest

from conftest import ROOT

DATA = Path(__file__).parent / "data"
GOLDEN = ROOT / "tests" / "golden" / "diff"
SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "github": "github"}


@pytest.fixture
def in_data(monkeypatch):
    monkeypatch.chdir(DATA)  # file names in the output are relative: old.yaml, new.yaml


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_format_matches_golden_and_exits_1(fmt, run_cli, in_data):
    code, out, err = run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--format", fmt)
    assert (code, err) == (1, "")
    golden = GOLDEN / f"refunds.{SUFFIX[fmt]}"
    if os.environ.get("DESIGNLINT_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_removed_safeguards_come_first_in_every_format(fmt, run_cli, in_data):
    out = run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--format", fmt)[1]
    first = {"text": "removed safeguard: new.yaml:11:9: agent: gate:",
             "json": '{\n  "removed_safeguards": [',
             "markdown": "### \u26a0 Removed safeguards (1)",
             "github": "::warning file=new.yaml,line=11,col=9,title=designlint diff%3A removed gate::"}[fmt]
    if fmt == "markdown":  # under the verdict and its summary line, the first section
        assert out.index("\n### ") == out.index(first) - 1
    else:
        others = {"text": "component added", "json": '"components"', "github": "::error"}[fmt]
        assert out.index(first) < out.index(others)


def test_json_has_format_md_shape(run_cli, in_data):
    doc = json.loads(run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--format", "json")[1])
    assert list(doc) == ["removed_safeguards", "components", "flows", "findings", "systems", "errors", "summary"]
    assert doc["components"] == {"added": ["ledger"], "removed": ["legacy"], "changed": {"agent": ["actions"]}}
    assert doc["flows"] == {"added": ["agent -> ledger"], "removed": ["agent -> legacy"]}
    assert doc["removed_safeguards"][0] == {"component": "agent", "what": "gate", "system": "refunds",
                                               "detail": "action `refund` lost its human gate `ops`",
                                               "file": "new.yaml", "line": 11, "column": 9}
    assert [f["rule"] for f in doc["findings"]["introduced"]] == ["ungated-irreversible-action", "missing-owner"]
    assert [f["component"] for f in doc["findings"]["fixed"]] == ["legacy"]
    assert doc["findings"]["unchanged"] == 3  # the monitor's two findings and the agent's missing evaluation
    assert doc["summary"] == {"introduced": 2, "fixed": 1, "removed_safeguards": 1, "fail_on": "error",
                              "exit_code": 1}


def test_markdown_escapes_what_users_wrote(run_cli, in_data):
    out = run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--format", "markdown")[1]
    # the waiver's reason holds <, @ and |: no tag, no mention, no extra table cell
    assert "(waived: owned by finance, &lt;&#64;fin-team&gt; \\| see wiki) |\n" in out


def test_output_is_byte_identical_across_runs(run_cli, in_data):
    runs = {run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--format", "json")[1] for _ in range(3)}
    assert len(runs) == 1
