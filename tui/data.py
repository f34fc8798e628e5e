"""What the screens show, computed without Textual: library rows, filtering, sorting, hit lookup.

Kept apart from the widgets so that it is tested (and benchmarked) as plain functions, and so
that the screens only lay things out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from kvalitet_core.analytics import count_focus_areas
from kvalitet_core.library.index import Library, VisitEntry
from kvalitet_core.library.search import SearchFilters, SearchHit
from kvalitet_core.model import BoxKind, Visit

COLUMNS: tuple[tuple[str, str], ...] = (
    ("offer", "Offer"), ("unit", "Unit"), ("visit_date", "Date"), ("assessment", "Assessment"),
    ("auditors", "Auditors"), ("focus_areas", "Focus"),
)
"""The library table's columns: row attribute and header."""


@dataclass(frozen=True, slots=True)
class VisitRow:
    """One visit of the library table. ``auditors`` and ``focus_areas`` need the visit parsed, so
    they are None until a background worker has filled them in."""

    key: int
    path: str
    visit_id: str
    offer: str
    unit: str | None
    visit_date: date | None
    assessment: str | None
    auditors: str | None = None
    focus_areas: int | None = None
    edited: bool = False
    """The visit was edited and saved beside the document it was imported from."""
    haystack: str = field(init=False, repr=False, compare=False)
    """Everything the filter matches against, case-folded: made once, as the filter reads it for
    every row on every keystroke."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "haystack", " ".join(
            str(v) for v in (self.offer, self.unit, self.visit_date, self.assessment, self.auditors,
                             self.visit_id, self.path, "edited" if self.edited else None) if v).casefold())

    @property
    def title(self) -> str:
        name = f"{self.offer}, {self.unit}" if self.unit else self.offer
        return f"{name} ({self.visit_date.isoformat()})" if self.visit_date else name


def row_of(entry: VisitEntry) -> VisitRow:
    return VisitRow(entry.key, entry.path, entry.visit_id, entry.offer, entry.unit, entry.visit_date,
                    entry.assessment, edited=entry.edited)


@dataclass(frozen=True, slots=True)
class Details:
    """The parts of a row that need the parsed visit."""

    auditors: str
    focus_areas: int


def details_of(visit: Visit) -> Details:
    return Details(", ".join(visit.auditors), count_focus_areas(visit))


def compute_details(library: Library, entries: Sequence[VisitEntry], chunk: int = 200) -> dict[int, Details]:
    """Auditors and focus areas of every entry, parsing the stored visits in chunks (a worker's job)."""
    found: dict[int, Details] = {}
    for start in range(0, len(entries), chunk):
        part = entries[start:start + chunk]
        for entry, visit in zip(part, library.load(part)):
            found[entry.key] = details_of(visit)
    return found


def with_details(rows: Iterable[VisitRow], details: dict[int, Details]) -> list[VisitRow]:
    return [replace(row, auditors=d.auditors, focus_areas=d.focus_areas) if (d := details.get(row.key)) else row
            for row in rows]


def filter_rows(rows: Sequence[VisitRow], text: str, offer: str | None = None) -> list[VisitRow]:
    """The rows whose fields contain every word of ``text`` (any case), of one offer when given."""
    words = text.casefold().split()
    return [row for row in rows
            if (offer is None or row.offer == offer) and all(word in row.haystack for word in words)]


def sort_rows(rows: Sequence[VisitRow], column: str, reverse: bool = False) -> list[VisitRow]:
    """Rows sorted by one column; empty values last whichever the direction, then by date and id."""
    def key(row: VisitRow) -> tuple:
        value = getattr(row, column)
        if isinstance(value, str):
            value = value.casefold()
        return (value is None, value if value is not None else 0)

    ordered = sorted(rows, key=lambda row: (row.visit_date or date.min, row.visit_id))
    present = [row for row in ordered if getattr(row, column) is not None]
    missing = [row for row in ordered if getattr(row, column) is None]
    return sorted(present, key=key, reverse=reverse) + missing


@dataclass(frozen=True, slots=True)
class OfferGroup:
    """One offer's visits, shown under a heading when the library table is grouped by offer."""

    offer: str
    rows: tuple[VisitRow, ...]


def group_by_offer(rows: Sequence[VisitRow]) -> list[OfferGroup]:
    """The rows under their offers: each group where its first row is and its rows in the order
    given, so that grouping keeps whatever order the rows were sorted in."""
    groups: dict[str, list[VisitRow]] = {}
    for row in rows:
        groups.setdefault(row.offer, []).append(row)
    return [OfferGroup(offer, tuple(members)) for offer, members in groups.items()]


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class Target:
    """A place in a visit to open it at: a theme page's box (and item), or a free-text part."""

    section: int | None = None
    box: BoxKind | None = None
    item: int | None = None
    part: str | None = None
    words: tuple[str, ...] = ()
    """Words to highlight there (a search hit's matched words)."""


def locate_hit(visit: Visit, hit: SearchHit) -> Target:
    """Where in the visit a search hit's passage is: the index gives theme(s), box and snippet, and
    the item is the one whose text contains the snippet (its first item with the heading else)."""
    words = tuple(dict.fromkeys(hit.snippet[start:end] for start, end in hit.highlights))
    if hit.part not in {kind.value for kind in BoxKind}:
        return Target(part=hit.part, words=words)
    kind = BoxKind(hit.part)
    core = [fold(piece) for piece in hit.snippet.split("…") if piece.strip()]
    fallback: Target | None = None
    for index, section in enumerate(visit.sections):
        if section.themes != hit.themes:
            continue
        for number, item in enumerate(section.box(kind).items):
            text = fold(item.text)
            if core and all(piece in text for piece in core):
                return Target(section=index, box=kind, item=number, words=words)
            if fallback is None and hit.heading and item.heading == hit.heading:
                fallback = Target(section=index, box=kind, item=number, words=words)
        if fallback is None:
            fallback = Target(section=index, box=kind, words=words)
    return fallback or Target(words=words)


_FILTER = re.compile(r"(?P<key>theme|tema|box|boks|offer|tilbud|since|fra|until|til|assessment|bedømmelse)"
                     r":(?:\"(?P<quoted>[^\"]*)\"|(?P<value>\S+))", re.IGNORECASE)
_FILTER_FIELDS = {"theme": "theme", "tema": "theme", "box": "part", "boks": "part", "offer": "offer",
                  "tilbud": "offer", "since": "since", "fra": "since", "until": "until", "til": "until",
                  "assessment": "assessment", "bedømmelse": "assessment"}
BOX_WORDS = {"grey": "talked_about", "grå": "talked_about", "purple": "points_to", "lilla": "points_to",
             "yellow": "suggestions", "gul": "suggestions"}
"""Box names a user may type instead of the model's (``box:purple`` for ``points_to``)."""


def parse_query(text: str) -> tuple[str, SearchFilters]:
    """A search line split into the full-text query and its ``key:value`` filters
    (``tema:3a box:purple offer:"N.A.B.O." since:2017-01-01 assessment:akkrediteret``).

    A malformed date raises ValueError, which the search screen shows as the reason for no hits.
    """
    values: dict[str, object] = {}
    for match in _FILTER.finditer(text):
        field_name = _FILTER_FIELDS[match["key"].lower()]
        value = match["quoted"] if match["quoted"] is not None else match["value"]
        if field_name in ("since", "until"):
            values[field_name] = date.fromisoformat(value)
        elif field_name == "part":
            values[field_name] = BOX_WORDS.get(value.lower(), value)
        else:
            values[field_name] = value
    return _FILTER.sub(" ", text).strip(), SearchFilters(**values)  # type: ignore[arg-type]


def display_root(root: Path) -> str:
    """How the header names a library: its folder name (full paths make snapshots machine-bound)."""
    return root.name or str(root)
