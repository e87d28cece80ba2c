"""The YAML layer: values keep their marks; only plain, safe YAML gets through."""

import time

import pytest

from designlint.errors import InputError
from designlint.loading import yamlsource
from designlint.loading.yamlsource import MAX_DEPTH, MarkedMap, MarkedSeq, decode, locate, parse


def test_values_keep_line_and_column_of_keys_values_and_items():
    data = parse("a: 1\nb:\n  c: [x, y]\n  d:\n    - e\n", "f.yaml")
    assert isinstance(data, MarkedMap)
    assert locate(data, ("b",), key=True) == (2, 1)
    assert locate(data, ("b", "c")) == (3, 6)
    assert locate(data, ("b", "c", 1)) == (3, 10)
    assert locate(data, ("b", "d", 0)) == (5, 7)
    assert isinstance(data["b"]["c"], MarkedSeq)


def test_locate_stops_at_the_deepest_existing_parent():
    data = parse("a:\n  b: 1\n", "f.yaml")
    assert locate(data, ("a", "missing", "deeper")) == (2, 3)


def test_scalars_resolve_like_yaml_but_keys_stay_as_written():
    data = parse("n: 3\nf: 0.5\nt: true\nz: ~\nd: 2026-01-01\n1: one\non: off\ns: '3'\n", "f.yaml")
    assert data["n"] == 3 and data["f"] == 0.5 and data["t"] is True and data["z"] is None
    assert data["d"] == "2026-01-01"  # dates are kept as written
    assert data["1"] == "one" and data["on"] is False  # keys are the text written
    assert data["s"] == "3"


def test_merge_keys_fill_in_without_overriding_written_keys():
    data = parse("base: &b {owner: a, layer: x}\nc:\n  <<: *b\n  owner: mine\n", "f.yaml")
    assert dict(data["c"]) == {"owner": "mine", "layer": "x"}
    assert locate(data, ("c", "owner")) == (4, 10)


def test_aliases_share_anchored_values():
    data = parse("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert data["b"] == [1, 2]


@pytest.mark.parametrize("text, line, words", [
    ("a: 1\na: 2\n", 2, "duplicate key `a` (first defined at line 1)"),
    ("a: [1\n", 2, "YAML syntax"),
    ("a: !!python/object/apply:os.system [ls]\n", 1, "unsupported YAML tag"),
    ("a: !!binary aGk=\n", 1, "unsupported YAML tag `!!binary`"),
    ("a: !!set {x}\n", 1, "unsupported YAML tag `!!set`"),
    ("a: &x [*x]\n", 1, "recursive alias"),
    ("a: *nothing\n", 1, "names no anchor"),
    ("? [a, b]\n: 1\n", 1, "mapping key must be a plain value"),
    ("- a\n", 1, "is a list, not a mapping"),
    ("just text\n", 1, "single value"),
    ("", 1, "empty file"),
    ("# a comment\n\n", 1, "empty file"),
    ("a: 1\n---\nb: 2\n", 2, "second YAML document"),
])
def test_bad_yaml_is_refused_with_a_place(text, line, words):
    with pytest.raises(InputError) as info:
        parse(text, "f.yaml")
    assert info.value.file == "f.yaml"
    assert info.value.line == line
    assert words in info.value.message


DEEP_FLOW = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
DEEP_BLOCK = "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 1200))


@pytest.mark.parametrize("text, line, column", [
    # The top mapping is level 1, so the 64th `[` (column 3 + 64) opens level 65.
    pytest.param(DEEP_FLOW, 1, 3 + MAX_DEPTH, id="flow"),
    # `k63:` on line 64 holds the mapping of level 65, which starts at `k64:` (line 65, column 129).
    pytest.param(DEEP_BLOCK, MAX_DEPTH + 1, 2 * MAX_DEPTH + 1, id="block"),
])
@pytest.mark.parametrize("libyaml_limit_settable", [True, False])
def test_too_deep_nesting_is_one_error_naming_the_limit_whatever_the_parser(
        monkeypatch, text, line, column, libyaml_limit_settable):
    # libyaml 0.2.6 (PyYAML 6.0.4) has a nesting limit of its own, with its own
    # words; older ones have none. Both ways, the error is designlint's.
    if not libyaml_limit_settable:
        monkeypatch.setattr(yamlsource, "_set_nest_limit", None)
    with pytest.raises(InputError) as info:
        parse(text, "f.yaml")
    assert (info.value.file, info.value.line, info.value.column) == ("f.yaml", line, column)
    assert info.value.message == f"nesting is too deep (more than {MAX_DEPTH} levels): a design nests a few levels; look for unclosed brackets"


def test_billion_laughs_is_refused_quickly():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    started = time.perf_counter()
    with pytest.raises(InputError, match="billion laughs"):
        parse("\n".join(lines) + "\n", "bomb.yaml")
    assert time.perf_counter() - started < 1.0


def test_a_few_reused_anchors_are_fine():
    text = "d: &d {owner: x}\n" + "".join(f"c{i}: *d\n" for i in range(500))
    assert parse(text, "f.yaml")["c499"] == {"owner": "x"}


def test_decode_refuses_binary_and_non_utf8_with_the_place():
    with pytest.raises(InputError, match="binary") as info:
        decode(b"a: 1\nb: \x00\n", "f.yaml")
    assert (info.value.line, info.value.column) == (2, 4)
    with pytest.raises(InputError, match="not UTF-8") as info:
        decode("a: 1\nb: é\n".encode("latin-1"), "f.yaml")
    assert (info.value.line, info.value.column) == (2, 4)
    assert decode(b"\xef\xbb\xbfa: 1\n", "f.yaml") == "a: 1\n"
