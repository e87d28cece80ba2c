"""[12] A config file that cannot be read or parsed is an input error at file:line:col, never ignored."""

import pytest

GOOD = "designlint: 1\nsystem: s\ncomponents:\n  a: {kind: rule, owner: o}\n"  # a warning only


@pytest.mark.parametrize("text, where, message", [
    ('[project]\nname = "x"\n\n[tool.designlint\nfail-on = "warning"\n', "4:17",
     "TOML syntax: Expected ']' at the end of a table declaration"),
    ('[tool.designlint]\nfail-on = "warning\n', "2:19", "TOML syntax: Illegal character '\\n'"),
    ('[tool.designlint]\nfail-on = "warning"\nfail-on = "error"\n', "3:18", "TOML syntax: Cannot overwrite a value"),
])
def test_a_broken_pyproject_is_an_input_error(text, where, message, run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(text)
    (tmp_path / "d.yaml").write_text(GOOD)
    code, out, err = run_cli("check", "d.yaml")
    assert (code, out, err) == (2, "", f"pyproject.toml:{where}: error: {message}\n")


def test_a_broken_pyproject_that_does_not_name_designlint_is_not_ours(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[project\n")
    (tmp_path / "d.yaml").write_text(GOOD)
    assert run_cli("check", "d.yaml")[0] == 0


@pytest.mark.parametrize("make, message", [
    (lambda p: p.mkdir(), "is a directory, not a file"),
    (lambda p: __import__("os").mkfifo(p), "is not a regular file (a device, pipe or socket): name a file"),
    (lambda p: p.symlink_to("nowhere.yaml"), "no such file or directory"),
])
def test_an_unreadable_yaml_config_is_an_input_error(make, message, run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make(tmp_path / ".designlint.yaml")
    (tmp_path / "d.yaml").write_text(GOOD)
    code, _, err = run_cli("check", "d.yaml")
    assert (code, err) == (2, f".designlint.yaml: error: {message}\n")
