"""Which files a PATH argument stands for."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property

DESIGN_SUFFIXES = (".yaml", ".yml")
DEFAULT_INCLUDE = ("*.yaml", "*.yml", "*.md", "*.markdown")
SKIP_DIRS = {"node_modules", "__pycache__", "venv", "site-packages"}
# A design's top level has a `designlint` key; looking for it in the text
# spares parsing every YAML file in a repository.
_DESIGN_MARKER = re.compile(rb"^(?:---\s*\n)?[\"']?designlint[\"']?\s*:", re.MULTILINE)


def looks_like_design(path: str) -> bool:
    from designlint.loading import markdown

    if markdown.is_markdown(path):
        return markdown.has_designs(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 20)
    except OSError:
        return False
    return bool(_DESIGN_MARKER.search(head))


def holds_design(data: bytes, name: str) -> bool:
    """looks_like_design for a file's bytes that are not on disk (a file at a git revision)."""
    from designlint.loading import markdown

    if not markdown.is_markdown(name):
        return bool(_DESIGN_MARKER.search(data[:1 << 20]))
    if b"designlint" not in data:
        return False
    try:
        return bool(markdown.design_blocks(data.decode("utf-8")))
    except UnicodeDecodeError:
        return True  # let the check report the bad encoding


@dataclass(frozen=True)
class FileFilter:
    """Which files a directory walk takes: `include` and `exclude` are gitignore-style
    globs matched against paths relative to `root` (the folder of the config file)."""

    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    root: str = "."

    @cached_property
    def _include(self):
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.include)

    @cached_property
    def _exclude(self):
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.exclude)

    def _relative(self, path: str, is_dir: bool) -> str:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        if rel == os.curdir or rel.startswith(os.pardir):
            rel = os.path.normpath(path).lstrip(os.sep)
        rel = rel.replace(os.sep, "/")
        return rel + "/" if is_dir else rel

    def excluded(self, path: str, is_dir: bool = False) -> bool:
        return bool(self.exclude) and self._exclude.match_file(self._relative(path, is_dir))

    def selects(self, path: str) -> bool:
        """Whether the globs take this file (included, not excluded), whatever it holds."""
        return bool(self._include.match_file(self._relative(path, False))) and not self.excluded(path)

    def takes(self, path: str) -> bool:
        """Whether a walk takes this file: included, not excluded, and a design."""
        rel = self._relative(path, False)
        return (self._include.match_file(rel) and not self.excluded(path)
                and looks_like_design(path))


def expand(paths, selection: FileFilter | None = None, force_exclude: bool = False) -> list[str]:
    """Files to check, in a stable order: files as given, designs found under directories.

    A file named on the command line is always checked (unless `force_exclude`:
    then it is filtered as a walk would filter it, which is what pre-commit
    needs); under a directory, only included files that hold a design (YAML
    with a top-level `designlint` key, or Markdown with a design block) are,
    and hidden, vendored and excluded folders are skipped.
    """
    selection = selection or FileFilter()
    files: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS
                                 and not selection.excluded(os.path.join(root, d), is_dir=True))
                for name in names:
                    full = os.path.join(root, name)
                    if selection.takes(full):
                        found.append(os.path.normpath(full))
            candidates = sorted(found)
        elif force_exclude and os.path.isfile(path) and not selection.takes(path):
            candidates = []
        else:
            candidates = [path]
        for f in candidates:
            if f not in seen:
                seen.add(f)
                files.append(f)
    return files
