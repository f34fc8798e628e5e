"""SVG snapshot of the library grouped by offer: the headings' look (bold, tinted, folded or not)
is the point of the view, so it is pinned like every other screen's (see test_tui_snapshots.py
for how the pictures are kept deterministic and updated)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from kvalitet_tui.app import KvalitetApp
from tui_support import make_app, make_library, settle


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KvalitetApp:
    monkeypatch.setenv("KVALITET_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return make_app(make_library(tmp_path / "library"), tmp_path / "cache")


def test_grouped_by_offer_one_group_folded(snap_compare, app: KvalitetApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        assert isinstance(pilot.app, KvalitetApp)
        await settle(pilot.app, pilot)
        await pilot.press("O", "G", "k", "enter")  # the last offer's heading, folded
        await settle(pilot.app, pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
