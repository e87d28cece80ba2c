"""Which files a PATH argument stands for."""

from __future__ import annotations

import os
import re

DESIGN_SUFFIXES = (".yaml", ".yml")
SKIP_DIRS = {"node_modules", "__pycache__", "venv", "site-packages"}
# A design's top level has a `designlint` key; looking for it in the text
# spares parsing every YAML file in a repository.
_DESIGN_MARKER = re.compile(rb"^(?:---\s*\n)?[\"']?designlint[\"']?\s*:", re.MULTILINE)


def looks_like_design(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 20)
    except OSError:
        return False
    return bool(_DESIGN_MARKER.search(head))


def expand(paths) -> list[str]:
    """Files to check, in a stable order: files as given, designs found under directories.

    A file named on the command line is always checked; under a directory,
    only *.yaml/*.yml files whose top level has a `designlint` key are, and
    hidden and vendored folders are skipped.
    """
    files: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
                for name in names:
                    if name.endswith(DESIGN_SUFFIXES):
                        full = os.path.join(root, name)
                        if looks_like_design(full):
                            found.append(os.path.normpath(full))
            candidates = sorted(found)
        else:
            candidates = [path]
        for f in candidates:
            if f not in seen:
                seen.add(f)
                files.append(f)
    return files
