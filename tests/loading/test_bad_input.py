"""Inputs that cannot be read exit 2 with one `FILE:LINE:COL: error: MESSAGE` line on stderr, never a traceback.

The cases are data: tests/bad_input/*.yaml, each a list of `{name, text or
bytes, line, column, message}`. Each is written to `design.yaml` in the
test's folder and checked in-process (click's CliRunner) with that relative
name, and stderr must be exactly the one line the case gives. A few smoke
tests run the real process (`python -m designlint`) for what only a process
shows: a YAML tag that would run a command, an alias bomb under a timeout,
a missing file, a binary file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

CASES_DIR = Path(__file__).resolve().parents[1] / "bad_input"


def _cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}::{case['name']}")


CASES = list(_cases())

UNREAD = "1 file could not be read (1 input error): nothing was checked.\n"
VALID_DESIGN = "designlint: 1\nsystem: valid\ncomponents:\n  app: {kind: interface, owner: web}\n"


def _write(case, path: Path) -> None:
    if "bytes" in case:
        path.write_bytes(case["bytes"])
    else:
        path.write_text(case["text"], encoding="utf-8")


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_case_file_holds_cases_with_every_field():
    assert len(CASES) >= 25
    for param in CASES:
        case = param.values[0]
        assert set(case) == {"name", "text" if "text" in case else "bytes", "line", "column", "message"}, case


@pytest.mark.parametrize("case", CASES)
def test_a_bad_input_gives_exactly_its_one_line_error(case, here, run_cli):
    _write(case, here / "design.yaml")
    code, out, err = run_cli("check", "design.yaml")
    assert (code, out, err) == (2, UNREAD, f"design.yaml:{case['line']}:{case['column']}: error: {case['message']}\n")


@pytest.mark.parametrize("case", CASES)
def test_the_same_error_comes_out_with_json_format(case, here, run_cli):
    _write(case, here / "design.yaml")
    code, out, err = run_cli("check", "--format", "json", "design.yaml")
    assert (code, err) == (2, f"design.yaml:{case['line']}:{case['column']}: error: {case['message']}\n")
    assert json.loads(out)["errors"] == [{"file": "design.yaml", "line": case["line"], "column": case["column"],
                                          "message": case["message"]}]


@pytest.mark.parametrize("order", [["good.yaml", "bad.yaml"], ["bad.yaml", "good.yaml"]])
def test_an_unreadable_file_beside_a_valid_one_still_exits_2(order, here, run_cli):
    (here / "good.yaml").write_text(VALID_DESIGN, encoding="utf-8")
    (here / "bad.yaml").write_text("designlint: 1\nsystem: [unclosed\n", encoding="utf-8")
    code, _, err = run_cli("check", *order)
    assert (code, err) == (2, "bad.yaml:3:1: error: YAML syntax: did not find expected ',' or ']' "
                              "(while parsing a flow sequence that starts 1 line above)\n")


# --- smoke tests in a real process ------------------------------------------------------------


def test_a_python_tag_is_refused_and_never_run(tmp_path, run_process):
    (tmp_path / "design.yaml").write_text(
        'designlint: 1\nsystem: !!python/object/apply:os.system ["echo hi"]\ncomponents:\n  app: {kind: interface}\n',
        encoding="utf-8")
    code, out, err = run_process("check", "design.yaml", cwd=tmp_path)
    assert (code, out) == (2, UNREAD)  # and no "hi" from a command
    assert err == ("design.yaml:2:9: error: unsupported YAML tag `!!python/object/apply:os.system`: "
                   "designs use plain YAML values\n")


def test_an_alias_bomb_the_linter_would_walk_is_refused(tmp_path, run_process):
    rows = ['  l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = "designlint: 1\nsystem: s\nx-laughs:\n" + "\n".join(rows) + "\ncomponents:\n  app: {kind: interface}\nflows: *l9\n"
    (tmp_path / "design.yaml").write_text(text, encoding="utf-8")
    code, out, err = run_process("check", "design.yaml", cwd=tmp_path, timeout=60)  # a hang fails, not a slow run
    assert (code, out, err) == (2, UNREAD, 'design.yaml:9:12: error: aliases expand to too many nodes '
                                       '(a "billion laughs" attack?): refused\n')


def test_a_missing_file_names_itself_without_a_position(tmp_path, run_process):
    code, out, err = run_process("check", "no-such-design.yaml", cwd=tmp_path)
    assert (code, out) == (2, UNREAD)
    assert err == "no-such-design.yaml: error: no such file or directory\n"


def test_a_binary_file_is_refused_by_the_process_too(tmp_path, run_process):
    (tmp_path / "design.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, out, err = run_process("check", "design.yaml", cwd=tmp_path)
    assert (code, out, err) == (2, UNREAD, "design.yaml:3:1: error: binary file (holds a NUL byte): a design is UTF-8 text\n")
