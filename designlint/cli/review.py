"""`designlint review`: the interview self-check, a scorecard with an interviewer's questions."""

from __future__ import annotations

import sys

import click

from designlint.cli.options import refuse_stdin, config_options, input_failure, pack_options, run_setup


@click.command("review")
@click.argument("design_path", metavar="DESIGN", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="Output format.")
@click.option("--fail-under", type=click.IntRange(min=0), default=None, metavar="N",
              help="Exit 1 when a scorecard scores fewer than N points (for CI and practice).")
@config_options
@pack_options
def review_command(design_path, fmt, fail_under, config_file, isolated):
    """Grade DESIGN as an AI system-design interviewer would.

    Prints a scorecard in the order a strong answer follows (user goal and
    success metric, failure modes ranked by harm, data and drift, model
    scope, fallback hierarchy, feedback loop, scaling), with the question an
    interviewer would ask about each gap, and the follow-ups a strong
    interviewer asks anyway. DESIGN is a YAML design, or a Markdown file
    whose designs each get a scorecard. Exit status: 0 when the design was
    read (whatever its grades), 1 when --fail-under N is given and a
    scorecard scores fewer than N points, 2 when it could not be read.
    """
    refuse_stdin(design_path, "review")
    from designlint import review
    from designlint.errors import InputError, InputErrors
    from designlint.findings.engine import lint
    from designlint.loading import markdown
    from designlint.model import build
    from designlint.review import formats

    config, registry = run_setup(config_file, isolated)
    try:
        if markdown.is_markdown(design_path):
            designs, unread = build.load_designs(design_path)
            if unread:
                raise InputErrors(unread)
            if not designs:
                raise InputError(design_path, 0, 0, "no design in this Markdown file (a ```designlint fenced block)")
        else:
            designs = [build.load(design_path)]
    except (InputError, InputErrors) as exc:
        input_failure(exc)
    cards = [review.build(design, lint(design, config, registry)) for design in designs]
    click.echo(formats.render_all(cards, fmt), nl=False)
    if fail_under is not None and any(card.score < fail_under for card in cards):
        sys.exit(1)
