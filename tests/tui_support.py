"""Shared helpers of the TUI tests: a small library in a temporary folder and a ready app.

The library is a copy of the fixture reports plus what the flows need: a second, later visit of
Pegasus (so that timelines and comparisons have two visits of one offer), a visit with import
warnings on known pages, and a file that fails to import. Everything lives under the test's
tmp_path, the index included, and the app never checks the folder on a timer.
"""

from __future__ import annotations

import asyncio
import io
import shutil
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from kvalitet_core.model import ImportWarning
from kvalitet_core.native import dump_yaml, load_yaml
from kvalitet_tui.app import KvalitetApp
from kvalitet_tui.config import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BROKEN = "schema: kvalitet/visit\nschema_version: 1\nid: Not A Valid Id\n"


def later_pegasus() -> str:
    """Pegasus two years on: a focus area of theme 4 dropped, one reworded, assessment changed."""
    visit = load_yaml((FIXTURES / "pegasus-2017-09-28.yaml").read_text(encoding="utf-8"))[0]
    visit.id = "pegasus-2019-10-01"
    visit.visit_date = date(2019, 10, 1)
    visit.assessment = "Akkrediteret"
    section = next(s for s in visit.sections if "4" in s.themes and s.points_to.items)
    section.points_to.items = section.points_to.items[1:]
    first = visit.sections[0].talked_about.items[0]
    first.paragraphs = [first.paragraphs[0].replace("meningsfuld hverdag", "god og meningsfuld hverdag")]
    return dump_yaml([visit])


def warned_nabo() -> str:
    """N.A.B.O. with pages recorded and two warnings (one on theme 1's page, one without a page), and
    a blue card, a bullet and a numbered point in theme 1's grey box."""
    visit = load_yaml((FIXTURES / "nabo-2017-10-05.yaml").read_text(encoding="utf-8"))[0]
    visit.sections[0].talked_about.items[1].cards = ["Brugernes sted"]
    visit.sections[0].talked_about.items[1].paragraphs.append("- a bullet of the test")
    visit.sections[0].talked_about.items[1].paragraphs.append("1. a numbered point of the test")
    visit.provenance.pages = {"overall_impression": 2, "sections.0": 3, "sections.1": 4}
    visit.provenance.warnings = [
        ImportWarning(message="theme label missing; taken from page order", page=3, code="theme-order"),
        ImportWarning(message="employees total left blank in the report", code="metadata"),
    ]
    return dump_yaml([visit])


def make_library(folder: Path, *, broken: bool = True) -> Path:
    """The test library: the four fixtures, the later Pegasus visit, warnings on N.A.B.O., a broken file."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(FIXTURES.glob("*.yaml")):
        shutil.copy(path, folder / path.name)
    (folder / "nabo-2017-10-05.yaml").write_text(warned_nabo(), encoding="utf-8")
    (folder / "pegasus-2019-10-01.yaml").write_text(later_pegasus(), encoding="utf-8")
    if broken:
        (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return folder


def select_visit(app: KvalitetApp, visit_id: str) -> None:
    """Put the library table's cursor on a visit's row (the library screen must be on top)."""
    from kvalitet_tui.screens.library import LibraryScreen
    from kvalitet_tui.widgets.fast_table import FastTable

    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    index = next(i for i, row in enumerate(screen.shown) if row.visit_id == visit_id)
    screen.query_one("#visits", FastTable).move_cursor(row=index, animate=False)


def make_app(root: Path, cache: Path, **options: object) -> KvalitetApp:
    """An app for tests: its own index folder, no blinking cursor, no timer, imports in-process."""
    settings = Settings(cursor_blink=False, refresh_seconds=0)
    return KvalitetApp(root, cache_dir=cache, settings=settings, jobs=1, **options)  # type: ignore[arg-type]


async def settle(app: KvalitetApp, pilot: Pilot) -> None:
    """Wait until every worker is done and the screen has caught up."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    for _ in range(100):  # a visit screen mounts its later pages shortly after its first paint
        if all(getattr(screen, "complete", True) for screen in app.screen_stack):
            break
        await pilot.pause(0.02)
        await app.workers.wait_for_complete()
    await pilot.pause()


def drive(app: KvalitetApp, flow: Callable[[Pilot], Awaitable[None]], size: tuple[int, int] = (120, 40)) -> None:
    """Run a pilot flow against the app, headless, after the first refresh has finished."""
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await flow(pilot)

    asyncio.run(main())


def text_of(widget: Static) -> str:
    """What a Static shows, as plain text (its content rendered by Rich at a fixed width)."""
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()
