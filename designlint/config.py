"""Project configuration: find it, validate it, and turn it into an engine Config.

The configuration is `.designlint.yaml` (or `.yml`), or the `[tool.designlint]`
table of pyproject.toml, in the working directory or the nearest folder above
it. It is validated against schemas/config.schema.json; every wrong key or
value is an input error at its file, line and column. Command-line options
override it key by key.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

from designlint import schema, yamlsource
from designlint.engine import Config
from designlint.errors import InputError, InputErrors
from designlint.findings import Severity
from designlint.yamlsource import MarkedMap, MarkedSeq, locate

YAML_NAMES = (".designlint.yaml", ".designlint.yml")
PYPROJECT = "pyproject.toml"
TOML_TABLE = ("tool", "designlint")


def find(start: str = ".") -> str | None:
    """The config file that applies in `start`: the nearest one in it or a folder above."""
    folder = os.path.abspath(start)
    while True:
        for name in YAML_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return os.path.relpath(candidate)
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and _has_table(candidate):
            return os.path.relpath(candidate)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_table(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[\s*tool\.designlint\s*[.\]]", text, re.MULTILINE) is not None


def read(path: str, registry=None) -> MarkedMap:
    """The validated settings in a config file (YAML, or a TOML file's [tool.designlint])."""
    text = yamlsource.read_text(path)
    if path.endswith(".toml"):
        data = _toml_settings(text, path)
    else:
        data = _yaml_settings(text, path)
    schema.validate(data, path, "config")
    if data.get("rules"):
        from designlint.packs import load_registry

        registry = load_registry(_pack_paths(data, _folder(path)), base=registry)
    _check_rule_ids(data, path, registry)
    return data


def _folder(path: str) -> str:
    return os.path.relpath(os.path.dirname(os.path.abspath(path)))


def _pack_paths(data, root: str) -> tuple[str, ...]:
    return tuple(os.path.normpath(os.path.join(root, p)) for p in data.get("rules") or ())


def _yaml_settings(text: str, path: str) -> MarkedMap:
    try:
        return yamlsource.parse(text, path)
    except InputError as exc:
        # yamlsource speaks of designs; a config may be empty, and is settings, not a design.
        if exc.message.startswith("empty file"):
            return _marked({}, (), (1, 1), {})
        if exc.message.startswith("the document is"):
            raise InputError(path, exc.line, exc.column,
                             "the configuration must be a mapping of settings, such as `fail-on: warning`") from None
        raise


def _check_rule_ids(data: MarkedMap, path: str, registry) -> None:
    # Rule ids cannot be in the schema: rule packs add rules. Check them against the registry.
    from designlint.rules import default_registry

    registry = registry or default_registry()
    known = registry.ids()
    errors = []

    def unknown(where, rule_id, place, key=False):
        line, col = locate(data, place, key=key)
        errors.append(InputError(path, line, col, f"{where}: `{rule_id}` is not a rule{schema.suggest(rule_id, known)}"))

    for name in ("select", "ignore"):
        for i, rule_id in enumerate(data.get(name, ())):
            if rule_id not in registry:
                unknown(f"`{name}`", rule_id, (name, i))
    for rule_id in data.get("severity", {}):
        if rule_id not in registry:
            unknown("`severity`", rule_id, ("severity", rule_id), key=True)
    if errors:
        raise InputErrors(errors)


def to_config(data, root: str) -> Config:
    """An engine Config from validated settings; paths in them are relative to `root`."""
    baseline = data.get("baseline")
    return Config(
        select=frozenset(data["select"]) if "select" in data else None,
        ignore=frozenset(data.get("ignore", ())),
        severity={rule_id: Severity(level) for rule_id, level in data.get("severity", {}).items()},
        fail_on=Severity(data.get("fail-on", "error")),
        include=tuple(data["include"]) if "include" in data else None,
        exclude=tuple(data.get("exclude", ())),
        root=root,
        baseline=os.path.normpath(os.path.join(root, baseline)) if baseline else None,
        packs=_pack_paths(data, root),
    )


def resolve(config_path: str | None = None, isolated: bool = False, start: str = ".", registry=None,
            **overrides) -> tuple[Config, str | None]:
    """The Config for a run and the file it came from: `config_path`, else the one found
    from `start`, else none (`isolated`). Overrides that are not None replace the file's keys."""
    path = None if isolated else (config_path or find(start))
    if path is not None and not os.path.isfile(path):
        raise InputError(path, 0, 0, "no such config file")
    if path is None:
        config = Config(root=os.path.relpath(start) if start != "." else ".")
    else:
        root = os.path.relpath(os.path.dirname(os.path.abspath(path)))
        config = to_config(read(path, registry), root)
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(config, **given), path


# TOML ------------------------------------------------------------------------
# tomllib gives no positions. To point errors at lines anyway, the settings are
# rebuilt as MarkedMaps whose marks come from a scan of the text for each key.

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=\s*""")
_INLINE_KEY = re.compile(r"""[{,]\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=\s*""")
_TOML_ERROR_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _split_dotted(text: str) -> tuple[str, ...]:
    parts = re.findall(r""""[^"]*"|'[^']*'|[^.\s]+""", text)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _toml_settings(text: str, path: str) -> MarkedMap:
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
            line, col = text.count("\n") + 1, len(text) - text.rfind("\n")
        message = re.sub(r"\s*\(at [^)]*\)", "", str(exc)).strip()
        raise InputError(path, line, col, f"TOML syntax: {message}") from None
    marks = _toml_marks(text)
    table = document
    for step in TOML_TABLE:
        table = table.get(step) if isinstance(table, dict) else None
    if table is None:
        raise InputError(path, 0, 0, "has no [tool.designlint] table")
    if not isinstance(table, dict):
        line, col = marks.get(TOML_TABLE, ((1, 1), (1, 1)))[0]
        raise InputError(path, line, col, "`tool.designlint` must be a table")
    start = marks.get(TOML_TABLE, ((1, 1), (1, 1)))[0]
    return _marked(table, TOML_TABLE, start, marks)


def _toml_marks(text: str) -> dict[tuple, tuple]:
    """(key mark, value mark) of every key path, found line by line; best effort."""
    marks: dict[tuple, tuple] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
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


def _marked(value, path: tuple, mark: tuple, marks: dict):
    if isinstance(value, dict):
        out = MarkedMap()
        out.mark = mark
        out.key_marks, out.value_marks = {}, {}
        for key, item in value.items():
            key_mark, value_mark = marks.get(path + (key,), (mark, mark))
            out.key_marks[key], out.value_marks[key] = key_mark, value_mark
            out[key] = _marked(item, path + (key,), value_mark, marks)
        return out
    if isinstance(value, list):
        out = MarkedSeq()
        out.mark = mark
        out.item_marks = [mark] * len(value)
        out.extend(_marked(item, path + (i,), mark, marks) for i, item in enumerate(value))
        return out
    return value
