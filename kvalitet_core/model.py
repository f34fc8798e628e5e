"""The domain model: one visit's written feedback.

Importers produce a :class:`Visit`, exporters and the TUI consume it; nothing reaches around it.
Text is stored as the report prints it (Danish, original spelling). Paragraphs inside a box are
plain strings; a bullet is a paragraph that starts with ``"- "`` and a numbered point keeps its
number (``"1. …"``) — the same convention a person uses when editing the YAML by hand.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from kvalitet_core.boxes import BoxKind

SCHEMA_NAME = "kvalitet/visit"
SCHEMA_VERSION = 1

ThemeId = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^\S+$")]


class _Strict(BaseModel):
    """Base for every model class: unknown keys are errors, so a typo in a YAML file is caught."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


_NO_FEEDBACK = re.compile(
    r"gav ikke anledning til særlig feedback|ikke (?:konkrete |kommentarer eller )?forslag",
    re.IGNORECASE,
)
_CROSS_REFERENCE_LEAD = re.compile(
    r"indgår (?:i feedback )?under (?:andre )?tema|^\s*se tema", re.IGNORECASE | re.MULTILINE
)
CONTINUATION_MARKER = re.compile(r"^\s*tema\s+\S+\s+fortsat\b", re.IGNORECASE)
"""The 'Tema 4 fortsat fra side 8.' line that opens the boxes of a continuation page."""
_THEME_MENTION = re.compile(r"\btema(?:er)?\s+((?:\d+\.?[a-z]?\b[\s,og]*)+)", re.IGNORECASE)


class Item(_Strict):
    """One entry of a box: an optional topic heading (bold in the report) and its paragraphs."""

    heading: str | None = None
    paragraphs: list[str] = Field(default_factory=list)
    cards: list[str] = Field(
        default_factory=list,
        description="Words printed in bold inside the text: the 'blue cards' written on the day.",
    )

    @property
    def text(self) -> str:
        """Heading and paragraphs as one text, paragraphs separated by a blank line."""
        parts = ([self.heading] if self.heading else []) + self.paragraphs
        return "\n\n".join(parts)

    @property
    def is_continuation_marker(self) -> bool:
        """Whether the item is only the 'Tema N fortsat fra side M.' line of a continuation page."""
        text = self.text
        return "\n" not in text and bool(CONTINUATION_MARKER.match(text))


class Box(_Strict):
    """One coloured box: an ordered list of items."""

    items: list[Item] = Field(default_factory=list)

    @property
    def text(self) -> str:
        """The whole box as text, the way the reference transcriptions write it."""
        return "\n\n".join(item.text for item in self.items if item.text)

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()

    @property
    def no_feedback(self) -> bool:
        """True when the box says explicitly that the visit gave no feedback or suggestions."""
        text = self.text
        return bool(text) and len(text) < 400 and bool(_NO_FEEDBACK.search(text))

    @property
    def defers(self) -> bool:
        """True when the box only points elsewhere ("… indgår i feedback under andre temaer. Se tema 3a"),
        whether or not it names the themes."""
        text = self.text
        return bool(text) and len(text) <= 600 and bool(_CROSS_REFERENCE_LEAD.search(text))

    @property
    def cross_references(self) -> list[str]:
        """Theme ids the box defers to ("Se tema 3a …"); empty when it names none or does not defer."""
        if not self.defers:
            return []
        found: list[str] = []
        for match in _THEME_MENTION.finditer(self.text):
            for token in re.findall(r"\d+\.?[a-z]?", match.group(1), re.IGNORECASE):
                theme = token.replace(".", "").lower()
                if theme not in found:
                    found.append(theme)
        return found

    @property
    def has_content(self) -> bool:
        """True when the box carries real feedback, not an empty slot, 'no feedback' or a pointer."""
        return not (self.is_empty or self.no_feedback or self.defers)


