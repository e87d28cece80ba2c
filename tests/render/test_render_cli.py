"""`designlint render` and `check --diagram`: formats, exit codes, views, layout choices, fallbacks."""

import os
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT
from render.test_render_svg import nodes_of

WEAK = ROOT / "examples" / "travel-booking-agent.yaml"
CLEAN = ROOT / "examples" / "churn-voice-agent.yaml"


def generated(components: int) -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from render_bench import generate
    finally:
        sys.path.pop(0)
    return generate(components)


def test_render_exits_0_whatever_the_findings(run_cli, tmp_path):
    assert [run_cli("check", example)[0] for example in (WEAK, CLEAN)] == [1, 0]
    for example in (WEAK, CLEAN):
        code, out, err = run_cli("render", example, "-o", tmp_path / "d.svg")
        assert (code, out, err) == (0, "", "")


@pytest.mark.parametrize("name, magic", [("d.svg", b"<?xml"), ("d.png", b"\x89PNG"), ("d.pdf", b"%PDF"),
                                         ("d.dot", b"digraph"), ("d.gv", b"digraph"), ("d.mmd", b"---\ntitle:")])
def test_the_extension_chooses_the_format(run_cli, tmp_path, name, magic):
    out = tmp_path / name
    assert run_cli("render", WEAK, "-o", out)[0] == 0
    assert out.read_bytes().startswith(magic)
    assert os.listdir(tmp_path) == [name]  # written through a temporary file, none left behind


def test_format_option_wins_and_dash_is_stdout(run_cli, tmp_path):
    code, out, _ = run_cli("render", WEAK, "--format", "mermaid", "-o", "-")
    assert code == 0 and "flowchart LR" in out
    assert run_cli("render", WEAK)[1].startswith("<?xml")  # stdout, svg by default
    target = tmp_path / "diagram.txt"
    assert run_cli("render", WEAK, "--format", "dot", "-o", target)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("digraph")


def test_an_unknown_extension_is_a_usage_error(run_cli, tmp_path):
    code, _, err = run_cli("render", WEAK, "-o", tmp_path / "d.jpeg")
    assert code == 2 and "cannot tell the format" in err and not list(tmp_path.iterdir())


def test_bad_input_is_one_line_and_exit_2(run_cli, write):
    path = write("designlint: 1\nsystem: x\ncomponents:\n  a: {kind: servce}\n")
    code, out, err = run_cli("render", path, "--format", "dot")
    assert code == 2 and out == ""
    assert err.startswith(f"{path}:4:") and len(err.strip().splitlines()) == 1
    code, _, err = run_cli("render", path.parent / "missing.yaml")
    assert code == 2 and "missing.yaml" in err


def test_check_diagram_draws_and_keeps_checks_exit_code(run_cli, tmp_path):
    out = tmp_path / "weak.svg"
    code, stdout, _ = run_cli("check", WEAK, "--diagram", out)
    assert code == 1 and "Found " in stdout
    assert "travel_agent" in nodes_of(out.read_text(encoding="utf-8"))
    code, _, _ = run_cli("check", CLEAN, "--diagram", tmp_path / "clean.mmd")
    assert code == 0 and (tmp_path / "clean.mmd").read_text(encoding="utf-8").startswith("---")


def test_check_diagram_draws_one_design_only(run_cli, tmp_path):
    code, _, err = run_cli("check", WEAK, CLEAN, "--diagram", tmp_path / "both.svg")
    assert code == 2 and "one design" in err and not (tmp_path / "both.svg").exists()


def test_select_and_ignore_choose_what_the_diagram_shows(run_cli):
    only = run_cli("render", WEAK, "--format", "dot", "--select", "fallback-cycle")[1]
    assert "fallback-cycle" in only and "missing-error-budget" not in only
    without = run_cli("render", WEAK, "--format", "dot", "--ignore", "missing-error-budget")[1]
    assert "missing-error-budget" not in without and "fallback-cycle" in without


