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
    except (InputError, InputErrors) as exc:
        _input_failure(exc)
    return paths


_rules_option = click.option(
    "--rules", "packs", multiple=True, type=click.Path(), is_eager=True, callback=_load_packs, metavar="FILE",
    help="Add a rule pack (YAML); repeatable, applied in order after the built-in rules and the config's packs.")


def _run_registry(config, packs):
    """The rules of a run: the built-in ones, the config's packs, then the packs given with --rules."""
    registry = click.get_current_context().meta[_REGISTRY]
    if not config.packs:
        return registry
    from designlint.errors import InputError, InputErrors
    from designlint.packs import load_registry

    try:
        return load_registry([*config.packs, *packs])
    except (InputError, InputErrors) as exc:
        _input_failure(exc)


# Options that choose what to lint, shared by `check` and `baseline`.
_SELECTION_OPTIONS = [
    click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE",
                 help="Use this config file (.designlint.yaml or pyproject.toml) instead of looking for one."),
    click.option("--isolated", is_flag=True, help="Ignore every config file."),
    click.option("--force-exclude", is_flag=True, default=None,
                 help="Filter files named on the command line like a folder search does: skip excluded "
                      "files and files with no design (for pre-commit)."),
]


def _selection_options(fn):
    for option in reversed(_SELECTION_OPTIONS):
        fn = option(fn)
    return fn


def _input_failure(exc) -> None:
    """Print an input error (or several) as one line each and exit 2."""
    for error in getattr(exc, "errors", [exc]):
        click.echo(str(error), err=True)
    sys.exit(2)


def _run_config(config_file, isolated, **overrides):
    """The engine Config: the project's config file, overridden by the options given."""
    from designlint import config as project_config
    from designlint.errors import InputError, InputErrors

    try:
        return project_config.resolve(config_file, isolated, **overrides)[0]
    except (InputError, InputErrors) as exc:
        _input_failure(exc)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `designlint check | head`: the reader has all it wanted
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)
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
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that fails the run (exit 1).  [default: error]")
@click.option("--select", multiple=True, callback=_rule_list, metavar="RULES",
              help="Run only these rules (comma-separated; repeatable).")
@click.option("--ignore", multiple=True, callback=_rule_list, metavar="RULES",
              help="Do not run these rules (comma-separated; repeatable).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text output; auto colours a terminal unless NO_COLOR is set.")
@_selection_options
@click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Fail only on findings that are not in this baseline (see `designlint baseline`).")
@_rules_option
@click.option("--diagram", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also draw the design with its findings to FILE (.svg, .png, .pdf, .dot or .mmd); "
                   "one design only. The exit status stays check's.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for many files; 0: one per core, when there are enough files to pay for it.")
def check(paths, fmt, fail_on, select, ignore, color, config_file, isolated, force_exclude, baseline, packs,
          diagram, jobs):
    """Lint designs in PATHS (files, or directories searched for designs in
    *.yaml, *.yml and *.md files).

    Settings come from .designlint.yaml or pyproject.toml's [tool.designlint],
    found upward from the working directory; options given here override them.

    Exit status: 0 no unwaived finding at or above --fail-on; 1 there are
    some; 2 a design could not be read or the command line was wrong.
    """
    from designlint.engine import lint_paths
    from designlint.report import formatter

    config = _run_config(config_file, isolated, select=select, ignore=ignore, force_exclude=force_exclude,
                         fail_on=Severity(fail_on) if fail_on else None, baseline=baseline,
                         registry=click.get_current_context().meta[_REGISTRY])
    # --diagram draws a design from the report: the designs must stay in this process
    report = lint_paths(paths or ["."], config, _run_registry(config, packs), jobs=1 if diagram else jobs)
    if config.baseline:
        from designlint import baseline as baselines
        from designlint.errors import InputError, InputErrors

        try:
            report = baselines.load_and_compare(report, config.baseline)
        except (InputError, InputErrors) as exc:
            _input_failure(exc)
    for error in report.errors:
        click.echo(str(error), err=True)
    if not report.files:
        click.echo(f"designlint: no designs found in {', '.join(paths or ['.'])}", err=True)
    click.echo(formatter(fmt)(report, color=_use_color(color, sys.stdout)), nl=False, color=color != "never")
    if diagram and report.designs:
        _check_diagram(report, diagram)
    sys.exit(report.exit_code)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_rules_option
