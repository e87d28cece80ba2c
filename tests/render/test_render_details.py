"""The details issue 15 lists, each pinned: hover text only in svg, info-only nodes, a clean title, the
NO HUMAN GATE glyph, unlabelled fallbacks, --focus counts, layer order, the key, and Mermaid's limits and theme."""

import re

import pytest

from conftest import EXAMPLES

SMALL = """
designlint: 1
system: small
components:
  app: {kind: interface, layer: ui, owner: a, error_budget: {availability: 99%}}
  {extra}
flows:
  - app -> bot
"""
BOT_INFO_ONLY = ("bot: {kind: model, layer: ml, owner: b, fallback: rule, error_budget: {a: 1}, "
                 "rollback: {how: x, within: 5m}}\n  rule: {kind: rule, layer: ml, owner: b, error_budget: {a: 1}}\n"
                 "  mon: {kind: monitor, layer: ml, owner: b, error_budget: {a: 1}}\n")


def _design(write, extra, flows=""):
    return write(SMALL.replace("{extra}", extra) + flows)


def _dot(run_cli, *args):
    code, out, err = run_cli("render", "--format", "dot", "-o", "-", *args)
    assert (code, err) == (0, ""), err
    return out


def test_hover_hint_only_in_svg(run_cli, monkeypatch, tmp_path):
    from designlint.render import layout

    example = EXAMPLES[0]
    seen = {}

    def fake_run(dot_text, fmt, timeout, started=None, **hints):
        seen[fmt] = dot_text
        return b"x", []

    monkeypatch.setattr(layout, "run", fake_run)
    for fmt in ("svg", "png", "pdf"):
        assert run_cli("render", "--format", fmt, "-o", tmp_path / f"d.{fmt}", example)[0] == 0
    assert "hover a box or arrow" in seen["svg"]
    assert "hover" not in seen["png"] and "hover" not in seen["pdf"]


def test_a_node_with_only_info_findings_is_not_drawn_as_clean(write, run_cli):
    path = _design(write, BOT_INFO_ONLY, "  - bot -> app\n  - bot -> mon\n")
    dot = _dot(run_cli, "--select", "missing-owner", path)
    line = next(line for line in dot.splitlines() if re.match(r'n\d+ \[.*tooltip="bot \(', line))
    assert 'class="state-clean kind-model"' in line and 'fillcolor="#D4E9F7"' in line
    # the same with the monitor watching only the interface: unmonitored-model (info) is the bot's one finding
    path2 = _design(write, BOT_INFO_ONLY, "  - bot -> app\n  - app -> mon\n")
    dot2 = _dot(run_cli, "--select", "unmonitored-model,missing-owner", path2)
    line2 = next(line for line in dot2.splitlines() if re.match(r'n\d+ \[.*tooltip="bot \(', line))
    assert 'class="state-info kind-model"' in line2 and 'fillcolor="#FFFFFF"' in line2
    assert "only info findings" in dot2


def test_a_clean_design_says_so_instead_of_a_red_zero(run_cli):
    clean = next(p for p in EXAMPLES if p.stem == "churn-voice-agent")
    dot = _dot(run_cli, clean)
    assert "no findings" in dot and "0 errors" not in dot and "#A33A00" not in dot


def test_no_human_gate_takes_the_glyph_of_its_finding(run_cli):
    example = next(p for p in EXAMPLES if p.stem == "travel-booking-agent")
    dot = _dot(run_cli, example)
    assert "\u2717 book_and_charge_card: irreversible, NO HUMAN GATE" in dot
    assert "\u26a0 book_and_charge_card" not in dot


def test_fallback_edges_carry_no_label_and_a_chain_says_its_order_in_the_tooltip(run_cli):
    example = next(p for p in EXAMPLES if p.stem == "rag-support-bot")
    dot = _dot(run_cli, example)
    fallbacks = [line for line in dot.splitlines() if 'class="flow-fallback"' in line]
    assert fallbacks and not any(" label=" in line for line in fallbacks)
    assert any('tooltip="llm_api -> llm_api_backup (fallback 1 of 2)"' in line for line in fallbacks)


def test_focus_title_counts_only_the_components_shown(run_cli):
    import json

    example = next(p for p in EXAMPLES if p.stem == "rag-support-bot")
    dot = _dot(run_cli, "--focus", "kb_ingestion", "--depth", "1", example)
    title = re.search(r'tooltip="(rag-support-bot: [^"]*)"', dot).group(1)
    # kb_ingestion's only flow goes to vector_store: kb_ingestion has missing-owner, vector_store nothing
    findings = json.loads(run_cli("check", "--format", "json", example)[1])["findings"]
    assert [(f["rule"], f["component"]) for f in findings if f["component"] in ("kb_ingestion", "vector_store")] \
        == [("missing-owner", "kb_ingestion")]
    assert title == ("rag-support-bot: 1 error, 0 warnings (kb_ingestion and 1 flow around it; "
                     "17 other components not shown)")


