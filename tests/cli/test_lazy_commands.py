"""Commands are imported only when they run (designlint.cli.COMMANDS); the group still shows them all."""

import click
import click.testing
import pytest
from conftest import ROOT

from designlint.cli import COMMANDS, main

from .test_startup import run_check

COMMAND_LIST = """\
Commands:
  baseline  Record today's findings in PATHS so that `check --baseline`...
  check     Lint designs in PATHS (files, or directories searched for...
  diff      Compare two versions of designs: `designlint diff OLD NEW`...
  explain   Show a rule's documentation, with a failing and a passing...
  init      Write a commented starter design to FILE (default:...
  lsp       Run the language server on stdin and stdout, for editors...
  render    Draw DESIGN with its findings: each component coloured by its...
  report    Write one HTML page for the designs in PATHS: each design's...
  review    Grade DESIGN as an AI system-design interviewer would.
  rules     List every rule with its default severity and summary:...
  schema    Print the JSON Schema of a design (or of the config, a...
"""


def eager_group() -> click.Group:
    """The group as it was before commands were lazy: a plain click.Group holding every command."""
    ctx = click.Context(main)
    return click.Group("designlint", commands={name: main.get_command(ctx, name) for name in COMMANDS},
                       context_settings=main.context_settings)


def test_help_lists_every_command_with_its_one_line_help(run_process):
    code, out, _ = run_process("--help", env={"COLUMNS": "80"})
    assert code == 0 and out.startswith("Usage: designlint [OPTIONS] COMMAND [ARGS]...\n")
    assert out.endswith("\n\n" + COMMAND_LIST)
    assert sorted(COMMANDS) == [line.split()[0] for line in COMMAND_LIST.splitlines()[1:]]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_is_found_by_its_name_and_runs(run_cli, name):
    command = main.get_command(click.Context(main), name)
    module, _, function = COMMANDS[name].partition(":")
    assert isinstance(command, click.Command) and command.name == name
    assert (command.callback.__module__, command.callback.__name__) == (module, function)
    code, out, _ = run_cli(name, "--help")
    assert code == 0 and out.startswith(f"Usage: main {name} [OPTIONS]")


@pytest.mark.parametrize("word", ["chek", "revew", "nope", "Check", "lsp2"])
def test_an_unknown_command_is_refused_as_by_the_eager_group(run_process, word):
    # a fresh process, where no command is loaded yet: the suggestions must still weigh them all
    expected = click.testing.CliRunner().invoke(eager_group(), [word], prog_name="designlint")
    assert expected.exit_code == 2 and f"Error: No such command '{word}'." in expected.output
    assert run_process(word) == (2, "", expected.output)


def test_an_unknown_command_suggests_the_close_ones(run_process):
    code, out, err = run_process("chek")
    assert code == 2 and err.endswith("Error: No such command 'chek'. (Did you mean one of: 'check', 'schema'?)\n")


def test_a_command_imports_no_other_commands_module(tmp_path):
    code, _, modules = run_check(ROOT / "examples" / "rag-support-bot.yaml", cwd=tmp_path)
    assert code in (0, 1)
    loaded = sorted(m for m in modules if m.startswith("designlint.cli."))
    assert loaded == ["designlint.cli.check", "designlint.cli.options"]
