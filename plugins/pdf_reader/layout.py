"""From positioned pieces of text to paragraphs in reading order, as text blocks.

Generic page geometry, nothing specific to one report: pieces sit in the innermost region
around them — a filled or bordered shape — which the block reports with its bounds and fill;
small filled dots and squares at the start of a line are list markers (browsers draw them as
shapes); pieces on one baseline make a line, split where a wide gap separates columns; lines
make a paragraph until the spacing widens, the weight or size changes, or a list marker starts
a new item. Paragraphs are ordered by recursive XY-cut over the page: a region is read as one
unit, and at each step the widest clear gap — a column gutter or the space between bands —
decides the cut.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kvalitet_core import (
    ARROW,
    DASHES,
    Glyph,
    Region,
    TextBlock,
    begins_with_label,
    classify,
    is_symbol_font,
    is_text_marker,
    labels_in,
)
from kvalitet_plugins.pdf_reader.objects import BBox, PageContent, Piece, Shape
from kvalitet_plugins.pdf_reader.rules import ruled_cells

_MIN_SHAPE = 12.0
"""Filled shapes narrower or lower than this are rules and underlines, not boxes."""
_MIN_STRIP_WIDTH = 120.0
"""A shaded line of text is at least this wide (a column's width; a highlighted word is less)."""
_HUG = 4.0
"""Points within which a highlight's strip ends after the end of its text."""
COLUMN_GAP = 1.5
"""A horizontal gap wider than this many em between two pieces on one baseline is a column
gutter, not a word space — unless the line is justified (:func:`_justified`): a narrow justified
column stretches the spaces of a line with few words to several ems."""
GUTTER_GAP = 0.8
"""A gap wider than this many em splits a line where the rows around it keep the same gap clear."""
_GUTTER_ROWS = 6
"""Rows above and below looked at for a gutter."""
_SPACE_ACROSS = 0.6
"""Ems: a row above or below whose words stand closer than this around a gap runs through it
(a word space, side bearings included; a gutter is wider than ``GUTTER_GAP``)."""
_BACKGROUND = 0.85
"""A filled shape covering this share of the page is a page background, not a box."""
_DASH_MARKER_GAP = 0.6
"""Ems between a dash and its text beyond which the dash is a list marker (a tab, an indent)."""
_LEADING = 1.6
"""Baselines further apart than this many ems start a new paragraph (a browser's line height is
often 1.5)."""
_SPACING = 1.15
"""Baselines further apart than this share of a paragraph's own line distance start a new one."""
_WORD_GAP = 0.15
"""Ems of gap between two runs beyond which a space separates them."""
_LIGATURES = frozenset({"fi", "fl", "ff", "ffi", "ffl", "ﬁ", "ﬂ", "ﬀ", "ﬃ", "ﬄ"})
_NARROW = frozenset("iljtfrI1!|.,;:'’")
"""Letters whose ink is much narrower than their advance."""
_TABULAR_NARROW = frozenset("1")
"""The digit whose ink is much narrower than the advance every digit shares."""
_NARROW_BEARING = 0.06
"""Ems a narrow letter's side bearing adds to the gap where a word is cut between two runs."""
_LIGATURE_GAP = 0.25
"""The same for a ligature's run, whose ink ends short of its advance."""
_FIT_SLACK = 1.2
"""Ems of room (a space and some) a word needs beyond its own width to count as fitting."""
_WORD_SPREAD = 1.15
"""A word's width is estimated from its run's average letter: allow for wide letters."""
_ROW_SHARE = 0.6
"""Share of units on both sides of a gutter that must stand level for the two to be table rows."""
_FORM_FIELDS = 3
"""Fewest one- or two-line paragraphs a shaded column holds to be a form's field names."""
_KEY_LENGTH = 40
"""Characters a line of a key in a key/value table may hold ("Antal ansatte i alt på tilbuddet")."""
_BAND_OVER_GUTTER = 3.0
"""A gap between bands is cut before a column gutter only when it is this many times wider."""
_SAME_SIZE = 1.1
"""Shapes within this ratio of area count as one size when choosing what a piece sits in."""
_EDGE = 2.0
"""Points within which two shapes' edges count as the same edge."""
_PAPER = 252
"""A fill with every channel at or above this is the paper's white, not a shaded area."""
_MARKER_SIZE = (1.5, 9.0)
"""Sides, in points, of a filled shape that can be a list marker (a browser's disc or square)."""
_MARKER_FONT = "(shape)"
"""The font name of a piece made from a marker shape."""
_REGIONS_PER_PAGE = 10_000
"""Region ids are page × this + index: unique within a document."""


@dataclass(slots=True)
class Line:
    pieces: list[Piece]
    bbox: BBox
    size: float
    bold: bool
    marker: bool
    """The line starts with a list marker (the marker piece is already dropped)."""
    text_x: float
    """Where the text after the marker starts."""
    baseline: float
    letter_gap: float
    """The usual gap between letters where the line is drawn letter by letter (see :func:`_letter_gap`)."""


@dataclass(slots=True)
class Paragraph:
    lines: list[Line] = field(default_factory=list)
    bbox: BBox = (float("inf"), float("inf"), float("-inf"), float("-inf"))

    def add(self, line: Line) -> None:
        self.lines.append(line)
        x0, y0, x1, y1 = self.bbox
        lx0, ly0, lx1, ly1 = line.bbox
        self.bbox = (min(x0, lx0), min(y0, ly0), max(x1, lx1), max(y1, ly1))


def page_blocks(page: PageContent) -> list[TextBlock]:
    """The page's paragraphs as text blocks, in reading order."""
    shapes = _regions(page)
    page.pieces.extend(_markers(page))
    _assign_regions(page.pieces, shapes)
    by_region: dict[int, list[Piece]] = {}
    for piece in page.pieces:
        by_region.setdefault(piece.region, []).append(piece)
    grouped: dict[int, list[Paragraph]] = {}
    for region, pieces in by_region.items():
        lines = _lines(pieces)
        grouped[region] = _paragraphs(lines, _text_margin(lines, shapes[region]) if region >= 0 else 0.0)
    free: list[tuple[BBox, list[Paragraph]]] = [(paragraph.bbox, [paragraph])
                                               for paragraph in _parted_at_keys(grouped.pop(-1, []))]
    units: list[tuple[BBox, list[Paragraph]]] = []
    for region, paragraphs in grouped.items():
        paragraphs.sort(key=lambda p: (p.bbox[1], p.bbox[0]))
        rows = _form_rows(shapes[region].bbox, paragraphs, free)
        units.extend(rows or [(shapes[region].bbox, paragraphs)])
    units += free
    blocks: list[TextBlock] = []
    for _bbox, paragraphs in _xy_cut(units):
        for paragraph in paragraphs:
            block = _block(paragraph, page, shapes)
            if block is not None and not _is_page_number(block, page):
                blocks.append(block)
    return blocks


_PAGE_NUMBER = re.compile(r"^(?:side\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:af|/|of)\s*\d{1,4})?$", re.IGNORECASE)
_MARGIN = 0.08
"""Share of the page height at the top and bottom where running page numbers are printed."""


def _is_page_number(block: TextBlock, page: PageContent) -> bool:
    """A page number in the top or bottom margin: page furniture, dropped as the Word importer
    drops headers and footers (it reads only the body)."""
    if block.fill is not None or not _PAGE_NUMBER.match(block.text):
        return False
    height = page.size[1]
    return block.bbox[1] > height * (1 - _MARGIN) or block.bbox[3] < height * _MARGIN


def _regions(page: PageContent) -> list[Shape]:
    """The shapes text can sit in: filled (not white) or bordered, larger than a rule once
    strips of one shaded area are joined, smaller than the page's background — and the cells
    of a table drawn as rules."""
    width, height = page.size
    area = width * height
    candidates = []
    for shape in page.shapes:
        x0, y0, x1, y1 = shape.bbox
        if x1 - x0 < _MIN_SHAPE or (x1 - x0) * (y1 - y0) > _BACKGROUND * area:
            continue
        if shape.stroked or (shape.fill is not None and min(shape.fill) < _PAPER):
            candidates.append(shape)
    joined = _join_strips(candidates)
    tall = [shape for shape in joined if shape.bbox[3] - shape.bbox[1] >= _MIN_SHAPE]
    regions = tall + [shape for shape in joined if shape.bbox[3] - shape.bbox[1] < _MIN_SHAPE
                      and _shaded_line(shape, page.pieces, tall)]
    return regions + ruled_cells(page.shapes, regions)


def _shaded_line(shape: Shape, pieces: Sequence[Piece], boxes: Sequence[Shape]) -> bool:
    """Whether a shape lower than a box is a shaded line of text all the same: a one-line
    paragraph's shading (an office suite shades each paragraph on its own, and a one-line
    paragraph's strip is lower than ``_MIN_SHAPE``) — as wide as a column, a line of text wholly
    inside it, and inside no box (a strip within a box is the box's, not a box of its own). A
    rule or an underline holds no text; a highlighted word is narrower, and so is a highlighted
    line: its strip ends where its text does, where a paragraph's shading runs on to the
    column's edge."""
    x0, _, x1, _ = shape.bbox
    if x1 - x0 < _MIN_STRIP_WIDTH or any(_within(shape.bbox, box.bbox) for box in boxes):
        return False
    inside = [piece.bbox for piece in pieces if _within(piece.bbox, shape.bbox)]
    return bool(inside) and x1 - max(bbox[2] for bbox in inside) > _HUG


def _within(inner: BBox, outer: BBox) -> bool:
    return (inner[0] >= outer[0] - _EDGE and inner[1] >= outer[1] - _EDGE and inner[2] <= outer[2] + _EDGE
            and inner[3] <= outer[3] + _EDGE)


def _join_strips(shapes: list[Shape]) -> list[Shape]:
    """Shapes of one fill stacked edge to edge with the same width, as one shape.

    An office suite prints consecutive shaded paragraphs as one strip per paragraph; what the
    reader sees is one shaded area, and so is the box it makes."""
    joined: list[Shape] = []
    for shape in shapes:  # in drawing order, which the result keeps
        for index, other in enumerate(joined):
            a, b = other.bbox, shape.bbox
            if (other.fill == shape.fill and other.fill is not None and abs(a[0] - b[0]) <= _EDGE
                    and abs(a[2] - b[2]) <= _EDGE and (abs(b[1] - a[3]) <= _EDGE or abs(a[1] - b[3]) <= _EDGE)):
                joined[index] = Shape((min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])),
                                      other.fill, other.stroked or shape.stroked)
                break
        else:
            joined.append(shape)
    return joined


