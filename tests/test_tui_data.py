"""The TUI's Textual-free parts: settings, the library chosen at start, query filters, rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kvalitet_core.library.search import SearchFilters
from kvalitet_tui.config import BUNDLED_FIXTURES, choose_library, load_settings, remember_library
from kvalitet_tui.data import VisitRow, filter_rows, parse_query, sort_rows


@pytest.fixture(autouse=True)
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def write_config(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config" / "kvalitet" / "tui.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_settings_default_without_a_file() -> None:
    settings = load_settings()
    assert (settings.theme, settings.keymap, settings.refresh_seconds, settings.problem) == (
        "textual-dark", {}, 2.0, None)


def test_settings_from_the_file(tmp_path: Path) -> None:
    write_config(tmp_path, 'theme = "textual-light"\nrefresh_seconds = 0\n[keymap]\n"visit.copy" = "c"\n')
    settings = load_settings()
    assert (settings.theme, settings.keymap, settings.refresh_seconds, settings.problem) == (
        "textual-light", {"visit.copy": "c"}, 0.0, None)


def test_a_broken_or_wrong_file_is_reported_not_fatal(tmp_path: Path) -> None:
    write_config(tmp_path, "theme = \n")
    assert "tui.toml" in (load_settings().problem or "")
    write_config(tmp_path, 'refresh_seconds = -1\ncolour = "x"\n[keymap]\n"a" = 1\n')
    settings = load_settings()
    assert settings.refresh_seconds == 2.0 and settings.keymap == {}
    assert settings.problem is not None
    for part in ("refresh_seconds", "unknown settings: colour", "[keymap]"):
        assert part in settings.problem


def test_the_last_library_is_opened_again(tmp_path: Path) -> None:
    library = tmp_path / "reports"
    library.mkdir()
    assert choose_library(None) == BUNDLED_FIXTURES
    remember_library(library)
    assert choose_library(None) == library.resolve()
    assert choose_library(tmp_path) == tmp_path
    library.rmdir()
    assert choose_library(None) == BUNDLED_FIXTURES


def test_query_filters_are_taken_out_of_the_search_line() -> None:
    text, filters = parse_query('kerneopgave* tema:3a box:purple offer:"N.A.B.O." since:2017-01-01 '
                                'until:2018-12-31 assessment:akkrediteret')
    assert text == "kerneopgave*"
    assert filters == SearchFilters(theme="3a", part="points_to", offer="N.A.B.O.", since=date(2017, 1, 1),
                                    until=date(2018, 12, 31), assessment="akkrediteret")
    assert parse_query('"fælles faglig" boks:gul') == ('"fælles faglig"', SearchFilters(part="suggestions"))
    with pytest.raises(ValueError):
        parse_query("x since:2017-13-01")


ROWS = [
    VisitRow(1, "a.yaml", "pegasus-2017", "Pegasus", None, date(2017, 9, 28), "Akkrediteret", "Janne Andersen", 5),
    VisitRow(2, "b.yaml", "nabo-2017", "N.A.B.O.", None, date(2017, 10, 5), None, "Åse Mørk", 2),
    VisitRow(3, "c.yaml", "pegasus-2019", "Pegasus", "Syd", date(2019, 1, 1), "Akkrediteret med forbehold", None, None),
]


def test_filter_matches_every_word_in_any_column_ignoring_case() -> None:
    assert [r.key for r in filter_rows(ROWS, "pegasus")] == [1, 3]
    assert [r.key for r in filter_rows(ROWS, "PEGASUS syd")] == [3]
    assert [r.key for r in filter_rows(ROWS, "åse")] == [2]
    assert [r.key for r in filter_rows(ROWS, "", offer="Pegasus")] == [1, 3]
    assert filter_rows(ROWS, "pegasus nabo") == []


def test_sort_keeps_empty_values_last_both_ways() -> None:
    assert [r.key for r in sort_rows(ROWS, "assessment")] == [1, 3, 2]
    assert [r.key for r in sort_rows(ROWS, "assessment", reverse=True)] == [3, 1, 2]
    assert [r.key for r in sort_rows(ROWS, "focus_areas")] == [2, 1, 3]
    assert [r.key for r in sort_rows(ROWS, "offer")] == [2, 1, 3]
