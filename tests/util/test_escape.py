"""designlint.util.escape: each helper gives the exact escaped text, for every kind of character it exists for."""

import json
import xml.etree.ElementTree as ET

import pytest

from designlint.util.escape import LINE_BREAKS, github_data, github_property, json_text, one_line, xml_text, xml_tree


@pytest.mark.parametrize("ch, shown", [
    ("\n", "\\n"), ("\r", "\\r"), ("\x0b", "\\x0b"), ("\x0c", "\\x0c"), ("\x1c", "\\x1c"), ("\x1d", "\\x1d"),
    ("\x1e", "\\x1e"), ("\x85", "\\x85"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),
    ("\x1b", "\\x1b"), ("\x00", "\\x00"), ("\x7f", "\\x7f"), ("\udcff", "\\udcff"),
])
def test_one_line_escapes_every_line_break_and_control(ch, shown):
    assert one_line(f"a{ch}b") == f"a{shown}b"
    assert len(one_line(f"a{ch}b").splitlines()) == 1


def test_one_line_keeps_tab_unicode_and_backslashes():
    assert one_line("a\tb é ✓ C:\\x") == "a\tb é ✓ C:\\x"


def test_every_line_break_python_knows_is_in_the_list():
    breaks = {chr(c) for c in range(0x110000) if len(f"a{chr(c)}b".splitlines()) == 2}
    assert breaks == set(LINE_BREAKS)
    assert all(len(one_line(ch).splitlines()) == 1 for ch in breaks)


def test_github_escaping_follows_the_runner_and_leaves_no_line_break():
    assert github_data("100% done\r\nnext::x,y\u2028::error::z") == "100%25 done%0D%0Anext::x,y\\u2028::error::z"
    assert github_property("a:b,c%\n\x85") == "a%3Ab%2Cc%25%0A\\x85"


@pytest.mark.parametrize("ch", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\ud800", "\udfff",
                                "\ufffe", "\uffff"])
def test_xml_text_leaves_only_characters_xml_accepts(ch):
    element = ET.Element("e", attr=f"x{ch}y")
    element.text = f"a{ch}b"
    xml_tree(element)
    parsed = ET.fromstring(ET.tostring(element, encoding="unicode"))
    escaped = xml_text(ch)
    assert parsed.text == f"a{escaped}b" and parsed.get("attr") == f"x{escaped}y"
    assert escaped.startswith("\\")


def test_json_text_writes_lone_surrogates_as_escapes():
    text = json_text({"file": "bad\udcffname.yaml"})
    assert text == '{"file": "bad\\udcffname.yaml"}'
    text.encode("utf-8")  # no UnicodeEncodeError
    assert json.loads(text)["file"] == "bad\udcffname.yaml"


def test_json_for_a_yaml_reader_escapes_what_yaml_refuses():
    from designlint.loading.yamlsource import parse

    value = "del\x7f c1\x9b nel\x85 ls\u2028 \ufffe ok é"
    text = json_text({"a": value}, yaml_readable=True)
    assert text == '{"a": "del\\u007f c1\\u009b nel\\u0085 ls\\u2028 \\ufffe ok é"}'
    assert parse(text, "b.json")["a"] == value
