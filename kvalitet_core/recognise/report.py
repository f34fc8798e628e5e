"""The entrance every report importer shares: its options, the quality model, the refusal of
documents that are no written-feedback report, and the cut between reports that one file holds
(two PDFs joined, two dumps concatenated), before any anatomy is attempted."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import Field

from kvalitet_core.errors import InputError
from kvalitet_core.formats import Options
from kvalitet_core.model import ImportWarning, Visit
from kvalitet_core.recognise.blocks import TextBlock

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


def recognise_report(blocks: Sequence[TextBlock], source_name: str, options: ReportOptions) -> list[Visit]:
    """The visits the blocks describe — one per report in the file, never two merged — or a
    one-line error when they are no report."""
    from kvalitet_core.plugins import get_host
    from kvalitet_core.recognise import recognise

    model = get_host().quality_model(options.quality_model)
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
