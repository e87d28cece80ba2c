"""Output formats. Each module has one function: format(report, *, color=False) -> str."""

from __future__ import annotations

import importlib

FORMATS = {
    "text": "designlint.report.text",
    "json": "designlint.report.json",
    "sarif": "designlint.report.sarif",
    "github": "designlint.report.github",
    "junit": "designlint.report.junit",
    "markdown": "designlint.report.markdown",
}


def formatter(name: str):
    """The format function of an output format, imported only when used."""
    return importlib.import_module(FORMATS[name]).format
