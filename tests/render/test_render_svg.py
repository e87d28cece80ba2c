"""Real Graphviz draws each example: the SVG parses, and every component shows its state, colour and messages."""

import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from conftest import EXAMPLES
from designlint.render.style import STATES

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def nodes_of(svg_text: str) -> dict[str, dict]:
    """Each drawn component node by its title (not the key's): its class, its fill colours and its tooltip."""
    root = ET.fromstring(svg_text)
    nodes = {}
    for g in root.iter(f"{SVG}g"):
        if "node" not in g.get("class", "").split() or "legend" in g.get("class", "").split():
            continue
        title = g.find(f"{SVG}title").text
        fills = {el.get("fill", "").lower() for el in g.iter() if el.tag in (f"{SVG}polygon", f"{SVG}ellipse",
                                                                            f"{SVG}path")}
        links = [a.get(f"{XLINK}title") for a in g.iter(f"{SVG}a") if a.get(f"{XLINK}title")]
        nodes[title] = {"class": g.get("class").split(), "fills": fills, "tooltip": links[0] if links else ""}
    return nodes


def expected_states(findings: list[dict]) -> dict[str, str]:
    order = ["error", "warning", "info"]
    worst: dict[str, str] = {}
    for f in findings:
        if f["component"] and not f["waived"]:
            now = worst.get(f["component"])
            if now is None or order.index(f["severity"]) < order.index(now):
                worst[f["component"]] = f["severity"]
    return worst


def test_graphviz_is_installed():
    # CI installs it (.ci/system-deps); the SVG tests below must never pass by being skipped.
    assert shutil.which("dot"), "Graphviz `dot` is required by the render tests: apt-get install graphviz"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_draws_every_component_with_its_state_colour_and_messages(example, run_cli, tmp_path):
    from designlint.model.build import load

    out = tmp_path / "diagram.svg"
    code, _, err = run_cli("render", example, "-o", out)
    assert (code, err) == (0, "")
    nodes = nodes_of(out.read_text(encoding="utf-8"))
    findings = json.loads(run_cli("check", "--format", "json", example)[1])["findings"]
    states = expected_states(findings)
    design = load(str(example))
    for cid in design.components:
        state = states.get(cid, "clean")
        node = nodes[cid]
        assert f"state-{state}" in node["class"], cid
        assert STATES[state].fill.lower() in node["fills"], cid
    for f in findings:
        if f["component"]:
            assert f["message"] in nodes[f["component"]]["tooltip"]


def test_a_flow_to_an_unknown_id_draws_it_as_missing(run_cli, tmp_path):
    example = next(p for p in EXAMPLES if p.stem == "travel-booking-agent")
    out = tmp_path / "diagram.svg"
    run_cli("render", example, "-o", out)
    node = nodes_of(out.read_text(encoding="utf-8"))["notfication_service"]
    assert "state-missing" in node["class"] and "kind-missing" in node["class"]


def test_ungated_irreversible_actions_are_called_out_on_their_component(run_cli):
    example = next(p for p in EXAMPLES if p.stem == "travel-booking-agent")
    dot = run_cli("render", "--format", "dot", example)[1]
    agent_line = next(line for line in dot.splitlines() if re.match(r'n\d+ \[.*tooltip="travel_agent \(', line))
    assert "book_and_charge_card: irreversible, NO HUMAN GATE" in agent_line
    gated = next(p for p in EXAMPLES if p.stem == "churn-voice-agent")
    text = run_cli("render", "--format", "dot", gated)[1]
    assert "irreversible, gate: " in text and "NO HUMAN GATE" not in text


def test_the_readme_image_is_the_example_as_rendered():
    from designlint.findings.engine import lint
    from designlint.model.build import load
    from designlint.render.annotate import annotate

    from conftest import ROOT

    drawn = nodes_of((ROOT / "docs" / "example.svg").read_text(encoding="utf-8"))
    design = load(str(ROOT / "examples" / "travel-booking-agent.yaml"))
    diagram = annotate(design, lint(design))
    assert {n.id: n.state for n in diagram.nodes} == {
        cid: next(c[6:] for c in node["class"] if c.startswith("state-")) for cid, node in drawn.items()}
