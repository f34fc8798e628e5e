"""What a block stream says before the anatomy is interpreted: front matter, theme pages, back matter.

Both readers — the one for plain text and the one for positioned blocks — produce a
:class:`DocumentDraft`; one assembler turns it into a visit. So the knowledge of what the side
box, the overall impression or the conclusion look like lives in one place whatever the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kvalitet_core.model import BoxKind, ImportWarning
from kvalitet_core.recognise.line_paragraphs import breaks_off, join_lines


@dataclass(frozen=True, slots=True)
class Line:
    """One line of running text outside the boxes, with its page."""

    text: str
    page: int


@dataclass(slots=True)
class Paragraph:
    """One paragraph of a box. ``heading`` is None when only its shape can tell."""

    text: str
    heading: bool | None = None
    cards: tuple[str, ...] = ()


@dataclass(slots=True)
class PageDraft:
    """One theme page: what its left column said and the paragraphs of its three boxes."""

    page: int
    column: list[str] = field(default_factory=list)
    """Text of the theme column ("Tema 3a: …", "Tema 1, 2 og 3b"), as printed."""
    boxes: dict[BoxKind, list[Paragraph]] = field(default_factory=lambda: {kind: [] for kind in BoxKind})

    def carry_on(self, boxes: dict[BoxKind, list[Paragraph]]) -> None:
        """Add the paragraphs of boxes that run on from this page (onto the next page, or a
        table row broken over it); a paragraph broken between the two is joined."""
        for kind, more in boxes.items():
            box, more = self.boxes[kind], list(more)
            if box and more and not more[0].heading and breaks_off(box[-1].text, more[0].text):
                box[-1] = Paragraph(join_lines(box[-1].text, more.pop(0).text), box[-1].heading, box[-1].cards)
            box.extend(more)


@dataclass(slots=True)
class DocumentDraft:
    """A report cut into its parts, not yet interpreted."""

    front: list[Line] = field(default_factory=list)
    """Cover, method, side box and overall impression, in reading order."""
    pages: list[PageDraft] = field(default_factory=list)
    back: list[Line] = field(default_factory=list)
    """Assessment, conclusion and appendix, in reading order."""
    warnings: list[ImportWarning] = field(default_factory=list)
