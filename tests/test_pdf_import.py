"""The PDF importer: block extraction from the rendered fixtures, and whole-report accuracy.

The fixtures in ``fixtures/pdf*/`` are rendered from ``fixtures/*.yaml`` by
``scripts/build_fixtures.py`` (reportlab); ``fixtures/pdf-office/`` holds the Word fixtures as an
office suite exports them (LibreOffice Writer: shaded table cells, OpenSymbol for Wingdings), a
second producer; ``fixtures/pdf-unfilled/`` prints the boxes without fills, so text is placed
by its label alone. Importing any of them must give back the reference visit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, FIXTURE_YAMLS
from kvalitet_core.model import BoxKind
from kvalitet_core.native import load_yaml
from kvalitet_core.plugins import get_host
from kvalitet_core.reading import read_visits
from kvalitet_core.recognise.blocks import TextBlock
from kvalitet_core.scoring import score_visit
from kvalitet_plugins.pdf_reader.document import pdf_blocks
from kvalitet_core.recognise.symbol_fonts import Glyph, classify, is_symbol_font

PEGASUS = "pegasus-2017-09-28"
VARIANTS = {"upright": "pdf/{id}.pdf", "rotate-flag": "pdf-rotated/{id}.pdf", "turned": "pdf-rotated/{id}.turned.pdf",
            "office-suite": "pdf-office/{id}.pdf", "unfilled-boxes": "pdf-unfilled/{id}.pdf"}
EXACT = ("visit_date", "auditors", "employees_total", "assessment")


def blocks_of(relative: str) -> list[TextBlock]:
    path = FIXTURES / relative
    return list(pdf_blocks(path.read_bytes(), str(path)))


def page_of(blocks: list[TextBlock], text: str) -> list[TextBlock]:
    """All blocks of the first page that has a block starting with ``text``."""
    page = next(block.page for block in blocks if block.text.startswith(text))
    return [block for block in blocks if block.page == page]


@pytest.fixture(scope="module")
def pegasus() -> list[TextBlock]:
    return blocks_of(f"pdf/{PEGASUS}.pdf")


# --- Whole reports ------------------------------------------------------------------------------

@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("reference", FIXTURE_YAMLS, ids=lambda p: p.stem)
def test_every_fixture_imports_faithfully(reference: Path, variant: str) -> None:
    expected = load_yaml(reference.read_text(encoding="utf-8"))[0]
    source = FIXTURES / VARIANTS[variant].format(id=reference.stem)
    [visit] = read_visits(get_host(), source)
    score = score_visit(visit, expected)
    boxes = [text for text in score.texts if text.part.startswith("sections.")]
    poor = [(text.part, round(text.similarity, 3)) for text in boxes if text.similarity < 0.98]
    assert not poor, poor
    for name in EXACT:
        assert getattr(visit, name) == getattr(expected, name), name
    assert [s.themes for s in visit.sections] == [s.themes for s in expected.sections]
    assert visit.provenance.importer == "pdf"


# --- Blocks -----------------------------------------------------------------------------------

def test_fills_give_box_kinds_and_labels_sit_in_their_boxes(pegasus: list[TextBlock]) -> None:
    page = page_of(pegasus, "Tema 1:")
    labels = {block.text: block.box for block in page if block.bold and block.box}
    assert labels["Vi talte om"] is BoxKind.TALKED_ABOUT
    assert labels["Dette peger på at…"] is BoxKind.POINTS_TO
    assert labels["Ledere og medarbejdere peger på…"] is BoxKind.SUGGESTIONS
    assert next(b for b in page if b.text.startswith("Se tema 4")).box is BoxKind.SUGGESTIONS
    column = next(b for b in page if b.text.startswith("Tema 1:"))
    assert column.box is None and column.fill is None and column.bold


def test_reading_order_is_column_grey_purple_yellow(pegasus: list[TextBlock]) -> None:
    page = page_of(pegasus, "Tema 1:")
    order = [block.box for block in page if block.text != str(block.page)]
    assert order[0] is None
    kinds = [kind for index, kind in enumerate(order[1:]) if kind is not order[index]]
    assert kinds == [BoxKind.TALKED_ABOUT, BoxKind.POINTS_TO, BoxKind.SUGGESTIONS]


def test_bold_lines_are_headings_and_body_text_is_not(pegasus: list[TextBlock]) -> None:
    heading = next(b for b in pegasus if b.text == "Noget at stå op til.")
    body = next(b for b in pegasus if b.text.startswith("Brugerne fortæller"))
    assert heading.bold and not body.bold
    assert heading.box is body.box is BoxKind.TALKED_ABOUT
    assert heading.bbox[3] <= body.bbox[1]


def test_symbol_font_bullets_become_list_items(pegasus: list[TextBlock]) -> None:
    item = next(b for b in pegasus if b.text.startswith("At lave plan for praktiske opgaver"))
    assert item.bullet and item.box is BoxKind.SUGGESTIONS
    assert "•" not in item.text
    checks = [b for b in pegasus if b.text.startswith("Tema 3a. At medarbejderne")]
    assert checks and all(b.bullet for b in checks), "ZapfDingbats check boxes mark list items"


def test_dingbat_arrow_becomes_an_arrow(pegasus: list[TextBlock]) -> None:
    assert any(block.text == "Pegasus: Historie → Fremtid" and block.bold for block in pegasus)


def test_side_box_fields_are_separate_lines_and_not_a_report_box(pegasus: list[TextBlock]) -> None:
    page = page_of(pegasus, "Metode og læsevejledning")
    side = [b for b in page if b.fill is not None]
    assert [b.text for b in side][:3] == ["Oplysninger om besøget", "Dato", "28.9.2017"]
    assert all(b.box is None for b in side), "a light blue side box is none of the three boxes"


@pytest.mark.parametrize("variant", ["rotate-flag", "turned"])
def test_rotated_pages_read_upright(pegasus: list[TextBlock], variant: str) -> None:
    turned = blocks_of(VARIANTS[variant].format(id=PEGASUS))
    assert [b.text for b in turned] == [b.text for b in pegasus]
    for mine, upright in zip(turned, pegasus):
        assert mine.page_size == upright.page_size == (842.0, 595.0)
        assert all(abs(a - b) < 1.0 for a, b in zip(mine.bbox, upright.bbox)), (mine.text, mine.bbox, upright.bbox)
        assert (mine.box, mine.bold, mine.bullet) == (upright.box, upright.bold, upright.bullet)


def test_symbol_fonts_are_known_by_name_not_code_point() -> None:
    assert classify("Ø", "Wingdings") is Glyph.ARROW  # how pdfium decodes a Wingdings arrow
    assert classify("\uf0e0", "Wingdings") is Glyph.ARROW
    assert classify("x", "Wingdings") is Glyph.MARKER  # a check box
    assert classify("\uf0b7", "Symbol") is Glyph.MARKER
    assert classify("➔", "ZapfDingbats") is Glyph.ARROW
    assert is_symbol_font("ABCDEF+Wingdings-Regular") and is_symbol_font("OpenSymbol")
    assert not is_symbol_font("Calibri-Bold")


def test_lines_are_grouped_by_baseline_not_by_letter_height() -> None:
    """ "rammer" has no tall letters, so its bounds start lower than "Tema 6"; it is still the
    next line of the same paragraph."""
    blocks = blocks_of("pdf/nabo-2017-10-05.pdf")
    assert any(block.text == "Tema 6: Fysiske\nrammer" and block.bold for block in blocks)


def test_page_numbers_in_the_margin_are_dropped(pegasus: list[TextBlock]) -> None:
    assert not [block for block in pegasus if block.text.isdigit()]


def test_words_drawn_one_by_one_get_their_spaces_and_split_words_are_joined(tmp_path: Path) -> None:
    """Office suites often draw each word (or a piece of one) as its own text run, with no space
    characters: a gap wider than a fraction of an em is a space, no gap is the same word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path = tmp_path / "words.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(842, 595))
    x = 72.0
    for piece, gap in (("Både", 3.0), ("leder", 3.0), ("og", 3.0), ("m", 0.0), ("edarbejdere", 3.0), ("oplever", 0.0)):
        pdf.setFont("Helvetica", 10)
        pdf.drawString(x, 500, piece)
        x += stringWidth(piece, "Helvetica", 10) + gap
    pdf.save()
    [block] = list(pdf_blocks(path.read_bytes(), str(path)))
    assert block.text == "Både leder og medarbejdere oplever"
    assert block.font == "Helvetica" and not block.bold


