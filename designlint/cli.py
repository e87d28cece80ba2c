"""The command line: parse arguments, call the library, print, and exit with its verdict."""

from __future__ import annotations

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

    registry = ctx.meta.get(_REGISTRY) or default_registry()
    ids = frozenset(part for value in values for part in value.replace(",", " ").split())
    for rule_id in sorted(ids):
        if rule_id not in registry:
            raise click.BadParameter(f"`{rule_id}` is not a rule{suggest(rule_id, registry.ids())}", ctx, param)
    return ids


_REGISTRY = "designlint.registry"


def _load_packs(ctx, param, paths):
    """--rules FILE...: the built-in rules plus the user's packs, kept for the command and --select."""
    from designlint.errors import InputError, InputErrors
    from designlint.packs import load_registry

    try:
        ctx.meta[_REGISTRY] = load_registry(paths)
        return paths
    except InputError as exc:
        errors = [exc]
    except InputErrors as exc:
        errors = exc.errors
    for error in errors:
        click.echo(str(error), err=True)
    ctx.exit(2)


_rules_option = click.option(
    "--rules", "packs", multiple=True, type=click.Path(), is_eager=True, callback=_load_packs, metavar="FILE",
    help="Add a rule pack (YAML); repeatable, applied in order after the built-in rules.")


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
@_rules_option
def check(paths, fmt, fail_on, select, ignore, color, packs):
    """Lint designs in PATHS (files, or directories searched for *.yaml/*.yml designs).

    Exit status: 0 no unwaived finding at or above --fail-on; 1 there are
    some; 2 a design could not be read or the command line was wrong.
    """
    from designlint.engine import Config, lint_paths
    from designlint.report import formatter

    config = Config(select=select, ignore=ignore or frozenset(), fail_on=Severity(fail_on))
    report = lint_paths(paths or ["."], config, click.get_current_context().meta[_REGISTRY])
    for error in report.errors:
        click.echo(str(error), err=True)
    if not report.files:
        click.echo(f"designlint: no designs found in {', '.join(paths or ['.'])}", err=True)
    out = click.get_text_stream("stdout")
    click.echo(formatter(fmt)(report, color=_use_color(color, out)), nl=False, color=color != "never")
    sys.exit(report.exit_code)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_rules_option
def list_rules(fmt, packs):
    """List every rule with its default severity and summary."""
    specs = list(click.get_current_context().meta[_REGISTRY])
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
@_rules_option
def explain(rule_id, packs):
    """Show a rule's documentation, with a failing and a passing design."""
    from designlint.schema import suggest

    registry = click.get_current_context().meta[_REGISTRY]
    spec = registry.get(rule_id)
    if spec is None:
        raise click.BadParameter(f"`{rule_id}` is not a rule{suggest(rule_id, registry.ids())} "
                                 "(`designlint rules` lists them)", param_hint="RULE")
    click.echo(f"{spec.id}  (default severity: {spec.severity.value}; {spec.origin})\n")
    click.echo(f"{spec.summary}\n")
    click.echo(spec.doc.rstrip() + "\n")


@main.command("review")
@click.argument("design_path", metavar="DESIGN", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="Output format.")
@_rules_option
def review_command(design_path, fmt, packs):
    """Grade DESIGN as an AI system-design interviewer would.

    Prints a scorecard in the order a strong answer follows (user goal and
    success metric, failure modes ranked by harm, data and drift, model
    scope, fallback hierarchy, feedback loop, scaling), with the question an
    interviewer would ask about each gap. Exit status: 0 when the design was
    read (whatever its grades), 2 when it could not be.
    """
    from designlint import loader, review, review_report
    from designlint.engine import lint
    from designlint.errors import InputError, InputErrors

    try:
        design = loader.load(design_path)
    except InputError as exc:
        errors = [exc]
    except InputErrors as exc:
        errors = exc.errors
    else:
        card = review.build(design, lint(design, registry=click.get_current_context().meta[_REGISTRY]))
        click.echo(review_report.render(card, fmt), nl=False)
        return
    for error in errors:
        click.echo(str(error), err=True)
    sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
