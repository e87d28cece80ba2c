"""Data files shipped with the package: the JSON Schemas.

In an installed wheel they live in designlint/_data/schemas; in a source
checkout they are the top-level schemas/ folder, which the wheel is built from.
(The built-in rule packs are package files beside the Python rules:
designlint/rules/*.yaml.)
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent.parent


def data_dir(name: str):
    """The folder `name` (schemas), as importlib.resources finds it in the package.

    (About 8 ms of start-up, measured; kept so that the data is found however
    the package is installed.)
    """
    packaged = resources.files("designlint") / "_data" / name
    if packaged.is_dir():
        return packaged
    return _SOURCE_ROOT / name


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A JSON Schema from the schemas folder, e.g. schema("design")."""
    return json.loads((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"))
