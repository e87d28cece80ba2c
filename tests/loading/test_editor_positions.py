"""[10] Lines are counted as editors count them (LF, CRLF, CR only), though YAML also breaks at NEL, U+2028, U+2029."""

import json

import pytest

from designlint.loading.location import editor_lines, text_position
from designlint.loading.yamlsource import parse

# a quoted value holding the character: YAML counts a line there, editors do not
BREAKERS = ["\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("ch", BREAKERS)
def test_yaml_marks_after_a_yaml_only_line_break(ch):
    text = f'designlint: 1\nsystem: "a{ch}b"\ncomponents:\n  x: {{kind: rule}}\n'
    data = parse(text, "d.yaml")
    assert data.key_marks["components"] == (3, 1)
    assert data["components"].key_marks["x"] == (4, 3)
    assert data["components"]["x"].value_marks["kind"] == (4, 13)


@pytest.mark.parametrize("ch", BREAKERS)
def test_finding_positions_in_every_format(ch, run_cli, write):
    path = write(f'designlint: 1\nsystem: s\ndescription: "x{ch}y{ch}z"\ncomponents:\n  m: {{kind: model}}\n')
    text = run_cli("check", path)[1]
    assert f"{path}:5:3: error missing-owner" in text
    sarif = json.loads(run_cli("check", "--format", "sarif", path)[1])
    regions = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]}
    assert regions["missing-owner"] == {"startLine": 5, "startColumn": 3}


@pytest.mark.parametrize("ch", BREAKERS)
def test_yaml_errors_after_a_yaml_only_line_break(ch, run_cli, write):
    path = write(f'designlint: 1\nsystem: "a{ch}b"\ncomponents: [\n')
    code, _, err = run_cli("check", path)
    assert code == 2 and err.startswith(f"{path}:4:1: error: YAML syntax")


@pytest.mark.parametrize("ch", BREAKERS)
def test_markdown_block_positions(ch, run_cli, write):
    path = write(f"# T{ch}x\n\n```designlint\ndesignlint: 1\nsystem: \"s{ch}t\"\ncomponents:\n  m: {{kind: model}}\n```\n",
                 "doc.md")
    assert f"{path}:7:3: error missing-owner" in run_cli("check", path)[1]


def test_cr_only_and_crlf_files_count_like_editors(run_cli, write):
    for newline in ("\r", "\r\n"):
        path = write(newline.join(["designlint: 1", "system: s", "components:", "  m: {kind: model}", ""]),
                     f"d{len(newline)}.yaml")
        assert f"{path}:4:3: error missing-owner" in run_cli("check", path)[1]


def test_decode_errors_count_cr_lines(run_cli, write):
    path = write(b"designlint: 1\rsystem: \xff\r")
    code, _, err = run_cli("check", path)
    assert (code, err) == (2, f"{path}:2:9: error: not UTF-8 text (byte 0xff): save the file as UTF-8\n")


def test_the_helpers():
    assert editor_lines("a\rb\r\nc\nd\x85e\u2028f") == ["a", "b", "c", "d\x85e\u2028f"]
    assert text_position("a\rb\r\nc\u2028d", 7) == (3, 3)
