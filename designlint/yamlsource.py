"""Read a YAML file into plain data that remembers where every value stood.

PyYAML composes the document into nodes (with the C parser when it is built
in); this module turns the nodes into dicts, lists and scalars that JSON Schema
can validate, while each mapping and sequence keeps the 1-based line and column
of its children. Only plain, safe YAML is accepted: standard tags, no
duplicate keys, no recursive aliases and no alias expansion bombs.
"""

from __future__ import annotations

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from designlint.errors import InputError

Mark = tuple  # (line, column), both 1-based

try:  # the C loader is many times faster; pure Python is the fallback
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

# Expansion that aliases may add beyond the nodes written in the file. A real
# design reuses an anchor a few times; a "billion laughs" file needs billions.
ALIAS_EXPANSION_LIMIT = 100_000
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_constructor = SafeConstructor()


class MarkedMap(dict):
    """A mapping that knows where it, its keys and its values stood."""

    __slots__ = ("mark", "key_marks", "value_marks")


class MarkedSeq(list):
    """A sequence that knows where it and each of its items stood."""

    __slots__ = ("mark", "item_marks")


def _str(node: ScalarNode):
    return node.value


def _bool(node: ScalarNode):
    return SafeConstructor.bool_values[node.value.lower()]


_SCALARS = {
    _TAG + "str": _str,
    _TAG + "null": lambda node: None,
    _TAG + "bool": _bool,
    _TAG + "int": _constructor.construct_yaml_int,
    _TAG + "float": _constructor.construct_yaml_float,
    # Dates are kept as the text the user wrote: the format has no date fields,
    # and a value like `2026-01-01` is more useful as a string than refused.
    _TAG + "timestamp": _str,
}


def _mark(node) -> Mark:
    m = node.start_mark
    return (m.line + 1, m.column + 1)


