"""Every example's Mermaid (and a hostile design's) parses and draws in the Mermaid CLI, with one node per
component. One run of `mmdc` on a Markdown file of all the diagrams, on the system chromium (.ci/system-deps installs both).
"""

import json
import os
import re
import subprocess
from pathlib import Path

from conftest import EXAMPLES, ROOT

MMDC = Path(os.environ.get("DESIGNLINT_MMDC", ROOT / ".ci" / "node" / "node_modules" / ".bin" / "mmdc"))
CHROMIUM = "/usr/bin/chromium"


DOC = ROOT / "examples" / "design-docs" / "claims-assistant.md"


def draw_blocks(tmp_path: Path, blocks: list[str]) -> None:
    """One run of `mmdc` on a Markdown file of the ```mermaid blocks, on the system chromium: it writes
    out-1.svg, out-2.svg ... in tmp_path, one per block; a diagram Mermaid cannot parse fails the run."""
    doc = tmp_path / "all.md"
    doc.write_text("\n".join(blocks), encoding="utf-8")
    config = tmp_path / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": CHROMIUM, "args": ["--no-sandbox", "--disable-gpu"]}))
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=CHROMIUM, PUPPETEER_SKIP_DOWNLOAD="1")
    proc = subprocess.run([str(MMDC), "-p", str(config), "-i", str(doc), "-o", str(tmp_path / "out.md")],
                          capture_output=True, text=True, env=env, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]


def _expected_nodes(path: Path, system: str | None) -> int:
    from designlint.findings.engine import lint
    from designlint.model.build import load, load_designs
    from designlint.render.annotate import annotate

    design = next(d for d in load_designs(str(path))[0] if d.system == system) if system else load(str(path))
    diagram = annotate(design, lint(design))
    return len(diagram.nodes) + bool(diagram.system_badges)


def test_mermaid_cli_draws_every_example(run_cli, tmp_path):
    assert MMDC.exists(), (f"the Mermaid CLI is needed at {MMDC}: PUPPETEER_SKIP_DOWNLOAD=1 npm install "
                           "--prefix .ci/node @mermaid-js/mermaid-cli (as .ci/system-deps does)")
    assert Path(CHROMIUM).exists(), "the Mermaid CLI runs on Debian's chromium: apt-get install -y chromium"
    from render.test_render_hostile import HOSTILE

    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    cases = [(p, None) for p in EXAMPLES] + [(hostile, None), (DOC, "claims-intake"), (DOC, "claims-payout")]
    blocks, expected = [], []
    for path, system in cases:
        code, text, err = run_cli("render", "--format", "mermaid", "-o", "-", path,
                                  *(("--system", system) if system else ()))
        assert (code, err) == (0, ""), path
        blocks.append(f"```mermaid\n{text}```\n")
        expected.append(_expected_nodes(path, system))
    draw_blocks(tmp_path, blocks)
    for i, count in enumerate(expected, 1):
        svg = (tmp_path / f"out-{i}.svg").read_text(encoding="utf-8")
        assert len(re.findall(r'<g class="node ', svg)) == count, cases[i - 1][0].name
