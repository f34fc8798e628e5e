"""Pilot tests of editing in the TUI: every flow driven by keys, headless, on a library in tmp_path.

Each field kind is typed into, items and theme pages are added, removed and moved, invalid values
are refused with the model's message, undo and redo span fields, the review shows the changes,
saving keeps a backup, and the guards (unsaved changes, a file changed on disk, edits left by a
killed process) ask before anything is lost. A PDF's visit is saved as YAML beside it and the
library then lists it once, marked edited.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from kvalitet_core.editing import backup_path
from kvalitet_core.editing.fields import Kind
from kvalitet_core.editing.journal import read_journal
from kvalitet_core.native import load_yaml
from kvalitet_tui.app import KvalitetApp
from kvalitet_tui.dialogs.choice import ChoiceDialog
from kvalitet_tui.dialogs.new_visit import NewVisitDialog
from kvalitet_tui.dialogs.review import ReviewDialog
from kvalitet_tui.dialogs.save_as import SaveAsDialog
from kvalitet_tui.screens.edit import EditScreen
from kvalitet_tui.screens.library import EDITED, LibraryScreen
from kvalitet_tui.screens.visit import VisitScreen
from kvalitet_tui.widgets.edit_fields import EditArea, EditCheck, EmptySlot
from kvalitet_tui.widgets.fast_table import FastTable
from tui_support import select_visit, FIXTURES, drive, make_app, text_of
from tui_support import settle as settle_once

PEGASUS = "pegasus-2017-09-28"
HEADING = ("sections", 0, "talked_about", "items", 0, "heading")




async def settle(app: KvalitetApp, pilot: Pilot) -> None:
    """Wait for the workers and until every page of an edit form is mounted, however busy the
    machine (the shared helper gives up after a while)."""
    await settle_once(app, pilot)
    for _ in range(500):
        if all(getattr(screen, "complete", True) for screen in app.screen_stack):
            return
        await pilot.pause(0.02)


async def until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    """Wait for something the screen does on its once-a-second timer (however busy the machine)."""
    for _ in range(300):
        if condition():
            return
        await pilot.pause(0.1)
    assert condition()


def saved(library: Path, name: str = f"{PEGASUS}.yaml"):
    return load_yaml((library / name).read_text(encoding="utf-8"))[0]


async def open_visit(app: KvalitetApp, pilot: Pilot, visit_id: str, *, asked: bool = False) -> None:
    """Open a visit from the library; ``asked``: a dialog (the recovery offer) is expected over it."""
    select_visit(app, visit_id)
    await pilot.pause()
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, ChoiceDialog if asked else VisitScreen)


async def open_editor(app: KvalitetApp, pilot: Pilot, visit_id: str = PEGASUS) -> EditScreen:
    await open_visit(app, pilot, visit_id)
    await pilot.press("e")
    await settle(app, pilot)
    assert isinstance(app.screen, EditScreen)
    return app.screen


def field(screen: EditScreen, path: tuple) -> Widget:
    return next(w for w in screen.fields() if getattr(w, "path", None) == path)


async def type_into(pilot: Pilot, widget: Widget, text: str) -> None:
    """Focus a field, empty it, and type ``text`` key by key (a newline is enter)."""
    widget.focus()
    assert isinstance(widget, Input | TextArea)
    await pilot.pause()
    widget.clear()
    await pilot.pause()
    await pilot.press(*("enter" if char == "\n" else char for char in text))
    await pilot.pause()


async def save(app: KvalitetApp, pilot: Pilot) -> None:
    """ctrl+s, then confirm the review."""
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    assert isinstance(app.screen, ReviewDialog)
    await pilot.press("enter")
    await settle(app, pilot)


def test_every_kind_of_field_is_edited_and_saved(app: KvalitetApp, library: Path) -> None:
    before = (library / f"{PEGASUS}.yaml").read_bytes()

    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        await type_into(pilot, field(screen, ("offer",)), "Pegasus Dagcenter")
        await type_into(pilot, field(screen, ("unit",)), "Værkstedet")
        await type_into(pilot, field(screen, ("visit_date",)), "2017-09-29")
        await type_into(pilot, field(screen, ("time_range",)), "9.00-15.30")
        await type_into(pilot, field(screen, ("employees_total",)), "7")
        await type_into(pilot, field(screen, ("employees_note",)), "")
        await type_into(pilot, field(screen, ("auditors",)), "Dorte Valentiner-Branth\nJanne Andersen\nOle Hansen")
        await type_into(pilot, field(screen, ("spoke_with",)), "1 leder\n4 medarbejdere")
        await type_into(pilot, field(screen, ("terminology_note",)), "Rapporten siger bruger.")
        await type_into(pilot, field(screen, ("overall_impression",)), "Et godt sted.\n\nMed plads til alle.")
        await type_into(pilot, field(screen, ("core_task",)), "At skabe fællesskab.")
        await type_into(pilot, field(screen, ("sections", 0, "themes")), "1, 2")
        field(screen, ("sections", 5, "continued")).focus()
        await pilot.press("space")  # continued: True → False
        await type_into(pilot, field(screen, HEADING), "Noget at stå op til!")
        await type_into(pilot, field(screen, ("sections", 0, "talked_about", "items", 0, "paragraphs")),
                        "Første afsnit.\n\n- et punkt\n\n1. et nummer")
        await type_into(pilot, field(screen, ("sections", 0, "talked_about", "items", 0, "cards")), "Fællesskab; Tid")
        assessment = field(screen, ("assessment",))
        assert isinstance(assessment, Select)
        assessment.focus()
        await pilot.press("enter")  # open the list: (none), Akkrediteret, … med forbehold (current), Ikke …
        await pilot.press("up", "enter")
        await type_into(pilot, field(screen, ("conclusion",)), "Samlet set godt.")
        await type_into(pilot, field(screen, ("contributes_to", 1, "theme")), "5")
        await type_into(pilot, field(screen, ("contributes_to", 1, "text")), "Kompetencer.")
        assert screen.session.problems == {}
        await save(app, pilot)
        assert isinstance(app.screen, EditScreen) and not screen.session.dirty

    drive(app, flow)
    visit = saved(library)
    assert (visit.offer, visit.unit, visit.visit_date.isoformat(), visit.time_range) == (
        "Pegasus Dagcenter", "Værkstedet", "2017-09-29", "9.00-15.30")
    assert (visit.employees_total, visit.employees_note) == (7, None)
    assert visit.auditors == ["Dorte Valentiner-Branth", "Janne Andersen", "Ole Hansen"]
    assert visit.spoke_with == ["1 leder", "4 medarbejdere"]
    assert visit.terminology_note == "Rapporten siger bruger."
    assert visit.overall_impression == "Et godt sted.\n\nMed plads til alle."
    assert visit.core_task == "At skabe fællesskab."
    assert visit.sections[0].themes == ["1", "2"] and visit.sections[5].continued is False
    item = visit.sections[0].talked_about.items[0]
    assert (item.heading, item.paragraphs, item.cards) == (
        "Noget at stå op til!", ["Første afsnit.", "- et punkt", "1. et nummer"], ["Fællesskab", "Tid"])
    assert visit.assessment == "Akkrediteret"
    assert visit.conclusion == "Samlet set godt."
    assert (visit.contributes_to[1].theme, visit.contributes_to[1].text) == ("5", "Kompetencer.")
    assert backup_path(library / f"{PEGASUS}.yaml").read_bytes() == before


def test_items_and_pages_are_added_removed_and_moved(app: KvalitetApp, library: Path) -> None:
    original = saved(library)

    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        field(screen, HEADING).focus()
        await pilot.press("alt+n")  # a new item after the first
        await settle(app, pilot)
        new_heading = ("sections", 0, "talked_about", "items", 1, "heading")
        assert app.focused is field(screen, new_heading)
        await pilot.press(*"Nyt emne")
        await pilot.press("alt+up")  # to the top
        await settle(app, pilot)
        assert app.focused is field(screen, HEADING) and screen.session.value(HEADING) == "Nyt emne"
        field(screen, ("sections", 1, "points_to", "items", 0, "paragraphs")).focus()
        await pilot.press("alt+d")
        await settle(app, pilot)
        assert isinstance(app.focused, EmptySlot) and app.focused.path == ("sections", 1, "points_to", "items")
        await pilot.press("alt+n")  # into the now empty box
        await settle(app, pilot)
        await pilot.press(*"Fokus")
        field(screen, ("sections", 8, "themes")).focus()
        await pilot.press("alt+pageup")  # theme 7's page before theme 6's
        await settle(app, pilot)
        assert screen.session.value(("sections", 7, "themes")) == ["7"]
        await pilot.press("alt+x")  # and deleted
        await settle(app, pilot)
        await pilot.press("alt+p")  # a new page after theme 6's (now the one focused): continued
        await settle(app, pilot)
        await pilot.press("ctrl+s", "enter")
        await settle(app, pilot)

    drive(app, flow)
    visit = saved(library)
    box = visit.sections[0].talked_about
    assert [item.heading for item in box.items[:2]] == ["Nyt emne", original.sections[0].talked_about.items[0].heading]
    assert [item.heading for item in visit.sections[1].points_to.items] == ["Fokus"]
    assert [s.themes for s in visit.sections][-3:] == [["5"], ["6"], ["6"]]
    assert visit.sections[-1].continued and visit.sections[-1].talked_about.is_empty


def test_invalid_input_is_marked_with_the_models_message_and_not_saved(app: KvalitetApp, library: Path) -> None:
    before = (library / f"{PEGASUS}.yaml").read_bytes()

    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        date = field(screen, ("visit_date",))
        await type_into(pilot, date, "2017-02-30")
        assert "day value is outside expected range" in str(date.border_subtitle)
        assert date.has_class("-invalid")
        count = field(screen, ("employees_total",))
        await type_into(pilot, count, "-3")
        assert "greater than or equal to 0" in str(count.border_subtitle)
        themes = field(screen, ("sections", 2, "themes"))
        await type_into(pilot, themes, "3a, 9")
        assert "'9' is not a theme of sof-kvalitetsmodel-3.0" in str(themes.border_subtitle)
        status = text_of(screen.query_one("#edit-status"))
        assert "problems" in status and "not saved" in status
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EditScreen)  # no review of an invalid visit
        assert any(n.severity == "error" and "problem" in n.message for n in app._notifications)
        assert getattr(app.focused, "path", None) in (("visit_date",), ("employees_total",))
        await type_into(pilot, date, "2017-09-28")
        await type_into(pilot, count, "5")
        await pilot.press("f8")
        assert app.focused is themes
        await type_into(pilot, themes, "3a")
        assert screen.session.problems == {} and not date.has_class("-invalid")
        assert not screen.session.dirty

    drive(app, flow)
    assert (library / f"{PEGASUS}.yaml").read_bytes() == before


def test_undo_and_redo_across_fields_and_a_removed_page(app: KvalitetApp, library: Path) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        offer = field(screen, ("offer",))
        await type_into(pilot, offer, "Andet navn")
        screen.session.seal()
        heading = field(screen, HEADING)
        await type_into(pilot, heading, "Ny")
        field(screen, ("sections", 3, "themes")).focus()
        await pilot.press("alt+x")
        await settle(app, pilot)
        assert len(screen.session.data["sections"]) == 8
        await pilot.press("ctrl+z")  # the page comes back
        await settle(app, pilot)
        assert screen.session.value(("sections", 3, "themes")) == ["3b"]
        assert field(screen, ("sections", 3, "themes")).value == "3b"
        field(screen, ("sections", 0, "talked_about", "items", 0, "paragraphs")).focus()
        await pilot.press("ctrl+z")  # inside a text area: still the whole visit's undo
        await settle(app, pilot)
        assert field(screen, HEADING).value == saved(library).sections[0].talked_about.items[0].heading
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert field(screen, ("offer",)).value == "Pegasus" and not screen.session.dirty
        await pilot.press("ctrl+y", "ctrl+y")
        await settle(app, pilot)
        assert field(screen, ("offer",)).value == "Andet navn" and field(screen, HEADING).value == "Ny"
        await pilot.press("ctrl+y")
        await settle(app, pilot)
        assert len(screen.query("SectionEditor")) == 8

    drive(app, flow)


def test_review_shows_the_changes_by_the_compare_engine(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        await type_into(pilot, field(screen, HEADING), "Ny overskrift")
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, ReviewDialog) and not review.confirm
        body = text_of(review.query_one("#review-body"))
        assert "items 1 changed" in body and "Ny overskrift" in body and "Noget at stå op til" in body
        await pilot.press("enter")  # no save from a review opened with ctrl+r
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen and screen.session.dirty

    drive(app, flow)


def test_leaving_or_quitting_with_unsaved_changes_asks(app: KvalitetApp, library: Path) -> None:
    before = (library / f"{PEGASUS}.yaml").read_bytes()

    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        await type_into(pilot, field(screen, HEADING), "Ikke gemt")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # cancel: still editing, nothing lost
        await settle(app, pilot)
        assert app.screen is screen and screen.session.value(HEADING) == "Ikke gemt"
        await pilot.press("ctrl+q")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("d")  # discard
        await settle(app, pilot)
        assert isinstance(app.screen, VisitScreen)
        assert app.screen.visit.sections[0].talked_about.items[0].heading != "Ikke gemt"
        await pilot.press("e")
        await settle(app, pilot)
        await type_into(pilot, field(app.screen, HEADING), "Gemt ved afslutning")
        await pilot.press("ctrl+q")
        await settle(app, pilot)
        await pilot.press("s")  # save, then quit
        await settle(app, pilot)

    drive(app, flow)
    assert (library / f"{PEGASUS}.yaml").read_bytes() != before
    assert saved(library).sections[0].talked_about.items[0].heading == "Gemt ved afslutning"


def test_a_file_changed_on_disk_is_not_overwritten_without_asking(app: KvalitetApp, library: Path) -> None:
    path = library / f"{PEGASUS}.yaml"
    theirs = path.read_text(encoding="utf-8").replace("offer: Pegasus", "offer: Pegasus (theirs)")

    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        await type_into(pilot, field(screen, HEADING), "Mine")
        path.write_text(theirs, encoding="utf-8")
        await save(app, pilot)
        assert isinstance(app.screen, ChoiceDialog) and "changed on disk" in text_of(app.screen.query_one(
            ".choice-message"))
        await pilot.press("escape")  # cancel
        await settle(app, pilot)
        assert path.read_text(encoding="utf-8") == theirs
        await save(app, pilot)
        await pilot.press("a")  # save as
        await settle(app, pilot)
        assert isinstance(app.screen, SaveAsDialog)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen and screen.session.document.target.name == f"{PEGASUS}-edited.yaml"
        await type_into(pilot, field(screen, HEADING), "Mine again")
        (library / f"{PEGASUS}-edited.yaml").write_text("schema: kvalitet/visit\n", encoding="utf-8")
        await save(app, pilot)
        await pilot.press("r")  # reload: the broken file cannot be read; nothing is lost
        await settle(app, pilot)
        assert screen.session.value(HEADING) == "Mine again"
        await save(app, pilot)
        await pilot.press("o")  # overwrite
        await settle(app, pilot)
        assert not screen.session.dirty

    drive(app, flow)
    assert path.read_text(encoding="utf-8") == theirs
    assert saved(library, f"{PEGASUS}-edited.yaml").sections[0].talked_about.items[0].heading == "Mine again"
    assert backup_path(library / f"{PEGASUS}-edited.yaml").read_text(encoding="utf-8") == "schema: kvalitet/visit\n"


def test_reload_takes_the_version_on_disk(app: KvalitetApp, library: Path) -> None:
    path = library / f"{PEGASUS}.yaml"

    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        await type_into(pilot, field(screen, HEADING), "Mine")
        path.write_text(path.read_text(encoding="utf-8").replace("offer: Pegasus", "offer: Theirs"),
                        encoding="utf-8")
        await save(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert field(screen, ("offer",)).value == "Theirs" and not screen.session.dirty
        await pilot.press("ctrl+z")  # the edits are still there to take back
        await settle(app, pilot)
        assert field(screen, HEADING).value == "Mine"

    drive(app, flow)


KILLED_EDITOR = """
import os, signal, sys
from pathlib import Path
from kvalitet_core.editing import EditSession
from kvalitet_core.plugins import get_host
session = EditSession.open(get_host(), Path(sys.argv[1]))
session.set(("sections", 0, "talked_about", "items", 0, "heading"), "Skrevet før nedbruddet")
session.remove(("sections",), 2)
session.write_journal()
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_edits_of_a_killed_process_are_offered_back(app: KvalitetApp, library: Path) -> None:
    path = library / f"{PEGASUS}.yaml"
    before = path.read_bytes()
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(KILLED_EDITOR), str(path)], timeout=120)
    assert done.returncode == -signal.SIGKILL
    assert path.read_bytes() == before

    async def flow(pilot: Pilot) -> None:
        await open_visit(app, pilot, PEGASUS, asked=True)
        await pilot.press("r")  # recover and edit
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, EditScreen) and screen.session.dirty
        assert app.focused is field(screen, HEADING), "the form opens where the recovered edits begin"
        assert field(screen, HEADING).value == "Skrevet før nedbruddet"
        assert len(screen.query("SectionEditor")) == 8
        await save(app, pilot)
        assert not screen.session.journal_path.exists()

    drive(app, flow)
    assert saved(library).sections[0].talked_about.items[0].heading == "Skrevet før nedbruddet"


