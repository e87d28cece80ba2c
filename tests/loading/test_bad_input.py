"""Inputs that cannot be read must exit 2 with one `FILE:LINE:COL: error: MESSAGE`
line per problem on stderr, and never a Python traceback.

These run the real CLI in a subprocess (`python -m designlint check PATH`), with
the working directory set to the test's tmp_path and a relative file name, so
that what the user sees is exactly what is checked.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

VALID_DESIGN = """\
designlint: 1
system: valid
components:
  app:
    kind: interface
    owner: web
    error_budget: {availability: 99.9%}
"""


def run_cli(args, cwd, timeout=30):
    env = dict(os.environ)
    extra = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(REPO_ROOT) + (os.pathsep + extra if extra else "")
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "designlint", *args],
        cwd=str(cwd),
        capture_output=True,
        timeout=timeout,
        env=env,
    )
    proc.elapsed = time.monotonic() - start
    proc.out = proc.stdout.decode("utf-8", errors="replace")
    proc.err = proc.stderr.decode("utf-8", errors="replace")
    return proc


def check(tmp_path, name, content, *extra_args):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return run_cli(["check", *extra_args, name], cwd=tmp_path)


def assert_input_error(proc, name, tmp_path, line=None, tolerance=0, n_lines=1):
    """Exit 2, no traceback, first stderr line `NAME:LINE:COL: error: MSG`.

    Returns (line, column, message) of the first stderr line.
    """
    where = f"\nexit={proc.returncode}\nstdout:\n{proc.out}\nstderr:\n{proc.err}"
    assert proc.returncode == 2, where
    assert "Traceback" not in proc.err, where
    assert "Traceback" not in proc.out, where
    lines = [ln for ln in proc.err.splitlines() if ln.strip()]
    assert lines, "nothing on stderr" + where
    if n_lines is not None:
        assert len(lines) == n_lines, f"expected {n_lines} stderr line(s)" + where
    names = [re.escape(name), re.escape(str(tmp_path / name))]
    m = re.match(rf"^(?:{'|'.join(names)}):(\d+):(\d+): error: (\S.*)$", lines[0])
    assert m, "first stderr line is not `FILE:LINE:COL: error: MESSAGE`" + where
    got_line, got_col, message = int(m.group(1)), int(m.group(2)), m.group(3)
    assert got_line >= 1 and got_col >= 1, where
    if line is not None:
        assert abs(got_line - line) <= tolerance, f"expected line {line}, got {got_line}" + where
    return got_line, got_col, message


# --- YAML that does not parse ---------------------------------------------------


def test_yaml_syntax_error_mapping_values(tmp_path):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  app: kind: interface\n"  # line 4: mapping values are not allowed here
        "flows: []\n"
    )
    proc = check(tmp_path, "design.yaml", content)
    assert_input_error(proc, "design.yaml", tmp_path, line=4, tolerance=1)


def test_yaml_syntax_error_bad_indentation(tmp_path):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  app:\n"
        "    kind: interface\n"
        "   owner: web\n"  # line 6: dedented by one space
    )
    proc = check(tmp_path, "design.yaml", content)
    assert_input_error(proc, "design.yaml", tmp_path, line=6, tolerance=1)


# --- duplicate keys ------------------------------------------------------------------


def test_duplicate_component_id(tmp_path):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  scorer:\n"  # line 4
        "    kind: model\n"
        "    owner: ds\n"
        "  scorer:\n"  # line 7
        "    kind: rule\n"
        "    owner: ds\n"
    )
    proc = check(tmp_path, "design.yaml", content)
    _, _, message = assert_input_error(proc, "design.yaml", tmp_path, line=7)
    assert "scorer" in message, message
    # It names both lines: the first definition in the message, the second in
    # the location (and possibly the message too).
    assert re.search(r"\b4\b", message), message


def test_duplicate_key_inside_component(tmp_path):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  api:\n"
        "    owner: team-a\n"  # line 5
        "    kind: service\n"
        "    owner: team-b\n"  # line 7
    )
    proc = check(tmp_path, "design.yaml", content)
    _, _, message = assert_input_error(proc, "design.yaml", tmp_path, line=7)
    assert "owner" in message, message


def test_duplicate_top_level_key(tmp_path):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  api: {kind: service, owner: t}\n"
        "system: t\n"  # line 5
    )
    proc = check(tmp_path, "design.yaml", content)
    _, _, message = assert_input_error(proc, "design.yaml", tmp_path, line=5)
    assert "system" in message, message


# --- documents that are not a design mapping -----------------------------------------


def test_top_level_list(tmp_path):
    proc = check(tmp_path, "design.yaml", "- designlint: 1\n- system: s\n")
    assert_input_error(proc, "design.yaml", tmp_path, line=1)


def test_scalar_document(tmp_path):
    proc = check(tmp_path, "design.yaml", "just a sentence, not a design\n")
    assert_input_error(proc, "design.yaml", tmp_path, line=1)


def test_empty_file(tmp_path):
    proc = check(tmp_path, "design.yaml", "")
    assert_input_error(proc, "design.yaml", tmp_path)


def test_whitespace_and_comments_only(tmp_path):
    proc = check(tmp_path, "design.yaml", "\n   \n# just a comment\n\n  # another\n")
    assert_input_error(proc, "design.yaml", tmp_path)


def test_non_utf8_bytes(tmp_path):
    content = b"designlint: 1\nsystem: caf\xe9 \xff\xfe\ncomponents:\n  app: {kind: interface}\n"
    proc = check(tmp_path, "design.yaml", content)
    assert_input_error(proc, "design.yaml", tmp_path)


def test_binary_file_with_nul_bytes(tmp_path):
    content = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    proc = check(tmp_path, "design.yaml", content)
    assert_input_error(proc, "design.yaml", tmp_path)


# --- tags and aliases ---------------------------------------------------------------


def test_python_object_tag_is_not_executed(tmp_path):
    content = (
        "designlint: 1\n"
        'system: !!python/object/apply:os.system ["echo hi"]\n'  # line 2
        "components:\n"
        "  app: {kind: interface, owner: web}\n"
    )
    proc = check(tmp_path, "design.yaml", content)
    assert_input_error(proc, "design.yaml", tmp_path, line=2)
    assert "hi" not in [ln.strip() for ln in proc.out.splitlines()], proc.out


def test_custom_tag(tmp_path):
    content = (
        "designlint: 1\n"
        "system: !custom x\n"  # line 2
        "components:\n"
        "  app: {kind: interface, owner: web}\n"
    )
    proc = check(tmp_path, "design.yaml", content)
    assert_input_error(proc, "design.yaml", tmp_path, line=2)


def _billion_laughs(indent: str) -> str:
    rows = [f'{indent}l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*l{i - 1}"] * 9)
        rows.append(f"{indent}l{i}: &l{i} [{refs}]")
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("where", ["extension", "flows"])
def test_alias_bomb(tmp_path, where):
    if where == "extension":
        # Hidden in an `x-` extension key, which is otherwise allowed.
        content = (
            "designlint: 1\n"
            "system: s\n"
            "x-laughs:\n"
            + _billion_laughs("  ")
            + "components:\n"
            "  app: {kind: interface, owner: web, error_budget: {availability: 99%}}\n"
        )
    else:
        # Used where the linter has to walk it.
        content = (
            "designlint: 1\n"
            "system: s\n"
            "x-laughs:\n"
            + _billion_laughs("  ")
            + "components:\n"
            "  app: {kind: interface, owner: web, error_budget: {availability: 99%}}\n"
            "flows: *l9\n"
        )
    proc = check(tmp_path, "design.yaml", content)
    assert proc.elapsed < 5, f"took {proc.elapsed:.1f}s"
    assert_input_error(proc, "design.yaml", tmp_path)


# --- schema violations ----------------------------------------------------------------


def test_missing_required_system(tmp_path):
    content = (
        "designlint: 1\n"
        "components:\n"
        "  app: {kind: interface, owner: web}\n"
    )
    proc = check(tmp_path, "design.yaml", content)
    _, _, message = assert_input_error(proc, "design.yaml", tmp_path)
    assert "system" in message, message


def test_missing_required_components(tmp_path):
    proc = check(tmp_path, "design.yaml", "designlint: 1\nsystem: s\n")
    _, _, message = assert_input_error(proc, "design.yaml", tmp_path)
    assert "components" in message, message


@pytest.mark.parametrize("version", ["2", '"1"'], ids=["two", "string-one"])
def test_wrong_format_version(tmp_path, version):
    content = (
        f"designlint: {version}\n"  # line 1
        "system: s\n"
        "components:\n"
        "  app: {kind: interface, owner: web}\n"
    )
    proc = check(tmp_path, "design.yaml", content)
    assert_input_error(proc, "design.yaml", tmp_path, line=1)


def test_unknown_component_kind(tmp_path):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  app:\n"
        "    kind: robot\n"  # line 5
        "    owner: web\n"
    )
    proc = check(tmp_path, "design.yaml", content)
    _, _, message = assert_input_error(proc, "design.yaml", tmp_path, line=5)
    assert "robot" in message or "kind" in message, message


def test_component_that_is_not_a_mapping(tmp_path):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  app: interface\n"  # line 4
    )
    proc = check(tmp_path, "design.yaml", content)
    assert_input_error(proc, "design.yaml", tmp_path, line=4)


def test_missing_component_kind(tmp_path):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  app:\n"  # line 4
        "    owner: web\n"
    )
    proc = check(tmp_path, "design.yaml", content)
    _, _, message = assert_input_error(proc, "design.yaml", tmp_path, line=4, tolerance=1)
    assert "kind" in message, message


def test_unknown_component_field_suggests_near_miss(tmp_path):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  app:\n"
        "    kind: interface\n"
        "    ownr: web\n"  # line 6
    )
    proc = check(tmp_path, "design.yaml", content)
    _, _, message = assert_input_error(proc, "design.yaml", tmp_path, line=6)
    assert "ownr" in message, message
    assert "owner" in message, message


def test_unknown_top_level_field(tmp_path):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  app: {kind: interface, owner: web}\n"
        "flow:\n"  # line 5: a typo for `flows`
        "  - app -> app\n"
    )
    proc = check(tmp_path, "design.yaml", content)
    _, _, message = assert_input_error(proc, "design.yaml", tmp_path, line=5)
    assert "flow" in message, message


@pytest.mark.parametrize("reason", ['""', "", "~"], ids=["empty-string", "null", "tilde"])
def test_empty_waive_reason(tmp_path, reason):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  app:\n"
        "    kind: interface\n"
        "    waive:\n"
        f"      missing-owner: {reason}\n"  # line 7
    ).replace(" \n", "\n")
    proc = check(tmp_path, "design.yaml", content)
    assert_input_error(proc, "design.yaml", tmp_path, line=7)


def test_flow_with_bad_kind(tmp_path):
    content = (
        "designlint: 1\n"
        "system: s\n"
        "components:\n"
        "  a: {kind: service, owner: t}\n"
        "  b: {kind: service, owner: t}\n"
        "flows:\n"
        "  - a -> b\n"
        "  - {from: a, to: b, kind: sideways}\n"  # line 8
    )
    proc = check(tmp_path, "design.yaml", content)
    assert_input_error(proc, "design.yaml", tmp_path, line=8)


# --- files that are not there -----------------------------------------------------------


def test_nonexistent_path(tmp_path):
    proc = run_cli(["check", "no-such-design.yaml"], cwd=tmp_path)
    where = f"\nexit={proc.returncode}\nstdout:\n{proc.out}\nstderr:\n{proc.err}"
    assert proc.returncode == 2, where
    assert "Traceback" not in proc.err and "Traceback" not in proc.out, where
    lines = [ln for ln in proc.err.splitlines() if ln.strip()]
    assert len(lines) == 1, where
    assert re.match(
        rf"^(?:no-such-design\.yaml|{re.escape(str(tmp_path / 'no-such-design.yaml'))}): error: \S",
        lines[0],
    ), where


def test_error_file_and_valid_file_together_exit_2(tmp_path):
    (tmp_path / "good.yaml").write_text(VALID_DESIGN, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("designlint: 1\nsystem: [unclosed\n", encoding="utf-8")
    for order in (["good.yaml", "bad.yaml"], ["bad.yaml", "good.yaml"]):
        proc = run_cli(["check", *order], cwd=tmp_path)
        where = f"\nargs={order}\nexit={proc.returncode}\nstdout:\n{proc.out}\nstderr:\n{proc.err}"
        assert proc.returncode == 2, where
        assert "Traceback" not in proc.err and "Traceback" not in proc.out, where
        assert re.search(r"^bad\.yaml:\d+:\d+: error: ", proc.err, re.M) or re.search(
            rf"^{re.escape(str(tmp_path / 'bad.yaml'))}:\d+:\d+: error: ", proc.err, re.M
        ), where


def test_input_error_with_json_format(tmp_path):
    content = "designlint: 1\nsystem: s\ncomponents:\n  app: kind: interface\n"
    proc = check(tmp_path, "design.yaml", content, "--format", "json")
    assert_input_error(proc, "design.yaml", tmp_path, line=4, tolerance=1)
    if proc.out.strip():
        report = json.loads(proc.out)
        assert report.get("errors"), report
