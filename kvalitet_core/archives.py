"""Reading zip-based inputs (.docx, .pptx, …) without trusting what the archive says about itself.

A zip's directory declares each member's size, and a hostile file lies: small sizes to pass a
check, huge ones to make a reader allocate. Nothing here believes them. Members are read in
chunks and the bytes actually decompressed are counted, so reading stops as soon as a member (or
the whole archive) passes its cap; a damaged or lying member is one :class:`InputError` that
names the file.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from kvalitet_core.errors import InputError

MEMBER_LIMIT = 32 * 2**20
"""A part of an office document a report is made of: its largest XML part is well under a
megabyte; a member decompressing to more is a bomb, or nothing a report needs."""
CHUNK = 64 * 1024
"""Bytes decompressed at a time: the most a member can overshoot its cap by before it is refused."""

_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError)
"""What zipfile raises for a damaged, encrypted or unsupported member (CRC mismatch, truncated
stream, unknown compression, a password needed)."""


def open_zip(data: bytes | BinaryIO, source: str | Path) -> zipfile.ZipFile:
    """The archive in ``data`` (bytes or a seekable binary stream), named ``source`` in errors."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise InputError("not a ZIP archive", source) from None
    archive.filename = str(source)  # what errors name: the input, not an in-memory buffer
    return archive


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """The member's bytes; refused once more than ``limit`` of them have been decompressed."""
    source = archive.filename
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(name) as member:
            while chunk := member.read(CHUNK):
                total += len(chunk)
                if total > limit:
                    raise InputError(f"refused: archive member '{name}' unpacks to more than {_size(limit)}", source)
                chunks.append(chunk)
    except KeyError:
        raise InputError(f"archive has no member '{name}'", source) from None
    except _DAMAGED as error:
        raise InputError(f"damaged archive member '{name}': {_reason(error)}", source) from None
    return b"".join(chunks)


def capped_copy(archive: zipfile.ZipFile, limit: int, member_limit: int = MEMBER_LIMIT) -> io.BytesIO:
    """A new in-memory archive of every member, each read through :func:`read_member` (at most
    ``member_limit`` bytes) and together at most ``limit``: for libraries that open the zip
    themselves (python-docx), which then only ever see members whose real sizes are capped."""
    copy = io.BytesIO()
    left = limit
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as target:
        for info in archive.infolist():
            if info.is_dir():
                continue
            data = read_member(archive, info.filename, min(left, member_limit))
            left -= len(data)
            target.writestr(info.filename, data)
    copy.seek(0)
    return copy


def _size(limit: int) -> str:
    return f"{limit / 2**20:,.0f} MiB" if limit >= 2**20 else f"{limit:,} bytes"


def _reason(error: BaseException) -> str:
    """zipfile's own words without Python's decoration (``Error -3 while decompressing data``)."""
    if isinstance(error, zlib.error):
        return "the compressed data is corrupt"
    if isinstance(error, RuntimeError) and "password" in str(error).lower():
        return "encrypted"
    text = str(error).splitlines()[0] if str(error) else ""
    return text or "cannot be read"
