"""The footer: the keys of the focused widget, its screen and the app, in one line.

Textual's Footer builds a widget per key and rebuilds them all whenever focus moves; on every
screen switch that cost about 70 ms here, half of what opening a visit may take. This footer is
one Static redrawn from the same live bindings (so remapped keys show as remapped), and a click
on a key runs its action as the Footer's does.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.events import Click
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """The bindings shown in the footer (``show=True``), one per action, then the command palette key."""

    COMPONENT_CLASSES: ClassVar = {"keybar--key", "keybar--description"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    KeyBar > .keybar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .keybar--description { color: $footer-description-foreground; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[tuple[int, int, str, object]] = []
        """(start, end, action, node) of each key shown: where a click runs which action."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.draw)

    def on_resize(self) -> None:
        self.draw()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.draw()

    def draw(self) -> None:
        """Redraw from the live bindings: the screen's keys on the left, cut to fit, and help and
        the command palette always on the right."""
        left: list[tuple[str, str, str, object]] = []
        right: list[tuple[str, str, str, object]] = []
        seen: set[str] = set()
        for key, (node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            is_palette = key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE
            if not (binding.show or is_palette) or binding.action in seen or not enabled:
                continue
            seen.add(binding.action)
            entry = (self.app.get_key_display(binding), binding.description, binding.action, node)
            (right if is_palette or binding.action == "help" else left).append(entry)
        width = self.size.width or 80
        right_text, right_targets = self._entries(right)
        text, targets = self._entries(left)
        budget = max(0, width - right_text.cell_len - 1)
        text.truncate(budget, overflow="ellipsis")
        text.append(" " * max(1, width - text.cell_len - right_text.cell_len))
        offset = text.cell_len
        text.append_text(right_text)
        self.targets = [t for t in targets if t[1] <= budget] + [
            (start + offset, end + offset, action, node) for start, end, action, node in right_targets]
        self.update(text, layout=False)

    def _entries(self, entries: list[tuple[str, str, str, object]]) -> tuple[Text, list[tuple[int, int, str, object]]]:
        """Keys and descriptions in a row, and where each one is."""
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        text = Text(no_wrap=True)
        targets = []
        for keys, description, action, node in entries:
            start = text.cell_len
            text.append(f" {keys} ", style=key_style)
            text.append(description, style=description_style)
            targets.append((start, text.cell_len, action, node))
            text.append(" ")
        return text, targets

    async def on_click(self, event: Click) -> None:
        for start, end, action, node in self.targets:
            if start <= event.x < end:
                await node.run_action(action)  # type: ignore[attr-defined]
                return
