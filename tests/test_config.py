"""Project configuration: discovery, validation with positions, and command-line overrides."""

import json

import pytest

from designlint import config as project_config
from designlint.errors import InputError, InputErrors
from designlint.rules import Severity

DESIGN = "designlint: 1\nsystem: s\ncomponents:\n  chat: {kind: interface}\n"
# missing-owner (error) and missing-error-budget (warning)


def _rules(run_cli, *args):
    code, out, err = run_cli("check", "--format", "json", *args)
    return code, sorted({f["rule"] for f in json.loads(out)["findings"]}) if out else None, err


def _errors(path):
    with pytest.raises((InputError, InputErrors)) as info:
        project_config.read(str(path))
    exc = info.value
    return [str(e) for e in getattr(exc, "errors", [exc])]


def test_yaml_config_found_upward_selects_and_regrades(run_cli, write, tmp_path, monkeypatch):
    write(DESIGN, "docs/d.yaml")
    write("select: [missing-owner]\nseverity: {missing-owner: warning}\n", ".designlint.yaml")
    monkeypatch.chdir(tmp_path / "docs")
    code, rules, _ = _rules(run_cli, "d.yaml")
    assert rules == ["missing-owner"] and code == 0  # a warning now, and fail-on is error
    code, _, _ = _rules(run_cli, "--fail-on", "warning", "d.yaml")
    assert code == 1
    code, rules, _ = _rules(run_cli, "--isolated", "d.yaml")
    assert rules == ["missing-error-budget", "missing-owner"] and code == 1


