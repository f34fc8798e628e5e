"""One offer's visits in date order, each with what changed since the visit before it.

The core's timeline (:func:`kvalitet_core.compare.timeline.timelines`) compares each visit with
the previous one, which takes a moment for a long history, so it runs in a worker.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Header, LoadingIndicator

from kvalitet_core.analytics import offer_name
from kvalitet_core.compare.timeline import Timeline, timelines
from kvalitet_tui.screens.base import AppScreen
from kvalitet_tui.widgets.keybar import KeyBar
from kvalitet_tui.widgets.tables import VimTable


class TimelineScreen(AppScreen):
    """The visits of one offer (and unit), oldest first; c compares a visit with the one before."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="timeline.back"),
        Binding("space", "mark", "Mark", id="timeline.mark", tooltip="Mark two visits to compare them"),
        Binding("c", "compare", "Compare", id="timeline.compare",
                tooltip="The two marked visits, else this one with the one before"),
    ]

    def __init__(self, offer: str, unit: str | None) -> None:
        super().__init__()
        self.offer = offer
        self.unit = unit
        self.timeline: Timeline | None = None
        self.marked: list[int] = []
        """Indexes of the marked timeline entries (at most two)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator()
        table = VimTable(id="timeline", cursor_type="row")
        table.display = False
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"Timeline: {self.offer}" + (f", {self.unit}" if self.unit else "")
        table = self.query_one("#timeline", DataTable)
        for label in ("Date", "Assessment", "Focus areas", "Changes since the visit before"):
            table.add_column(label)
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        with self.kv.open_reader() as reader:
            visits = reader.visits(self.offer)
        name = f"{self.offer}, {self.unit}" if self.unit else self.offer
        mine = [visit for visit in visits if offer_name(visit) == name]
        found = timelines(mine)
        self.app.call_from_thread(self._show, found[0] if found else None)

    def _show(self, timeline: Timeline | None) -> None:
        self.timeline = timeline
        self.query_one(LoadingIndicator).display = False
        table = self.query_one("#timeline", DataTable)
        table.display = True
        for entry in timeline.entries if timeline else []:
            day = entry.visit.visit_date.isoformat() if entry.visit.visit_date else "—"
            table.add_row(day + "  ", entry.visit.assessment or "—", Text(str(entry.focus_areas), justify="right"),
                          entry.changes or Text("first visit", style="italic"))
        table.focus()

    def _entry_key(self, index: int) -> int | None:
        if self.timeline is None or not 0 <= index < len(self.timeline.entries):
            return None
        entry = self.kv.entry_for(self.timeline.entries[index].visit.id)
        return entry.key if entry else None

    @on(DataTable.RowSelected, "#timeline")
    def _open(self, event: DataTable.RowSelected) -> None:
        key = self._entry_key(event.cursor_row)
        if key is not None:
            self.kv.open_visit(key)

    def action_mark(self) -> None:
        table = self.query_one("#timeline", DataTable)
        index = table.cursor_row
        if self.timeline is None or not self.timeline.entries:
            return
        self.marked = [i for i in self.marked if i != index] if index in self.marked else [*self.marked, index][-2:]
        for row in range(table.row_count):
            table.update_cell_at(Coordinate(row, 0), self._day(row) + (" ●" if row in self.marked else ""))
        table.move_cursor(row=min(index + 1, table.row_count - 1))

    def _day(self, index: int) -> str:
        assert self.timeline is not None
        day = self.timeline.entries[index].visit.visit_date
        return day.isoformat() if day else "—"

    def action_compare(self) -> None:
        """Compare the two marked visits, else the highlighted one with the one before it."""
        if self.timeline is None:
            return
        if len(self.marked) == 2:
            first, second = sorted(self.marked)
        else:
            second = self.query_one("#timeline", DataTable).cursor_row
            first = second - 1
            if first < 0:
                self.notify("Mark two visits, or choose one that has a visit before it", severity="warning")
                return
        entries = self.timeline.entries
        self.kv.open_comparison(entries[first].visit.id, entries[second].visit.id)
