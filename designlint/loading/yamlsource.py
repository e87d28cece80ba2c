"""Read a YAML file into plain data that remembers where every value stood.

PyYAML composes the document into nodes (with the C parser when it is built
in); this module turns the nodes into dicts, lists and scalars that JSON Schema
can validate, while each mapping and sequence keeps the 1-based line and column
of its children. Only plain, safe YAML is accepted: standard tags, no
duplicate keys, no recursive aliases and no alias expansion bombs.
"""

from __future__ import annotations

import os
import re
import stat

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from designlint.errors import InputError
from designlint.loading.location import line_starts, position, text_position
from designlint.util.text import plural

Mark = tuple  # (line, column), both 1-based

try:  # the C loader is many times faster; pure Python is the fallback
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

# Expansion that aliases may add beyond the nodes written in the file. A real
# design reuses an anchor a few times; a "billion laughs" file needs billions.
ALIAS_EXPANSION_LIMIT = 100_000
MAX_DEPTH = 64

# libyaml 0.2.6 (bundled from PyYAML 6.0.4 on) refuses nesting past a limit of
# its own (1,000 levels by default), and its scanner looks up to 1,024
# characters ahead for a simple key, so on one long line of `[` it can meet that
# limit before the builder below sees level MAX_DEPTH + 1. Where PyYAML exposes
# the setting, the limit is raised past MAX_DEPTH plus that look-ahead for the
# duration of a parse, so the builder's own check (and message) always comes
# first. Where it does not, a parser error is re-read by the pure-Python parser
# (which has no limit) up to the error, see _deeper_than_allowed.
_LIBYAML_NEST_LIMIT = MAX_DEPTH + 2048
TOO_DEEP = f"nesting is too deep (more than {MAX_DEPTH} levels): a design nests a few levels; look for unclosed brackets"
try:
    from yaml import _yaml as _libyaml
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _libyaml = None
_get_nest_limit = getattr(_libyaml, "_get_max_nest_level", None)
_set_nest_limit = getattr(_libyaml, "_set_max_nest_level", None)

_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_constructor = SafeConstructor()


class MarkedMap(dict):
    """A mapping that knows where it, its keys and its values stood."""

    __slots__ = ("mark", "key_marks", "value_marks")


class MarkedSeq(list):
    """A sequence that knows where it and each of its items stood."""

    __slots__ = ("mark", "item_marks")


def _str(text: str):
    return text


def _bool(text: str):
    return SafeConstructor.bool_values[text.lower()]


def _int(text: str):
    return _constructor.construct_yaml_int(ScalarNode(_TAG + "int", text))


def _float(text: str):
    return _constructor.construct_yaml_float(ScalarNode(_TAG + "float", text))


# Each scalar tag -> how its text becomes a value.
_SCALARS = {
    _TAG + "str": _str,
    _TAG + "null": lambda text: None,
    _TAG + "bool": _bool,
    _TAG + "int": _int,
    _TAG + "float": _float,
    # Dates are kept as the text the user wrote: the format has no date fields,
    # and a value like `2026-01-01` is more useful as a string than refused.
    _TAG + "timestamp": _str,
}


def _describe_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


# Every input (design, Markdown, config, pack, baseline) is read through read_bytes: at most this many
# bytes, from a regular file only. A 100,000-component design is about 27 MiB.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_bytes(path: str, display: str | None = None, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file at `path`, or an InputError.

    Refuses what is not a regular file (a device such as /dev/zero, a FIFO, a
    socket: reading one may never end or block forever), and a file of more
    than `limit` bytes. The file is opened without blocking and checked with
    fstat, so what is checked is what is read.
    """
    name = display or path
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(name, 0, 0, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(name, 0, 0, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(name, 0, 0, f"cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(name, 0, 0, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(name, 0, 0, "is not a regular file (a device, pipe or socket): name a file")
        if info.st_size > limit:
            raise InputError(name, 0, 0, _too_big(limit))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(name, 0, 0, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while it was read
        raise InputError(name, 0, 0, _too_big(limit))
    return data


def _too_big(limit: int) -> str:
    size = f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit:,} bytes"
    return f"is larger than designlint reads ({size}): split it into several designs"


def read_text(path: str, display: str | None = None) -> str:
    """The file's text, or an InputError for a file that is missing, not regular, too big, binary or not UTF-8."""
    name = display or path
    return decode(read_bytes(path, name), name)


def _position(data: bytes, offset: int) -> Mark:
    """The editor's (line, column) of a byte offset (columns in characters)."""
    prefix = data[:offset].decode("utf-8", errors="replace")
    return text_position(prefix, len(prefix))


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


