"""TOML settings with positions: tomllib gives none, so every key's place is found by a scan.

Used for pyproject.toml's [tool.designlint]; the settings come back as
MarkedMaps, so config errors point at lines like YAML ones do.
"""

from __future__ import annotations

import re

from designlint.errors import InputError
from designlint.loading.location import editor_lines, text_position
from designlint.loading.yamlsource import MarkedMap, MarkedSeq

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=\s*""")
_INLINE_KEY = re.compile(r"""[{,]\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=\s*""")
_TOML_ERROR_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _split_dotted(text: str) -> tuple[str, ...]:
    parts = re.findall(r""""[^"]*"|'[^']*'|[^.\s]+""", text)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def toml_settings(text: str, path: str, table_path: tuple[str, ...]) -> MarkedMap:
    """The table at `table_path` (e.g. ("tool", "designlint")) as a MarkedMap with best-effort marks.

    Raises InputError at the TOML error's line and column for a file that is not TOML.
    """
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = _TOML_ERROR_AT.search(str(exc))
        if at:
            line, col = int(at.group(1)), int(at.group(2))
        else:  # "(at end of document)"
            line, col = text_position(text, len(text))
        message = re.sub(r"\s*\(at [^)]*\)", "", str(exc)).strip()
        raise InputError(path, line, col, f"TOML syntax: {message}") from None
    marks = _toml_marks(text)
    table = document
    for step in table_path:
        table = table.get(step) if isinstance(table, dict) else None
    if table is None:
        raise InputError(path, 0, 0, f"has no [{'.'.join(table_path)}] table")
    if not isinstance(table, dict):
        line, col = marks.get(table_path, ((1, 1), (1, 1)))[0]
        raise InputError(path, line, col, f"`{'.'.join(table_path)}` must be a table")
    start = marks.get(table_path, ((1, 1), (1, 1)))[0]
    return marked(table, table_path, start, marks)


def _toml_marks(text: str) -> dict[tuple, tuple]:
    """(key mark, value mark) of every key path, found line by line; best effort."""
    marks: dict[tuple, tuple] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(editor_lines(text), start=1):
        header = _HEADER.match(line)
        if header and not line.lstrip().startswith("[["):
            table = _split_dotted(header.group(1))
            marks.setdefault(table, ((number, header.start(1) + 1), (number, header.start(1) + 1)))
            continue
        key = _KEY.match(line)
        if not key:
            continue
        path = table + _split_dotted(key.group(1))
        value_col = key.end() + 1
        marks.setdefault(path, ((number, key.start(1) + 1), (number, value_col)))
        rest = line[key.end():]
        for inner in _INLINE_KEY.finditer(rest):
            name = _split_dotted(inner.group(1))
            at = key.end() + inner.start(1) + 1
            marks.setdefault(path + name, ((number, at), (number, key.end() + inner.end() + 1)))
    return marks


def marked(value, path: tuple, mark: tuple, marks: dict):
    """`value` (from tomllib) rebuilt as MarkedMaps and MarkedSeqs, each mark taken from `marks`."""
    if isinstance(value, dict):
        out = MarkedMap()
        out.mark = mark
        out.key_marks, out.value_marks = {}, {}
        for key, item in value.items():
            key_mark, value_mark = marks.get(path + (key,), (mark, mark))
            out.key_marks[key], out.value_marks[key] = key_mark, value_mark
            out[key] = marked(item, path + (key,), value_mark, marks)
        return out
    if isinstance(value, list):
        out = MarkedSeq()
        out.mark = mark
        out.item_marks = [mark] * len(value)
        out.extend(marked(item, path + (i,), mark, marks) for i, item in enumerate(value))
        return out
    return value