def _describe_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def read_text(path: str, display: str | None = None) -> str:
    """The file's text, or an InputError for a file that is missing, binary or not UTF-8."""
    name = display or path
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError(name, 0, 0, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(name, 0, 0, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(name, 0, 0, f"cannot be read: {exc.strerror or exc}") from None
    return decode(data, name)


def _position(data: bytes, offset: int) -> Mark:
    line_start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    return (data.count(b"\n", 0, offset) + 1, len(prefix) + 1)


def decode(data: bytes, name: str) -> str:
    nul = data.find(b"\x00")
    if nul != -1:
        line, col = _position(data, nul)
        raise InputError(name, line, col, "binary file (holds a NUL byte): a design is UTF-8 text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise InputError(name, line, col, f"not UTF-8 text (byte 0x{data[exc.start]:02x}): save the file as UTF-8") from None


def parse(text: str, name: str) -> MarkedMap:
    """Compose one YAML document and convert it; the top level must be a mapping."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, name) from None
    except yaml.YAMLError as exc:  # ReaderError and others without a problem mark
        raise _reader_error(exc, text, name) from None
    except RecursionError:
        raise InputError(name, 1, 1, f"nesting is too deep (more than {MAX_DEPTH} levels)") from None
    finally:
        loader.dispose()
    if root is None:
        raise InputError(name, 1, 1, "empty file: a design needs `designlint: 1`, `system` and `components`")
    if not isinstance(root, MappingNode):
        what = "a list" if isinstance(root, SequenceNode) else "a single value"
        line, col = _mark(root)
        raise InputError(name, line, col, f"the document is {what}, not a mapping: a design starts with `designlint: 1`")
    value = _Converter(name).convert_root(root)
    return value


def _yaml_error(exc: yaml.MarkedYAMLError, name: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    if context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        problem = f"{problem} ({context} at line {exc.context_mark.line + 1})"
    elif context and not exc.problem:
        problem = context
    return InputError(name, line, col, f"YAML syntax: {problem}")


def _reader_error(exc: yaml.YAMLError, text: str, name: str) -> InputError:
    position = getattr(exc, "position", None)
    if isinstance(position, int) and position <= len(text):
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
    else:
        line, col = 1, 1
    reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
    return InputError(name, line, col, f"YAML: {reason}")


class _Converter:
    def __init__(self, name: str):
        self.name = name
        self.memo: dict[int, tuple[object, int]] = {}
        self.active: set[int] = set()
        self.alias_expansion = 0

    def error(self, node, message: str) -> InputError:
        line, col = _mark(node)
        return InputError(self.name, line, col, message)

    def convert_root(self, root: MappingNode) -> MarkedMap:
        value, _ = self.convert(root, 0)
        return value  # type: ignore[return-value]

    def convert(self, node, depth: int) -> tuple[object, int]:
        """The node's value and the number of nodes it expands to."""
        key = id(node)
        seen = self.memo.get(key)
        if seen is not None:  # an alias: share the value, but count what it expands to
            self.alias_expansion += seen[1]
            if self.alias_expansion > ALIAS_EXPANSION_LIMIT:
                raise self.error(node, "aliases expand to too many nodes (a \"billion laughs\" attack?): refused")
            return seen
        if key in self.active:
            raise self.error(node, "recursive alias: an anchor refers to itself")
        if depth > MAX_DEPTH:
            raise self.error(node, f"nesting is too deep (more than {MAX_DEPTH} levels)")
        if isinstance(node, ScalarNode):
            result = (self.scalar(node), 1)
        else:
            self.active.add(key)
            try:
                if isinstance(node, MappingNode):
                    result = self.mapping(node, depth)
                else:
                    result = self.sequence(node, depth)
            finally:
                self.active.discard(key)
        self.memo[key] = result
        return result

    def scalar(self, node: ScalarNode):
        make = _SCALARS.get(node.tag)
        if make is None:
            raise self.error(node, f"unsupported YAML tag `{_describe_tag(node.tag)}`: designs use plain YAML values")
        try:
            return make(node)
        except (ValueError, KeyError, yaml.YAMLError):
            raise self.error(node, f"cannot read `{node.value[:40]}` as {_describe_tag(node.tag)}") from None

    def check_tag(self, node, expected: str) -> None:
        if node.tag != _TAG + expected:
            raise self.error(node, f"unsupported YAML tag `{_describe_tag(node.tag)}`: designs use plain YAML values")

    def sequence(self, node: SequenceNode, depth: int) -> tuple[MarkedSeq, int]:
        self.check_tag(node, "seq")
        out = MarkedSeq()
        out.mark = _mark(node)
        marks = []
        size = 1
        for item in node.value:
            value, n = self.convert(item, depth + 1)
            out.append(value)
            marks.append(_mark(item))
            size += n
        out.item_marks = marks
        return out, size

    def mapping(self, node: MappingNode, depth: int) -> tuple[MarkedMap, int]:
        self.check_tag(node, "map")
        out = MarkedMap()
        out.mark = _mark(node)
        key_marks: dict[str, Mark] = {}
        value_marks: dict[str, Mark] = {}
        merges = []
        size = 1
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                raise self.error(key_node, "a mapping key must be a plain value, not a list or mapping")
            if key_node.tag not in _SCALARS:
                raise self.error(key_node, f"unsupported YAML tag `{_describe_tag(key_node.tag)}`: designs use plain YAML values")
            key = key_node.value
            if key in key_marks:
                first = key_marks[key][0]
                raise self.error(key_node, f"duplicate key `{key}` (first defined at line {first}): each key may appear once")
            value, n = self.convert(value_node, depth + 1)
            out[key] = value
            key_marks[key] = _mark(key_node)
            value_marks[key] = _mark(value_node)
            size += n
        for merge in merges:
            size += self.merge_into(out, key_marks, value_marks, merge, depth)
        out.key_marks = key_marks
        out.value_marks = value_marks
        return out, size

    def merge_into(self, out, key_marks, value_marks, merge, depth: int) -> int:
        """`<<: *anchor` (or a list of anchors): keys written here win, then earlier anchors."""
        sources = merge.value if isinstance(merge, SequenceNode) else [merge]
        size = 0
        for source in sources:
            if not isinstance(source, MappingNode):
                raise self.error(source, "`<<` merges a mapping or a list of mappings")
            value, n = self.convert(source, depth + 1)
            size += n
            for key, item in value.items():
                if key not in key_marks:
                    out[key] = item
                    key_marks[key] = value.key_marks[key]
                    value_marks[key] = value.value_marks[key]
        return size


def locate(root, path, *, key: bool = False) -> Mark:
    """The mark of the value at `path` (or of its key, with key=True).

    Walks down as far as the path exists and returns the deepest mark found,
    so an error about a missing child points at its parent.
    """
    node = root
    mark = getattr(root, "mark", (1, 1))
    last = len(path) - 1
    for i, step in enumerate(path):
        if isinstance(node, MarkedMap) and step in node:
            mark = node.key_marks[step] if key and i == last else node.value_marks[step]
            node = node[step]
        elif isinstance(node, MarkedSeq) and isinstance(step, int) and 0 <= step < len(node):
            mark = node.item_marks[step]
            node = node[step]
        else:
            break
    return mark
