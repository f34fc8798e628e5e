"""CSV exporter: tidy tables of visits for pandas, R or a spreadsheet.

Two tables (``--table``):

``items`` (default)
    One row per box item: ``visit_id, offer, unit, visit_date, section, themes, box, item,
    heading, text``. ``section`` is the 1-based index of the theme page (0 for the parts outside
    theme pages), ``themes`` the page's theme ids joined with ``;``, ``box`` one of
    ``overall_impression, talked_about, points_to, suggestions, conclusion, contributes_to``,
    ``item`` the 1-based position in the box, ``text`` the item's paragraphs separated by a blank
    line. The overall impression and the conclusion are free text without topic headings: each
    of their paragraphs is one item, so a long conclusion stays filterable row by row. Each line
    of the conclusion's "leve op til" list is one ``contributes_to`` item whose heading is the
    theme id. Empty boxes have no rows. Rows follow the model one to one, so a continuation
    page's 'Tema 4 fortsat fra side 8.' marker is a row like any item. Blue cards (bold words)
    have no place in plain cells and are not written; the core task is not a box and has no row
    of its own (the reports quote it inside a box, where it is a row).
``visits``
    One row per visit: ``visit_id, offer, unit, organisation, visit_date, time_range, auditors,
    employees_total, spoke_with, assessment, source`` — lists joined with ``"; "``, ``source``
    the file the visit was imported from.

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
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO, Literal

from pydantic import Field

from kvalitet_core.formats import Options, PartsExporter
from kvalitet_core.hookspecs import hookimpl
from kvalitet_core.model import Visit
from kvalitet_core.paragraphs import split_paragraphs

ITEM_COLUMNS = ("visit_id", "offer", "unit", "visit_date", "section", "themes", "box", "item",
                "heading", "text")
VISIT_COLUMNS = ("visit_id", "offer", "unit", "organisation", "visit_date", "time_range", "auditors",
                 "employees_total", "spoke_with", "assessment", "source")
LIST_SEPARATOR = "; "
THEME_SEPARATOR = ";"

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


def _text(value: object) -> str:
    return "" if value is None else str(value)


def item_rows(visit: Visit) -> Iterator[tuple[str, ...]]:
    """The visit's box items in report order, as raw (not yet neutralised) ``items`` rows."""
    lead = (visit.id, visit.offer, _text(visit.unit), _text(visit.visit_date))

    def free_text(box: str, text: str) -> Iterator[tuple[str, ...]]:
        for position, paragraph in enumerate(split_paragraphs(text), 1):
            yield (*lead, "0", "", box, str(position), "", paragraph)

    yield from free_text("overall_impression", visit.overall_impression)
    for number, section in enumerate(visit.sections, 1):
        themes = THEME_SEPARATOR.join(section.themes)
        for kind, box in section.boxes():
            for position, item in enumerate(box.items, 1):
                yield (*lead, str(number), themes, kind.value, str(position), _text(item.heading),
                       "\n\n".join(item.paragraphs))
    yield from free_text("conclusion", visit.conclusion)
    for position, contribution in enumerate(visit.contributes_to, 1):
        yield (*lead, "0", "", "contributes_to", str(position), contribution.theme, contribution.text)


def visit_row(visit: Visit) -> tuple[str, ...]:
    """The visit's ``visits`` row, raw (not yet neutralised)."""
    return (visit.id, visit.offer, _text(visit.unit), _text(visit.organisation), _text(visit.visit_date),
            _text(visit.time_range), LIST_SEPARATOR.join(visit.auditors), _text(visit.employees_total),
            LIST_SEPARATOR.join(visit.spoke_with), _text(visit.assessment),
            _text(visit.provenance.source_file))


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
        return _encode(([neutralise(cell) for cell in row] for row in rows), options)

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
