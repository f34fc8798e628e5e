"""A question with a few answers, each on its own key: save / discard / cancel and the like.

The guards of the edit screen ask through it: unsaved changes, a file changed on disk, edits
recovered from a crash. Escape always means the harmless answer (cancel, keep editing).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

class ChoiceDialog(ModalScreen[str]):
    """Dismissed with the value of the answer chosen (its key, its button, or escape's)."""

    def __init__(self, title: str, message: str | Text, choices: Sequence[tuple[str, str, str]],
                 *, cancel: str = "cancel") -> None:
        """``choices`` are (key, label, value); escape answers ``cancel``."""
        super().__init__(classes="choice-dialog")
        self.title_text, self.message, self.choices, self.cancel = title, message, choices, cancel
        for key, label, value in choices:
            self._bindings.bind(key, f"choose('{value}')", label, show=False)
        self._bindings.bind("escape", f"choose('{cancel}')", "Cancel", show=False)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.message, classes="choice-message")
            with Horizontal(classes="choice-buttons"):
                for index, (key, label, value) in enumerate(self.choices):
                    yield Button(f"{label} ({key})", id=f"choice-{value}",
                                 variant="primary" if index == 0 else "default")

    def on_mount(self) -> None:
        dialog = self.query_one("#dialog")
        dialog.border_title = self.title_text
        dialog.border_subtitle = f"escape: {self.cancel}"

    def action_choose(self, value: str) -> None:
        self.dismiss(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))