def parse(text: str, name: str, line_offset: int = 0, column_offset: int = 0) -> MarkedMap:
    """Build the one YAML document in `text`; the top level must be a mapping.

    The offsets place `text` inside a larger file (a fenced block in Markdown):
    every mark and error is shifted by them.
    """
    raise_limit = _Loader is not yaml.SafeLoader and _set_nest_limit is not None and _get_nest_limit is not None
    previous = _get_nest_limit() if raise_limit else None
    if raise_limit and previous < _LIBYAML_NEST_LIMIT:
        _set_nest_limit(_LIBYAML_NEST_LIMIT)
    loader = _Loader(text)
    # YAML also ends lines at NEL, U+2028 and U+2029, which editors do not: then marks are built
    # unshifted and moved to the editor's lines (see _Remap) before the offsets are added.
    remap = _Remap(text) if _YAML_ONLY_BREAK.search(text) else None
    offsets = (0, 0) if remap else (line_offset, column_offset)
    try:
        tree = _Builder(loader, name, *offsets).document()
    except InputError as error:
        raise _shift(remap.error(error) if remap else error, *offsets_left(remap, line_offset, column_offset)) from None
    except yaml.MarkedYAMLError as exc:
        error = _yaml_error(exc, name, text)
        if _Loader is not yaml.SafeLoader and not raise_limit:
            error = _deeper_than_allowed(text, exc, name) or error
        if remap:
            error = remap.error(error)
        raise _shift(error, line_offset, column_offset) from None
    except yaml.YAMLError as exc:  # ReaderError and others without a problem mark (positions already the editor's)
        raise _shift(_reader_error(exc, text, name), line_offset, column_offset) from None
    finally:
        loader.dispose()
        if raise_limit and previous < _LIBYAML_NEST_LIMIT:
            _set_nest_limit(previous)
    if remap:
        remap.tree(tree, line_offset, column_offset)
    return tree


def offsets_left(remap, line_offset: int, column_offset: int) -> tuple[int, int]:
    """The offsets still to add to an error the builder raised (it added them itself without a remap)."""
    return (line_offset, column_offset) if remap else (0, 0)


_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class _Remap:
    """YAML's (line, column) -> the editor's, for a text holding NEL, U+2028 or U+2029."""

    def __init__(self, text: str):
        self.yaml_starts = line_starts(text, _YAML_BREAK)
        self.editor_starts = line_starts(text)

    def __call__(self, mark: Mark, line_offset: int = 0, column_offset: int = 0) -> Mark:
        line, column = mark
        offset = self.yaml_starts[min(line, len(self.yaml_starts)) - 1] + column - 1
        line, column = position(self.editor_starts, offset)
        return (line + line_offset, column + column_offset)

    def error(self, error: InputError) -> InputError:
        if not error.line:
            return error
        line, column = self((error.line, error.column))
        return InputError(error.file, line, column, error.message)

    def tree(self, root, line_offset: int, column_offset: int) -> None:
        """Move every mark in the built tree, each container once (an alias shares its anchor's)."""
        seen: set[int] = set()
        stack = [root]
        move = self.__call__
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            node.mark = move(node.mark, line_offset, column_offset)
            if isinstance(node, MarkedMap):
                node.key_marks = {k: move(m, line_offset, column_offset) for k, m in node.key_marks.items()}
                node.value_marks = {k: move(m, line_offset, column_offset) for k, m in node.value_marks.items()}
                stack.extend(v for v in node.values() if isinstance(v, (MarkedMap, MarkedSeq)))
            else:
                node.item_marks = [move(m, line_offset, column_offset) for m in node.item_marks]
                stack.extend(v for v in node if isinstance(v, (MarkedMap, MarkedSeq)))


def _deeper_than_allowed(text: str, exc: yaml.MarkedYAMLError, name: str) -> InputError | None:
    """The builder's own depth error, if the text up to the C parser's error nests too deep.

    Used only where libyaml's nesting limit cannot be raised: its error may then
    stand for nesting the builder would have refused itself had it seen it first.
    The pure-Python parser has no such limit, so it reads the same text up to the
    error's position and the builder decides. Any other error keeps libyaml's words.
    """
    mark = exc.problem_mark or exc.context_mark
    if mark is None or mark.index is None:
        return None
    loader = yaml.SafeLoader(text[:mark.index])
    try:
        _Builder(loader, name).document()
    except InputError as error:
        if error.message == TOO_DEEP:
            return error
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return None


def _shift(error: InputError, line_offset: int, column_offset: int) -> InputError:
    if not (line_offset or column_offset):
        return error
    return InputError(error.file, error.line + line_offset, error.column + column_offset, error.message)


