"""The diff diagram's Mermaid parses and draws in the Mermaid CLI, one node per box (the refunds change, and
hostile ids). On the system chromium, as tests/render/test_mermaid_cli.py runs it (.ci/system-deps)."""

import re
from pathlib import Path

from render.test_mermaid_cli import MMDC, draw_blocks

DATA = Path(__file__).parent / "data"


def test_mermaid_cli_draws_the_diff_diagrams(run_cli, tmp_path):
    assert MMDC.exists(), f"the Mermaid CLI is needed at {MMDC} (.ci/system-deps installs it)"
    hostile_old, hostile_new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    hostile_old.write_text('designlint: 1\nsystem: s\ncomponents:\n  "a\\"b<c>|end": {kind: rule, owner: x}\n'
                           "flows:\n  - {from: 'a\"b<c>|end', to: end, label: \"x]-->y\"}\n")
    hostile_new.write_text('designlint: 1\nsystem: s\ncomponents:\n  "end": {kind: rule, owner: "<b>&"}\n')
    blocks, expected = [], []
    for old, new, boxes in ((DATA / "old.yaml", DATA / "new.yaml", 6), (hostile_old, hostile_new, 2)):
        out = tmp_path / f"d{len(blocks)}.mmd"
        code, _, err = run_cli("diff", "--isolated", old, new, "--diagram", out)
        assert err == "" and code in (0, 1)
        blocks.append(f"```mermaid\n{out.read_text(encoding='utf-8')}```\n")
        expected.append(boxes)
    draw_blocks(tmp_path, blocks)
    for i, count in enumerate(expected, 1):
        svg = (tmp_path / f"out-{i}.svg").read_text(encoding="utf-8")
        assert len(re.findall(r'<g class="node ', svg)) == count
    # the removed parts stay struck through once Mermaid has sanitised the labels
    struck = re.findall(r"<s>[^<]*</s>", (tmp_path / "out-1.svg").read_text(encoding="utf-8"))
    assert struck == ["<s>\u2212 </s>", "<s>\u2212 legacy</s>", "<s>\u2714 missing-owner (fixed)</s>"]
