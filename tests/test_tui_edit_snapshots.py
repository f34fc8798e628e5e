"""SVG snapshots of the edit screen and its dialogs at 120×40.

Deterministic as the other snapshots are (tests/test_tui_snapshots.py): the library lives in
tmp_path under a fixed name, no cursor blinks, no timer checks the folder, every worker has
finished and notifications are cleared. Regenerate after an intended change of the look with
``pytest tests/test_tui_edit_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from kvalitet_core.editing import EditSession
from kvalitet_core.plugins import get_host
from kvalitet_tui.app import KvalitetApp
from kvalitet_tui.screens.edit import EditScreen
from tui_support import select_visit, make_app, make_library, settle

WIDE = (120, 40)
PEGASUS = "pegasus-2017-09-28"


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KVALITET_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return make_library(tmp_path / "library", broken=False)  # no import failure to notify of


@pytest.fixture
def app(library: Path, tmp_path: Path) -> KvalitetApp:
    return make_app(library, tmp_path / "cache")


async def wait(app: KvalitetApp, pilot: Pilot) -> None:
    await settle(app, pilot)
    for _ in range(500):
        if all(getattr(screen, "complete", True) for screen in app.screen_stack):
            break
        await pilot.pause(0.02)


async def _steady(app: KvalitetApp, pilot: Pilot) -> None:
    """Wait until every screen's scrolled sizes stop changing: a form whose last pages mount late
    still resizes its scrollbar (drawn behind a dialog) for a moment."""
    def sizes() -> list[object]:
        return [(widget.virtual_size, widget.scroll_offset) for screen in app.screen_stack
                for widget in screen.walk_children() if widget.is_scrollable]
    last, steady = sizes(), 0
    for _ in range(200):
        await pilot.pause(0.05)
        now = sizes()
        steady = steady + 1 if now == last else 0
        if steady >= STEADY_LOOKS:
            return
        last = now


STEADY_LOOKS = 6
"""Looks in a row, 50 ms apart, that find the sizes unchanged: on a loaded machine a late
resize came after three looks 20 ms apart."""


def editing(*steps: str | float | Callable[[KvalitetApp], object], visit: str | None = PEGASUS,
            ) -> Callable[[Pilot], Awaitable[None]]:
    """A run_before: open a visit (when given) and its editor, then run the steps — keys to press,
    functions of the app (to type into a field, to change a file behind the editor's back), or
    the seconds the screen's once-a-second look at the file takes to tell a change (waited for
    until it has), before clearing what it told."""
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, KvalitetApp)
        await wait(app, pilot)
        if visit is not None:
            select_visit(app, visit)
            await pilot.press("enter")
            await wait(app, pilot)
        for step in steps:
            if isinstance(step, str):
                await pilot.press(step)
            elif isinstance(step, float):
                await _until_told(app, pilot, step)
                app.clear_notifications()
            else:
                step(app)
            await wait(app, pilot)
        app.clear_notifications()
        await pilot.wait_for_scheduled_animations()
        await _steady(app, pilot)

    return run_before


async def _until_told(app: KvalitetApp, pilot: Pilot, seconds: float) -> None:
    """Wait until the edit screen has told that its file changed on disk: its look runs once a
    second, later on a loaded machine — so up to ten times ``seconds``, not a fixed pause."""
    for _ in range(int(seconds * 10 * 10)):
        if getattr(app.screen, "_told_changed", True):
            return
        await pilot.pause(0.1)


def set_field(path: tuple, text: str) -> Callable[[KvalitetApp], None]:
    def step(app: KvalitetApp) -> None:
        screen = app.screen
        assert isinstance(screen, EditScreen)
        widget = next(w for w in screen.fields() if getattr(w, "path", None) == path)
        assert isinstance(widget, Input)
        widget.focus()
        widget.value = text

    return step


SEEN = 1.5
"""How long the edit screen takes to notice a file changed on disk, on a quiet machine (it is
waited for until it has told it, then its message is cleared)."""
HEADING = set_field(("sections", 0, "talked_about", "items", 0, "heading"), "Noget at stå op til, rettet")


def test_edit_screen(snap_compare, app: KvalitetApp) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=editing("e"))


def test_edit_screen_at_a_box(snap_compare, app: KvalitetApp) -> None:
    """Opened from a focused box: the form starts there; the item's heading is edited."""
    assert snap_compare(app, terminal_size=WIDE, run_before=editing("right_square_bracket", "e", HEADING))


def test_edit_screen_with_invalid_values(snap_compare, app: KvalitetApp) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=editing(
        "e", set_field(("employees_total",), "-3"), set_field(("visit_date",), "2017-02-30")))


def test_review_dialog(snap_compare, app: KvalitetApp) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=editing("right_square_bracket", "e", HEADING, "ctrl+s"))


def test_unsaved_changes_dialog(snap_compare, app: KvalitetApp) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=editing("e", HEADING, "escape"))


def test_changed_on_disk_dialog(snap_compare, app: KvalitetApp, library: Path) -> None:
    path = library / f"{PEGASUS}.yaml"

    def change(_app: KvalitetApp) -> None:
        path.write_text(path.read_text(encoding="utf-8").replace("offer: Pegasus", "offer: Theirs"), encoding="utf-8")

    assert snap_compare(app, terminal_size=WIDE, run_before=editing("e", HEADING, change, SEEN, "ctrl+s", "enter"))


def test_save_as_dialog(snap_compare, app: KvalitetApp, library: Path) -> None:
    path = library / f"{PEGASUS}.yaml"

    def change(_app: KvalitetApp) -> None:
        path.write_text(path.read_text(encoding="utf-8").replace("offer: Pegasus", "offer: Theirs"), encoding="utf-8")

    assert snap_compare(app, terminal_size=WIDE, run_before=editing("e", HEADING, change, SEEN, "ctrl+s", "enter",
                                                                   "a"))


def test_recovery_dialog(snap_compare, app: KvalitetApp, library: Path) -> None:
    session = EditSession.open(get_host(), library / f"{PEGASUS}.yaml")
    session.set(("offer",), "Pegasus, before the crash")
    session.write_journal()
    assert snap_compare(app, terminal_size=WIDE, run_before=editing())


def test_new_visit_dialog(snap_compare, app: KvalitetApp) -> None:
    assert snap_compare(app, terminal_size=WIDE, run_before=editing("ctrl+n", visit=None))
