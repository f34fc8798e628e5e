"""Side-by-side boxes of a layout-preserving text dump, put one after the other.

``pdftotext -layout`` keeps a page's geometry by padding with spaces: the grey and the purple
box (or a side box beside the method text) share the same lines, separated by wide runs of
spaces. Read line by line, that interleaves two boxes sentence by sentence. Here each page's
lines are cut at wide runs of spaces into cells; the positions where cells start again and
again on the page are its columns; every cell goes to the column it starts in, and each band
of columns is written out column after column — the order a box-by-box extractor gives.

A line that starts in the first column and runs across the next one (running text over the
whole page width) ends a band, and a line of nothing but box labels opens one (unless text goes
on beside it): a box set below boxes side by side (a yellow box across the page's width) comes
after all of them. A cell's indent inside its column is kept, so a hanging indent still reads
as one. A page without recurring columns is returned unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from kvalitet_core.recognise.anatomy import labels_in, part_heading, run_in_lines
from kvalitet_core.recognise.glyphs import is_lone_bullet
from kvalitet_core.recognise.text_lines import SENTENCE_END

_CELL = re.compile(r"\S+(?: {1,2}\S+)*")
"""A run of text whose words are at most two spaces apart: wider gaps separate columns."""
_WIDE_GAP = re.compile(r"\S {3,}\S")
"""Text, a wide gap, text: a line that may hold two columns (most lines of most dumps do not)."""
ALIGN = 3
"""Characters by which a cell may start left of its column (kerning, a bullet hung outside)."""
INDENT = 6
"""Characters right of a column's start within which a cell still starts that column (a list
item's hanging indent), not a new one."""
LOOKAHEAD = 3
"""Lines below a line of labels that tell whether text beside it goes on."""
MIN_REPEATS = 2
"""Lines on which a column must start before it counts as one."""
NEAR = 2
"""Lines below a cell whose text tells whether it stands inside another column."""


def _cells(line: str) -> list[tuple[int, str]]:
    """(start, text) of each run of text between wide gaps; a lone bullet joins the text after it.
    A line printed letter-spaced ("V I   TA LT E   O M", "T E M A   1") is one cell, not a run per word."""
    cells: list[tuple[int, str]] = []
    for match in _CELL.finditer(line):
        if cells and is_lone_bullet(cells[-1][1]):
            cells[-1] = (cells[-1][0], f"{cells[-1][1]} {match.group()}")
        else:
            cells.append((match.start(), match.group()))
    if len(cells) > 1 and len(line) <= SPACED_LABEL_LINE and (_letter_spaced(line) or (
            labels_in(line) and not all(labels_in(text) for _, text in cells))):
        return [(cells[0][0], line.strip())]
    return cells


def _letter_spaced(line: str) -> bool:
    """Whether a line is letter-spaced capitals ("T E M A   1"): pieces of two characters at most."""
    pieces = line.split()
    return len(pieces) >= 3 and all(len(piece) <= 2 for piece in pieces)


SPACED_LABEL_LINE = 200
"""Characters beyond which a line is not tried as one letter-spaced label."""


def cell_starts(lines: Sequence[str]) -> tuple[Counter[int], Counter[int]]:
    """Where cells start on some lines: after a gap, and after a gap or an indent."""
    after_gap: Counter[int] = Counter()
    anywhere: Counter[int] = Counter()
    for line in lines:
        for number, (start, _) in enumerate(_cells(line)):
            if number or start > ALIGN:
                anywhere[start] += 1
            if number:
                after_gap[start] += 1
    return after_gap, anywhere


