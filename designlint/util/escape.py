"""Escape user strings for the format they go into: one place, used by every writer.

Everything a design, a pack, a baseline or a file name supplies is user text
and may hold any character Python's str can: line breaks, C0/C1 controls,
lone surrogates (a file name that is not UTF-8 arrives surrogate-escaped,
PEP 383), U+FFFE/U+FFFF. Each writer passes it through one of these:

- one_line(): line-oriented output (text, github, review text, stderr
  errors): no character that any reader counts as a line break survives
  (str.splitlines' set: LF, CR, VT, FF, FS, GS, RS, NEL, U+2028, U+2029),
  nor a terminal control (ESC, the other C0 and C1 controls, DEL), nor a
  lone surrogate that stdout could not encode. Each is written as its
  Python escape (`\\n`, `\\x1b`, `\\u2028`), so one record stays one line.
- github_data() / github_property(): GitHub Actions workflow commands,
  escaped as the runner's toolkit does (@actions/core `escapeData` and
  `escapeProperty`: `%`, CR, LF; properties also `:` and `,`), and then
  one_line() for the line breaks and controls the runner does not decode.
- xml_text(): text or attribute values for XML 1.0 (JUnit, SVG): the
  characters the XML 1.0 `Char` production refuses (C0 controls but tab,
  LF and CR; surrogates; U+FFFE, U+FFFF) are written as Python escapes, so a
  strict parser accepts every output.
- json_text(): JSON documents written with ensure_ascii=False, with any lone
  surrogate written as a \\uXXXX escape (valid JSON, and encodable as UTF-8).
"""

from __future__ import annotations

import json
import re

# Line breaks (str.splitlines), other C0 controls but TAB, DEL, C1 controls, lone surrogates, bidi/LS/PS.
_NOT_ONE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# The patterns below are compiled on first use (re's cache), not by every run's start-up.
# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
_SURROGATE = "[\ud800-\udfff]"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _python_escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: object) -> str:
    """`text` with no line break, control character or lone surrogate left: each as its Python escape.

    >>> one_line("a\\nb\\u2028c\\x1b[31m")
    'a\\\\nb\\\\u2028c\\\\x1b[31m'
    """
    text = str(text)
    return _NOT_ONE_LINE.sub(lambda m: _python_escape(m.group()), text) if _NOT_ONE_LINE.search(text) else text


def github_data(text: object) -> str:
    """A workflow command's message (@actions/core escapeData), on one line whatever `text` holds."""
    return one_line(str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: object) -> str:
    """A workflow command's property value (@actions/core escapeProperty)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def xml_text(text: object) -> str:
    """`text` with every character XML 1.0 cannot hold written as its Python escape (ElementTree does the rest)."""
    text = str(text)
    return re.sub(_NOT_XML, lambda m: _python_escape(m.group()), text) if re.search(_NOT_XML, text) else text


def no_surrogates(text: str) -> str:
    """`text` with lone surrogates (undecodable file-name bytes) as Python escapes, so UTF-8 can encode it."""
    return re.sub(_SURROGATE, lambda m: _python_escape(m.group()), text) if re.search(_SURROGATE, text) else text


# What a YAML reader refuses in a stream (YAML 1.1 `c-printable`), beyond what JSON escapes itself.
# NEL, U+2028 and U+2029 are printable, but YAML folds them as line breaks inside a quoted string.
_NOT_YAML_PRINTABLE = "[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"


def json_text(document, *, yaml_readable: bool = False, **options) -> str:
    """json.dumps(document, ensure_ascii=False, **options), with lone surrogates as \\uXXXX escapes.

    yaml_readable=True also escapes DEL, the C1 controls and U+FFFE/U+FFFF, which a YAML parser
    refuses in its input, and NEL, U+2028 and U+2029, which it reads as line breaks: a file that
    designlint reads back through YAML (a baseline) needs it.
    """
    text = json.dumps(document, ensure_ascii=False, **options)
    pattern = _NOT_YAML_PRINTABLE if yaml_readable else _SURROGATE
    if re.search(pattern, text):
        text = re.sub(pattern, lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def xml_tree(root):
    """Pass every text, tail and attribute of an ElementTree element (and its descendants) through xml_text.

    Returns `root`; ElementTree escapes `<`, `&` and quotes itself, but writes
    any control character as it is, which no XML parser accepts.
    """
    for element in root.iter():
        if element.text:
            element.text = xml_text(element.text)
        if element.tail:
            element.tail = xml_text(element.tail)
        for key, value in element.attrib.items():
            element.attrib[key] = xml_text(value)
    return root
