"""Which box a run of text was set in, told by where its lines wrap.

A box's lines wrap at the box's width: a wrapped line fits the box, and the next line's first
word would not have. The widths are learned from the document itself — from text whose box is
certain (the text after a box's label on a page where each label precedes its text) — so a
paragraph whose box the order leaves open can be given to the box its wrapping fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kvalitet_core.recognise.glyphs import is_list_item

LIST_INDENT = 4
"""Characters a list item's hanging indent takes from its box's width, roughly."""
WIDTH_TOLERANCE = 3
"""Characters by which proportional type blurs a line's width."""


def percentile(values: Sequence[int], share: float) -> int:
    """The value below which ``share`` of ``values`` lie (0 without values)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0


def box_width(lines: Sequence[str]) -> int:
    """A box's width in characters: the 90th percentile of its line lengths (a few lines run
    long where a word could not be broken)."""
    return percentile([len(line.strip()) for line in lines if line.strip()], 0.9)


@dataclass(frozen=True, slots=True)
class Widths:
    """The widths (in characters) of a narrow box and of a wide one."""

    narrow: int
    wide: int

    @classmethod
    def of(cls, narrow_lines: Sequence[str], wide_lines: Sequence[str]) -> Widths | None:
        """The two widths measured on text whose box is certain; None when they do not differ."""
        narrow, wide = box_width(narrow_lines), box_width(wide_lines)
        return cls(narrow, wide) if wide - narrow >= 3 * WIDTH_TOLERANCE else None

    @classmethod
    def between(cls, first: int | None, second: int | None) -> OrderedWidths | None:
        """Two boxes' widths, when both are known and differ, as a pair that tells which of the two
        a paragraph fits."""
        if first is None or second is None or abs(first - second) < 3 * WIDTH_TOLERANCE:
            return None
        return OrderedWidths(cls(min(first, second), max(first, second)), second > first)

    def vote(self, length: int, next_word: int) -> int:
        """+1 when a wrapped line fits only the wide box, -1 only the narrow one, else 0.

        A line wraps at width W when it fits (length ≤ W) and the next word would not
        (length + 1 + next word > W); proportional fonts blur both sides by a few characters.
        """
        def fits(width: int) -> bool:
            return length <= width + WIDTH_TOLERANCE and length + 1 + next_word > width - WIDTH_TOLERANCE
        narrow, wide = fits(self.narrow), fits(self.wide)
        if narrow == wide:
            return 1 if length > self.narrow + WIDTH_TOLERANCE else 0
        return 1 if wide else -1

    def evidence(self, lines: Sequence[str]) -> float:
        """How surely a paragraph was set in the wide box (> 0) or in the narrow one (< 0).

        Each wrapped line votes; a list item counts its indent. A single line votes only when it
        is too long for the narrow box.
        """
        indent = LIST_INDENT if is_list_item(lines[0]) else 0
        texts = [line.strip() for line in lines]
        if len(texts) == 1:
            return 1.0 if len(texts[0]) + indent > self.narrow + WIDTH_TOLERANCE else 0.0
        votes = [self.vote(len(text) + indent, len(following.split()[0]))
                 for text, following in zip(texts, texts[1:])]
        return sum(votes) / len(votes) * min(1.0, len(votes) / 2)


@dataclass(frozen=True, slots=True)
class OrderedWidths:
    """Two boxes in the order a stream prints them, one narrow and one wide."""

    widths: Widths
    second_wide: bool

    def evidence_for_second(self, lines: Sequence[str]) -> float:
        """How surely a paragraph was set in the second box (> 0) or in the first one (< 0)."""
        evidence = self.widths.evidence(lines)
        return evidence if self.second_wide else -evidence
