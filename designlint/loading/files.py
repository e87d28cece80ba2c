"""Which files a PATH argument stands for."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property

DESIGN_SUFFIXES = (".yaml", ".yml")
DEFAULT_INCLUDE = ("*.yaml", "*.yml", "*.md", "*.markdown")
# Globs come from a config in a pull request: pathspec runs them on RE2 (linear time), never on `re`.
_GLOB_BACKEND = "re2"
SKIP_DIRS = {"node_modules", "__pycache__", "venv", "site-packages"}
# A design's top level has a `designlint` key; looking for it in the text
# spares parsing every YAML file in a repository. The key may follow a BOM
# (stripped before the search), a `---` line, or open a flow mapping.
_DESIGN_MARKER = re.compile(rb"^(?:---[ \t]*\r?\n)?(?:\{[ \t]*)?[\"']?designlint[\"']?[ \t]*:", re.MULTILINE)
# A design that lacks only its `designlint: 1` line: top-level `system:` and `components:`.
_SYSTEM_KEY = re.compile(rb"^[\"']?system[\"']?[ \t]*:", re.MULTILINE)
_COMPONENTS_KEY = re.compile(rb"^[\"']?components[\"']?[ \t]*:", re.MULTILINE)
HEAD_BYTES = 1 << 20
# Names a walk passes over but that may hold a design: another case (`D.YAML`), or a backup or
# temporary copy (`d.yaml~`, `d.yaml.bak`, `d.yml.orig`). They are named in a note, not checked.
_NEAR_NAME = re.compile(r"\.(ya?ml|md|markdown)(?:$|[~.#])", re.IGNORECASE)
BOM = b"\xef\xbb\xbf"


def _head(path: str) -> bytes | None:
    """The first bytes of a regular file (None for a device, FIFO, socket or an unreadable file)."""
    from designlint.errors import InputError
    from designlint.loading.yamlsource import read_bytes

    try:
        data = read_bytes(path, limit=HEAD_BYTES)
    except InputError as exc:
        if not exc.message.startswith("is larger"):
            return None
        with open(path, "rb") as fh:  # a regular file, checked above: its head is enough
            data = fh.read(HEAD_BYTES)
    return data[len(BOM):] if data.startswith(BOM) else data


def looks_like_design(path: str) -> bool:
    """Whether a walk takes this file as a design: YAML with a top-level `designlint` key, or Markdown with a design block."""
    from designlint.loading import markdown

    if markdown.is_markdown(path):
        return markdown.has_designs(path)
    head = _head(path)
    return head is not None and bool(_DESIGN_MARKER.search(head))


def passed_over(path: str) -> str | None:
    """Why a walk leaves out a file that looks like a design, or None: a note for the user."""
    from designlint.loading import markdown

    if markdown.is_markdown(path):
        return None
    head = _head(path)
    if head is None:
        return None
    if _DESIGN_MARKER.search(head):
        return "looks like a design, but its name does not end .yaml, .yml, .md or .markdown: not checked"
    if _SYSTEM_KEY.search(head) and _COMPONENTS_KEY.search(head):
        return "has `system:` and `components:` but no `designlint: 1` line, so it is not checked as a design"
    return None


def _spec(lines):
    """A gitignore-style spec run on RE2 (pathspec's `re2` backend; google-re2 is a dependency).

    A pathspec from before the `backend` argument falls back to its default engine; pyproject asks for 1.0+.
    """
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines, backend=_GLOB_BACKEND)
    except TypeError:  # pragma: no cover - a pathspec without backends
        return pathspec.GitIgnoreSpec.from_lines(lines)


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
        return _spec(self.include)

    @cached_property
    def _exclude(self):
        return _spec(self.exclude)

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
        return self.included(path) and not self.excluded(path)

    def included(self, path: str) -> bool:
        """Whether the name is included; the suffix is compared without regard to case (`D.YAML` is YAML)."""
        rel = self._relative(path, False)
        stem, dot, suffix = rel.rpartition(".")
        return bool(self._include.match_file(rel) or (dot and self._include.match_file(f"{stem}.{suffix.lower()}")))

    def takes(self, path: str) -> bool:
        """Whether a walk takes this file: included, not excluded, and a design."""
        return self.included(path) and not self.excluded(path) and looks_like_design(path)

    def note(self, path: str) -> str | None:
        """For a file a walk does not take: a note when it looks like a design nonetheless."""
        if self.excluded(path):
            return None  # left out on purpose
        if self.included(path):
            if markdown_suffix(path) or looks_like_design(path):
                return None
            reason = passed_over(path)
            return reason if reason and not reason.startswith("looks like") else None
        if _NEAR_NAME.search(os.path.basename(path)):
            return passed_over(path)
        return None


def markdown_suffix(path: str) -> bool:
    from designlint.loading import markdown

    return markdown.is_markdown(path)


def expand(paths, selection: FileFilter | None = None, force_exclude: bool = False,
           notes: list[str] | None = None) -> list[str]:
    """Files to check, in a stable order: files as given, designs found under directories.

    A file named on the command line is always checked (unless `force_exclude`:
    then it is filtered as a walk would filter it, which is what pre-commit
    needs); under a directory, only included files that hold a design (YAML
    with a top-level `designlint` key, or Markdown with a design block) are,
    and hidden, vendored and excluded folders are skipped. A file left out
    that looks like a design (no `designlint: 1` line, a backup name, a
    suffix the include globs miss) gets a `path: note: ...` line in `notes`.
    """
    selection = selection or FileFilter()
    files: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            found, passed = [], []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS
                                 and not selection.excluded(os.path.join(root, d), is_dir=True))
                for name in names:
                    full = os.path.join(root, name)
                    if selection.takes(full):
                        found.append(os.path.normpath(full))
                    elif notes is not None and (why := selection.note(full)):
                        passed.append(f"{os.path.normpath(full)}: note: {why}")
            candidates = sorted(found)
            if notes is not None:
                notes.extend(sorted(passed))
        elif force_exclude and os.path.isfile(path) and not selection.takes(path):
            candidates = []
            if notes is not None and (why := selection.note(path)):
                notes.append(f"{path}: note: {why}")
        else:
            candidates = [path]
        for f in candidates:
            if f not in seen:
                seen.add(f)
                files.append(f)
    return files
