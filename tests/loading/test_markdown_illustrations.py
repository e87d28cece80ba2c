"""Fences marked as illustrations are skipped: `designlint-ignore` in the info string, or the HTML comment
`<!-- designlint-ignore -->` as the block right before the fence (in a list or a quote too)."""

from designlint.loading.markdown import design_blocks

DESIGN = "designlint: 1\nsystem: {}\ncomponents:\n  a: {{kind: rule}}\n"


def systems(text):
    return [block.text.splitlines()[1] for block in design_blocks(text)]


def test_info_string_word_skips_the_fence():
    text = ("```yaml designlint-ignore\n" + DESIGN.format("skipped") + "```\n\n"
            "```designlint DESIGNLINT-IGNORE\n" + DESIGN.format("skipped too") + "```\n\n"
            "```yaml\n" + DESIGN.format("kept") + "```\n")
    assert systems(text) == ["system: kept"]


def test_a_comment_right_before_the_fence_skips_it_and_only_it():
    text = ("<!-- designlint-ignore -->\n```designlint\n" + DESIGN.format("skipped") + "```\n\n"
            "<!--   designlint-ignore   -->\n\n```yaml\n" + DESIGN.format("skipped after a blank line") + "```\n\n"
            "<!-- designlint-ignore -->\n\nA paragraph between.\n\n```yaml\n" + DESIGN.format("kept") + "```\n\n"
            "<!-- designlint-ignore: not this wording -->\n```yaml\n" + DESIGN.format("kept too") + "```\n")
    assert systems(text) == ["system: kept", "system: kept too"]


def test_in_a_list_and_a_quote_positions_of_the_others_are_unchanged():
    text = ("1. First\n\n   <!-- designlint-ignore -->\n   ```yaml\n   designlint: 1\n   system: skipped\n   ```\n"
            "2. Second\n\n   ```yaml\n   designlint: 1\n   system: kept\n   ```\n\n"
            "> <!-- designlint-ignore -->\n> ```designlint\n> designlint: 1\n> ```\n")
    blocks = design_blocks(text)
    assert [(b.text, b.line_offset, b.column_offset) for b in blocks] == [("designlint: 1\nsystem: kept\n", 10, 3)]


def test_check_skips_illustrations_in_a_markdown_file(run_cli, write):
    doc = write("# Doc\n\n```yaml designlint-ignore\n" + DESIGN.format("illustration") + "```\n", "doc.md")
    # a file named on the command line whose only design is an illustration holds no design: said so
    assert run_cli("check", "--isolated", doc) == (
        0, "No problems found in 1 file.\n",
        f"{doc}: warning: holds no design (a ```designlint fenced block, or a ```yaml block with `designlint: 1`): "
        "nothing in it was checked\n")
