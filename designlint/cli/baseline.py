"""`designlint baseline`: record today's findings so that `check --baseline` fails only on new ones."""

from __future__ import annotations

import sys

import click

from designlint.cli.options import config_options, force_exclude_option, pack_options, run_setup, select_options
from designlint.util.text import plural


@click.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Where to write it.  [default: the config's `baseline`, else .designlint-baseline.json]")
@select_options("Record")
@config_options
@force_exclude_option
@pack_options
def write_baseline(paths, output, select, ignore, config_file, isolated, force_exclude):
    """Record today's findings in PATHS so that `check --baseline` fails only on new ones.

    Findings are recorded by rule, file, component and subject, not by line,
    so edits that move them keep them recorded. Nothing is written when a
    design cannot be read (exit 2).
    """
    from designlint.findings import baseline as baselines
    from designlint.findings.run import lint_paths

    config, registry = run_setup(config_file, isolated, select, ignore, force_exclude=force_exclude)
    report = lint_paths(paths or ["."], config, registry)
    if report.errors:
        for error in report.errors:
            click.echo(str(error), err=True)
        click.echo("designlint: no baseline written: fix the input errors first", err=True)
        sys.exit(2)
    path = output or config.baseline or baselines.DEFAULT_PATH
    entries = baselines.write(path, report.findings)
    total = sum(e.count for e in entries)
    click.echo(f"Recorded {plural(total, 'finding')} from {plural(len(report.files), 'file')} in {path}.")
