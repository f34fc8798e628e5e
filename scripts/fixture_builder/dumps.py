"""Text dumps of report PDFs, as users keep them: pdftotext (three modes) and pdfminer.six.

Each extractor orders a page's text its own way — by columns, by position, in drawing order —
so the same report gives four different dumps, each a test of the text importer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

DUMPERS = ["pdftotext", "pdftotext-layout", "pdftotext-raw", "pdfminer"]
"""The dump kinds: ``pdftotext`` (reading order), ``-layout`` (physical layout), ``-raw``
(content-stream order) and pdfminer.six's ``extract_text``."""
MORE_DUMPERS = ["pypdf"]
"""Kinds a probe may ask for when their extractor is installed (not a dependency of the tests):
pypdf's ``extract_text``, which writes a page's runs in drawing order and may glue runs drawn far
apart; its pages are joined by form feeds, as pdftotext joins them."""


def dump(pdf: Path, kind: str) -> str:
    """The text of a PDF as the named extractor writes it."""
    if kind == "pdfminer":
        from pdfminer.high_level import extract_text

        return extract_text(str(pdf))
    if kind == "pypdf":
        try:
            from pypdf import PdfReader
        except ImportError as error:
            raise RuntimeError("pypdf is not installed (pip install pypdf)") from error
        return "\f".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    tool = shutil.which("pdftotext")
    if tool is None:
        raise RuntimeError("pdftotext is not installed (poppler-utils)")
    mode = {"pdftotext": [], "pdftotext-layout": ["-layout"], "pdftotext-raw": ["-raw"]}[kind]
    result = subprocess.run([tool, "-enc", "UTF-8", *mode, str(pdf), "-"], check=True, capture_output=True,
                            timeout=60)
    return result.stdout.decode("utf-8")


_DATE = re.compile(rb"D:\d{14}(?:[+\-Z]\d{2}'?\d{2}'?)?")
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]+)(<)")
_UUID = re.compile(rb"uuid:[0-9a-fA-F-]{36}")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-Fa-f]+)")


def stabilise_pdf(data: bytes) -> bytes:
    """The PDF with its creation dates, document ids, checksum and XMP uuids fixed, each replaced by a
    value of the same length (so no cross-reference offset moves): a rebuild then changes no
    bytes where the producer's drawing is deterministic."""
    data = _DATE.sub(lambda m: b"D:20200101000000+00'00'"[:len(m.group(0))], data)
    data = _XMP_DATE.sub(lambda m: m.group(1) + b"2020-01-01T00:00:00Z"[:len(m.group(2))].ljust(len(m.group(2)), b" ")
                         + m.group(3), data)
    data = _UUID.sub(lambda m: b"uuid:" + b"0" * 36, data)
    data = _CHECKSUM.sub(lambda m: b"/DocChecksum /" + b"0" * len(m.group(1)), data)
    return _ID.sub(lambda m: m.group(0).replace(m.group(1), b"0" * len(m.group(1)))
                   .replace(m.group(2), b"0" * len(m.group(2))), data)
