"""CSV exporter: tidy tables of visits for pandas, R or a spreadsheet.

Two tables (``--table``), ``items`` (default: one row per box item) and ``visits`` (one row
per visit); their columns are the core's (``kvalitet_core.tables``), shared with every tabular
format.

Dialects (``--dialect``): ``default`` is RFC 4180 (comma, CRLF, UTF-8 without BOM);
``excel-da`` uses ``;`` and a UTF-8 BOM, which Danish Excel opens with æøå intact. Several
visits give one table with one header.

Formula neutralisation, in every dialect: a spreadsheet evaluates a cell that starts with
``=``, ``+``, ``-``, ``@``, tab or CR, so such a cell is written with a leading apostrophe
(``'=1+1``). Bullet paragraphs start with ``"- "`` and are neutralised too (``'- tekst``): a
dash followed by a space is still parsed as a formula by spreadsheets, so no exception is safe.
A cell that itself starts with an apostrophe gets one more, which makes the rule exactly
reversible: a reader recovers every value by removing one leading apostrophe where there is one
(see :func:`restore`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import BinaryIO, Literal

from pydantic import Field

from kvalitet_core import (
    ITEM_COLUMNS,
    VISIT_COLUMNS,
    Options,
    PartsExporter,
    Visit,
    cell_text,
    hookimpl,
    item_rows,
    visit_row,
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ESCAPE = "'"


class CsvOptions(Options):
    table: Literal["items", "visits"] = Field("items", description="items (one row per box item) or visits")
    dialect: Literal["default", "excel-da"] = Field(
        "default", description="default (RFC 4180, comma) or excel-da (';', UTF-8 with BOM)")


def neutralise(value: str) -> str:
    """The cell text a spreadsheet shows as text: formula starts (and apostrophes) get a leading ``'``."""
    return _ESCAPE + value if value.startswith(_FORMULA_START + (_ESCAPE,)) else value


def restore(cell: str) -> str:
    """The original value of a neutralised cell: the inverse of :func:`neutralise`."""
    return cell[1:] if cell.startswith(_ESCAPE) else cell


class CsvExporter(PartsExporter):
    """Writes visits as one tidy CSV table (``--table items|visits``, ``--dialect default|excel-da``).

    The table is its header and then each visit's rows, so a batch renders each visit's rows in
    its worker processes (``render_part``) and only puts the table together at the end.
    """

    name = "csv"
    version = "1"
    extension = ".csv"
    media_type = "text/csv"
    options_model = CsvOptions

    def render_part(self, visit: Visit, options: Options) -> bytes:
        assert isinstance(options, CsvOptions)
        rows = item_rows(visit) if options.table == "items" else [visit_row(visit)]
        return _encode(([neutralise(cell_text(cell)) for cell in row] for row in rows), options)

    def join_parts(self, parts: Iterable[bytes], stream: BinaryIO, options: Options) -> None:
        assert isinstance(options, CsvOptions)
        stream.write(_encode([ITEM_COLUMNS if options.table == "items" else VISIT_COLUMNS], options,
                             bom=options.dialect == "excel-da"))
        for part in parts:
            stream.write(part)


def _encode(rows: Iterable[Sequence[str]], options: CsvOptions, bom: bool = False) -> bytes:
    """Rows as CSV bytes in the chosen dialect (UTF-8; the byte-order mark only where asked)."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";" if options.dialect == "excel-da" else ",", lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + text.getvalue().encode("utf-8")


@hookimpl
def register_exporters(register):
    register(CsvExporter())
