"""Help built from the bindings: every key of the screen it was opened from, and what it does.

Built from the live bindings (after the user's keymap is applied), so it never disagrees with
what the keys do; each binding's id is shown for remapping in the config file.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def binding_rows(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, description, id) for every binding active on ``screen``: focused widget, screen, app."""
    seen: dict[str, tuple[str, str, str]] = {}
    bindings = screen.app.active_bindings if screen.app.screen is screen else screen.active_bindings
    for key, active in bindings.items():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        name = binding.id or binding.action
        display = screen.app.get_key_display(binding)
        if name in seen:
            keys, description, _ = seen[name]
            if display not in keys.split(" / "):
                seen[name] = (f"{keys} / {display}", description, binding.id or "")
        else:
            seen[name] = (display, binding.description, binding.id or "")
    return list(seen.values())


class HelpScreen(ModalScreen[None]):
    """The keys of the screen below, in a table; escape closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.rows = binding_rows(screen)
        self.screen_name = type(screen).__name__.removesuffix("Screen")

    def compose(self) -> ComposeResult:
        table = Table(box=None, padding=(0, 2), expand=True)
        table.add_column("Key", style="bold", no_wrap=True)
        table.add_column("Does")
        table.add_column("Binding id (for the keymap)", style="dim")
        for keys, description, binding_id in self.rows:
            table.add_row(keys, description, binding_id)
        note = Text("\nRemap keys in $XDG_CONFIG_HOME/kvalitet/tui.toml under [keymap]; ctrl+p lists every command.",
                    style="italic")
        with VerticalScroll(id="dialog"):
            yield Static(table)
            yield Static(note)

    def on_mount(self) -> None:
        dialog = self.query_one("#dialog")
        dialog.border_title = f"Keys: {self.screen_name}"
        dialog.border_subtitle = "escape: close"
