"""`designlint lsp`: the language server, for editors (designlint.lsp; needs the `lsp` extra)."""

from __future__ import annotations

import sys

import click


@click.command()
def lsp():
    """Run the language server on stdin and stdout, for editors (needs `pip install 'designlint[lsp]'`)."""
    try:
        from designlint.lsp.server import main as serve
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        if missing not in ("pygls", "lsprotocol"):
            raise
        click.echo(f"designlint lsp: needs {missing}: pip install 'designlint[lsp]'", err=True)
        sys.exit(2)
    sys.exit(serve())
