"""The purpose ("Formål") of a theme, from the quality model, shown on demand over the report."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class PurposeScreen(ModalScreen[None]):
    """The purposes of the themes of one page; any of escape, q or p closes it."""

    BINDINGS = [Binding("escape,q,p", "dismiss", "Close", id="purpose.close")]

    def __init__(self, themes: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.themes = themes

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            for name, purpose in self.themes:
                body = Text(name, style="bold")
                body.append("\n\n")
                body.append(purpose or "The quality model states no purpose for this theme.")
                yield Static(body, classes="purpose")

    def on_mount(self) -> None:
        self.query_one("#dialog").border_title = "Formål"
        self.query_one("#dialog").border_subtitle = "escape: close"
