"""`designlint render` (and `check --diagram`): draw a design with its findings."""

from __future__ import annotations

import sys

import click

from designlint.cli.options import (refuse_stdin, config_options, input_failure, pack_options, refuse_overwriting_inputs, run_inputs,
                                    run_setup, say, select_options, write_failure)


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


def diagram_format(output: str, fmt: str | None, option: str = "-o/--output") -> str:
    """The format to draw `output` in: --format's, else the file's extension; exit 2 (a usage error)
    when neither says one, or when they disagree (PNG bytes in a file named .svg)."""
    from designlint.render import format_for

    named = format_for(output) if output != "-" else None
    if fmt is not None:
        if named is not None and named != fmt:
            raise click.BadParameter(f"`{output}` names a {named} file, but --format is {fmt}: make them agree",
                                     param_hint=option)
        return fmt
    if output == "-":
        return "svg"
    if named is None:
        raise click.BadParameter(f"cannot tell the format of `{output}`: name it .svg, .png, .pdf, .dot or .mmd"
                                 + (", or give --format" if option == "-o/--output" else ""), param_hint=option)
    return named


def _draw(design, findings, output: str, fmt: str | None, option: str = "-o/--output", **options) -> None:
    """Render `design` to `output` ('-': standard output), printing the renderer's notes on stderr."""
    from designlint.util import atomic
    from designlint.render import render
    from designlint.render.layout import LayoutError

    fmt = diagram_format(output, fmt, option)
    refusals: tuple[type[Exception], ...] = (LayoutError,)
    if fmt == "mermaid":  # the Mermaid writer is imported only to write Mermaid
        from designlint.render.mermaid import MermaidTooLarge

        refusals += (MermaidTooLarge,)
    try:
        drawn = render(design, findings, fmt, **options)
    except refusals as exc:
        say(f"designlint: error: {exc}")
        sys.exit(2)
    for note in drawn.notes:
        say(note)
    if output == "-":
        click.echo(drawn.data, nl=False)  # bytes go to the binary stream
    else:
        try:
            atomic.write_bytes(output, drawn.data)
        except OSError as exc:
            write_failure(output, "the diagram", exc)


def _one_design(designs, system: str | None, path: str):
    """The design to draw: the only one in the file, or the one named by --system."""
    if system is not None:
        from designlint.util.suggest import suggest

        named = [d for d in designs if d.system == system]
        if not named:
            raise click.BadParameter(f"`{system}` is not a system in {path}"
                                     f"{suggest(system, [d.system for d in designs])}", param_hint="--system")
        return named[0]
    if not designs:
        say(f"{path}: error: no design in this file")
        sys.exit(2)
    if len(designs) > 1:
        raise click.UsageError(f"{path} holds {len(designs)} designs: choose one with --system "
                               f"({', '.join(d.system for d in designs)})")
    return designs[0]


def doc_diagrams(path: str, config, registry) -> tuple[str, str, list[int]]:
    """A Markdown doc's text, the text with every design's annotated Mermaid diagram in place
    (designlint.render.doc), and the 1-based lines of the fences whose diagram was missing or stale.
    Exits 2 when the doc cannot be read or a diagram cannot be drawn."""
    from designlint.errors import InputError, InputErrors
    from designlint.findings.engine import lint
    from designlint.model import build
    from designlint.render import render
    from designlint.render.doc import DocError, place
    from designlint.render.mermaid import MermaidTooLarge

    try:
        designs, unread = build.load_designs(path)
        if unread:
            raise InputErrors(unread)
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
    except (InputError, InputErrors) as exc:
        input_failure(exc)
    except (OSError, UnicodeDecodeError) as exc:
        say(f"{path}: error: cannot read it: {getattr(exc, 'strerror', None) or exc}")
        sys.exit(2)
    diagrams = []
    for design in designs:
        findings = lint(design, config, registry)
        try:
            diagrams.append(render(design, findings, "mermaid").data.decode("utf-8"))
        except MermaidTooLarge as exc:
            diagrams.append(_by_layer(path, design, findings, exc))
    try:
        new, stale = place(text, diagrams)
    except DocError as exc:
        say(f"{path}:{exc.line}:1: error: {exc}")
        sys.exit(2)
    return text, new, stale


def _by_layer(path: str, design, findings, too_large):
    """A design too large for one Mermaid diagram as one per layer (designlint.render.doc.Split); exits 2
    when it has no layers or a layer is still too large."""
    from designlint.render import render
    from designlint.render.doc import Split, markdown_text
    from designlint.render.mermaid import MermaidTooLarge
    from designlint.render.view import layer

    names = list(dict.fromkeys(c.layer for c in design.components.values() if c.layer))
    if not names:
        say(f"{path}: error: {design.system}: {too_large}")
        sys.exit(2)
    parts = []
    for name in names:
        try:
            parts.append(render(design, findings, "mermaid", shown=layer(design, name),
                                view=f"layer {name}").data.decode("utf-8"))
        except MermaidTooLarge as exc:
            say(f"{path}: error: {design.system}, layer {name}: {exc}")
            sys.exit(2)
    note = (f"{markdown_text(design.system)} is drawn one layer at a time: as one diagram, "
            f"{markdown_text(too_large.reason)}. Arrows between layers are left out; "
            "`designlint render --format svg` draws the whole design.")
    return Split(note, tuple(parts))


