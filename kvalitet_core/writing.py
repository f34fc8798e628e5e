"""Writing outputs so that a user's file is never half-written or lost.

Every file is written to a temporary file in the target's folder and renamed over the target
only when complete; on any error the temporary file is removed and the target is untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from kvalitet_core.errors import OutputError


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary stream whose content replaces ``path`` only on success."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("folder does not exist", folder)
    if path.is_dir():
        raise OutputError("is a directory; to write one file per visit, pass a folder ending in '/'", path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", folder) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda stream: stream.write(data))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def unique_names(stems: Iterable[str], extension: str, taken: set[str] | None = None) -> list[str]:
    """File names from stems, made unique by a numeric suffix (``a.md``, ``a-2.md``)."""
    used = set(taken or ())
    names = []
    for stem in stems:
        name, counter = f"{stem}{extension}", 1
        while name in used:
            counter += 1
            name = f"{stem}-{counter}{extension}"
        used.add(name)
        names.append(name)
    return names
