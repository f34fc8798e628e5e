"""The folder index: what each visit's purple box says per theme, kept as a small summary.

The index of a folder of hundreds of reports must not hold hundreds of visits in memory, so
each visit is reduced to an :class:`IndexEntry` — a title, a link and one state per theme — as
soon as it is read, and only the entries are kept. Each report page carries its own entry as
JSON in a ``<meta>`` tag, so that a later run into the same folder can list it again.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from kvalitet_core import Box, QualityModel, Visit
from kvalitet_plugins.report_view import (
    ThemeRef,
    danish_date,
    display_name,
    shown_items,
    theme_refs,
)


class FocusState(Enum):
    """What the purple 'Dette peger på at…' box of a theme says, from most to least telling."""

    FOCUS = ("focus", "Fokus", "fokusområder")
    CROSS = ("cross", "Se", "henviser til andre temaer")
    NONE = ("none", "Ingen", "gav ikke anledning til feedback")
    EMPTY = ("empty", "Tom", "boksen er tom")
    ABSENT = ("absent", "–", "temaet har ingen side")

    def __new__(cls, value: str, short: str, meaning: str) -> FocusState:
        member = object.__new__(cls)
        member._value_ = value
        member.short = short
        member.meaning = meaning
        return member


@dataclass(frozen=True, slots=True)
class Cell:
    state: FocusState
    references: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        if self.state is FocusState.CROSS and self.references:
            return f"{self.state.short} {', '.join(self.references)}"
        return self.state.short


def box_state(box: Box) -> Cell:
    """The state of one purple box (a continuation page's 'fortsat' marker is not content)."""
    box = Box(items=shown_items(box))
    if box.has_content:
        return Cell(FocusState.FOCUS)
    if box.defers:
        return Cell(FocusState.CROSS, tuple(box.cross_references))
    if box.no_feedback:
        return Cell(FocusState.NONE)
    return Cell(FocusState.EMPTY)


_RANK = list(FocusState)


@dataclass(slots=True)
class IndexEntry:
    """One visit in the index: its link, title and the state of each theme it has a page for."""

    title: str
    date: str | None
    assessment: str | None
    themes: list[ThemeRef]
    cells: dict[str, Cell] = field(default_factory=dict)
    filename: str = ""
    """The page the entry links to, known once the page is named."""

    def cell(self, theme_id: str) -> Cell:
        return self.cells.get(theme_id, Cell(FocusState.ABSENT))


def summarise(visit: Visit, model: QualityModel | None) -> IndexEntry:
    """Reduce a visit to its index entry. A theme on several pages (a continuation, or a page
    shared by themes) takes the most telling state among them: focus over a cross-reference
    over 'no feedback' over an empty box."""
    entry = IndexEntry(display_name(visit),
                       danish_date(visit.visit_date), visit.assessment, theme_refs(model, visit.theme_ids()))
    for section in visit.sections:
        state = box_state(section.points_to)
        for theme in section.themes:
            known = entry.cells.get(theme)
            if known is None or _RANK.index(state.state) < _RANK.index(known.state):
                entry.cells[theme] = state
    return entry


_META = re.compile(rb'<meta name="kvalitet-index-entry" content="([^"]*)">')


def entry_json(entry: IndexEntry) -> str:
    """The entry as JSON, for the ``<meta>`` tag of its page (the link is the page itself)."""
    data = asdict(entry)
    del data["filename"]
    data["cells"] = {theme: [cell.state.value, list(cell.references)] for theme, cell in entry.cells.items()}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def entry_of_page(head: bytes) -> IndexEntry | None:
    """The entry a report page carries in its first bytes, or None (not one of our pages, or a
    damaged tag: such a file is simply not listed)."""
    found = _META.search(head)
    if found is None:
        return None
    try:
        data: dict[str, Any] = json.loads(html.unescape(found.group(1).decode("utf-8")))
        return IndexEntry(
            title=data["title"], date=data["date"], assessment=data["assessment"],
            themes=[ThemeRef(**ref) for ref in data["themes"]],
            cells={theme: Cell(FocusState(state), tuple(references)) for theme, (state, references) in data["cells"].items()},
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def theme_columns(entries: Iterable[IndexEntry]) -> list[ThemeRef]:
    """The matrix columns: every theme any visit has a page for, in its quality model's order."""
    columns: dict[str, ThemeRef] = {}
    for entry in entries:
        for ref in entry.themes:
            columns.setdefault(ref.id, ref)
    return sorted(columns.values(), key=lambda ref: ref.position)
