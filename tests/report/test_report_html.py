"""`designlint report` without a browser: exit codes, where it writes, what the page holds, and escaping."""

import json
import re
from html.parser import HTMLParser

from conftest import EXAMPLES, ROOT
from render.test_render_hostile import HOSTILE

CLEAN = ROOT / "examples" / "churn-voice-agent.yaml"
ERRORS = ROOT / "examples" / "rag-support-bot.yaml"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script>."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(text):
    tags = Tags()
    tags.feed(text)
    return tags


def test_exit_status_is_checks(run_cli, tmp_path):
    assert run_cli("report", CLEAN, "-o", tmp_path / "a.html")[0] == 0
    assert run_cli("report", ERRORS, "-o", tmp_path / "b.html")[0] == 1
    assert run_cli("report", ERRORS, "--fail-on", "info", "--select", "unmonitored-model", "-o",
                   tmp_path / "c.html")[0] == 1
    assert run_cli("report", ERRORS, "--select", "unmonitored-model", "-o", tmp_path / "d.html")[0] == 0


def test_bad_input_exits_2_with_one_line_and_the_page_still_lists_it(run_cli, write, tmp_path):
    bad = write("designlint: 1\nsystem: x\ncomponents: [\n", "bad.yaml")
    out = tmp_path / "r.html"
    code, _, err = run_cli("report", bad, CLEAN, "-o", out)
    assert code == 2
    assert err == f"{bad}:4:1: error: YAML syntax: did not find expected node content\n"
    text = out.read_text(encoding="utf-8")
    assert "Input errors" in text and "churn-voice-agent" in text


def test_never_writes_over_an_input(run_cli, write):
    design = write(CLEAN.read_text(encoding="utf-8"), "d.yaml")
    before = design.read_bytes()
    code, _, err = run_cli("report", design, "-o", design)
    assert code == 2 and err == f"{design}: error: the report would overwrite an input; choose another -o file\n"
    assert design.read_bytes() == before


def test_never_writes_over_the_baseline_it_read(run_cli, tmp_path):
    baseline = tmp_path / "b.json"
    run_cli("baseline", ERRORS, "-o", baseline)
    before = baseline.read_bytes()
    code, _, err = run_cli("report", ERRORS, "--baseline", baseline, "-o", baseline)
    assert (code, err) == (2, f"{baseline}: error: the report would overwrite an input; choose another -o file\n")
    assert baseline.read_bytes() == before


def test_writes_atomically_over_an_old_report(run_cli, tmp_path):
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    run_cli("report", CLEAN, "-o", out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]  # no temporary file left behind


def test_output_is_byte_identical_across_runs(run_cli, tmp_path):
    run_cli("report", *EXAMPLES, "-o", tmp_path / "a.html")
    run_cli("report", *EXAMPLES, "-o", tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_several_designs_one_section_each_with_contents(run_cli, tmp_path):
    out = tmp_path / "r.html"
    run_cli("report", *EXAMPLES, "-o", out)
    tags = parse(out.read_text(encoding="utf-8"))
    sections = [a["id"] for t, a in tags.tags if t == "section" and a.get("class") == "design"]
    links = [a["href"] for t, a in tags.tags if t == "a" and a.get("href", "").startswith("#design-")]
    assert sections == [f"design-{i}" for i in range(1, len(EXAMPLES) + 1)]
    assert links == ["#" + s for s in sections]
    assert sum(1 for t, _ in tags.tags if t == "svg") == len(EXAMPLES)
    assert [t for t, _ in tags.tags if t in ("header", "nav", "main", "footer")] == ["header", "nav", "main", "footer"]


def test_self_contained_nothing_to_fetch(run_cli, tmp_path):
    out = tmp_path / "r.html"
    run_cli("report", *EXAMPLES, "-o", out)
    text = out.read_text(encoding="utf-8")
    tags = parse(text)
    for tag, attrs in tags.tags:
        for name in ("src", "href", "xlink:href", "action", "data", "poster"):
            value = attrs.get(name)
            assert value is None or value.startswith(("#", "data:")), (tag, name, value)
    assert "@import" not in text and "url(" not in text
    assert "default-src 'none'" in text  # and the browser is told to refuse anything else


def test_waived_and_baselined_findings_are_apart_with_their_reasons(run_cli, tmp_path):
    baseline = tmp_path / "b.json"
    assert run_cli("baseline", ERRORS, "-o", baseline)[0] == 0
    out = tmp_path / "r.html"
    assert run_cli("report", ERRORS, "--baseline", baseline, "-o", out)[0] == 0
    text = out.read_text(encoding="utf-8")
    aside = text[text.index('<table class="set-aside">'):]
    aside = aside[:aside.index("</table>")]
    assert "waived: " in aside and "in the baseline" in aside
    active = text[text.index("<h3>Findings</h3>"):text.index("<h3>Waived and baselined")]
    assert "No finding to act on." in active


def test_every_user_string_is_escaped(run_cli, write, tmp_path):
    out = tmp_path / "r.html"
    code, _, _ = run_cli("report", write(HOSTILE), "-o", out)
    assert code == 1
    text = out.read_text(encoding="utf-8")
    tags = parse(text)
    assert [t for t, _ in tags.tags].count("script") == 2  # the data and ours; the action name stayed text
    assert not any(t in ("b", "i", "x") for t, _ in tags.tags)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    data = json.loads(tags.scripts[0])
    messages = " ".join(m for d in data.values() for ms in d["components"].values() for m in ms)
    assert "<script>alert(1)</script>" in messages  # intact once parsed
    assert "</script" not in tags.scripts[0]
    assert data["design-1"]["system"] == 'evil" ] graph [label="pwned'


def test_script_json_cannot_end_the_script_element():
    from designlint.report.html import script_json

    text = script_json({"a": "</script><script>alert(1)</script>", "b": "&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script>", "b": "&\u2028"}


def test_inline_svg_drops_the_xml_preamble_and_comments():
    from designlint.report.html import inline_svg

    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n<!-- n --&gt; -->\n'
           '<svg width="1pt"><!-- a --><g/></svg>')
    assert inline_svg(svg, 'D "x"') == '<svg role="img" aria-label="D &quot;x&quot;" width="1pt"><g/></svg>'
    assert not re.search(r"<\?xml|<!DOCTYPE|<!--", inline_svg(svg, "d"))


def test_designs_of_one_markdown_file_each_get_their_own_findings(run_cli, tmp_path):
    doc = ROOT / "examples" / "design-docs" / "claims-assistant.md"
    out = tmp_path / "r.html"
    assert run_cli("report", doc, "-o", out)[0] == 1
    text = out.read_text(encoding="utf-8")
    intake, payout = text.split('<section class="design" id="design-2"')
    intake = intake[intake.index('<section class="design" id="design-1"'):]
    assert "claims-intake" in intake and "No finding to act on." in intake
    assert "ungated-irreversible-action" in payout and "ungated-irreversible-action" not in intake
