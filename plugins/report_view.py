"""A visit laid out the way its report reads, shared by the document exporters.

The Markdown and HTML exporters print the same report in two syntaxes. What a report *says* —
which facts the side box lists, how a theme page is titled, which paragraphs form a bulleted
list, which words are blue cards — is decided here once, so the two outputs cannot drift apart;
each exporter only decides how to spell it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from kvalitet_core import (
    Box,
    Item,
    QualityModel,
    Section,
    Visit,
    field_label,
    split_paragraphs,
)
from kvalitet_core import (
    facts as labelled_facts,
)

_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december")
_NUMBERED = re.compile(r"^(\d{1,9})\.\s+")

CONTRIBUTES_LEAD = "Det vil bidrage til, at leve op til:"
"""The sentence the reports print before the conclusion's list of themes."""


def danish_date(value: date | None) -> str | None:
    """A date as the reports print it: ``28. september 2017``."""
    return f"{value.day}. {_MONTHS[value.month - 1]} {value.year}" if value else None


def display_name(visit: Visit) -> str:
    """The offer and its unit, as the cover names them: ``Marianelund, Snekken``."""
    return f"{visit.offer}, {visit.unit}" if visit.unit else visit.offer


def facts(visit: Visit) -> list[tuple[str, str]]:
    """The one-line entries of the 'Oplysninger om besøget' side box, with their Danish labels."""
    return labelled_facts(visit, danish_date)


def notes(visit: Visit) -> list[tuple[str, list[str]]]:
    """The side box's longer notes (which themes filled the day, the words the report uses)."""
    found = [(field_label("focus_note"), visit.focus_note), (field_label("terminology_note"), visit.terminology_note)]
    return [(label, split_paragraphs(text)) for label, text in found if text and text.strip()]


@dataclass(frozen=True, slots=True)
class ThemeRef:
    """A theme as a page names it: its id and its title from the visit's quality model."""

    id: str
    word: str
    """What the framework calls a theme: 'Tema', 'Spor'."""
    title: str | None
    position: int
    """Where the theme stands in its quality model (unknown themes sort last)."""

    @property
    def label(self) -> str:
        """``Tema 3a: Målgruppe, …``, or ``Tema 3a`` when the model does not know the id."""
        name = f"{self.word} {self.id}"
        return f"{name}: {self.title}" if self.title else name


def theme_refs(model: QualityModel | None, theme_ids: Sequence[str]) -> list[ThemeRef]:
    """The themes with their titles in ``model`` (the visit's quality model, as the exporter's
    host knows it); an unknown model or id keeps just the id."""
    word = model.theme_word if model else "Tema"
    order = model.theme_ids if model else []
    refs = []
    for theme_id in theme_ids:
        theme = model.theme(theme_id) if model else None
        position = order.index(theme_id) if theme_id in order else len(order)
        refs.append(ThemeRef(theme_id, word, theme.title if theme else None, position))
    return refs


def page_title(model: QualityModel | None, section: Section) -> str:
    """The heading of a theme page: its theme label(s), marked when the page continues one."""
    title = " · ".join(ref.label for ref in theme_refs(model, section.themes))
    return f"{title} (fortsat)" if section.continued else title


def shown_items(box: Box) -> list[Item]:
    """The items a reader needs: without the 'Tema 4 fortsat fra side 8.' marker that opens each
    box of a continuation page, since the page's title already says it continues."""
    return [item for item in box.items if not item.is_continuation_marker]


def has_text(items: Sequence[Item]) -> bool:
    """Whether any of the items says something; a box without text is printed as empty."""
    return any(item.text.strip() for item in items)


@dataclass(slots=True)
class Block:
    """A run of paragraphs printed the same way: plain, a bulleted list or a numbered list."""

    kind: Literal["paragraph", "bullets", "numbers"]
    entries: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    """For a numbered list: the number each entry carries in the report."""


def blocks(paragraphs: Sequence[str]) -> list[Block]:
    """Group paragraphs into blocks: consecutive ``"- "`` bullets and ``"1. "`` points form lists.

    Whitespace inside a paragraph is folded to single spaces: a line break inside a paragraph is
    not meaningful in the reports, and keeping it would let a wrapped line start a list.
    """
    grouped: list[Block] = []
    for raw in paragraphs:
        paragraph = " ".join(raw.split())
        if not paragraph:
            continue
        numbered = _NUMBERED.match(paragraph)
        if paragraph.startswith("- ") and paragraph[2:].strip():
            kind, entry, number = "bullets", paragraph[2:].strip(), None
        elif numbered and paragraph[numbered.end():]:
            kind, entry, number = "numbers", paragraph[numbered.end():], int(numbered.group(1))
        else:
            kind, entry, number = "paragraph", paragraph, None
        if kind == "paragraph" or not grouped or grouped[-1].kind != kind:
            grouped.append(Block(kind))  # type: ignore[arg-type]
        grouped[-1].entries.append(entry)
        if number is not None:
            grouped[-1].numbers.append(number)
    return grouped


def text_blocks(text: str) -> list[Block]:
    """Blocks of a free text (overall impression, conclusion): paragraphs split at blank lines."""
    return blocks(split_paragraphs(text))


def emphasis(text: str, cards: Sequence[str]) -> list[tuple[str, bool]]:
    """Split text into (piece, is_card) runs: the blue-card words the report prints in bold.

    A card is marked where it stands as whole words (not inside a longer word), longest card
    first, so 'fælles sprog' wins over 'sprog'.
    """
    wanted = sorted({c.strip() for c in cards if c.strip()}, key=len, reverse=True)
    if not wanted:
        return [(text, False)] if text else []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in wanted) + r")(?!\w)")
    runs: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            runs.append((text[position:match.start()], False))
        runs.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        runs.append((text[position:], False))
    return runs


def unplaced_cards(item: Item) -> list[str]:
    """Cards of an item that its text does not contain: printed after it, so none is lost."""
    texts = [item.heading or "", *item.paragraphs]
    return [card for card in item.cards
            if card.strip() and not any(bold for text in texts for _, bold in emphasis(text, [card]))]
