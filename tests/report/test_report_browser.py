"""The HTML report in a real browser: Playwright driving Debian's chromium (/usr/bin/chromium, installed by .ci/system-deps).

One browser for the whole session. Each test opens the page as a file:// URL with every request
routed through a handler that records it and lets through only the page itself.
"""

import struct
import zlib
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
EXAMPLE = ROOT / "examples" / "rag-support-bot.yaml"
VIEWPORT = {"width": 1280, "height": 900}


def test_chromium_is_installed():
    # CI installs it (.ci/system-deps); the browser tests below must never pass by being skipped.
    assert Path(CHROMIUM).exists(), "the browser tests need Debian's chromium: apt-get install -y chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    from click.testing import CliRunner

    from designlint.cli import main

    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(main, ["report", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 1  # rag-support-bot has errors: the exit status is check's
    return out


def open_page(browser, path, *, javascript=True):
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=javascript)
    page = context.new_page()
    requests, errors = [], []

    def route(r):
        requests.append(r.request.url)
        if r.request.url == path.as_uri():
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))  # an alert() would be a bug
    page.goto(path.as_uri())
    return page, requests, errors


def test_diagram_has_every_component_and_nothing_leaves_the_page(browser, page_file):
    from designlint.model.build import load

    page, requests, errors = open_page(browser, page_file)
    titles = page.eval_on_selector_all("section.design svg g.node:not(.legend) > title", "els => els.map(e => e.textContent)")
    assert sorted(titles) == sorted(load(str(EXAMPLE)).components)
    assert requests == [page_file.as_uri()]
    assert errors == []
    page.context.close()


def test_clicking_a_finding_highlights_its_component(browser, page_file):
    page, _, errors = open_page(browser, page_file)
    page.click('button.component[data-component="kb_ingestion"] >> nth=0')
    highlighted = page.eval_on_selector_all("g.node.highlight > title", "els => els.map(e => e.textContent)")
    assert highlighted == ["kb_ingestion"]
    assert "kb_ingestion highlighted" in page.inner_text("#status")
    assert errors == []
    page.context.close()


def test_clicking_a_component_lists_its_findings(browser, page_file):
    page, _, errors = open_page(browser, page_file)
    page.click("g.node:has(> title:text-is('reranker'))")
    shown = page.eval_on_selector_all("table.findings tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.component)")
    assert shown and set(shown) == {"reranker"}
    assert page.eval_on_selector_all("g.node.highlight > title", "els => els.map(e => e.textContent)") == ["reranker"]
    assert errors == []
    page.context.close()


def test_clicking_a_component_without_findings_lists_none(browser, page_file):
    page, _, errors = open_page(browser, page_file)
    page.click("g.node:has(> title:text-is('vector_store'))")
    assert page.eval_on_selector_all("table.findings tbody tr:not([hidden])", "rows => rows.length") == 0
    assert page.inner_text("#status") == "vector_store: 0 findings"
    assert errors == []
    page.context.close()


def test_the_diagram_fits_the_page_and_shows_at_actual_size_on_request(browser, page_file):
    page, _, _ = open_page(browser, page_file)
    width = "document.querySelector('section.design svg').getBoundingClientRect().width"
    figure = page.evaluate("document.querySelector('section.design figure').clientWidth")
    fitted = page.evaluate(width)
    assert fitted <= figure
    page.click("button.zoom")
    assert page.evaluate(width) > figure  # rag-support-bot is wider than 1280 px at its size
    assert page.get_attribute("button.zoom", "aria-pressed") == "true"
    page.click("button.zoom")
    assert page.evaluate(width) == fitted
    page.context.close()


def test_keyboard_reaches_the_diagram_and_selects_with_enter(browser, page_file):
    page, _, errors = open_page(browser, page_file)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"  # the skip link comes first
    page.focus("g.node:has(> title:text-is('reranker'))")
    page.keyboard.press("Enter")
    assert page.eval_on_selector_all("g.node.highlight > title", "els => els.map(e => e.textContent)") == ["reranker"]
    label = page.get_attribute("g.node:has(> title:text-is('reranker'))", "aria-label")
    assert label == "reranker: 2 findings"
    assert errors == []
    page.context.close()


def test_filter_by_severity(browser, page_file):
    page, _, _ = open_page(browser, page_file)
    page.select_option("select[name=severity]", "error")
    shown = page.eval_on_selector_all("table.findings tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.severity)")
    assert shown == ["error", "error"]
    page.context.close()


