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
@click.option("--diagram", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also draw the design with its findings to FILE (.svg, .png, .pdf, .dot or .mmd); "
                   "one design only. The exit status stays check's.")
def check(paths, fmt, fail_on, select, ignore, color, diagram):
    """Lint designs in PATHS (files, or directories searched for *.yaml/*.yml designs).

    Exit status: 0 no unwaived finding at or above --fail-on; 1 there are
    some; 2 a design could not be read or the command line was wrong.
    """
    from designlint.engine import Config, lint_paths
    from designlint.report import formatter

    config = Config(select=select, ignore=ignore or frozenset(), fail_on=Severity(fail_on))
    report = lint_paths(paths or ["."], config)
    for error in report.errors:
        click.echo(str(error), err=True)
    if not report.files:
        click.echo(f"designlint: no designs found in {', '.join(paths or ['.'])}", err=True)
    out = click.get_text_stream("stdout")
    click.echo(formatter(fmt)(report, color=_use_color(color, out)), nl=False, color=color != "never")
    if diagram and report.designs:
        _check_diagram(report, diagram)
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


RENDER_FORMATS = ("dot", "svg", "png", "pdf", "mermaid")  # designlint.render.FORMATS, not imported by `check`
ENGINES = ("dot", "sfdp", "neato", "fdp", "circo", "twopi", "osage")


def _graph_attrs(ctx, param, values) -> dict[str, str]:
    attrs = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"`{value}` is not NAME=VALUE (e.g. -G ranksep=1.2)", ctx, param)
        attrs[name.strip()] = setting
    return attrs


def _draw(design, findings, output: str, fmt: str | None, **options) -> None:
    """Render `design` to `output` ('-': standard output), printing the renderer's notes on stderr."""
    from designlint import atomic
    from designlint.render import format_for, render
    from designlint.render.layout import LayoutError

    fmt = fmt or (format_for(output) if output != "-" else "svg")
    if fmt is None:
        raise click.BadParameter(f"cannot tell the format of `{output}`: name it .svg, .png, .pdf, .dot or .mmd, "
                                 "or give --format", param_hint="-o/--output")
    try:
        drawn = render(design, findings, fmt, **options)
    except LayoutError as exc:
        click.echo(f"designlint: error: {exc}", err=True)
        sys.exit(2)
    for note in drawn.notes:
        click.echo(note, err=True)
    if output == "-":
        click.echo(drawn.data, nl=False)  # bytes go to the binary stream
    else:
        try:
            atomic.write_bytes(output, drawn.data)
        except OSError as exc:
            click.echo(f"{output}: error: cannot write the diagram: {exc.strerror or exc}", err=True)
            sys.exit(2)


def _check_diagram(report, output: str) -> None:
    if len(report.designs) > 1:
        click.echo(f"designlint: error: --diagram draws one design, but {len(report.designs)} were checked: "
                   "name one file, or use `designlint render`", err=True)
        sys.exit(2)
    design = report.designs[0]
    _draw(design, [f for f in report.findings if f.location.file == design.file], output, None)


@main.command()
@click.argument("design_path", metavar="DESIGN", type=click.Path(dir_okay=False))
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE",
              help="Where to write; its extension chooses the format. '-' is standard output (svg unless --format).")
@click.option("--format", "fmt", type=click.Choice(RENDER_FORMATS), help="Output format, whatever the file's name.")
@click.option("--engine", type=click.Choice(ENGINES),
              help="Graphviz layout engine. Default: dot, or sfdp past 400 components.")
@click.option("-G", "graph_attrs", multiple=True, callback=_graph_attrs, metavar="NAME=VALUE",
              help="Set a Graphviz graph attribute, overriding designlint's choice (repeatable), e.g. -G rankdir=TB.")
@click.option("--focus", metavar="COMPONENT", help="Draw only this component and its neighbourhood.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --focus: how many flows away from it to draw.")
@click.option("--layer", metavar="NAME", help="Draw only the components of this layer.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds the layout may take before it is stopped.")
@click.option("--select", multiple=True, callback=_rule_list, metavar="RULES",
              help="Annotate with only these rules' findings (comma-separated; repeatable).")
@click.option("--ignore", multiple=True, callback=_rule_list, metavar="RULES",
              help="Leave these rules' findings off the diagram (comma-separated; repeatable).")
def render(design_path, output, fmt, engine, graph_attrs, focus, depth, layer, timeout, select, ignore):
    """Draw DESIGN with its findings: each component coloured by its worst finding, with badges,
    irreversible actions and their human gates, flows by kind, fallbacks, layers and a legend.

    svg, png and pdf are laid out by Graphviz's `dot` program, or by the
    embedded Graphviz (pip install 'designlint[embedded]', svg only) where
    `dot` is missing; dot and mermaid need neither.

    Exit status: 0 the diagram was drawn, whatever the findings (use `check`
    for a verdict); 2 the design could not be read, the command line was
    wrong, or the diagram could not be laid out.
    """
    from designlint import loader
    from designlint.engine import Config, lint
    from designlint.errors import InputError, InputErrors
    from designlint.render.view import ViewError, layer as layer_view, neighbourhood

    if focus and layer:
        raise click.UsageError("give --focus or --layer, not both")
    try:
        design = loader.load(design_path)
    except (InputError, InputErrors) as exc:
        for error in getattr(exc, "errors", [exc]):
            click.echo(str(error), err=True)
        sys.exit(2)
    findings = lint(design, Config(select=select, ignore=ignore or frozenset()))
    shown = view = None
    try:
        if focus:
            shown, view = neighbourhood(design, focus, depth), f"{focus} and {depth} flow(s) around it"
        elif layer:
            shown, view = layer_view(design, layer), f"layer {layer}"
    except ViewError as exc:
        raise click.BadParameter(str(exc), param_hint="--focus" if focus else "--layer") from None
    _draw(design, findings, output, fmt, engine=engine, graph_attrs=graph_attrs, shown=shown, view=view,
          timeout=timeout)


if __name__ == "__main__":  # pragma: no cover
    main()
