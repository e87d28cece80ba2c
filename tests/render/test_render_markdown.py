"""`render --markdown DOC.md` puts an annotated Mermaid diagram after each design fence, idempotently;
`check --diagrams-current` fails while one is missing or stale."""

import re
import os

from designlint.render.doc import BEGIN, END

DOC = """# Doc

Intro.

```designlint
designlint: 1
system: clean
components:
  app: {kind: interface, owner: a, error_budget: {availability: 99%}}
  db: {kind: datastore, owner: a, error_budget: {availability: 99%}}
flows: [app -> db]
```

Between.

1. In a list:

   ```designlint
   designlint: 1
   system: listed
   components:
     ui: {kind: interface, owner: a, error_budget: {availability: 99%}}
     store: {kind: datastore, owner: a, error_budget: {availability: 99%}}
   flows: [ui -> store]
   ```

End.
"""


def test_writes_a_diagram_after_each_fence_and_a_second_run_changes_nothing(run_cli, write):
    doc = write(DOC, "doc.md")
    code, out, err = run_cli("render", "--markdown", doc)
    assert (code, out) == (0, "")
    assert err == f"{doc}:5:1: diagram written\n{doc}:18:1: diagram written\n"
    text = doc.read_text(encoding="utf-8")
    lines = text.splitlines()
    first = lines.index(BEGIN)
    assert lines[first - 2:first + 2] == ["```", "", BEGIN, "```mermaid"]
    assert lines.count("   " + BEGIN) == 1 and lines.count("   " + END) == 1  # indented like its fence
    assert 'title: "clean: no findings"' in text and 'title: "listed: no findings"' in text
    assert text.endswith("End.\n") and text.startswith("# Doc\n")
    stat = os.stat(doc)
    code, _, err = run_cli("render", "--markdown", doc)
    assert (code, err) == (0, "")
    assert doc.read_text(encoding="utf-8") == text
    assert os.stat(doc).st_mtime_ns == stat.st_mtime_ns  # not rewritten


def test_an_edited_design_updates_its_diagram_in_place(run_cli, write):
    doc = write(DOC, "doc.md")
    run_cli("render", "--markdown", doc)
    changed = doc.read_text(encoding="utf-8").replace("db: {kind: datastore, owner: a,", "db: {kind: datastore,")
    doc.write_text(changed, encoding="utf-8")
    code, _, err = run_cli("render", "--markdown", doc)
    assert (code, err) == (0, f"{doc}:5:1: diagram written\n")
    text = doc.read_text(encoding="utf-8")
    assert text.count(BEGIN) == 2 and text.count(END) == 2
    assert 'title: "clean: 1 error, 0 warnings"' in text and "\u2717 missing-owner" in text


def test_check_diagrams_current_fails_per_stale_diagram(run_cli, write):
    doc = write(DOC, "doc.md")
    code, _, err = run_cli("check", "--diagrams-current", doc)
    message = ("{doc}:{line}:1: error: the diagram after this design is missing or out of date: "
               f"run `designlint render --markdown {doc}`\n")
    assert code == 1
    assert err == message.format(doc=doc, line=5) + message.format(doc=doc, line=18)
    assert run_cli("check", doc)[0] == 0  # without the option the doc passes
    run_cli("render", "--markdown", doc)
    assert run_cli("check", "--diagrams-current", doc)[:1] == (0,)
    text = doc.read_text(encoding="utf-8")
    hand_edited = re.sub(r"(n\d+) --> (n\d+)", r"\1 --> n99", text, count=1)  # the first diagram's first flow
    assert hand_edited != text
    doc.write_text(hand_edited, encoding="utf-8")
    code, _, err = run_cli("check", "--diagrams-current", doc)
    assert (code, err) == (1, message.format(doc=doc, line=5))


