"""A PDF page's text runs and drawn shapes, read from pdfium's page objects, on the upright page.

Page objects are read through pypdfium2's supported API. A text object is one run of one font,
so it carries everything the layout needs: its text, bounds, font name (bold, or a symbol font),
size and direction. Path objects are what the text sits in — filled boxes, shaded table cells,
bordered frames — and, when small, the dots and squares a browser draws as list markers.

Coordinates are turned to the *upright* page, top-left origin, y downwards. Which way is up is
read from the text itself (the direction most characters run), falling back to the page's
``/Rotate``: a page whose content was drawn turned on a portrait media box reads the same as a
page rotated with ``/Rotate``.
"""

from __future__ import annotations

import ctypes
import itertools
import math
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from kvalitet_core import base_font_name, begins_with_label, labels_in, unshift_letters

BBox = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]
RGB = tuple[int, int, int]

_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold", "extrabold", "ultrabold")
_REGULAR_WORDS = ("regular", "roman", "book", "normal", "light", "thin")
_BOLD_WEIGHT = 700
"""pdfium derives a font's weight from its stem width (``StemV``), which a PDF rewriter such as
Ghostscript sets loosely (a regular face at 695, its bold at 716): the weight decides only for a
font whose name says nothing of its style, and only from a bold face's usual 700 up."""
_FORCE_BOLD_FLAG = 1 << 18
_SPARSE = 1.0
"""Ems per character beyond which a run's letters stand apart (a line's words moved across
table cells); an ordinary run takes about half an em per character."""
_WORD_SPACE = 0.15
"""Ems of gap between two letters of a sparse run that part two words."""
_GAPPED = 0.65
"""Ems per character beyond which a run may hold a gap as wide as a gutter: a typesetter (TeX)
sets a table row's line as one run across its cells, kerning from one cell's text to the next."""
_PART_GAP = 0.8
"""Ems of gap inside a run that part it in two; the page's layout decides whether the gap is a
gutter (a justified line's spaces stretched this wide go back together there)."""
_CELL_GAP = 0.5
"""Ems of gap between two words of one run, with a shape's edge in it, that part two cells."""
_TEXT_BUFFER = 4096
"""UTF-16 units of the buffer a run's text is read into (longer runs get a buffer of their own)."""
_OPAQUE = 128
"""Alpha below which a stroke is too faint to be a box's border."""
_TRANSLUCENT = 40
"""Alpha below which a fill is too faint to be a box (a translucent fill, "rgba(…, 0.5)", is one:
its colour is taken as it shows over white)."""


@dataclass(slots=True)
class Piece:
    """One text object: a run of text in one font, on the upright page."""

    text: str
    bbox: BBox
    size: float
    font: str
    bold: bool
    region: int = -1
    """Index of the page's shape the piece sits in (-1: none)."""
    baseline: float = 0.0
    """The y of the run's origin on the upright page: unlike its bounds, it does not depend on
    which letters the run has (a line of x-height letters has a lower top than "Tema")."""


@dataclass(slots=True)
class Shape:
    """A drawn path on the upright page: its bounds, fill (if filled) and whether it is stroked."""

    bbox: BBox
    fill: RGB | None
    stroked: bool


@dataclass(slots=True)
class PageContent:
    number: int
    size: tuple[float, float]
    pieces: list[Piece]
    shapes: list[Shape]
    images: int
    """How many image objects the page holds (a page of images and no text needs OCR)."""