# --- pdfium binding -----------------------------------------------------------------------------

def test_importing_a_pdf_loads_pdfium_without_pypdfium2s_full_bindings() -> None:
    """The few functions the importer calls are bound directly: pypdfium2's declarations of all
    of pdfium cost a batch worker some 50 ms before its first file."""
    import subprocess
    import sys

    code = ("import sys\nfrom kvalitet_plugins.pdf_reader.document import pdf_blocks\n"
            f"path = {str(FIXTURES / 'pdf' / (PEGASUS + '.pdf'))!r}\n"
            "blocks = list(pdf_blocks(open(path, 'rb').read(), path))\n"
            "print(len(blocks), 'pypdfium2_raw.bindings' in sys.modules, 'pypdfium2' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, text=True)
    assert result.returncode == 0, result.stderr
    count, bindings, helpers = result.stdout.split()
    assert int(count) > 50 and (bindings, helpers) == ("False", "False"), result.stderr


def test_without_the_bundled_binary_pypdfium2s_own_library_is_used(monkeypatch: pytest.MonkeyPatch,
                                                                     pegasus: list[TextBlock]) -> None:
    """A pypdfium2 built against another pdfium keeps its binary elsewhere: same blocks through it."""
    from kvalitet_plugins.pdf_reader import pdfium

    monkeypatch.setattr(pdfium, "_bundled_library", lambda: None)
    pdfium.pdfium.cache_clear()
    try:
        assert blocks_of(f"pdf/{PEGASUS}.pdf") == pegasus
    finally:
        pdfium.pdfium.cache_clear()


# --- the compiled page walk ---------------------------------------------------------------------

def _pages(data: bytes, compiled: bool) -> list:
    from kvalitet_plugins.pdf_reader.objects import PageReader
    from kvalitet_plugins.pdf_reader.pdfium import pdfium

    calls = pdfium()
    document = calls.FPDF_LoadMemDocument64(data, len(data), None)
    reader, pages = PageReader(compiled=compiled), []
    try:
        for index in range(calls.FPDF_GetPageCount(document)):
            page = calls.FPDF_LoadPage(document, index)
            pages.append(reader.read(page, index + 1))
            calls.FPDF_ClosePage(page)
    finally:
        calls.FPDF_CloseDocument(document)
    return pages


def _forms_and_long_runs(folder: Path) -> Path:
    """Text and a filled box inside a form XObject placed twice, scaled and moved, and a text run
    longer than the walk's buffer."""
    from reportlab.pdfgen import canvas

    path = folder / "forms.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(842, 595))
    pdf.beginForm("card")
    pdf.setFillColorRGB(0.85, 0.85, 0.85)
    pdf.rect(0, 0, 200, 60, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(10, 40, "Vi talte om")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(10, 20, "Læring på tværs – æ, ø og å")
    pdf.endForm()
    pdf.doForm("card")
    pdf.saveState()
    pdf.translate(300, 200)
    pdf.scale(1.5, 1.2)
    pdf.doForm("card")
    pdf.restoreState()
    pdf.setFont("Helvetica", 4)
    pdf.drawString(20, 20, "ord " * 1500)
    pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("name", [str(path.relative_to(FIXTURES)) for path in sorted(FIXTURES.glob("pdf*/*.pdf"))]
                         + ["forms"])
def test_the_compiled_walk_reads_pages_exactly_as_the_python_walk(name: str, tmp_path: Path) -> None:
    from kvalitet_plugins.pdf_reader.objects import compiled_walk

    if compiled_walk is None:
        pytest.skip("the compiled walk is not built here (no C compiler at install time)")
    path = _forms_and_long_runs(tmp_path) if name == "forms" else FIXTURES / name
    compiled, python = _pages(path.read_bytes(), True), _pages(path.read_bytes(), False)
    assert compiled == python
    if name == "forms":
        [page] = compiled
        assert len(page.shapes) == 2 and len(page.pieces) == 5
        assert max(len(piece.text) for piece in page.pieces) > 4096
