"""Comparing two visits: align by the report's structure first, then diff words inside each pair.

A word diff of two whole reports drowns the reader: a topic moved from one box to another, or
two paragraphs swapped, shows as pages of red and green. So the report's own structure is
aligned first — metadata field by field, theme pages by theme id (continuation pages merged into
their theme), boxes by kind, box items by heading, else by word similarity above a threshold —
and only then are the aligned texts diffed word by word. What is left unpaired is reported as
added or removed. The result is a pydantic model, so JSON output is a dump of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from difflib import SequenceMatcher
from typing import Literal

from pydantic import BaseModel, Field

from kvalitet_core.analytics import count_focus_areas, is_focus_area, normalise_heading
from kvalitet_core.labels import field_label
from kvalitet_core.model import BoxKind, Item, Visit

SIMILARITY_THRESHOLD = 0.5
"""Two items without a common heading are the same item revised when their word ratio reaches this."""

METADATA_FIELDS = ("offer", "unit", "organisation", "series", "quality_model", "visit_date", "time_range",
                   "auditor_title", "auditors", "employees_total", "employees_note", "spoke_with",
                   "focus_note", "terminology_note", "assessment")
"""The 'Oplysninger om besøget' fields and the assessment, compared as values."""

TEXT_FIELDS = ("overall_impression", "core_task", "conclusion", "contributes_to")
"""The free-text parts outside the theme pages, compared word by word."""

Status = Literal["unchanged", "changed", "added", "removed"]
Op = Literal["equal", "delete", "insert"]


class Segment(BaseModel):
    """A run of words that both texts share, or that only the old or only the new one has."""

    op: Op
    text: str


class TextChange(BaseModel):
    """One aligned pair — a field, a free-text part or a box item — and how it changed."""

    label: str
    """The field name, or the item's heading (else its first words)."""
    status: Status
    old: str | None = None
    new: str | None = None
    similarity: float = 1.0
    segments: list[Segment] = Field(default_factory=list)
    """The word-level differences; empty unless the status is 'changed'."""
    focus_area: bool = False
    """For purple-box items: a focus area in the old or the new visit."""


class BoxChange(BaseModel):
    kind: BoxKind
    items: list[TextChange]

    @property
    def changed(self) -> bool:
        return any(item.status != "unchanged" for item in self.items)


class SectionChange(BaseModel):
    """One theme (or group of themes sharing pages) in both visits."""

    themes: list[str]
    status: Status
    boxes: list[BoxChange]
    focus_areas_old: int
    focus_areas_new: int

    @property
    def name(self) -> str:
        return ("theme " if len(self.themes) == 1 else "themes ") + "+".join(self.themes)


class VisitRef(BaseModel):
    id: str
    title: str
    visit_date: date | None
    assessment: str | None


class Comparison(BaseModel):
    """Two visits compared, old to new."""

    old: VisitRef
    new: VisitRef
    fields: list[TextChange]
    texts: list[TextChange]
    sections: list[SectionChange]
    focus_areas_old: int
    focus_areas_new: int
    summary: str

    @property
    def changed(self) -> bool:
        return any(c.status != "unchanged" for c in [*self.fields, *self.texts]) or any(
            s.status != "unchanged" or any(b.changed for b in s.boxes) for s in self.sections)


# -- word-level differences ------------------------------------------------------------------

_WORD = re.compile(r"(\s*)(\S+)")


def _tokens(text: str) -> list[tuple[str, str]]:
    """Words with the whitespace before each, a paragraph break kept as one blank line."""
    return [("\n\n" if "\n\n" in space else (" " if space else ""), word) for space, word in _WORD.findall(text)]


def word_diff(old: str, new: str) -> list[Segment]:
    """The word-level differences of two texts.

    Whitespace is not diffed: each run of words carries the spacing before its words (a blank
    line where a paragraph breaks), and between two runs there is always a space or a break, so
    that the equal and deleted segments spell the old text and the equal and inserted ones the new.
    """
    a, b = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, [w for _, w in a], [w for _, w in b], autojunk=False)
    segments: list[Segment] = []

    def add(op: Op, tokens: list[tuple[str, str]], space: str) -> None:
        if not tokens:
            return
        text = tokens[0][1] + "".join(gap + word for gap, word in tokens[1:])
        if segments:
            _append(segments, "equal", space or " ")
        _append(segments, op, text)

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", b[j1:j2], b[j1][0] or a[i1][0])
        else:
            add("delete", a[i1:i2], a[i1][0] if i2 > i1 else "")
            add("insert", b[j1:j2], b[j1][0] if j2 > j1 else "")
    return segments


