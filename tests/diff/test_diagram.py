"""`diff --diagram`: both versions in one picture, DOT and Mermaid against goldens, svg through Graphviz."""

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

DATA = Path(__file__).parent / "data"
GOLDEN = ROOT / "tests" / "golden" / "diff"


@pytest.fixture
def in_data(monkeypatch):
    monkeypatch.chdir(DATA)


@pytest.mark.parametrize("suffix", ["dot", "mmd"])
def test_diagram_matches_golden(suffix, run_cli, in_data, tmp_path):
    out = tmp_path / f"diff.{suffix}"
    code, _, err = run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--diagram", out)
    assert (code, err) == (1, "")  # the exit code stays the diff's
    golden = GOLDEN / f"refunds-diagram.{suffix}"
    if os.environ.get("DESIGNLINT_UPDATE_GOLDEN"):
        golden.write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
    assert out.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")


def test_dot_marks_added_removed_and_introduced(run_cli, in_data, tmp_path):
    out = tmp_path / "d.dot"
    run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--diagram", out)
    lines = out.read_text(encoding="utf-8").splitlines()

    def node(cid):  # nodes are named n0, n1...; the id is the tooltip
        return next(line for line in lines if f', tooltip="{cid}",' in line and " -> " not in line)

    legacy = node("legacy")
    assert "<S>\u2212 legacy</S>" in legacy and 'style="filled,dashed"' in legacy
    ledger = node("ledger")
    assert "+ ledger" in ledger and 'color="#009E73"' in ledger  # its finding is waived: not marked
    agent = node("agent")
    assert "\u2717 ungated-irreversible-action (new)" in agent and 'color="#D55E00", penwidth=3' in agent
    assert "\u26a0 removed gate: action `refund` lost its human gate `ops`" in agent
    name = {cid: node(cid).split()[0] for cid in ("agent", "legacy")}
    removed_flow = next(line for line in lines if line.startswith(f'  {name["agent"]} -> {name["legacy"]} '))
    assert 'style=dashed' in removed_flow and '<S>\u2212 </S>' in removed_flow


def test_svg_strikes_removed_names_through(run_cli, in_data, tmp_path):
    out = tmp_path / "d.svg"
    assert run_cli("diff", "--isolated", "old.yaml", "new.yaml", "--diagram", out)[0] == 1
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and svg.count('text-decoration="line-through"') == 3


def test_several_systems_need_system(run_cli, tmp_path):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    block = "```designlint\ndesignlint: 1\nsystem: {}\ncomponents:\n  a: {{kind: rule, owner: x}}\n```\n"
    old.write_text(block.format("one") + block.format("two"))
    new.write_text(block.format("one") + block.format("two").replace("owner: x", "owner: y"))
    out = tmp_path / "d.dot"
    assert run_cli("diff", "--isolated", old, new, "--diagram", out) == (
        2, "component changed: two/a (owner)\n0 findings introduced, 0 fixed, 2 unchanged.\n",
        "designlint: error: --diagram draws one design, but this diff holds 2 (one, two): choose one with "
        "--system\n")
    assert not out.exists()
    assert run_cli("diff", "--isolated", old, new, "--diagram", out, "--system", "too")[2] == (
        "designlint: error: `too` is not a system of this diff; did you mean `two`?\n")
    assert run_cli("diff", "--isolated", old, new, "--diagram", out, "--system", "two")[0] == 0
    assert ', tooltip="a", ' in out.read_text() and "changed: owner" in out.read_text()


def test_hostile_ids_are_escaped(run_cli, tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text('designlint: 1\nsystem: s\ncomponents:\n  "a\\"b<c>": {kind: rule, owner: x}\n')
    new.write_text('designlint: 1\nsystem: s\ncomponents:\n  "end": {kind: rule, owner: "<b>&"}\n')
    dot, mmd = tmp_path / "d.dot", tmp_path / "d.mmd"
    run_cli("diff", "--isolated", old, new, "--diagram", dot)
    run_cli("diff", "--isolated", old, new, "--diagram", mmd)
    text = dot.read_text()
    assert 'tooltip="a\\"b<c>"' in text and "\u2212 a&quot;b&lt;c&gt;" in text
    assert '  n0["' in mmd.read_text() or '  n0(' in mmd.read_text()
    assert "a#34;b#60;c#62;" in mmd.read_text()
