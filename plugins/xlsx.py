"""Excel exporter: the visits as one workbook, for the staff who do their analysis in Excel.

Three sheets:

``Visits``
    The ``visits`` table: one row per visit (the CSV's ``--table visits`` columns).
``Items``
    The ``items`` table: one row per box item (the CSV's default table); the ``box`` cell of a
    grey, purple or yellow box item is filled in the box's colour.
``Themes``
    The theme × visit matrix: one row per visit, one column per theme (in the order of the
    visits' quality models, then of the reports' pages), each cell the number of
    focus areas the purple box names on the theme's pages (blank where the report has no page
    for the theme), filled purple where there are focus areas, yellow where the box only
    refers to other themes and grey where it says there was no feedback. ``no_feedback`` and
    ``cross_references`` spell out the last two as text.

Every sheet has a frozen header row, an autofilter, wrapped text and set column widths; dates
are Excel dates, counts numbers. No cell is a formula: text is always written as text, and the
writer's own conversion of text to formulas, numbers and links is off, so a heading that reads
``=SUM(1)`` stays those seven characters. Text over Excel's limit of 32,767 characters per cell
is cut with a marker that gives the full length, and the cell carries a comment saying so.

Workers reduce each visit to its rows (``render_part``); the main process writes the workbook
in one pass over them, in XlsxWriter's constant-memory mode, which flushes each sheet's rows to
a temporary file as they come, so memory stays flat however many visits go in. That mode needs
each sheet's rows in order: ``Visits`` and ``Items`` are filled side by side, while the rows of
``Themes`` wait in a temporary file until the last visit has named every theme (its columns).
The workbook's creation date is fixed, so the same visits always give the same bytes.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, BinaryIO

from kvalitet_core import (
    ITEM_COLUMNS,
    VISIT_COLUMNS,
    BoxKind,
    CellValue,
    KvalitetError,
    Options,
    PartsExporter,
    PluginHost,
    UsageError,
    Visit,
    hookimpl,
    item_rows,
    theme_cells,
    visit_row,
)

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

SHEET_NAMES = ("Visits", "Items", "Themes")
"""The sheets in workbook order (Excel allows 31 characters)."""
MATRIX_LEAD = ("visit_id", "offer", "unit", "visit_date", "assessment")
MATRIX_TAIL = ("no_feedback", "cross_references")
CELL_LIMIT = 32_767
"""Excel's most characters in one cell."""
ROW_LIMIT = 1_048_576
"""Excel's most rows in one sheet, the header included."""
CREATED = datetime(2000, 1, 1)
"""The creation date every workbook carries, instead of the time of writing: same input, same bytes."""
FOCUS_COLOUR, CROSS_COLOUR, NO_FEEDBACK_COLOUR = (kind.colour for kind in
                                                  (BoxKind.POINTS_TO, BoxKind.SUGGESTIONS, BoxKind.TALKED_ABOUT))
"""The matrix's states in the box colours the HTML index uses for them."""
WIDTHS = {"visit_id": 30, "offer": 24, "unit": 20, "organisation": 24, "visit_date": 11, "time_range": 11,
          "auditors": 28, "employees_total": 10, "spoke_with": 40, "assessment": 36, "source": 30, "section": 8,
          "themes": 8, "box": 18, "item": 6, "heading": 32, "text": 90, "no_feedback": 14, "cross_references": 24}
"""Column widths in characters; a theme column of the matrix is narrow (``THEME_WIDTH``)."""
THEME_WIDTH = 9
_WORKBOOK_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                     "strings_to_numbers": False}
_BOX = ITEM_COLUMNS.index("box")
_LEGEND = ("Focus areas: the purple box's items with feedback of their own. Purple: focus areas; yellow: "
           "refers to other themes (cross_references); grey: no feedback (no_feedback); no fill: an empty "
           "box; an empty cell: the report has no page for the theme.")


