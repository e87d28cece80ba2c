"""The HTML report (`designlint report`): one self-contained page per run (FORMAT.md "The HTML report").

    page(report, sections) -> str

`sections` holds one Section per design: its system, file, findings, the
diagram as SVG text (Graphviz's, inlined) or None, and the review scorecard
or None. The page has no external reference of any kind: CSS and script are
inlined from html_assets/, so it opens offline and fetches nothing. Every
user string goes through `html.escape` (text and attribute values); the
script's data is JSON with `<`, `>` and `&` written as \\u escapes, so no
string can end the <script> element. Without script everything is readable:
the filters and the links between diagram and table are the script's only
additions. Landmarks (header, nav, main, footer), a skip link, visible
keyboard focus, and text colours of at least 4.5:1 contrast (WCAG 2.1, 1.4.3).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from designlint import __version__
from designlint.findings import Counts, Finding

_ASSETS = "html_assets"  # a data folder beside this module (no package of its own)
# Graphviz's SVG preamble and comments (which repeat node names) are not needed inline.
_PREAMBLE = re.compile(r"\A.*?(?=<svg\b)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class Section:
    """One design's part of the page."""

    system: str
    file: str
    findings: tuple[Finding, ...]
    svg: str | None = None
    card: object = None  # a designlint.review.Scorecard
    notes: tuple[str, ...] = field(default=())  # e.g. why there is no diagram


def e(text: object) -> str:
    """`text` escaped for HTML text and quoted attribute values."""
    return html.escape(str(text), quote=True)


def script_json(value: object) -> str:
    """JSON for inside a <script> element: `<`, `>`, `&` and the line separators as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                     ("\u2029", "\\u2029")):
        text = text.replace(ch, code)
    return text


def inline_svg(svg: str, label: str) -> str:
    """Graphviz's SVG for inside HTML: no XML preamble or comments, labelled for assistive technology."""
    body = _COMMENT.sub("", _PREAMBLE.sub("", svg, count=1))
    return body.replace("<svg ", f'<svg role="img" aria-label="{e(label)}" ', 1)


def _asset(name: str) -> str:
    return resources.files("designlint.report").joinpath(_ASSETS).joinpath(name).read_text(encoding="utf-8")


def _counts(counts: Counts) -> str:
    parts = [("error", counts.errors, "sev-error"), ("warning", counts.warnings, "sev-warning"),
             ("info", counts.infos, "sev-info")]
    spans = [f'<span class="sev {cls}">{n} {word}{"s" * (n != 1 and word != "info")}</span>'
             for word, n, cls in parts]
    spans.append(f"<span>{counts.waived} waived</span>")
    spans.append(f"<span>{counts.baselined} baselined</span>")
    return '<p class="counts">' + "".join(spans) + "</p>"


def _where(f: Finding) -> str:
    loc = f.location
    return f"{loc.file}:{loc.line}:{loc.column}"


def _filters(key: str, active: list[Finding]) -> str:
    def select(name: str, label: str, values: list[str]) -> str:
        options = '<option value="">all</option>' + "".join(f'<option value="{e(v)}">{e(v)}</option>'
                                                              for v in values)
        return (f'<label for="{key}-{name}">{label}</label> '
                f'<select id="{key}-{name}" name="{name}">{options}</select>')

    severities = [s for s in ("error", "warning", "info") if any(f.severity.value == s for f in active)]
    rules = sorted({f.rule for f in active})
    components = sorted({f.component for f in active if f.component})
    return (f'<form class="filters" hidden aria-label="Filter the findings of {e(key)}">'
            + select("severity", "Severity", severities) + select("rule", "Rule", rules)
            + select("component", "Component", components) + "</form>")


