"""Blocks to a visit, shared by the PDF and Word importers: pick the quality model, refuse
what is no written-feedback report, and hand the rest to the core's recogniser."""

from __future__ import annotations

from collections.abc import Sequence

from kvalitet_core.errors import InputError
from kvalitet_core.model import Visit
from kvalitet_core.recognise.blocks import TextBlock


def visit_from_blocks(blocks: Sequence[TextBlock], source_name: str, quality_model_id: str) -> Visit:
    """The visit the blocks describe; a document without a single box label is refused."""
    from kvalitet_core.plugins import get_host
    from kvalitet_core.recognise import recognise
    from kvalitet_core.recognise.anatomy import labels_in

    model = get_host().quality_model(quality_model_id)
    if model is None:
        raise InputError(f"unknown quality model '{quality_model_id}'", source_name)
    if not any(labels_in(block.text) for block in blocks):
        raise InputError("not a written-feedback report: no box labels found", source_name)
    return recognise(blocks, source_name=source_name, quality_model=model)
