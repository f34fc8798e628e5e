"""Pilot tests of the library screen: the view grouped by offer (headings with counts, folding, the
timeline one key away, the command palette's entry for it) and the import count while indexing."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ProgressBar, Static

from kvalitet_core.library import index
from kvalitet_tui import app as app_module
from kvalitet_tui.app import KvalitetApp
from kvalitet_tui.data import OfferGroup, VisitRow
from kvalitet_tui.screens.library import LibraryScreen
from kvalitet_tui.screens.timeline import TimelineScreen
from kvalitet_tui.widgets.fast_table import FastTable, Heading
from tui_support import drive, make_app, settle, text_of




def headings(screen: LibraryScreen) -> list[str]:
    table = screen.query_one("#visits", FastTable)
    return [row.text for row in map(table.get_row_at, range(table.row_count)) if isinstance(row, Heading)]


def test_grouped_by_offer_with_counts_and_dates(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.query_one("#visits", FastTable)
        table.move_cursor(row=[row.visit_id for row in screen.shown].index("nabo-2017-10-05"))
        await pilot.press("O")
        assert headings(screen) == [
            "▾ Pegasus · 2 visits · 2017-09-28 – 2019-10-01", "▾ N.A.B.O. · 1 visit · 2017-10-05",
            "▾ Projekt Off-Side · 1 visit · 2017-10-26", "▾ Marianelund · 1 visit · 2018-06-19"]
        assert [line.visit_id if isinstance(line, VisitRow) else line.offer for line in screen.lines][:4] == [
            "Pegasus", "pegasus-2017-09-28", "pegasus-2019-10-01", "N.A.B.O."]
        assert table.row_count == 9
        row = screen.current_row()
        assert row is not None and row.visit_id == "nabo-2017-10-05"  # the cursor stayed on its visit
        assert "grouped by offer" in text_of(screen.query_one("#status", Static))
        await pilot.press("S")  # sorted the other way, the groups follow the sort
        assert headings(screen)[0].startswith("▾ Pegasus") and headings(screen)[1].startswith("▾ Marianelund")
        await pilot.press("O")
        assert headings(screen) == [] and table.row_count == 5

    drive(app, flow)


def test_enter_on_a_heading_folds_its_visits(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("O", "g")
        line = screen.current_line()
        assert isinstance(line, OfferGroup) and line.offer == "Pegasus" and screen.current_row() is None
        await pilot.press("j", "j", "enter")  # on the later visit: it opens
        await settle(app, pilot)
        assert not isinstance(app.screen, LibraryScreen)
        await pilot.press("escape")
        await pilot.press("g", "enter")  # on the heading: folds
        assert headings(screen)[0] == "▸ Pegasus · 2 visits · 2017-09-28 – 2019-10-01"
        assert screen.query_one("#visits", FastTable).row_count == 7 and len(screen.shown) == 5
        assert screen.current_line() == line
        await pilot.press("enter")
        assert headings(screen)[0].startswith("▾ Pegasus") and screen.query_one("#visits", FastTable).row_count == 9

    drive(app, flow)


def test_a_visit_folded_away_leaves_the_cursor_on_its_heading(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("O", "g", "j", "j")
        row = screen.current_row()
        assert row is not None and row.visit_id == "pegasus-2019-10-01"
        screen.folded.add("Pegasus")
        screen.show_rows()
        line = screen.current_line()
        assert isinstance(line, OfferGroup) and line.offer == "Pegasus"

    drive(app, flow)


def test_the_timeline_of_a_heading_and_only_its_offer(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("O", "g", "o")
        assert headings(screen) == ["▾ Pegasus · 2 visits · 2017-09-28 – 2019-10-01"]
        await pilot.press("t")
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen) and app.screen.offer == "Pegasus"

    drive(app, flow)


def test_the_command_palette_groups_by_offer(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("ctrl+p")
        await pilot.press(*"group by offer")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.grouped and len(headings(screen)) == 4

    drive(app, flow)


def third_import_waits(monkeypatch: pytest.MonkeyPatch, looked: threading.Event) -> None:
    """The index's imports hold the third file until the test has looked at the screen, so the
    count on screen is known: two imported; and every count is shown, however fast."""
    original: Callable[..., object] = index._import_one
    calls: list[str] = []

    def third_waits(host: object, root: Path, path: str) -> object:
        calls.append(path)
        if len(calls) == 3:
            looked.wait(timeout=60)
        return original(host, root, path)

    monkeypatch.setattr(app_module, "PROGRESS_PERIOD", 0.0)
    monkeypatch.setattr(index, "_import_one", third_waits)


async def until_two_imported(app: KvalitetApp, pilot: Pilot, total: int) -> None:
    for _ in range(300):
        if app.indexing and app.indexed == (2, total):
            break
        await pilot.pause(0.02)
    assert app.indexing and app.indexed == (2, total)


def test_the_import_count_shows_while_a_refresh_imports(app: KvalitetApp, library: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    looked = threading.Event()

    async def flow(pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        bar = screen.query_one("#progress", ProgressBar)
        third_import_waits(monkeypatch, looked)
        later = (library / "pegasus-2019-10-01.yaml").read_text(encoding="utf-8")
        for year in range(2021, 2025):
            (library / f"pegasus-{year}-10-01.yaml").write_text(
                later.replace("pegasus-2019-10-01", f"pegasus-{year}-10-01").replace("'2019-10-01'", f"'{year}-10-01'"),
                encoding="utf-8")
        try:
            await pilot.press("r")
            await until_two_imported(app, pilot, 4)
            assert bar.display and bar.total == 4 and bar.progress == 2
            assert "indexing 2 of 4 files…" in text_of(screen.query_one("#status", Static))
        finally:
            looked.set()
        await settle(app, pilot)
        assert app.indexed is None and not app.indexing and not bar.display
        assert len(screen.shown) == 9

    drive(app, flow)


def test_the_first_indexing_says_how_far_it_is(library: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(library, tmp_path / "cache")
    looked = threading.Event()
    third_import_waits(monkeypatch, looked)
    files = len(list(library.glob("*.yaml")))

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one("#visits", FastTable)
            try:
                await until_two_imported(app, pilot, files)
                await pilot.pause()
                assert table.row_count == 0
                assert table.empty_text == f"Indexing the library for the first time: 2 of {files} files…"
            finally:
                looked.set()
            await settle(app, pilot)
            assert table.row_count == 5

    asyncio.run(main())