def _markers(page: PageContent) -> list[Piece]:
    """Small filled dots and squares as "•" pieces on the baseline of the line they mark.

    A disc marker is about a third of an em high and sits a little above the baseline; the
    piece gets that em as its size, so the line-building tolerance keeps it with its text."""
    low, high = _MARKER_SIZE
    pieces = []
    for shape in page.shapes:
        x0, y0, x1, y1 = shape.bbox
        w, h = x1 - x0, y1 - y0
        if shape.fill is None or min(shape.fill) >= _PAPER or not (low <= w <= high and low <= h <= high):
            continue
        if not 0.6 <= w / h <= 1.6:
            continue
        size = 3 * h
        pieces.append(Piece("•", shape.bbox, size, _MARKER_FONT, False, -1, y1 + 0.1 * size))
    return pieces


def _assign_regions(pieces: Iterable[Piece], shapes: Sequence[Shape]) -> None:
    """Each piece sits in the innermost shape that contains its centre: the smallest one, and of
    shapes about that size (a box and the shadow drawn under it) the one drawn last, on top —
    unless a filled shape drawn later overlaps that one without either holding the other (a box
    floated over the edge of another: where they overlap, the later one is what shows)."""
    bounds = [(index, *shape.bbox, (shape.bbox[2] - shape.bbox[0]) * (shape.bbox[3] - shape.bbox[1]))
              for index, shape in enumerate(shapes)]
    for piece in pieces:
        x0, y0, x1, y1 = piece.bbox
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        around = [(index, area) for index, left, top, right, bottom, area in bounds
                  if left <= cx <= right and top <= cy <= bottom]
        if not around:
            piece.region = -1
            continue
        smallest = min(area for _, area in around)
        chosen = max(index for index, area in around if area <= _SAME_SIZE * smallest)
        piece.region = max((index for index, _ in around if index > chosen and shapes[index].fill is not None
                            and _overlap_only(shapes[index].bbox, shapes[chosen].bbox)), default=chosen)


