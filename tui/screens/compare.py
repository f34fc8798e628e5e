"""The compare screen: two visits side by side, aligned by the core compare engine.

The header always names the two visits. A summary panel gives the engine's one-line summary,
the assessment before and after and the focus areas per theme; below it every aligned pair —
metadata, free text, each theme's boxes and items — with word-level highlights. n/N jump between
differences. The comparison runs in a worker: a long history must not freeze the screen.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, LoadingIndicator, Static

from kvalitet_core.compare.engine import Comparison, compare_visits
from kvalitet_core.model import BoxKind, Visit
from kvalitet_tui.screens.base import AppScreen
from kvalitet_tui.widgets.keybar import KeyBar
from kvalitet_tui.widgets.diff import DiffPair
from kvalitet_tui.widgets.report import theme_name


def summary_table(comparison: Comparison, visit: Visit, model: object) -> Table:
    """Focus areas per theme before and after, the assessment, and the engine's summary."""
    table = Table(box=None, padding=(0, 2), show_header=True, header_style="bold")
    table.add_column("Theme")
    table.add_column("Focus areas", justify="right")
    table.add_column("Status")
    for section in comparison.sections:
        name = " + ".join(theme_name(t, model) for t in section.themes)  # type: ignore[arg-type]
        counts = f"{section.focus_areas_old} → {section.focus_areas_new}"
        table.add_row(name, counts, section.status)
    table.add_row(Text("All themes", style="bold"),
                  Text(f"{comparison.focus_areas_old} → {comparison.focus_areas_new}", style="bold"), "")
    return table


class CompareScreen(AppScreen):
    """Two visits compared, the earlier one on the left."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="compare.back"),
        Binding("n", "next_difference", "Next difference", id="compare.next"),
        Binding("N", "previous_difference", "Previous difference", id="compare.previous"),
        Binding("u", "toggle_unchanged", "Unchanged", id="compare.unchanged",
                tooltip="Show or hide the pairs that did not change"),
        Binding("j", "scroll('down')", "Scroll down", show=False, id="compare.down"),
        Binding("k", "scroll('up')", "Scroll up", show=False, id="compare.up"),
        Binding("g", "scroll('home')", "Top", show=False, id="compare.home"),
        Binding("G", "scroll('end')", "Bottom", show=False, id="compare.end"),
    ]

    def __init__(self, old: Visit, new: Visit) -> None:
        super().__init__()
        self.old, self.new = old, new
        self.comparison: Comparison | None = None
        self.position = -1

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._title(), id="compare-title")
        yield LoadingIndicator()
        yield VerticalScroll(id="diff")
        yield KeyBar()

    def _title(self, extra: str = "") -> Text:
        text = Text("Comparing  ", style="bold")
        text.append(self.old.title, style="bold red")
        text.append("  →  ")
        text.append(self.new.title, style="bold green")
        if extra:
            text.append(f"   {extra}", style="italic")
        return text

    def on_mount(self) -> None:
        self.title = "Compare"
        self._compare()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _compare(self) -> None:
        comparison = compare_visits(self.old, self.new)
        self.app.call_from_thread(self._show, comparison)

    async def _show(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.query_one(LoadingIndicator).display = False
        model = self.kv.quality_model(self.new.quality_model)
        widgets: list[Static | DiffPair] = []
        summary = Static(Group(Text(comparison.summary, style="italic"), summary_table(comparison, self.new, model)),
                         id="summary")
        summary.border_title = "Summary"
        widgets.append(summary)
        widgets.append(Static(Text("Oplysninger om besøget", style="bold"), classes="diff-heading"))
        widgets += [DiffPair(change) for change in comparison.fields]
        widgets.append(Static(Text("Tekster", style="bold"), classes="diff-heading"))
        widgets += [DiffPair(change) for change in comparison.texts]
        for section in comparison.sections:
            name = " + ".join(theme_name(t, model) for t in section.themes)
            widgets.append(Static(Text(f"{name}  ({section.status})", style="bold"), classes="diff-heading"))
            for box in section.boxes:
                if not box.items:
                    continue
                kind = BoxKind(box.kind)
                widgets.append(Static(kind.label, classes=f"diff-box -{kind.value.replace('_', '-')}"))
                widgets += [DiffPair(change) for change in box.items]
        await self.query_one("#diff", VerticalScroll).mount_all(widgets)
        self._update_title()
        self.query_one("#diff").focus()

    def differences(self) -> list[DiffPair]:
        return [pair for pair in self.query(DiffPair) if pair.is_difference]

    def _update_title(self) -> None:
        count = len(self.differences())
        where = f"difference {self.position + 1}/{count}" if self.position >= 0 else f"{count} differences"
        self.query_one("#compare-title", Static).update(self._title(where if count else "no differences"))

    def _go(self, step: int) -> None:
        differences = self.differences()
        if not differences:
            self.notify("The two visits do not differ")
            return
        self.position = (self.position + step) % len(differences)
        target = differences[self.position]
        self.query_one("#diff", VerticalScroll).scroll_to_widget(target, top=True, animate=False)
        target.focus(scroll_visible=False)
        self._update_title()

    def action_next_difference(self) -> None:
        self._go(1)

    def action_previous_difference(self) -> None:
        self._go(-1)

    def action_toggle_unchanged(self) -> None:
        self.query_one("#diff").toggle_class("-hide-unchanged")

    def action_scroll(self, where: str) -> None:
        view = self.query_one("#diff", VerticalScroll)
        {"down": view.scroll_down, "up": view.scroll_up,
         "home": view.scroll_home, "end": view.scroll_end}[where](animate=False)