def write_doc_diagrams(path: str, config, registry) -> None:
    """`render --markdown DOC`: put each design's diagram after its fence, rewriting DOC atomically
    (and not at all when nothing changed)."""
    from designlint.util import atomic

    text, new, stale = doc_diagrams(path, config, registry)
    for line in stale:
        say(f"{path}:{line}:1: diagram written")
    if new != text:
        try:
            atomic.write_bytes(path, new.encode("utf-8"))
        except OSError as exc:
            say(f"{path}: error: cannot write it: {exc.strerror or exc}")
            sys.exit(2)


def stale_docs(report, config, registry) -> int:
    """`check --diagrams-current`: one message per missing or stale diagram in the Markdown files checked;
    returns how many."""
    from designlint.loading.markdown import is_markdown

    count = 0
    for path in report.files:
        if not is_markdown(path):
            continue
        _, _, stale = doc_diagrams(path, config, registry)
        for line in stale:
            click.echo(f"{path}:{line}:1: error: the diagram after this design is missing or out of date: "
                       f"run `designlint render --markdown {path}`", err=True)
        count += len(stale)
    return count


def check_diagram(report, output: str) -> None:
    if len(report.designs) > 1:
        click.echo(f"designlint: error: --diagram draws one design, but {len(report.designs)} were checked: "
                   "name one file, or use `designlint render`", err=True)
        sys.exit(2)
    design = report.designs[0]
    _draw(design, [f for f in report.findings if f.location.file == design.file], output, None, "--diagram")


@click.command()
@click.argument("design_path", metavar="DESIGN", required=False, type=click.Path(dir_okay=False))
@click.option("--markdown", "markdown_doc", metavar="DOC.md", type=click.Path(dir_okay=False),
              help="Write (or update) an annotated Mermaid diagram after each design fence of this Markdown doc, "
                   "between marker comments; run it again after a change (check --diagrams-current tells).")
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
@select_options("Annotate with")
@config_options
@pack_options
def render(design_path, markdown_doc, output, fmt, engine, graph_attrs, focus, depth, layer, system, timeout,
           select, ignore, config_file, isolated):
    """Draw DESIGN with its findings: each component coloured by its worst finding, with badges,
    irreversible actions and their human gates, flows by kind, fallbacks, layers and a legend.

    The findings are check's, with the same config file and rule packs.
    svg, png and pdf are laid out by Graphviz's `dot` program, or by the
    embedded Graphviz (pip install 'designlint[embedded]', svg only) where
    `dot` is missing; dot and mermaid need neither.

    With --markdown DOC.md, each design fence of the doc gets its annotated
    Mermaid diagram right after it, between marker comments, so code hosts
    show it in the doc; the doc is rewritten atomically, and only if a
    diagram changed.

    Exit status: 0 the diagram was drawn, whatever the findings (use `check`
    for a verdict); 2 the design could not be read, the command line was
    wrong, or the diagram could not be laid out.
    """
    refuse_stdin(design_path, "render")
    if focus and layer:
        raise click.UsageError("give --focus or --layer, not both")
    if (design_path is None) == (markdown_doc is None):
        raise click.UsageError("give a DESIGN to draw, or --markdown DOC.md (one of them)")
    # Graphviz starts first, so its own start-up overlaps the imports, the read and the lint below.
    started = None if markdown_doc else _start_layout(output, fmt)
    try:
        config, registry = run_setup(config_file, isolated, select, ignore)
        if markdown_doc:
            write_doc_diagrams(markdown_doc, config, registry)
            return
        if output != "-":
            refuse_overwriting_inputs(output, [design_path, *run_inputs()], "the diagram")
        _render_design(design_path, output, fmt, engine, graph_attrs, focus, depth, layer, system, timeout, config,
                       registry, started)
    finally:
        if started is not None:
            started.close()


def _start_layout(output: str, fmt: str | None):
    """Graphviz started now, while the design is read and linted, when the output will need a layout
    (designlint.render.layout.start); None otherwise. A wrong format is refused later, as before."""
    from designlint.render import format_for
    from designlint.render.layout import start

    wanted = fmt or (format_for(output) if output != "-" else "svg")
    return start(wanted) if wanted else None


def _render_design(design_path, output, fmt, engine, graph_attrs, focus, depth, layer, system, timeout, config,
                   registry, started) -> None:
    from designlint.errors import InputErrors
    from designlint.findings.engine import lint
    from designlint.findings.run import lint_paths
    from designlint.render.view import ViewError, layer as layer_view, neighbourhood

    report = lint_paths([design_path], config, registry)
    named = system is not None and any(d.system == system for d in report.designs)
    if report.errors and not named:
        input_failure(InputErrors(list(report.errors)))
    for error in report.errors:  # other designs of the file: they do not stop the one named from being drawn
        say(str(error).replace(": error: ", ": warning: ", 1) + f" (not drawn: --system {system} was)")
    design = _one_design(report.designs, system, design_path)
    findings = list(report.findings) if len(report.designs) == 1 else lint(design, config, registry)
    shown = view = None
    try:
        if focus:
            from designlint.util.text import plural

            shown, view = neighbourhood(design, focus, depth), f"{focus} and {plural(depth, 'flow')} around it"
        elif layer:
            shown, view = layer_view(design, layer), f"layer {layer}"
    except ViewError as exc:
        raise click.BadParameter(str(exc), param_hint="--focus" if focus else "--layer") from None
    _draw(design, findings, output, fmt, engine=engine, graph_attrs=graph_attrs, shown=shown, view=view,
          timeout=timeout, started=started)
