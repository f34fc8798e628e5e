"""The overview: the theme × visit matrix of the library and each offer's assessments over time.

From the core analytics (:func:`kvalitet_core.analytics.library_stats`): per visit and theme the
number of focus areas, "–" where the purple box gave no feedback, "→3a" where it defers to
another theme, blank where the report has no page for the theme. Enter on a cell opens that
visit at that theme. Parsing every visit takes a moment in a large library: a worker does it.
"""

from __future__ import annotations

from rich.table import Table
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, LoadingIndicator, Static

from kvalitet_core.analytics import LibraryStats, ThemeCell, library_stats
from kvalitet_tui.data import Target
from kvalitet_tui.screens.base import AppScreen
from kvalitet_tui.widgets.keybar import KeyBar
from kvalitet_tui.widgets.fast_table import Column, FastTable

FIXED_COLUMNS = ("Offer", "Date", "Assessment")


def cell_text(cell: ThemeCell | None) -> str:
    """A matrix cell: focus areas, '–' for no feedback, '→3a' for a cross-reference, blank for no page."""
    if cell is None:
        return ""
    if cell.focus_areas:
        return str(cell.focus_areas)
    if cell.cross_references:
        return "→" + ",".join(cell.cross_references)
    return "–" if cell.no_feedback else "0"


def assessments_table(stats: LibraryStats) -> Table:
    table = Table(box=None, padding=(0, 2), show_header=True, header_style="bold")
    table.add_column("Offer")
    table.add_column("Assessments over time")
    for offer, points in stats.assessments.items():
        history = "  →  ".join(f"{p.visit_date.isoformat() if p.visit_date else '—'} {p.assessment or '—'}"
                               for p in points)
        table.add_row(offer, history)
    return table


class OverviewScreen(AppScreen):
    """Focus areas per theme per visit; Enter on a cell opens the visit at that theme."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back", id="overview.back")]

    def __init__(self) -> None:
        super().__init__()
        self.stats: LibraryStats | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator()
        with Vertical(id="overview"):
            with VerticalScroll(id="assessments-box") as box:
                box.border_title = "Assessments over time"
                yield Static(id="assessments")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Overview"
        self.query_one("#overview").display = False
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        with self.kv.open_reader() as reader:
            visits = reader.visits()
        model_ids = {visit.quality_model for visit in visits}
        model = self.kv.quality_model(next(iter(model_ids))) if len(model_ids) == 1 else None
        stats = library_stats(visits, model.theme_ids if model else ())
        self.app.call_from_thread(self._show, stats)

    async def _show(self, stats: LibraryStats) -> None:
        self.stats = stats
        self.query_one(LoadingIndicator).display = False
        overview = self.query_one("#overview")
        overview.display = True
        rows = [[f"{row.offer}, {row.unit}" if row.unit else row.offer,
                 row.visit_date.isoformat() if row.visit_date else "—", row.assessment or "—",
                 *(cell_text(row.cells.get(t)) for t in stats.themes)] for row in stats.rows]
        columns = [Column("offer", "Offer", 22), Column("date", "Date", 10), Column("assessment", "Assessment", 26)]
        for number, theme in enumerate(stats.themes, start=len(FIXED_COLUMNS)):
            width = max([len(theme), 2, *(len(row[number]) for row in rows)])
            columns.append(Column(theme, theme, min(width, 8), "center"))
        table = FastTable(columns, cells=True, id="matrix")
        table.border_title = "Focus areas per theme (– no feedback, → refers to another theme)"
        await overview.mount(table, before=0)
        table.set_rows(rows)
        table.cursor_column = len(FIXED_COLUMNS)
        self.query_one("#assessments", Static).update(assessments_table(stats))
        table.focus()

    @on(FastTable.RowSelected, "#matrix")
    def _open(self, event: FastTable.RowSelected) -> None:
        if self.stats is None:
            return
        row = self.stats.rows[event.cursor_row]
        entry = self.kv.entry_for(row.visit_id)
        if entry is None:
            self.notify("The visit is no longer in the library", severity="warning")
            return
        column = event.cursor_column - len(FIXED_COLUMNS)
        target = None
        if column >= 0:
            visit = self.kv.load_visit(entry.key)
            theme = self.stats.themes[column]
            index = next((i for i, s in enumerate(visit.sections) if theme in s.themes), None)
            target = Target(section=index) if index is not None else None
        self.kv.open_visit(entry.key, target)