def test_without_script_everything_is_readable(browser, page_file):
    page, requests, _ = open_page(browser, page_file, javascript=False)
    text = page.inner_text("main")
    assert "missing-owner" in text and "kb_ingestion" in text and "Review scorecard" in text
    assert "waived:" in text  # the waived finding with its reason
    assert page.is_visible("section.design svg")
    assert not page.is_visible("form.filters")  # the filters need the script, so they stay hidden
    assert not page.is_visible("button.zoom")
    assert requests == [page_file.as_uri()]
    page.context.close()


CONTRAST = """() => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = el => { for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor); if (c.length < 4 || c[3] > 0) return c; }
    return [255, 255, 255]; };
  const low = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg") || !el.offsetParent && el.tagName !== "BODY") continue;
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join("");
    if (!text) continue;
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(text.slice(0, 40) + " " + ratio.toFixed(2));
  }
  return low;
}"""


def test_text_contrast_landmarks_and_focus(browser, page_file):
    # WCAG 2.1: 1.4.3 contrast (4.5:1 for text), 1.3.1 landmarks, 2.4.7 a visible keyboard focus.
    page, _, _ = open_page(browser, page_file)
    assert page.evaluate(CONTRAST) == []
    assert page.eval_on_selector_all("header, nav, main, footer", "els => els.map(e => e.tagName)") == [
        "HEADER", "NAV", "MAIN", "FOOTER"]
    page.focus("button.component >> nth=0")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + "
                            "getComputedStyle(document.activeElement).outlineWidth")
    assert outline == "solid 3px"
    page.context.close()


def test_printed_it_keeps_the_content_and_drops_the_controls(browser, page_file):
    page, _, _ = open_page(browser, page_file)
    page.emulate_media(media="print")
    assert not page.is_visible("form.filters") and page.is_visible("section.design svg")
    assert page.is_visible("table.findings") and page.is_visible("table.scorecard")
    assert page.pdf()[:5] == b"%PDF-"
    page.context.close()


def _png_pixels(data: bytes, header_only: bool = False):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA, non-interlaced PNG (what chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    if header_only:
        return width, height, []
    assert (depth, interlace) == (8, 0) and color in (2, 6)
    bpp = 3 if color == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, bpp)])
        prev = line
    return width, height, rows


def test_screenshot_of_the_diagram_shows_the_state_colours(browser, page_file):
    # Properties, not a stored PNG: fonts and anti-aliasing differ between chromium and Graphviz
    # builds, so a pixel comparison would fail for reasons a reader would not see. What a reader
    # must see, at a fixed viewport: the page at its size, the error and warning fills on the right
    # components, and after a click the black outline of the highlight on the one clicked.
    page, _, _ = open_page(browser, page_file)
    width, height, _ = _png_pixels(page.screenshot(), header_only=True)
    assert (width, height) == (VIEWPORT["width"], VIEWPORT["height"])

    def colours(component):
        node = page.locator(f"g.node:has(> title:text-is('{component}'))")
        node.scroll_into_view_if_needed()
        box = node.bounding_box()  # in the viewport, as the clip is
        clip = {"x": box["x"] - 3, "y": box["y"] - 3, "width": box["width"] + 6, "height": box["height"] + 6}
        _, _, rows = _png_pixels(page.screenshot(clip=clip))
        counts = {}
        for row in rows:
            for px in row:
                counts[px] = counts.get(px, 0) + 1
        return counts, sum(counts.values())

    error, total = colours("kb_ingestion")
    assert error.get((0xF6, 0xC6, 0xB0), 0) > total / 4  # the error fill
    warning, total = colours("reranker")
    assert warning.get((0xFC, 0xE3, 0xA6), 0) > total / 4  # the warning fill
    page.click('button.component[data-component="kb_ingestion"] >> nth=0')
    after, total = colours("kb_ingestion")
    assert after.get((0, 0, 0), 0) > error.get((0, 0, 0), 0) + 100  # the highlight's outline
    untouched, _ = colours("reranker")
    assert untouched.get((0, 0, 0), 0) == warning.get((0, 0, 0), 0)
    page.context.close()


def test_a_hostile_design_runs_no_script_of_its_own(browser, tmp_path):
    from click.testing import CliRunner

    from designlint.cli import main
    from render.test_render_hostile import HOSTILE

    design = tmp_path / "hostile.yaml"
    design.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "hostile.html"
    assert CliRunner().invoke(main, ["report", str(design), "-o", str(out)]).exit_code == 1
    page, requests, errors = open_page(browser, out)
    page.click("g.node:has(> title:text-is('strict'))")
    assert errors == [] and requests == [out.as_uri()]  # errors holds any dialog an injected script opened
    assert "<script>alert(1)</script>" in page.inner_text("main")  # shown as text
    assert page.evaluate("document.title") == "designlint report"
    page.context.close()