def column_starts(lines: Sequence[str], document: Counter[int] | None = None) -> list[int]:
    """Where the columns of a page start: positions where a cell begins after a gap on one line
    and, on at least :data:`MIN_REPEATS` lines of the page (or of the whole ``document``: a
    template's columns stand where they stood on the other pages), after a gap or an indent —
    a box's label beside another, then its text alone on later lines. A label after a gap
    starts a column once: the label of an empty box beside another. Positions up to
    :data:`INDENT` right of a column's start are that column."""
    after_gap, anywhere = cell_starts(lines)
    labelled = {start for line in lines for number, (start, text) in enumerate(_cells(line))
                if number and labels_in(text)}
    groups: list[list[int]] = []
    for position in sorted(anywhere):
        if groups and position - groups[-1][0] <= INDENT:
            groups[-1].append(position)
        else:
            groups.append([position])

    def repeated(group: list[int]) -> bool:
        seen = sum(anywhere[p] for p in group)
        elsewhere = sum(document[p] for p in range(group[0] - ALIGN, group[0] + INDENT + 1)) if document else 0
        return seen >= MIN_REPEATS or elsewhere > seen or not labelled.isdisjoint(group)

    starts = [group[0] for group in groups if any(after_gap[p] for p in group) and repeated(group)]
    rows = [_cells(line) for line in lines] if len(starts) > 1 else []
    return [start for start in starts if start == starts[0] or not _inside_text(rows, start, starts[0])]


def _inside_text(rows: list[list[tuple[int, str]]], start: int, first: int) -> bool:
    """Whether cells starting at ``start`` stand inside the text of a column to its left (the
    ``first`` column beside the page's left one, or a later one): the lines just below them run
    across ``start`` as often as cells start there. That is a heading centred over its box's
    text (each box's heading centred, so at places the other pages share), not a column. (A
    line from the page's left margin across it is a box's below a badge beside its title.)
    ``rows`` holds each line's cells."""
    own = {number for number, row in enumerate(rows) if any(start - ALIGN <= at <= start + INDENT for at, _ in row)}
    below = {line for number in own for line in range(number + 1, number + NEAR + 1) if line < len(rows)} - own
    crossing = sum(any(first - ALIGN <= at < start - ALIGN and at + len(text) > start for at, text in rows[line])
                   for line in below)
    return crossing >= len(own)


def _column(start: int, bounds: Sequence[int]) -> int:
    return max(i for i, bound in enumerate(bounds) if bound <= start + ALIGN)


def _beside(lines: Sequence[str], number: int, cells: list[tuple[int, str]], bounds: Sequence[int]) -> bool:
    """Whether text in other columns goes on next to a line of labels (a box's label printed
    beside a box whose text continues): then the label opens no new band."""
    own = {_column(start, bounds) for start, _ in cells}
    following = [found for found in map(_cells, lines[number + 1:number + 1 + LOOKAHEAD]) if found]
    return any(_column(start, bounds) not in own for found in following for start, _ in found)


def _labels_over_columns(lines: Sequence[str], starts: list[int]) -> list[int]:
    """Column starts without those where only labels start over the text of a column to their
    left: a label centred above its box stands right of where the box's text begins. Of the
    labels of one line over one column of text, the first is that column's; another one, or one
    beside that column's text on its line, is an empty box's and keeps its own column."""
    bounds = [0, *starts]
    rows = [[(_column(start, bounds), start, text) for start, text in _cells(line)] for line in lines]
    texts = {column for row in rows for column, _, text in row
             if not labels_in(text) and any(letter.isalpha() for letter in text)}  # not a page number
    text_bounds = [bound for column, bound in enumerate(bounds) if column in texts or not column]
    over: set[int] = set()
    for row in rows:
        headed = {_column(start, text_bounds) for _, start, text in row if not labels_in(text)}
        for column, start, text in row:
            if labels_in(text):
                home = _column(start, text_bounds)
                if home not in headed and column not in texts:
                    over.add(column)
                headed.add(home)
    return [start for column, start in enumerate(starts, 1) if column not in over]


THEME_LINE = re.compile(r"^\s*tema\s+\d", re.IGNORECASE)
"""A line that opens with a theme's label ("Tema 2: …"): a new theme page's, never a box's run-on."""