class Section(_Strict):
    """One theme page: the theme(s) named in its left column and its three boxes."""

    themes: list[ThemeId] = Field(min_length=1)
    continued: bool = Field(False, description="A 'Tema N fortsat fra side M' continuation page.")
    talked_about: Box = Field(default_factory=Box, description="Grey box: 'Vi talte om'.")
    points_to: Box = Field(default_factory=Box, description="Purple box: 'Dette peger på at…'.")
    suggestions: Box = Field(
        default_factory=Box, description="Yellow box: 'Ledere og medarbejdere peger på…'."
    )

    def box(self, kind: BoxKind) -> Box:
        return getattr(self, kind.value)

    def boxes(self) -> list[tuple[BoxKind, Box]]:
        return [(kind, self.box(kind)) for kind in BoxKind]


class Contribution(_Strict):
    """One line of the conclusion's 'Det vil bidrage til, at leve op til:' list."""

    theme: ThemeId
    text: str


class ImportWarning(_Strict):
    """Something an importer was unsure of, kept so a person can check it."""

    message: str
    page: int | None = None
    code: str = "uncertain"


class Provenance(_Strict):
    """Where a visit came from and how sure the importer was."""

    source_file: str | None = None
    source_sha256: str | None = None
    importer: str | None = None
    importer_version: str | None = None
    pages: dict[str, int] = Field(
        default_factory=dict,
        description="Page number per part: 'overall_impression', 'sections.0', 'assessment', ….",
    )
    warnings: list[ImportWarning] = Field(default_factory=list)


class Visit(_Strict):
    """One quality visit's written feedback report."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True)

    schema_name: Literal["kvalitet/visit"] = Field(SCHEMA_NAME, alias="schema")
    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9._-]*$")
    quality_model: str = "sof-kvalitetsmodel-3.0"
    series: str | None = None
    offer: str
    unit: str | None = None
    organisation: str | None = None
    visit_date: date | None = None
    time_range: str | None = Field(None, pattern=r"^\d{1,2}[:.]\d{2}\s*-\s*\d{1,2}[:.]\d{2}$")
    auditor_title: str | None = Field(None, description="The label the report uses: 'Auditorer' or 'Konsulenter'.")
    auditors: list[str] = Field(default_factory=list)
    employees_total: int | None = Field(None, ge=0)
    employees_note: str | None = None
    spoke_with: list[str] = Field(default_factory=list)
    focus_note: str | None = Field(None, description="The 'Temaer' side note on which themes filled the day.")
    terminology_note: str | None = Field(None, description="The 'En opmærksomhed' note on the words the report uses.")
    overall_impression: str = ""
    core_task: str | None = Field(None, description="The core-task definition formulated on the day, if any.")
    sections: list[Section] = Field(default_factory=list)
    assessment: str | None = None
    conclusion: str = ""
    contributes_to: list[Contribution] = Field(default_factory=list)
    provenance: Provenance = Field(default_factory=Provenance)

    @field_validator("auditors", "spoke_with")
    @classmethod
    def _no_blank_entries(cls, value: list[str]) -> list[str]:
        if any(not entry.strip() for entry in value):
            raise ValueError("entries must not be blank")
        return value

    @property
    def title(self) -> str:
        """Offer, unit and date, as a person names a visit."""
        name = f"{self.offer}, {self.unit}" if self.unit else self.offer
        return f"{name} ({self.visit_date.isoformat()})" if self.visit_date else name

    def sections_for(self, theme: str) -> list[Section]:
        """The sections (pages) that name this theme."""
        return [s for s in self.sections if theme in s.themes]

    def theme_ids(self) -> list[str]:
        """Every theme id the report has a page for, in page order, once each."""
        seen: list[str] = []
        for section in self.sections:
            seen.extend(t for t in section.themes if t not in seen)
        return seen


_ACRONYM = re.compile(r"\b(?:\w\.){2,}")
"""Dotted initials ("N.A.B.O.") that name one thing and slug as one word ("nabo")."""


def slugify(text: str) -> str:
    """A file- and id-safe ASCII slug of Danish text ("Projekt Off-Side" → "projekt-off-side")."""
    text = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"})
    text = unicodedata.normalize("NFKD", text.translate(table)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "visit"


def visit_id_for(offer: str, unit: str | None, visit_date: date | None) -> str:
    """The conventional id of a visit: offer, unit and ISO date slugged together."""
    parts = [offer] + ([unit] if unit else []) + ([visit_date.isoformat()] if visit_date else [])
    return slugify(" ".join(parts))