def test_pyproject_table_and_precedence(run_cli, write, tmp_path, monkeypatch):
    write(DESIGN, "d.yaml")
    write('[project]\nname = "x"\n\n[tool.designlint]\nignore = ["missing-owner"]\nfail-on = "warning"\n',
          "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    code, rules, _ = _rules(run_cli, "d.yaml")
    assert rules == ["missing-error-budget"] and code == 1
    code, rules, _ = _rules(run_cli, "--ignore", "missing-error-budget", "d.yaml")  # the option replaces the key
    assert rules == ["missing-owner"]
    write("ignore: [missing-error-budget]\n", ".designlint.yaml")  # beside pyproject.toml, it wins
    assert _rules(run_cli, "d.yaml")[1] == ["missing-owner"]


def test_pyproject_without_the_table_is_passed_over(write, tmp_path, monkeypatch):
    write("fail-on: warning\n", ".designlint.yaml")
    write('[project]\nname = "x"\n', "sub/pyproject.toml")
    monkeypatch.chdir(tmp_path / "sub")
    assert project_config.find() == "../.designlint.yaml"


def test_explicit_config_file(run_cli, write, tmp_path, monkeypatch):
    write(DESIGN, "d.yaml")
    cfg = write("select: [missing-error-budget]\n", "conf/lint.yaml")
    monkeypatch.chdir(tmp_path)
    assert _rules(run_cli, "--config", cfg, "d.yaml")[1] == ["missing-error-budget"]
    code, _, err = run_cli("check", "--config", tmp_path / "nope.yaml", "d.yaml")
    assert code == 2 and "nope.yaml: error: no such config file" in err


def test_yaml_config_errors_have_file_line_and_column(write):
    path = write("select: [missing-ownr]\nfail-on: eror\nseverity:\n  fallback-cycle: loud\nexclud: [x]\n",
                 ".designlint.yaml")
    errors = _errors(path)
    assert f"{path}:2:10: error: `fail-on` is `eror`, not one of error, warning, info; did you mean `error`?" in errors
    assert any(e.startswith(f"{path}:4:19: error: `severity.fallback-cycle` is `loud`") for e in errors)
    assert f"{path}:5:1: error: the configuration: unknown field `exclud`; did you mean `exclude`?" in errors
    path = write("select: [missing-ownr]\n", ".designlint.yaml")
    assert _errors(path) == [f"{path}:1:10: error: `select`: `missing-ownr` is not a rule; did you mean `missing-owner`?"]


def test_toml_config_errors_point_at_the_key_line(write):
    path = write('[project]\nname = "x"\n\n[tool.designlint]\nfail-on = "fatal"\n\n'
                 '[tool.designlint.severity]\nmissing-owner = "warning"\nnot-a-rule = "info"\n', "pyproject.toml")
    errors = _errors(path)
    assert errors == [
        f"{path}:5:11: error: `fail-on` is `fatal`, not one of error, warning, info",
    ]
    path = write('[tool.designlint]\nseverity = {missing-owner = "warning", not-a-rule = "info"}\n', "pyproject.toml")
    assert _errors(path) == [f"{path}:2:40: error: `severity`: `not-a-rule` is not a rule"]
    path = write('[tool.designlint]\nselect = "missing-owner"\n', "pyproject.toml")
    assert _errors(path) == [f"{path}:2:10: error: `select` must be a list, not a string"]
    path = write('[tool.designlint]\nselect = [\n', "pyproject.toml")
    assert _errors(path) == [f"{path}:3:1: error: TOML syntax: Invalid value"]
    path = write('[tool.designlint]\nfail-on = warning\n', "pyproject.toml")
    assert _errors(path) == [f"{path}:2:11: error: TOML syntax: Invalid value"]


def test_config_errors_exit_2_with_one_line_each(run_process, write, tmp_path):
    write(DESIGN, "d.yaml")
    write("fail-on: sometimes\n", ".designlint.yaml")
    code, out, err = run_process("check", "d.yaml", cwd=tmp_path)
    assert code == 2 and out == ""
    assert err.splitlines() == [".designlint.yaml:1:10: error: `fail-on` is `sometimes`, not one of error, warning, info"]


def test_include_and_exclude_apply_to_folder_searches(run_cli, write, tmp_path, monkeypatch):
    for name in ("designs/a.yaml", "designs/drafts/b.yaml", "designs/c.design.yaml", "notes/d.md"):
        write(DESIGN if name.endswith("yaml") else "```designlint\n" + DESIGN + "```\n", name)
    write("exclude: [drafts/]\ninclude: ['*.yaml']\n", ".designlint.yaml")
    monkeypatch.chdir(tmp_path)

    def files(*args):
        return sorted(json.loads(run_cli("check", "--format", "json", *args)[1])["files"])

    assert files(".") == ["designs/a.yaml", "designs/c.design.yaml"]
    assert files("designs/drafts/b.yaml") == ["designs/drafts/b.yaml"]  # named files are always checked
    assert files("--force-exclude", "designs/drafts/b.yaml", "designs/a.yaml") == ["designs/a.yaml"]
    write("exclude: ['designs/*.design.yaml']\n", ".designlint.yaml")
    assert files(".") == ["designs/a.yaml", "designs/drafts/b.yaml", "notes/d.md"]


def test_force_exclude_skips_named_files_that_are_not_designs(run_cli, write, tmp_path, monkeypatch):
    write("name: a workflow, not a design\n", "ci.yaml")
    write("# readme\n", "README.md")
    write(DESIGN, "d.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "--force-exclude", "ci.yaml", "README.md")
    assert code == 0 and "no designs found" in err
    code, _, _ = run_cli("check", "ci.yaml")
    assert code == 2  # named without the flag, it must be a design


def test_resolve_overrides_only_what_is_given(write, tmp_path):
    write("fail-on: warning\nignore: [missing-owner]\nbaseline: base.json\n", ".designlint.yaml")
    config, path = project_config.resolve(start=str(tmp_path), fail_on=None, ignore=frozenset({"fallback-cycle"}))
    assert path.endswith(".designlint.yaml")
    assert config.fail_on is Severity.WARNING and config.ignore == {"fallback-cycle"}
    assert config.baseline.endswith("base.json")


def test_an_empty_config_is_no_settings_and_a_list_is_an_error(write):
    path = write("# nothing yet\n", ".designlint.yaml")
    assert dict(project_config.read(str(path))) == {}
    path = write("- select\n", ".designlint.yaml")
    assert _errors(path) == [f"{path}:1:1: error: the configuration must be a mapping of settings, such as `fail-on: warning`"]