def test_layer_and_focus_views(run_cli):
    from designlint.model.build import load

    design = load(str(WEAK))
    code, dot, _ = run_cli("render", WEAK, "--format", "dot", "--layer", "models")
    assert code == 0
    drawn = {cid for cid in design.components if f'tooltip="{cid} (' in dot}
    assert drawn == {cid for cid, c in design.components.items() if c.layer == "models"}
    assert "other components not shown" in dot
    dot = run_cli("render", WEAK, "--format", "dot", "--focus", "payments_service", "--depth", "1")[1]
    drawn = {cid for cid in design.components if f'tooltip="{cid} (' in dot}
    assert drawn == {"payments_service", "travel_agent", "payment_gateway"}
    code, _, err = run_cli("render", WEAK, "--focus", "payment_servce")
    assert code == 2 and "did you mean `payments_service`" in err
    code, _, err = run_cli("render", WEAK, "--layer", "model")
    assert code == 2 and "did you mean `models`" in err


def test_graph_settings_can_be_overridden(run_cli):
    dot = run_cli("render", WEAK, "--format", "dot", "-G", "rankdir=TB", "-G", "ranksep=")[1]
    assert 'rankdir="TB"' in dot and "ranksep" not in dot
    assert 'layout="sfdp"' in run_cli("render", WEAK, "--format", "dot", "--engine", "sfdp")[1]
    code, _, err = run_cli("render", WEAK, "-G", "rankdir")
    assert code == 2 and "NAME=VALUE" in err


def test_large_designs_switch_engine_and_suggest_a_view(run_cli, write):
    path = write(generated(450))
    # one cheap rule: the path-walking judgment rules take long on 450 random cross-links, and this is about layout
    code, dot, err = run_cli("render", path, "--format", "dot", "--select", "missing-owner")
    assert code == 0 and 'layout="sfdp"' in dot and "cluster_" not in dot
    assert "--layer" in err and "--focus" in err
    small = run_cli("render", WEAK, "--format", "dot")
    assert 'layout="dot"' in small[1] and small[2] == ""


def test_layout_time_limit_stops_graphviz(run_cli, tmp_path):
    code, _, err = run_cli("render", WEAK, "-o", tmp_path / "d.svg", "--timeout", "0.0001")
    assert code == 2 and "did not finish" in err and not list(tmp_path.iterdir())


