"""`designlint init` (a starter design) and `designlint schema` (the JSON Schemas, for editors)."""

from __future__ import annotations

import sys

import click


@click.command()
@click.argument("name", type=click.Choice(["design", "config", "baseline", "pack"]), default="design")
def schema(name):
    """Print the JSON Schema of a design (or of the config, a baseline file or a rule pack).

    Save it and point your editor at it, e.g. with a first line
    `# yaml-language-server: $schema=design.schema.json` in a design.
    """
    from designlint.loading.resources import data_dir

    click.echo((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"), nl=False)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False), default="design.yaml", required=False)
def init(file):
    """Write a commented starter design to FILE (default: design.yaml); never over an existing file."""
    from importlib import resources

    from designlint.cli.options import say, write_failure
    from designlint.util import atomic

    text = (resources.files("designlint") / "starter.yaml").read_text(encoding="utf-8")
    try:
        atomic.write_text(file, text.replace("THIS_FILE", file), overwrite=False)
    except FileExistsError:
        say(f"{file}: error: already exists; `designlint init` never overwrites a file")
        sys.exit(2)
    except OSError as exc:
        write_failure(file, "the starter design", exc)
    say(f"Wrote a starter design to {file}: edit it, then run `designlint check {file}`.", err=False)
