"""Golden DOT and Mermaid for each example. Regenerate with DESIGNLINT_UPDATE_GOLDEN=1 after a deliberate change."""

import os

import pytest

from conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "render"
SUFFIX = {"dot": ".dot", "mermaid": ".mmd"}


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_diagram_matches_golden(example, fmt, run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run_cli("render", "--format", fmt, "-o", "-", f"examples/{example.name}")
    assert (code, err) == (0, "")
    golden = GOLDEN / f"{example.stem}{SUFFIX[fmt]}"
    if os.environ.get("DESIGNLINT_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_render_goldens_cover_every_example():
    for suffix in SUFFIX.values():
        assert sorted(p.stem for p in GOLDEN.glob(f"*{suffix}")) == sorted(p.stem for p in EXAMPLES)


def test_output_is_byte_identical_across_processes(run_process, tmp_path):
    example = EXAMPLES[0]
    runs = [run_process("render", "--format", "dot", "-o", "-", example) for _ in range(2)]
    assert runs[0] == runs[1] and runs[0][0] == 0 and runs[0][1].startswith("digraph")
