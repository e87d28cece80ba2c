"""`designlint check`: lint designs and exit with the verdict."""

from __future__ import annotations

import sys

import click

from designlint.cli.options import (SEVERITIES, config_options, force_exclude_option, framework_option, input_failure,
                                    pack_options, run_setup, select_options, use_color)
from designlint.report import FORMATS


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="Output format.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that fails the run (exit 1).  [default: error]")
@select_options("Run")
@framework_option("Run only the rules that cite a clause of this framework")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text output; auto colours a terminal unless NO_COLOR is set.")
@config_options
@force_exclude_option
@click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Fail only on findings that are not in this baseline (see `designlint baseline`).")
@pack_options
@click.option("--diagram", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also draw the design with its findings to FILE (.svg, .png, .pdf, .dot or .mmd); "
                   "one design only. The exit status stays check's.")
@click.option("--show-waived", is_flag=True,
              help="Text output: also list waived and baselined findings (by default only the summary counts them).")
@click.option("--diagrams-current", is_flag=True,
              help="Also fail (exit 1) when a Markdown design doc's diagram (written by `render --markdown`) "
                   "is missing or out of date, with one message per diagram.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for many files; 0: one per core, when there are enough files to pay for it.")
def check(paths, fmt, fail_on, select, ignore, framework, color, config_file, isolated, force_exclude, baseline, diagram,
          show_waived, diagrams_current, jobs):
    """Lint designs in PATHS (files, or directories searched for designs in
    *.yaml, *.yml and *.md files).

    Settings come from .designlint.yaml or pyproject.toml's [tool.designlint],
    found upward from the working directory; options given here override them.

    Exit status: 0 no unwaived finding at or above --fail-on; 1 there are
    some; 2 a design could not be read or the command line was wrong.
    """
    from designlint.findings.run import lint_paths
    from designlint.report import formatter
    from designlint.rules import Severity

    config, registry = run_setup(config_file, isolated, select, ignore, framework, force_exclude=force_exclude,
                                 fail_on=Severity(fail_on) if fail_on else None, baseline=baseline)
    # --diagram draws a design from the report: the designs must stay in this process
    report = lint_paths(paths or ["."], config, registry, jobs=1 if diagram else jobs)
    if config.baseline:
        from designlint.errors import InputError, InputErrors
        from designlint.findings import baseline as baselines

        try:
            report = baselines.load_and_compare(report, config.baseline)
        except (InputError, InputErrors) as exc:
            input_failure(exc)
    for error in report.errors:
        click.echo(str(error), err=True)
    if not report.files:
        click.echo(f"designlint: no designs found in {', '.join(paths or ['.'])}", err=True)
    options = {"show_waived": show_waived} if fmt == "text" else {}
    click.echo(formatter(fmt)(report, color=use_color(color, sys.stdout), **options), nl=False, color=color != "never")
    if diagram and report.designs:
        from designlint.cli.render import check_diagram

        check_diagram(report, diagram)
    code = report.exit_code
    if diagrams_current:
        from designlint.cli.render import stale_docs

        if stale_docs(report, config, registry) and code == 0:
            code = 1
    sys.exit(code)
