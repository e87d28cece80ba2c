"""Stage 6, the command line: parse arguments, call the library, print, and exit with its verdict.

One module per command (check.py, baseline.py, rules.py, render.py,
report.py, review.py, init.py, lsp.py), imported only when its command runs
(COMMANDS); options shared by several are declared once in options.py. The
verdict (exit 0 or 1) is the Report's; the CLI only maps input errors to 2,
a bug to 3 and an interrupt to 130.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys

import click

from designlint import __version__
from designlint.util.escape import one_line


EXIT_INTERRUPTED = 130  # 128 + SIGINT

# Every command: name -> "module:function". A command's module (and what it imports) is imported only when
# that command runs, or when --help lists them all (click's "lazily loading subcommands" pattern).
COMMANDS = {
    "baseline": "designlint.cli.baseline:write_baseline",
    "check": "designlint.cli.check:check",
    "diff": "designlint.cli.diff:diff",
    "explain": "designlint.cli.rules:explain",
    "init": "designlint.cli.init:init",
    "lsp": "designlint.cli.lsp:lsp",
    "render": "designlint.cli.render:render",
    "report": "designlint.cli.report:report_command",
    "review": "designlint.cli.review:review_command",
    "rules": "designlint.cli.rules:list_rules",
    "schema": "designlint.cli.init:schema",
}


def interrupted() -> None:
    """The one line an interrupt prints (stdout is dropped: the reader may be gone too)."""
    try:
        sys.stderr.write("designlint: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


class _Group(click.Group):
    def list_commands(self, ctx):
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx, cmd_name):
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, _, name = COMMANDS[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in COMMANDS:
            for name in COMMANDS:  # an unknown command: its error suggests the closest of them all
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def make_context(self, info_name, args, parent=None, **extra):
        try:  # parsing options runs their callbacks: an interrupt there is one line and 130 too
            return super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt:
            interrupted()
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:  # Ctrl-C in any command: one line and 130, as shells report SIGINT
            interrupted()
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:  # `designlint check | head`: the reader has all it wanted
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)
        except Exception as exc:  # a bug of ours: one line, not a traceback, unless asked for
            if os.environ.get("DESIGNLINT_DEBUG"):
                raise
            click.echo(f"designlint: internal error: {type(exc).__name__}: {one_line(exc)} "
                       "(set DESIGNLINT_DEBUG=1 for the traceback, and please report it)", err=True)
            ctx.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="designlint")
def main():
    """Lint the design of AI systems.

    A design is a YAML component graph: interfaces, orchestrators, agents,
    models, rules, datastores, external APIs, humans and the flows between
    them. designlint checks that every component has an owner, everything
    that can fail has a fallback, every component has an error budget, every
    model and agent gets feedback, and no irreversible action is taken by a
    model or agent without a human gate.
    """


def run(prog_name: str = "designlint") -> None:
    """The console entry point: main() in a process that neither collects cycles nor frees objects at exit.

    A design is read into millions of objects that stay alive to the end.
    Turned back on after a run, the cycle collector's first pass walks them
    all (a second for 100,000 components) to free almost nothing; and at
    exit Python would free them one by one, a third again of the time it
    took to lint them, where the operating system takes the memory back at
    once. Output is flushed first. (mypy exits the same way.)
    """
    gc.disable()
    try:
        # not standalone: click would turn Ctrl-C into "Aborted!" and exit 1 (check's "findings")
        code = main(prog_name=prog_name, standalone_mode=False)
        code = code if isinstance(code, int) else 0
    except SystemExit as exc:  # the traceback keeps the report alive: it is never freed piecemeal
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, (int, type(None))):
            print(exc.code, file=sys.stderr)
    except (KeyboardInterrupt, click.Abort):
        interrupted()
        code = EXIT_INTERRUPTED
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except BrokenPipeError:  # `designlint rules | head`, outside a command's own handling
        code = 1
    except Exception as exc:  # a bug in option parsing, say: one line, as _Group.invoke does
        if os.environ.get("DESIGNLINT_DEBUG"):
            raise
        print(f"designlint: internal error: {type(exc).__name__}: {exc} "
              "(set DESIGNLINT_DEBUG=1 for the traceback, and please report it)", file=sys.stderr)
        code = 3
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away: nothing more to tell it
        pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
