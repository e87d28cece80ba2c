"""Options and helpers that several commands share, declared once.

The CLI parses arguments, calls the library and prints; verdicts (exit codes
1 and 0) come from the Report. Input errors are printed here, one line each,
with exit code 2.
"""

from __future__ import annotations

import os
import sys

import click

SEVERITIES = ("error", "warning", "info")
_PACKS = "designlint.packs"  # ctx.meta key: the --pack files given so far
_CONFIG = "designlint.config"  # ctx.meta keys: the run's Config and the config file it came from
_CONFIG_PATH = "designlint.config_path"


def use_color(choice: str, stream) -> bool:
    """Colour for `--color auto|always|never`: auto colours a terminal unless NO_COLOR is set."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def input_failure(exc) -> None:
    """Print an input error (or several) as one line each and exit 2."""
    for error in getattr(exc, "errors", [exc]):
        click.echo(str(error), err=True)
    sys.exit(2)


def say(text: str, err: bool = True) -> None:
    """Print one line (stderr by default) with every line break in it escaped (util.escape.one_line)."""
    from designlint.util.escape import one_line

    click.echo(one_line(text), err=err)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)  # the same inode: through symlinks, hard links, `./` and `..`
    except OSError:  # one of them does not exist (yet): it cannot be the other
        return False


def refuse_overwriting_inputs(output: str | None, inputs, what: str) -> None:
    """Exit 2 when `output` is one of `inputs` (a design, config, pack or baseline read by this run).

    Compared with os.path.samefile, so a symlink or another spelling of the
    same file is caught; an output that does not exist yet is no input.
    """
    if not output or output == "-":
        return
    for path in inputs:
        if path and _same_file(output, path):
            say(f"{output}: error: is an input of this run ({path}): writing {what} there would destroy it; "
                "choose another file")
            sys.exit(2)


def run_inputs(report=None) -> list[str]:
    """Every file this run reads: the config file, the rule packs (config's and --pack) and the designs checked."""
    ctx = click.get_current_context()
    config = ctx.meta.get(_CONFIG)
    inputs = [p for p in (ctx.meta.get(_CONFIG_PATH),) if p]
    if config is not None:
        inputs += list(config.packs)
        if config.baseline:
            inputs.append(config.baseline)
    inputs += given_packs()
    if report is not None:
        inputs += list(report.files)
    return inputs


def write_failure(path: str, what: str, exc: OSError) -> None:
    """An output that cannot be written: `path: error: ...` with the user's path only, exit 2."""
    say(f"{path}: error: cannot be written ({what}): {exc.strerror or exc}")
    sys.exit(2)


def _split_ids(ctx, param, values) -> frozenset[str] | None:
    """Comma- or space-separated rule ids; checked against the run's rules by `run_rules`."""
    if not values:
        return None
    return frozenset(part for value in values for part in value.replace(",", " ").split())


def select_options(what: str = "Run"):
    """--select and --ignore, for a command whose rules are `what`-ed."""
    def wrap(fn):
        fn = click.option("--ignore", multiple=True, callback=_split_ids, metavar="RULES",
                          help=f"Do not {what.lower()} these rules (comma-separated; repeatable).")(fn)
        return click.option("--select", multiple=True, callback=_split_ids, metavar="RULES",
                            help=f"{what} only these rules (comma-separated; repeatable).")(fn)
    return wrap


def _deprecated_rules_option(ctx, param, values):
    if values:
        click.echo("designlint: warning: `--rules FILE` is deprecated: write `--pack FILE`", err=True)
    ctx.meta.setdefault(_PACKS, []).extend(values)
    return values


def _pack_option(ctx, param, values):
    ctx.meta.setdefault(_PACKS, []).extend(values)
    return values


def pack_options(fn):
    """--pack FILE (repeatable) and its deprecated spelling --rules FILE."""
    fn = click.option("--rules", "old_packs", multiple=True, type=click.Path(), callback=_deprecated_rules_option,
                      hidden=True, expose_value=False)(fn)
    return click.option("--pack", "packs", multiple=True, type=click.Path(), callback=_pack_option,
                        expose_value=False, metavar="FILE",
                        help="Add a rule pack (YAML); repeatable, applied in order after the built-in rules "
                             "and the config's packs.")(fn)


def config_options(fn):
    """--config FILE and --isolated."""
    fn = click.option("--isolated", is_flag=True, help="Ignore every config file.")(fn)
    return click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE",
                        help="Use this config file (.designlint.yaml or pyproject.toml) instead of looking for one.")(fn)