def _yaml_error(exc: yaml.MarkedYAMLError, name: str, text: str | None = None) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    reworded = _indentation_hint(exc, text)
    if reworded:
        return InputError(name, line, col, f"YAML syntax: {reworded}")
    if context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        above = exc.problem_mark.line - exc.context_mark.line
        problem = f"{problem} ({context} that starts {plural(above, 'line')} above)"
    elif context and not exc.problem:
        problem = context
    return InputError(name, line, col, f"YAML syntax: {problem}")


def _key_at(text: str | None, mark) -> tuple[str | None, bool]:
    """The `key` the line at `mark` starts with (None when it holds no `key:`), and whether the
    mark is at that key's own colon (rather than at a second `: ` later on the line)."""
    if text is None or mark is None or mark.index is None:
        return None, False
    start = max(text.rfind("\n", 0, mark.index), text.rfind("\r", 0, mark.index)) + 1
    match = re.match(r"\s*-?\s*([^\s:#][^:#]*?)\s*:(\s|$)", text[start:start + 200])
    if not match:
        return None, False
    return match.group(1), start + match.end(1) >= mark.index


def _indentation_hint(exc: yaml.MarkedYAMLError, text: str | None) -> str | None:
    """The two errors a mis-indented key gives, said the way a person fixes them (or None)."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark
    key, at_key = _key_at(text, mark)
    shown = f"`{key}:`" if key else "this line"
    if problem == "did not find expected key" and "block mapping" in context:
        above = ""
        if exc.context_mark is not None and mark is not None and exc.context_mark.line != mark.line:
            n = mark.line - exc.context_mark.line
            above = f" (the mapping starts {n} line{'' if n == 1 else 's'} above)"
        return (f"{shown} is indented less than the keys above it but more than their parent, so it belongs "
                f"to no mapping{above}: line it up with the keys it belongs with")
    if problem == "mapping values are not allowed in this context":
        if key and not at_key:  # `app: kind: interface`: a second `: ` on the line of `app:`
            return (f"the value of {shown} holds `: `, which YAML reads as a second key on one line: quote the "
                    "value, or write the mapping on lines of its own, indented under the key")
        return (f"{shown} is indented more than the key above it, so YAML reads it as part of that key's value: "
                "line it up with the keys above it (or quote a value that holds `: `)")
    if problem == "did not find expected '-' indicator" and "block collection" in context:
        return f"{shown} is not indented like the list items above it: line it up with them, or start it with `- `"
    return None


def _reader_error(exc: yaml.YAMLError, text: str, name: str) -> InputError:
    position = getattr(exc, "position", None)
    if isinstance(position, int) and position <= len(text):
        line, col = text_position(text, position)
    else:
        line, col = 1, 1
    reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
    return InputError(name, line, col, f"YAML: {reason}")


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("value", "is_map", "anchor", "size", "key", "key_mark", "merges", "marks", "keys")

    def __init__(self, value, is_map: bool, anchor):
        self.value = value
        self.is_map = is_map
        self.anchor = anchor
        self.size = 1
        self.key = _NO_KEY
        self.key_mark = None
        self.merges = []
        self.marks = {} if is_map else []  # value marks, or item marks
        self.keys = {}  # key marks


_NO_KEY = object()
_MERGE_KEY = object()


class _Builder:
    """Builds values from parser events with an explicit stack: no recursion, so no depth can crash it."""

    def __init__(self, loader, name: str, line_offset: int = 0, column_offset: int = 0):
        self.loader = loader
        self.name = name
        self.lo = line_offset + 1  # parser marks are 0-based
        self.co = column_offset + 1
        self.anchors: dict[str, tuple[object, int]] = {}
        self.open_anchors: set[str] = set()
        self.alias_expansion = 0

    def error(self, mark, message: str) -> InputError:
        return InputError(self.name, mark.line + self.lo, mark.column + self.co, message)

    def document(self) -> MarkedMap:
        get_event = self.loader.get_event
        get_event()  # StreamStartEvent
        event = get_event()
        if isinstance(event, yaml.StreamEndEvent):
            raise InputError(self.name, self.lo, self.co, "empty file: a design needs `designlint: 1`, `system` and `components`")
        root = self.value()
        get_event()  # DocumentEndEvent
        event = get_event()
        if not isinstance(event, yaml.StreamEndEvent):
            raise self.error(event.start_mark, "a second YAML document: a file holds one design (remove the `---`)")
        return root

    def value(self):
        get_event = self.loader.get_event
        resolve = self.loader.resolve
        resolved: dict[tuple, str] = {}  # a design repeats its keys and kinds: resolve each text once
        stack: list[_Frame] = []
        lo, co = self.lo, self.co
        while True:
            event = get_event()
            cls = event.__class__
            mark = event.start_mark
            top = stack[-1] if stack else None
            awaiting_key = top is not None and top.is_map and top.key is _NO_KEY
            if cls is yaml.ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolved.get((event.value, event.implicit))
                    if tag is None:
                        tag = resolved[event.value, event.implicit] = resolve(ScalarNode, event.value, event.implicit)
                if awaiting_key:
                    self.take_key(top, event, tag, mark)
                    continue
                make = _SCALARS.get(tag)
                if make is None:
                    raise self.error(mark, f"unsupported YAML tag `{_describe_tag(tag)}`: designs use plain YAML values")
                try:
                    value = make(event.value)
                except (ValueError, KeyError, yaml.YAMLError):
                    raise self.error(mark, f"cannot read `{event.value[:40]}` as {_describe_tag(tag)}") from None
                size = 1
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
            elif cls is yaml.AliasEvent:
                if awaiting_key:
                    raise self.error(mark, "an alias cannot be a mapping key")
                seen = self.anchors.get(event.anchor)
                if seen is None:
                    if event.anchor in self.open_anchors:
                        raise self.error(mark, "recursive alias: an anchor refers to itself")
                    raise self.error(mark, f"alias `*{event.anchor}` names no anchor defined before it")
                value, size = seen
                self.alias_expansion += size
                if self.alias_expansion > ALIAS_EXPANSION_LIMIT:
                    raise self.error(mark, 'aliases expand to too many nodes (a "billion laughs" attack?): refused')
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                is_map = cls is yaml.MappingStartEvent
                if awaiting_key:
                    raise self.error(mark, "a mapping key must be a plain value, not a list or mapping")
                if len(stack) >= MAX_DEPTH:
                    raise self.error(mark, TOO_DEEP)
                if event.tag not in (None, "!", _TAG + ("map" if is_map else "seq")):
                    raise self.error(mark, f"unsupported YAML tag `{_describe_tag(event.tag)}`: designs use plain YAML values")
                container = MarkedMap() if is_map else MarkedSeq()
                container.mark = (mark.line + lo, mark.column + co)
                if event.anchor:
                    self.open_anchors.add(event.anchor)
                stack.append(_Frame(container, is_map, event.anchor))
                continue
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                frame = stack.pop()
                value, size = frame.value, frame.size
                if frame.is_map:
                    for merge_mark, merged in frame.merges:
                        size += self.merge(value, frame, merged, merge_mark)
                    value.key_marks = frame.keys
                    value.value_marks = frame.marks
                else:
                    value.item_marks = frame.marks
                if frame.anchor:
                    self.open_anchors.discard(frame.anchor)
                    self.anchors[frame.anchor] = (value, size)
                mark = None  # the container's own mark was set when it started
                top = stack[-1] if stack else None
            else:  # pragma: no cover - the parser yields nothing else inside a document
                raise self.error(mark, f"unexpected YAML event {cls.__name__}")
            if top is None:
                if not isinstance(value, MarkedMap):
                    what = "a list" if isinstance(value, list) else "a single value"
                    line, col = getattr(value, "mark", (mark.line + lo, mark.column + co) if mark else (lo, co))
                    raise InputError(self.name, line, col,
                                     f"the document is {what}, not a mapping: a design starts with `designlint: 1`")
                return value
            where = (mark.line + lo, mark.column + co) if mark is not None else value.mark
            top.size += size
            if not top.is_map:
                top.value.append(value)
                top.marks.append(where)
            elif top.key is _MERGE_KEY:
                top.merges.append((where, value))
                top.key = _NO_KEY
            else:
                top.value[top.key] = value
                top.marks[top.key] = where
                top.key = _NO_KEY

    def take_key(self, frame: _Frame, event, tag: str, mark) -> None:
        if tag == _MERGE:
            frame.key = _MERGE_KEY
            return
        if tag not in _SCALARS:
            raise self.error(mark, f"unsupported YAML tag `{_describe_tag(tag)}`: designs use plain YAML values")
        key = event.value
        if key in frame.keys:
            first = frame.keys[key][0]
            raise self.error(mark, f"duplicate key `{key}` (first defined at line {first}): each key may appear once")
        frame.keys[key] = (mark.line + self.lo, mark.column + self.co)
        frame.key = key

    def merge(self, out: MarkedMap, frame: _Frame, merged, merge_mark) -> int:
        """`<<: *anchor` (or a list of anchors): keys written here win, then earlier anchors."""
        sources = merged if isinstance(merged, MarkedSeq) else [merged]
        size = 0
        for source in sources:
            if not isinstance(source, MarkedMap):
                raise InputError(self.name, merge_mark[0], merge_mark[1], "`<<` merges a mapping or a list of mappings")
            for key, item in source.items():
                if key not in frame.keys:
                    out[key] = item
                    frame.keys[key] = source.key_marks[key]
                    frame.marks[key] = source.value_marks[key]
                    size += 1
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
