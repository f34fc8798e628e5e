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
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from dataclasses import dataclass

from kvalitet_plugins.pdf_reader.glyphs import base_font_name

BBox = tuple[float, float, float, float]


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


class PageReader:
    """Reads pages of one open document; holds the ctypes buffers and a font cache."""

    def __init__(self, raw) -> None:  # noqa: ANN001 - pypdfium2.raw module
        self.raw = raw
        self._fonts: dict[int, tuple[str, bool]] = {}
        self._text_buffer = (raw.FPDF_WCHAR * 4096)()
        self._name_buffer = ctypes.create_string_buffer(256)
        self._floats = [ctypes.c_float() for _ in range(4)]
        self._size = ctypes.c_float()
        self._uints = [ctypes.c_uint() for _ in range(4)]
        self._matrix = raw.FS_MATRIX()

    def read(self, page, number: int) -> PageContent:  # noqa: ANN001 - a raw FPDF_PAGE handle
        raw = self.raw
        textpage = raw.FPDFText_LoadPage(page)
        try:
            texts: list[tuple[str, BBox, float, str, bool, int, tuple[float, float]]] = []
            paths: list[tuple[BBox, tuple[int, int, int]]] = []
            images = self._walk(page, textpage, None, texts, paths)
        finally:
            raw.FPDFText_ClosePage(textpage)
        left, bottom, right, top = self._page_box(page)
        turn = _upright_turn(texts, raw.FPDFPage_GetRotation(page))
        to_upright = _Upright(turn, left, bottom, right, top)
        pieces = [Piece(text, to_upright.box(box), size, font, bold, baseline=to_upright.point(*origin)[1])
                  for text, box, size, font, bold, _, origin in texts]
        shapes = [Shape(to_upright.box(box), fill) for box, fill in paths]
        return PageContent(number, to_upright.size, pieces, shapes, images)

    def _page_box(self, page) -> BBox:  # noqa: ANN001
        """The crop box (what a viewer shows), else the media box."""
        l, b, r, t = self._floats
        raw = self.raw
        if raw.FPDFPage_GetCropBox(page, l, b, r, t) or raw.FPDFPage_GetMediaBox(page, l, b, r, t):
            return (l.value, b.value, r.value, t.value)
        return (0.0, 0.0, raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page))

    def _walk(self, container, textpage, form_matrix, texts, paths) -> int:  # noqa: ANN001
        """Collect text and filled paths, descending into form XObjects; returns the image count.

        The loop body is written out flat, with ctypes arguments prepared once: it runs for every
        object of every page, and call overhead is most of its cost.
        """
        raw = self.raw
        if form_matrix is None:
            count, get = raw.FPDFPage_CountObjects(container), raw.FPDFPage_GetObject
        else:
            count, get = raw.FPDFFormObj_CountObjects(container), raw.FPDFFormObj_GetObject
        get_type, get_text, get_bounds = raw.FPDFPageObj_GetType, raw.FPDFTextObj_GetText, raw.FPDFPageObj_GetBounds
        get_font, get_size, get_mode = raw.FPDFTextObj_GetFont, raw.FPDFTextObj_GetFontSize, \
            raw.FPDFTextObj_GetTextRenderMode
        get_matrix = raw.FPDFPageObj_GetMatrix
        text_kind, path_kind, image_kind, form_kind = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, \
            raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM
        synthetic_bold = raw.FPDF_TEXTRENDERMODE_FILL_STROKE
        buffer, capacity = self._text_buffer, ctypes.sizeof(self._text_buffer)
        l, b, r, t = (ctypes.byref(value) for value in self._floats)
        left, bottom, right, top = self._floats
        size, matrix = self._size, self._matrix
        size_ref, matrix_ref = ctypes.byref(size), ctypes.byref(matrix)
        fonts, font_key = self._fonts, ctypes.c_void_p.from_buffer
        images = 0
        for index in range(count):
            obj = get(container, index)
            kind = get_type(obj)
            if kind == text_kind:
                needed = get_text(obj, textpage, buffer, capacity)
                if needed > capacity:
                    text = self._long_text(obj, textpage, needed)
                else:
                    text = ctypes.string_at(buffer, max(needed - 2, 0)).decode("utf-16-le", "replace")
                if not text.strip():
                    continue
                if "\r" in text or "\n" in text or "\x02" in text:
                    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\x02", "-")
                get_bounds(obj, l, b, r, t)
                box = (left.value, bottom.value, right.value, top.value)
                font = get_font(obj)
                key = font_key(font).value
                style = fonts.get(key) or self._font_style(font, key)
                bold = style[1] or get_mode(obj) == synthetic_bold
                get_size(obj, size_ref)
                get_matrix(obj, matrix_ref)
                run_x, run_y = matrix.a, matrix.b  # the direction the text runs in
                quarter = (0 if run_x > 0 else 2) if abs(run_x) >= abs(run_y) else (1 if run_y > 0 else 3)
                texts.append((text, _apply(form_matrix, box), size.value * math.hypot(run_x, run_y), style[0],
                              bold, quarter, _apply_point(form_matrix, matrix.e, matrix.f)))
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
                images += self._walk(obj, textpage, _compose(own, form_matrix), texts, paths)
        return images

    def _long_text(self, obj, textpage, needed: int) -> str:  # noqa: ANN001
        buffer = (self.raw.FPDF_WCHAR * (needed // 2 + 1))()
        needed = self.raw.FPDFTextObj_GetText(obj, textpage, buffer, needed)
        return ctypes.string_at(buffer, max(needed - 2, 0)).decode("utf-16-le", "replace")

    def _font_style(self, font, key: int) -> tuple[str, bool]:  # noqa: ANN001
        """Name and boldness of a font, read once per font: by name, weight or ForceBold flag."""
        raw = self.raw
        length = raw.FPDFFont_GetBaseFontName(font, self._name_buffer, 256)
        name = base_font_name(self._name_buffer.raw[: max(length - 1, 0)].decode("latin-1"))
        lowered = name.lower().replace("-", "").replace(" ", "")
        bold = (any(word in lowered for word in _BOLD_WORDS) or raw.FPDFFont_GetWeight(font) >= 600
                or bool(raw.FPDFFont_GetFlags(font) & _FORCE_BOLD_FLAG))
        self._fonts[key] = (name, bold)
        return name, bold

    def _fill(self, obj) -> tuple[int, int, int] | None:  # noqa: ANN001
        raw = self.raw
        mode, stroke = ctypes.c_int(), raw.FPDF_BOOL()
        if not raw.FPDFPath_GetDrawMode(obj, mode, stroke) or mode.value == 0:
            return None
        r, g, b, a = self._uints
        if not raw.FPDFPageObj_GetFillColor(obj, r, g, b, a) or a.value < 128:
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


def _apply_point(matrix: tuple | None, x: float, y: float) -> tuple[float, float]:
    if matrix is None:
        return x, y
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _upright_turn(texts: list, rotate: int) -> int:
    """Clockwise quarter turns (0–3) that make the page upright: text direction first, /Rotate else."""
    votes: Counter[int] = Counter()
    for text, _box, _size, _font, _bold, quarter, _origin in texts:
        votes[quarter] += len(text)
    if votes:
        return votes.most_common(1)[0][0]
    return round(rotate) % 4


class _Upright:
    """Maps PDF user space (y up) to the upright page (top-left origin, y down)."""

    def __init__(self, turn: int, left: float, bottom: float, right: float, top: float) -> None:
        self.turn, self.left, self.bottom, self.right, self.top = turn, left, bottom, right, top
        width, height = right - left, top - bottom
        self.size = (width, height) if turn % 2 == 0 else (height, width)

    def point(self, x: float, y: float) -> tuple[float, float]:
        turn = self.turn
        if turn == 0:
            return x - self.left, self.top - y
        if turn == 1:
            return y - self.bottom, x - self.left
        if turn == 2:
            return self.right - x, y - self.bottom
        return self.top - y, self.right - x

    def box(self, box: BBox) -> BBox:
        x0, y0 = self.point(box[0], box[1])
        x1, y1 = self.point(box[2], box[3])
        return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
