"""The Excel workbook as staff open it: read back with openpyxl, cell by cell.

The tables must hold exactly what the CSV tables hold (the same rows, typed: dates as dates,
counts as numbers), the matrix what the core's theme cells say; and nothing may be a formula.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import FIXTURE_YAMLS, run_kvalitet
from kvalitet_core import (
    ITEM_COLUMNS,
    VISIT_COLUMNS,
    Box,
    BoxKind,
    Item,
    KvalitetError,
    Options,
    Section,
    Visit,
    theme_cells,
)
from kvalitet_core.native import dump_yaml, load_yaml
from kvalitet_plugins.csv_table import restore
from kvalitet_core.plugins import get_host
from kvalitet_plugins import xlsx
from kvalitet_plugins.xlsx import CELL_LIMIT

ENV = {"KVALITET_PLUGINS": "native,xlsx,csv"}
INPUTS = [str(path) for path in FIXTURE_YAMLS]


def visits() -> list[Visit]:
    return [visit for path in FIXTURE_YAMLS for visit in load_yaml(path.read_text(encoding="utf-8"))]


def convert(tmp_path: Path, *args: str, name: str = "out.xlsx") -> Path:
    target = tmp_path / name
    done = run_kvalitet("convert", *args, "--to", "xlsx", "-o", str(target), env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    return target


@pytest.fixture(scope="module")
def fixtures_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert(tmp_path_factory.mktemp("xlsx"), *INPUTS, "-j", "1")


def open_workbook(path: Path | bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(path) if isinstance(path, bytes) else path)


def as_text(value: object) -> str:
    """A cell as the CSV spells it."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return "" if value is None else str(value)


def csv_rows(table: str) -> list[list[str]]:
    done = run_kvalitet("convert", *INPUTS, "--to", "csv", "--table", table, env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8"), newline="")))
    return [[restore(cell) for cell in row] for row in rows]


def body(sheet: Worksheet) -> list[tuple]:
    return list(sheet.iter_rows(min_row=2, values_only=True))


def book_rows(path: Path, sheet: str) -> list[tuple]:
    return list(open_workbook(path)[sheet].iter_rows(min_row=2))


def test_sheets_frozen_filtered_and_wrapped(fixtures_workbook: Path) -> None:
    book = open_workbook(fixtures_workbook)
    assert book.sheetnames == ["Visits", "Items", "Themes"]
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
        assert all(cell.font.b for cell in sheet[1])
    items = book["Items"]
    text = get_column_letter(ITEM_COLUMNS.index("text") + 1)
    assert items[f"{text}2"].alignment.wrap_text
    assert items.column_dimensions[text].width > 3 * items.column_dimensions["H"].width  # text wide, item narrow


@pytest.mark.parametrize(("sheet", "table", "columns"), [("Items", "items", ITEM_COLUMNS),
                                                          ("Visits", "visits", VISIT_COLUMNS)])
def test_tables_hold_the_csv_rows(fixtures_workbook: Path, sheet: str, table: str, columns: tuple) -> None:
    book = open_workbook(fixtures_workbook)
    expected = csv_rows(table)
    assert [cell.value for cell in book[sheet][1]] == list(columns) == expected[0]
    rows = body(book[sheet])
    assert len(rows) == len(expected) - 1
    assert [[as_text(value) for value in row] for row in rows] == expected[1:]


def test_dates_are_excel_dates_and_counts_numbers(fixtures_workbook: Path) -> None:
    book = open_workbook(fixtures_workbook)
    column = VISIT_COLUMNS.index("visit_date") + 1
    dated = [visit for visit in visits() if visit.visit_date]
    cells = [book["Visits"].cell(row, column) for row in range(2, len(visits()) + 2)]
    assert dated and all(cell.is_date and cell.number_format == "yyyy-mm-dd" for cell in cells if cell.value)
    assert [cell.value.date() for cell in cells if cell.value] == [visit.visit_date for visit in dated]
    item = book["Items"].cell(2, ITEM_COLUMNS.index("item") + 1)
    assert item.data_type == "n" and item.value == 1


def test_box_cells_are_filled_in_the_box_colours(fixtures_workbook: Path) -> None:
    column = ITEM_COLUMNS.index("box") + 1
    fills: dict[str, set[str]] = {}
    for row in book_rows(fixtures_workbook, "Items"):
        cell = row[column - 1]
        fills.setdefault(cell.value, set()).add(cell.fill.fgColor.rgb if cell.fill.fill_type else None)
    for kind in BoxKind:
        assert fills[kind.value] == {"FF" + kind.colour.lstrip("#").upper()}
    assert fills["overall_impression"] == fills["conclusion"] == {None}


def test_theme_matrix_holds_the_core_theme_cells(fixtures_workbook: Path) -> None:
    sheet = open_workbook(fixtures_workbook)["Themes"]
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["visit_id", "offer", "unit", "visit_date", "assessment"]
    assert header[-2:] == ["no_feedback", "cross_references"]
    themes = [name.removeprefix("theme ") for name in header[5:-2]]
    model = get_host().quality_model("sof-kvalitetsmodel-3.0")
    assert themes == [theme for theme in model.theme_ids if theme in themes]  # 3a before 3b, as the model has it,
    assert visits()[0].theme_ids().index("3b") < visits()[0].theme_ids().index("3a")  # though the first report
    assert sheet.cell(1, 6).comment is not None
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(visits())
    colours = {state: "FF" + kind.colour.lstrip("#") for state, kind in
               (("focus", BoxKind.POINTS_TO), ("cross", BoxKind.SUGGESTIONS), ("none", BoxKind.TALKED_ABOUT))}
    seen = set()
    for visit, row in zip(visits(), rows, strict=True):
        assert row[0].value == visit.id
        cells = theme_cells(visit)
        for theme, cell in zip(themes, row[5:-2], strict=True):
            figures = cells.get(theme)
            assert cell.value == (figures.focus_areas if figures else None)
            if figures and figures.focus_areas:
                state = "focus"
            elif figures and figures.cross_references:
                state = "cross"
            else:
                state = "none" if figures and figures.no_feedback else None
            seen.add(state)
            assert (cell.fill.fgColor.rgb if cell.fill.fill_type else None) == colours.get(state)
        assert (row[-1].value or "") == "; ".join(f"{t} → {', '.join(c.cross_references)}"
                                                  for t, c in cells.items() if c.cross_references)
    assert {"focus", "cross", "none"} <= seen


def hostile_visit() -> Visit:
    return Visit(id="hostile", offer="=SUM(1)", unit="+1+1", organisation="@SUM(A1)", assessment="-2+3",
                 auditors=["=HYPERLINK(\"http://evil\",\"x\")"], spoke_with=["http://example.org", "0123"],
                 overall_impression="=cmd|' /C calc'!A0", visit_date=date(2020, 2, 29),
                 sections=[Section(themes=["1"], talked_about=Box(items=[
                     Item(heading="=SUM(1)", paragraphs=["- a bullet", "1e5"])]))])


def test_no_cell_is_a_formula(tmp_path: Path) -> None:
    source = tmp_path / "hostile.yaml"
    source.write_text(dump_yaml([hostile_visit()]), encoding="utf-8")
    book = open_workbook(convert(tmp_path, str(source), *INPUTS))
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value}"
    heading = book["Items"].cell(3, ITEM_COLUMNS.index("heading") + 1)
    assert (heading.value, heading.data_type) == ("=SUM(1)", "s")
    visit = book["Visits"][2]
    assert [cell.value for cell in visit[:4]] == ["hostile", "=SUM(1)", "+1+1", "@SUM(A1)"]
    spoke_with = visit[VISIT_COLUMNS.index("spoke_with")]
    assert (spoke_with.value, spoke_with.hyperlink) == ("http://example.org; 0123", None)
    assert book["Items"].cell(3, ITEM_COLUMNS.index("text") + 1).value == "- a bullet\n\n1e5"


