"""Stage 5e, diff: what a change does to a design (FORMAT.md, "Comparing two versions").

Two versions (each a list of files' designs with their findings) are matched
by `system` and compared:

- changes.py     components added, removed and changed (which fields); flows added and removed
- safeguards.py  what the change took away (a gate, a fallback, an owner, an appeal, an action
                 that became irreversible), from the models themselves, whether or not a rule fires
- matching.py    findings introduced, fixed and unchanged, matched by (system, rule, component,
                 subject), never by line
- compare.py     the Diff of two versions, and its exit code
- sources.py     a version read from files on disk, or from a git revision (git in a subprocess)
- text.py, json.py, markdown.py, github.py   one output format each: format(diff) -> str
- diagram.py     the two versions in one picture (DOT, Mermaid, svg/png/pdf through Graphviz)
"""

from __future__ import annotations

import importlib

FORMATS = {
    "text": "designlint.diff.text",
    "json": "designlint.diff.json",
    "markdown": "designlint.diff.markdown",
    "github": "designlint.diff.github",
}


def formatter(name: str):
    """The format function of a diff output format: format(diff) -> str, imported only when used."""
    return importlib.import_module(FORMATS[name]).format
