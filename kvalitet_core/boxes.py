"""The three coloured boxes of a theme page.

A module of its own, free of the model's dependencies, so that the PDF reader's text blocks can
name a box without loading pydantic. The model re-exports both names.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["BOX_COLOURS", "BOX_LABELS", "BoxKind"]


class BoxKind(StrEnum):
    """The three coloured boxes of a theme page, in the order a reader meets them."""

    TALKED_ABOUT = "talked_about"
    POINTS_TO = "points_to"
    SUGGESTIONS = "suggestions"

    @property
    def label(self) -> str:
        """The Danish label printed on the box."""
        return BOX_LABELS[self]

    @property
    def colour(self) -> str:
        """The box's fill as the rendered report paints it (``#RRGGBB``)."""
        return BOX_COLOURS[self]


BOX_LABELS: dict[BoxKind, str] = {
    BoxKind.TALKED_ABOUT: "Vi talte om",
    BoxKind.POINTS_TO: "Dette peger på at…",
    BoxKind.SUGGESTIONS: "Ledere og medarbejdere peger på…",
}

BOX_COLOURS: dict[BoxKind, str] = {
    BoxKind.TALKED_ABOUT: "#E6E6EA",
    BoxKind.POINTS_TO: "#ECE3F7",
    BoxKind.SUGGESTIONS: "#FFF3BD",
}
"""The light fills of the HTML report (``plugins/html/report.css``), for formats that colour
cells or pages: light enough that black text on them reads as on paper."""
