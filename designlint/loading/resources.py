"""Data files shipped with the package: the JSON Schemas, and package files such as the built-in packs.

In an installed wheel the schemas live in designlint/_data/schemas; in a source
checkout they are the top-level schemas/ folder, which the wheel is built from.
(The built-in rule packs are package files beside the Python rules:
designlint/rules/*.yaml.)

A package imported from a folder on disk (a wheel installed the usual way, a
checkout) is read with plain file reads: importlib.resources would answer the
same, but importing it (pathlib, tempfile, zipfile and more) cost about 8 ms
of every start-up, more than checking a small design. A package imported any
other way (from a zip, say) is read through importlib.resources.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # designlint/
_SOURCE_ROOT = os.path.dirname(_PACKAGE_DIR)


def _on_disk(package: str) -> str | None:
    """The folder of `package` (designlint or a subpackage) when it was imported from one, else None."""
    import sys

    module = sys.modules.get(package)
    if module is None:
        import importlib

        module = importlib.import_module(package)
    spec = getattr(module, "__spec__", None)
    locations = list(getattr(spec, "submodule_search_locations", None) or ())
    if spec is not None and spec.origin and os.path.isfile(spec.origin) and locations and os.path.isdir(locations[0]):
        return locations[0]
    return None


def read_text(package: str, name: str) -> str:
    """The text of the file `name` in `package` (e.g. read_text("designlint.rules", "resilience.yaml"))."""
    folder = _on_disk(package)
    if folder is not None:
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            return fh.read()
    from importlib import resources

    return (resources.files(package) / name).read_text(encoding="utf-8")


def data_dir(name: str):
    """The folder `name` (schemas) as a path-like object with `/` and `read_text` (a Path or a Traversable)."""
    folder = _on_disk("designlint")
    if folder is not None:
        from pathlib import Path

        packaged = Path(folder) / "_data" / name
        return packaged if packaged.is_dir() else Path(_SOURCE_ROOT) / name
    from importlib import resources

    packaged = resources.files("designlint") / "_data" / name
    if packaged.is_dir():
        return packaged
    from pathlib import Path

    return Path(_SOURCE_ROOT) / name


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A JSON Schema from the schemas folder, e.g. schema("design")."""
    folder = _on_disk("designlint")
    if folder is not None:
        for root in (os.path.join(folder, "_data", "schemas"), os.path.join(_SOURCE_ROOT, "schemas")):
            path = os.path.join(root, f"{name}.schema.json")
            if os.path.isdir(root):
                with open(path, encoding="utf-8") as fh:
                    return json.load(fh)
    return json.loads((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"))