def _overlap_only(a: BBox, b: BBox) -> bool:
    """Whether two shapes overlap with neither inside the other."""
    inside = all(a[i] >= b[i] - _EDGE for i in (0, 1)) and all(a[i] <= b[i] + _EDGE for i in (2, 3))
    holds = all(b[i] >= a[i] - _EDGE for i in (0, 1)) and all(b[i] <= a[i] + _EDGE for i in (2, 3))
    return not inside and not holds


def _lines(pieces: list[Piece]) -> list[Line]:
    """Pieces on one baseline, left to right; a gap wider than ``COLUMN_GAP`` starts another line.

    A symbol glyph may sit a little off the baseline of the text it marks; the tolerance of
    0.4 em keeps it on the line."""
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.baseline, p.bbox[0])):
        if rows:
            last = rows[-1][-1]
            if abs(piece.baseline - last.baseline) < 0.4 * min(piece.size, last.size):
                rows[-1].append(piece)
                continue
        rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda p: p.bbox[0])
    right_edge = max((piece.bbox[2] for piece in pieces), default=0.0)
    for index, row in enumerate(rows):
        segment = [row[0]]
        justified: bool | None = None
        for piece in row[1:]:
            gap = piece.bbox[0] - segment[-1].bbox[2]
            size = max(piece.size, segment[-1].size)
            wide = gap > COLUMN_GAP * size or (gap > GUTTER_GAP * size and _gutter(rows, index, segment[-1].bbox[2],
                                                                                   piece.bbox[0], size))
            if wide and justified is None:
                justified = _justified(rows, index, right_edge)
            if wide and not justified and not _lone_marker(segment, gap):
                lines.append(_line(segment))
                segment = []
            segment.append(piece)
        lines.append(_line(segment))
    return [line for line in lines if line.pieces and any(p.font != _MARKER_FONT for p in line.pieces)]


