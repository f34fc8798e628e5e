"""The two tidy tables of visits — one row per box item, one row per visit — defined once.

Every tabular exporter (the CSV tables, the Excel workbook) writes these rows, so the columns,
their order and what each cell holds are decided here and nowhere else. Cells keep their types
(a date is a ``date``, a count an ``int``, a missing value ``None``): a spreadsheet writes them
as real dates and numbers, a text format spells them with :func:`cell_text`.

``items``
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
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kvalitet_core.model import Visit
from kvalitet_core.paragraphs import split_paragraphs

CellValue = str | int | date | None
"""What one cell of a table holds."""

ITEM_COLUMNS = ("visit_id", "offer", "unit", "visit_date", "section", "themes", "box", "item",
                "heading", "text")
VISIT_COLUMNS = ("visit_id", "offer", "unit", "organisation", "visit_date", "time_range", "auditors",
                 "employees_total", "spoke_with", "assessment", "source")
LIST_SEPARATOR = "; "
THEME_SEPARATOR = ";"


def cell_text(value: CellValue) -> str:
    """A cell as plain text: dates in ISO form, a missing value empty."""
    return "" if value is None else str(value)


def item_rows(visit: Visit) -> Iterator[tuple[CellValue, ...]]:
    """The visit's box items in report order, as ``items`` rows (``ITEM_COLUMNS``)."""
    lead = (visit.id, visit.offer, visit.unit, visit.visit_date)

    def free_text(box: str, text: str) -> Iterator[tuple[CellValue, ...]]:
        for position, paragraph in enumerate(split_paragraphs(text), 1):
            yield (*lead, 0, "", box, position, None, paragraph)

    yield from free_text("overall_impression", visit.overall_impression)
    for number, section in enumerate(visit.sections, 1):
        themes = THEME_SEPARATOR.join(section.themes)
        for kind, box in section.boxes():
            for position, item in enumerate(box.items, 1):
                yield (*lead, number, themes, kind.value, position, item.heading, "\n\n".join(item.paragraphs))
    yield from free_text("conclusion", visit.conclusion)
    for position, contribution in enumerate(visit.contributes_to, 1):
        yield (*lead, 0, "", "contributes_to", position, contribution.theme, contribution.text)


def visit_row(visit: Visit) -> tuple[CellValue, ...]:
    """The visit's ``visits`` row (``VISIT_COLUMNS``)."""
    return (visit.id, visit.offer, visit.unit, visit.organisation, visit.visit_date, visit.time_range,
            LIST_SEPARATOR.join(visit.auditors), visit.employees_total, LIST_SEPARATOR.join(visit.spoke_with),
            visit.assessment, visit.provenance.source_file)
