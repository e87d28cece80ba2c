"""Write files atomically: a temporary file beside the target, then one rename."""

from __future__ import annotations

import os
import tempfile


def write_text(path: str, text: str, *, overwrite: bool = True) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one, never half.

    With overwrite=False an existing file is left alone and FileExistsError is
    raised; the check and the write are one step (a hard link), so a file that
    appears meanwhile is not clobbered either.
    """
    write_bytes(path, text.encode("utf-8"), overwrite=overwrite)


def write_bytes(path: str, data: bytes, *, overwrite: bool = True) -> None:
    """write_text for bytes (an image, say)."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".designlint-", suffix=".tmp", dir=folder)
    except OSError as exc:  # a missing or read-only folder: the error names the user's path, not our temp file
        raise OSError(exc.errno, exc.strerror, path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it 0600; a written file gets the usual mode
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _link_new(tmp: str, path: str) -> None:
    try:
        os.link(tmp, path)  # fails with FileExistsError when the target exists
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(tmp, path)
