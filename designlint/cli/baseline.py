"""`designlint baseline`: record today's findings so that `check --baseline` fails only on new ones."""

from __future__ import annotations

import sys

import click

from designlint.cli.options import (config_options, force_exclude_option, pack_options, refuse_overwriting_inputs,
                                    run_inputs, run_setup, say, select_options, write_failure)
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
    for note in report.notes:
        say(note)
    if report.errors:
        for error in report.errors:
            say(str(error))
        say("designlint: no baseline written: fix the input errors first")
        sys.exit(2)
    path = output or config.baseline or baselines.DEFAULT_PATH
    inputs = [p for p in run_inputs(report) if p != config.baseline]  # the baseline itself is rewritten on purpose
    refuse_overwriting_inputs(path, inputs, "the baseline")
    try:
        entries = baselines.write(path, report.findings)
    except OSError as exc:
        write_failure(path, "the baseline", exc)
    total = sum(e.count for e in entries)
    say(f"Recorded {plural(total, 'finding')} from {plural(len(report.files), 'file')} in {path}.", err=False)