def list_rules(fmt, packs):
    """List every rule with its default severity and summary."""
    specs = list(click.get_current_context().meta[_REGISTRY])
    if fmt == "json":
        import json

        rows = [{"id": s.id, "severity": s.severity.value, "summary": s.summary, "origin": s.origin,
                 "enabled": s.enabled} for s in specs]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(s.id) for s in specs)
    click.echo(f"{'RULE':<{width}}  {'SEVERITY':<8}  SUMMARY")
    for s in specs:
        click.echo(f"{s.id:<{width}}  {s.severity.value if s.enabled else 'off':<8}  {s.summary}")


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


@main.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Where to write it.  [default: the config's `baseline`, else .designlint-baseline.json]")
@click.option("--select", multiple=True, callback=_rule_list, metavar="RULES",
              help="Record only these rules (comma-separated; repeatable).")
@click.option("--ignore", multiple=True, callback=_rule_list, metavar="RULES",
              help="Do not record these rules (comma-separated; repeatable).")
@_selection_options
@_rules_option
def write_baseline(paths, output, select, ignore, config_file, isolated, force_exclude, packs):
    """Record today's findings in PATHS so that `check --baseline` fails only on new ones.

    Findings are recorded by rule, file, component and subject, not by line,
    so edits that move them keep them recorded. Nothing is written when a
    design cannot be read (exit 2).
    """
    from designlint import baseline as baselines
    from designlint.engine import lint_paths

    config = _run_config(config_file, isolated, select=select, ignore=ignore, force_exclude=force_exclude,
                         registry=click.get_current_context().meta[_REGISTRY])
    report = lint_paths(paths or ["."], config, _run_registry(config, packs))
    if report.errors:
        for error in report.errors:
            click.echo(str(error), err=True)
        click.echo("designlint: no baseline written: fix the input errors first", err=True)
        sys.exit(2)
    path = output or config.baseline or baselines.DEFAULT_PATH
    entries = baselines.write(path, report.findings)
    total = sum(e.count for e in entries)
    click.echo(f"Recorded {total} finding{'' if total == 1 else 's'} from {len(report.files)} "
               f"file{'' if len(report.files) == 1 else 's'} in {path}.")


@main.command()
@click.argument("name", type=click.Choice(["design", "config", "baseline", "pack"]), default="design")
def schema(name):
    """Print the JSON Schema of a design (or of the config, a baseline file or a rule pack).

    Save it and point your editor at it, e.g. with a first line
    `# yaml-language-server: $schema=design.schema.json` in a design.
    """
    from designlint.resources import data_dir

    click.echo((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"), nl=False)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False), default="design.yaml", required=False)
def init(file):
    """Write a commented starter design to FILE (default: design.yaml); never over an existing file."""
    from importlib import resources

    from designlint import atomic

    text = (resources.files("designlint") / "starter.yaml").read_text(encoding="utf-8")
    try:
        atomic.write_text(file, text.replace("THIS_FILE", file), overwrite=False)
    except FileExistsError:
        click.echo(f"{file}: error: already exists; `designlint init` never overwrites a file", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"{file}: error: cannot be written: {exc.strerror or exc}", err=True)
        sys.exit(2)
    click.echo(f"Wrote a starter design to {file}: edit it, then run `designlint check {file}`.")


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
    interviewer would ask about each gap. DESIGN is a YAML design, or a
    Markdown file whose designs each get a scorecard. Exit status: 0 when the
    design was read (whatever its grades), 2 when it could not be.
    """
    from designlint import loader, markdown, review, review_report
    from designlint.engine import lint
    from designlint.errors import InputError, InputErrors

    try:
        if markdown.is_markdown(design_path):
            designs, unread = markdown.load_designs(design_path)
            if unread:
                raise InputErrors(unread)
            if not designs:
                raise InputError(design_path, 0, 0, "no design in this Markdown file (a ```designlint fenced block)")
        else:
            designs = [loader.load(design_path)]
    except (InputError, InputErrors) as exc:
        _input_failure(exc)
    registry = click.get_current_context().meta[_REGISTRY]
    cards = [review.build(design, lint(design, registry=registry)) for design in designs]
    click.echo(review_report.render_all(cards, fmt), nl=False)


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


def _one_design(designs, system: str | None, path: str):
    """The design to draw: the only one in the file, or the one named by --system."""
    if system is not None:
        from designlint.schema import suggest

        named = [d for d in designs if d.system == system]
        if not named:
            raise click.BadParameter(f"`{system}` is not a system in {path}"
                                     f"{suggest(system, [d.system for d in designs])}", param_hint="--system")
        return named[0]
    if not designs:
        click.echo(f"{path}: error: no design in this file", err=True)
        sys.exit(2)
    if len(designs) > 1:
        raise click.UsageError(f"{path} holds {len(designs)} designs: choose one with --system "
                               f"({', '.join(d.system for d in designs)})")
    return designs[0]


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
              help="Set a Graphviz graph attribute, overriding designlint's choice (repeatable), e.g. -G rankdir=TB; "
                   "NAME= drops designlint's setting.")
@click.option("--focus", metavar="COMPONENT", help="Draw only this component and its neighbourhood.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --focus: how many flows away from it to draw.")
@click.option("--layer", metavar="NAME", help="Draw only the components of this layer.")
@click.option("--system", metavar="NAME", help="In a Markdown file with several designs, the one to draw.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds the layout may take before it is stopped.")
@click.option("--select", multiple=True, callback=_rule_list, metavar="RULES",
              help="Annotate with only these rules' findings (comma-separated; repeatable).")
@click.option("--ignore", multiple=True, callback=_rule_list, metavar="RULES",
              help="Leave these rules' findings off the diagram (comma-separated; repeatable).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Use this config file (.designlint.yaml or pyproject.toml) instead of looking for one.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@_rules_option
def render(design_path, output, fmt, engine, graph_attrs, focus, depth, layer, system, timeout, select, ignore,
           config_file, isolated, packs):
    """Draw DESIGN with its findings: each component coloured by its worst finding, with badges,
    irreversible actions and their human gates, flows by kind, fallbacks, layers and a legend.

    The findings are check's, with the same config file and rule packs.
    svg, png and pdf are laid out by Graphviz's `dot` program, or by the
    embedded Graphviz (pip install 'designlint[embedded]', svg only) where
    `dot` is missing; dot and mermaid need neither.

    Exit status: 0 the diagram was drawn, whatever the findings (use `check`
    for a verdict); 2 the design could not be read, the command line was
    wrong, or the diagram could not be laid out.
    """
    from designlint.engine import lint, lint_paths
    from designlint.errors import InputErrors
    from designlint.render.view import ViewError, layer as layer_view, neighbourhood

    if focus and layer:
        raise click.UsageError("give --focus or --layer, not both")
    config = _run_config(config_file, isolated, select=select, ignore=ignore,
                         registry=click.get_current_context().meta[_REGISTRY])
    registry = _run_registry(config, packs)
    report = lint_paths([design_path], config, registry)
    if report.errors:
        _input_failure(InputErrors(list(report.errors)))
    design = _one_design(report.designs, system, design_path)
    findings = list(report.findings) if len(report.designs) == 1 else lint(design, config, registry)
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


@main.command()
def lsp():
    """Run the language server on stdin and stdout, for editors (needs `pip install 'designlint[lsp]'`)."""
    try:
        from designlint.lsp.server import main as serve
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        if missing not in ("pygls", "lsprotocol"):
            raise
        click.echo(f"designlint lsp: needs {missing}: pip install 'designlint[lsp]'", err=True)
        sys.exit(2)
    sys.exit(serve())


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
