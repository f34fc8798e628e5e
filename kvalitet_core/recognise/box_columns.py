"""A box's text set in columns side by side: read column by column, not line across line.

A template may set a box's text in two columns (CSS ``column-count``, a Word section of two
columns inside the box). Read top to bottom, the lines of the two columns alternate and every
paragraph is torn apart. The columns show as a gutter: an upright strip that no block of the
box crosses, with text on both sides over the same height. Blocks that cross it (a heading
across the box, a paragraph under the columns) stand above or below the columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from kvalitet_core.recognise.blocks import BBox

MIN_WORDS = 3
"""Words a block needs to count as running text: a column holds at least one such block each
side of the gutter (a bullet, a number, a lone word or a label at a tab stop beside a text is
no column)."""


def column_order(bounds: Sequence[BBox], texts: Sequence[str]) -> tuple[list[int], set[int]]:
    """The reading order of one page's blocks of one box (their indexes), and the blocks that
    open a column after the first (where a paragraph may carry on from the column before).
    Without a gutter: top to bottom, then left to right."""
    order = sorted(range(len(bounds)), key=lambda index: (round(bounds[index][1]), bounds[index][0]))
    gutter = _gutter(bounds, texts, order)
    if gutter is None:
        return order, set()
    left = [index for index in order if bounds[index][2] <= gutter]
    right = [index for index in order if bounds[index][0] >= gutter]
    crossing = [index for index in order if bounds[index][2] > gutter > bounds[index][0]]
    top = min(bounds[index][1] for index in left + right)
    above = [index for index in crossing if bounds[index][1] < top]
    below = [index for index in crossing if bounds[index][1] >= top]
    rest, opens = column_order([bounds[index] for index in right], [texts[index] for index in right])
    return above + left + [right[index] for index in rest] + below, {right[0], *(right[index] for index in opens)}


def _gutter(bounds: Sequence[BBox], texts: Sequence[str], order: list[int]) -> float | None:
    """The x of a gutter between two columns of the blocks, or None. Candidates are the gaps
    right of each block; a gutter has running text on both sides over a shared height, and the
    blocks that cross it stand wholly above or below that height."""
    for candidate in sorted({bounds[index][2] for index in order}):
        right_edge = min((bounds[index][0] for index in order if bounds[index][0] >= candidate), default=None)
        if right_edge is None or right_edge <= candidate:
            continue
        x = (candidate + right_edge) / 2
        left = [index for index in order if bounds[index][2] <= x]
        right = [index for index in order if bounds[index][0] >= x]
        if not (_running(left, texts) and _running(right, texts)):
            continue
        low = max(min(bounds[index][1] for index in left), min(bounds[index][1] for index in right))
        high = min(max(bounds[index][3] for index in left), max(bounds[index][3] for index in right))
        if high <= low:
            continue  # one side above the other: blocks beside a gap, not columns
        top = min(bounds[index][1] for index in left + right)
        bottom = max(bounds[index][3] for index in left + right)
        crossing = [index for index in order if bounds[index][2] > x > bounds[index][0]]
        if all(bounds[index][3] <= top or bounds[index][1] >= bottom for index in crossing):
            return x
    return None


def _running(indexes: list[int], texts: Sequence[str]) -> bool:
    return any(len(texts[index].split()) >= MIN_WORDS for index in indexes)
