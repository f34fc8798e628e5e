"""A table that draws only the rows on screen, so a thousand rows refilter per keystroke.

Textual's DataTable measures every cell of every row it is given, which costs about half a
second for a thousand rows: too slow to refill the library table on each filter keystroke. This
table has fixed column widths and renders through the Line API (``render_line`` for the visible
lines only, as toolong's log view does), so replacing its rows costs nothing until they are drawn.
It keeps the small part of DataTable's interface the screens use: ``cursor_row``, ``row_count``,
``move_cursor``, ``get_row_at``, and RowSelected/HeaderSelected messages. A row may also be a
:class:`Heading`, one label across the table, so that rows can be shown in groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CELL_PADDING = 1


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    width: int
    justify: Literal["left", "right", "center"] = "left"


@dataclass(frozen=True, slots=True)
class Heading:
    """A row drawn as one label across every column, in the heading style: a group's title."""

    text: str


Row = Sequence[str] | Heading
"""A row of cells, one per column, or a heading."""


def fit(text: str, width: int, justify: str) -> str:
    """The text cut or padded to exactly ``width`` cells; a cut text ends in '…'."""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…" if width > 1 else set_cell_size(text, width)
    pad = width - cell_len(text)
    if justify == "center":
        return " " * (pad // 2) + text + " " * (pad - pad // 2)
    return " " * pad + text if justify == "right" else text + " " * pad


class FastTable(ScrollView, can_focus=True):
    """Rows of text under a fixed header; a row cursor moved by keys (vim's too) or the mouse."""

    BINDINGS: ClassVar = [
        Binding("enter", "select", "Open", id="table.open"),
        Binding("up,k", "cursor(-1)", "Cursor up", show=False, id="table.up"),
        Binding("down,j", "cursor(1)", "Cursor down", show=False, id="table.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.page_down"),
        Binding("home,g", "ends(0)", "First row", show=False, id="table.first"),
        Binding("end,G", "ends(1)", "Last row", show=False, id="table.last"),
        Binding("left,h", "column(-1)", "Left", show=False, id="table.left"),
        Binding("right,l", "column(1)", "Right", show=False, id="table.right"),
    ]
    COMPONENT_CLASSES: ClassVar = {"fast-table--header", "fast-table--cursor", "fast-table--even",
                                   "fast-table--heading"}
    DEFAULT_CSS = """
    FastTable { background: $surface; }
    FastTable > .fast-table--header { text-style: bold; background: $panel; color: $foreground; }
    FastTable > .fast-table--cursor { background: $block-cursor-blurred-background; }
    FastTable:focus > .fast-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground;
                                            text-style: bold; }
    FastTable > .fast-table--even { background: $surface-lighten-1 40%; }
    FastTable > .fast-table--heading { text-style: bold; background: $primary 25%; }
    """

    cursor_row: reactive[int] = reactive(0, init=False)
    cursor_column: reactive[int] = reactive(0, init=False)
    """The cell cursor's column, in cell mode; rows are selected whole otherwise."""

    class RowSelected(Message):
        """Enter, or a click on the row under the cursor."""

        def __init__(self, table: FastTable, index: int, column: int = 0) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = index
            self.cursor_column = column

        @property
        def control(self) -> FastTable:
            return self.table

    class HeaderSelected(Message):
        """A click on a column's header."""

        def __init__(self, table: FastTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.column_key = key

        @property
        def control(self) -> FastTable:
            return self.table

    def __init__(self, columns: Sequence[Column], *, cells: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.cells = cells
        """Whether the cursor is on one cell (left/right move it) rather than on a whole row."""
        self.rows: list[Row] = []
        self.sort_marker: tuple[str, bool] | None = None
        """The column the rows are sorted by and whether in reverse: its header shows ↑ or ↓."""
        self.empty_text = ""
        """Shown on the first row when there are no rows."""
        self._width = sum(column.width + 2 * CELL_PADDING for column in self.columns)

    # -- the DataTable-like interface --------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def get_row_at(self, index: int) -> Row:
        return self.rows[index]

    def set_rows(self, rows: Sequence[Row], cursor_row: int = 0) -> None:
        """Replace every row; only what is on screen is drawn."""
        self.rows = list(rows)
        self.virtual_size = Size(self._width, len(self.rows) + 1)
        self.set_reactive(FastTable.cursor_row, max(0, min(cursor_row, len(self.rows) - 1)))
        self._keep_cursor_visible()
        self.refresh()

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        del animate  # moves are instant; the keyword matches DataTable's
        self.cursor_row = max(0, min(row, len(self.rows) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._keep_cursor_visible()
        self.refresh()

    def watch_cursor_column(self, old: int, new: int) -> None:
        self.refresh()

    # -- drawing -----------------------------------------------------------------------------

    def _keep_cursor_visible(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        row = self.cursor_row
        if row < self.scroll_y:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= self.scroll_y + visible:
            self.scroll_to(y=row - visible + 1, animate=False, immediate=True)

    def _line(self, cells: Sequence[str], style: Style, cursor_style: Style | None = None,
              cursor_column: int = -1) -> Strip:
        pieces = [" " * CELL_PADDING + fit(cell, column.width, column.justify) + " " * CELL_PADDING
                  for column, cell in zip(self.columns, cells)]
        if cursor_style is None or not 0 <= cursor_column < len(pieces):
            text = "".join(pieces)
            return Strip([Segment(text, style)], cell_len(text))
        before, cell, after = "".join(pieces[:cursor_column]), pieces[cursor_column], "".join(pieces[cursor_column + 1:])
        segments = [Segment(before, style), Segment(cell, style + cursor_style), Segment(after, style)]
        return Strip(segments, cell_len(before) + cell_len(cell) + cell_len(after))

    def _heading(self, heading: Heading, style: Style) -> Strip:
        text = " " * CELL_PADDING + fit(heading.text, self._width - 2 * CELL_PADDING, "left") + " " * CELL_PADDING
        return Strip([Segment(text, style)], cell_len(text))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = self.scroll_offset
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("fast-table--header")
            labels = [column.label + (" ↓" if self.sort_marker[1] else " ↑")
                      if self.sort_marker and column.key == self.sort_marker[0] else column.label
                      for column in self.columns]
            strip = self._line(labels, base + header)
        else:
            index = scroll_y + y - 1
            if index >= len(self.rows):
                if index == 0 and self.empty_text:
                    return Strip([Segment(" " + self.empty_text, base + Style(italic=True))]).crop_extend(0, width, base)
                return Strip.blank(width, base)
            row = self.rows[index]
            style = base
            if isinstance(row, Heading):
                style += self.get_component_rich_style("fast-table--heading")
            elif index % 2:
                style += self.get_component_rich_style("fast-table--even")
            cursor = self.get_component_rich_style("fast-table--cursor") if index == self.cursor_row else None
            if isinstance(row, Heading):
                strip = self._heading(row, style + cursor if cursor else style)
            elif cursor is not None and self.cells:
                strip = self._line(row, style, cursor, self.cursor_column)
            else:
                strip = self._line(row, style + cursor if cursor else style)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    # -- actions and mouse -------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self.move_cursor(row=self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(row=self.cursor_row + step * max(1, self.scrollable_content_region.height - 2))

    def action_ends(self, end: int) -> None:
        self.move_cursor(row=(len(self.rows) - 1) * end)

    def action_column(self, step: int) -> None:
        if self.cells:
            self.cursor_column = max(0, min(self.cursor_column + step, len(self.columns) - 1))
        else:
            self.scroll_relative(x=step * 4, animate=False)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self.cursor_row, self.cursor_column))

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            number = self._column_at(offset.x + self.scroll_offset.x)
            if number is not None:
                self.post_message(self.HeaderSelected(self, self.columns[number].key))
            return
        index = self.scroll_offset.y + offset.y - 1
        column = self._column_at(offset.x + self.scroll_offset.x)
        if index < len(self.rows):
            if index == self.cursor_row and (not self.cells or column == self.cursor_column):
                self.action_select()
            else:
                self.move_cursor(row=index)
                if self.cells and column is not None:
                    self.cursor_column = column

    def _column_at(self, x: int) -> int | None:
        for number, column in enumerate(self.columns):
            x -= column.width + 2 * CELL_PADDING
            if x < 0:
                return number
        return None
