"""Write a file whole or not at all: a temporary file beside it, then os.replace."""

from __future__ import annotations

import os
import tempfile


def write_bytes(path: str, data: bytes) -> None:
    """Replace `path` with `data`; a reader sees the old file or the new one, never half of it."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
