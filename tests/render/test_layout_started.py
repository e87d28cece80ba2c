"""Graphviz started before the design is read (layout.start): the CLI feeds it the DOT, or stops it when the
output needs no layout or the command fails; the real `dot` runs in every test."""

import pytest

from conftest import EXAMPLES

from designlint.render import layout


@pytest.fixture
def starts(monkeypatch):
    """Every Started that layout.start hands out during the test, in order."""
    made = []
    real = layout.start

    def recording(fmt):
        started = real(fmt)
        made.append((fmt, started))
        return started

    monkeypatch.setattr(layout, "start", recording)
    return made


def _fresh_runs(monkeypatch):
    """Count the Graphviz processes layout starts at layout time (not early)."""
    calls = []
    real = layout._run_native

    def counting(*args):
        calls.append(args[2])
        return real(*args)

    monkeypatch.setattr(layout, "_run_native", counting)
    return calls


def test_render_to_svg_lays_out_in_the_process_started_before_the_design_was_read(run_cli, starts, monkeypatch,
                                                                                   tmp_path):
    fresh = _fresh_runs(monkeypatch)
    out = tmp_path / "d.svg"
    code, _, err = run_cli("render", "--isolated", "-o", out, EXAMPLES[0])
    assert (code, err) == (0, "")
    assert [fmt for fmt, _ in starts] == ["svg"]
    process = starts[0][1].process
    assert process.returncode == 0  # it ran the layout and exited by itself
    assert fresh == []  # no second Graphviz
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and svg.rstrip().endswith("</svg>")


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_each_laid_out_format_starts_graphviz_for_itself(run_cli, starts, tmp_path, fmt):
    out = tmp_path / f"d.{fmt}"
    assert run_cli("render", "--isolated", "-o", out, EXAMPLES[0])[0] == 0
    assert [f for f, _ in starts] == [fmt]
    assert out.read_bytes()[:4] == {"png": b"\x89PNG", "pdf": b"%PDF"}[fmt]


@pytest.mark.parametrize("name", ["d.dot", "d.mmd"])
def test_dot_and_mermaid_output_start_no_graphviz(run_cli, starts, tmp_path, name):
    assert run_cli("render", "--isolated", "-o", tmp_path / name, EXAMPLES[0])[0] == 0
    assert [started for _, started in starts if started is not None] == []  # no process


def test_dot_named_by_format_to_standard_output_starts_none(run_cli, starts):
    code, out, _ = run_cli("render", "--isolated", "--format", "dot", "-o", "-", EXAMPLES[0])
    assert code == 0 and out.startswith("digraph ")
    assert [started for _, started in starts if started is not None] == []


def test_a_design_that_cannot_be_read_stops_the_started_graphviz(run_cli, starts, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("designlint: 1\nsystem: x\ncomponents:\n  a: {kind: nonsense}\n", encoding="utf-8")
    code, _, err = run_cli("render", "--isolated", "-o", tmp_path / "d.svg", bad)
    assert code == 2 and err.startswith(f"{bad}:4:")
    (fmt, started), = starts
    assert fmt == "svg" and started.process.poll() is not None  # killed, not left waiting on its input
    assert started.process.stdin.closed
    assert not (tmp_path / "d.svg").exists()


def test_run_closes_a_started_process_of_another_format_and_lays_out_afresh(monkeypatch):
    fresh = _fresh_runs(monkeypatch)
    started = layout.start("png")
    image, notes = layout.run('digraph { a -> b }', "svg", 30, started)
    assert image.lstrip().startswith(b"<?xml") and notes == []
    assert fresh == ["svg"]
    assert started.process.poll() is not None and started.process.stdin.closed


def test_a_started_process_past_the_time_limit_is_stopped_with_the_usual_message():
    started = layout.start("svg")
    # A layout dot cannot finish in a millisecond: a few thousand crossing edges.
    text = "digraph {" + " ".join(f"n{i} -> n{(i * 7919) % 3000};" for i in range(3000)) + "}"
    with pytest.raises(layout.LayoutTimeout, match=r"^Graphviz did not finish the layout in 0\.001 s: "):
        layout.run(text, "svg", 0.001, started)
    assert started.process.poll() is not None


def test_close_is_idempotent_and_leaves_no_running_process():
    started = layout.start("svg")
    assert started.process.poll() is None  # waiting on its input
    started.close()
    started.close()
    assert started.process.returncode == -9  # killed (SIGKILL), and reaped
