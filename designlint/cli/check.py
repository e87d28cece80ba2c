"""`designlint check`: lint designs and exit with the verdict."""

from __future__ import annotations

import sys

import click

from designlint.cli.options import (SEVERITIES, config_options, emit, force_exclude_option, framework_option,
                                    input_failure, output_options, pack_options, refuse_input_as_output,
                                    refuse_overwriting_inputs, run_inputs, run_setup, say, select_options, use_color,
                                    verdict)
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
              help="Worker processes for many files, or for the rules of one design of 4,000 to 50,000 components; "
                   "0: one per core, where it pays. The output is the same either way.")
@click.option("--system", metavar="NAME", help="Lint only the designs whose `system` is NAME.")
@click.option("--stdin-filename", metavar="NAME",
              help="With `-` (standard input): the file name to report the design under (its suffix says "
                   "YAML or Markdown).  [default: -, read as YAML]")
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no summary line, no notes.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has instead of the findings.")
@output_options
def check(paths, fmt, fail_on, select, ignore, framework, color, config_file, isolated, force_exclude, baseline,
          diagram, show_waived, diagrams_current, jobs, system, stdin_filename, quiet, statistics, output_file,
          exit_zero):
    """Lint designs in PATHS (files, or directories searched for designs in
    *.yaml, *.yml and *.md files; `-` reads one design from standard input).

    Settings come from .designlint.yaml or pyproject.toml's [tool.designlint],
    found upward from the working directory; options given here override them.

    Exit status: 0 no unwaived finding at or above --fail-on (or --exit-zero);
    1 there are some; 2 a design could not be read or the command line was
    wrong.
    """
    from designlint.findings import run
    from designlint.report import formatter
    from designlint.rules import Severity

    if "-" in paths and len(paths) > 1:
        raise click.UsageError("`-` (standard input) cannot be mixed with other paths")
    if stdin_filename and paths != ("-",):
        raise click.UsageError("--stdin-filename names standard input: give `-` as the path")
    if statistics and fmt != "text":
        raise click.UsageError("--statistics prints text: drop --format, or drop --statistics")
    refuse_input_as_output(output_file, paths)
    refuse_input_as_output(diagram, paths, "--diagram")
    if diagram:
        from designlint.cli.render import diagram_format

        diagram_format(diagram, None, "--diagram")  # a name with no format is refused before linting
    config, registry = run_setup(config_file, isolated, select, ignore, framework, force_exclude=force_exclude,
                                 fail_on=Severity(fail_on) if fail_on else None, baseline=baseline)
    if paths == ("-",) or diagram:
        # --diagram draws one design from the report, so the designs stay in this process, and
        # several designs are refused before any is linted
        if paths == ("-",):
            files = [stdin_filename or "-"]
            designs, errors = run.read_bytes(sys.stdin.buffer.read(), files[0], system)
        else:
            files, designs, errors = run.read_designs(paths or ["."], config, system)
        if diagram and len(designs) > 1:
            click.echo(f"designlint: error: --diagram draws one design, but {len(designs)} were found "
                       f"({', '.join(d.system for d in designs)}): choose one with --system, name one file, "
                       "or use `designlint render`", err=True)
            sys.exit(2)
        report = run.lint_read(files, designs, errors, config, registry)
    else:
        report = run.lint_paths(paths or ["."], config, registry, jobs=1 if system else jobs, system=system)
    if config.baseline:
        from designlint.errors import InputError, InputErrors
        from designlint.findings import baseline as baselines

        try:
            report = baselines.load_and_compare(report, config.baseline)
        except (InputError, InputErrors) as exc:
            input_failure(exc)
    for note in () if quiet else report.notes:
        say(note)
    for error in report.errors:
        say(str(error))
    if not quiet and not report.files:
        say(f"designlint: no designs found in {', '.join(paths or ['.'])}")
    if system is not None and not report.designs and not report.errors:
        say(f"designlint: error: no design has `system: {system}` in {', '.join(paths or ['.'])}")
        sys.exit(2)
    # the config file, its packs and baseline are inputs too, known only now
    refuse_overwriting_inputs(diagram, run_inputs(report), "the diagram")
    refuse_overwriting_inputs(output_file, run_inputs(report), "the report")
    colored = use_color(color, sys.stdout) and not output_file
    if statistics:
        from designlint.report import statistics as stats

        text = stats.format(report)
    else:
        options = {"show_waived": show_waived} if fmt == "text" else {}
        text = formatter(fmt)(report, color=colored, **options)
    if quiet and fmt == "text":
        text = "".join(text.splitlines(keepends=True)[:-1])  # the last line is the summary
    emit(text, output_file, report.files, color=color != "never")
    if diagram and report.designs:
        from designlint.cli.render import check_diagram

        check_diagram(report, diagram)
    code = report.exit_code
    if diagrams_current:
        from designlint.cli.render import stale_docs

        if stale_docs(report, config, registry) and code == 0:
            code = 1
    sys.exit(verdict(code, exit_zero))
