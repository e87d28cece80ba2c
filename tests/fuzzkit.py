"""Designs for property tests: mostly VALID designs with hostile strings, and mutations of the examples.

Used by tests/test_fuzz_properties.py (bounded, in CI) and bench/fuzz.py (thousands, with counts).
`check_all(text)` runs every command and output format on one input and returns the problems it saw.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
KINDS = ["interface", "service", "orchestrator", "agent", "model", "rule", "datastore", "queue", "external",
         "human", "monitor"]
RULE_IDS = ["missing-owner", "missing-fallback", "missing-error-budget", "missing-feedback-loop",
            "ungated-irreversible-action", "nonexistent-rule"]
# characters that break formats: line breaks of every reader, controls, markup, quotes, DOT/Mermaid/GitHub syntax
HOSTILE_CHARS = ("\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00\x01\x1b\x7f\ufeff\ufffe\uffff\u2409"
                 "<>&\"'`\\{}[]()|;#%:,-> ")
_plain = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=8)
_hostile = st.text(alphabet=st.sampled_from(list(HOSTILE_CHARS) + list("abcé✓ΩZ")), min_size=1, max_size=10)
words = st.one_of(_plain, _plain, _plain, _hostile, st.sampled_from(["node", "edge", "graph", "end", "subgraph",
                                                                     "::error::x", "-x", "1a", "n0", "id__61"]))
_ratio = st.sampled_from(["99.9%", "99%", "0.999", 0.95, "100%", ">= 0.8", "<= 1%"])
_latency = st.sampled_from(["300ms", "1.5s", "2m", "<= 20ms", "50 ms"])


@st.composite
def designs(draw) -> dict:
    """A design as data: valid against the schema in most draws (ids and text are free)."""
    ids = draw(st.lists(words, min_size=1, max_size=7, unique=True))
    pool = ids + [draw(words)]  # the last one names no component: unknown-reference sometimes
    ref = st.sampled_from(pool)
    components = {}
    for cid in ids:
        kind = draw(st.sampled_from(KINDS))
        body: dict = {"kind": kind}
        if draw(st.booleans()):
            body["owner"] = draw(words)
        if draw(st.integers(0, 3)) == 0:
            body["description"] = draw(words)
        if draw(st.integers(0, 3)) == 0:
            body["layer"] = draw(words)
        if draw(st.booleans()):
            body["fallback"] = draw(ref) if draw(st.booleans()) else draw(st.lists(ref, min_size=1, max_size=2,
                                                                                 unique=True))
        if draw(st.booleans()):
            budget = {"availability": draw(_ratio)}
            if draw(st.booleans()):
                budget["latency_p99"] = draw(_latency)
            if draw(st.booleans()):
                budget[draw(_plain)] = draw(words)
            body["error_budget"] = budget
        if kind == "human" and draw(st.booleans()):
            body["sla"] = draw(st.sampled_from(["24h", "15m", "2 days"]))
        if draw(st.integers(0, 3)) == 0:
            body["actions"] = [{"name": draw(words), "reversible": draw(st.booleans()),
                                **({"gate": draw(ref)} if draw(st.booleans()) else {})}]
        if draw(st.integers(0, 4)) == 0:
            body["waive"] = {draw(st.sampled_from(RULE_IDS)): draw(words)}
        if draw(st.integers(0, 4)) == 0:
            body["data"] = [draw(words) if draw(st.booleans()) else
                            {"name": draw(words), "personal": draw(st.booleans())}]
        components[cid] = body
    flows = []
    for _ in range(draw(st.integers(0, 6))):
        flow = {"from": draw(ref), "to": draw(ref)}
        if draw(st.booleans()):
            flow["kind"] = draw(st.sampled_from(["data", "feedback", "escalation"]))
        if draw(st.integers(0, 3)) == 0:
            flow["label"] = draw(words)
        flows.append(flow)
    design = {"designlint": 1, "system": draw(words), "components": components}
    if flows:
        design["flows"] = flows
    if draw(st.integers(0, 3)) == 0:
        design["description"] = draw(words)
    return design


def dump(design: dict) -> str:
    return yaml.safe_dump(design, allow_unicode=True, sort_keys=False, width=1 << 20)


@st.composite
def mutated_examples(draw) -> str:
    """An example design with a few lines deleted, duplicated, re-indented or given hostile text."""
    lines = draw(st.sampled_from(EXAMPLES)).read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "hostile", "value"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = "  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
        elif op == "hostile":
            lines[i] = lines[i] + json.dumps(draw(_hostile), ensure_ascii=True)
        else:
            value = ": " + json.dumps(draw(words), ensure_ascii=True)
            lines[i] = re.sub(r":\s.*$", lambda m: value, lines[i])
    return "\n".join(lines) + "\n"


inputs = st.one_of(designs().map(dump), designs().map(dump), designs().map(dump), mutated_examples())

CHECK_FORMATS = ("text", "json", "sarif", "github", "junit")
EXIT = {"check": {0, 1, 2}, "render": {0, 2}, "review": {0, 2}, "baseline": {0, 2}, "report": {0, 1, 2}}


def active_markup(page: str) -> tuple[int, int]:
    """(script elements, event-handler attributes) in an HTML page: user text must add neither."""
    from html.parser import HTMLParser

    counts = [0, 0]

    class Counter(HTMLParser):
        def handle_starttag(self, tag, attrs):
            counts[0] += tag == "script"
            counts[1] += sum(1 for name, _ in attrs if name.lower().startswith("on"))

    Counter().feed(page)
    return counts[0], counts[1]


_PLAIN_PAGE: list = []


def _plain_page_markup(run_cli, tmp: Path) -> tuple[int, int]:
    """active_markup() of the report of a design with no user markup, once per process."""
    if not _PLAIN_PAGE:
        plain = tmp / "plain-design.yaml"
        plain.write_text("designlint: 1\nsystem: s\ncomponents:\n  a: {kind: model}\n", encoding="utf-8")
        run_cli("report", plain, "-o", tmp / "plain.html")
        _PLAIN_PAGE.append(active_markup((tmp / "plain.html").read_text(encoding="utf-8")))
    return _PLAIN_PAGE[0]


def _mermaid_ok(text: str) -> bool:
    for line in text.splitlines()[4:]:
        if line.count('"') % 2:
            return False
    return True


def check_all(run_cli, path: Path, tmp: Path, svg: bool = False) -> tuple[bool, list[str]]:
    """Run every command and format on the design at `path`; (read without input error, problems seen)."""
    problems: list[str] = []

    def run(*args):
        code, out, err = run_cli(*args)
        command = args[0]
        if code not in EXIT[command] or "Traceback" in err or "internal error" in err:
            problems.append(f"{args}: exit {code}: {err[-300:]}")
        return code, out, err

    code, out, err = run("check", "--format", "json", "--fail-on", "info", path)
    document = json.loads(out)
    valid = not document["errors"]
    findings = document["findings"]
    if len(err.splitlines()) != len(document["errors"]):
        problems.append(f"stderr is not one line per input error: {err!r}")
    # text lists waived findings only with --show-waived: run it both ways, so a waiver's reason is seen too
    runs = [(fmt, ()) for fmt in CHECK_FORMATS] + [("text", ("--show-waived",))]
    for fmt, extra in runs:
        code, out, err = run("check", "--format", fmt, "--fail-on", "info", *extra, path)
        if fmt in ("text", "github"):
            lines = out.split("\n")
            if lines[-1] != "":
                problems.append(f"{fmt}: no final newline")
            lines = lines[:-1]
            shown = [f for f in findings if extra or not f["waived"]]
            expected = len(shown) + 1 + (len(document["errors"]) if fmt == "github" else 0)
            if len(lines) != expected or any(len(line.splitlines()) != 1 for line in lines):
                problems.append(f"{fmt}: {len(lines)} lines for {expected} records")
            if fmt == "github" and any(not line.startswith("::") for line in lines[:-1]):
                problems.append("github: a record that is not a workflow command")
            if fmt == "text" and any(line.lstrip().startswith("::") for line in lines):
                problems.append("text: a line that the runner would take as a workflow command")
        elif fmt in ("json", "sarif"):
            data = json.loads(out)
            if fmt == "sarif" and data.get("version") != "2.1.0":
                problems.append("sarif: no version")
        else:
            ET.fromstring(out.encode("utf-8"))
    if valid:
        code, dot, _ = run("render", "--format", "dot", path)
        if code == 0:  # Graphviz itself reads it (pydot's parser takes a tenth of a second on these labels)
            proc = subprocess.run(["dot", "-Tcanon"], input=dot.encode("utf-8"), capture_output=True, timeout=60)
            if proc.returncode != 0 or proc.stderr:
                problems.append(f"dot: Graphviz says {proc.stderr.decode(errors='replace')[:200]}")
        code, mermaid, _ = run("render", "--format", "mermaid", path)
        if code == 0 and not _mermaid_ok(mermaid):
            problems.append("mermaid: a line with an odd number of quotes")
        if svg:
            out_svg = tmp / "d.svg"
            code, _, _ = run("render", path, "-o", out_svg)
            if code == 0:
                ET.fromstring(out_svg.read_bytes())
            code, _, _ = run("report", path, "-o", tmp / "r.html")  # the HTML report lays out an SVG too
            if code in (0, 1):
                page = (tmp / "r.html").read_text(encoding="utf-8")
                if active_markup(page) != _plain_page_markup(run_cli, tmp):
                    problems.append("html: user text added a script element or an event handler")
        for fmt in ("text", "json", "markdown"):
            code, out, _ = run("review", "--format", fmt, path)
            if fmt == "json" and code == 0:
                json.loads(out)
        baseline = tmp / "b.json"
        code, _, _ = run("baseline", path, "-o", baseline)
        if code == 0:
            json.loads(baseline.read_text(encoding="utf-8"))
            code, out, _ = run("check", "--baseline", baseline, "--format", "json", path)
            if code != 0:
                problems.append(f"check against its own baseline: exit {code}")
    return valid, problems


def examples_count(default: int) -> int:
    """How many inputs a property test draws: DESIGNLINT_FUZZ=full for thousands, else `default`."""
    return 3000 if os.environ.get("DESIGNLINT_FUZZ") == "full" else default
