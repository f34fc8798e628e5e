"""The library screen: every visit of the library in a table, filtered as you type.

The table is filled from the index at once; the app's background refresh updates it (new,
changed and removed files) and fills in the columns that need each visit parsed. Files that
failed to import are listed below the table with their error, never hidden. Grouped by offer,
each offer's visits follow a heading with their number and dates; enter on a heading folds it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, ProgressBar, Static

from kvalitet_core.control_chars import visible
from kvalitet_tui.data import COLUMNS, OfferGroup, VisitRow, filter_rows, group_by_offer, sort_rows
from kvalitet_tui.screens.base import AppScreen
from kvalitet_tui.widgets.keybar import KeyBar
from kvalitet_tui.widgets.fast_table import Column, FastTable, Heading, Row
from kvalitet_tui.widgets.tables import VimTable

MARK = "●"
EDITED = "✎"
"""In the mark column of a visit that was edited and saved beside the document it came from."""
WIDTHS = {"offer": 20, "unit": 10, "visit_date": 10, "assessment": 26, "auditors": 24, "focus_areas": 5}
"""Column widths; longer values are cut with '…' (the filter still matches the whole value)."""
TABLE_COLUMNS = [Column("mark", MARK, 1),
                 *(Column(key, label, WIDTHS[key], "right" if key == "focus_areas" else "left")
                   for key, label in COLUMNS)]


class LibraryScreen(AppScreen):
    """The visits of the library; the starting point of every other screen."""

    AUTO_FOCUS = "#visits"

    BINDINGS = [
        Binding("enter", "open", "Open", id="library.open", priority=False),
        Binding("slash", "filter", "Filter", id="library.filter"),
        Binding("s", "sort", "Sort", id="library.sort", tooltip="Sort by the next column"),
        Binding("S", "sort_reverse", "Reverse", id="library.sort_reverse", show=False),
        Binding("o", "only_offer", "Only this offer", id="library.offer", show=False),
        Binding("O", "group", "Group by offer", id="library.group", show=False,
                tooltip="Each offer's visits under a heading; enter on a heading folds it"),
        Binding("t", "timeline", "Timeline", id="library.timeline"),
        Binding("space", "mark", "Mark", id="library.mark", tooltip="Mark two visits to compare them"),
        Binding("c", "compare", "Compare", id="library.compare"),
        Binding("f", "search", "Search", id="library.search"),
        Binding("m", "overview", "Matrix", id="library.overview"),
        Binding("r", "refresh", "Refresh", id="library.refresh", show=False),
        Binding("escape", "clear_filter", "Clear filter", id="library.clear", show=False),
        Binding("q", "app.quit", "Quit", id="library.quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_column = "visit_date"
        self.sort_reverse = False
        self.offer: str | None = None
        self.marked: list[int] = []
        self.grouped = False
        """Whether the visits are shown under their offers' headings."""
        self.folded: set[str] = set()
        """The offers whose visits are hidden under their heading (grouped only)."""
        self.shown: list[VisitRow] = []
        """The visits the filter lets through, in the order shown (folded ones included)."""
        self.lines: list[VisitRow | OfferGroup] = []
        """What each row of the table shows: a visit, or an offer's heading when grouped."""

    def compose(self) -> ComposeResult:
        yield Header()
        filter_input = Input(placeholder="/ to filter: words anywhere in a row", id="filter")
        filter_input.cursor_blink = self.kv.settings.cursor_blink
        yield filter_input
        yield FastTable(TABLE_COLUMNS, id="visits")
        failures = VimTable(id="failures", cursor_type="row")
        failures.border_title = "Failed to import"
        yield failures
        with Horizontal(id="status-bar"):
            yield Static(id="status")
            yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
        yield KeyBar()

    def on_mount(self) -> None:
        failures = self.query_one("#failures", DataTable)
        failures.add_column("File", key="path")
        failures.add_column("Error", key="error")
        self.watch(self.app, "data_version", self._data_changed)
        self.watch(self.app, "indexing", self._show_indexing)
        self.watch(self.app, "indexed", self._show_progress)

    # -- drawing -----------------------------------------------------------------------------

    def _data_changed(self) -> None:
        self.show_rows()
        self._show_failures()

    def show_rows(self) -> None:
        """Redraw the table from the app's rows with the current filter, offer, sort and grouping;
        the cursor stays on its visit (or heading), else on the heading its visit was folded under."""
        app = self.kv
        text = self.query_one("#filter", Input).value
        rows = sort_rows(filter_rows(app.rows, text, self.offer), self.sort_column, self.sort_reverse)
        table = self.query_one("#visits", FastTable)
        current = self.current_line()
        self.shown = rows
        self.lines = self._grouped_lines(rows) if self.grouped else rows
        ids = [_line_id(line) for line in self.lines]
        wanted = [] if current is None else [_line_id(current), current.offer]  # else its heading, if folded
        index = next((ids.index(want) for want in wanted if want in ids), 0)
        table.sort_marker = (self.sort_column, self.sort_reverse)
        table.empty_text = self._empty_text()
        table.set_rows([self._table_row(line) for line in self.lines], index)
        self._show_status()
        self.repaint_with_keystroke()

    def _empty_text(self) -> str:
        app = self.kv
        if app.rows:
            return "No visit matches the filter."
        if not app.indexing:
            return "No visits yet."
        count = f": {app.indexed[0]} of {app.indexed[1]} files" if app.indexed else ""
        return f"Indexing the library for the first time{count}…"

    def _grouped_lines(self, rows: list[VisitRow]) -> list[VisitRow | OfferGroup]:
        lines: list[VisitRow | OfferGroup] = []
        for group in group_by_offer(rows):
            lines.append(group)
            if group.offer not in self.folded:
                lines.extend(group.rows)
        return lines

    def _table_row(self, line: VisitRow | OfferGroup) -> Row:
        if isinstance(line, VisitRow):
            return [MARK if line.key in self.marked else EDITED if line.edited else "", *self._cells(line)]
        count = len(line.rows)
        dates = sorted(row.visit_date.isoformat() for row in line.rows if row.visit_date)
        span = " · " + " – ".join(dict.fromkeys([dates[0], dates[-1]])) if dates else ""
        return Heading(f"{'▸' if line.offer in self.folded else '▾'} {line.offer} · "
                       f"{count} visit{'s' if count != 1 else ''}{span}")

    def _cells(self, row: VisitRow) -> list[str]:
        focus = "…" if row.focus_areas is None else str(row.focus_areas)
        return [row.offer, row.unit or "", row.visit_date.isoformat() if row.visit_date else "—",
                row.assessment or "—", row.auditors if row.auditors is not None else "…", focus]

    def _show_failures(self) -> None:
        failures = self.kv.failures
        table = self.query_one("#failures", DataTable)
        table.clear()
        table.add_rows((visible(failure.path), Text(visible(failure.error), style="red")) for failure in failures)
        table.border_title = f"Failed to import ({len(failures)})"
        table.display = bool(failures)

    def _show_status(self) -> None:
        app = self.kv
        header = dict(COLUMNS)[self.sort_column]
        parts = [f"{len(self.shown)} of {len(app.rows)} visits"]
        if app.failures:
            parts.append(f"{len(app.failures)} failed")
        parts.append(f"sorted by {header.lower()} {'↓' if self.sort_reverse else '↑'}")
        if self.offer:
            parts.append(f"offer: {self.offer}")
        if self.grouped:
            parts.append("grouped by offer")
        if self.marked:
            parts.append(f"{len(self.marked)} marked")
        if app.indexing:
            parts.append(f"indexing {app.indexed[0]} of {app.indexed[1]} files…" if app.indexed else "indexing…")
        self.query_one("#status", Static).update(" · ".join(parts), layout=False)  # one line, fixed size

    def _show_indexing(self, indexing: bool) -> None:
        self.query_one("#progress", ProgressBar).display = indexing
        self.show_rows()

    def _show_progress(self, indexed: tuple[int, int] | None) -> None:
        """The import count of the running refresh; until it is known the bar pulses."""
        done, total = indexed or (0, None)
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)
        if self.kv.rows:
            self._show_status()
        else:
            self.show_rows()  # the empty table says how far the first indexing is

    # -- the current row ---------------------------------------------------------------------

    def current_line(self) -> VisitRow | OfferGroup | None:
        """The visit or (grouped) offer heading under the cursor."""
        table = self.query_one("#visits", FastTable)
        if table.cursor_row >= len(self.lines):
            return None
        return self.lines[table.cursor_row]

    def current_row(self) -> VisitRow | None:
        """The visit under the cursor; None on an offer's heading."""
        line = self.current_line()
        return line if isinstance(line, VisitRow) else None

    # -- events and actions ------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.show_rows()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#visits", FastTable).focus()

    @on(FastTable.RowSelected, "#visits")
    def _row_selected(self) -> None:
        self.action_open()

    @on(FastTable.HeaderSelected, "#visits")
    def _header_clicked(self, event: FastTable.HeaderSelected) -> None:
        column = event.column_key
        if column in dict(COLUMNS):
            self.sort_reverse = not self.sort_reverse if column == self.sort_column else False
            self.sort_column = column
            self.show_rows()

    def action_open(self) -> None:
        """Open the visit; on an offer's heading, fold or unfold its visits."""
        line = self.current_line()
        if isinstance(line, OfferGroup):
            self.folded ^= {line.offer}
            self.show_rows()
        elif line is not None:
            self.kv.open_visit(line.key)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if filter_input.value or self.offer:
            self.offer = None
            filter_input.value = ""  # Input.Changed redraws
            self.show_rows()
        self.query_one("#visits", FastTable).focus()

    def action_sort(self) -> None:
        names = [key for key, _ in COLUMNS]
        self.sort_column = names[(names.index(self.sort_column) + 1) % len(names)]
        self.sort_reverse = False
        self.show_rows()

    def action_sort_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.show_rows()

    def action_only_offer(self) -> None:
        line = self.current_line()
        self.offer = None if self.offer or line is None else line.offer
        self.show_rows()

    def action_group(self) -> None:
        self.grouped = not self.grouped
        self.show_rows()

    def action_timeline(self) -> None:
        """The timeline of the visit's offer (and unit); on a heading, of the group's first visit."""
        from kvalitet_tui.screens.timeline import TimelineScreen

        line = self.current_line()
        row = line.rows[0] if isinstance(line, OfferGroup) else line
        if row is not None:
            self.app.push_screen(TimelineScreen(row.offer, row.unit))

    def action_mark(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if row.key in self.marked:
            self.marked.remove(row.key)
        else:
            self.marked = [*self.marked, row.key][-2:]
        table = self.query_one("#visits", FastTable)
        cursor = table.cursor_row
        self.show_rows()
        table.move_cursor(row=min(cursor + 1, table.row_count - 1), animate=False)

    def action_compare(self) -> None:
        if len(self.marked) != 2:
            self.notify("Mark two visits with space first", severity="warning")
            return
        entries = [self.kv.entries.get(key) for key in self.marked]
        if None in entries:
            self.notify("A marked visit is gone from the library", severity="warning")
            return
        first, second = sorted(entries, key=lambda e: (e.visit_date is None, e.visit_date, e.visit_id))
        self.kv.open_comparison(first.visit_id, second.visit_id)

    def action_search(self) -> None:
        from kvalitet_tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    def action_overview(self) -> None:
        from kvalitet_tui.screens.overview import OverviewScreen

        self.app.push_screen(OverviewScreen())

    def action_refresh(self) -> None:
        self.kv.refresh_library()


def _line_id(line: VisitRow | OfferGroup) -> int | str:
    """What identifies a line of the table across redraws: a visit's key, an offer's name."""
    return line.key if isinstance(line, VisitRow) else line.offer
