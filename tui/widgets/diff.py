"""Side-by-side rendering of the compare engine's aligned pairs, with word-level highlights.

Deleted words are struck through on the left and inserted ones underlined on the right, and
each pair's label starts with a sign (~ changed, + added, − removed, = unchanged), so a
difference is visible without colour too.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kvalitet_core.compare.engine import TextChange

SIGNS = {"changed": "~", "added": "+", "removed": "−", "unchanged": "="}
DELETE_STYLE = "strike bold red"
INSERT_STYLE = "underline bold green"


def side(change: TextChange, old: bool) -> Text:
    """One side of a pair: the equal words plain, this side's own words marked."""
    if change.status != "changed":
        value = change.old if old else change.new
        return Text(value or "—", style="" if value else "dim")
    text = Text()
    own = "delete" if old else "insert"
    for segment in change.segments:
        if segment.op == "equal":
            piece = segment.text
            if piece.startswith(" ") and text.plain.endswith((" ", "\n")):
                piece = piece[1:]  # the space that stood before the other side's words
            text.append(piece)
        elif segment.op == own:
            text.append(segment.text, style=DELETE_STYLE if old else INSERT_STYLE)
    return text


class DiffPair(Vertical, can_focus=True):
    """One aligned pair: its label, then old and new side by side (unchanged pairs: the label only)."""

    def __init__(self, change: TextChange, label: str | None = None) -> None:
        super().__init__(classes=f"pair -{change.status}")
        self.change = change
        self.label = label or change.label.replace("_", " ")

    @property
    def is_difference(self) -> bool:
        return self.change.status != "unchanged"

    def compose(self) -> ComposeResult:
        status = self.change.status
        heading = Text(f"{SIGNS[status]} {self.label}", style="bold" if self.is_difference else "dim")
        if status != "unchanged":
            heading.append(f"  {status}" + (" · focus area" if self.change.focus_area else ""), style="italic")
        yield Static(heading, classes="pair-label")
        if self.is_difference:
            with Horizontal(classes="sides"):
                yield Static(side(self.change, old=True), classes="old")
                yield Static(side(self.change, old=False), classes="new")