_SAME_GAP = 0.25
"""Ems by which the stretched word spaces of one justified line may differ (the ink of the
letters beside a space, not their advance, bounds it)."""
_SAME_EDGE = 0.5
"""Ems within which two lines of a justified paragraph start and end at the same place."""


def _justified(rows: list[list[Piece]], index: int, right_edge: float) -> bool:
    """Whether a row is a line of justified text: its word spaces (after a list marker) are all
    stretched to one width, and either there are several of them and the line ends where the
    region's text ends (``right_edge``), or the line above or below it — starting and ending
    where it does, as the lines of a justified paragraph do — runs through every one. Cells of
    a table differ in at least one of these: their gaps differ, or no neighbouring line
    crosses them."""
    row = rows[index]
    size = max(piece.size for piece in row)
    words = _words(row, size)
    if any(" " in text.strip() for _, _, text in words):
        return False  # a run holding a space of normal width: justification stretches them all
    gaps = [(left[1], right[0]) for left, right in zip(words, words[1:])]
    widths = [right - left for left, right in gaps]
    if not widths or max(widths) - min(widths) > _SAME_GAP * size:
        return False
    start, end = words[0][0], words[-1][1]
    if len(gaps) >= 2 and abs(end - right_edge) <= _SAME_EDGE * size:
        return True
    for near in (rows[index - 1] if index else None, rows[index + 1] if index + 1 < len(rows) else None):
        if not near or abs(near[0].baseline - row[0].baseline) > _LEADING * size:
            continue
        spans = _words(near, size)
        if abs(spans[0][0] - start) > _SAME_EDGE * size or abs(spans[-1][1] - end) > _SAME_EDGE * size:
            continue
        if all(_runs_through(spans, (left + right) / 2, (right - left) / 2) for left, right in gaps):
            return True
    return False


_LETTERS = 0.25
"""Ems of gap within which pieces are letters of one word: the ink of a narrow glyph (".", ",")
leaves a gap wider than a tight word space is in some fonts, and no justified space is this narrow."""


def _words(row: list[Piece], size: float) -> list[tuple[float, float, str]]:
    """The spans of a row's words and their text — pieces closer than a word space joined —
    without the list marker that may open the row."""
    spans: list[tuple[float, float, str]] = []
    for piece in row:
        if spans and piece.bbox[0] - spans[-1][1] <= _LETTERS * size:
            spans[-1] = (spans[-1][0], max(spans[-1][1], piece.bbox[2]), spans[-1][2] + piece.text)
        else:
            spans.append((piece.bbox[0], piece.bbox[2], piece.text))
    head = spans[0][2].strip()
    if len(spans) > 1 and (row[0].font == _MARKER_FONT or _NUMBER_MARKER.fullmatch(head)
                           or (len(head) == 1 and (is_symbol_font(row[0].font) or is_text_marker(head)))):
        spans = spans[1:]
    return spans


def _runs_through(spans: list[tuple[float, float, str]], x: float, narrower: float) -> bool:
    """Whether a row's words run through ``x``: a word covers it, or the space there between
    two words is narrower than ``narrower``."""
    before = [right for left, right, _ in spans if left <= x]
    after = [left for left, _, _ in spans if left > x]
    if not before or not after:
        return False
    return max(before) >= x or min(after) - max(before) < narrower