def carry_over(previous: Sequence[str], page: Sequence[str], document: Counter[int] | None = None,
               ) -> tuple[list[str], list[str]]:
    """A theme page's box broken over the next page's top, given back to it: the next page's
    lines before its first label, theme line or part heading, when each of their cells starts
    where lines of ``previous`` start, in a column that holds a box label and whose text there
    ends no sentence — or in any such column when the next page has no label at all. Appended
    to ``previous``, they keep their indent, so the page's columns take them in (in a layout
    dump the rest of a broken box stands at the next page's top, without a label)."""
    starts = _labels_over_columns(previous, column_starts(previous, document))
    bounds = [0, *starts]
    last: dict[int, str] = {}
    boxed: set[int] = set()
    seen: set[int] = set()
    for line in previous:
        for start, text in _cells(line):
            column = _column(start, bounds)
            if labels_in(text):
                boxed.add(column)
            last[column] = text
            seen.add(start)
    labelled = any(labels_in(text) for line in page for _, text in _cells(line))
    open_boxes = {column for column in boxed if not labelled or not last[column].rstrip().endswith(SENTENCE_END)}
    if not starts or not open_boxes:
        return list(previous), list(page)
    realigned = _realigned(page, bounds, seen)
    taken = 0
    for line in realigned:
        cells = _cells(line)
        if cells and (_opens_text(line) or not all(_column(start, bounds) in open_boxes
                                                   and any(abs(start - at) <= ALIGN for at in seen) for start, _ in cells)):
            break
        taken += 1
    if not any(line.strip() for line in page[:taken]):
        return list(previous), list(page)
    return [*previous, *realigned[:taken]], list(page[taken:])


def _opens_text(line: str) -> bool:
    """Whether a line opens a page's own text: a theme line, a part heading or a box label
    (alone or run in before its text)."""
    return bool(THEME_LINE.match(line) or part_heading(line) or any(
        labels_in(text) or run_in_lines([text]) for _, text in _cells(line)))


def _realigned(page: Sequence[str], bounds: Sequence[int], seen: set[int]) -> list[str]:
    """The page with its top lines (those before a label, theme line or heading) moved to where
    the previous page's columns start, when they stand in as many columns as it has but
    elsewhere: a layout dump places each page's text from that page's own extent, so the rest
    of a box broken over a page can stand columns away from where its box began."""
    top = next((number for number, line in enumerate(page) if _opens_text(line)), len(page))
    groups: list[list[int]] = []
    for start in sorted({start for line in page[:top] for start, _ in _cells(line)}):
        if groups and start - groups[-1][-1] <= INDENT:
            groups[-1].append(start)
        else:
            groups.append([start])
    if len(groups) != len(bounds) or all(any(abs(group[0] - at) <= ALIGN for at in seen) for group in groups):
        return list(page)
    homes = [min(at for at in seen if _column(at, bounds) == column) for column in range(len(bounds))]
    shift = {start: home - group[0] for group, home in zip(groups, homes) for start in group}
    moved = []
    for line in page[:top]:
        out = ""
        for start, text in _cells(line):
            at = start + shift[start]
            out += " " * (at - len(out) if at - len(out) >= 3 or not out else 3) + text
        moved.append(out)
    return [*moved, *page[top:]]


def unweave_page(lines: Sequence[str], document: Counter[int] | None = None,
                 running: Callable[[str], bool] = lambda _: False) -> list[str]:
    """A page's lines with side-by-side columns written one after the other (see the module);
    ``document`` counts where cells start on all pages (:func:`cell_starts`). A ``running`` line
    (a header or footer) ends a band and stays whole, unless its pieces stand in one column (a
    theme's badge beside its title, at the top of each page, is the page's own)."""
    if not any(_WIDE_GAP.search(line) for line in lines):
        return list(lines)
    starts = _labels_over_columns(lines, column_starts(lines, document))
    if not starts:
        return list(lines)
    bounds = [0, *starts]
    out: list[str] = []
    band: list[list[str]] = [[] for _ in bounds]

    def flush() -> None:
        for column in band:
            if any(text.strip() for text in column):
                out.extend(column)
                out.append("")
            column.clear()

    for number, line in enumerate(lines):
        cells = _cells(line)
        if not cells:
            for column in band:
                column.append("")
            continue
        start, text = cells[0]
        across = running(line) and (len(cells) == 1 or len({_column(at, bounds) for at, _ in cells}) > 1)
        if across or (len(cells) == 1 and start < starts[0] - ALIGN and start + len(text) > starts[0] + ALIGN):
            flush()
            out.append(line.rstrip())
            continue
        if all(labels_in(cell) for _, cell in cells) and not _beside(lines, number, cells, bounds):
            flush()  # a box begins below the ones beside each other: its label opens a band
        for start, text in cells:
            index = _column(start, bounds)
            indent = start - bounds[index]
            band[index].append(" " * indent + text if indent >= 2 else text)
    flush()
    return out
