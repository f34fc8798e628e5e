"""A PDF page's text and filled shapes, read from pdfium's page objects, on the upright page.

Page objects are read directly (about ten cheap calls each) rather than through the
character-by-character text page API, which costs several times more per page. A text object
is one run of one font, so it carries everything the layout needs: its text, bounds, font name
(bold, or a symbol font), size and direction. Filled path objects are the coloured boxes and
shaded table cells behind the text.

Coordinates are turned to the *upright* page, top-left origin, y downwards. Which way is up is
read from the text itself (the direction most characters run), falling back to the page's
``/Rotate``: a page whose content was drawn turned on a portrait media box reads the same as a
page rotated with ``/Rotate``.

The walk over a page's objects exists twice: compiled (``_walk.c``, built when the package is
installed where a C compiler is) and in Python below, which runs where it is not. Both return
the same records; the compiled one spares the Python loop around some ten calls per object.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass
from typing import Any

from kvalitet_core.recognise.symbol_fonts import base_font_name
from kvalitet_plugins.pdf_reader.pdfium import (
    PAGEOBJ_FORM,
    PAGEOBJ_IMAGE,
    PAGEOBJ_PATH,
    PAGEOBJ_TEXT,
    TEXTRENDERMODE_FILL_STROKE,
    Matrix,
    pdfium,
)

try:
    from kvalitet_plugins.pdf_reader import _walk as compiled_walk
except ImportError:  # installed without a C compiler: the Python walk runs
    compiled_walk = None

BBox = tuple[float, float, float, float]
TextRecord = tuple[str, BBox, float, "int | None", bool, float, float]
"""What the walk gives for a text run: its text, bounds, size, font handle, whether it is drawn
filled and stroked (synthetic bold), and its origin — in PDF user space."""
PathRecord = tuple[BBox, tuple[int, int, int]]
"""A filled path: its bounds and fill colour."""

WALK_FUNCTIONS = (
    "FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject",
    "FPDFPageObj_GetType", "FPDFText_CountChars", "FPDFText_GetUnicode", "FPDFText_GetTextObject",
    "FPDFText_GetCharOrigin", "FPDFPageObj_GetBounds", "FPDFTextObj_GetFont",
    "FPDFTextObj_GetTextRenderMode", "FPDFTextObj_GetFontSize", "FPDFPageObj_GetMatrix",
    "FPDFPath_GetDrawMode", "FPDFPageObj_GetFillColor",
)
"""The pdfium functions the compiled walk calls, in the order its ``bind`` takes them."""


@dataclass(slots=True)
class Piece:
    """One text object: a run of text in one font, on the upright page."""

    text: str
    bbox: BBox
    size: float
    font: str
    bold: bool
    fill: tuple[int, int, int] | None = None
    region: int = -1
    """Index of the filled shape the piece sits on (-1: none)."""
    baseline: float = 0.0
    """The y of the run's origin on the upright page: unlike its bounds, it does not depend on
    which letters the run has (a line of x-height letters has a lower top than "Tema")."""


@dataclass(slots=True)
class Shape:
    """A filled shape (box, shaded cell) on the upright page."""

    bbox: BBox
    fill: tuple[int, int, int]


@dataclass(slots=True)
class PageContent:
    number: int
    size: tuple[float, float]
    pieces: list[Piece]
    shapes: list[Shape]
    images: int
    """How many image objects the page holds (a page of images and no text needs OCR)."""


_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold", "extrabold", "ultrabold")
_FORCE_BOLD_FLAG = 1 << 18


def _bound_walk() -> Any:
    """The compiled walk, bound to the pdfium functions of :mod:`.pdfium`; None without it."""
    if compiled_walk is not None:
        calls = pdfium()
        compiled_walk.bind(tuple(ctypes.cast(getattr(calls, name), ctypes.c_void_p).value for name in WALK_FUNCTIONS))
    return compiled_walk


class PageReader:
    """Reads pages of one open document; holds the ctypes buffers and a font cache.

    Handles are plain addresses (see :mod:`.pdfium`). ``compiled=False`` takes the Python walk
    even where the compiled one is built (the tests compare the two)."""

    def __init__(self, compiled: bool = True) -> None:
        self.calls = pdfium()
        self._compiled = _bound_walk() if compiled else None
        self._fonts: dict[int | None, tuple[str, bool]] = {}
        self._text_buffer = (ctypes.c_uint16 * 4096)()
        self._name_buffer = ctypes.create_string_buffer(256)
        self._floats = [ctypes.c_float() for _ in range(4)]
        self._size = ctypes.c_float()
        self._ints = [ctypes.c_int() for _ in range(2)]
        self._uints = [ctypes.c_uint() for _ in range(4)]
        self._matrix = Matrix()

    def read(self, page: int, number: int) -> PageContent:
        calls = self.calls
        textpage = calls.FPDFText_LoadPage(page)
        try:
            texts, paths, votes, images = self.walk(page, textpage)
        finally:
            calls.FPDFText_ClosePage(textpage)
        to_upright = _Upright(_upright_turn(votes, calls.FPDFPage_GetRotation(page)), *self._page_box(page))
        box, y = to_upright.box, to_upright.y
        fonts = self._fonts
        pieces = []
        for text, bounds, size, font, synthetic_bold, origin_x, origin_y in texts:
            name, bold = fonts.get(font) or self._font_style(font)
            pieces.append(Piece(text, box(bounds), size, name, bold or synthetic_bold, None, -1, y(origin_x, origin_y)))
        shapes = [Shape(box(bounds), fill) for bounds, fill in paths]
        return PageContent(number, to_upright.size, pieces, shapes, images)

    def walk(self, page: int, textpage: int | None) -> tuple[list[TextRecord], list[PathRecord], dict[int, int], int]:
        """The page's text runs, filled paths, direction votes and image count, in PDF user space.

        Each text run votes, with its length, for the direction it runs in; the votes keep the
        order of the first vote, which breaks a tie."""
        if self._compiled is not None:
            return self._compiled.walk(page, textpage)
        texts: list[TextRecord] = []
        paths: list[PathRecord] = []
        votes: dict[int, int] = {}
        images = self._walk(page, textpage, None, texts, paths, votes)
        return texts, paths, votes, images

    def _page_box(self, page: int) -> BBox:
        """The crop box (what a viewer shows), else the media box."""
        calls, corners = self.calls, [ctypes.addressof(value) for value in self._floats]
        if calls.FPDFPage_GetCropBox(page, *corners) or calls.FPDFPage_GetMediaBox(page, *corners):
            return tuple(value.value for value in self._floats)  # type: ignore[return-value]
        return (0.0, 0.0, calls.FPDF_GetPageWidthF(page), calls.FPDF_GetPageHeightF(page))

    def _walk(self, container: int, textpage: int | None, form_matrix, texts, paths, votes) -> int:  # noqa: ANN001
        """Collect text and filled paths, descending into form XObjects; returns the image count.

        The loop body is written out flat, with ctypes arguments prepared once: it runs for every
        object of every page, and call overhead is most of its cost.
        """
        calls = self.calls
        if form_matrix is None:
            count, get = calls.FPDFPage_CountObjects(container), calls.FPDFPage_GetObject
        else:
            count, get = calls.FPDFFormObj_CountObjects(container), calls.FPDFFormObj_GetObject
        get_type, get_text, get_bounds = calls.FPDFPageObj_GetType, calls.FPDFTextObj_GetText, \
            calls.FPDFPageObj_GetBounds
        get_font, get_size, get_mode = calls.FPDFTextObj_GetFont, calls.FPDFTextObj_GetFontSize, \
            calls.FPDFTextObj_GetTextRenderMode
        get_matrix = calls.FPDFPageObj_GetMatrix
        text_kind, path_kind, image_kind, form_kind = PAGEOBJ_TEXT, PAGEOBJ_PATH, PAGEOBJ_IMAGE, PAGEOBJ_FORM
        synthetic_bold = TEXTRENDERMODE_FILL_STROKE
        buffer, capacity = ctypes.addressof(self._text_buffer), ctypes.sizeof(self._text_buffer)
        string_at, hypot = ctypes.string_at, math.hypot
        l, b, r, t = map(ctypes.addressof, self._floats)
        left, bottom, right, top = self._floats
        size, matrix = self._size, self._matrix
        size_ref, matrix_ref = ctypes.addressof(size), ctypes.addressof(matrix)
        images = 0
        for index in range(count):
            obj = get(container, index)
            kind = get_type(obj)
            if kind == text_kind:
                needed = get_text(obj, textpage, buffer, capacity)
                if needed > capacity:
                    text = self._long_text(obj, textpage, needed)
                else:
                    text = string_at(buffer, max(needed - 2, 0)).decode("utf-16-le", "replace")
                if not text.strip():
                    continue
                if "\r" in text or "\n" in text or "\x02" in text:
                    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\x02", "-")
                get_bounds(obj, l, b, r, t)
                box = (left.value, bottom.value, right.value, top.value)
                font = get_font(obj)
                synthetic = get_mode(obj) == synthetic_bold
                get_size(obj, size_ref)
                get_matrix(obj, matrix_ref)
                run_x, run_y = matrix.a, matrix.b  # the direction the text runs in
                quarter = (0 if run_x > 0 else 2) if abs(run_x) >= abs(run_y) else (1 if run_y > 0 else 3)
                votes[quarter] = votes.get(quarter, 0) + len(text)
                origin_x, origin_y = matrix.e, matrix.f
                if form_matrix is not None:
                    box = _apply(form_matrix, box)
                    origin_x, origin_y = _apply_point(form_matrix, origin_x, origin_y)
                texts.append((text, box, size.value * hypot(run_x, run_y), font, synthetic, origin_x, origin_y))
            elif kind == path_kind:
                fill = self._fill(obj)
                if fill is not None:
                    get_bounds(obj, l, b, r, t)
                    paths.append((_apply(form_matrix, (left.value, bottom.value, right.value, top.value)), fill))
            elif kind == image_kind:
                images += 1
            elif kind == form_kind:
                get_matrix(obj, matrix_ref)
                own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                images += self._walk(obj, textpage, _compose(own, form_matrix), texts, paths, votes)
        return images

    def _long_text(self, obj: int, textpage: int | None, needed: int) -> str:
        buffer = (ctypes.c_uint16 * (needed // 2 + 1))()
        needed = self.calls.FPDFTextObj_GetText(obj, textpage, ctypes.addressof(buffer), needed)
        return ctypes.string_at(buffer, max(needed - 2, 0)).decode("utf-16-le", "replace")

    def _font_style(self, address: int | None) -> tuple[str, bool]:
        """Name and boldness of a font, read once per font: by name, weight or ForceBold flag."""
        calls = self.calls
        length = calls.FPDFFont_GetBaseFontName(address, ctypes.addressof(self._name_buffer), 256)
        name = base_font_name(self._name_buffer.raw[: max(length - 1, 0)].decode("latin-1"))
        lowered = name.lower().replace("-", "").replace(" ", "")
        bold = (any(word in lowered for word in _BOLD_WORDS) or calls.FPDFFont_GetWeight(address) >= 600
                or bool(calls.FPDFFont_GetFlags(address) & _FORCE_BOLD_FLAG))
        self._fonts[address] = (name, bold)
        return name, bold

    def _fill(self, obj: int) -> tuple[int, int, int] | None:
        calls = self.calls
        mode, stroke = self._ints
        if not calls.FPDFPath_GetDrawMode(obj, ctypes.addressof(mode), ctypes.addressof(stroke)) or mode.value == 0:
            return None
        r, g, b, a = self._uints
        if not calls.FPDFPageObj_GetFillColor(obj, *map(ctypes.addressof, self._uints)) or a.value < 128:
            return None
        return (r.value, g.value, b.value)


def _compose(inner: tuple, outer: tuple | None) -> tuple:
    """The matrix that applies ``inner`` and then ``outer`` (PDF row-vector convention)."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(matrix: tuple | None, box: BBox) -> BBox:
    """Bounds of a form's child in page space (pdfium reports them in the form's space)."""
    if matrix is None:
        return box
    a, b, c, d, e, f = matrix
    l, bo, r, t = box
    xs, ys = [], []
    for x, y in ((l, bo), (r, bo), (l, t), (r, t)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return (min(xs), min(ys), max(xs), max(ys))


def _apply_point(matrix: tuple, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


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
        """The upright bounds of normalised bounds (x0 ≤ x1, y0 ≤ y1), as each turn maps the
        corners — written out, as it runs for every piece."""
        x0, y0, x1, y1 = box
        turn = self.turn
        if turn == 0:
            return (x0 - self.left, self.top - y1, x1 - self.left, self.top - y0)
        if turn == 1:
            return (y0 - self.bottom, x0 - self.left, y1 - self.bottom, x1 - self.left)
        if turn == 2:
            return (self.right - x1, y0 - self.bottom, self.right - x0, y1 - self.bottom)
        return (self.top - y1, self.right - x1, self.top - y0, self.right - x0)