@dataclass(frozen=True, slots=True)
class ThemeFigures:
    """One theme's cell of a visit's matrix row."""

    theme: str
    focus_areas: int
    no_feedback: bool
    cross_references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Part:
    """What a worker makes of one visit: its rows of the three sheets, small and picklable."""

    visit: tuple[CellValue, ...]
    items: list[tuple[CellValue, ...]]
    matrix_lead: tuple[CellValue, ...]
    themes: list[ThemeFigures]
    """In the quality model's order, themes it does not know after them in page order."""


class XlsxExporter(PartsExporter):
    """Writes visits as one Excel workbook: the visits and items tables and the theme matrix."""

    name = "xlsx"
    version = "1"
    extension = ".xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def __init__(self, host: PluginHost) -> None:
        self.host = host

    def render_part(self, visit: Visit, options: Options) -> bytes:
        model = self.host.quality_model(visit.quality_model)
        rank = {theme: number for number, theme in enumerate(model.theme_ids if model else ())}
        cells = theme_cells(visit)  # in page order, which the stable sort keeps for themes the model lacks
        themes = [ThemeFigures(theme, cells[theme].focus_areas, cells[theme].no_feedback,
                               tuple(cells[theme].cross_references))
                  for theme in sorted(cells, key=lambda theme: rank.get(theme, len(rank)))]
        lead = (visit.id, visit.offer, visit.unit, visit.visit_date, visit.assessment)
        return pickle.dumps(Part(visit_row(visit), list(item_rows(visit)), lead, themes), pickle.HIGHEST_PROTOCOL)

    def join_parts(self, parts: Iterable[bytes], stream: BinaryIO, options: Options) -> None:
        if stream.isatty():  # a zip's bytes would drive the terminal, which nothing printed may do
            raise UsageError("a workbook is binary: write it to a file (-o visits.xlsx), not to a terminal")
        import xlsxwriter  # here, not at the top: loading plugins for every command must stay cheap

        workbook = xlsxwriter.Workbook(stream, _WORKBOOK_OPTIONS)
        workbook.set_properties({"created": CREATED})
        styles = _Styles(workbook)
        visits = _Sheet(workbook.add_worksheet(SHEET_NAMES[0]), VISIT_COLUMNS, styles)
        items = _Sheet(workbook.add_worksheet(SHEET_NAMES[1]), ITEM_COLUMNS, styles)
        matrix = workbook.add_worksheet(SHEET_NAMES[2])  # added now: the sheets' order is the order added
        order: list[str] = []
        with tempfile.TemporaryFile(prefix="kvalitet-xlsx-") as waiting:
            for data in parts:
                part: Part = pickle.loads(data)
                visits.add(part.visit)
                for row in part.items:
                    items.add(row, {_BOX: styles.boxes.get(str(row[_BOX]), styles.text)})
                _merge_order(order, [figures.theme for figures in part.themes])
                pickle.dump((part.matrix_lead, part.themes), waiting, pickle.HIGHEST_PROTOCOL)
            waiting.seek(0)
            _write_matrix(_Sheet(matrix, (*MATRIX_LEAD, *(f"theme {t}" for t in order), *MATRIX_TAIL), styles),
                          order, _records(waiting), styles)
        visits.finish()
        items.finish()
        workbook.close()


class _Styles:
    """The workbook's cell formats, made once: a workbook holds each distinct format once."""

    def __init__(self, workbook: Workbook) -> None:
        base = {"valign": "top"}
        self.header = workbook.add_format({**base, "bold": True, "bottom": 1, "text_wrap": True})
        self.text = workbook.add_format({**base, "text_wrap": True})
        self.number = workbook.add_format(base)
        self.date = workbook.add_format({**base, "num_format": "yyyy-mm-dd"})
        self.boxes = {kind.value: workbook.add_format({**base, "text_wrap": True, "bg_color": kind.colour})
                      for kind in BoxKind}
        self.states = {colour: workbook.add_format({**base, "bg_color": colour})
                       for colour in (FOCUS_COLOUR, CROSS_COLOUR, NO_FEEDBACK_COLOUR)}

    def of(self, value: CellValue) -> Format:
        """The plain format of a value of this type."""
        if isinstance(value, date):
            return self.date
        return self.number if isinstance(value, int) else self.text


