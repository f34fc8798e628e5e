"""Writing outputs so that a user's file is never half-written or lost.

Every file is written to a temporary file in the target's folder and renamed over the target
only when complete; on any error the temporary file is removed and the target is untouched.
Temporary files are hidden, end in ``.part`` and carry the run's :data:`RUN_TAG`, so that what a
run left behind when it was killed can be found and removed (:func:`remove_staged`). A write
that fails — a full disk, a read-only folder — is an :class:`OutputError` naming the path.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from kvalitet_core.errors import OutputError

RUN_TAG = f"{os.getpid():x}-{os.urandom(4).hex()}"
"""This run's mark in the names of its temporary files; worker processes forked from the run
inherit it (a worker started afresh gets the run's tag handed to it)."""


def _cannot_write(error: OSError, path: Path) -> OutputError:
    """The one-line error of a failed write: the system's reason, without Python's ``[Errno N]``."""
    return OutputError(f"cannot write: {error.strerror or type(error).__name__}", path)


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary stream whose content replaces ``path`` only on success."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("folder does not exist", folder)
    if path.is_dir():
        raise OutputError("is a directory; to write one file per visit, pass a folder ending in '/'", path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.{RUN_TAG}.", suffix=".part", dir=folder)
    except OSError as error:
        raise _cannot_write(error, folder) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot_write(error, path) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda stream: stream.write(data))


def write_staged(folder: Path, stem: str, data: bytes, tag: str = RUN_TAG) -> Path:
    """Write ``data`` to a new hidden file in ``folder``, to be put in place by :func:`place_staged`.

    The file is created exclusively under a random name marked with the run's ``tag``, so nothing
    else is ever touched. It is not flushed to disk here: :func:`place_staged` does that only
    where it matters.
    """
    path = folder / f".{stem}.{tag}.{os.urandom(8).hex()}.part"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise _cannot_write(error, folder) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
    except OSError as error:
        path.unlink(missing_ok=True)
        raise _cannot_write(error, folder) from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def remove_staged(folder: Path, tag: str = RUN_TAG) -> None:
    """Remove every temporary file of the run ``tag`` from ``folder``: what it staged and did not
    put in place, when it stopped early or its workers were killed."""
    for path in folder.glob(f".*.{tag}.*.part"):
        path.unlink(missing_ok=True)


def place_staged(staged: Path, target: Path) -> None:
    """Rename a staged file over its target, atomically.

    Replacing a file that already exists keeps its permissions and first flushes the new content
    to disk, so that not even a power cut can leave the user's file empty. A new file is renamed
    as it is: a crash can at worst lose it, never anything the user had — and a batch of hundreds
    of new files is not slowed down by a disk flush each.
    """
    try:
        existing = target.stat().st_mode & 0o777
    except FileNotFoundError:
        existing = None
    try:
        if existing is not None:
            os.chmod(staged, existing)
            with open(staged, "rb") as stream:
                os.fsync(stream.fileno())
        os.replace(staged, target)
    except OSError as error:
        raise _cannot_write(error, target) from None


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