def _append(segments: list[Segment], op: Op, text: str) -> None:
    """Add text to the last segment when it has the same op, else as a new segment."""
    if segments and segments[-1].op == op:
        segments[-1].text += text
    else:
        segments.append(Segment(op=op, text=text))


def similarity(segments: Sequence[Segment]) -> float:
    """How alike the two texts of a word diff are, 0 to 1: difflib's ratio over their words."""
    counts = {"equal": 0, "delete": 0, "insert": 0}
    for segment in segments:
        counts[segment.op] += len(segment.text.split())
    total = 2 * counts["equal"] + counts["delete"] + counts["insert"]
    return 2 * counts["equal"] / total if total else 1.0


def compare_text(label: str, old: str | None, new: str | None) -> TextChange:
    """One aligned pair of values; a missing side makes it added or removed."""
    if old == new:
        return TextChange(label=label, status="unchanged", old=old, new=new)
    if not old:
        return TextChange(label=label, status="added", old=old, new=new, similarity=0.0)
    if not new:
        return TextChange(label=label, status="removed", old=old, new=new, similarity=0.0)
    segments = word_diff(old, new)
    return TextChange(label=label, status="changed", old=old, new=new, similarity=similarity(segments),
                      segments=segments)


# -- alignment -------------------------------------------------------------------------------

Pair = tuple[int | None, int | None]


def align_items(old: Sequence[Item], new: Sequence[Item], threshold: float = SIMILARITY_THRESHOLD) -> list[Pair]:
    """Pairs of indexes (old, new): by equal heading first, then by best word similarity.

    An unpaired item appears with ``None`` on the other side; see :func:`merge_order` for the order.
    """
    pairs: dict[int, int] = {}
    free_new = set(range(len(new)))
    by_heading: dict[str, list[int]] = {}
    for j, item in enumerate(new):
        if item.heading and (key := normalise_heading(item.heading)):
            by_heading.setdefault(key, []).append(j)
    for i, item in enumerate(old):
        candidates = by_heading.get(normalise_heading(item.heading or ""), [])
        if item.heading and candidates:
            pairs[i] = candidates.pop(0)
            free_new.discard(pairs[i])
    old_words = [item.text.split() for item in old]
    new_words = [item.text.split() for item in new]
    scored = []
    for i in (i for i in range(len(old)) if i not in pairs):
        for j in free_new:
            matcher = SequenceMatcher(None, old_words[i], new_words[j], autojunk=False)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                ratio = matcher.ratio()
                if ratio >= threshold:
                    scored.append((-ratio, i, j))
    for _, i, j in sorted(scored):
        if i not in pairs and j in free_new:
            pairs[i] = j
            free_new.discard(j)
    return merge_order(len(old), len(new), pairs)


def merge_order(old_count: int, new_count: int, pairs: dict[int, int]) -> list[Pair]:
    """All old and new indexes as pairs in reading order: the new order, and each removed item
    after every item that preceded it in the old order (so removals never jump ahead)."""
    keyed: list[tuple[tuple[int, int, int], Pair]] = []
    paired_new = set(pairs.values())
    keyed += [((j, 0, 0), (None, j)) for j in range(new_count) if j not in paired_new]
    anchor = -1
    for i in range(old_count):
        if i in pairs:
            anchor = max(anchor, pairs[i])
            keyed.append(((pairs[i], 0, 0), (i, pairs[i])))
        else:
            keyed.append(((anchor, 1, i), (i, None)))
    return [pair for _, pair in sorted(keyed)]


def _label(item: Item) -> str:
    """An item's name in a summary: its heading, else its first words."""
    if item.heading:
        return item.heading.strip()
    words = item.text.split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def _grouped(visit: Visit) -> dict[tuple[str, ...], dict[BoxKind, list[Item]]]:
    """Theme pages merged per theme group, continuation markers dropped, in page order."""
    groups: dict[tuple[str, ...], dict[BoxKind, list[Item]]] = {}
    for section in visit.sections:
        boxes = groups.setdefault(tuple(section.themes), {kind: [] for kind in BoxKind})
        for kind, box in section.boxes():
            boxes[kind] += [item for item in box.items if not item.is_continuation_marker]
    return groups


def _compare_box(kind: BoxKind, old: list[Item], new: list[Item]) -> BoxChange:
    changes = []
    for i, j in align_items(old, new):
        before, after = (old[i] if i is not None else None), (new[j] if j is not None else None)
        label = _label(after or before)  # type: ignore[arg-type]
        change = compare_text(label, before.text if before else None, after.text if after else None)
        change.focus_area = kind is BoxKind.POINTS_TO and any(
            item is not None and is_focus_area(item) for item in (before, after))
        changes.append(change)
    return BoxChange(kind=kind, items=changes)


