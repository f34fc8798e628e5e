"""A PDF's pages as text blocks: the PDF importer's first step, which needs nothing of the model.

Broken input is refused with one line that names the problem.
"""

from __future__ import annotations

from collections.abc import Iterator

from kvalitet_core import InputError, TextBlock

MAGIC = b"%PDF-"
_SNIFF = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
          b"PK\x03\x04": "a ZIP archive (a Word or OpenDocument file?)", b"{\\rtf": "an RTF document"}
_BLANK_PAGES_LIMIT = 20
"""Stop after this many leading pages without any text: a report has text on its first page."""
_OBJECT_LIMIT = 20_000
"""A report page draws some hundred objects; a page of tens of thousands is a drawing or a trap."""
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
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from kvalitet_plugins.pdf_reader.layout import page_blocks
    from kvalitet_plugins.pdf_reader.objects import PageReader

    if MAGIC not in data[:1024]:
        raise InputError(describe_non_pdf(data[:16]), source_name)
    if b"%%EOF" not in data[-2048:]:
        raise InputError("truncated PDF: the file ends before its end-of-file marker", source_name)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise InputError("encrypted PDF: decrypt it first", source_name) from None
        raise InputError("damaged PDF: pdfium cannot open it", source_name) from None
    try:
        count = len(document)
        if count > _PAGE_LIMIT:
            raise InputError(f"not a written-feedback report: {count:,} pages is far too many", source_name)
        reader = PageReader()
        seen_text = False
        images = 0
        for index in range(count):
            try:
                page = document[index]
            except pdfium.PdfiumError:
                raise InputError(f"damaged PDF: page {index + 1} cannot be read", source_name) from None
            try:
                objects = pdfium_c.FPDFPage_CountObjects(page)
                if objects > _OBJECT_LIMIT:
                    raise InputError(f"not a written-feedback report: page {index + 1} draws {objects:,} objects",
                                     source_name)
                content = reader.read(page, index + 1)
            finally:
                page.close()
            images += content.images
            seen_text = seen_text or bool(content.pieces)
            if not seen_text and index + 1 >= min(count, _BLANK_PAGES_LIMIT):
                if images:
                    raise InputError("no text layer: the PDF needs OCR first", source_name)
                raise InputError(f"no text: the first {index + 1} pages are blank", source_name)
            yield from page_blocks(content)
    finally:
        document.close()
