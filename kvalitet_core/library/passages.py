"""What of a visit is searchable: the visit cut into passages, one per box item or free-text part.

A hit should point a reader at one box item, not at a whole report, so each item of each box is
its own passage, carrying the theme(s) of its page and the box it sits in. The overall
impression, the core task, the conclusion and its contributions are passages too, without a box.
"""

from __future__ import annotations

from dataclasses import dataclass

from kvalitet_core.model import BoxKind, Visit

FREE_TEXT_PARTS = ("overall_impression", "core_task", "conclusion", "contributes_to")
"""Parts of a report outside the theme pages, named as the model's fields."""

PARTS: tuple[str, ...] = (*(kind.value for kind in BoxKind), *FREE_TEXT_PARTS)
"""Every value a passage's ``part`` can take: the three box kinds, then the free-text parts."""


@dataclass(frozen=True, slots=True)
class Passage:
    """One searchable piece of a visit and where it sits in the report."""

    text: str
    part: str
    themes: tuple[str, ...] = ()
    section: int | None = None
    item: int | None = None
    heading: str | None = None


def passages(visit: Visit) -> list[Passage]:
    """The visit's passages in reading order; empty items and parts are left out."""
    found: list[Passage] = []
    for part in ("overall_impression", "core_task"):
        text = getattr(visit, part)
        if text:
            found.append(Passage(text=text, part=part))
    for section_index, section in enumerate(visit.sections):
        themes = tuple(section.themes)
        for kind, box in section.boxes():
            for item_index, item in enumerate(box.items):
                if item.text.strip():
                    found.append(Passage(text=item.text, part=kind.value, themes=themes,
                                         section=section_index, item=item_index, heading=item.heading))
    if visit.conclusion:
        found.append(Passage(text=visit.conclusion, part="conclusion"))
    for index, contribution in enumerate(visit.contributes_to):
        found.append(Passage(text=contribution.text, part="contributes_to", themes=(contribution.theme,),
                             item=index))
    return found