def _active_table(key: str, findings: list[Finding]) -> str:
    if not findings:
        return "<p>No finding to act on.</p>"
    rows = []
    for f in findings:
        component = (f'<button type="button" class="component" data-component="{e(f.component)}">'
                     f"{e(f.component)}</button>") if f.component else "(the design)"
        rows.append(f'<tr data-severity="{e(f.severity.value)}" data-rule="{e(f.rule)}" '
                    f'data-component="{e(f.component or "")}">'
                    f'<td class="sev sev-{e(f.severity.value)}">{e(f.severity.value)}</td>'
                    f"<td><code>{e(f.rule)}</code></td><td>{component}</td><td>{e(f.message)}</td>"
                    f"<td><code>{e(_where(f))}</code></td></tr>")
    return (_filters(key, findings)
            + f'<table class="findings"><caption class="skip">Findings to act on</caption><thead><tr>'
              '<th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Component</th>'
              '<th scope="col">Message</th><th scope="col">Where</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _set_aside(findings: list[Finding]) -> str:
    if not findings:
        return "<p>None.</p>"
    rows = []
    for f in findings:
        why = f"waived: {f.waive_reason}" if f.waived else "in the baseline: recorded before, does not fail the run"
        rows.append(f'<tr><td class="sev sev-{e(f.severity.value)}">{e(f.severity.value)}</td>'
                    f"<td><code>{e(f.rule)}</code></td><td>{e(f.component or '(the design)')}</td>"
                    f"<td>{e(f.message)}</td><td>{e(why)}</td><td><code>{e(_where(f))}</code></td></tr>")
    return ('<table class="set-aside"><thead><tr><th scope="col">Severity</th><th scope="col">Rule</th>'
            '<th scope="col">Component</th><th scope="col">Message</th><th scope="col">Why set aside</th>'
            '<th scope="col">Where</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def _scorecard(card) -> str:
    if card is None:
        return ""
    rows = []
    for number, s in enumerate(card.sections, 1):
        gaps = "".join(f"<li>{e(g.text)}<br><em>{e(g.question)}</em></li>" for g in s.gaps)
        shows = "".join(f"<li>{e(item)}</li>" for item in s.shows)
        rows.append(f"<tr><td>{number}</td><td>{e(s.title)}</td>"
                    f'<td class="grade-{e(s.grade)}"><strong>{e(s.grade)}</strong></td>'
                    f"<td><ul>{shows}</ul></td><td><ul>{gaps}</ul></td></tr>")
    return (f"<h3>Review scorecard: {card.score}/{card.max_score}</h3>"
            '<table class="scorecard"><thead><tr><th scope="col">#</th><th scope="col">Section</th>'
            '<th scope="col">Grade</th><th scope="col">What the design shows</th>'
            '<th scope="col">What an interviewer will ask</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _section(key: str, s: Section) -> str:
    active = [f for f in s.findings if not f.waived and not f.baselined]
    aside = [f for f in s.findings if f.waived or f.baselined]
    if s.svg:
        figure = (f"<figure>{inline_svg(s.svg, f'Diagram of {s.system} with its findings')}"
                  "<figcaption>Each component is coloured by its worst finding; select a component to list "
                  'its findings. <button type="button" class="zoom" hidden aria-pressed="false">'
                  "Actual size</button></figcaption></figure>")
    else:
        figure = "".join(f"<p>{e(n)}</p>" for n in s.notes) or "<p>No diagram.</p>"
    return (f'<section class="design" id="{key}" aria-labelledby="{key}-title">'
            f'<h2 id="{key}-title">{e(s.system)}</h2><p><code>{e(s.file)}</code></p>'
            + _counts(Counts.of(s.findings)) + "<h3>Diagram</h3>" + figure
            + "<h3>Findings</h3>" + _active_table(key, active)
            + "<h3>Waived and baselined findings</h3>" + _set_aside(aside)
            + _scorecard(s.card) + "</section>")


def page(report, sections: list[Section], title: str = "designlint report") -> str:
    """The whole page as text. `report` gives the run's counts and input errors."""
    keys = [f"design-{i}" for i in range(1, len(sections) + 1)]
    data = {key: {"system": s.system, "components": _by_component(s.findings)} for key, s in zip(keys, sections)}
    contents = "".join(f'<li><a href="#{key}">{e(s.system)}</a> <code>{e(s.file)}</code></li>'
                       for key, s in zip(keys, sections))
    errors = "".join(f"<li><code>{e(err)}</code></li>" for err in report.errors)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # nothing on this page may load from anywhere: not even images, fonts or the favicon
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        '<link rel="icon" href="data:,">'
        f"<title>{e(title)}</title><style>{_asset('report.css')}</style></head><body>"
        '<a class="skip" href="#main">Skip to the findings</a>'
        f"<header><h1>{e(title)}</h1>" + _counts(report.counts)
        + f'<p id="status" role="status" aria-live="polite"></p></header>'
        + '<nav aria-label="Contents"><h2>Designs</h2><ol>' + contents + "</ol></nav>"
        + '<main id="main">'
        + (f'<section aria-labelledby="errors-title"><h2 id="errors-title">Input errors</h2><ul>{errors}</ul>'
           "</section>" if errors else "")
        + "".join(_section(key, s) for key, s in zip(keys, sections))
        + "</main>"
        + f"<footer><p>designlint {e(__version__)}</p></footer>"
        + f'<script type="application/json" id="designlint-data">{script_json(data)}</script>'
        + f"<script>{_asset('report.js')}</script></body></html>\n"
    )


def _by_component(findings) -> dict[str, list[str]]:
    """Component id -> its unwaived, unbaselined findings as `severity rule: message`."""
    out: dict[str, list[str]] = {}
    for f in findings:
        if f.component and not f.waived and not f.baselined:
            out.setdefault(f.component, []).append(f"{f.severity.value} {f.rule}: {f.message}")
    return out
