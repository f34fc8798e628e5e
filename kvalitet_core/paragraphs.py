"""From a box's running text to items: which short lines are topic headings.

When an importer knows which lines were bold it says so; when it only has text (a plain-text
dump, a reference transcription) a heading is recognised by its shape: a short line that is not
a bullet or a numbered point, does not run on (no trailing comma or colon), and is followed by a
longer paragraph or by bullets that it titles.
"""

from __future__ import annotations

import re

from kvalitet_core.model import CONTINUATION_MARKER, Item

_LIST_MARK = re.compile(r"^(?:- |\d+\.\s)")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, whitespace inside each folded to single spaces."""
    return [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]


def looks_like_heading(paragraph: str, following: str | None) -> bool:
    """Whether ``paragraph`` titles what follows it, judged by shape alone."""
    if following is None or _LIST_MARK.match(paragraph) or CONTINUATION_MARKER.match(paragraph):
        return False
    words = paragraph.split()
    if not words or len(words) > 10 or len(paragraph) > 90 or paragraph.endswith((":", ",", ";")):
        return False
    if paragraph.endswith((".", "?", "!")) and len(words) > 8:
        return False
    return bool(_LIST_MARK.match(following)) or len(following) > len(paragraph) * 1.5


def items_from_paragraphs(paragraphs: list[str], headings: set[int] | None = None) -> list[Item]:
    """Group paragraphs into items, each heading opening a new one.

    ``headings`` names the indexes known to be headings (bold in the source); without it the
    shape of each paragraph decides.
    """
    items: list[Item] = []
    current: Item | None = None
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        is_heading = (index in headings and following is not None) if headings is not None \
            else looks_like_heading(paragraph, following)
        if is_heading:
            current = Item(heading=paragraph)
            items.append(current)
        else:
            if current is None:
                current = Item()
                items.append(current)
            current.paragraphs.append(paragraph)
    return items


def items_from_text(text: str) -> list[Item]:
    """A box's text (paragraphs separated by blank lines) as items."""
    return items_from_paragraphs(split_paragraphs(text))