class PageReader:
    """Reads the pages of one document; remembers each font's name and weight once."""

    def __init__(self) -> None:
        self._fonts: dict[int, tuple[str, bool]] = {}
        self._chars: tuple[pdfium.PdfTextPage, dict[int, list[int]]] | None = None
        """The text page being read, and the indexes of its characters per run (found when first needed)."""
        self._runs: dict[int, tuple[object, float]] = {}
        """Upright runs of several words on the page being read, by their index among its texts."""
        self._buffer = (ctypes.c_ushort * _TEXT_BUFFER)()
        self._bounds = [ctypes.c_float() for _ in range(4)]
        self._bound_refs = [ctypes.byref(value) for value in self._bounds]
        self._matrix = pdfium_c.FS_MATRIX()
        self._size = ctypes.c_float()

    def read(self, page: pdfium.PdfPage, number: int) -> PageContent:
        textpage = page.get_textpage()
        try:
            texts, shapes, votes, images = self._walk(page, textpage)
        finally:
            textpage.close()
        upright = _Upright(_upright_turn(votes, page.get_rotation() // 90), *page.get_cropbox())
        skew = _skew(self._slants)
        if skew:  # a scanned page's OCR text, at the page's slant: levelled before lines are found
            level = _Level(skew, *page.get_cropbox())
            texts = [(text, level.box(bounds), size, name, bold, level.point(*origin), quarter)
                     for text, bounds, size, name, bold, origin, quarter in texts]
            shapes = [(level.box(bounds), fill, stroked) for bounds, fill, stroked in shapes]
        pieces = [Piece(text, upright.box(bounds), size, name, bold, -1, upright.y(*origin))
                  for text, bounds, size, name, bold, origin, _ in texts]
        turns = [(quarter - upright.turn) % 4 for *_, quarter in texts]
        if any(turns):
            pieces = _turned_lines(pieces, turns)
        drawn = [Shape(upright.box(bounds), fill, stroked) for bounds, fill, stroked in shapes]
        return PageContent(number, upright.size, pieces, drawn, images)

    def _walk(self, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[list, list, dict[int, int], int]:
        """Text runs, paths, direction votes and the image count, in PDF user space.

        Objects are read with pypdfium2's raw functions rather than its object helpers, which
        cost more per object than the calls they wrap. Objects inside a form XObject report
        bounds in the form's space; each form's matrix, composed with those of the forms around
        it, takes them to the page. Each text run votes, with its length, for the direction it
        runs in; the first vote breaks a tie.
        """
        texts: list[tuple[str, BBox, float, str, bool, tuple[float, float], int]] = []
        shapes: list[tuple[BBox, RGB | None, bool]] = []
        votes: dict[int, int] = {}
        self._runs, self._chars, self._slants = {}, None, []
        count = pdfium_c.FPDFPage_CountObjects(page)
        objects = (pdfium_c.FPDFPage_GetObject(page, index) for index in range(count))
        images = self._walk_objects(objects, textpage, None, texts, shapes, votes)
        edges = [(x, bounds[1], bounds[3]) for bounds, _, _ in shapes for x in (bounds[0], bounds[2])]
        for index in sorted((index for index in self._runs if _crossed(texts[index][1], edges)), reverse=True):
            obj, points = self._runs[index]
            words = self._words_of(obj, textpage, points, texts[index][1])
            if _parted_at_edge(words, edges, _CELL_GAP * points):
                _, _, size, name, bold, _, quarter = texts[index]
                texts[index:index + 1] = [(word, box, size, name, bold, origin, quarter) for word, box, origin in words]
        return texts, shapes, votes, images

    def _walk_objects(self, objects, textpage, outer: Matrix | None, texts: list, shapes: list,  # noqa: ANN001
                      votes: dict[int, int]) -> int:
        matrix, size = self._matrix, self._size
        images = 0
        for obj in objects:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                text = self._text(obj, textpage)
                stripped = text.strip()
                if not stripped:
                    continue
                pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
                e, f = matrix.e, matrix.f
                # a form's matrix scales and turns its text too (Chromium draws a box with CSS
                # opacity as a transparency group, scaled)
                a, b = matrix.a, matrix.b
                if outer is not None:
                    a, b = _compose((a, b, matrix.c, matrix.d, 0.0, 0.0), outer)[:2]
                quarter = (0 if a > 0 else 2) if abs(a) >= abs(b) else (1 if b > 0 else 3)
                votes[quarter] = votes.get(quarter, 0) + len(text)
                if quarter == 0:
                    self._slants.append((math.atan2(b, a) if b else 0.0, len(text)))
                name, bold = self._font_style(obj)
                bold = bold or pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE
                pdfium_c.FPDFTextObj_GetFontSize(obj, size)
                points = size.value * math.hypot(a, b)
                bounds = _apply(outer, self._bounds_of(obj)) if quarter or not b else self._slanted_bounds(obj, outer)
                extent = max(bounds[2] - bounds[0], bounds[3] - bounds[1])
                if extent > _SPARSE * len(text) * points:
                    words = self._words_of(obj, textpage, points, bounds)
                    if len(words) > 1:
                        texts.extend((word, box, points, name, bold, origin, quarter) for word, box, origin in words)
                        continue
                elif " " in stripped and (extent > _GAPPED * len(text) * points
                                          or (begins_with_label(stripped) and len(labels_in(stripped)) != 1)):
                    parts = _parted(self._words_of(obj, textpage, points, bounds), _PART_GAP * points)
                    if len(parts) > 1:
                        texts.extend((part, box, points, name, bold, origin, quarter) for part, box, origin in parts)
                        continue
                if quarter == 0 and outer is None and " " in stripped:
                    self._runs[len(texts)] = (obj, points)  # a line that may cross a cell's edge
                texts.append((text, bounds, points, name, bold, _apply_point(outer, e, f), quarter))
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                fill, stroked = _paint(obj)
                if fill is not None or stroked:
                    shapes.append((_apply(outer, self._bounds_of(obj)), fill, stroked))
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                images += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
                inner = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
                children = (pdfium_c.FPDFFormObj_GetObject(obj, index)
                            for index in range(pdfium_c.FPDFFormObj_CountObjects(obj)))
                images += self._walk_objects(children, textpage, inner, texts, shapes, votes)
        return images

    def _words_of(self, obj, textpage: pdfium.PdfTextPage,  # noqa: ANN001 - a raw text object
                  points: float, bounds: BBox) -> list[tuple[str, BBox, tuple[float, float]]]:
        """A sparse run cut into its words, each with its bounds and origin in page space.

        A PDF rewriter (Ghostscript, say) may set a whole line as one run whose letters it moves
        apart — across the cells of a table row. The page's characters say which run each
        belongs to, and where it stands."""
        indexes = _run_indexes(obj, textpage, bounds)
        if indexes is None:
            if self._chars is None or self._chars[0] is not textpage:
                owners: dict[int, list[int]] = {}
                for index in range(pdfium_c.FPDFText_CountChars(textpage)):
                    owner = _owner(textpage, index)
                    if owner:
                        owners.setdefault(owner, []).append(index)
                self._chars = (textpage, owners)
            indexes = self._chars[1].get(ctypes.cast(obj, ctypes.c_void_p).value or 0, [])
        rect = pdfium_c.FS_RECTF()
        x, y = ctypes.c_double(), ctypes.c_double()
        words: list[tuple[str, BBox, tuple[float, float]]] = []
        end = None
        for index in indexes:
            char = unshift_letters(chr(pdfium_c.FPDFText_GetUnicode(textpage, index)))
            if char.isspace() or not pdfium_c.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(rect)):
                end = None
                continue
            box = (rect.left, rect.bottom, rect.right, rect.top)  # the letter's advance, not its ink
            if end is None or box[0] - end > _WORD_SPACE * points:
                pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
                words.append((char, box, (x.value, y.value)))
            else:
                word, (x0, y0, x1, y1), origin = words[-1]
                words[-1] = (word + char, (min(x0, box[0]), min(y0, box[1]), max(x1, box[2]), max(y1, box[3])), origin)
            end = box[2]
        return words

    def _slanted_bounds(self, obj, outer: Matrix | None) -> BBox:  # noqa: ANN001 - a raw text object
        """A slanted run's bounds laid flat at its first corner: as long and as tall as the run
        itself. The page's bounds of a slanted line are taller than the line by its length times
        the slant, which would merge it with the lines above and below (OCR sets each line of a
        scanned page at the angle the scan was turned)."""
        quad = pdfium_c.FS_QUADPOINTSF()
        if not pdfium_c.FPDFPageObj_GetRotatedBounds(obj, quad):
            return _apply(outer, self._bounds_of(obj))
        (x1, y1), (x2, y2), _, (x4, y4) = (_apply_point(outer, x, y) for x, y in (
            (quad.x1, quad.y1), (quad.x2, quad.y2), (quad.x3, quad.y3), (quad.x4, quad.y4)))
        return (x1, y1, x1 + math.hypot(x2 - x1, y2 - y1), y1 + math.hypot(x4 - x1, y4 - y1))

    def _bounds_of(self, obj) -> BBox:  # noqa: ANN001 - a raw page object
        pdfium_c.FPDFPageObj_GetBounds(obj, *self._bound_refs)
        left, bottom, right, top = self._bounds
        return (left.value, bottom.value, right.value, top.value)

    def _text(self, obj, textpage: pdfium.PdfTextPage) -> str:  # noqa: ANN001 - a raw text object
        """A run's text, in one call for all but the longest runs: pdfium scans the page's
        characters for every call, and ``PdfTextObj.extract`` makes two (one to size its buffer)."""
        buffer = self._buffer
        needed = pdfium_c.FPDFTextObj_GetText(obj, textpage, buffer, ctypes.sizeof(buffer))
        if needed > ctypes.sizeof(buffer):
            buffer = (ctypes.c_ushort * (needed // 2 + 1))()
            needed = pdfium_c.FPDFTextObj_GetText(obj, textpage, buffer, ctypes.sizeof(buffer))
        text = ctypes.string_at(buffer, max(needed - 2, 0)).decode("utf-16-le", "replace")
        if "\r" in text or "\n" in text or "\x02" in text:
            text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\x02", "-")
        return unshift_letters(text)

    def _font_style(self, obj) -> tuple[str, bool]:  # noqa: ANN001 - a raw text object
        """Name and boldness of a run's font, read once per font: by name, weight or ForceBold."""
        handle = pdfium_c.FPDFTextObj_GetFont(obj)
        key = ctypes.addressof(handle.contents) if handle else 0  # a cast to c_void_p costs ten times more
        if key not in self._fonts:
            length = pdfium_c.FPDFFont_GetBaseFontName(handle, None, 0)
            buffer = ctypes.create_string_buffer(max(length, 1))
            pdfium_c.FPDFFont_GetBaseFontName(handle, buffer, length)
            name = base_font_name(buffer.value.decode("utf-8", "replace"))
            lowered = name.lower().replace("-", "").replace(" ", "")
            bold = (any(word in lowered for word in _BOLD_WORDS) or bool(pdfium_c.FPDFFont_GetFlags(handle) & _FORCE_BOLD_FLAG)
                    or (not any(word in lowered for word in _REGULAR_WORDS)
                        and pdfium_c.FPDFFont_GetWeight(handle) >= _BOLD_WEIGHT))
            self._fonts[key] = (name, bold)
        return self._fonts[key]


def _owner(textpage: pdfium.PdfTextPage, index: int) -> int | None:
    """The address of the text object a character of the page belongs to."""
    return ctypes.cast(pdfium_c.FPDFText_GetTextObject(textpage, index), ctypes.c_void_p).value


def _run_indexes(obj, textpage: pdfium.PdfTextPage,  # noqa: ANN001 - a raw text object
                 bounds: BBox) -> list[int] | None:
    """A run's characters on the page, found from its first letter (``bounds``: the run's, in
    page space) and walked along: a page's characters come run by run, so this visits the run's
    own, where mapping every character to its run would visit the page's. None where the probe
    misses the run."""
    owner = ctypes.cast(obj, ctypes.c_void_p).value
    if not owner:
        return None
    left, bottom, _, top = bounds
    height = top - bottom
    index = pdfium_c.FPDFText_GetCharIndexAtPos(textpage, left + height / 4, (bottom + top) / 2, height / 4, height / 2)
    if index < 0 or _owner(textpage, index) != owner:
        return None
    count = pdfium_c.FPDFText_CountChars(textpage)
    start = index
    while start > 0 and _owner(textpage, start - 1) == owner:
        start -= 1
    end = index
    while end + 1 < count and (_owner(textpage, end + 1) == owner or (
            end + 2 < count and pdfium_c.FPDFText_IsGenerated(textpage, end + 1) == 1
            and _owner(textpage, end + 2) == owner)):
        end += 1
    return list(range(start, end + 1))


def _parted(words: list[tuple[str, BBox, tuple[float, float]]],
            gap: float) -> list[tuple[str, BBox, tuple[float, float]]]:
    """A run's words joined again into the parts that gaps wider than ``gap`` separate."""
    parts: list[tuple[str, BBox, tuple[float, float]]] = []
    for word, box, origin in words:
        if parts and box[0] - parts[-1][1][2] <= gap:
            text, (x0, y0, x1, y1), first = parts[-1]
            parts[-1] = (f"{text} {word}", (x0, min(y0, box[1]), max(x1, box[2]), max(y1, box[3])), first)
        else:
            parts.append((word, box, origin))
    return parts


def _crossed(bounds: BBox, edges: list[tuple[float, float, float]]) -> bool:
    """Whether a shape's vertical edge runs through a run's middle: a line a PDF rewriter set as
    one run across the cells of a table row."""
    left, bottom, right, top = bounds
    middle = (bottom + top) / 2
    return any(left + 1 < x < right - 1 and low < middle < high for x, low, high in edges)


def _parted_at_edge(words: list[tuple[str, BBox, tuple[float, float]]], edges: list[tuple[float, float, float]],
                    gap: float) -> bool:
    """Whether a shape's edge runs through a gap wider than ``gap`` between two of a run's words:
    the run spans two cells. (A run merely overflowing its box, its words set close, is one.)"""
    for (_, left, _), (_, right, _) in zip(words, words[1:]):
        if right[0] - left[2] > gap:
            middle = (left[1] + left[3]) / 2
            if any(left[2] <= x <= right[0] and low < middle < high for x, low, high in edges):
                return True
    return False


def _paint(obj) -> tuple[RGB | None, bool]:  # noqa: ANN001 - a raw path object
    """A path's fill colour (None when unfilled or transparent) and whether it is stroked."""
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(mode), ctypes.byref(stroke)):
        return None, False
    fill = None
    if mode.value:
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if pdfium_c.FPDFPageObj_GetFillColor(obj, *map(ctypes.byref, (r, g, b, a))) and a.value >= _TRANSLUCENT:
            fill = tuple(255 - a.value * (255 - channel.value) // 255 for channel in (r, g, b))  # as over white
    stroked = False
    if stroke.value:
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        width = ctypes.c_float()
        stroked = bool(pdfium_c.FPDFPageObj_GetStrokeColor(obj, *map(ctypes.byref, (r, g, b, a)))
                       and a.value >= _OPAQUE and min(r.value, g.value, b.value) < 247
                       and pdfium_c.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width)) and width.value > 0)
    return fill, stroked


def _compose(inner: Matrix, outer: Matrix | None) -> Matrix:
    """The matrix that applies ``inner`` and then ``outer`` (PDF row-vector convention)."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(matrix: Matrix | None, box: tuple[float, float, float, float]) -> BBox:
    """Bounds of a form's child in page space (pdfium reports them in the form's space)."""
    if matrix is None:
        return box
    xs, ys = zip(*(_apply_point(matrix, x, y) for x in (box[0], box[2]) for y in (box[1], box[3])))
    return (min(xs), min(ys), max(xs), max(ys))


def _apply_point(matrix: Matrix | None, x: float, y: float) -> tuple[float, float]:
    if matrix is None:
        return x, y
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


_SLANT_LEAST = math.radians(0.1)
"""A page slanted less than this is level (a typesetter's rounding)."""
_SLANT_MOST = math.radians(10)
"""A slant beyond this is text set at an angle on purpose, not a scan turned on the glass."""


def _skew(slants: list[tuple[float, int]]) -> float:
    """The slant of most of a page's upright text (radians, weighted by length), or 0: a scanned
    page turned on the glass, its OCR text set at that angle."""
    if not slants:
        return 0.0
    ordered = sorted(slants)
    half, seen = sum(weight for _, weight in ordered) / 2, 0
    for angle, weight in ordered:
        seen += weight
        if seen >= half:
            return angle if _SLANT_LEAST <= abs(angle) <= _SLANT_MOST else 0.0
    return 0.0


class _Level:
    """Turns a slanted page level, about its centre: each point by the page's slant back; each
    box moved with its first corner and kept in size (a slanted run's box is already laid flat
    by its own slant, :meth:`PageReader._slanted_bounds`; turning its corners would make it
    taller)."""

    def __init__(self, skew: float, left: float, bottom: float, right: float, top: float) -> None:
        self.cos, self.sin = math.cos(-skew), math.sin(-skew)
        self.cx, self.cy = (left + right) / 2, (bottom + top) / 2

    def point(self, x: float, y: float) -> tuple[float, float]:
        dx, dy = x - self.cx, y - self.cy
        return self.cx + dx * self.cos - dy * self.sin, self.cy + dx * self.sin + dy * self.cos

    def box(self, box: BBox) -> BBox:
        x0, y0 = self.point(box[0], box[1])
        return (x0, y0, x0 + box[2] - box[0], y0 + box[3] - box[1])


_TURNED_GAP = 1.0
"""Ems between two runs of one turned line, along it."""
_TURNED_SPACE = 0.15
"""Ems between two runs of a turned line beyond which a word space stands between them."""


def _turned_lines(pieces: list[Piece], turns: list[int]) -> list[Piece]:
    """Runs set across the upright page's lines — a label turned up the side of its strip —
    joined, in the order they are drawn, into the line they read as: lines are found across
    the page, where each letter of such a line (a browser may draw every glyph of turned text as
    a run of its own) would be a line of its own."""
    joined: list[Piece] = []
    run: list[Piece] = []
    run_turn = 0
    for piece, turn in zip(pieces, turns):
        if run and turn == run_turn and _along(run[-1], piece, turn):
            run.append(piece)
            continue
        if run:
            joined.append(_joined(run, run_turn))
            run = []
        if turn:
            run, run_turn = [piece], turn
        else:
            joined.append(piece)
    if run:
        joined.append(_joined(run, run_turn))
    return joined


def _axis_gap(a: BBox, b: BBox, turn: int) -> float:
    """The gap between two boxes along a turned line (negative where they overlap)."""
    low, high = (1, 3) if turn % 2 else (0, 2)
    return max(b[low] - a[high], a[low] - b[high])


def _along(last: Piece, piece: Piece, turn: int) -> bool:
    """Whether a run goes on the turned line ``last`` ends: across it they overlap by half the
    narrower, along it they are no more than :data:`_TURNED_GAP` apart."""
    low, high = (0, 2) if turn % 2 else (1, 3)
    across = min(last.bbox[high], piece.bbox[high]) - max(last.bbox[low], piece.bbox[low])
    narrower = min(last.bbox[high] - last.bbox[low], piece.bbox[high] - piece.bbox[low])
    return across >= 0.5 * narrower and _axis_gap(last.bbox, piece.bbox, turn) <= _TURNED_GAP * max(last.size, piece.size)


def _joined(run: list[Piece], turn: int) -> Piece:
    """One piece of a turned line's runs, a space where they stand a word apart."""
    text = run[0].text
    for last, piece in itertools.pairwise(run):
        spaced = text[-1:].isspace() or piece.text[:1].isspace()
        if not spaced and _axis_gap(last.bbox, piece.bbox, turn) > _TURNED_SPACE * piece.size:
            text += " "
        text += piece.text
    bbox = (min(p.bbox[0] for p in run), min(p.bbox[1] for p in run), max(p.bbox[2] for p in run),
            max(p.bbox[3] for p in run))
    return Piece(text, bbox, max(p.size for p in run), run[0].font, all(p.bold for p in run), -1, bbox[3])


def _upright_turn(votes: dict[int, int], rotate: int) -> int:
    """Clockwise quarter turns (0–3) that make the page upright: the direction most characters
    run in (the first one voted for, on a tie), the page's /Rotate else."""
    if votes:
        return max(votes, key=votes.__getitem__)
    return round(rotate) % 4


class _Upright:
    """Maps PDF user space (y up) to the upright page (top-left origin, y down)."""

    def __init__(self, turn: int, left: float, bottom: float, right: float, top: float) -> None:
        self.turn, self.left, self.bottom, self.right, self.top = turn, left, bottom, right, top
        width, height = right - left, top - bottom
        self.size = (width, height) if turn % 2 == 0 else (height, width)

    def y(self, x: float, y: float) -> float:
        """The upright y of a point."""
        turn = self.turn
        if turn == 0:
            return self.top - y
        if turn == 1:
            return x - self.left
        if turn == 2:
            return y - self.bottom
        return self.right - x

    def box(self, box: BBox) -> BBox:
        """The upright bounds of normalised bounds (x0 ≤ x1, y0 ≤ y1), as each turn maps the corners."""
        x0, y0, x1, y1 = box
        turn = self.turn
        if turn == 0:
            return (x0 - self.left, self.top - y1, x1 - self.left, self.top - y0)
        if turn == 1:
            return (y0 - self.bottom, x0 - self.left, y1 - self.bottom, x1 - self.left)
        if turn == 2:
            return (self.right - x1, y0 - self.bottom, self.right - x0, y1 - self.bottom)
        return (self.top - y1, self.right - x1, self.top - y0, self.right - x0)
