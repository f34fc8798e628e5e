"""Pilot tests of the TUI: every flow driven by keys, headless, on a library in tmp_path."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from kvalitet_tui.app import KvalitetApp
from kvalitet_tui.dialogs.help import HelpScreen
from kvalitet_tui.dialogs.purpose import PurposeScreen
from kvalitet_tui.screens.compare import CompareScreen
from kvalitet_tui.screens.library import LibraryScreen
from kvalitet_tui.screens.overview import OverviewScreen
from kvalitet_tui.screens.search import SearchScreen
from kvalitet_tui.screens.timeline import TimelineScreen
from kvalitet_tui.screens.visit import VisitScreen
from kvalitet_tui.widgets.diff import DiffPair
from kvalitet_tui.widgets.fast_table import FastTable
from kvalitet_tui.widgets.keybar import KeyBar
from kvalitet_tui.widgets.report import BoxView, ThemeSection
from tui_support import select_visit, drive, make_app, settle, text_of




def library_screen(app: KvalitetApp) -> LibraryScreen:
    assert isinstance(app.screen, LibraryScreen)
    return app.screen


async def go_to_row(app: KvalitetApp, pilot: Pilot, visit_id: str) -> None:
    select_visit(app, visit_id)
    await pilot.pause()


async def open_visit(app: KvalitetApp, pilot: Pilot, visit_id: str) -> VisitScreen:
    await go_to_row(app, pilot, visit_id)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, VisitScreen)
    return app.screen


def test_library_lists_every_visit_with_its_details_and_the_failed_file(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = library_screen(app)
        assert [row.visit_id for row in screen.shown] == [
            "pegasus-2017-09-28", "nabo-2017-10-05", "projekt-off-side-2017-10-26",
            "marianelund-snekken-2018-06-19", "pegasus-2019-10-01"]
        pegasus = screen.shown[0]
        assert pegasus.auditors == "Dorte Valentiner-Branth, Janne Andersen"
        assert pegasus.focus_areas is not None and pegasus.focus_areas > 0
        assert screen.shown[-1].focus_areas == pegasus.focus_areas - 1  # the later visit dropped one
        failures = screen.query_one("#failures", DataTable)
        assert failures.display and failures.row_count == 1
        path, error = failures.get_row_at(0)
        assert path == "broken.yaml" and str(error)
        assert "1 failed" in text_of(screen.query_one("#status", Static))

    drive(app, flow)


def test_sort_by_the_next_column_and_reverse(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = library_screen(app)
        await pilot.press("s")
        assert screen.sort_column == "assessment"
        assert screen.query_one("#visits", FastTable).sort_marker == ("assessment", False)
        assessments = [row.assessment for row in screen.shown]
        assert assessments[:3] == ["Akkrediteret", "Akkrediteret", "Akkrediteret med forbehold"]
        assert assessments[3:] == [None, None]  # empty values last
        await pilot.press("S")
        assert [row.assessment for row in screen.shown][:3] == [
            "Akkrediteret med forbehold", "Akkrediteret", "Akkrediteret"]
        table = screen.query_one("#visits", FastTable)
        assert table.get_row_at(0)[4] == "Akkrediteret med forbehold"

    drive(app, flow)


def test_slash_filters_as_you_type_and_escape_clears(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = library_screen(app)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"pegas")
        assert [row.visit_id for row in screen.shown] == ["pegasus-2017-09-28", "pegasus-2019-10-01"]
        assert screen.query_one("#visits", FastTable).row_count == 2
        await pilot.press(*"us 2019")
        assert [row.visit_id for row in screen.shown] == ["pegasus-2019-10-01"]
        await pilot.press("escape")
        assert len(screen.shown) == 5
        assert isinstance(app.focused, FastTable)

    drive(app, flow)


def test_only_this_offer_and_its_timeline(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = library_screen(app)
        await pilot.press("o")
        assert {row.offer for row in screen.shown} == {"Pegasus"} and len(screen.shown) == 2
        await pilot.press("o")
        assert len(screen.shown) == 5
        await pilot.press("t")
        await settle(app, pilot)
        timeline = app.screen
        assert isinstance(timeline, TimelineScreen)
        table = timeline.query_one("#timeline", DataTable)
        assert [table.get_row_at(i)[0].strip() for i in range(table.row_count)] == ["2017-09-28", "2019-10-01"]
        assert "focus areas" in str(table.get_row_at(1)[3])
        await pilot.press("c")  # the first visit has none before it
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("space", "space")
        assert timeline.marked == [0, 1] and table.get_row_at(1)[0] == "2019-10-01 ●"
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.old.id == "pegasus-2017-09-28" and app.screen.new.id == "pegasus-2019-10-01"

    drive(app, flow)


def test_visit_shows_the_report_with_labelled_boxes(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = await open_visit(app, pilot, "pegasus-2017-09-28")
        assert screen.title == "Pegasus (2017-09-28)"
        meta = text_of(screen.query_one("#meta", Static))
        assert "Konsulenter" in meta or "Auditorer" in meta
        sections = screen.query(ThemeSection)
        assert len(sections) == len(screen.visit.sections)
        boxes = list(sections.first().query(BoxView))
        assert [box.border_title for box in boxes] == [
            "Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…"]
        assert [box.has_class(f"-{name}") for box, name in
                zip(boxes, ("talked-about", "points-to", "suggestions"))] == [True, True, True]
        first_item = screen.visit.sections[0].talked_about.items[0]
        body = text_of(boxes[0])
        assert first_item.heading in str(body)
        assert screen.query_one("#assessment").border_title == "Bedømmelse"
        assert screen.query_one("#conclusion").border_title == "Konklusion"
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)

    drive(app, flow)


def test_cards_bullets_and_numbers_in_a_box(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = await open_visit(app, pilot, "nabo-2017-10-05")
        box = screen.query_one("#section-0-talked_about", BoxView)
        text = box.content
        card = text.plain.index("Brugernes sted")
        assert any(span.start <= card < span.end and "underline" in str(span.style) for span in text.spans)
        heading = text.plain.index("Aktive brugere")
        assert any(span.start == heading and str(span.style) == "bold" for span in text.spans)
        assert "\n  • a bullet of the test\n1. a numbered point of the test" in text.plain

    drive(app, flow)


def test_table_of_contents_jumps_and_purpose_shows(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = await open_visit(app, pilot, "nabo-2017-10-05")
        toc = screen.query_one("#toc", OptionList)
        toc.focus()
        index = next(i for i in range(toc.option_count) if toc.get_option_at_index(i).id == "section-2")
        toc.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        current = screen.current_section()
        assert current is not None and current.section.themes == ["3a"]
        assert isinstance(app.focused, BoxView) and app.focused.section == 2
        await pilot.press("right_square_bracket")
        assert screen.current_section().section.themes == ["3b"]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.current_section().section.themes == ["2"]
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PurposeScreen)
        model = app.quality_model("sof-kvalitetsmodel-3.0")
        purpose = model.theme("2").purpose
        assert purpose and app.screen.themes[0][1] == purpose
        assert "Selvstændighed" in app.screen.themes[0][0]
        await pilot.press("escape")
        assert isinstance(app.screen, VisitScreen)

    drive(app, flow)


def test_cross_reference_jumps_to_the_theme_it_names(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = await open_visit(app, pilot, "nabo-2017-10-05")
        box = screen.query_one("#section-5-points_to", BoxView)
        assert box.border_subtitle == "→ theme 3a (enter)"
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current_section().section.themes == ["3a"]

    drive(app, flow)


def test_warnings_are_shown_where_they_belong(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = await open_visit(app, pilot, "nabo-2017-10-05")
        top = text_of(screen.query_one("#warnings-top", Static))
        assert "2 import warnings" in top and "employees total left blank" in top
        on_page = screen.query_one("#section-0", ThemeSection).query(".warnings")
        assert len(on_page) == 1 and "page 3: theme label missing" in text_of(on_page.first())
        toc = screen.query_one("#toc", OptionList)
        assert any("⚠" in str(toc.get_option_at_index(i).prompt) for i in range(toc.option_count))
        report = screen.query_one("#report")
        await pilot.press("w")
        await pilot.press("w")
        await pilot.pause()
        assert report.scroll_y > 0  # the second press moved to the page-3 warning

    drive(app, flow)


def test_copy_a_whole_box(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = await open_visit(app, pilot, "pegasus-2017-09-28")
        await pilot.press("right_square_bracket")
        assert isinstance(app.focused, BoxView)
        await pilot.press("y")
        box = screen.visit.sections[0].talked_about
        assert app.clipboard == "Vi talte om\n\n" + box.text

    drive(app, flow)


def test_search_and_open_the_hit_at_its_box(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"billard* box:grey")
        assert screen.hits and all(hit.part == "talked_about" for hit in screen.hits)
        assert "billard" in screen.hits[0].snippet.lower()
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        visit = app.screen
        assert isinstance(visit, VisitScreen)
        assert visit.target.box is not None and visit.target.box.value == "talked_about"
        focused = app.focused
        assert isinstance(focused, BoxView) and focused.kind.value == "talked_about"
        assert "billard" in focused.box.text.lower()
        spans = [span for span in focused.content.spans if "reverse" in str(span.style)]
        assert spans  # the hit's words are marked

    drive(app, flow)


def test_search_reports_a_query_it_cannot_take(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        await pilot.press("f")
        await pilot.press(*'"fælles')
        status = text_of(app.screen.query_one("#search-status", Static))
        assert "unbalanced quote" in status

    drive(app, flow)


def test_compare_two_marked_visits_and_step_through_differences(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        await go_to_row(app, pilot, "pegasus-2019-10-01")
        await pilot.press("space")
        await go_to_row(app, pilot, "pegasus-2017-09-28")
        await pilot.press("space", "c")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        title = text_of(screen.query_one("#compare-title", Static))
        assert "Pegasus (2017-09-28)" in title and "Pegasus (2019-10-01)" in title
        differences = screen.differences()
        assert len(differences) >= 3
        assert "focus areas 5 → 4" in text_of(screen.query_one("#summary", Static))
        await pilot.press("n")
        assert screen.position == 0 and app.focused is differences[0]
        await pilot.press("n")
        assert app.focused is differences[1]
        await pilot.press("N", "N")
        assert app.focused is differences[-1]
        assert f"difference {len(differences)}/{len(differences)}" in text_of(
            screen.query_one("#compare-title", Static))
        labels = [pair.change.label for pair in differences]
        assert "assessment" in labels
        changed = next(pair for pair in screen.query(DiffPair) if pair.change.status == "changed"
                       and "meningsfuld" in (pair.change.new or ""))
        new_side = changed.query_one(".new", Static).content
        assert any("underline" in str(span.style) for span in new_side.spans)

    drive(app, flow)


def test_compare_request_from_the_command_line(library: Path, tmp_path: Path) -> None:
    app = make_app(library, tmp_path / "cache", compare=("pegasus-2017-09-28", str(library / "nabo-2017-10-05.yaml")))

    async def flow(pilot: Pilot) -> None:
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.new.id == "nabo-2017-10-05"

    drive(app, flow)


def test_an_unknown_visit_to_compare_is_a_notification(library: Path, tmp_path: Path) -> None:
    app = make_app(library, tmp_path / "cache", compare=("pegasus-2017-09-28", "no-such-visit"))

    async def flow(pilot: Pilot) -> None:
        assert isinstance(app.screen, LibraryScreen)
        assert any("no visit 'no-such-visit'" in n.message for n in app._notifications)

    drive(app, flow)


def test_overview_matrix_opens_a_visit_at_a_theme(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        await pilot.press("m")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        matrix = screen.query_one("#matrix", FastTable)
        assert matrix.row_count == 5
        assert screen.stats is not None and screen.stats.themes[:3] == ["1", "2", "3a"]
        nabo = next(i for i, row in enumerate(screen.stats.rows) if row.visit_id == "nabo-2017-10-05")
        theme5 = 3 + screen.stats.themes.index("5")
        assert matrix.get_row_at(nabo)[theme5] == "→3a"
        matrix.move_cursor(row=nabo)
        matrix.cursor_column = theme5 - 1
        await pilot.press("l")
        await pilot.press("enter")
        await settle(app, pilot)
        visit = app.screen
        assert isinstance(visit, VisitScreen) and visit.visit.id == "nabo-2017-10-05"
        assert visit.current_section().section.themes == ["5"]
        assessments = text_of(screen.query_one("#assessments", Static))
        assert "Pegasus" in assessments

    drive(app, flow)


def test_the_library_follows_its_folder(app: KvalitetApp, library: Path) -> None:
    async def flow(pilot: Pilot) -> None:
        screen = library_screen(app)
        (library / "projekt-off-side-2017-10-26.yaml").unlink()
        (library / "broken.yaml").write_text((library / "pegasus-2019-10-01.yaml").read_text(encoding="utf-8")
                                             .replace("pegasus-2019-10-01", "pegasus-2021-10-01")
                                             .replace("'2019-10-01'", "'2021-10-01'"), encoding="utf-8")
        await pilot.press("r")
        await settle(app, pilot)
        ids = [row.visit_id for row in screen.shown]
        assert "projekt-off-side-2017-10-26" not in ids and ids[-1] == "pegasus-2021-10-01"
        assert not screen.query_one("#failures", DataTable).display
        assert any("Library updated" == n.title for n in app._notifications)

    drive(app, flow)


def test_a_slow_refresh_shows_progress(app: KvalitetApp, monkeypatch: pytest.MonkeyPatch) -> None:
    from kvalitet_core.library.index import Library

    original = Library.refresh

    def slow(self: Library, **options: object) -> object:
        time.sleep(0.8)
        return original(self, **options)  # type: ignore[arg-type]

    async def flow(pilot: Pilot) -> None:
        screen = library_screen(app)
        assert not screen.query_one("#progress").display
        monkeypatch.setattr(Library, "refresh", slow)
        await pilot.press("r")
        await pilot.pause(0.5)
        assert app.indexing and screen.query_one("#progress").display
        assert "indexing…" in text_of(screen.query_one("#status", Static))
        await settle(app, pilot)
        assert not app.indexing and not screen.query_one("#progress").display

    drive(app, flow)


def test_the_app_checks_the_folder_on_a_timer(library: Path, tmp_path: Path) -> None:
    app = make_app(library, tmp_path / "cache")
    app.settings.refresh_seconds = 0.2

    async def flow(pilot: Pilot) -> None:
        (library / "marianelund-snekken-2018-06-19.yaml").unlink()
        for _ in range(40):
            await pilot.pause(0.1)
            if len(app.rows) == 4:
                break
        assert len(app.rows) == 4

    drive(app, flow)


def test_help_lists_the_keys_of_the_screen(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {description: (keys, binding_id) for keys, description, binding_id in app.screen.rows}
        assert rows["Filter"] == ("/", "library.filter")
        assert rows["Cursor down"] == ("↓ / j", "table.down")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)

    drive(app, flow)


def test_the_footer_shows_the_keys_and_a_click_runs_one(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        bar = app.screen.query_one(KeyBar)
        shown = text_of(bar)
        assert "/ Filter" in shown and shown.rstrip().endswith("^p palette") and "? Help" in shown
        start = next(start for start, _end, action, _node in bar.targets if action == "filter")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        assert isinstance(app.focused, Input)

    drive(app, flow, size=(80, 24))


def test_keymap_from_the_config_file_and_theme(library: Path, tmp_path: Path) -> None:
    config = tmp_path / "config" / "kvalitet" / "tui.toml"
    config.parent.mkdir(parents=True)
    config.write_text('theme = "textual-light"\n[keymap]\n"library.filter" = "ctrl+f"\n', encoding="utf-8")
    from kvalitet_tui.config import load_settings

    app = KvalitetApp(library, cache_dir=tmp_path / "cache", settings=load_settings(), jobs=1)

    async def flow(pilot: Pilot) -> None:
        assert app.theme == "textual-light"
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input)
        await pilot.press("escape", "slash")
        assert not isinstance(app.focused, Input)  # / was remapped away
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"

    drive(app, flow)


def test_command_palette_offers_actions_and_visits(app: KvalitetApp) -> None:
    async def flow(pilot: Pilot) -> None:
        await pilot.press("ctrl+p")
        await pilot.press(*"open nabo")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, VisitScreen) and app.screen.visit.id == "nabo-2017-10-05"
        await pilot.press("ctrl+p")
        await pilot.press(*"next theme")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.current_section().section.themes == ["1"]

    drive(app, flow)


def test_the_command_is_a_plugin_command(tmp_path: Path) -> None:
    from conftest import run_kvalitet

    env = {"KVALITET_CACHE_DIR": str(tmp_path)}
    done = run_kvalitet("tui", "--help", env=env)
    assert done.returncode == 0 and b"--compare" in done.stdout
    listing = run_kvalitet("plugins", "--json", env=env)
    import json

    plugins = {p["name"]: p for p in json.loads(listing.stdout)["plugins"]}
    assert plugins["tui"]["commands"] == ["tui"]


def test_file_names_and_errors_cannot_drive_the_terminal(library: Path, tmp_path: Path) -> None:
    """A file name or an error message carrying escape sequences is shown with them made
    visible, as the command line shows them: it never retitles or clears the terminal."""
    hostile = library / "retitle\x1b]0;owned\x07.yaml"
    hostile.write_text("schema: kvalitet/visit\nschema_version: 1\nid: Not A Valid Id\n", encoding="utf-8")
    app = make_app(library, tmp_path / "cache")

    async def flow(pilot: Pilot) -> None:
        failures = app.screen.query_one("#failures", DataTable)
        cells = [str(cell) for index in range(failures.row_count) for cell in failures.get_row_at(index)]
        assert any("retitle" in cell for cell in cells)
        assert not any("\x1b" in cell or "\x07" in cell for cell in cells)

    drive(app, flow)
