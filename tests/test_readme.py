"""The README's generated parts match what they describe: the rules table and the Layout map."""

import re

from conftest import ROOT

from designlint.report.rules import README_TABLE_END, README_TABLE_START, main, markdown_table
from designlint.rules.registry import builtin_registry

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_rules_table_is_the_one_the_registry_generates():
    start, end = README.index(README_TABLE_START), README.index(README_TABLE_END)
    written = README[start + len(README_TABLE_START):end].strip("\n") + "\n"
    assert written == markdown_table(list(builtin_registry())), \
        "regenerate it: python -m designlint.report.rules --markdown"


def test_the_table_has_one_row_per_rule_in_registry_order():
    rows = [line for line in markdown_table(list(builtin_registry())).splitlines()[2:]]
    assert [re.match(r"\| `([^`]+)` \|", row).group(1) for row in rows] == builtin_registry().ids()


def test_a_pipe_in_a_summary_cannot_break_the_table():
    from designlint.rules import RuleSpec, Severity

    spec = RuleSpec("r", Severity.INFO, "A | B.", None, origin="pack team", source="x.yaml")
    assert markdown_table([spec]).splitlines()[2] == "| `r` | pack team | info | A \\| B. | `x.yaml` |"


def test_the_generator_runs_as_a_module_and_refuses_other_arguments(capsys, run_process):
    generated = run_process("--markdown", cwd=ROOT, module="designlint.report.rules")
    assert generated == (0, markdown_table(list(builtin_registry())), "")
    assert main(["--json"]) == 2
    assert capsys.readouterr().err == "usage: python -m designlint.report.rules --markdown\n"


def layout_paths() -> list[str]:
    """The paths the README's Layout block names: one a line, nesting by two spaces."""
    block = README.split("## Layout\n", 1)[1].split("```\n", 2)[1]
    paths, stack = [], []
    for line in block.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        name = line.split()[0]
        stack[depth:] = [name]
        paths.append("".join(stack))
    return paths


def test_every_package_folder_is_named_in_the_layout():
    named = set(layout_paths())
    packages = sorted(f"{p.parent.relative_to(ROOT).as_posix()}/" for p in (ROOT / "designlint").rglob("__init__.py")
                      if "__pycache__" not in p.parts)
    assert [p for p in packages if p not in named] == []
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "designlint").glob("*.py")
                     if p.name != "__main__.py")
    assert [m for m in modules if m not in named] == []


def test_every_test_folder_is_named_or_mirrors_a_package():
    named = set(layout_paths())
    packages = {p.parent.name for p in (ROOT / "designlint").rglob("__init__.py")}
    folders = sorted(p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and p.name != "__pycache__")
    assert [f for f in folders if f not in packages and f"tests/{f}/" not in named] == []


def test_every_path_in_the_layout_exists():
    assert [p for p in layout_paths() if not (ROOT / p).exists()] == []


def test_the_readme_sample_output_is_what_check_prints(run_cli, monkeypatch):
    # The README shows `designlint check examples/travel-booking-agent.yaml`: its output must not drift.
    monkeypatch.chdir(ROOT)
    head = "$ designlint check examples/travel-booking-agent.yaml\n"
    sample = README.split(head, 1)[1].split("```", 1)[0]
    code, out, _ = run_cli("check", "examples/travel-booking-agent.yaml")
    assert (code, out) == (1, sample)


def test_every_line_of_the_readme_review_excerpt_is_what_review_prints(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    head = "$ designlint review examples/travel-booking-agent.yaml\n"
    excerpt = [line for line in README.split(head, 1)[1].split("```", 1)[0].splitlines()
               if line.strip() not in ("", "...")]
    code, out, _ = run_cli("review", "examples/travel-booking-agent.yaml")
    assert code == 0 and [line for line in excerpt if line not in out.splitlines()] == []
