"""The CSV export as analysts meet it: exact columns, a round trip through Python's csv module,
Danish Excel's dialect, and formula neutralisation.

Expected cells are computed here from the model, independently of the exporter's own walk.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import FIXTURE_YAMLS, run_kvalitet
from kvalitet_core.model import Box, Contribution, Item, Section, Visit
from kvalitet_core.native import dump_yaml, load_yaml
from kvalitet_plugins.csv_table import CsvExporter, CsvOptions, neutralise, restore

ITEM_COLUMNS = ["visit_id", "offer", "unit", "visit_date", "section", "themes", "box", "item", "heading", "text"]
VISIT_COLUMNS = ["visit_id", "offer", "unit", "organisation", "visit_date", "time_range", "auditors",
                 "employees_total", "spoke_with", "assessment", "source"]
ENV = {"KVALITET_PLUGINS": "native,csv"}
HOSTILE = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "'quoted",
           "- a bullet", "=cmd|' /C calc'!A0"]


def visits() -> list[Visit]:
    return [visit for path in FIXTURE_YAMLS for visit in load_yaml(path.read_text(encoding="utf-8"))]


def expected_items(visit: Visit) -> list[list[str]]:
    """The items table of one visit, spelled out from the issue's definition."""
    lead = [visit.id, visit.offer, visit.unit or "", visit.visit_date.isoformat() if visit.visit_date else ""]
    rows = [lead + ["0", "", "overall_impression", str(n), "", " ".join(p.split())]
            for n, p in enumerate([p for p in visit.overall_impression.split("\n\n") if p.strip()], 1)]
    for number, section in enumerate(visit.sections, 1):
        for box_name in ("talked_about", "points_to", "suggestions"):
            for n, item in enumerate(getattr(section, box_name).items, 1):
                rows.append(lead + [str(number), ";".join(section.themes), box_name, str(n), item.heading or "",
                                    "\n\n".join(item.paragraphs)])
    rows += [lead + ["0", "", "conclusion", str(n), "", " ".join(p.split())]
             for n, p in enumerate([p for p in visit.conclusion.split("\n\n") if p.strip()], 1)]
    rows += [lead + ["0", "", "contributes_to", str(n), c.theme, c.text]
             for n, c in enumerate(visit.contributes_to, 1)]
    return rows


def expected_visit(visit: Visit) -> list[str]:
    def text(value: object) -> str:
        return "" if value is None else str(value)

    return [visit.id, visit.offer, text(visit.unit), text(visit.organisation), text(visit.visit_date),
            text(visit.time_range), "; ".join(visit.auditors), text(visit.employees_total),
            "; ".join(visit.spoke_with), text(visit.assessment), text(visit.provenance.source_file)]


def read(data: bytes, delimiter: str = ",", encoding: str = "utf-8") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline=""), delimiter=delimiter))


def test_cli_gives_exactly_the_item_columns() -> None:
    done = run_kvalitet("convert", *map(str, FIXTURE_YAMLS), "--to", "csv", env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    rows = read(done.stdout)
    assert rows[0] == ITEM_COLUMNS
    assert all(len(row) == len(ITEM_COLUMNS) for row in rows)
    assert [[restore(cell) for cell in row] for row in rows[1:]] == [r for v in visits() for r in expected_items(v)]
    assert {row[6] for row in rows[1:]} <= {"overall_impression", "talked_about", "points_to", "suggestions",
                                           "conclusion", "contributes_to"}
    assert not done.stdout.startswith(b"\xef\xbb\xbf") and b"\r\n" in done.stdout


def test_cli_visits_table_one_header_for_many_inputs() -> None:
    done = run_kvalitet("convert", *map(str, FIXTURE_YAMLS), "--to", "csv", "--table", "visits", env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    rows = read(done.stdout)
    assert rows[0] == VISIT_COLUMNS
    assert [[restore(c) for c in row] for row in rows[1:]] == [expected_visit(v) for v in visits()]


@pytest.mark.parametrize("table", ["items", "visits"])
def test_excel_da_round_trips_every_cell(tmp_path: Path, table: str) -> None:
    target = tmp_path / "table.csv"
    done = run_kvalitet("convert", *map(str, FIXTURE_YAMLS), "--to", "csv", "--dialect", "excel-da",
                        "--table", table, "-o", str(target), env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"\r\n")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    expected = [r for v in visits() for r in expected_items(v)] if table == "items" \
        else [expected_visit(v) for v in visits()]
    assert rows[0] == (ITEM_COLUMNS if table == "items" else VISIT_COLUMNS)
    assert [[restore(cell) for cell in row] for row in rows[1:]] == expected
    if table == "items":
        assert any("æ" in cell or "ø" in cell or "å" in cell for row in rows for cell in row)


def hostile_visit() -> Visit:
    item = Item(heading=HOSTILE[0], paragraphs=["- første punkt", "- andet punkt"])
    return Visit(id="hostile", offer=HOSTILE[1], unit=HOSTILE[2], organisation=HOSTILE[3],
                 auditors=HOSTILE[4:6], spoke_with=HOSTILE[6:], assessment=HOSTILE[0],
                 overall_impression="\n\n".join(HOSTILE),
                 sections=[Section(themes=["1"], talked_about=Box(items=[item]))],
                 contributes_to=[Contribution(theme="4", text=HOSTILE[8])])


@pytest.mark.parametrize("dialect", ["default", "excel-da"])
@pytest.mark.parametrize("table", ["items", "visits"])
def test_formula_starts_are_neutralised_and_restorable(dialect: str, table: str) -> None:
    buffer = io.BytesIO()
    CsvExporter().write([hostile_visit()], buffer, CsvOptions(table=table, dialect=dialect))
    delimiter, encoding = (";", "utf-8-sig") if dialect == "excel-da" else (",", "utf-8")
    rows = read(buffer.getvalue(), delimiter, encoding)[1:]
    cells = [cell for row in rows for cell in row]
    assert cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    visit = hostile_visit()
    expected = expected_items(visit) if table == "items" else [expected_visit(visit)]
    assert [[restore(cell) for cell in row] for row in rows] == expected
    if table == "items":
        assert "'- første punkt\n\n- andet punkt" in cells  # a bullet starting a cell: neutralised too


@pytest.mark.parametrize("value", ["", "plain", "=1", "'", "''=x", "'=x", "- x", "æøå", "a=b"])
def test_neutralise_is_exactly_reversible(value: str) -> None:
    assert restore(neutralise(value)) == value


def test_unknown_option_value_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "v.yaml"
    path.write_text(dump_yaml(visits()[:1]), encoding="utf-8")
    done = run_kvalitet("convert", str(path), "--to", "csv", "--table", "rows", env=ENV)
    assert done.returncode == 2
    assert b"table" in done.stderr