def _without_dot(monkeypatch, tmp_path):
    """PATH with no Graphviz on it; this Python stays reachable by its full path."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    from designlint.render import layout

    assert layout.native() is None


def test_embedded_graphviz_draws_svg_when_dot_is_missing(run_cli, monkeypatch, tmp_path):
    native = tmp_path / "native.svg"
    assert run_cli("render", WEAK, "-o", native)[0] == 0
    _without_dot(monkeypatch, tmp_path)
    embedded = tmp_path / "embedded.svg"
    code, _, err = run_cli("render", WEAK, "-o", embedded)
    assert code == 0 and "embedded Graphviz" in err and "faster" in err and err.count("\n") == 1
    native_nodes, embedded_nodes = nodes_of(native.read_text("utf-8")), nodes_of(embedded.read_text("utf-8"))
    assert native_nodes.keys() == embedded_nodes.keys()
    for cid, node in native_nodes.items():
        assert (node["class"], node["fills"]) == (embedded_nodes[cid]["class"], embedded_nodes[cid]["fills"])
    code, _, err = run_cli("render", WEAK, "-o", tmp_path / "d.png")
    assert code == 2 and "apt-get install graphviz" in err


def test_with_no_graphviz_at_all_dot_and_mermaid_still_work(run_cli, monkeypatch, tmp_path):
    from designlint.render import layout

    _without_dot(monkeypatch, tmp_path)
    monkeypatch.setattr(layout, "embedded_available", lambda: False)
    for name in ("d.dot", "d.mmd"):
        assert run_cli("render", WEAK, "-o", tmp_path / name)[0] == 0
    code, out, err = run_cli("render", WEAK, "-o", tmp_path / "d.svg")
    assert code == 2 and out == "" and "designlint[embedded]" in err and "apt-get install graphviz" in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "d.svg").exists()


def test_check_does_not_import_the_renderer():
    code = ("import sys; from designlint.cli import main\n"
            "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m == 'pydot' or m.startswith('designlint.render')))")
    proc = subprocess.run([sys.executable, "-c", code, str(CLEAN)], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_cli_render_formats_match_the_library():
    from designlint import render
    from designlint.cli import render as render_command

    assert render_command.RENDER_FORMATS == render.FORMATS


def test_render_through_a_real_process(run_process, tmp_path):
    out = tmp_path / "d.pdf"
    code, stdout, stderr = run_process("render", EXAMPLES[0], "-o", out)
    assert (code, stdout, stderr) == (0, "", "") and out.read_bytes().startswith(b"%PDF")


def test_a_markdown_file_with_several_designs_draws_the_one_named(run_cli, tmp_path):
    doc = ROOT / "examples" / "design-docs" / "claims-assistant.md"
    code, _, err = run_cli("render", doc, "--format", "dot")
    assert code == 2 and "--system" in err and "claims-intake" in err
    code, dot, _ = run_cli("render", doc, "--format", "dot", "--system", "claims-payout")
    assert code == 0 and dot.startswith('digraph "claims-payout"')
    code, _, err = run_cli("render", doc, "--system", "claims-payot")
    assert code == 2 and "did you mean `claims-payout`" in err


def test_render_uses_the_project_config(run_cli, tmp_path, monkeypatch):
    (tmp_path / ".designlint.yaml").write_text("ignore: [missing-error-budget]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    dot = run_cli("render", WEAK, "--format", "dot")[1]
    assert "missing-error-budget" not in dot and "fallback-cycle" in dot
    assert "missing-error-budget" in run_cli("render", WEAK, "--format", "dot", "--isolated")[1]


def _without_layers(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("layer:")) + "\n"


def test_the_advice_for_a_large_design_names_layers_only_where_it_has_some(run_cli, write):
    from designlint.model.build import load

    layered = write(generated(210))  # bench/render_bench.py gives every component a layer
    flat = write(_without_layers(generated(210)), "flat.yaml")
    count = len(load(str(layered)).components)
    assert count > 200 and all(c.layer is None for c in load(str(flat)).components.values())
    cheap = ("--format", "dot", "--select", "missing-owner")
    _, _, err = run_cli("render", layered, *cheap)
    assert err == (f"note: {count} components is more than one picture shows well; draw one layer (--layer NAME) "
                   "or one component's neighbourhood (--focus COMPONENT --depth N)\n")
    _, _, err = run_cli("render", flat, *cheap)
    assert err == (f"note: {count} components is more than one picture shows well; draw one component's "
                   "neighbourhood (--focus COMPONENT --depth N)\n")


@pytest.mark.parametrize("engine, flat, advice", [
    ("dot", False, "draw part of the design (--layer NAME, or --focus COMPONENT --depth N), try `--engine sfdp`"),
    ("dot", True, "draw part of the design (--focus COMPONENT --depth N), try `--engine sfdp`"),
    ("sfdp", True, "draw part of the design (--focus COMPONENT --depth N)"),
])
def test_the_time_limit_message_gives_only_advice_that_applies(run_cli, write, tmp_path, engine, flat, advice):
    text = WEAK.read_text(encoding="utf-8")
    path = write(_without_layers(text) if flat else text, "d.yaml")
    code, _, err = run_cli("render", path, "-o", tmp_path / "d.svg", "--engine", engine, "--timeout", "0.0001")
    assert code == 2
    assert err == f"designlint: error: Graphviz did not finish the layout in 0.0001 s: {advice}, or allow more time " \
                  "with --timeout\n"
    assert not (tmp_path / "d.svg").exists()
