"""How each editable field is typed as text, and read back: the forms of a front end use these.

A person types text; the model wants a date, a count, a list of names. Each kind here turns a
value into the text shown and the text typed back into the value stored in the draft. What
cannot be read is stored as typed (a date "2017-02-30", a count "tre"), so that the model's own
validation names the problem at the field rather than the text being silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from kvalitet_core.labels import field_label


class Kind(Enum):
    TEXT = "text"                # a required line of text
    OPTIONAL = "optional"        # a line, or nothing (None)
    LONG = "long"                # free text over several lines
    OPTIONAL_LONG = "optional_long"
    DATE = "date"                # ISO date, or nothing
    COUNT = "count"              # a whole number, or nothing
    LINES = "lines"              # a list, one entry per line
    PARAGRAPHS = "paragraphs"    # a list, paragraphs separated by a blank line
    CARDS = "cards"              # a list, entries separated by ';'
    THEMES = "themes"            # theme ids, separated by ',' or spaces


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: Kind
    hint: str = ""

    @property
    def label(self) -> str:
        return field_label(self.name)


METADATA = (
    FieldSpec("offer", Kind.TEXT), FieldSpec("unit", Kind.OPTIONAL), FieldSpec("organisation", Kind.OPTIONAL),
    FieldSpec("series", Kind.OPTIONAL), FieldSpec("visit_date", Kind.DATE, "YYYY-MM-DD"),
    FieldSpec("time_range", Kind.OPTIONAL, "9.00-15.30"), FieldSpec("auditor_title", Kind.OPTIONAL),
    FieldSpec("auditors", Kind.LINES, "one per line"), FieldSpec("employees_total", Kind.COUNT),
    FieldSpec("employees_note", Kind.OPTIONAL), FieldSpec("spoke_with", Kind.LINES, "one per line"),
    FieldSpec("focus_note", Kind.OPTIONAL_LONG), FieldSpec("terminology_note", Kind.OPTIONAL_LONG),
)
"""The 'Oplysninger om besøget' fields in the order the report prints them."""

TEXTS = (FieldSpec("overall_impression", Kind.LONG), FieldSpec("core_task", Kind.OPTIONAL_LONG))

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def to_text(kind: Kind, value: Any) -> str:
    """The text a field shows for a value of the draft."""
    if value is None:
        return ""
    if kind is Kind.LINES:
        return "\n".join(value)
    if kind is Kind.PARAGRAPHS:
        return "\n\n".join(value)
    if kind is Kind.CARDS:
        return "; ".join(value)
    if kind is Kind.THEMES:
        return ", ".join(value)
    return str(value)


def from_text(kind: Kind, text: str) -> Any:
    """The draft value of typed text (see the module's note on what cannot be read)."""
    if kind in (Kind.TEXT, Kind.LONG):
        return text
    if kind in (Kind.OPTIONAL, Kind.OPTIONAL_LONG):
        return text if text.strip() else None
    if kind is Kind.DATE:
        text = text.strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return text
    if kind is Kind.COUNT:
        text = text.strip()
        return None if not text else int(text) if re.fullmatch(r"-?\d{1,9}", text) else text
    if kind is Kind.LINES:
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind is Kind.PARAGRAPHS:
        return [part.strip("\n").rstrip() for part in _BLANK_LINE.split(text) if part.strip()]
    if kind is Kind.CARDS:
        return [card.strip() for card in text.split(";") if card.strip()]
    return [theme for theme in re.split(r"[\s,]+", text) if theme]