def test_recovered_edits_can_be_discarded(app: KvalitetApp, library: Path) -> None:
    path = library / f"{PEGASUS}.yaml"
    subprocess.run([sys.executable, "-c", textwrap.dedent(KILLED_EDITOR), str(path)], timeout=120)

    async def flow(pilot: Pilot) -> None:
        await open_visit(app, pilot, PEGASUS, asked=True)
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, VisitScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        await open_visit(app, pilot, PEGASUS)  # asked only once

    drive(app, flow)


def test_the_journal_is_written_while_editing(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        await type_into(pilot, field(screen, HEADING), "Kun i journalen")
        session = screen.session
        # written every second: the journal catches up with the draft (then there is nothing to offer)
        await until(pilot, lambda: session.journal_path.exists() and session.recovery() is None)
        assert read_journal(session.journal_path).data["sections"][0]["talked_about"]["items"][0]["heading"] == \
            "Kun i journalen"
        await pilot.press("escape", "d")
        await settle(app, pilot)
        assert not screen.session.journal_path.exists()

    drive(app, flow)


def test_edit_opens_at_the_focused_box(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        await open_visit(app, pilot, PEGASUS)
        await pilot.press("right_square_bracket", "right_square_bracket")  # theme 2's page
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert getattr(app.focused, "path", None) == ("sections", 1, "talked_about", "items", 0, "heading")

    drive(app, flow)


def test_a_text_area_is_as_tall_as_its_wrapped_text_without_a_resize_event() -> None:
    """A text area wraps on its Resize event, and Textual does not always send one to a widget
    mounted while its container scrolls (on a busy machine the form's last pages got none and
    kept their unwrapped height). The area's height comes from the layout's width instead."""
    text = " ".join(["ord"] * 60)

    class NotTold(EditArea):
        def _on_resize(self, event: events.Resize) -> None:
            event.prevent_default()  # the lost event: no handler of the text area runs

    class Column(App[None]):
        CSS = "EditArea { height: auto; }"

        def compose(self) -> ComposeResult:
            yield Vertical(EditArea(("overall_impression",), Kind.LONG, text, "told"),
                           NotTold(("conclusion",), Kind.LONG, text, "not told"))

    async def flow() -> None:
        app = Column()
        async with app.run_test(size=(50, 40)) as pilot:
            await pilot.pause(0.1)
            told, not_told = app.query(EditArea)
            assert told.outer_size.height > 4
            assert not_told.outer_size.height == told.outer_size.height

    asyncio.run(flow())


def test_a_pdf_visit_is_saved_as_yaml_beside_it_and_listed_once(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = tmp_path / "pdfs"
    folder.mkdir()
    pdf = Path(shutil.copy(FIXTURES / "pdf" / f"{PEGASUS}.pdf", folder / f"{PEGASUS}.pdf"))
    before = pdf.read_bytes()
    app = make_app(folder, tmp_path / "cache")

    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        assert screen.session.document.target == folder / f"{PEGASUS}.yaml" and not screen.session.dirty
        await pilot.press("escape")  # nothing written: the visit is still the PDF's
        await settle(app, pilot)
        assert isinstance(app.screen, VisitScreen) and app.screen.path == pdf and not app.screen.edited
        assert not (folder / f"{PEGASUS}.yaml").exists()
        await pilot.press("e")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, EditScreen)
        await type_into(pilot, field(screen, HEADING), "Rettet efter PDF'en")
        await save(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        visit_screen = app.screen
        assert isinstance(visit_screen, VisitScreen) and visit_screen.path == folder / f"{PEGASUS}.yaml"
        assert visit_screen.sub_title.startswith("edited")
        await pilot.press("escape")
        await settle(app, pilot)
        assert [(row.path, row.visit_id) for row in app.rows] == [(f"{PEGASUS}.yaml", PEGASUS)]
        assert [entry.edited for entry in app.entries.values()] == [True]
        assert isinstance(app.screen, LibraryScreen)  # one escape back, as from any visit
        table = app.screen.query_one("#visits", FastTable)
        assert table.rows[0][0] == EDITED  # the table says so too

    drive(app, flow)
    assert pdf.read_bytes() == before
    visit = saved(folder)
    assert visit.sections[0].talked_about.items[0].heading == "Rettet efter PDF'en"
    assert visit.provenance.source_file == f"{PEGASUS}.pdf" and visit.provenance.importer == "pdf"
    assert not backup_path(folder / f"{PEGASUS}.yaml").exists()


def test_a_new_visit_from_the_template(app: KvalitetApp, library: Path) -> None:
    async def flow(pilot: Pilot) -> None:
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert isinstance(app.screen, NewVisitDialog)
        await pilot.press(*"Nyt Tilbud", "tab", "tab")
        await pilot.press(*"2020-01-02", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, EditScreen) and screen.session.is_new
        assert len(screen.query("SectionEditor")) == 8
        empty = screen.query(EmptySlot).first()
        empty.focus()
        await pilot.press("alt+n", *"Første emne")
        await settle(app, pilot)
        await save(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "nyt-tilbud-2020-01-02" in [row.visit_id for row in app.rows]

    drive(app, flow)
    visit = saved(library, "nyt-tilbud-2020-01-02.yaml")
    assert visit.offer == "Nyt Tilbud" and [s.themes for s in visit.sections][0] == ["1"]
    assert visit.sections[0].talked_about.items[0].heading == "Første emne"


def test_the_checkbox_and_keys_are_listed(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        assert isinstance(field(screen, ("sections", 0, "continued")), EditCheck)
        footer = text_of(screen.query_one("KeyBar"))
        for words in ("Save", "Undo", "Review", "New item", "Delete item", "Next problem", "Back"):
            assert words in footer
        await pilot.press("f1")
        await settle(app, pilot)
        help_text = " ".join(text_of(s) for s in app.screen.query("Static"))
        for words in ("Redo", "Move item up", "New theme page", "Delete theme page", "Move page down", "edit.save"):
            assert words in help_text

    drive(app, flow)


def test_editing_offers_edits_left_unsaved_before_writing_over_them(app: KvalitetApp, library: Path) -> None:
    path = library / f"{PEGASUS}.yaml"

    async def flow(pilot: Pilot) -> None:
        await open_visit(app, pilot, PEGASUS)
        subprocess.run([sys.executable, "-c", textwrap.dedent(KILLED_EDITOR), str(path)], timeout=120)
        await pilot.press("e")  # the journal appeared after the visit was opened: asked now
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # later: no editing, the edits stay in the journal
        await settle(app, pilot)
        assert isinstance(app.screen, VisitScreen)
        await pilot.press("e", "d")  # discard them, and edit afresh
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, EditScreen) and not screen.session.dirty
        assert screen.session.recovery() is None

    drive(app, flow)


def test_a_change_on_disk_is_told_while_editing(app: KvalitetApp, library: Path) -> None:
    path = library / f"{PEGASUS}.yaml"

    async def flow(pilot: Pilot) -> None:
        await open_editor(app, pilot)
        app.clear_notifications()
        path.write_text(path.read_text(encoding="utf-8").replace("offer: Pegasus", "offer: Theirs"), encoding="utf-8")
        await until(pilot, lambda: any("changed on disk" in n.message for n in app._notifications))

    drive(app, flow)


def test_leve_op_til_lines_are_added_removed_and_moved(app: KvalitetApp, library: Path) -> None:
    original = saved(library).contributes_to

    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        field(screen, ("contributes_to", 1, "text")).focus()
        await pilot.press("alt+n")  # a new line after the second
        await settle(app, pilot)
        assert getattr(app.focused, "path", None) == ("contributes_to", 2, "theme")
        await pilot.press("home", "ctrl+k", *"6", "tab", *"Fysiske rammer.")
        await pilot.press("alt+up", "alt+up")  # to the top
        await settle(app, pilot)
        field(screen, ("contributes_to", 2, "text")).focus()
        await pilot.press("alt+d")  # the old second line
        await save(app, pilot)

    drive(app, flow)
    lines = saved(library).contributes_to
    assert [(line.theme, line.text) for line in lines] == [("6", "Fysiske rammer."),
                                                           (original[0].theme, original[0].text)]


def test_theme_ids_are_offered_from_the_quality_model(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = await open_editor(app, pilot)
        themes = field(screen, ("sections", 2, "themes"))
        assert "3a, 3b" in str(themes.border_title)  # the model's ids, in the label
        await type_into(pilot, themes, "1, 3")
        await until(pilot, lambda: themes._suggestion == "1, 3a")
        await pilot.press("right")  # accepts the suggestion, as any suggesting input does
        await pilot.pause()
        assert themes.value == "1, 3a"
        assert screen.session.value(("sections", 2, "themes")) == ["1", "3a"]

    drive(app, flow)
