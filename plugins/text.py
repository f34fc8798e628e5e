"""Plain-text dumps of written-feedback reports (pdftotext and the like) as an importer.

The dump becomes one text block per line, paged by the dump's page-boundary rule (a page's
first line starts with a single space, since form feeds were replaced), and the core's
recogniser does the rest. Imports are kept light: this module is loaded at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import BinaryIO

from kvalitet_core.formats import Importer, Options, SourceInfo
from kvalitet_core.hookspecs import hookimpl
from kvalitet_core.model import ImportWarning, Visit
from kvalitet_core.recognise.blocks import TextBlock
from kvalitet_core.recognise.report import ReportOptions, recognise_report
from kvalitet_core.text_decoding import decode_text

_REPORT_MARKS = re.compile(rb"(?i)(vi talte om|dette peger p|ledere og m|skriftlig feedback|oplysninger om bes)")
_PAGE_START = re.compile(r"^[\f ]\S")

class TextImporter(Importer):
    """Reads a plain-text extraction of a written-feedback report."""

    name = "text"
    version = "1"
    extensions = (".txt", ".text")
    media_types = ("text/plain",)
    priority = 5
    options_model = ReportOptions

    def accepts(self, source: SourceInfo, head: bytes) -> bool:
        """A ``.txt`` file by its name (so a text that is no report gets a clear error from
        ``load``, not "no importer"); a nameless input only when its head looks like a report."""
        if source.extension in self.extensions or source.media_type == "text/plain":
            return True
        return not source.extension and b"\0" not in head and bool(_REPORT_MARKS.search(head))

    def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> list[Visit]:
        assert isinstance(options, ReportOptions)
        text, assumed = decode_text(stream.read())
        blocks = []
        page = 1
        for index, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
            if index and _PAGE_START.match(line):
                page += 1
            blocks.append(TextBlock(text=line.replace("\f", " "), page=page))
        visits = recognise_report(blocks, source.name, options)
        if assumed:
            for visit in visits:
                visit.provenance.warnings.append(ImportWarning(message=f"text encoding: {assumed}", code="encoding"))
        return visits


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    register(TextImporter())
