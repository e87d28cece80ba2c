"""`designlint rules` (every rule of this run) and `designlint explain RULE` (one rule's docs)."""

from __future__ import annotations

import click

from designlint.cli.options import config_options, framework_option, pack_options, run_setup


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@framework_option("Print that framework's clauses, each with the rules that cite it, uncovered clauses included")
@config_options
@pack_options
def list_rules(fmt, framework, config_file, isolated):
    """List every rule with its default severity and summary: built-in, the config's packs and --pack files.

    With --framework NAME, print that framework's clause -> rules table instead.
    """
    from designlint.report.rules import coverage, listing

    _, registry = run_setup(config_file, isolated)
    if framework is not None:
        click.echo(coverage(list(registry), framework, fmt), nl=False)
        return
    click.echo(listing(list(registry), fmt), nl=False)


@click.command()
@click.argument("rule_id", metavar="RULE")
@config_options
@pack_options
def explain(rule_id, config_file, isolated):
    """Show a rule's documentation, with a failing and a passing design, and the file that defines it."""
    from designlint.report.rules import explanation
    from designlint.util.suggest import suggest

    _, registry = run_setup(config_file, isolated)
    spec = registry.get(rule_id)
    if spec is None:
        raise click.BadParameter(f"`{rule_id}` is not a rule{suggest(rule_id, registry.ids())} "
                                 "(`designlint rules` lists them)", param_hint="RULE")
    click.echo(explanation(spec), nl=False)
