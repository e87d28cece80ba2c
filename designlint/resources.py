"""Data files shipped with the package: JSON Schemas and rule packs.

In an installed wheel they live in designlint/_data/; in a source checkout
they are the top-level schemas/ and rules/ folders, which the wheel is built from.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE.parent


def data_dir(name: str) -> Path:
    """The folder `name` (schemas or rules).

    A plain path beside this module: importlib.resources would add about
    8 ms to every start, for zipped installs that pip does not make.
    """
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _SOURCE_ROOT / name


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A JSON Schema from the schemas folder, e.g. schema("design")."""
    return json.loads((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"))
