"""Designs inside Markdown: fences found by a Markdown parser, findings at Markdown lines."""

import json

from designlint.loading import markdown
from designlint.findings.run import lint_paths

BAD = """\
designlint: 1
system: {name}
components:
  chat:
    kind: interface
    error_budget: {{availability: 99.9%}}
"""


def _indent(text, prefix):
    return "".join(prefix + line if line.strip() else line for line in text.splitlines(True))


def _line_of(doc: str, needle: str, start: int = 0) -> tuple[int, int]:
    """1-based line and column of the `needle` at or after line `start` (1-based)."""
    for number, line in enumerate(doc.splitlines(), start=1):
        if number >= start and needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def _owner_findings(path):
    report = lint_paths([str(path)])
    assert not report.errors, report.errors
    return [(f.location.line, f.location.column, f.rule) for f in report.findings if f.rule == "missing-owner"]


def test_several_designs_in_one_file_each_at_its_own_lines(write):
    doc = ("# Two systems\n\nIntro text.\n\n```designlint\n" + BAD.format(name="one") + "```\n\n"
           "Between.\n\n~~~yaml\n" + BAD.format(name="two") + "~~~\n")
    path = write(doc, "docs/two.md")
    first = _line_of(doc, "chat:")
    second = _line_of(doc, "chat:", first[0] + 1)
    assert _owner_findings(path) == [(*first, "missing-owner"), (*second, "missing-owner")]
    report = lint_paths([str(path)])
    assert {d.system for d in report.designs} == {"one", "two"}
    assert all(d.file == str(path) for d in report.designs)


def test_fences_in_lists_and_quotes_shift_the_column(write):
    nested = _indent("````designlint\n" + BAD.format(name="nested") + "````\n", "     ")
    quoted = _indent("```yaml\n" + BAD.format(name="quoted") + "```\n", "> ")
    listed = _indent("```designlint\n" + BAD.format(name="listed") + "```\n", "  ")
    doc = ("- a design in a list:\n\n" + listed + "\n"
           "1. a numbered item\n   - nested deeper:\n\n" + nested + "\n"
           "Quoted:\n\n" + quoted)
    path = write(doc, "nested.md")
    found = _owner_findings(path)
    expected = []
    start = 0
    for _ in range(3):
        line, col = _line_of(doc, "chat:", start + 1)
        expected.append((line, col, "missing-owner"))
        start = line
    assert found == expected
    assert [c for _, c, _ in found] == [5, 8, 5]  # "  " + 2, "     " + 2 + 1, "> " + 2 + 1


def test_input_errors_point_at_the_markdown_line_and_other_designs_still_run(write):
    broken = "designlint: 1\nsystem: broken\ncomponents:\n  a: {kind: interface, ownr: x}\n"
    doc = "Text\n\n```designlint\n" + broken + "```\n\n```designlint\n" + BAD.format(name="ok") + "```\n"
    path = write(doc, "mixed.md")
    report = lint_paths([str(path)])
    line, col = _line_of(doc, "ownr")
    assert [(e.line, e.column) for e in report.errors] == [(line, col)]
    assert "unknown field `ownr`" in report.errors[0].message
    assert [f.location.line for f in report.findings if f.rule == "missing-owner"] == [_line_of(doc, "chat:")[0]]


def test_yaml_syntax_error_in_an_indented_fence(write):
    doc = "- item\n\n  ```designlint\n  designlint: 1\n  system: [unclosed\n  ```\n"
    path = write(doc, "syntax.md")
    report = lint_paths([str(path)])
    assert len(report.errors) == 1
    error = report.errors[0]
    assert error.file == str(path) and error.line >= 5 and error.column >= 3
    assert str(error).startswith(f"{path}:{error.line}:{error.column}: error: YAML syntax")


def test_which_fences_are_designs():
    doc = ("```yaml\nname: not a design\n```\n\n"
           "```python\ndesignlint = 1\n```\n\n"
           "```yaml\n# a design\ndesignlint: 1\nsystem: s\n```\n\n"
           "```designlint title=\"x\"\nsystem: s\n```\n\n"
           "    designlint: 1\n    (an indented code block, not a fence)\n")
    blocks = markdown.design_blocks(doc)
    assert [b.line_offset for b in blocks] == [9, 15]
    assert blocks[0].text.startswith("# a design")
    assert markdown.design_blocks("no designs here\n```designlint-not\nx\n```\n") == []


def test_a_markdown_file_without_designs_yields_nothing(run_cli, write):
    path = write("# Notes\n\nWe use designlint for designs.\n", "notes.md")
    code, out, err = run_cli("check", "--format", "json", path)
    data = json.loads(out)
    assert code == 0 and data["findings"] == [] and data["errors"] == []
    assert err == (f"{path}: warning: holds no design (a ```designlint fenced block, or a ```yaml block with "
                   "`designlint: 1`): nothing in it was checked\n")


def test_directory_search_takes_markdown_with_designs_only(run_cli, write, tmp_path):
    write("```designlint\n" + BAD.format(name="a") + "```\n", "docs/arch.md")
    write("# Just prose about designlint\n", "docs/prose.md")
    write("```yaml\nname: x\n```\n", "docs/other.md")
    write(BAD.format(name="b"), "docs/b.yaml")
    code, out, _ = run_cli("check", "--format", "json", tmp_path / "docs")
    data = json.loads(out)
    assert code == 1
    assert sorted(f.rsplit("/", 1)[-1] for f in data["files"]) == ["arch.md", "b.yaml"]