def _gutter(rows: list[list[Piece]], index: int, left: float, right: float, size: float) -> bool:
    """Whether the gap between ``left`` and ``right`` runs down the rows around this one with
    no text crossing it: a column gutter narrower than ``COLUMN_GAP`` (columns set close), not
    a wide word space, which the lines above and below run through — also where they are set
    glyph by glyph (Qt's printer), the gap falling between two of their letters."""
    middle = (left + right) / 2
    near = rows[max(0, index - _GUTTER_ROWS):index] + rows[index + 1:index + 1 + _GUTTER_ROWS]
    crossing = sum(_runs_through(_words(row, size), middle, _SPACE_ACROSS * size) for row in near)
    on_the_left = sum(any(piece.bbox[2] <= middle for piece in row) for row in near)
    on_the_right = sum(any(piece.bbox[0] >= middle for piece in row) for row in near)
    return crossing == 0 and on_the_left >= 2 and on_the_right >= 2


def _lone_marker(segment: list[Piece], gap: float) -> bool:
    """A list marker on its own so far — a bullet glyph, or a number ("1.", "b)") no more than
    a tab stop before its text — whose text stands a tab stop away, not a column."""
    head = segment[0].text.strip()
    if len(segment) != 1:
        return False
    return (len(head) == 1 and (is_symbol_font(segment[0].font) or is_text_marker(head))) \
        or (bool(_NUMBER_MARKER.fullmatch(head)) and gap < _NUMBER_TAB * segment[0].size)


_NUMBER_MARKER = re.compile(r"\d{1,2}[.)]|[a-zA-Z][.)]")
_NUMBER_TAB = 3.0
"""Ems within which the text of a numbered point follows its number."""


def _line(pieces: list[Piece]) -> Line:
    """A line; a list marker that opens it is recognised and dropped.

    A marker is a lone glyph before the text (a symbol-font glyph, or "•", "▪", "-", … drawn on
    its own, as office suites draw bullets), or a bullet character and a space at the start of
    the first run. A dash that merely begins a wrapped line ("– gennem …") is not a marker.
    """
    first = pieces[0]
    bbox = first.bbox if len(pieces) == 1 else _union(piece.bbox for piece in pieces)
    head = first.text.strip()
    marker = False
    if len(head) == 1 and len(pieces) > 1:
        marker = classify(head, first.font) is Glyph.MARKER if is_symbol_font(first.font) else is_text_marker(head)
        if marker and head in DASHES and pieces[1].bbox[0] - first.bbox[2] < _DASH_MARKER_GAP * first.size:
            marker = False  # a dash a word space from its text begins a wrapped line, not a list item
        if marker:
            pieces = pieces[1:]
    elif len(head) > 2 and head[1] in " \t" and head[0] not in DASHES and is_text_marker(head[0]) \
            and not is_symbol_font(first.font):
        marker = True
        pieces = [Piece(head[2:].lstrip(), first.bbox, first.size, first.font, first.bold, first.region,
                        first.baseline), *pieces[1:]]
    words = [p for p in pieces if not is_symbol_font(p.font)] or pieces
    if len(words) == 1:  # most lines are one run: spare the generators
        size, bold = words[0].size, words[0].bold
    else:
        size, bold = max(p.size for p in words), all(p.bold for p in words)
    return Line(pieces, bbox, size, bold, marker, pieces[0].bbox[0], words[0].baseline, _letter_gap(pieces))


def _text_margin(lines: list[Line], shape: Shape) -> float:
    """The right edge text wraps at inside a shape: its widest line, but no further than the
    shape's edge less the padding its text keeps on the left (a word too long for a narrow box
    runs over the edge, and does not widen the column)."""
    if not lines:
        return 0.0
    widest = max(line.bbox[2] for line in lines)
    padding = min(line.bbox[0] for line in lines) - shape.bbox[0]
    return min(widest, shape.bbox[2] - padding) if padding >= 0 else widest


def _paragraphs(lines: list[Line], margin: float = 0.0) -> list[Paragraph]:
    """Group lines into paragraphs; several columns may interleave, so each line looks for the
    open paragraph just above it that it overlaps horizontally. ``margin`` is the right edge of
    the text in the region the lines sit in (0: unknown, the paragraph's own widest line)."""
    paragraphs: list[Paragraph] = []
    for line in sorted(lines, key=lambda l: (l.baseline, l.bbox[0])):
        target = None
        for paragraph in reversed(paragraphs):
            if _continues(paragraph, line, margin):
                target = paragraph
                break
        if target is None:
            target = Paragraph()
            paragraphs.append(target)
        target.add(line)
    return paragraphs


