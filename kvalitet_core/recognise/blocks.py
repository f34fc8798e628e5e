"""The unit importers hand to the recogniser: a piece of text with where and how it was printed."""

from __future__ import annotations

from dataclasses import dataclass

from kvalitet_core.boxes import BoxKind

BBox = tuple[float, float, float, float]
"""x0, y0, x1, y1 in points, origin at the top-left of the upright page (y grows downwards)."""
RGB = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Region:
    """A shape, table cell or text box that text was printed in: what a report box is made of.

    Readers report regions as the document draws them, whatever they mean; the recogniser
    decides which region is which box by the label printed in or just above it, so a shaded
    theme column, header band or side box is never mistaken for a box by its colour.
    """

    id: int
    """Unique within one document: blocks with the same id sit in the same region."""
    bbox: BBox | None = None
    """Bounds on the upright page, where the format has coordinates."""
    fill: RGB | None = None
    """The background colour, if the region is filled (a bordered, unfilled box has none)."""


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A paragraph or line of a source document, with what the extractor could tell about it.

    Extractors fill in what their format knows and leave the rest ``None``: a plain-text dump has
    no geometry or fills; a PDF has both; a Word file has shading but no coordinates.
    """

    text: str
    page: int
    """1-based page (for Word: 1-based position of the table/section the block sits in, or 1)."""
    bbox: BBox | None = None
    page_size: tuple[float, float] | None = None
    """Width and height of the upright page in points, when known."""
    fill: RGB | None = None
    """RGB 0–255 of the filled shape or shaded cell behind the text, if any."""
    region: Region | None = None
    """The shape, cell or text box the block sits in, if any."""
    box: BoxKind | None = None
    """The report box, for formats that state it outright (a structured export); readers of
    printed layouts leave it ``None`` and report regions instead."""
    bold: bool = False
    """The whole block is bold (a topic heading, a label, a title)."""
    bold_phrases: tuple[str, ...] = ()
    """Bold runs inside an otherwise regular block: the report's 'blue cards'."""
    font: str | None = None
    size: float | None = None
    bullet: bool = False
    """The block is a list item (its marker already removed from ``text``)."""
