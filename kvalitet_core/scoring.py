"""How close an imported visit is to a reference transcription of the same report.

Text parts (every box of every section, the overall impression, the conclusion, the
"leve op til" list) are compared word by word, so a lost, added or changed word costs exactly
what it weighs and paragraph layout costs nothing. Metadata and each section's theme ids and
continuation flag are compared exactly: a wrong date is wrong, not 90 % right.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from kvalitet_core.model import BoxKind, Section, Visit

EXACT_FIELDS: tuple[str, ...] = (
    "visit_date", "auditors", "auditor_title", "employees_total", "employees_note", "spoke_with",
    "offer", "unit", "organisation", "series", "time_range", "assessment", "focus_note",
    "terminology_note",
)
"""Metadata fields compared exactly."""

_TOKEN = re.compile(r"\w+(?:[-.'´’]\w+)*|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Word tokens of a text: words (with inner hyphens and dots) and single punctuation marks."""
    return _TOKEN.findall(text)


def similarity(imported: str, reference: str) -> float:
    """Word-level similarity in [0, 1]; two empty texts are identical."""
    left, right = tokens(imported), tokens(reference)
    if not left and not right:
        return 1.0
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    return 2.0 * sum(block.size for block in matcher.get_matching_blocks()) / (len(left) + len(right))


@dataclass(frozen=True, slots=True)
class TextScore:
    """The similarity of one text part."""

    part: str
    similarity: float
    imported_words: int
    reference_words: int
    section: int | None = None
    """The section's index, for a box."""
    box: str | None = None
    """The box kind's value, for a box."""


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """One exactly compared value."""

    field: str
    imported: Any
    reference: Any

    @property
    def equal(self) -> bool:
        return self.imported == self.reference


@dataclass(slots=True)
class Score:
    """The accuracy of one imported visit against its reference."""

    texts: list[TextScore] = field(default_factory=list)
    fields: list[FieldCheck] = field(default_factory=list)

    @property
    def minimum(self) -> float:
        """The worst text similarity (1.0 when there are no texts)."""
        return min((text.similarity for text in self.texts), default=1.0)

    @property
    def mismatches(self) -> list[FieldCheck]:
        return [check for check in self.fields if not check.equal]

    def passes(self, threshold: float) -> bool:
        """True when every text reaches the threshold and every exact field matches."""
        return self.minimum >= threshold and not self.mismatches

    def as_dict(self) -> dict[str, Any]:
        return {
            "minimum": self.minimum,
            "texts": [asdict(text) for text in self.texts],
            "fields": [{**asdict(check), "equal": check.equal} for check in self.fields],
        }


def _text_score(part: str, imported: str, reference: str, section: int | None = None,
                box: str | None = None) -> TextScore:
    return TextScore(part, similarity(imported, reference), len(tokens(imported)), len(tokens(reference)),
                     section, box)


def _section_name(index: int, section: Section | None) -> str:
    themes = "+".join(section.themes) if section else "?"
    return f"sections.{index} [{themes}]"


def _contributions(visit: Visit) -> str:
    return "\n".join(f"Tema {item.theme}. {item.text}" for item in visit.contributes_to)


def score_visit(imported: Visit, reference: Visit) -> Score:
    """Compare an imported visit with the reference visit, part by part."""
    score = Score()
    score.texts.append(_text_score("overall_impression", imported.overall_impression, reference.overall_impression))
    for index in range(max(len(imported.sections), len(reference.sections))):
        mine = imported.sections[index] if index < len(imported.sections) else None
        theirs = reference.sections[index] if index < len(reference.sections) else None
        name = _section_name(index, theirs or mine)
        for kind in BoxKind:
            score.texts.append(_text_score(
                f"{name} {kind.value}",
                mine.box(kind).text if mine else "",
                theirs.box(kind).text if theirs else "",
                index, kind.value,
            ))
        score.fields.append(FieldCheck(f"{name} themes", mine.themes if mine else None,
                                       theirs.themes if theirs else None))
        score.fields.append(FieldCheck(f"{name} continued", mine.continued if mine else None,
                                       theirs.continued if theirs else None))
    score.texts.append(_text_score("conclusion", imported.conclusion, reference.conclusion))
    score.texts.append(_text_score("contributes_to", _contributions(imported), _contributions(reference)))
    for name in EXACT_FIELDS:
        score.fields.append(FieldCheck(name, getattr(imported, name), getattr(reference, name)))
    score.fields.append(FieldCheck("contributes_to themes", [c.theme for c in imported.contributes_to],
                                   [c.theme for c in reference.contributes_to]))
    return score
