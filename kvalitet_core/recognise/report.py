"""The entrance every report importer shares: its options, the quality model, the refusal of
documents that are no written-feedback report, and the cut between reports that one file holds
(two PDFs joined, two dumps concatenated), before any anatomy is attempted.

:class:`ReportImporter` is the base of importers whose format the recogniser reads: such an
importer only turns its format into :class:`~kvalitet_core.recognise.blocks.TextBlock` objects.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, BinaryIO

from pydantic import Field

from kvalitet_core.errors import InputError
from kvalitet_core.formats import Importer, Options, SourceInfo
from kvalitet_core.model import ImportWarning, Visit
from kvalitet_core.recognise.blocks import TextBlock

if TYPE_CHECKING:
    from kvalitet_core.plugins import PluginHost
    from kvalitet_core.quality_model import QualityModel

_REPORT_OPENER = re.compile(r"^(?:skriftlig\s+feedback|oplysninger\s+om\s+besøget|metode\s+og\s+læsevejledning)\s*:?$",
                            re.IGNORECASE)
"""Lines that only the opening pages of a report print: the cover title, the side box's title and
the method heading. Seen again after theme pages, they open the next report."""

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


def split_reports(blocks: Sequence[TextBlock]) -> list[list[TextBlock]]:
    """The blocks of each report a file holds, in order; one list for the usual single report.

    A report opens with its cover, method page and side box, and only then prints its theme
    pages. So when an opening line comes again after box labels, a second report has begun —
    at the start of that line's page (its cover page, when the cover is what came again).
    Nothing else is taken for a second report: theme pages alone never cut, so a report whose
    conclusion repeats a heading stays whole.
    """
    from kvalitet_core.recognise.anatomy import labels_in

    reports: list[list[TextBlock]] = [[]]
    seen_labels = False
    for block in blocks:
        first_line = block.text.strip().split("\n", 1)[0]
        if seen_labels and _REPORT_OPENER.match(" ".join(first_line.split())):
            current = reports[-1]
            cut = len(current)
            while cut > 0 and current[cut - 1].page == block.page and block.page > 1:
                cut -= 1  # the rest of the opening page goes with the new report
            reports[-1], opening = current[:cut], current[cut:]
            reports.append(opening)
            seen_labels = False
        reports[-1].append(block)
        seen_labels = seen_labels or any(labels_in(line) for line in block.text.split("\n"))
    return [report for report in reports if report]


def recognise_report(blocks: Sequence[TextBlock], source_name: str, options: ReportOptions,
                     quality_models: Mapping[str, QualityModel]) -> list[Visit]:
    """The visits the blocks describe — one per report in the file, never two merged — or a
    one-line error when they are no report. ``quality_models`` are those the caller's plugin host
    knows (``host.quality_models``); ``options.quality_model`` names the one the report follows."""
    from kvalitet_core.recognise import recognise

    model = quality_models.get(options.quality_model)
    if model is None:
        raise InputError(f"unknown quality model '{options.quality_model}'", source_name)
    if not has_box_labels(blocks):
        raise InputError("not a written-feedback report: no box labels found", source_name)
    reports = split_reports(blocks)
    visits = [recognise(report, source_name=source_name, quality_model=model) for report in reports]
    if len(visits) > 1:
        for number, visit in enumerate(visits, start=1):
            visit.provenance.warnings.append(ImportWarning(
                message=f"report {number} of {len(visits)} in this file (a new report begins with its cover, "
                        f"method page or side box)", code="several-reports"))
    return visits


class ReportImporter(Importer):
    """An importer of written-feedback reports in a format the core's recogniser reads.

    The subclass knows its format only: :meth:`read_blocks` turns the file into positioned text
    blocks, with the regions (shapes, cells, text boxes) they sit in. Finding the boxes, themes,
    metadata and the several reports one file may hold is the recogniser's, with the quality
    models of the host the importer was registered with.
    """

    options_model = ReportOptions

    def __init__(self, host: PluginHost) -> None:
        self.host = host

    @abstractmethod
    def read_blocks(self, data: bytes, source: SourceInfo) -> Iterable[TextBlock]:
        """The file's text blocks in reading order; raise ``InputError`` for a damaged file."""

    def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> list[Visit]:
        return self.recognise(self.read_blocks(stream.read(), source), source, options)

    def recognise(self, blocks: Iterable[TextBlock], source: SourceInfo, options: Options) -> list[Visit]:
        """The visits in ``blocks``: for a ``load`` of its own that reads the stream otherwise."""
        if not isinstance(options, ReportOptions):
            raise TypeError(f"{type(self).__name__} takes ReportOptions, not {type(options).__name__}")
        return recognise_report(list(blocks), source.name, options, self.host.quality_models)
