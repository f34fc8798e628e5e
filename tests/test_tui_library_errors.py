"""Pilot tests: an unexpected error in an event handler or an action is one notification line and
a logged traceback, and the app (and the screen whose handler failed) carries on; with
``--debug`` the error ends the app with its full traceback, as Textual does by default."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kvalitet_tui.app import KvalitetApp
from kvalitet_tui.screens import library
from kvalitet_tui.screens.library import LibraryScreen
from tui_support import drive, make_app, make_library, settle


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KvalitetApp:
    monkeypatch.setenv("KVALITET_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("KVALITET_DEBUG", raising=False)
    return make_app(make_library(tmp_path / "library"), tmp_path / "cache")


def broken_filter(*_: object) -> list[object]:
    raise RuntimeError("the filter broke\nsecond line")


def errors(app: KvalitetApp) -> list[tuple[str, str]]:
    return [(n.title, n.message) for n in app._notifications if n.severity == "error"]


def test_an_error_in_a_message_handler_is_a_notification(app: KvalitetApp, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        monkeypatch.setattr(library, "filter_rows", broken_filter)
        await pilot.press("slash", "p")  # the screen's Input.Changed handler raises
        await pilot.pause()
        log = tmp_path / "state" / "kvalitet" / "tui.log"
        assert errors(app) == [(f"Unexpected error (details in {log})", "RuntimeError: the filter broke")]
        text = log.read_text(encoding="utf-8")
        assert "LibraryScreen handling Changed" in text and "Traceback" in text and "broken_filter" in text
        monkeypatch.undo()
        await pilot.press(*"egasus")  # the screen still handles its messages
        assert [row.offer for row in screen.shown] == ["Pegasus", "Pegasus"]
        assert app.is_running

    drive(app, flow)


def test_an_error_in_an_action_is_a_notification(app: KvalitetApp, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_sort(self: LibraryScreen) -> None:
        raise KeyError("sort column")

    async def flow(pilot: Pilot) -> None:
        monkeypatch.setattr(LibraryScreen, "action_sort", broken_sort)
        await pilot.press("s")
        await pilot.pause()
        assert [message for _, message in errors(app)] == ["KeyError: 'sort column'"]
        await pilot.press("S")  # keys keep working
        assert isinstance(app.screen, LibraryScreen) and app.screen.sort_reverse

    drive(app, flow)


def test_with_debug_an_error_ends_the_app_with_its_traceback(app: KvalitetApp,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KVALITET_DEBUG", "1")

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            monkeypatch.setattr(library, "filter_rows", broken_filter)
            await pilot.press("slash", "p")
            await pilot.pause()

    with pytest.raises(RuntimeError, match="the filter broke"):
        asyncio.run(main())
