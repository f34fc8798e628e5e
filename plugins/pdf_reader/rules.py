"""The cells of a table drawn as rules: each cell as a bordered shape of its own.

An office suite that exports a table without fills draws its borders as separate strokes or
thin bars — one per cell edge, or one per row of a column's edge — never as one rectangle per
cell. Without the cells, the text of side-by-side columns set a few points apart runs together
on shared baselines. A cell is the space between two vertical rules where horizontal rules run
across it above and below; its text then sits in it as in any bordered box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from kvalitet_plugins.pdf_reader.objects import BBox, Shape

_THIN = 6.0
"""Points a rule is at most thick (a stroke's bounds include its width)."""
_LONG = 12.0
"""Points a rule is at least long: shorter strokes are underlines, ticks and marks."""
_TOUCH = 3.0
"""Points within which two rules meet or continue each other."""
_MOST_RULES = 400
"""A page with more rules than this is a drawing or a chart, not a table; its rules make no cells."""
_MIN_CELL = 12.0
"""Points a cell is at least wide and high."""


@dataclass(slots=True)
class _Rule:
    at: float
    """The rule's centre across its length: x of a vertical rule, y of a horizontal one."""
    start: float
    end: float


def ruled_cells(shapes: Sequence[Shape], regions: Sequence[Shape]) -> list[Shape]:
    """The cells the page's rules enclose, less those a shape in ``regions`` already bounds (a
    shaded cell, a bordered box)."""
    verticals, horizontals = _rules(shapes)
    if not verticals or not horizontals or len(verticals) + len(horizontals) > _MOST_RULES:
        return []
    verticals.sort(key=lambda rule: rule.at)
    cells = []
    for index, left in enumerate(verticals):
        open_spans = [(left.start, left.end)]
        for right in verticals[index + 1:]:
            if right.at - left.at < _MIN_CELL or not open_spans:
                continue
            shared = [(max(top, right.start), min(bottom, right.end)) for top, bottom in open_spans]
            for top, bottom in shared:
                if bottom - top >= _MIN_CELL:
                    cells.extend(_rows(left.at, right.at, top, bottom, horizontals))
            open_spans = [piece for span in open_spans for piece in _less(span, (right.start, right.end))]
    known = [region.bbox for region in regions]
    return [Shape(cell, None, True) for cell in cells if not any(_same(cell, bbox) for bbox in known)]


def _rules(shapes: Sequence[Shape]) -> tuple[list[_Rule], list[_Rule]]:
    """The page's vertical and horizontal rules, those that continue each other joined."""
    verticals, horizontals = [], []
    for shape in shapes:
        x0, y0, x1, y1 = shape.bbox
        if shape.fill is None and not shape.stroked:
            continue
        if x1 - x0 <= _THIN and y1 - y0 >= _LONG:
            verticals.append(_Rule((x0 + x1) / 2, y0, y1))
        elif y1 - y0 <= _THIN and x1 - x0 >= _LONG:
            horizontals.append(_Rule((y0 + y1) / 2, x0, x1))
    return _joined(verticals), _joined(horizontals)


def _joined(rules: list[_Rule]) -> list[_Rule]:
    """Rules on one line that meet or overlap, as one (a column's edge drawn row by row)."""
    joined: list[_Rule] = []
    for rule in sorted(rules, key=lambda rule: (round(rule.at / _TOUCH), rule.start)):
        last = joined[-1] if joined else None
        if last and abs(last.at - rule.at) <= _TOUCH and rule.start <= last.end + _TOUCH:
            last.end = max(last.end, rule.end)
        else:
            joined.append(_Rule(rule.at, rule.start, rule.end))
    return joined


def _rows(left: float, right: float, top: float, bottom: float, horizontals: list[_Rule]) -> list[BBox]:
    """The cells of the strip between two vertical rules: cut by every horizontal rule that runs
    across the whole strip, and bounded above and below by one (two columns' edges alone, with
    nothing across, enclose no cell)."""
    across = sorted(rule.at for rule in horizontals
                    if rule.start <= left + _TOUCH and rule.end >= right - _TOUCH
                    and top - _TOUCH <= rule.at <= bottom + _TOUCH)
    return [(left, upper, right, lower) for upper, lower in pairwise(across) if lower - upper >= _MIN_CELL]


def _less(span: tuple[float, float], cut: tuple[float, float]) -> list[tuple[float, float]]:
    """What of ``span`` lies outside ``cut``."""
    (top, bottom), (start, end) = span, cut
    if end <= top or start >= bottom:
        return [span]
    return [piece for piece in ((top, start), (end, bottom)) if piece[1] - piece[0] >= _MIN_CELL]


def _same(a: BBox, b: BBox) -> bool:
    return all(abs(a[i] - b[i]) <= 2 * _TOUCH for i in range(4))
