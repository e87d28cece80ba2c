"""Where the two versions come from: two files on disk, or the working tree and a git revision.

Git is run as a subprocess (`git` on PATH). `changed_paths(rev, paths)` is
`git diff --name-only --no-renames --relative REV -- PATHS` plus the
untracked files (`git ls-files --others --exclude-standard`), so a renamed
design counts in both places and a new file not yet added counts too; only
files the config's include/exclude globs take and that hold a design in one
version or the other are compared. A file's old text is `git show REV:./PATH`.
Old files are named `REV:PATH` in findings and errors, as git names them.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

from designlint.errors import InputError
from designlint.loading import yamlsource
from designlint.loading.files import FileFilter, holds_design


class GitError(Exception):
    """git could not answer: no repository, an unknown revision, git not installed."""


@dataclass(frozen=True)
class Source:
    """One file of one version: the name findings give it, and its bytes (None: it does not exist there)."""

    name: str
    data: bytes | None


def read(sources) -> tuple[list, list[InputError], list[str]]:
    """(designs, input errors, names of the files that exist) of a version's sources."""
    from designlint.model.build import designs_in_text

    designs, errors, files = [], [], []
    for source in sources:
        if source.data is None:
            continue
        files.append(source.name)
        try:
            text = yamlsource.decode(source.data, source.name)
        except InputError as exc:
            errors.append(exc)
            continue
        found, unread = designs_in_text(text, source.name)
        designs.extend(found)
        errors.extend(unread)
    return designs, errors, files


def on_disk(path: str) -> Source:
    """A file as it is now; raises InputError (at line 0) when it is missing, a directory or unreadable."""
    try:
        with open(path, "rb") as fh:
            return Source(path, fh.read())
    except FileNotFoundError:
        raise InputError(path, 0, 0, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(path, 0, 0, "is a directory, not a file: give two files, or use --git REV") from None
    except OSError as exc:
        raise InputError(path, 0, 0, f"cannot be read: {exc.strerror or exc}") from None


def git(*args: str) -> bytes:
    """git's standard output; GitError with git's own last line of complaint when it fails."""
    try:
        proc = subprocess.run(["git", *args], capture_output=True)
    except FileNotFoundError:
        raise GitError("git is not installed (no `git` on PATH)") from None
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        last = lines[-1].removeprefix("fatal: ").removeprefix("error: ") if lines else ""
        raise GitError(last or f"`git {' '.join(args)}` exited with {proc.returncode}")
    return proc.stdout


def check_revision(rev: str) -> None:
    """GitError unless `rev` names a commit in the repository of the working directory."""
    if rev.startswith("-"):
        raise GitError(f"`{rev}` is not a revision")
    git("rev-parse", "--git-dir")  # not a repository: git says so
    try:
        git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    except GitError as exc:
        raise GitError(f"`{rev}` is not a commit in this repository") from None


def changed_paths(rev: str, paths, selection: FileFilter) -> list[str]:
    """The files under `paths` (relative to the working directory) that differ from `rev`, sorted,
    that the globs take."""
    pathspec = ["--", *paths] if paths else []
    names = git("diff", "--name-only", "--no-renames", "--relative", "-z", rev, *pathspec).split(b"\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z", *pathspec).split(b"\0")
    out = {os.fsdecode(n) for n in names if n}
    return sorted(p for p in out if selection.selects(p))


def at_revision(rev: str, path: str) -> Source:
    """The file as it was at `rev` (data None when it did not exist there), named `REV:PATH`."""
    name = f"{rev}:{path}"
    try:
        return Source(name, git("show", f"{rev}:./{path}"))
    except GitError:
        return Source(name, None)


def git_versions(rev: str, paths, selection: FileFilter) -> tuple[list[Source], list[Source]]:
    """(old sources, new sources), one pair per file that changed since `rev` and holds a design in either
    version, sorted by path; a side where the file does not exist has data None. Raises GitError."""
    check_revision(rev)
    old, new = [], []
    for path in changed_paths(rev, paths, selection):
        before = at_revision(rev, path)
        try:
            with open(path, "rb") as fh:
                after = Source(path, fh.read())
        except (FileNotFoundError, NotADirectoryError):
            after = Source(path, None)
        if not any(s.data is not None and holds_design(s.data, path) for s in (before, after)):
            continue
        old.append(before)
        new.append(after)
    return old, new