class _Sheet:
    """One worksheet filled row by row: a frozen header, set widths, an autofilter when done."""

    def __init__(self, worksheet: Worksheet, columns: Sequence[str], styles: _Styles) -> None:
        self.worksheet, self.columns, self.styles, self.row = worksheet, columns, styles, 1
        for number, column in enumerate(columns):
            worksheet.set_column(number, number, WIDTHS.get(column, THEME_WIDTH))
            worksheet.write_string(0, number, column, styles.header)
        worksheet.freeze_panes(1, 0)

    def add(self, values: Sequence[CellValue], formats: dict[int, Format] | None = None) -> None:
        """Write the next row; ``formats`` overrides the plain format of some columns."""
        if self.row >= ROW_LIMIT:
            raise KvalitetError(f"the sheet '{self.worksheet.name}' would have more than {ROW_LIMIT:,} rows, "
                                "Excel's limit: export fewer visits per workbook")
        for number, value in enumerate(values):
            style = (formats or {}).get(number) or self.styles.of(value)
            if isinstance(value, str):
                self._text(number, value, style)
            elif isinstance(value, date):
                self.worksheet.write_datetime(self.row, number, value, style)
            elif isinstance(value, int):
                self.worksheet.write_number(self.row, number, value, style)
        self.row += 1

    def _text(self, column: int, value: str, style: Format) -> None:
        """Text as a text cell; past Excel's limit cut, with a marker and a comment saying so."""
        if len(value) <= CELL_LIMIT:
            self.worksheet.write_string(self.row, column, value, style)
            return
        marker = f" … [cut: {len(value):,} characters, Excel holds {CELL_LIMIT:,}]"
        self.worksheet.write_string(self.row, column, value[:CELL_LIMIT - len(marker)] + marker, style)
        self.worksheet.write_comment(self.row, column, f"Cut at Excel's limit of {CELL_LIMIT:,} characters per "
                                     f"cell; the text has {len(value):,}. CSV and YAML keep all of it.")

    def finish(self) -> None:
        self.worksheet.autofilter(0, 0, self.row - 1, len(self.columns) - 1)


def _merge_order(order: list[str], themes: Sequence[str]) -> None:
    """Add a visit's themes (in its order) to the matrix's columns: each new theme right after
    the one before it in this visit, so that a theme the first visits lack still takes its place
    in the quality model's order."""
    after = -1
    for theme in themes:
        if theme in order:
            after = order.index(theme)
        else:
            after += 1
            order.insert(after, theme)


def _records(file: IO[bytes]) -> Iterator[tuple[tuple[CellValue, ...], list[ThemeFigures]]]:
    """The matrix rows parked in ``file``, one at a time."""
    while True:
        try:
            yield pickle.load(file)
        except EOFError:
            return


def _write_matrix(sheet: _Sheet, order: list[str], records: Iterable[tuple[tuple[CellValue, ...], list[ThemeFigures]]],
                  styles: _Styles) -> None:
    """The theme × visit rows: focus areas per theme, filled by what the purple box says."""
    if order:  # now: in constant-memory mode a row takes no more writes once the next one has begun
        sheet.worksheet.write_comment(0, len(MATRIX_LEAD), _LEGEND)
    for lead, themes in records:
        cells: list[CellValue] = [*lead, *([None] * len(order)), "; ".join(f.theme for f in themes if f.no_feedback),
                                  "; ".join(f"{f.theme} → {', '.join(f.cross_references)}"
                                            for f in themes if f.cross_references)]
        formats: dict[int, Format] = {}
        for figures in themes:
            column = len(lead) + order.index(figures.theme)
            cells[column] = figures.focus_areas
            colour = (FOCUS_COLOUR if figures.focus_areas else CROSS_COLOUR if figures.cross_references
                      else NO_FEEDBACK_COLOUR if figures.no_feedback else None)
            if colour:
                formats[column] = styles.states[colour]
        sheet.add(cells, formats)
    sheet.finish()


@hookimpl
def register_exporters(register, host):
    register(XlsxExporter(host))
