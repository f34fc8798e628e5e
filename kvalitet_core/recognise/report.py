"""The entrance every report importer shares: its options, the quality model, and the refusal
of documents that are no written-feedback report, before any anatomy is attempted."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import Field

from kvalitet_core.errors import InputError
from kvalitet_core.formats import Options
from kvalitet_core.model import Visit
from kvalitet_core.recognise.blocks import TextBlock

_LABELS_SQUEEZED = re.compile(r"vitalteom|dettepegerpå|ledereogmedarbejderepegerpå")
"""The box labels with all whitespace removed, so that labels broken across lines still count."""


class ReportOptions(Options):
    """Options of the importers that read written-feedback reports (PDF, Word, plain text)."""

    quality_model: str = Field("sof-kvalitetsmodel-3.0", description="Id of the quality model the report uses.")


_LONGEST_LABEL = len("ledereogmedarbejderepegerpå")


def has_box_labels(blocks: Sequence[TextBlock]) -> bool:
    """Whether any box label is printed anywhere: every written-feedback report has them.

    Read block by block, stopping at the first label (on the first theme page of a report);
    the end of the text before each block is kept, so a label split across blocks still counts.
    """
    before = ""
    for block in blocks:
        squeezed = before + "".join(block.text.split()).casefold()
        if _LABELS_SQUEEZED.search(squeezed):
            return True
        before = squeezed[-_LONGEST_LABEL:]
    return False


def recognise_report(blocks: Sequence[TextBlock], source_name: str, options: ReportOptions) -> Visit:
    """The visit the blocks describe, or a one-line error when they are no report."""
    from kvalitet_core.plugins import get_host
    from kvalitet_core.recognise import recognise

    model = get_host().quality_model(options.quality_model)
    if model is None:
        raise InputError(f"unknown quality model '{options.quality_model}'", source_name)
    if not has_box_labels(blocks):
        raise InputError("not a written-feedback report: no box labels found", source_name)
    return recognise(blocks, source_name=source_name, quality_model=model)