def _continues(paragraph: Paragraph, line: Line, margin: float) -> bool:
    last, first = paragraph.lines[-1], paragraph.lines[0]
    if line.marker or line.bold != last.bold or abs(line.size - last.size) > 0.2 * last.size:
        return False
    if line.bbox[0] > last.bbox[2] or line.bbox[2] < last.bbox[0]:
        return False
    distance = line.baseline - last.baseline
    if not 0 < distance <= _LEADING * last.size:
        return False
    if len(paragraph.lines) > 1 and distance > _SPACING * (last.baseline - paragraph.lines[-2].baseline) + 0.5:
        return False  # wider than the paragraph's own line spacing: the space before a new one
    if first.marker and line.bbox[0] < first.text_x - 0.5 * line.size and not (
            len(paragraph.lines) == 1 and labels_in(f"{_plain(first)} {_plain(line)}")):
        return False  # back at the marker's margin: the list item has ended (not a label wrapped under its swatch)
    if _opens_with_dash(line) and _opens_with_dash(first):
        return False  # dash items set close to their text: each dash opens the next item
    return not _broken_early(last, line, max(margin, paragraph.bbox[2]))


def _plain(line: Line) -> str:
    """A line's text as its runs spell it (enough to tell a label)."""
    return "".join(piece.text for piece in line.pieces)


def _opens_with_dash(line: Line) -> bool:
    """Whether a line begins with a dash and a space ("– En fælles …"): a list item whose dash
    stands too close to be read as a marker — or a wrapped title's second half, which is why
    only a paragraph that itself began so is ended by one."""
    head = line.pieces[0].text.lstrip()
    return head[:1] != "" and head[0] in DASHES and (len(head) == 1 or head[1] == " ")


def _broken_early(last: Line, line: Line, right: float) -> bool:
    """Whether the line before ended although the next line's first word would have fitted on
    it: text wraps only when the next word does not fit, so such a break is a paragraph's end
    (paragraphs set without spacing between them are told apart this way)."""
    if last.pieces[-1].text.rstrip().endswith(("-", "‐")):
        return False
    word = _first_word_width(line)
    return word is not None and last.bbox[2] + _WORD_SPREAD * word + _FIT_SLACK * line.size < right


def _first_word_width(line: Line) -> float | None:
    """How wide the first word of a line is, whether it is drawn as one run, as part of a run,
    or letter by letter."""
    gap = line.letter_gap
    start = line.pieces[0].bbox[0]
    for index, piece in enumerate(line.pieces):
        text = piece.text.lstrip() if index == 0 else piece.text
        if not text:
            return None
        cut = text.find(" ")
        if cut >= 0:
            return (piece.bbox[2] - piece.bbox[0]) * cut / len(text) + piece.bbox[0] - start
        following = line.pieces[index + 1] if index + 1 < len(line.pieces) else None
        if following is None or following.bbox[0] - piece.bbox[2] > gap + 0.15 * piece.size:
            return piece.bbox[2] - start
    return None


def _xy_cut(units: list[tuple[BBox, list[Paragraph]]]) -> list[tuple[BBox, list[Paragraph]]]:
    """Reading order: cut at the widest clear gap, the part above before the part below, the
    left before the right, and order each part the same way.

    A gutter that runs the whole height of what is left is a column boundary, and wins over the
    space between paragraphs: the paragraphs of two columns line up by chance, and a cut there
    would read the columns' paragraphs alternately. Only a band gap several times wider than the
    gutter (a title over the columns) is cut first. One cut at a time, so that a footer across
    the page is cut off without slicing the columns above it into bands."""
    if len(units) <= 1:
        return units
    cuts: dict[int, tuple[float, int, list[tuple[BBox, list[Paragraph]]]]] = {}
    for axis in (1, 0):  # 1: horizontal cut (bands), 0: vertical cut (columns)
        ordered = sorted(units, key=lambda unit: unit[0][axis])
        reach = ordered[0][0][axis + 2]
        for index, unit in enumerate(ordered[1:], start=1):
            gap = unit[0][axis] - reach
            if gap > 0 and (axis not in cuts or gap > cuts[axis][0]):
                cuts[axis] = (gap, index, ordered)
            reach = max(reach, unit[0][axis + 2])
    if not cuts:
        return sorted(units, key=lambda unit: (unit[0][1], unit[0][0]))
    if 0 in cuts and 1 in cuts and _rows(cuts[0][2][:cuts[0][1]], cuts[0][2][cuts[0][1]:]):
        del cuts[0]  # a table of keys and values: read row by row, not column by column
    axis = 0 if 0 in cuts and cuts[0][0] * _BAND_OVER_GUTTER >= cuts.get(1, (0.0,))[0] else 1
    _, index, ordered = cuts[axis]
    return _xy_cut(ordered[:index]) + _xy_cut(ordered[index:])


