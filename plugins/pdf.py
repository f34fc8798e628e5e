"""The PDF importer: pages → positioned, styled text blocks → the core's structure recogniser.

It reads with pdfium, as pypdfium2 (Apache-2.0/BSD) ships it: page objects give text runs with
their bounds, font name and weight, the fill colours of the shapes behind them and the page
rotation, at a few milliseconds a page. Everything about the report's anatomy is the recogniser's
business; this module only knows PDF; its reading step is :mod:`.pdf_reader.document`.
"""

from __future__ import annotations

from typing import BinaryIO

from kvalitet_plugins.pdf_reader.document import MAGIC, pdf_blocks

from kvalitet_core.formats import Importer, Options, SourceInfo
from kvalitet_core.hookspecs import hookimpl
from kvalitet_core.model import Visit
from kvalitet_core.recognise.report import ReportOptions, recognise_report


class PdfImporter(Importer):
    """Reads written-feedback reports saved as PDF (text PDFs; scanned ones need OCR first)."""

    name = "pdf"
    version = "1"
    extensions = (".pdf",)
    media_types = ("application/pdf",)
    priority = 20
    options_model = ReportOptions

    def accepts(self, source: SourceInfo, head: bytes) -> bool:
        """By extension — ``load`` then says what a misnamed file really is — or by the header."""
        return source.extension in self.extensions or MAGIC in head[:1024]

    def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> list[Visit]:
        assert isinstance(options, ReportOptions)
        return recognise_report(list(pdf_blocks(stream.read(), source.name)), source.name, options)


@hookimpl
def register_importers(register):
    register(PdfImporter())
