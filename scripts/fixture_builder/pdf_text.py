"""Line breaking and measuring for the reportlab producers.

Shared by the fixed fixture builder and the layout fuzzer, so both break lines and join glyph
runs the same way an office suite writes them; only the fonts and list markers differ.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fixture_builder.pages import ARROW, Para, Region, plain

SHAPE_FONT = "@shape"
"""The pseudo font of a list marker that is drawn as a filled vector shape, not as a glyph."""


@dataclass(frozen=True)
class Fonts:
    """The text fonts and how list markers and arrows are drawn: (text, font) pairs, where the
    font :data:`SHAPE_FONT` means a drawn shape ("circle" or "square")."""

    regular: str = "DejaVuSans"
    bold: str = "DejaVuSans-Bold"
    bullet: tuple[str, str] = ("\u2022", "Symbol")
    check: tuple[str, str] = ("\u274f", "ZapfDingbats")
    arrow: tuple[str, str] = ("\u2794", "ZapfDingbats")

    @property
    def textual(self) -> tuple[str, str]:
        return self.regular, self.bold


DEFAULT_FONTS = Fonts()
BODY_SIZES = [10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0]

FONT_FOLDERS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation2",
                "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/TTF", "/usr/share/fonts/dejavu"]


def find_font_file(name: str) -> Path | None:
    """The TTF named ``name`` in the usual font folders or reportlab's search path."""
    from reportlab import rl_config

    for folder in [*FONT_FOLDERS, *rl_config.TTFSearchPath]:
        path = Path(folder) / f"{name}.ttf"
        if path.exists():
            return path
    return None


_REGISTERED: set[str] = set()


def register_font(name: str) -> bool:
    """Embed a TTF (reportlab subsets it): the Danish letters, dashes and quotes need a real
    font. Returns False when the machine has no such file."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if name in _REGISTERED:
        return True
    path = find_font_file(name)
    if path is None:
        return False
    pdfmetrics.registerFont(TTFont(name, str(path)))
    _REGISTERED.add(name)
    return True


def register_fonts(fonts: Fonts = DEFAULT_FONTS) -> None:
    """Register the two text fonts or stop with a message naming the missing package."""
    for name in fonts.textual:
        if not register_font(name):
            sys.exit(f"fixture_builder: {name}.ttf not found (install fonts-dejavu-core)")


@dataclass
class Glyphs:
    """A piece of a line: text in one font at an x offset."""

    x: float
    text: str
    font: str


@dataclass
class Line:
    """One laid-out line: its pieces, its size and the paragraph space above it."""

    pieces: list[Glyphs]
    size: float
    gap_before: float


def wrap(para: Para, width: float, size: float, fonts: Fonts = DEFAULT_FONTS) -> list[list[Glyphs]]:
    """Greedy line breaking at spaces (never inside a word, whatever its fonts); a list marker
    hangs in the left indent.

    Words in the same font are joined into one drawn string, spaces included, as an office suite
    writes them; a space before a change of font stays at the end of the string before it.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    regular, bold_font = fonts.textual
    numbered = para.marker not in (None, "bullet", "check")
    indent = size * 1.4 if para.marker else 0.0
    if numbered:
        indent = max(indent, stringWidth(str(para.marker), regular, size) + size * 0.5)
    space = stringWidth(" ", regular, size)
    words: list[list[tuple[str, str]]] = []
    for text, bold in para.runs:
        for index, word in enumerate(text.split(" ")):
            if index or not words:
                words.append([])
            for part_index, part in enumerate(word.split(ARROW)):
                if part_index:
                    words[-1].append(fonts.arrow)
                if part:
                    words[-1].append((part, bold_font if bold else regular))
    lines: list[list[Glyphs]] = [[]]
    x = indent
    for pieces in words:
        if not pieces:
            continue
        advances = [stringWidth(text, font, size) for text, font in pieces]
        gap = space if lines[-1] else 0.0
        if x + gap + sum(advances) > width and lines[-1]:
            lines.append([])
            x, gap = indent, 0.0
        for (text, font), advance in zip(pieces, advances, strict=True):
            line = lines[-1]
            textual = line and line[-1].font in (regular, bold_font)
            if line and line[-1].font == font and textual:
                line[-1].text += " " * bool(gap) + text
            else:
                if gap and textual:
                    line[-1].text += " "
                line.append(Glyphs(x + gap, text, font))
            x += gap + advance
            gap = 0.0
    if para.marker:
        if numbered:
            marker = Glyphs(0.0, str(para.marker), regular)
        else:
            text, font = fonts.bullet if para.marker == "bullet" else fonts.check
            marker = Glyphs(0.0, text, font)
        lines[0].insert(0, marker)
    return [line for line in lines if line]


def layout(paras: list[Para], width: float, size: float, fonts: Fonts = DEFAULT_FONTS) -> list[Line]:
    """Every paragraph wrapped to ``width``, with paragraph spacing except before tight lines."""
    lines: list[Line] = []
    for index, para in enumerate(paras):
        para_size = para.size or size
        for line_index, pieces in enumerate(wrap(para, width, para_size, fonts)):
            gap = para_size * 0.7 if index and not line_index and not para.tight else 0.0
            lines.append(Line(pieces, para_size, gap))
    return lines


