"""The PDF importer: pages → positioned, styled text blocks → the core's structure recogniser.

It reads with pdfium, as pypdfium2 (Apache-2.0/BSD) ships it: page objects give text runs with
their bounds, font name and weight, the fill colours of the shapes behind them and the page
rotation, at a few milliseconds a page. Everything about the report's anatomy is the recogniser's
business; this module only knows PDF; its reading step is :mod:`.pdf_reader.document`.
"""

from __future__ import annotations

from collections.abc import Iterable

from kvalitet_core import ReportImporter, SourceInfo, TextBlock, hookimpl
from kvalitet_plugins.pdf_reader.document import MAGIC, pdf_blocks


class PdfImporter(ReportImporter):
    """Reads written-feedback reports saved as PDF (text PDFs; scanned ones need OCR first)."""

    name = "pdf"
    version = "1"
    extensions = (".pdf",)
    media_types = ("application/pdf",)
    priority = 20

    def accepts(self, source: SourceInfo, head: bytes) -> bool:
        """By extension — ``load`` then says what a misnamed file really is — or by the header."""
        return source.extension in self.extensions or MAGIC in head[:1024]

    def read_blocks(self, data: bytes, source: SourceInfo) -> Iterable[TextBlock]:
        return pdf_blocks(data, source.name)


@hookimpl
def register_importers(register, host):
    register(PdfImporter(host))