def _parted_at_keys(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs outside any region, those of a borderless key/value table's value column parted
    at each key's row: the values' lines, set at one leading, run on from cell to cell ("Søren
    Bech Nielsen" / "34, heraf 6 faste nattevagter"), where a key standing level with a line
    says a new row begins. Keys are short paragraphs, three or more in a column left of the value
    with nothing but keys in it beside the value (a text column's topic headings have paragraphs
    between)."""
    keys = [paragraph for paragraph in paragraphs if len(paragraph.lines) <= 2
            and all(len(_plain(line).strip()) <= _KEY_LENGTH for line in paragraph.lines)]
    if len(keys) < _FORM_FIELDS - 1:
        return paragraphs
    key_ids = {id(key) for key in keys}
    parted: list[Paragraph] = []
    for paragraph in paragraphs:
        top, bottom = paragraph.bbox[1], paragraph.bbox[3]
        beside = [key for key in keys if key.bbox[2] < paragraph.bbox[0] and top - _EDGE <= key.bbox[1] <= bottom
                  and any(_level(key.lines[0].bbox, line.bbox) for line in paragraph.lines[1:])]
        cuts: list[int] = []
        for column in {round(key.bbox[0]) for key in beside}:
            among = [other for other in paragraphs if abs(other.bbox[0] - column) <= _EDGE
                     and other.bbox[1] <= bottom and other.bbox[3] >= top]
            if sum(abs(key.bbox[0] - column) <= _EDGE for key in keys) >= _FORM_FIELDS \
                    and all(id(other) in key_ids for other in among):
                cuts += [index for index, line in enumerate(paragraph.lines)
                         if index and any(_level(key.lines[0].bbox, line.bbox) for key in among)]
        if len(paragraph.lines) < 2 or not cuts:
            parted.append(paragraph)
            continue
        cuts = sorted(set(cuts))
        for start, end in zip([0, *cuts], [*cuts, len(paragraph.lines)]):
            row = Paragraph()
            for line in paragraph.lines[start:end]:
                row.add(line)
            parted.append(row)
    return parted


def _form_rows(bounds: BBox, names: list[Paragraph],
               free: list[tuple[BBox, list[Paragraph]]]) -> list[tuple[BBox, list[Paragraph]]]:
    """A form's rows, if a region's paragraphs are its field names: a shaded column of one- or
    two-line cells, most standing level with a value beside it outside any region. Each name
    and the values from its line down to the next name's make a row, read as one unit, so the
    fields pair with their values; the values are taken out of ``free``. Empty if no form."""
    if len(names) < _FORM_FIELDS or any(len(name.lines) > 2 for name in names):
        return []
    beside = [unit for unit in free if (unit[0][0] >= bounds[2] - _EDGE or unit[0][2] <= bounds[0] + _EDGE)
              and bounds[1] <= (unit[0][1] + unit[0][3]) / 2 <= bounds[3]]
    if sum(any(_level(name.bbox, value[0]) for value in beside) for name in names) < _ROW_SHARE * len(names):
        return []
    # a row starts half a name's height above it, and never above the row before it starts (a
    # tall name, a theme's big number, reaches higher than the small line over it)
    starts = list(itertools.accumulate((name.bbox[1] - 0.5 * (name.bbox[3] - name.bbox[1]) for name in names), max))
    rows = []
    for index, name in enumerate(names):
        top, bottom = starts[index], starts[index + 1] if index + 1 < len(names) else bounds[3]
        values = sorted((unit for unit in beside if top <= unit[0][1] < bottom), key=lambda unit: unit[0][1])
        paragraphs = [name] + [paragraph for _, found in values for paragraph in found]
        rows.append((_union(paragraph.bbox for paragraph in paragraphs), paragraphs))
        for unit in values:
            free.remove(unit)
    return rows


def _rows(left: list[tuple[BBox, list[Paragraph]]], right: list[tuple[BBox, list[Paragraph]]]) -> bool:
    """Whether two columns are the cells of table rows ("Dato | 28.9.2017"): most units on each
    side stand level with one on the other. Paragraphs of two text columns do not."""
    if len(left) < 2 or len(right) < 2:
        return False

    def paired(side: list, other: list) -> int:
        return sum(any(_level(unit[0], match[0]) for match in other) for unit in side)

    return paired(right, left) >= _ROW_SHARE * len(right) and paired(left, right) >= _ROW_SHARE * len(left)


def _level(a: BBox, b: BBox) -> bool:
    """Two units start on one line and overlap by half the lower one's height: one table row."""
    height = min(a[3] - a[1], b[3] - b[1])
    return abs(a[1] - b[1]) < 0.5 * height + 1 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5 * height


def _block(paragraph: Paragraph, page: PageContent, shapes: Sequence[Shape]) -> TextBlock | None:
    text_lines: list[str] = []
    bold_runs: list[str] = []
    run: list[str] = []
    fonts: dict[str, int] = {}  # characters per font, in order of appearance: the first wins a tie
    has_words, all_bold = False, True
    for line in paragraph.lines:
        parts: list[str] = []
        previous: Piece | None = None
        letter_gap = line.letter_gap
        for piece in line.pieces:
            text = piece.text
            symbol = is_symbol_font(piece.font)
            if symbol:
                glyph = classify(text.strip()[:1] or " ", piece.font)
                text = ARROW if glyph is Glyph.ARROW else "•"
            if previous is not None and _needs_space(previous, piece, parts[-1], text, letter_gap):
                parts.append(" ")
            parts.append(text)
            if not symbol:
                fonts[piece.font] = fonts.get(piece.font, 0) + len(text)
                has_words = True
                if piece.bold:
                    run.append(text)
                else:
                    all_bold = False
                    if run:
                        bold_runs.append(" ".join(" ".join(run).split()))
                        run = []
            previous = piece
        text_lines.append(" ".join("".join(parts).split()))
    if run:
        bold_runs.append(" ".join(" ".join(run).split()))
    text = "\n".join(line for line in text_lines if line)
    if not text:
        return None
    first = paragraph.lines[0]
    bold = has_words and all_bold
    index = first.pieces[0].region
    region = None
    if index >= 0:
        shape = shapes[index]
        region = Region(page.number * _REGIONS_PER_PAGE + index, shape.bbox, shape.fill)
    return TextBlock(
        text=text, page=page.number, bbox=paragraph.bbox, page_size=page.size,
        fill=region.fill if region else None, region=region, bold=bold,
        bold_phrases=() if bold else tuple(r for r in bold_runs if r),
        font=max(fonts, key=fonts.__getitem__) if fonts else first.pieces[0].font,
        size=round(first.size, 1), bullet=first.marker and not begins_with_label(text),  # a label's swatch: no item
    )


def _letter_gap(pieces: Sequence[Piece]) -> float:
    """The usual gap between the ink of neighbouring letters, where a producer draws a line
    letter by letter (a browser printing a web font): bounds are the letters' ink, so the gap
    between two letters of a word varies with their shapes, and only a gap clearly wider than
    the usual one is a space. 0 for lines drawn in runs of words."""
    if len(pieces) < 4:
        return 0.0
    singles = sum(len(piece.text.strip()) == 1 for piece in pieces)
    if singles < 4 or singles < len(pieces) / 2:
        return 0.0
    gaps = sorted(max(0.0, b.bbox[0] - a.bbox[2]) for a, b in zip(pieces, pieces[1:]) if not a.text.endswith(" "))
    return gaps[len(gaps) // 2] if gaps else 0.0


def _needs_space(previous: Piece, piece: Piece, before: str, text: str, letter_gap: float = 0.0) -> bool:
    if before.endswith(" ") or text.startswith(" "):
        return False
    # A ligature drawn as a run of its own ("de" "fi" "nitioner") has ink narrower than its advance,
    # and so has a narrow letter where a run of words is cut inside one ("ti" "l"): its side bearing
    # widens the gap. A line drawn letter by letter has the usual letter gap for that — but for a
    # "1", whose ink stands in a digit's full advance ("201" "7").
    share = _LIGATURE_GAP if previous.text in _LIGATURES or text in _LIGATURES else _WORD_GAP
    narrow = _TABULAR_NARROW if letter_gap else _NARROW
    share += _NARROW_BEARING * ((before[-1:] in narrow) + (text[:1] in narrow))
    return piece.bbox[0] - previous.bbox[2] > letter_gap + share * min(piece.size, previous.size)


def _union(boxes: Iterable[BBox]) -> BBox:
    x0s, y0s, x1s, y1s = zip(*boxes)
    return (min(x0s), min(y0s), max(x1s), max(y1s))
