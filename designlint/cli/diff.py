"""`designlint diff`: what a change does to designs, and whether it introduces failing findings."""

from __future__ import annotations

import sys

import click

from designlint.cli.options import (refuse_stdin, SEVERITIES, config_options, emit, framework_option, input_failure, output_options,
                                    pack_options, refuse_input_as_output, run_setup, select_options, verdict)

DIFF_FORMATS = ("text", "json", "markdown", "github")  # designlint.diff.FORMATS, not imported at start-up


@click.command("diff")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--git", "rev", metavar="REV",
              help="Compare the working tree with git revision REV (e.g. origin/main); PATHS limit the files "
                   "(default: the working directory).")
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default="text", show_default=True,
              help="Output format: markdown for a pull-request comment, github for annotations.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity of an introduced finding that fails the run (exit 1).  [default: error]")
@select_options("Compare")
@framework_option("Compare only the rules that map to this framework")
@config_options
@pack_options
@click.option("--diagram", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also draw both versions in one picture to FILE (.svg, .png, .pdf, .dot or .mmd): added parts "
                   "in green, removed parts dashed and struck through, introduced findings marked.")
@click.option("--system", metavar="NAME", help="With --diagram, when several systems changed: the one to draw.")
@output_options
def diff(paths, rev, fmt, fail_on, select, ignore, framework, config_file, isolated, diagram, system, output_file,
         exit_zero):
    """Compare two versions of designs: `designlint diff OLD NEW` (two files), or
    `designlint diff --git REV [PATH...]` (the working tree against a git revision).

    Designs are matched by `system`. The output lists first the safeguards
    the change removed (a human gate, a fallback, an owner, an appeal, an
    action made irreversible), then the components and flows added, removed
    and changed, and the findings introduced and fixed, matched by rule,
    component and subject, not by line.

    Exit status: 0 no introduced, unwaived finding at or above --fail-on;
    1 there are some; 2 a design could not be read, git failed, or the
    command line was wrong.
    """
    refuse_stdin(paths, "diff")
    from designlint.diff import compare, formatter, sources
    from designlint.errors import InputError
    from designlint.rules import Severity

    config, registry = run_setup(config_file, isolated, select, ignore, framework,
                                 fail_on=Severity(fail_on) if fail_on else None)
    if rev is None:
        if len(paths) != 2:
            raise click.UsageError("give two files (OLD NEW), or --git REV [PATH...]")
        refuse_input_as_output(output_file, paths)
        refuse_input_as_output(diagram, paths, "--diagram")
        try:
            old_sources, new_sources = [sources.on_disk(paths[0])], [sources.on_disk(paths[1])]
        except InputError as exc:
            input_failure(exc)
    else:
        from designlint.findings.run import file_filter

        try:
            old_sources, new_sources = sources.git_versions(rev, paths, file_filter(config))
        except sources.GitError as exc:
            click.echo(f"designlint: error: git: {exc}", err=True)
            sys.exit(2)
        changed = [s.name for s in new_sources if s.data is not None]
        refuse_input_as_output(output_file, changed)
        refuse_input_as_output(diagram, changed, "--diagram")
    sides = []
    for found in (old_sources, new_sources):
        designs, errors, files = sources.read(found)
        sides.append(compare.lint_side(designs, errors, files, config, registry))
    result = compare.compare(sides[0], sides[1], config.fail_on)
    for error in result.errors:
        click.echo(str(error), err=True)
    emit(formatter(fmt)(result), output_file)
    if diagram:
        _draw(result, diagram, system)
    sys.exit(verdict(result.exit_code, exit_zero))


def _draw(result, output: str, system: str | None) -> None:
    from designlint.diff.diagram import DiagramError, draw
    from designlint.util import atomic

    try:
        data = draw(result, output, system)
    except DiagramError as exc:
        click.echo(f"designlint: error: {exc}", err=True)
        sys.exit(2)
    try:
        atomic.write_bytes(output, data)
    except OSError as exc:
        click.echo(f"{output}: error: cannot write the diagram: {exc.strerror or exc}", err=True)
        sys.exit(2)
