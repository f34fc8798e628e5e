"""The unit importers hand to the recogniser: a piece of text with where and how it was printed."""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

from kvalitet_core.boxes import BoxKind

BBox = tuple[float, float, float, float]
"""x0, y0, x1, y1 in points, origin at the top-left of the upright page (y grows downwards)."""


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
    fill: tuple[int, int, int] | None = None
    """RGB 0–255 of the filled shape or shaded cell behind the text, if any."""
    box: BoxKind | None = None
    """The coloured box the block sits in, when the extractor could tell (usually from ``fill``)."""
    bold: bool = False
    """The whole block is bold (a topic heading, a label, a title)."""
    bold_phrases: tuple[str, ...] = ()
    """Bold runs inside an otherwise regular block: the report's 'blue cards'."""
    font: str | None = None
    size: float | None = None
    bullet: bool = False
    """The block is a list item (its marker already removed from ``text``)."""


def box_for_fill(rgb: tuple[int, int, int] | None) -> BoxKind | None:
    """Which report box a background colour belongs to: grey, purple or yellow, tolerantly.

    Office suites and printers shift colours, so this classifies by hue and saturation rather
    than by exact values. White, black and strong non-box colours give ``None``.
    """
    if rgb is None:
        return None
    red, green, blue = (channel / 255 for channel in rgb)
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if lightness > 0.97 or lightness < 0.25:
        return None
    degrees = hue * 360
    if saturation < 0.12 or (180 <= degrees < 250 and saturation < 0.3):
        return BoxKind.TALKED_ABOUT if 0.55 <= lightness <= 0.95 else None
    if 35 <= degrees <= 70:
        return BoxKind.SUGGESTIONS
    if 250 <= degrees <= 330:
        return BoxKind.POINTS_TO
    return None
