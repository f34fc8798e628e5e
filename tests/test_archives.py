"""Zip-based inputs are read through size-capped members: declared sizes are never believed."""

from __future__ import annotations

import io
import random
import struct
import tracemalloc
import zipfile

import pytest

from conftest import FIXTURES
from kvalitet_core.archives import open_zip, read_member
from kvalitet_core.errors import InputError
from kvalitet_plugins.docx import docx_blocks

DOCX = sorted((FIXTURES / "docx").glob("*.docx"))[0]


def _lying_compressed_size(data: bytes, member: str, claimed: int) -> bytes:
    """The archive with the central directory's compressed size of ``member`` replaced: a small
    file that says its 100 MB member is barely compressed, so a ratio check on declared sizes
    passes it."""
    archive = bytearray(data)
    name = member.encode()
    at = archive.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", archive, at + 28)[0]
        if archive[at + 46:at + 46 + name_length] == name:
            struct.pack_into("<I", archive, at + 20, claimed)
            return bytes(archive)
        at = archive.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{member} not in the archive")


def test_a_member_is_refused_once_its_real_bytes_pass_the_cap_whatever_it_declares() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.xml", b"<a/>" * (4 * 2**20))  # 16 MiB
    archive = open_zip(buffer.getvalue(), "bomb.docx")
    tracemalloc.start()
    with pytest.raises(InputError, match=r"^bomb.docx: refused: archive member 'big.xml' unpacks to more than 1 MiB$"):
        read_member(archive, "big.xml", 2**20)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 4 * 2**20  # read in chunks, stopped at the cap: never the whole member


def test_a_damaged_member_is_one_line_naming_the_file() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("part.xml", random.Random(1).randbytes(5000))
    data = bytearray(buffer.getvalue())
    data[100:120] = b"\xff" * 20  # inside the compressed stream
    with pytest.raises(InputError, match=r"^damaged.zip: damaged archive member 'part.xml'"):
        read_member(open_zip(bytes(data), "damaged.zip"), "part.xml", 2**20)


def test_not_a_zip_is_one_line() -> None:
    with pytest.raises(InputError, match=r"^x.docx: not a ZIP archive$"):
        open_zip(b"hello", "x.docx")


def test_a_word_file_whose_directory_lies_about_a_huge_member_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX.read_bytes())) as original, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            archive.writestr(info, original.read(info))
        archive.writestr("word/media/padding.bin", bytes(100 * 2**20))
    data = _lying_compressed_size(buffer.getvalue(), "word/media/padding.bin", 90 * 2**20)
    assert len(data) < 2 * 2**20
    with pytest.raises(InputError, match=r"unpacks to more than 32 MiB"):
        list(docx_blocks(data, "lying.docx"))