def height(lines: list[Line], leading: float = 1.22) -> float:
    """The height the lines take, paragraph spacing included."""
    return sum(line.size * leading + line.gap_before for line in lines)


def with_label(region: Region) -> list[Para]:
    """A box's paragraphs with its label as the first, bold, paragraph."""
    label = [plain(region.label, bold=True, size=None)] if region.label else []
    return label + region.paras


def fit(regions: list[tuple[Region, float, float]], sizes: list[float] = BODY_SIZES,
        fonts: Fonts = DEFAULT_FONTS) -> float | None:
    """The largest body size at which every (region, width, height) fits, or None: text is
    never dropped, so a caller that gets None must give the text more room."""
    for size in sizes:
        if all(height(layout(with_label(region), w, size, fonts)) <= h for region, w, h in regions):
            return size
    return None


class PdfPainter:
    """Draws pages of ``size`` (as a viewer shows them) with reportlab.

    ``turn`` draws the content turned 90° on a page of the swapped size; with ``rotate_flag`` the
    page also carries ``/Rotate 90``, so a viewer shows it upright again.
    """

    def __init__(self, target: str | BinaryIO, size: tuple[float, float], *, turn: bool = False,
                 rotate_flag: bool = False, encrypt: object | None = None, leading: float = 1.22,
                 by_word: bool = False) -> None:
        from reportlab.pdfgen import canvas

        self.width, self.height = size
        # reportlab swaps the media box of a page rotated by 90°, so such a canvas is given the
        # upright size to end up with the turned media box.
        pagesize = (self.height, self.width) if turn and not rotate_flag else (self.width, self.height)
        self.canvas = canvas.Canvas(target, pagesize=pagesize, encrypt=encrypt, invariant=True, pageCompression=1)
        self.turn, self.rotate_flag, self.leading = turn, rotate_flag, leading
        self.by_word = by_word
        """Draw every word as a string of its own, as some PDF printers do, instead of a run."""

    def begin(self) -> None:
        if self.turn:
            self.canvas.transform(0, 1, -1, 0, self.height, 0)
            if self.rotate_flag:
                self.canvas.setPageRotation(90)

    def end(self) -> None:
        self.canvas.showPage()

    def rect(self, x: float, top: float, w: float, h: float, fill: str | None, stroke: str | None = None,
             radius: float = 0.0) -> None:
        """A filled and/or outlined rectangle (rounded: a path of curves), ``top`` measured from
        the top of the page."""
        from reportlab.lib.colors import HexColor

        if fill:
            self.canvas.setFillColor(HexColor("#" + fill))
        if stroke:
            self.canvas.setStrokeColor(HexColor("#" + stroke))
            self.canvas.setLineWidth(0.75)
        if radius:
            self.canvas.roundRect(x, self.height - top - h, w, h, radius, stroke=1 if stroke else 0,
                                  fill=1 if fill else 0)
        else:
            self.canvas.rect(x, self.height - top - h, w, h, stroke=1 if stroke else 0, fill=1 if fill else 0)
        if fill:
            self.canvas.setFillColor(HexColor("#000000"))

    def text(self, lines: list[Line], x: float, top: float, centre_width: float | None = None) -> float:
        """Draws the lines from ``top`` down; returns where the last one ends."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        y = top
        for line in lines:
            y += line.gap_before + line.size * self.leading
            shift = 0.0
            if centre_width is not None:
                last = line.pieces[-1]
                shift = (centre_width - (last.x + stringWidth(last.text, last.font, line.size))) / 2
            baseline = self.height - y + line.size * 0.25
            for piece in line.pieces:
                if piece.font == SHAPE_FONT:
                    self._marker_shape(piece.text, x + shift + piece.x, baseline, line.size)
                    continue
                self.canvas.setFont(piece.font, line.size)
                if self.by_word and " " in piece.text:
                    self._words(piece, x + shift + piece.x, baseline, line.size)
                else:
                    self.canvas.drawString(x + shift + piece.x, baseline, piece.text)
        return y

    def _words(self, piece: Glyphs, x: float, baseline: float, size: float) -> None:
        """A run drawn word by word, each word at the position it has in the run."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        offset = 0.0
        for word in piece.text.split(" "):
            if word:
                self.canvas.drawString(x + offset, baseline, word)
            offset += stringWidth(word + " ", piece.font, size)

    def _marker_shape(self, shape: str, x: float, baseline: float, size: float) -> None:
        """A list marker as a small filled vector shape, as a browser prints ``<li>`` markers."""
        side = size * 0.36
        centre_x, centre_y = x + size * 0.35, baseline + size * 0.3
        if shape == "circle":
            self.canvas.circle(centre_x, centre_y, side / 2, stroke=0, fill=1)
        else:
            self.canvas.rect(centre_x - side / 2, centre_y - side / 2, side, side, stroke=0, fill=1)

    def save(self) -> None:
        self.canvas.save()
