"""How close an imported visit is to a reference transcription of the same report.

Text parts (every box of every section, the overall impression, the conclusion, the
"leve op til" list) are compared word by word, so a lost, added or changed word costs exactly
what it weighs. Structure is scored apart from the words: where each box's headings, paragraphs
and list items begin, found through the same word alignment, so that a paragraph split in two,
two paragraphs run together, a heading turned into text or a list item that lost its marker
are each found and named, however few words they move. A list item's marker is structure, not
a word: a text dump of a PDF whose bullets are drawn shapes keeps every word of the list and
none of its markers. Metadata and each section's theme ids and continuation flag are compared
exactly: a wrong date is wrong, not 90 % right.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from kvalitet_core.model import Box, BoxKind, Section, Visit

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


HEADING, PARAGRAPH, ITEM = "heading", "paragraph", "list item"
_MARKER = re.compile(r"^- ", re.MULTILINE)
"""A list item's marker at the start of a box's paragraph (:attr:`Box.text` prints it so)."""


def box_words(text: str) -> str:
    """A box's text without its list items' markers: what its word similarity compares."""
    return _MARKER.sub("", text)


@dataclass(frozen=True, slots=True)
class StructureScore:
    """How well the heading and paragraph boundaries of one box match the reference's."""

    part: str
    similarity: float
    """Boundaries found as the reference has them, over all boundaries either side has (1.0 with none)."""
    problems: list[str]
    """Each boundary that differs, in words: "split before «…»", "merged before «…»", …"""
    section: int | None = None
    box: str | None = None


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
    structures: list[StructureScore] = field(default_factory=list)

    @property
    def minimum(self) -> float:
        """The worst text similarity (1.0 when there are no texts)."""
        return min((text.similarity for text in self.texts), default=1.0)

    @property
    def structure_minimum(self) -> float:
        """The worst box structure similarity (1.0 when there are no boxes)."""
        return min((structure.similarity for structure in self.structures), default=1.0)

    @property
    def mismatches(self) -> list[FieldCheck]:
        return [check for check in self.fields if not check.equal]

    def passes(self, threshold: float) -> bool:
        """True when every text and every box's structure reach the threshold and every exact
        field matches."""
        return self.minimum >= threshold and self.structure_minimum >= threshold and not self.mismatches

    def as_dict(self) -> dict[str, Any]:
        return {
            "minimum": self.minimum,
            "structure_minimum": self.structure_minimum,
            "texts": [asdict(text) for text in self.texts],
            "structures": [asdict(structure) for structure in self.structures],
            "fields": [{**asdict(check), "equal": check.equal} for check in self.fields],
        }


def _text_score(part: str, imported: str, reference: str, section: int | None = None,
                box: str | None = None) -> TextScore:
    return TextScore(part, similarity(imported, reference), len(tokens(imported)), len(tokens(reference)),
                     section, box)


def _box_stream(box: Box) -> tuple[list[str], dict[int, str]]:
    """A box's words in order (list markers left out), and where its headings, paragraphs and list
    items begin (word index → kind)."""
    words: list[str] = []
    starts: dict[int, str] = {}
    for item in box.items:
        for kind, text in ([(HEADING, item.heading)] if item.heading else []) + [(PARAGRAPH, p) for p in item.paragraphs]:
            if kind == PARAGRAPH and text.startswith("- "):
                kind, text = ITEM, text[2:]
            found = tokens(text)
            if found:
                starts.setdefault(len(words), kind)
                words += found
    return words, starts


def _quote(words: list[str], start: int, count: int = 6) -> str:
    shown = " ".join(words[start:start + count])
    return f"«{shown}{' …' if start + count < len(words) else ''}»"


def structure_score(part: str, imported: Box, reference: Box, section: int | None = None,
                    box: str | None = None) -> StructureScore:
    """Compare where headings and paragraphs begin in two boxes, through their word alignment.

    Only boundaries at words both sides share are judged (a changed word is the text score's
    business). A boundary the reference has and the import lacks merged two paragraphs (or ran
    a heading into the text); one only the import has split a paragraph; one of the other kind
    turned a heading into a paragraph or back.
    """
    mine, my_starts = _box_stream(imported)
    theirs, their_starts = _box_stream(reference)
    matcher = difflib.SequenceMatcher(None, theirs, mine, autojunk=False)
    to_mine = {block.a + offset: block.b + offset for block in matcher.get_matching_blocks() for offset in range(block.size)}
    to_theirs = {mine_index: their_index for their_index, mine_index in to_mine.items()}
    right, problems = 0, []
    for index, kind in sorted(their_starts.items()):
        if index not in to_mine:
            continue
        found = my_starts.get(to_mine[index])
        if found == kind:
            right += 1
        elif found is None:
            what = "heading run into the text" if kind == HEADING else "paragraphs merged"
            problems.append(f"{what} at {_quote(theirs, index)}")
        else:
            problems.append(f"{kind} read as a {found} at {_quote(theirs, index)}")
    for index, kind in sorted(my_starts.items()):
        if index in to_theirs and to_theirs[index] not in their_starts:
            what = "heading made of text" if kind == HEADING else "paragraph split"
            problems.append(f"{what} at {_quote(mine, index)}")
    judged = right + len(problems)
    return StructureScore(part, right / judged if judged else 1.0, problems, section, box)


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
                box_words(mine.box(kind).text) if mine else "",
                box_words(theirs.box(kind).text) if theirs else "",
                index, kind.value,
            ))
            score.structures.append(structure_score(
                f"{name} {kind.value}", mine.box(kind) if mine else Box(), theirs.box(kind) if theirs else Box(),
                index, kind.value))
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
