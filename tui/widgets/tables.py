"""DataTables with the keys terminal users expect in lists: j/k to move, g/G to the ends."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class VimTable(DataTable):
    """A DataTable that also moves with vim keys (hidden from the footer, listed by `?`)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.cursor_down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.cursor_up"),
        Binding("g", "scroll_top", "First row", show=False, id="list.scroll_top"),
        Binding("G", "scroll_bottom", "Last row", show=False, id="list.scroll_bottom"),
    ]

    def action_scroll_top(self) -> None:
        self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        self.move_cursor(row=max(0, self.row_count - 1))