def framework_option(what: str):
    """--framework NAME: only the rules that cite a clause of that framework (designlint.rules.frameworks)."""
    from designlint.rules.frameworks import NAMES

    def wrap(fn):
        return click.option("--framework", type=click.Choice(NAMES), default=None, metavar="NAME",
                            help=f"{what} (one of: {', '.join(NAMES)}).")(fn)
    return wrap


def force_exclude_option(fn):
    return click.option("--force-exclude", is_flag=True, default=None,
                        help="Filter files named on the command line like a folder search does: skip excluded "
                             "files and files with no design (for pre-commit).")(fn)


def given_packs() -> list[str]:
    """The --pack files of this command line, in order."""
    return list(click.get_current_context().meta.get(_PACKS, ()))


def run_setup(config_file=None, isolated=False, select=None, ignore=None, framework=None, **overrides):
    """(Config, Registry) of this run: the project's config with the options given, and its rules.

    The rules are built-ins + the config's packs + --pack files (designlint.rules.registry.rules_for),
    and --select/--ignore are checked against exactly those. `framework` (--framework NAME) keeps,
    of the rules selected, only those that cite a clause of that framework. Exits 2 on an input error.
    """
    from designlint import config as project_config
    from designlint.errors import InputError, InputErrors
    from designlint.rules.registry import rules_for
    from designlint.util.suggest import suggest

    packs = given_packs()
    try:
        config, path = project_config.resolve(config_file, isolated, packs=packs, select=select, ignore=ignore,
                                              **overrides)
        registry = rules_for(config, packs)
    except (InputError, InputErrors) as exc:
        input_failure(exc)
    ctx = click.get_current_context()
    ctx.meta[_CONFIG], ctx.meta[_CONFIG_PATH] = config, path
    for warning in config.warnings:
        say(warning)
    for option, ids in (("--select", select), ("--ignore", ignore)):
        for rule_id in sorted(ids or ()):
            if rule_id not in registry:
                raise click.BadParameter(f"`{rule_id}` is not a rule{suggest(rule_id, registry.ids())}",
                                         param_hint=f"'{option}'")
    if framework is not None:
        from dataclasses import replace

        from designlint.rules.frameworks import in_framework

        mapped = {spec.id for spec in registry if in_framework(spec.references, framework)}
        config = replace(config, select=mapped if config.select is None else config.select & mapped)
    return config, registry


def output_options(fn):
    """--output-file FILE and --exit-zero, for a command that prints a report and exits with its verdict."""
    fn = click.option("--exit-zero", is_flag=True,
                      help="Exit 0 even when findings fail the run (input errors still exit 2).")(fn)
    return click.option("--output-file", "-o", "output_file", type=click.Path(dir_okay=False), metavar="FILE",
                        help="Write the report to FILE (atomically: a reader sees the old file or the whole "
                             "new one) instead of standard output; never over an input.")(fn)


def refuse_input_as_output(output_file: str | None, inputs, option: str = "--output-file") -> None:
    """Exit 2 before anything is written when `output_file` is one of the files read (or named)."""
    what = {"--output-file": "the report", "--diagram": "the diagram"}.get(option, f"{option}'s output")
    refuse_overwriting_inputs(output_file, [p for p in inputs if p != "-"], what)


def emit(text: str, output_file: str | None, inputs=(), color: bool = False) -> None:
    """Print `text`, or write it atomically to `output_file` (refused, exit 2, when it is an input)."""
    if not output_file:
        click.echo(text, nl=False, color=color)
        return
    from designlint.util import atomic

    refuse_input_as_output(output_file, inputs)
    try:
        atomic.write_text(output_file, text)
    except OSError as exc:
        click.echo(f"{output_file}: error: cannot write the report: {exc.strerror or exc}", err=True)
        sys.exit(2)


def verdict(code: int, exit_zero: bool) -> int:
    """The exit code: `code`, but 0 instead of 1 with --exit-zero (2, bad input, stays)."""
    return 0 if exit_zero and code == 1 else code


def refuse_stdin(paths, command: str) -> None:
    """A usage error (exit 2) for `-` given to a command that reads files only: only `check` reads standard input."""
    if "-" in ([paths] if isinstance(paths, str) else list(paths or ())):
        raise click.UsageError(f"`-` (standard input) is read by `designlint check` only: give `{command}` a file")
