"""The structure recogniser: from positioned, styled text blocks to a visit.

Importers (PDF, Word, PowerPoint, plain text) only produce :class:`TextBlock` streams, with the
regions (shapes, cells, text boxes) the blocks sit in; the knowledge of the report's anatomy
lives here, in one place. A stream with regions or geometry is read by its layout
(:mod:`.layout`: a region is a box by the label printed in or above it); a stream of bare text by
its labels and order (:mod:`.text_stream`); both are interpreted by the same assembler
(:mod:`.assemble`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kvalitet_core.recognise.blocks import TextBlock

if TYPE_CHECKING:  # readers import the block types without loading the model
    from kvalitet_core.model import Visit
    from kvalitet_core.quality_model import QualityModel


def recognise(blocks: Iterable[TextBlock], *, source_name: str, quality_model: QualityModel) -> Visit:
    """The visit a report's text blocks describe; uncertain decisions become provenance warnings."""
    from kvalitet_core.recognise.assemble import assemble
    from kvalitet_core.recognise.layout import has_layout, read_layout

    stream = list(blocks)
    if has_layout(stream):
        draft = read_layout(stream, quality_model)
    else:  # only now: a process that reads PDFs or Word files never needs the text reader
        from kvalitet_core.recognise.text_stream import read_text

        draft = read_text(stream, quality_model)
    return assemble(draft, quality_model, source_name)


__all__ = ["TextBlock", "recognise"]
