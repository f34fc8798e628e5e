"""SVG snapshots of every screen at 120×40, and of the library and visit screens at 80×24.

Deterministic by construction: the library is built in tmp_path under a fixed folder name (the
header shows only that name), the cursor does not blink, no timer checks the folder, every worker
has finished and notifications are cleared before the picture is taken. After an intended change
of the look, regenerate with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and review
the SVGs (``snapshot_report.html`` shows the differences of a failing run).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kvalitet_tui.app import KvalitetApp
from tui_support import select_visit, make_app, make_library, settle

WIDE = (120, 40)
SMALL = (80, 24)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KvalitetApp:
    monkeypatch.setenv("KVALITET_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return make_app(make_library(tmp_path / "library"), tmp_path / "cache")


def then(*keys: str, row: str | None = None) -> Callable[[Pilot], Awaitable[None]]:
    """A run_before that waits for the first refresh, optionally moves to a visit's row, presses
    keys, and waits again."""
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, KvalitetApp)
        await settle(app, pilot)
        if row is not None:
            select_visit(app, row)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_library(snap_compare, app: KvalitetApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=then())


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_visit(snap_compare, app: KvalitetApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=then("enter", "right_square_bracket",
                                                                 row="nabo-2017-10-05"))


def test_search(snap_compare, app: KvalitetApp) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=then("f", *"kerneopgave*", "enter"))


def test_compare(snap_compare, app: KvalitetApp) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=then("space", "G", "space", "c", "n", "n",
                                                                 row="pegasus-2017-09-28"))


def test_timeline(snap_compare, app: KvalitetApp) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=then("t", row="pegasus-2017-09-28"))


def test_overview(snap_compare, app: KvalitetApp) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=then("m"))


def test_help(snap_compare, app: KvalitetApp) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=then("question_mark"))


def test_purpose(snap_compare, app: KvalitetApp) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=then("enter", "right_square_bracket", "p",
                                                                 row="pegasus-2017-09-28"))


def test_visit_light_theme(snap_compare, app: KvalitetApp) -> None:
    """The boxes keep their colours and labels readable on a light background."""
    assert snap_compare(app, terminal_size=WIDE, run_before=then("ctrl+t", "enter", "right_square_bracket",
                                                                 row="pegasus-2017-09-28"))
