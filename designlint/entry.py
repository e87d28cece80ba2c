"""The console entry point, kept apart so that Ctrl-C while designlint starts up is one line and exit 130.

Importing the command line (click, the commands) takes tens of milliseconds;
an interrupt then would print a KeyboardInterrupt traceback from the import.
This module imports nothing but the standard library before it guards that.
"""

from __future__ import annotations

import os
import sys


def run(prog_name: str = "designlint") -> None:
    """Import and run designlint.cli.run; an interrupt at any point exits 130 with one line."""
    try:
        from designlint.cli import run as cli_run

        cli_run(prog_name=prog_name)
    except KeyboardInterrupt:
        try:
            sys.stderr.write("designlint: interrupted\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        os._exit(130)