def test_a_begin_marker_without_its_end_is_an_error_and_the_doc_is_left_alone(run_cli, write):
    broken = DOC.replace("```\n\nBetween.", f"```\n\n{BEGIN}\n\nBetween.")
    doc = write(broken, "doc.md")
    code, _, err = run_cli("render", "--markdown", doc)
    assert code == 2
    assert err == (f"{doc}:14:1: error: a designlint:diagram begin marker with no end marker after it: "
                   f"restore `{END}` or delete the marker\n")
    assert doc.read_text(encoding="utf-8") == broken


def test_an_unreadable_design_leaves_the_doc_alone(run_cli, write):
    bad = DOC.replace("system: listed", "system: [listed")
    doc = write(bad, "doc.md")
    code, _, err = run_cli("render", "--markdown", doc)
    assert code == 2 and err.startswith(f"{doc}:") and len(err.splitlines()) == 1
    assert doc.read_text(encoding="utf-8") == bad


def test_crlf_line_ends_are_kept(run_cli, write):
    doc = write(DOC.replace("\n", "\r\n").encode("utf-8"), "doc.md")
    run_cli("render", "--markdown", doc)
    data = doc.read_bytes()
    assert b"\r\n" + BEGIN.encode() + b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_design_or_markdown_not_both(run_cli, write):
    doc = write(DOC, "doc.md")
    code, _, err = run_cli("render", doc, "--markdown", doc)
    assert code == 2 and "give a DESIGN to draw, or --markdown DOC.md (one of them)" in err
    code, _, err = run_cli("render")
    assert code == 2 and "one of them" in err


def _big(layers: bool) -> str:
    """A design fence past Mermaid's 500 arrows: two groups of 24 services, densely linked inside each."""
    lines = ["# Big", "", "```designlint", "designlint: 1", "system: big", "components:"]
    for g in (0, 1):
        for i in range(24):
            layer = f", layer: group{g}" if layers else ""
            lines.append(f"  s{g}_{i}: {{kind: service, owner: o, error_budget: {{a: 1}}{layer}}}")
    lines.append("flows:")
    for g in (0, 1):
        lines += [f"  - s{g}_{a} -> s{g}_{b}" for a in range(24) for b in range(24) if a < b][:260]
    lines += ["  - s0_0 -> s1_0", "```", ""]
    return "\n".join(lines)


def test_a_design_past_mermaids_limit_is_drawn_one_layer_at_a_time(run_cli, write):
    doc = write(_big(layers=True), "doc.md")
    code, _, err = run_cli("render", "--markdown", doc)
    assert (code, err) == (0, f"{doc}:3:1: diagram written\n")
    text = doc.read_text(encoding="utf-8")
    block = text[text.index(BEGIN):text.index(END)]
    assert block.count("```mermaid") == 2
    assert ("big is drawn one layer at a time: as one diagram, 521 arrows is past Mermaid's limit of 500 "
            "\\(maxEdges\\), so it would draw nothing. Arrows between layers are left out; "
            "`designlint render --format svg` draws the whole design.") in block
    assert "#40;layer group0#59; 24 other components not shown#41;" in block  # parentheses as Mermaid entities
    assert "#40;layer group1#59; 24 other components not shown#41;" in block
    assert run_cli("render", "--markdown", doc) == (0, "", "")  # idempotent
    assert run_cli("check", "--diagrams-current", doc)[2] == ""


def test_a_design_past_mermaids_limit_without_layers_is_an_error(run_cli, write):
    doc = write(_big(layers=False), "doc.md")
    before = doc.read_text(encoding="utf-8")
    code, _, err = run_cli("render", "--markdown", doc)
    assert code == 2
    assert err == (f"{doc}: error: big: 521 arrows is past Mermaid's limit of 500 (maxEdges), so it would draw "
                   "nothing: draw one layer (--layer NAME) or one component's neighbourhood (--focus COMPONENT), "
                   "or write .svg\n")
    assert doc.read_text(encoding="utf-8") == before
