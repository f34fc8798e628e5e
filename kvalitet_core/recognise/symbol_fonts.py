"""What a character drawn in a symbol font means: a list marker, an arrow, or nothing useful.

Office documents draw bullets, check boxes and arrows with Symbol, Wingdings or ZapfDingbats.
Without a ToUnicode map a reader decodes such a glyph as its raw code, so a Wingdings arrow comes
out as "Ø" and a check box as "x": the font's NAME says the character is a picture, and the
code, read in that font's own table, says which picture.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import lru_cache

ARROW = "→"


class Glyph(Enum):
    ARROW = "arrow"
    MARKER = "marker"
    """A bullet, check box or other list marker."""


_SYMBOL_FONTS = ("symbol", "wingdings", "webdings", "dingbats", "marlett", "mtextra", "bookshelfsymbol")
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")

# Arrow codes per font family in the font's own (symbol) encoding; every other glyph of these
# fonts is taken as a list marker.
_ARROW_CODES: dict[str, frozenset[int]] = {
    "wingdings3": frozenset(range(0x21, 0x80)) | frozenset(range(0xC4, 0xCA)),
    "wingdings2": frozenset(),
    "wingdings": frozenset([0xD5, 0xD6, 0xD7, 0xD8, 0xDF, 0xE0, 0xE1, 0xE2, 0xE8, 0xE9, 0xEA, 0xF0, 0xF1]),
    "symbol": frozenset([0xAB, 0xAC, 0xAD, 0xAE, 0xAF, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF]),
    "zapfdingbats": frozenset(range(0xD4, 0xFF)) - {0xD9, 0xDA},
}
# LibreOffice draws Wingdings characters with its own OpenSymbol font and keeps their Wingdings
# codes in the private-use page, so those codes are read in the Wingdings table.
_ARROW_CODES["opensymbol"] = _ARROW_CODES["wingdings"]


def base_font_name(name: str) -> str:
    """The font name without a subset tag ("ABCDEF+Calibri-Bold" → "Calibri-Bold")."""
    return _SUBSET_TAG.sub("", name)


def _family(font: str) -> str:
    return re.sub(r"[^a-z0-9]", "", base_font_name(font).lower())


@lru_cache(maxsize=256)
def is_symbol_font(font: str | None) -> bool:
    """Whether characters in this font are pictures rather than letters."""
    family = _family(font or "")
    return any(name in family for name in _SYMBOL_FONTS)


def classify(char: str, font: str) -> Glyph:
    """What one character of a symbol font means."""
    code = ord(char)
    if "ARROW" in unicodedata.name(char, "") and code > 0xFF:
        return Glyph.ARROW
    if 0xF000 <= code <= 0xF0FF:  # the private-use page symbol fonts are mapped to
        code -= 0xF000
    family = _family(font)
    arrows = next((codes for name, codes in _ARROW_CODES.items() if family.startswith(name)), frozenset())
    return Glyph.ARROW if code in arrows else Glyph.MARKER


MARKER_GLYPHS = "•∙⦁▪■◼●⬤◉◦○◆◇❖♦✦◾▫□❑‣⁃➢➤►▶▸›❯✓✔☐☑☒"
"""Characters that mark a list item when they stand before its text: bullets (Word's pasted
"⦁" and a font's "∙" among them), squares, diamonds, pointers and check marks (dashes mark one
too, where they stand apart: :data:`DASHES`). Readers of every format use it."""
DASHES = "-–—"
"""Dashes that mark a list item, followed by a space: a hyphen, an en dash and an em dash (a
Danish template may set its lists with either)."""
_TEXT_MARKERS = frozenset(MARKER_GLYPHS + DASHES)


def is_text_marker(text: str) -> bool:
    """Whether a stand-alone piece of ordinary text is a list marker ("•", "▪", "-", …)."""
    return len(text) == 1 and (text in _TEXT_MARKERS or 0xF000 <= ord(text) <= 0xF0FF)
