"""Figures over many visits: the theme × visit matrix, assessments over time, frequent topics.

What counts as a focus area is defined here once, because the matrix, the compare summary and
anyone else counting them must agree: an item of the purple box ("Dette peger på at…") that
carries real feedback — not "no feedback", not a pointer to another theme, not the "Tema 4
fortsat fra side 8" line a continuation page repeats.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from pydantic import BaseModel, Field

from kvalitet_core.model import Box, Item, Visit

def is_focus_area(item: Item) -> bool:
    """Whether a purple-box item is a focus area: it carries feedback of its own."""
    return not item.is_continuation_marker and Box(items=[item]).has_content


def focus_areas(box: Box) -> list[Item]:
    """The focus areas of a purple box."""
    return [item for item in box.items if is_focus_area(item)]


def count_focus_areas(visit: Visit) -> int:
    """All focus areas of a visit, over every theme page."""
    return sum(len(focus_areas(section.points_to)) for section in visit.sections)


class ThemeCell(BaseModel):
    """One visit's purple-box figures for one theme, over every page that names the theme."""

    focus_areas: int = 0
    no_feedback: bool = False
    cross_references: list[str] = Field(default_factory=list)


class VisitRow(BaseModel):
    """One visit's row of the matrix."""

    visit_id: str
    offer: str
    unit: str | None
    visit_date: date | None
    assessment: str | None
    cells: dict[str, ThemeCell]
    """Theme id → figures; a theme without a page in the report has no cell."""


class AssessmentPoint(BaseModel):
    visit_id: str
    visit_date: date | None
    assessment: str | None


class HeadingCount(BaseModel):
    """A topic heading, counted over all visits after normalising case and punctuation."""

    heading: str
    count: int
    spelling: str
    """The most common spelling, for display."""


class LibraryStats(BaseModel):
    """Everything ``kvalitet stats`` shows."""

    themes: list[str]
    rows: list[VisitRow]
    assessments: dict[str, list[AssessmentPoint]]
    """Offer (with unit) → its visits' assessments in date order."""
    headings: list[HeadingCount]


def theme_cells(visit: Visit) -> dict[str, ThemeCell]:
    """The visit's purple-box figures per theme; a page naming two themes counts for both."""
    cells: dict[str, ThemeCell] = {}
    for section in visit.sections:
        box = section.points_to
        for theme in section.themes:
            cell = cells.setdefault(theme, ThemeCell())
            cell.focus_areas += len(focus_areas(box))
            cell.no_feedback = cell.no_feedback or box.no_feedback
            cell.cross_references += [ref for ref in box.cross_references if ref not in cell.cross_references]
    return cells


def normalise_heading(heading: str) -> str:
    """A heading reduced to its words: case folded, quotes and punctuation dropped, spaces single."""
    text = unicodedata.normalize("NFC", heading).casefold()
    text = re.sub(r"[^\w\s→-]+", " ", text)
    return " ".join(text.split())


def frequent_headings(visits: Iterable[Visit], top: int = 20) -> list[HeadingCount]:
    """The most frequent topic headings of all boxes, most frequent first (ties by heading)."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for visit in visits:
        for section in visit.sections:
            for _, box in section.boxes():
                for item in box.items:
                    if item.heading and (key := normalise_heading(item.heading)):
                        counts[key] += 1
                        spellings[key][item.heading.strip()] += 1
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:top]
    return [HeadingCount(heading=key, count=count, spelling=spellings[key].most_common(1)[0][0])
            for key, count in ranked]


def offer_name(visit: Visit) -> str:
    """Offer and unit as one name: the thing that is visited again every two years."""
    return f"{visit.offer}, {visit.unit}" if visit.unit else visit.offer


def library_stats(visits: Sequence[Visit], theme_order: Sequence[str] = (), top: int = 20) -> LibraryStats:
    """The matrix, assessments over time and frequent headings of these visits.

    Visits are taken in date order; ``theme_order`` (a quality model's theme ids) orders the
    columns, and themes it does not know follow in the order they are first met.
    """
    ordered = sorted(visits, key=lambda v: (v.visit_date is None, v.visit_date or date.min, v.id))
    rows = [VisitRow(visit_id=v.id, offer=v.offer, unit=v.unit, visit_date=v.visit_date, assessment=v.assessment,
                     cells=theme_cells(v)) for v in ordered]
    themes = [t for t in theme_order if any(t in row.cells for row in rows)]
    for row in rows:
        themes += [t for t in row.cells if t not in themes]
    assessments: dict[str, list[AssessmentPoint]] = defaultdict(list)
    for visit in ordered:
        assessments[offer_name(visit)].append(
            AssessmentPoint(visit_id=visit.id, visit_date=visit.visit_date, assessment=visit.assessment))
    return LibraryStats(themes=themes, rows=rows, assessments=dict(sorted(assessments.items())),
                        headings=frequent_headings(ordered, top))


MATRIX_COLUMNS = ("visit_id", "offer", "unit", "visit_date", "assessment", "theme", "focus_areas", "no_feedback",
                  "cross_references")


def matrix_csv(stats: LibraryStats) -> str:
    """The theme × visit matrix as CSV in long form: one row per visit and theme it has a page for."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(MATRIX_COLUMNS)
    for row in stats.rows:
        for theme in stats.themes:
            cell = row.cells.get(theme)
            if cell is not None:
                writer.writerow([row.visit_id, row.offer, row.unit or "",
                                 row.visit_date.isoformat() if row.visit_date else "", row.assessment or "", theme,
                                 cell.focus_areas, int(cell.no_feedback), " ".join(cell.cross_references)])
    return buffer.getvalue()
