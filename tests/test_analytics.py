"""Analytics: the theme × visit matrix, assessments over time, frequent headings, timelines."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date

import pytest

from conftest import FIXTURES, run_kvalitet
from kvalitet_core.analytics import (
    count_focus_areas,
    focus_areas,
    frequent_headings,
    library_stats,
    matrix_csv,
    normalise_heading,
    theme_cells,
)
from kvalitet_core.compare import compare_visits
from kvalitet_core.compare.timeline import timelines
from kvalitet_core.library.index import Library
from kvalitet_core.model import Box, Item, Section, Visit
from kvalitet_core.native import load_yaml
from test_library_index import make_library


def _fixture(name: str) -> Visit:
    return load_yaml((FIXTURES / f"{name}.yaml").read_text("utf-8"))[0]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    folder = tmp_path_factory.mktemp("analytics") / "library"
    make_library(folder, 100, seed=4)
    opened = Library.open(folder, cache_dir=folder.parent / "cache", jobs=1)
    yield opened
    opened.close()


def test_pegasus_matrix_row_as_counted_by_hand():
    cells = {theme: (c.focus_areas, c.no_feedback, c.cross_references)
             for theme, c in theme_cells(_fixture("pegasus-2017-09-28")).items()}
    assert cells == {
        "1": (1, False, []), "2": (0, True, []), "3a": (1, False, []), "3b": (0, True, []),
        "4": (3, False, []),  # Historie → Fremtid, Kerneopgave, Struktur; not the "fortsat" line
        "5": (0, False, ["3a", "4"]), "6": (0, True, []), "7": (0, False, ["4"]),
    }
    assert count_focus_areas(_fixture("pegasus-2017-09-28")) == 5


def test_deferral_without_theme_ids_is_no_focus_area():
    cells = theme_cells(_fixture("nabo-2017-10-05"))
    assert cells["1"].focus_areas == cells["2"].focus_areas == 0
    assert (cells["3a"].focus_areas, cells["4"].focus_areas) == (3, 1)


def test_a_page_of_several_themes_counts_for_each():
    cells = theme_cells(_fixture("marianelund-snekken-2018-06-19"))
    assert cells["1"] == cells["2"] == cells["3b"]
    assert cells["1"].focus_areas == 1  # "Medbestemmelse"; "Selvstændighed" only points to 3a


def test_generated_matrix_agrees_with_the_model(library):
    visits = library.visits()
    stats = library_stats(visits, ["1", "2", "3a", "3b", "4", "5", "6", "7"])
    assert [row.visit_id for row in stats.rows] == [v.id for v in visits]
    assert stats.themes == ["1", "2", "3a", "3b", "4", "5", "6", "7"]
    for visit, row in zip(visits, stats.rows):
        assert set(row.cells) == set(visit.theme_ids())
        for theme, cell in row.cells.items():
            boxes = [s.points_to for s in visit.sections_for(theme)]
            assert cell.focus_areas == sum(len(focus_areas(box)) for box in boxes)
            assert cell.no_feedback == any(box.no_feedback for box in boxes)
            assert set(cell.cross_references) == {ref for box in boxes for ref in box.cross_references}
        compared = compare_visits(visit, visit)
        for section in compared.sections:
            if len(section.themes) == 1:
                assert row.cells[section.themes[0]].focus_areas == section.focus_areas_new
    assert any(cell.no_feedback for row in stats.rows for cell in row.cells.values())
    assert any(cell.cross_references for row in stats.rows for cell in row.cells.values())


def test_assessments_over_time_per_offer(library):
    visits = library.visits()
    stats = library_stats(visits)
    pegasus = stats.assessments["Pegasus"]
    expected = sorted((v for v in visits if v.offer == "Pegasus"), key=lambda v: v.visit_date)
    assert [(p.visit_date, p.assessment) for p in pegasus] == [(v.visit_date, v.assessment) for v in expected]
    assert sum(map(len, stats.assessments.values())) == len(visits)
    changing = [points for points in stats.assessments.values() if len({p.assessment for p in points}) > 1]
    assert changing, "the generated library has offers whose assessment changes"


def test_headings_are_counted_after_normalising():
    assert normalise_heading("”Kerneopgave”.") == normalise_heading("kerneopgave") == "kerneopgave"
    assert normalise_heading("Pegasus: Historie → Fremtid") == "pegasus historie → fremtid"
    visit = Visit(id="x", offer="X", sections=[Section(themes=["1"], talked_about=Box(items=[
        Item(heading="Kerneopgave", paragraphs=["a"]), Item(heading="kerneopgave.", paragraphs=["b"]),
        Item(heading="Kerneopgave", paragraphs=["c"]), Item(heading="Mad", paragraphs=["d"])]))])
    top = frequent_headings([visit])
    assert [(h.heading, h.count, h.spelling) for h in top] == [("kerneopgave", 3, "Kerneopgave"), ("mad", 1, "Mad")]


def test_frequent_headings_of_the_library(library):
    visits = library.visits()
    top = library_stats(visits, top=5).headings
    assert len(top) == 5 and [h.count for h in top] == sorted((h.count for h in top), reverse=True)
    first = top[0]
    counted = sum(1 for v in visits for s in v.sections for _, box in s.boxes() for item in box.items
                  if item.heading and normalise_heading(item.heading) == first.heading)
    assert counted == first.count


def test_matrix_csv_has_one_row_per_visit_and_theme(library):
    stats = library_stats(library.visits())
    rows = list(csv.DictReader(io.StringIO(matrix_csv(stats))))
    assert len(rows) == sum(len(row.cells) for row in stats.rows)
    first = stats.rows[0]
    theme = next(iter(first.cells))
    row = next(r for r in rows if r["visit_id"] == first.visit_id and r["theme"] == theme)
    assert int(row["focus_areas"]) == first.cells[theme].focus_areas
    assert row["no_feedback"] == str(int(first.cells[theme].no_feedback))


def test_timeline_of_one_offer(library):
    visits = library.visits("nabo")  # matches "N.A.B.O."
    assert visits and {v.offer for v in visits} == {"N.A.B.O."}
    [line] = timelines(visits)
    dates = [e.visit.visit_date for e in line.entries]
    assert dates == sorted(dates) and line.offer == "N.A.B.O."
    assert line.entries[0].changes is None
    ordered = sorted(visits, key=lambda v: v.visit_date)
    for previous, current, entry in zip(ordered, ordered[1:], line.entries[1:]):
        assert entry.changes == compare_visits(previous, current).summary
        assert entry.focus_areas == count_focus_areas(current)


def test_timeline_keeps_units_apart():
    one = Visit(id="a-1", offer="Marianelund", unit="Snekken", visit_date=date(2018, 6, 19))
    two = Visit(id="a-2", offer="Marianelund", unit="Skibet", visit_date=date(2018, 7, 1))
    three = Visit(id="a-3", offer="Marianelund", unit="Snekken", visit_date=date(2020, 6, 1), assessment="Akkrediteret")
    found = {t.offer: [e.visit.id for e in t.entries] for t in timelines([three, two, one])}
    assert found == {"Marianelund, Skibet": ["a-2"], "Marianelund, Snekken": ["a-1", "a-3"]}


def test_cli_stats_and_timeline(library):
    environment = {"KVALITET_CACHE_DIR": str(library.db_path.parent)}
    result = run_kvalitet("stats", str(library.root), "--to", "json", "--top", "3", env=environment)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["rows"]) == len(library.entries()) and len(data["headings"]) == 3
    line = run_kvalitet("timeline", str(library.root), "PEGASUS", "--json", env=environment)
    assert json.loads(line.stdout)[0]["offer"] == "Pegasus"
    missing = run_kvalitet("timeline", str(library.root), "Pegasos", env=environment)
    assert missing.returncode == 1 and b"did you mean 'Pegasus'" in missing.stderr
