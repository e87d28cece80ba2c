"""`designlint report`: one self-contained HTML page with each design's diagram, findings and scorecard."""

from __future__ import annotations

import os
import sys

import click

from designlint.cli.options import (refuse_stdin, SEVERITIES, config_options, input_failure, pack_options, run_setup,
                                    select_options)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _findings_by_design(report, config, registry):
    """Each design with its findings from the report (baselined marks kept), in the report's order."""
    from designlint.findings.engine import lint

    per_file: dict[str, int] = {}
    for d in report.designs:
        per_file[d.file] = per_file.get(d.file, 0) + 1
    by_key = {f.sort_key: f for f in report.findings}
    for design in report.designs:
        if per_file[design.file] == 1:
            yield design, [f for f in report.findings if f.location.file == design.file]
        else:  # several designs in one Markdown file: this design's own findings, as the report has them
            yield design, [by_key.get(f.sort_key, f) for f in lint(design, config, registry)]


@click.command("report")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="The HTML file to write (replaced atomically; never one of the inputs).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that fails the run (exit 1).  [default: error]")
@click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Fail only on findings that are not in this baseline; the page lists the others apart.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds each diagram's layout may take.")
@select_options("Run")
@config_options
@pack_options
def report_command(paths, output, fail_on, baseline, timeout, select, ignore, config_file, isolated):
    """Write one HTML page for the designs in PATHS: each design's annotated diagram, its findings
    (filterable, linked to the diagram both ways), its waived and baselined findings with their
    reasons, and its review scorecard. The page is self-contained: it loads nothing from anywhere.

    Exit status as `check`: 0 no unwaived finding at or above --fail-on; 1 there are some;
    2 a design could not be read or the command line was wrong (the page is still written,
    with the input errors listed).
    """
    refuse_stdin(paths, "report")
    from designlint import review
    from designlint.findings.run import lint_paths
    from designlint.render import render
    from designlint.render.layout import LayoutError
    from designlint.report.html import Section, page
    from designlint.rules import Severity
    from designlint.util import atomic

    config, registry = run_setup(config_file, isolated, select, ignore,
                                 fail_on=Severity(fail_on) if fail_on else None, baseline=baseline)
    report = lint_paths(paths or ["."], config, registry, jobs=1)
    if config.baseline:
        from designlint.errors import InputError, InputErrors
        from designlint.findings import baseline as baselines

        try:
            report = baselines.load_and_compare(report, config.baseline)
        except (InputError, InputErrors) as exc:
            input_failure(exc)
    for read in [*report.files, *paths, *([config.baseline] if config.baseline else [])]:
        if _same_file(output, read):
            click.echo(f"{output}: error: the report would overwrite an input; choose another -o file", err=True)
            sys.exit(2)
    for error in report.errors:
        click.echo(str(error), err=True)
    if not report.files:
        click.echo(f"designlint: no designs found in {', '.join(paths or ['.'])}", err=True)
    sections = []
    for design, findings in _findings_by_design(report, config, registry):
        svg, notes = None, []
        try:
            drawn = render(design, findings, "svg", timeout=timeout)
            svg = drawn.data.decode("utf-8")
        except LayoutError as exc:
            notes.append(f"No diagram: {exc}")
        sections.append(Section(design.system, design.file, tuple(findings), svg,
                                review.build(design, findings), tuple(notes)))
    try:
        atomic.write_text(output, page(report, sections))
    except OSError as exc:
        click.echo(f"{output}: error: cannot write the report: {exc.strerror or exc}", err=True)
        sys.exit(2)
    sys.exit(report.exit_code)
