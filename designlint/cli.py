"""The command line: parse arguments, call the library, print, and exit with its verdict."""

from __future__ import annotations

import gc
import os
import sys

import click

from designlint import __version__
from designlint.findings import Severity
from designlint.report import FORMATS

SEVERITIES = [s.value for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]


def _use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _rule_list(ctx, param, values) -> frozenset[str] | None:
    """Comma- or space-separated rule ids, checked against the registry."""
    if not values:
        return None
    from designlint.rules import default_registry
    from designlint.schema import suggest

    registry = default_registry()
    ids = frozenset(part for value in values for part in value.replace(",", " ").split())
    for rule_id in sorted(ids):
        if rule_id not in registry:
            raise click.BadParameter(f"`{rule_id}` is not a rule{suggest(rule_id, registry.ids())}", ctx, param)
    return ids


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug of ours: one line, not a traceback, unless asked for
            if os.environ.get("DESIGNLINT_DEBUG"):
                raise
            click.echo(f"designlint: internal error: {type(exc).__name__}: {exc} "
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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="Output format.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True,
              help="Lowest severity that fails the run (exit 1).")
@click.option("--select", multiple=True, callback=_rule_list, metavar="RULES",
              help="Run only these rules (comma-separated; repeatable).")
@click.option("--ignore", multiple=True, callback=_rule_list, metavar="RULES",
              help="Do not run these rules (comma-separated; repeatable).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text output; auto colours a terminal unless NO_COLOR is set.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for many files; 0: one per core, when there are enough files to pay for it.")
def check(paths, fmt, fail_on, select, ignore, color, jobs):
    """Lint designs in PATHS (files, or directories searched for *.yaml/*.yml designs).

    Exit status: 0 no unwaived finding at or above --fail-on; 1 there are
    some; 2 a design could not be read or the command line was wrong.
    """
    from designlint.engine import Config, lint_paths
    from designlint.report import formatter

    config = Config(select=select, ignore=ignore or frozenset(), fail_on=Severity(fail_on))
    report = lint_paths(paths or ["."], config, jobs=jobs)
    for error in report.errors:
        click.echo(str(error), err=True)
    if not report.files:
        click.echo(f"designlint: no designs found in {', '.join(paths or ['.'])}", err=True)
    click.echo(formatter(fmt)(report, color=_use_color(color, sys.stdout)), nl=False, color=color != "never")
    sys.exit(report.exit_code)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(fmt):
    """List every rule with its default severity and summary."""
    from designlint.rules import default_registry

    specs = list(default_registry())
    if fmt == "json":
        import json

        rows = [{"id": s.id, "severity": s.severity.value, "summary": s.summary, "origin": s.origin} for s in specs]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(s.id) for s in specs)
    click.echo(f"{'RULE':<{width}}  {'SEVERITY':<8}  SUMMARY")
    for s in specs:
        click.echo(f"{s.id:<{width}}  {s.severity.value:<8}  {s.summary}")


@main.command()
@click.argument("rule_id", metavar="RULE")
def explain(rule_id):
    """Show a rule's documentation, with a failing and a passing design."""
    from designlint.rules import default_registry
    from designlint.schema import suggest

    registry = default_registry()
    spec = registry.get(rule_id)
    if spec is None:
        raise click.BadParameter(f"`{rule_id}` is not a rule{suggest(rule_id, registry.ids())} "
                                 "(`designlint rules` lists them)", param_hint="RULE")
    click.echo(f"{spec.id}  (default severity: {spec.severity.value}; {spec.origin})\n")
    click.echo(f"{spec.summary}\n")
    click.echo(spec.doc.rstrip() + "\n")


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
        main(prog_name=prog_name)
        code = 0
    except SystemExit as exc:  # the traceback keeps the report alive: it is never freed piecemeal
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, (int, type(None))):
            print(exc.code, file=sys.stderr)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away: nothing more to tell it
        pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