def _compare_sections(old: Visit, new: Visit) -> list[SectionChange]:
    old_groups, new_groups = _grouped(old), _grouped(new)
    old_keys, new_keys = list(old_groups), list(new_groups)
    pairs = {i: new_keys.index(key) for i, key in enumerate(old_keys) if key in new_groups}
    sections = []
    for i, j in merge_order(len(old_keys), len(new_keys), pairs):
        key = new_keys[j] if j is not None else old_keys[i]  # type: ignore[index]
        empty: dict[BoxKind, list[Item]] = {kind: [] for kind in BoxKind}
        before, after = old_groups.get(key, empty), new_groups.get(key, empty)
        boxes = [_compare_box(kind, before[kind], after[kind]) for kind in BoxKind]
        status: Status = "added" if i is None else "removed" if j is None else (
            "changed" if any(box.changed for box in boxes) else "unchanged")
        sections.append(SectionChange(
            themes=list(key), status=status, boxes=boxes,
            focus_areas_old=sum(map(is_focus_area, before[BoxKind.POINTS_TO])),
            focus_areas_new=sum(map(is_focus_area, after[BoxKind.POINTS_TO]))))
    return sections


def _value(visit: Visit, name: str) -> str | None:
    value = getattr(visit, name)
    if name == "contributes_to":
        return "\n\n".join(f"Tema {c.theme}. {c.text}" for c in value) or None
    if isinstance(value, list):
        return ", ".join(value) or None
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _ref(visit: Visit) -> VisitRef:
    return VisitRef(id=visit.id, title=visit.title, visit_date=visit.visit_date, assessment=visit.assessment)


def compare_visits(old: Visit, new: Visit) -> Comparison:
    """Compare two visits of (typically) one offer, the earlier one first."""
    fields = [compare_text(name, _value(old, name), _value(new, name)) for name in METADATA_FIELDS]
    texts = [compare_text(name, _value(old, name), _value(new, name)) for name in TEXT_FIELDS]
    sections = _compare_sections(old, new)
    focus_old, focus_new = count_focus_areas(old), count_focus_areas(new)
    return Comparison(old=_ref(old), new=_ref(new), fields=fields, texts=texts, sections=sections,
                      focus_areas_old=focus_old, focus_areas_new=focus_new,
                      summary=summarise(fields, texts, sections, focus_old, focus_new))


# -- the summary line ------------------------------------------------------------------------

SUMMARY_DETAILS = 4
"""How many theme-level remarks the summary names before it says how many more there are."""


def summarise(fields: Sequence[TextChange], texts: Sequence[TextChange], sections: Sequence[SectionChange],
              focus_old: int, focus_new: int) -> str:
    """One line: focus-area count, assessment, themes and focus areas that came or went, the rest counted."""
    parts: list[str] = []
    if focus_old != focus_new:
        parts.append(f"focus areas {focus_old} → {focus_new}")
    assessment = next(f for f in fields if f.label == "assessment")
    if assessment.status != "unchanged":
        parts.append(f"assessment {assessment.old or '—'} → {assessment.new or '—'}")
    details: list[str] = []
    counts = {"changed": 0, "added": 0, "removed": 0}
    for section in sections:
        if section.status in ("added", "removed"):
            details.append(f"{section.name} {'new' if section.status == 'added' else 'dropped'}")
        for box in section.boxes:
            for item in box.items:
                if item.focus_area and item.status == "added":
                    details.append(f"{section.name} new focus area '{item.label}'")
                elif item.focus_area and item.status == "removed":
                    details.append(f"{section.name} focus area '{item.label}' dropped")
                elif item.status != "unchanged":
                    counts[item.status] += 1
    if len(details) > SUMMARY_DETAILS:
        more = len(details) - SUMMARY_DETAILS
        details[SUMMARY_DETAILS:] = [f"{more} more theme change{'s' if more > 1 else ''}"]
    parts += details
    other = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    if other:
        parts.append(f"items {other}")
    changed_fields = [c.label for c in [*fields, *texts]
                      if c.status != "unchanged" and c.label not in ("assessment", "visit_date")]
    if changed_fields:
        parts.append("changed: " + ", ".join(field_label(name) for name in changed_fields))
    if parts:
        return "; ".join(parts)
    date_changed = next(f for f in fields if f.label == "visit_date").status != "unchanged"
    return "only the visit date changed" if date_changed else "no changes"

