"""Broken PDF and Word files: one line each on stderr, a non-zero exit, within seconds, no traceback.

The files are made here, in a temporary folder (none of them is worth committing), and run
through the real command line as a user or a pipeline would.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, run_kvalitet

GOOD_PDF = FIXTURES / "pdf" / "pegasus-2017-09-28.pdf"


def truncated_pdf() -> bytes:
    data = GOOD_PDF.read_bytes()
    return data[: len(data) // 2]


def encrypted_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt="hemmelig")
    pdf.drawString(72, 720, "Skriftlig Feedback")
    pdf.save()
    return buffer.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    scan = ImageReader(Image.new("L", (200, 280), 230))
    for _ in range(3):
        pdf.drawImage(scan, 0, 0, 595, 842)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def blank_pdf(pages: int = 2000) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for _ in range(pages):
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """64 MiB of zeros packed into a few hundred kilobytes, named like a Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(64):
                member.write(chunk)
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("noter.txt", "ikke et Word-dokument")
    return buffer.getvalue()


def not_a_report_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Indkøbsliste: mælk, brød, ost og kaffe.")
    pdf.save()
    return buffer.getvalue()


CASES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "truncated": ("truncated.pdf", truncated_pdf, "truncated PDF"),
    "encrypted": ("encrypted.pdf", encrypted_pdf, "encrypted PDF: decrypt it first"),
    "zero-bytes-pdf": ("empty.pdf", lambda: b"", "empty file"),
    "zero-bytes-docx": ("empty.docx", lambda: b"", "empty file"),
    "png-as-pdf": ("scan.pdf", png_bytes, "not a PDF: the file is a PNG image"),
    "random-pdf": ("random.pdf", lambda: os.urandom(200_000), "not a PDF"),
    "random-docx": ("random.docx", lambda: os.urandom(200_000), "not a ZIP archive"),
    "zip-bomb-docx": ("bomb.docx", zip_bomb, "zip bomb"),
    "plain-zip-docx": ("notes.docx", plain_zip, "without word/document.xml"),
    "image-only": ("scanned.pdf", image_only_pdf, "needs OCR"),
    "blank-2000-pages": ("blank.pdf", blank_pdf, "blank"),
    "not-a-report": ("list.pdf", not_a_report_pdf, "not a written-feedback report"),
}


@pytest.mark.parametrize("name", CASES)
def test_broken_file_gets_one_line(name: str, tmp_path: Path) -> None:
    filename, make, expected = CASES[name]
    source = tmp_path / filename
    source.write_bytes(make())
    result = run_kvalitet("convert", str(source), "--to", "yaml", "-o", str(tmp_path / "out.yaml"), timeout=60)
    stderr = result.stderr.decode()
    about = [line for line in stderr.splitlines() if filename in line]
    assert result.returncode == 1, stderr
    assert len(about) == 1 and expected in about[0], stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_batch_continues_past_a_broken_file(tmp_path: Path) -> None:
    first, broken, second = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.docx"
    first.write_bytes(GOOD_PDF.read_bytes())
    broken.write_bytes(truncated_pdf())
    second.write_bytes((FIXTURES / "docx" / "nabo-2017-10-05.docx").read_bytes())
    out = tmp_path / "out"
    result = run_kvalitet("convert", str(first), str(broken), str(second), "--to", "yaml", "-o", f"{out}/")
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    written = sorted(out.iterdir())
    assert len(written) == 2 and all(path.suffix == ".yaml" for path in written), stderr
    assert {"Pegasus", "N.A.B.O."} <= {line.split(": ", 1)[1] for path in written
                                       for line in path.read_text(encoding="utf-8").splitlines()
                                       if line.startswith("offer: ")}
    assert [line for line in stderr.splitlines() if "b.pdf" in line and "truncated" in line]
    assert "Traceback" not in stderr