def test_layer_frames_follow_the_request_not_the_file(write, run_cli):
    path = write("""
designlint: 1
system: s
components:
  db: {kind: datastore, layer: data, owner: o, error_budget: {a: 1}}
  api: {kind: external, layer: external, owner: o, fallback: db, error_budget: {a: 1}}
  m: {kind: model, layer: models, owner: o, fallback: db, error_budget: {a: 1}}
  orch: {kind: orchestrator, layer: orchestration, owner: o, error_budget: {a: 1}}
  ui: {kind: interface, layer: interaction, owner: o, error_budget: {a: 1}}
flows: [ui -> orch, orch -> m, m -> db, orch -> api, db -> ui]
""")
    dot = _dot(run_cli, path)
    order = re.findall(r'subgraph cluster_(?:inside|outside)_\d+ \{\nlabel="([^"]*)"', dot)
    assert order == ["interaction", "orchestration", "models", "data", "external"]
    answer = next(line for line in dot.splitlines() if 'tooltip="db -> ui (data)"' in line)
    assert "constraint=false" in answer  # the answer back to the interface leaves it in the first column


def test_the_key_draws_each_kind_shape_used(run_cli):
    example = next(p for p in EXAMPLES if p.stem == "travel-booking-agent")
    dot = _dot(run_cli, example)
    key = dot[dot.index('subgraph "cluster_dl__legend"'):]
    key = key[:key.index("\n}\n")]
    shapes = re.findall(r'shape=(\w+)', key)
    assert {"box", "ellipse", "cylinder", "box3d", "cds", "note"} <= set(shapes)
    assert "Legend" not in dot.split("subgraph", 1)[0]  # the graph's label is the title alone


def _wide(n_edges):
    lines = ["designlint: 1", "system: wide", "components:"]
    lines += [f"  c{i}: {{kind: service, owner: o, error_budget: {{a: 1}}}}" for i in range(60)]
    lines.append("flows:")
    pairs = [(a, b) for a in range(60) for b in range(60) if a != b][:n_edges]
    lines += [f"  - c{a} -> c{b}" for a, b in pairs]
    return "\n".join(lines) + "\n"


def test_mermaid_past_max_edges_is_a_clear_error(write, run_cli):
    code, out, err = run_cli("render", "--format", "mermaid", "-o", "-", write(_wide(501)))
    assert (code, out) == (2, "")
    assert err == ("designlint: error: 501 arrows is past Mermaid's limit of 500 (maxEdges), so it would draw "
                   "nothing: draw one layer (--layer NAME) or one component's neighbourhood (--focus COMPONENT), "
                   "or write .svg\n")
    assert run_cli("render", "--format", "mermaid", "-o", "-", write(_wide(500)))[0] == 0


def test_mermaid_past_githubs_text_cap_is_a_clear_error(write, run_cli):
    lines = ["designlint: 1", "system: long", "components:"]
    lines += [f"  c{i}: {{kind: service, owner: {'o' * 300}, error_budget: {{a: 1}}}}" for i in range(200)]
    code, out, err = run_cli("render", "--format", "mermaid", "-o", "-", write("\n".join(lines) + "\n"))
    assert (code, out) == (2, "")
    assert re.fullmatch(r"designlint: error: the Mermaid text is [\d,]+ characters, past GitHub's limit of 50,000 "
                        r"for one diagram: .*\n", err)


def test_mermaid_theme_frames_are_grey_not_yellow(run_cli):
    text = run_cli("render", "--format", "mermaid", "-o", "-", EXAMPLES[0])[1]
    head = text.split("flowchart LR")[0]
    assert "theme: base" in head and 'clusterBkg: "#F7F7F7"' in head


def test_a_second_label_between_the_same_two_nodes_is_an_xlabel(run_cli):
    example = next(p for p in EXAMPLES if p.stem == "payout-fraud-reviewer")
    dot = _dot(run_cli, example)
    there = next(line for line in dot.splitlines() if 'tooltip="investigation_agent -> risk_analysts (' in line)
    back = next(line for line in dot.splitlines() if 'tooltip="risk_analysts -> investigation_agent (' in line)
    assert ' label="case summary and evidence"' in there and "xlabel" not in there
    assert ' xlabel="summary corrections"' in back and " label=" not in back
