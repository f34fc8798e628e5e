"""The changes about to be saved, against the version on disk, as the core compare engine sees
them: the summary, then every changed field and item with its words struck or marked, and the
paths of all the fields that changed (page order and 'continued' marks included, which the
engine's alignment by theme does not show)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from kvalitet_core.compare.engine import Comparison
from kvalitet_core.compare.render import render_rich


FIELDS_SHOWN = 12


class ReviewDialog(ModalScreen[bool]):
    """Dismissed with True when the person confirms the save (only when asked to confirm)."""

    BINDINGS = [
        Binding("escape,q", "dismiss(False)", "Keep editing", id="review.close"),
        Binding("j", "scroll('down')", "Scroll down", show=False, id="review.down"),
        Binding("k", "scroll('up')", "Scroll up", show=False, id="review.up"),
    ]

    def __init__(self, comparison: Comparison, *, target: str, confirm: bool, fields: Sequence[str] = ()) -> None:
        """``fields``: every field path that changed, listed under the comparison."""
        super().__init__(classes="review-dialog")
        self.comparison, self.target, self.confirm, self.fields = comparison, target, confirm, fields
        if confirm:
            self._bindings.bind("enter,ctrl+s,y", "dismiss(True)", "Save", show=False)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(render_rich(self.comparison), id="review-body")
            if self.fields:
                shown = ", ".join(self.fields[:FIELDS_SHOWN])
                more = f" and {len(self.fields) - FIELDS_SHOWN} more" if len(self.fields) > FIELDS_SHOWN else ""
                yield Static(Text.assemble(("\nFields changed: ", "bold"), shown + more), id="review-fields")

    def on_mount(self) -> None:
        dialog = self.query_one("#dialog")
        dialog.border_title = f"Changes to {self.target}"
        dialog.border_subtitle = ("enter: save · escape: keep editing" if self.confirm
                                  else "escape: close")

    def action_scroll(self, where: str) -> None:
        dialog = self.query_one("#dialog", VerticalScroll)
        (dialog.scroll_down if where == "down" else dialog.scroll_up)(animate=False)
