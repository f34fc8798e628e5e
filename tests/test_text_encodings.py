"""Text dumps in every encoding Windows and Unix tools write, and control characters kept out."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from conftest import TEXT_FIXTURES
from kvalitet_core.native import dump_yaml
from kvalitet_core.plugins import get_host
from kvalitet_core.reading import read_visits
from kvalitet_core.text_decoding import decode_text

DUMP = TEXT_FIXTURES[0]


def _import(path: Path) -> tuple[str, list[str]]:
    """The visit as YAML without its provenance (which names the file and its hash), and its
    encoding warnings."""
    [visit] = read_visits(get_host(), path)
    warnings = [warning.message for warning in visit.provenance.warnings if warning.code == "encoding"]
    return dump_yaml([visit.model_copy(update={"provenance": type(visit.provenance)()})]), warnings


@pytest.mark.parametrize(("bom", "codec"), [
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
])
def test_a_byte_order_mark_is_honoured(tmp_path: Path, bom: bytes, codec: str) -> None:
    text = DUMP.read_text(encoding="utf-8")
    encoded = tmp_path / "notepad.txt"
    encoded.write_bytes(bom + text.encode(codec))
    expected, _ = _import(DUMP)
    assert _import(encoded) == (expected, [])


def test_a_guessed_encoding_is_said(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(DUMP.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    _, warnings = _import(legacy)
    assert warnings == ["text encoding: not UTF-8: read as Windows-1252"]


def test_utf16_without_a_mark_is_recognised_and_said() -> None:
    text, assumed = decode_text("Vi talte om æøå".encode("utf-16-le"))
    assert (text, assumed) == ("Vi talte om æøå", "no byte-order mark and not UTF-8: read as UTF-16 (little-endian)")


def test_nul_and_control_characters_never_reach_the_visit(tmp_path: Path) -> None:
    text = DUMP.read_text(encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(text.replace("e", "e\x00", 40).replace("a", "a\x1b", 40).replace("o", "o\x9b\x07", 40),
                     encoding="utf-8")
    assert _import(dirty) == _import(DUMP)
