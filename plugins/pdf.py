"""The PDF importer: pages → positioned, styled text blocks → the core's structure recogniser.

It reads with pdfium, as pypdfium2 (Apache-2.0/BSD) ships it: page objects give text runs with
their bounds, font name and weight, the fill colours of the shapes behind them and the page
rotation, at a few milliseconds a page. Everything about the report's anatomy is the recogniser's business; this
module only knows PDF. Broken input is refused with one line that names the problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from kvalitet_core.errors import InputError
from kvalitet_core.formats import Importer, Options, SourceInfo
from kvalitet_core.hookspecs import hookimpl
from kvalitet_core.model import Visit
from kvalitet_core.recognise.blocks import TextBlock
from kvalitet_core.recognise.report import ReportOptions, recognise_report

_MAGIC = b"%PDF-"
_SNIFF = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
          b"PK\x03\x04": "a ZIP archive (a Word or OpenDocument file?)", b"{\\rtf": "an RTF document"}
_BLANK_PAGES_LIMIT = 20
"""Stop after this many leading pages without any text: a report has text on its first page."""
_PAGE_LIMIT = 500
"""A written-feedback report has tens of pages; thousands mean something else."""


def describe_non_pdf(head: bytes) -> str:
    """One line saying what a file that should have been a PDF is instead."""
    if not head:
        return "empty file (0 bytes)"
    kind = next((name for magic, name in _SNIFF.items() if head.startswith(magic)), None)
    return f"not a PDF: the file is {kind}" if kind else "not a PDF: no '%PDF-' header"


def pdf_blocks(data: bytes, source_name: str) -> Iterator[TextBlock]:
    """Every page's text blocks, in page order; raises ``InputError`` for unreadable PDFs."""
    from kvalitet_plugins.pdf_reader.layout import page_blocks
    from kvalitet_plugins.pdf_reader.objects import PageReader
    from kvalitet_plugins.pdf_reader.pdfium import ERR_PASSWORD, ERR_SECURITY, pdfium

    if _MAGIC not in data[:1024]:
        raise InputError(describe_non_pdf(data[:16]), source_name)
    if b"%%EOF" not in data[-2048:]:
        raise InputError("truncated PDF: the file ends before its end-of-file marker", source_name)
    calls = pdfium()
    document = calls.FPDF_LoadMemDocument64(data, len(data), None)  # reads ``data`` in place: keep it
    if not document:
        if calls.FPDF_GetLastError() in (ERR_PASSWORD, ERR_SECURITY):
            raise InputError("encrypted PDF: decrypt it first", source_name)
        raise InputError("damaged PDF: pdfium cannot open it", source_name)
    try:
        count = calls.FPDF_GetPageCount(document)
        if count > _PAGE_LIMIT:
            raise InputError(f"not a written-feedback report: {count:,} pages is far too many", source_name)
        reader = PageReader()
        seen_text = False
        images = 0
        for index in range(count):
            page = calls.FPDF_LoadPage(document, index)
            if not page:
                raise InputError(f"damaged PDF: page {index + 1} cannot be read", source_name)
            try:
                content = reader.read(page, index + 1)
            finally:
                calls.FPDF_ClosePage(page)
            images += content.images
            seen_text = seen_text or bool(content.pieces)
            if not seen_text and index + 1 >= min(count, _BLANK_PAGES_LIMIT):
                if images:
                    raise InputError("no text layer: the PDF needs OCR first", source_name)
                raise InputError(f"no text: the first {index + 1} pages are blank", source_name)
            yield from page_blocks(content)
    finally:
        calls.FPDF_CloseDocument(document)


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
        return source.extension in self.extensions or _MAGIC in head[:1024]

    def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> Visit:
        assert isinstance(options, ReportOptions)
        return recognise_report(list(pdf_blocks(stream.read(), source.name)), source.name, options)


@hookimpl
def register_importers(register):
    register(PdfImporter())