def test_text_over_the_cell_limit_is_cut_with_a_marker() -> None:
    long = "ord " * 12_000
    visit = Visit(id="long", offer="Lang", overall_impression=long.strip())
    buffer = io.BytesIO()
    get_host().exporters["xlsx"].write([visit], buffer, Options())
    cell = open_workbook(buffer.getvalue())["Items"].cell(2, ITEM_COLUMNS.index("text") + 1)
    assert len(cell.value) == CELL_LIMIT
    assert cell.value.startswith("ord ord") and cell.value.endswith(f"[cut: {len(long.strip()):,} characters, "
                                                                   f"Excel holds {CELL_LIMIT:,}]")
    assert "32,767" in cell.comment.text


def test_same_bytes_every_run_and_with_two_workers(tmp_path: Path, fixtures_workbook: Path) -> None:
    again = convert(tmp_path, *INPUTS, "-j", "1", name="again.xlsx")
    parallel = convert(tmp_path, *INPUTS, "-j", "2", name="parallel.xlsx")
    assert again.read_bytes() == fixtures_workbook.read_bytes() == parallel.read_bytes()


def test_stdout_gets_the_workbook() -> None:
    done = run_kvalitet("convert", INPUTS[0], "--to", "xlsx", env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    assert open_workbook(done.stdout)["Visits"].max_row == 2


def test_a_terminal_is_refused_in_one_line() -> None:
    main, terminal = os.openpty()
    try:
        with os.fdopen(terminal, "wb") as stdout:
            done = run_kvalitet("convert", INPUTS[0], "--to", "xlsx", env=ENV, stdout=stdout)
        assert done.returncode == 2
        [line] = done.stderr.decode().strip().splitlines()
        assert line.endswith("a workbook is binary: write it to a file (-o visits.xlsx), not to a terminal")
    finally:
        os.close(main)


def test_more_rows_than_excel_holds_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "ROW_LIMIT", 5)
    with pytest.raises(KvalitetError, match="more than 5 rows, Excel's limit"):
        get_host().exporters["xlsx"].write(visits()[:1], io.BytesIO(), Options())
