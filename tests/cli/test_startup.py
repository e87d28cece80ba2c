"""Start-up (issue 11): `check` of one YAML file imports only what checking it uses.

Each test runs the real command line in a fresh interpreter and reads back
sys.modules once the command is done, so a module imported at any point of
the run counts, whoever imports it (but the interpreter's start-up and site
hooks, which import what they import before designlint runs).
"""

import json
import shutil
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT

CLEAN = ROOT / "examples" / "rag-support-bot.yaml"  # no unknown id: no did-you-mean to compute
MISSPELT = ROOT / "examples" / "travel-booking-agent.yaml"  # `notfication_service`: a did-you-mean

RUN = """
import sys
before = set(sys.modules)  # what the interpreter and its site hooks (.pth files) import: not ours
from designlint.cli import main
try:
    main(sys.argv[1:], prog_name="designlint", standalone_mode=False)
except SystemExit as exc:
    code = exc.code
else:
    code = 0
sys.stdout.flush()
sys.stderr.write("\\nMODULES " + " ".join(sorted(set(sys.modules) - before)) + f"\\nCODE {code}\\n")
"""

# Never imported to check one YAML file: other commands and their stages, other output formats, the
# Markdown reader, folder walking and its ignore patterns, the worker pool, baselines, diagram and
# graph libraries, the slow validator (only an invalid design needs its messages), file writing.
NOT_FOR_ONE_YAML_FILE = [
    "designlint.cli.baseline", "designlint.cli.diff", "designlint.cli.init", "designlint.cli.lsp",
    "designlint.cli.render", "designlint.cli.report", "designlint.cli.review", "designlint.cli.rules",
    "designlint.render", "designlint.review", "designlint.diff", "designlint.lsp",
    "designlint.report.json", "designlint.report.sarif", "designlint.report.github", "designlint.report.junit",
    "designlint.report.markdown", "designlint.report.html", "designlint.report.rules",
    "designlint.report.statistics",
    "designlint.loading.markdown", "designlint.loading.files", "designlint.findings.parallel",
    "designlint.findings.baseline", "designlint.util.atomic", "designlint.util.markdown",
    "markdown_it", "pathspec", "networkx", "pydot", "jsonschema", "multiprocessing", "concurrent.futures",
    "importlib.resources", "tempfile", "zipfile", "pathlib",
]
# What checking it does use: the command, the stages, and the libraries they stand on.
FOR_ONE_YAML_FILE = [
    "click", "yaml", "jsonschema_rs", "designlint.cli.check", "designlint.loading.yamlsource",
    "designlint.loading.schema", "designlint.model.build", "designlint.rules.registry", "designlint.rules.packs",
    "designlint.rules.resilience", "designlint.findings.engine", "designlint.report.text",
]


def run_command(*args, cwd):
    """(exit code, stdout, the modules loaded) of `designlint ARGS` in a fresh interpreter."""
    proc = subprocess.run([sys.executable, "-c", RUN, *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=60)
    modules_line, code_line = proc.stderr.splitlines()[-2:]
    assert modules_line.startswith("MODULES ") and code_line.startswith("CODE "), proc.stderr
    return int(code_line.split()[1]), proc.stdout, set(modules_line.split()[1:])


def run_check(*args, cwd):
    """(exit code, stdout, the modules loaded) of `designlint check ARGS` in a fresh interpreter."""
    return run_command("check", *args, cwd=cwd)


def golden_exit_code(example) -> int:
    golden = json.loads((ROOT / "tests" / "golden" / f"{example.stem}.json").read_text(encoding="utf-8"))
    return golden["summary"]["exit_code"]


def test_check_of_a_clean_yaml_file_in_a_folder_with_no_config_imports_only_what_it_uses(tmp_path):
    design = tmp_path / CLEAN.name
    shutil.copyfile(CLEAN, design)
    code, out, modules = run_check(design.name, cwd=tmp_path)
    assert code == golden_exit_code(CLEAN) and out.splitlines()[-1].startswith("Found ")  # it did check
    assert [name for name in FOR_ONE_YAML_FILE if name not in modules] == []
    assert [name for name in NOT_FOR_ONE_YAML_FILE if name in modules] == []
    # no config file to read, no id to suggest a spelling for
    assert [name for name in ("tomllib", "tomli", "designlint.loading.toml", "difflib") if name in modules] == []


def test_a_project_config_brings_in_the_toml_reader_and_a_misspelt_id_difflib(tmp_path):
    code, out, modules = run_check(MISSPELT.relative_to(ROOT), cwd=ROOT)  # pyproject.toml: [tool.designlint]
    assert code == golden_exit_code(MISSPELT)
    assert "did you mean `notification_service`?" in out
    assert {"tomllib" if sys.version_info >= (3, 11) else "tomli", "designlint.loading.toml", "difflib"} <= modules
    assert [name for name in NOT_FOR_ONE_YAML_FILE if name in modules] == []


@pytest.mark.parametrize("fmt, module", [("json", "designlint.report.json"), ("sarif", "designlint.report.sarif")])
def test_another_format_imports_its_own_module_only(tmp_path, fmt, module):
    code, out, modules = run_check("--format", fmt, CLEAN, cwd=tmp_path)
    assert code == golden_exit_code(CLEAN) and out.lstrip().startswith("{")
    assert module in modules and "designlint.report.text" not in modules
    assert [m for m in ("designlint.report.junit", "designlint.report.github") if m in modules] == []


def test_every_example_checks_without_the_modules_of_other_commands(tmp_path):
    for example in EXAMPLES:
        code, _, modules = run_check(example, cwd=tmp_path)
        assert code == golden_exit_code(example), example.name
        assert [name for name in modules if name.startswith(("designlint.cli.", "designlint.render"))
                and name not in ("designlint.cli.check", "designlint.cli.options")] == [], example.name


# `render` writes its DOT text itself (issue 11): pydot (and its parser, pyparsing) are test oracles only.
NOT_FOR_RENDER = ["pydot", "pyparsing", "networkx"]


@pytest.mark.parametrize("fmt", ["dot", "svg"])
def test_render_does_not_import_pydot(tmp_path, fmt):
    out = tmp_path / f"diagram.{fmt}"
    code, _, modules = run_command("render", CLEAN, "-o", out, cwd=tmp_path)
    assert code == 0 and out.read_text(encoding="utf-8").startswith("digraph" if fmt == "dot" else "<?xml")
    assert "designlint.render.dot" in modules
    assert [name for name in NOT_FOR_RENDER if name in modules] == []
