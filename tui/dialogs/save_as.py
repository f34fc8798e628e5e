"""Asks for a new file name to save a visit under (when its own file changed on disk)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kvalitet_tui.widgets.edit_fields import steady_cursor


class SaveAsDialog(ModalScreen[Path | None]):
    """Dismissed with the new file's path (in the folder of the old one), or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="save_as.cancel")]

    def __init__(self, current: Path, suggested: str) -> None:
        super().__init__(classes="save-as-dialog")
        self.current, self.suggested = current, suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"Save as a new file in {self.current.parent.name or self.current.parent}/:")
            yield Input(self.suggested, id="save-as-name")
            yield Static("", id="save-as-problem")

    def on_mount(self) -> None:
        dialog = self.query_one("#dialog")
        dialog.border_title = "Save as"
        steady_cursor(self.query(Input))
        dialog.border_subtitle = "enter: save · escape: cancel"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not name or "/" in name or name.startswith("."):
            self.query_one("#save-as-problem", Static).update("✗ a file name, without folders, not hidden")
            return
        if Path(name).suffix.lower() not in (".yaml", ".yml", ".json"):
            name += ".yaml"
        target = self.current.parent / name
        if target.exists():
            self.query_one("#save-as-problem", Static).update(f"✗ {name} exists: choose another name")
            return
        self.dismiss(target)
