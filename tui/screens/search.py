"""The search screen: the core's Danish-aware full-text search, results as you type.

The query line takes the core's syntax (``kerneopgave*`` prefixes, ``"fælles faglig"`` phrases,
AND/OR/NOT) plus filters as ``key:value`` words: ``tema:3a``, ``box:purple`` (or ``points_to``),
``offer:pegasus``, ``since:2017-01-01``, ``until:…``, ``assessment:akkrediteret``. Each hit shows
visit, theme, box and the snippet with the matched words marked; Enter opens the visit at that
box with the words highlighted.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from kvalitet_core.boxes import BOX_LABELS
from kvalitet_core.errors import KvalitetError
from kvalitet_core.library.search import SearchHit, search
from kvalitet_tui.data import locate_hit, parse_query
from kvalitet_tui.screens.base import AppScreen
from kvalitet_tui.widgets.keybar import KeyBar
from kvalitet_tui.screens.visit import VimOptionList

PART_NAMES = {**{kind.value: label for kind, label in BOX_LABELS.items()},
              "overall_impression": "Samlede indtryk", "core_task": "Kerneopgaven",
              "conclusion": "Konklusion", "contributes_to": "Konklusion: leve op til"}
LIMIT = 50


def hit_prompt(hit: SearchHit) -> Text:
    """Two lines: visit, theme and box; then the snippet with the matched words reversed."""
    where = Text(hit.title, style="bold")
    if hit.themes:
        where.append("  Tema " + "+".join(hit.themes))
    where.append(f"  {PART_NAMES.get(hit.part, hit.part)}", style="italic")
    if hit.heading:
        where.append(f"  “{hit.heading}”")
    snippet = Text("  " + hit.snippet)
    for start, end in hit.highlights:
        snippet.stylize("reverse bold", start + 2, end + 2)
    return Text("\n").join([where, snippet])


class SearchScreen(AppScreen):
    """Full-text search over every visit of the library."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="search.back"),
        Binding("slash", "edit_query", "Edit query", id="search.query"),
        Binding("down", "to_results", "Results", id="search.results", show=False),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        yield Header()
        query = Input(self.initial, placeholder='words, prefix*, "a phrase", tema:3a box:purple offer:… since:YYYY-MM-DD',
                      id="query")
        query.cursor_blink = self.kv.settings.cursor_blink
        yield query
        yield Static("Type to search; enter moves to the hits", id="search-status")
        yield VimOptionList(id="hits")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Search"
        self.query_one("#query", Input).focus()
        if self.initial:
            self.run_search(self.initial)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        self.action_to_results()

    def run_search(self, line: str) -> None:
        """Search as the user types (the index answers in milliseconds); a query FTS5 cannot
        take yet (an open quote) leaves the last hits and says why."""
        status = self.query_one("#search-status", Static)
        hits_list = self.query_one("#hits", OptionList)
        try:
            text, filters = parse_query(line)
            hits = search(self.kv.library, text, filters, limit=LIMIT) if text else []
        except (KvalitetError, ValueError) as error:
            status.update(Text(str(getattr(error, "message", error)), style="italic"))
            return
        self.hits = hits
        hits_list.clear_options()
        hits_list.add_options(Option(hit_prompt(hit)) for hit in hits)
        if not text:
            status.update("Type to search; enter moves to the hits")
        else:
            more = "+" if len(hits) == LIMIT else ""
            status.update(f"{len(hits)}{more} hit{'s' if len(hits) != 1 else ''} for {text!r}")
        self.repaint_with_keystroke()

    @on(OptionList.OptionSelected, "#hits")
    def _open(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[event.option_index]
        entry = self.kv.entry_for(hit.visit_id)
        if entry is None:
            self.notify("The visit is no longer in the library", severity="warning")
            return
        visit = self.kv.load_visit(entry.key)
        self.kv.open_visit(entry.key, locate_hit(visit, hit))

    def action_to_results(self) -> None:
        hits_list = self.query_one("#hits", OptionList)
        if hits_list.option_count:
            hits_list.focus()
            if hits_list.highlighted is None:
                hits_list.highlighted = 0

    def action_edit_query(self) -> None:
        self.query_one("#query", Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()


