"""The PDF importer: block extraction from the rendered fixtures, and whole-report accuracy.

The fixtures in ``fixtures/pdf*/`` are rendered from ``fixtures/*.yaml`` by
``scripts/build_fixtures.py`` (reportlab); ``fixtures/pdf-office/`` holds the Word fixtures as an
office suite exports them (LibreOffice Writer: shaded table cells, OpenSymbol for Wingdings), a
second producer; ``fixtures/pdf-unfilled/`` prints the boxes without fills, so text is placed
by its label alone. Importing any of them must give back the reference visit.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, FIXTURE_YAMLS
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


# --- Blocks ---------------------------------------------------------------------------------------

def _region(block: TextBlock) -> int | None:
    return block.region.id if block.region else None


def test_text_in_a_filled_shape_reports_that_shape_as_its_region(pegasus: list[TextBlock]) -> None:
    page = page_of(pegasus, "Tema 1:")
    labels = {block.text: block for block in page if block.bold and block.region}
    grey, purple, yellow = (labels[text] for text in ("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…"))
    assert len({_region(grey), _region(purple), _region(yellow)}) == 3
    assert grey.region.fill == grey.fill == (217, 217, 217)
    assert _region(next(b for b in page if b.text.startswith("Se tema 4"))) == _region(yellow)
    x0, y0, x1, y1 = yellow.region.bbox
    assert x0 <= yellow.bbox[0] and yellow.bbox[2] <= x1 and y0 <= yellow.bbox[1] and yellow.bbox[3] <= y1
    column = next(b for b in page if b.text.startswith("Tema 1:"))
    assert column.region is None and column.fill is None and column.bold and column.box is None


def test_reading_order_is_column_then_one_region_after_another(pegasus: list[TextBlock]) -> None:
    page = page_of(pegasus, "Tema 1:")
    order = [_region(block) for block in page]
    assert order[0] is None
    runs = [region for index, region in enumerate(order[1:]) if region != order[index]]
    assert len(runs) == len(set(runs)) == 3, "each box is read whole before the next"


def test_bold_lines_are_headings_and_body_text_is_not(pegasus: list[TextBlock]) -> None:
    heading = next(b for b in pegasus if b.text == "Noget at stå op til.")
    body = next(b for b in pegasus if b.text.startswith("Brugerne fortæller"))
    assert heading.bold and not body.bold
    assert _region(heading) == _region(body) is not None
    assert heading.bbox[3] <= body.bbox[1]


def test_symbol_font_bullets_become_list_items(pegasus: list[TextBlock]) -> None:
    item = next(b for b in pegasus if b.text.startswith("At lave plan for praktiske opgaver"))
    assert item.bullet and item.region is not None
    assert "•" not in item.text
    checks = [b for b in pegasus if b.text.startswith("Tema 3a. At medarbejderne")]
    assert checks and all(b.bullet for b in checks), "ZapfDingbats check boxes mark list items"


def test_dingbat_arrow_becomes_an_arrow(pegasus: list[TextBlock]) -> None:
    assert any(block.text == "Pegasus: Historie → Fremtid" and block.bold for block in pegasus)


def test_side_box_fields_are_separate_lines_in_their_own_region(pegasus: list[TextBlock]) -> None:
    page = page_of(pegasus, "Metode og læsevejledning")
    side = [b for b in page if b.fill is not None]
    assert [b.text for b in side][:3] == ["Oplysninger om besøget", "Dato", "28.9.2017"]
    assert len({_region(b) for b in side}) == 1 and all(b.box is None for b in side)


@pytest.mark.parametrize("variant", ["rotate-flag", "turned"])
def test_rotated_pages_read_upright(pegasus: list[TextBlock], variant: str) -> None:
    turned = blocks_of(VARIANTS[variant].format(id=PEGASUS))
    assert [b.text for b in turned] == [b.text for b in pegasus]
    for mine, upright in zip(turned, pegasus):
        assert mine.page_size == upright.page_size == (842.0, 595.0)
        assert all(abs(a - b) < 1.0 for a, b in zip(mine.bbox, upright.bbox)), (mine.text, mine.bbox, upright.bbox)
        assert (mine.fill, mine.bold, mine.bullet) == (upright.fill, upright.bold, upright.bullet)


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


def test_a_one_line_shaded_paragraph_is_a_region_and_a_rule_or_highlight_is_not(tmp_path: Path) -> None:
    """An office suite shades each paragraph on its own: a one-line paragraph's strip is lower
    than a box, yet holds its line of text — a region. A rule under a heading holds no text, a
    highlighted word is narrower than a column, a highlighted line's strip ends where its text
    does (a paragraph's shading runs on to the column's edge), and a strip inside a box is the
    box's."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "strips.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFillColorRGB(0.93, 0.93, 0.93)
    pdf.rect(45, 731, 242, 11, stroke=0, fill=1)  # a one-line paragraph's shading
    pdf.rect(45, 690, 242, 1.5, stroke=0, fill=1)  # a rule
    pdf.rect(45, 650, 40, 11, stroke=0, fill=1)  # a highlighted word
    line = "En hel linje fremhævet med en overstregningspen i teksten"
    pdf.rect(45, 620, 1 + pdf.stringWidth(line, "Helvetica", 9), 11, stroke=0, fill=1)  # a highlighted line
    pdf.setFillColorRGB(0.85, 0.8, 0.9)
    pdf.rect(40, 500, 260, 100, stroke=0, fill=1)  # a box, with a strip of another tint inside
    pdf.setFillColorRGB(0.8, 0.75, 0.85)
    pdf.rect(45, 580, 242, 11, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont("Helvetica", 9)
    pdf.drawString(46, 734, "Medicin og sundhedsfaglig dokumentation")
    pdf.drawString(46, 694, "Overskrift over en streg")
    pdf.drawString(46, 653, "Ordet")
    pdf.drawString(46, 623, line)
    pdf.drawString(46, 583, "En linje i boksen")
    pdf.save()
    regions = {block.text: block.region for block in pdf_blocks(path.read_bytes(), str(path))}
    assert regions["Medicin og sundhedsfaglig dokumentation"] is not None
    assert regions["Overskrift over en streg"] is None
    assert regions["Ordet"] is None
    assert regions[line] is None
    assert regions["En linje i boksen"] is not None and regions["En linje i boksen"].bbox[3] - regions[
        "En linje i boksen"].bbox[1] > 50


def test_text_where_a_floated_box_overlaps_another_is_the_box_drawn_on_top(tmp_path: Path) -> None:
    """A box floated at the side runs down over the top of the box below it, whose fill goes on
    under the float: where they overlap, the float — drawn later — is what shows, and the text
    there is its own, though the box below is the smaller shape."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "float.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFillColorRGB(0.9, 0.87, 0.94)
    pdf.rect(45, 168, 505, 103, stroke=0, fill=1)  # the box below, full width
    pdf.setFillColorRGB(1.0, 0.96, 0.82)
    pdf.rect(374, 222, 176, 501, stroke=0, fill=1)  # the float, drawn last, over its top
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont("Helvetica", 9)
    pdf.drawString(384, 245, "sårbarhed er central for fællesskabet")
    pdf.drawString(56, 245, "At drøfte, hvordan målgruppen ser ud")
    pdf.save()
    fills = {block.text: block.fill for block in pdf_blocks(path.read_bytes(), str(path))}
    assert fills["sårbarhed er central for fællesskabet"] == (255, 245, 209)
    assert fills["At drøfte, hvordan målgruppen ser ud"] == (230, 222, 240)


def test_justified_lines_stay_whole_and_columns_still_split(tmp_path: Path) -> None:
    """A narrow justified column stretches the spaces of a line with few words to several ems —
    wider than a column gutter — but all to one width, across the column's width, with the
    lines around running through them; two columns drawn side by side do neither."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path = tmp_path / "justified.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFillColorRGB(0.9, 0.9, 0.9)
    pdf.rect(40, 600, 240, 80, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    left, right, size = 48.0, 272.0, 11.0

    def justified(y: float, words: list[str], first: str | None = None) -> None:
        start = left
        if first:
            pdf.drawString(left, y, first)
            start = left + 14
        widths = [stringWidth(word, "Helvetica", size) for word in words]
        gap = (right - start - sum(widths)) / (len(words) - 1)
        x = start
        for word, width in zip(words, widths):
            pdf.drawString(x, y, word)
            x += width + gap

    pdf.setFont("Helvetica", size)
    justified(660, "målsætningen. De beskriver, hvordan de".split())
    justified(646, "har mistet brugere ved".split())
    justified(632, "sammenlægningen. Nogle er simpelthen".split())
    justified(618, "Et fast punkt om".split(), first="2.")
    pdf.drawString(left + 14, 604, "samarbejdet på personalemøderne.")
    for y, (key, value) in zip((400, 386), (("Dato", "28.9.2017"), ("Konsulenter", "Janne Andersen"))):
        pdf.drawString(48, y, key)
        pdf.drawString(200, y, value)
    pdf.save()
    blocks = list(pdf_blocks(path.read_bytes(), str(path)))
    lines = [line for block in blocks for line in block.text.split("\n")]
    assert "har mistet brugere ved" in lines
    assert "Et fast punkt om" in lines or "2. Et fast punkt om" in lines
    assert "Dato" in lines and "28.9.2017" in lines and "Konsulenter" in lines


def test_a_wide_space_is_no_gutter_where_the_lines_around_are_set_glyph_by_glyph(tmp_path: Path) -> None:
    """Qt's printer (wkhtmltopdf) sets every glyph as a text run of its own. A letter-spaced
    label's word space, 0.85 em, is no column gutter though the lines above leave a gap between
    two glyphs at its place: their letters stand closer than a word space there. Two columns
    set glyph by glyph, the gutter clear in every row, still split."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path = tmp_path / "glyphs.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    size = 7.0

    def glyphs(x: float, y: float, text: str, tracking: float = 0.3, space: float | None = None,
               font: str = "Helvetica") -> float:
        """``text`` drawn one glyph at a time, ``tracking`` apart, a space ``space`` wide."""
        pdf.setFont(font, size)
        for char in text:
            if char == " ":
                x += stringWidth(" ", font, size) + tracking if space is None else space - tracking
                continue
            pdf.drawString(x, y, char)
            x += stringWidth(char, font, size) + tracking
        return x

    end = glyphs(40, 570, "LEDERE OG MEDARBEJDERE PEGER", tracking=0.3 * size, font="Helvetica-Bold") - 0.3 * size
    glyphs(end + 0.85 * size, 570, "PÅ…", tracking=0.3 * size, font="Helvetica-Bold")
    middle = end + 0.85 * size / 2
    for y in (600, 590, 580):  # two letters of a word either side of the label's gap
        left = "Et behov for, at tilbuddet har en stigende opmærk"
        glyphs(middle - sum(stringWidth(char, "Helvetica", size) + 0.3 for char in left), y, left)
        glyphs(middle + 0.3, y, "somhed på, hvilke kompetencer der er brug for i fremtiden.")
    glyphs(40, 560, "Løbende efteruddannelse")
    pdf.showPage()
    for y in (400, 390, 380, 370):
        end = glyphs(40, y, "Venstre kolonnes tekst")
        glyphs(end + 0.9 * size, y, "Højre kolonnes tekst")
    pdf.save()
    lines = [line for block in pdf_blocks(path.read_bytes(), str(path)) for line in block.text.split("\n")]
    assert "L E D E R E O G M E D A R B E J D E R E P E G E R P Å …" in lines, lines
    assert lines.count("Venstre kolonnes tekst") == 4 and lines.count("Højre kolonnes tekst") == 4


def _kerned_run(pdf: Any, y: float, parts: list[tuple[float, str]], size: float = 10.0) -> None:
    """``parts`` (where each starts, its text) drawn as ONE text run, kerned from one to the
    next, as TeX sets a table row's line across its cells (reportlab's canvas draws one run per
    string, so the ``TJ`` array is written out)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def encoded(text: str) -> str:  # a PDF string, WinAnsi bytes past ASCII written as octal escapes
        return "(" + "".join(chr(byte) if 32 <= byte < 127 and chr(byte) not in "()\\" else f"\\{byte:03o}"
                             for byte in text.encode("cp1252")) + ")"

    array, end = [], parts[0][0]
    for x, text in parts:
        if array:
            array.append(f"{-1000 * (x - end) / size:.1f}")
        array.append(encoded(text))
        end = x + stringWidth(text, "Helvetica", size)
    pdf.setFont("Helvetica", size)
    pdf._code.append(f"BT /F1 {size} Tf 1 0 0 1 {parts[0][0]} {y} Tm [{' '.join(array)}] TJ ET")


def test_a_table_row_set_as_one_run_across_its_cells_is_parted_at_its_gaps(tmp_path: Path) -> None:
    """A typesetter (pdfTeX, as pandoc drives it) sets each line of a table row as one run,
    kerning from one cell's text to the next, with no shapes to tell the cells: a header row of
    box labels, and a label's cell followed by its text's first line, come apart at their gaps
    (the labels each over their column, a centred caption above running through the gaps)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path = tmp_path / "tex.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont("Helvetica", 10)
    pdf.drawString(60, 790, "Tabel 4: Tema 3a: Målgruppe, metoder og resultater – Fælles fagligt fundament")
    labels = ("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…")
    starts = [57.0]
    for label in labels[:-1]:  # the columns 1.2 em apart, as wide as their labels
        starts.append(starts[-1] + stringWidth(label, "Helvetica", 10) + 12)
    _kerned_run(pdf, 760, list(zip(starts, labels)))
    for x in starts:
        for y in (745, 733, 721):
            pdf.drawString(x, y, "Om det.")
    pdf.showPage()
    pdf.setFont("Helvetica", 10)
    _kerned_run(pdf, 760, [(57, "Vi talte om"), (304, "Opmærksomhed på dilemmaer")])
    pdf.drawString(304, 748, "Medarbejdere og leder fortæller, hvordan de har arbejdet")
    pdf.save()
    blocks = list(pdf_blocks(path.read_bytes(), str(path)))
    heads = {block.text.split("\n")[0]: block.bbox[0] for block in blocks if block.page == 1}
    assert [heads.get(label) for label in labels] == [pytest.approx(x, abs=3) for x in starts], heads
    second = [block for block in blocks if block.page == 2]
    assert second[0].text == "Vi talte om" and second[0].bbox[2] < 120, [block.text for block in second]
    assert second[1].text.startswith("Opmærksomhed på dilemmaer") and second[1].bbox[0] > 290


def test_a_shaded_column_of_field_names_is_read_row_by_row_with_its_values(tmp_path: Path) -> None:
    """A side box as a form: the field names in one shaded table column, the values beside it
    in white cells, some values over two lines. Each name is read with its row, not the whole
    column of names before the values."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "form.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFillColorRGB(0.87, 0.92, 0.96)
    pdf.rect(51, 560, 241, 200, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    rows = (("Dato", ["05.10.2017"]), ("Konsulenter", ["Janne Andersen", "Dorte Valentiner-Branth"]),
            ("Antal ansatte i alt på tilbuddet", []), ("Vi talte med", ["4 medarbejdere", "1 leder"]))
    y = 740.0
    for name, values in rows:
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawString(57, y, name)
        pdf.setFont("Helvetica", 10)
        for number, value in enumerate(values):
            pdf.drawString(298, y - 17 * number, value)
        y -= 17 * max(len(values), 1) + 17
    pdf.save()
    texts = [block.text for block in pdf_blocks(path.read_bytes(), str(path))]
    assert texts == ["Dato", "05.10.2017", "Konsulenter", "Janne Andersen", "Dorte Valentiner-Branth",
                     "Antal ansatte i alt på tilbuddet", "Vi talte med", "4 medarbejdere", "1 leder"]


def test_a_borderless_key_value_tables_values_are_parted_at_each_keys_row(tmp_path: Path) -> None:
    """The particulars as a table without borders or fills (Word's PDF of it): the values' lines
    are set at one leading from row to row, so two rows' values read as one paragraph; a key
    standing level with a line starts the next row's value. Body text beside topic headings, with
    paragraphs between them, is not parted."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "particulars.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont("Helvetica", 9)
    rows = (("Dato", ["02.11.2021"]), ("Konsulenter", ["Anne-Mette Kjærgaard", "Søren Bech Nielsen"]),
            ("Antal ansatte i alt på tilbuddet", ["34, heraf 6 faste nattevagter"]),
            ("Vi talte med", ["2 ledere", "7 medarbejdere"]))
    y = 760.0
    for key, values in rows:  # a cell's lines 11 pt apart; a row of two lines ends closer to the next than 16 pt
        pdf.drawString(46, y, key)
        for value in values:
            pdf.drawString(298, y, value)
            y -= 11
        y -= 2 if len(values) > 1 else 5
    for top, text in ((600, "Aktive brugere"), (585, "Lange dage i huset fylder meget for alle."), (567, "Brugernes sted")):
        pdf.drawString(46, top, text)  # topic headings with a paragraph between them
    body = ["Medarbejderne fortæller om hverdagen i huset og om de", "mange aktiviteter, som brugerne selv tager del i",
            "hver uge, og om hvordan de hjælper hinanden med at", "komme afsted til aftalerne i byen og på skolerne",
            "og om de mange ture ud af huset i løbet af året."]
    for number, line in enumerate(body):
        pdf.drawString(298, 600 - 11 * number, line)
    pdf.save()
    texts = [block.text for block in pdf_blocks(path.read_bytes(), str(path))]
    for value in ("Anne-Mette Kjærgaard\nSøren Bech Nielsen", "34, heraf 6 faste nattevagter", "2 ledere\n7 medarbejdere"):
        assert value in texts
    assert not any(text.startswith("komme afsted") for text in texts)  # beside "Brugernes sted": no row of its own


def test_a_tall_name_in_a_shaded_column_takes_no_value_a_row_above_already_took(tmp_path: Path) -> None:
    """A theme column read as a form's names: a theme's big number reaches higher than the small
    "T E M A" over it, so the row it starts would begin above the row before it, and a value
    between the two starts was read into both rows (the reader failed). Each value goes to one row."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "column.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFillColorRGB(0.1, 0.3, 0.35)
    pdf.rect(40, 88, 142, 709, stroke=0, fill=1)
    pdf.setFillColorRGB(1, 1, 1)
    names = (("Helvetica", 8, 86, "T E M A"), ("Helvetica-Bold", 58, 134, "1"), ("Helvetica-Bold", 13, 168, "Uddannelse og"),
             ("Helvetica-Bold", 13, 184, "beskæftigelse"), ("Helvetica", 8, 213, "T E M A"),
             ("Helvetica-Bold", 58, 261, "2"), ("Helvetica-Bold", 13, 295, "Selvstændighed"))
    for font, size, baseline, text in names:
        pdf.setFont(font, size)
        pdf.drawString(60, 842 - baseline, text)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont("Helvetica", 10)
    values = ((82, "Vi talte om"), (94, "Medarbejderne fortæller om hverdagen"), (106, "og om de mange ture"),
              (118, "ud af huset i løbet af året."), (137, "Dette peger på at…"), (154, "At hverdagen er god"),
              (166, "og at brugerne"), (178, "deltager i den."), (199.5, "Ledere og medarbejdere peger på…"),
              (211.5, "Flere ture ud af huset."), (226, "Vi talte om"), (243, "Relationer"), (263, "Lederen fortæller."),
              (287, "Dette peger på at…"), (299, "Relationerne er gode"), (311, "i huset."))
    for top, text in values:
        pdf.drawString(210, 842 - top - 7.4, text)
    pdf.save()
    read = " ".join(block.text for block in pdf_blocks(path.read_bytes(), str(path))).split()
    assert sorted(read) == sorted(" ".join(text for *_, text in names + values).split())


def test_a_label_turned_up_its_strip_and_drawn_glyph_by_glyph_is_one_line(tmp_path: Path) -> None:
    """A tab down a box's side, its label turned to read upwards; a browser draws each glyph of
    turned text as a run of its own. The runs are one line, spaces where the words part, and
    the page's own lines read as before."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path = tmp_path / "turned.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(842, 595))
    pdf.setFont("Helvetica", 10)
    pdf.drawString(80, 520, "Brugerne fortæller om hverdagen i huset.")
    pdf.drawString(80, 506, "Medarbejderne fortæller om aktiviteterne.")
    pdf.saveState()
    pdf.translate(60, 100)
    pdf.rotate(90)
    pdf.setFont("Helvetica-Bold", 9)
    x = 0.0
    for glyph in "Vi talte om":
        if glyph != " ":
            pdf.drawString(x, 0, glyph)
        x += stringWidth(glyph, "Helvetica-Bold", 9)
    pdf.restoreState()
    pdf.save()
    texts = [block.text for block in pdf_blocks(path.read_bytes(), str(path))]
    assert "Vi talte om" in texts
    assert "Brugerne fortæller om hverdagen i huset.\nMedarbejderne fortæller om aktiviteterne." in texts


def test_a_colour_swatch_before_a_label_marks_no_list_item_and_a_wrapped_label_stays_whole(tmp_path: Path) -> None:
    """A table of labels in a left column, each label after a small square in its box's colour
    (a legend's swatch, drawn as a filled path like a browser's list marker): no label is a list
    item, and one wrapped under its swatch is one block, not an item and a stray line."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "swatches.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    for y, colour, lines in ((760, (0.4, 0.4, 0.4), ["Vi talte om"]), (700, (0.44, 0.19, 0.63), ["Dette peger på at…"]),
                             (640, (0.75, 0.56, 0.0), ["Ledere og", "medarbejdere peger på…"])):
        pdf.setFillColorRGB(*colour)
        pdf.rect(53, y + 1, 6, 6, stroke=0, fill=1)
        pdf.setFillColorRGB(0, 0, 0)
        pdf.setFont("Helvetica-Bold", 9)
        pdf.drawString(63, y, lines[0])
        for number, line in enumerate(lines[1:], start=1):
            pdf.drawString(53, y - 12 * number, line)
        pdf.setFont("Helvetica", 9)
        pdf.drawString(220, y, "Teksten til feltet står i kolonnen ved siden af.")
    pdf.save()
    blocks = [block for block in pdf_blocks(path.read_bytes(), str(path)) if block.bbox[0] < 200]
    assert [(block.text, block.bullet) for block in blocks] == [
        ("Vi talte om", False), ("Dette peger på at…", False), ("Ledere og\nmedarbejdere peger på…", False)]


@pytest.mark.parametrize("dash", ["–", "—"])
def test_dash_items_set_close_to_their_text_are_items_each(tmp_path: Path, dash: str) -> None:
    """A browser sets "– " as text a word space from the item: a line that opens with a dash
    under a paragraph that opened with one starts the next item, however short the last line."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "dashes.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 700, f"{dash} En fælles introduktion for nye frivillige.")
    pdf.drawString(72, 686, f"{dash} En årlig dag, hvor frivillige og ansatte evaluerer samarbejdet.")
    pdf.drawString(72, 640, "Målgruppe, metoder og resultater")
    pdf.drawString(72, 626, f"{dash} Fælles fagligt fundament")
    pdf.save()
    texts = [block.text for block in pdf_blocks(path.read_bytes(), str(path))]
    assert texts[:2] == [f"{dash} En fælles introduktion for nye frivillige.",
                         f"{dash} En årlig dag, hvor frivillige og ansatte evaluerer samarbejdet."]
    assert texts[2] == f"Målgruppe, metoder og resultater\n{dash} Fælles fagligt fundament"


def test_one_run_set_across_two_cells_is_read_cell_by_cell(tmp_path: Path) -> None:
    """A PDF rewriter (Ghostscript, say) may set a table row's text as one run across its cells:
    a run that a cell's edge runs through is cut into its words, each in the cell it stands in."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "row.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(842, 595))
    for x, grey in ((50, 0.85), (300, 0.75)):
        pdf.setFillColorRGB(grey, grey, grey)
        pdf.rect(x, 400, 250, 120, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    text = pdf.beginText(60, 500)
    text.setFont("Helvetica", 10)
    text._code.append("[(Besoget gav ikke anledning til feedback.) -8000 (Der var ingen kommentarer)] TJ")
    pdf.drawText(text)
    pdf.save()
    blocks = list(pdf_blocks(path.read_bytes(), str(path)))
    by_region = {block.text: block.region.id for block in blocks}
    assert set(by_region) == {"Besoget gav ikke anledning til feedback.", "Der var ingen kommentarer"}
    assert len(set(by_region.values())) == 2


def _ruled_table(path: Path, rules: str) -> list[TextBlock]:
    """A landscape page with a table of three columns and two rows (a header, a body) whose
    borders are drawn as ``rules``: "grid" — every cell edge a line of its own, the column
    edges drawn row by row, as an office suite exports a table without fills — "columns" —
    the column edges only — or "underlines" — rules under the rows only. The body's text is
    justified to 3 pt inside its cell, so a column's lines end 6 pt before the next one's begin."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(842, 595))
    edges, rows = (45, 296, 546, 797), (520, 500, 380)  # y measured upwards: the header's top, its bottom, the body's
    pdf.setLineWidth(1)
    for top, bottom in pairwise(rows):
        if rules in ("grid", "columns"):
            for x in edges:
                pdf.line(x, top, x, bottom)
        if rules in ("grid", "underlines"):
            for left, right in pairwise(edges):
                pdf.line(left, bottom, right, bottom)
    if rules == "grid":
        for left, right in pairwise(edges):
            pdf.line(left, rows[0], right, rows[0])
    pdf.setFont("Helvetica-Bold", 9)
    for x, label in zip(edges, ("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…")):
        pdf.drawString(x + 3, 507, label)
    body = (("Brugerne fortæller, at det at komme her i høj grad er med til at give dem en meningsfuld hverdag, "
             "noget at stå op til og noget at glæde sig til efter weekenden."),
            ("Der er behov for, at arbejde med at skabe en højere grad af struktur ift. opgaver og tiltag i huset, "
             "så alle ved, hvem der gør hvad og hvornår."),
            "At man med fordel kan evaluere på de aktiviteter, der sættes i gang, og fastsætte start og slut for dem.")
    width = 244
    for x, paragraph in zip(edges, body):
        lines: list[list[str]] = [[]]
        for word in paragraph.split():
            if lines[-1] and pdf.stringWidth(" ".join([*lines[-1], word]), "Helvetica", 9) > width:
                lines.append([])
            lines[-1].append(word)
        text = pdf.beginText(x + 3, 485)
        text.setFont("Helvetica", 9)
        for number, words in enumerate(lines):
            line = " ".join(words)
            last = number == len(lines) - 1
            text.setWordSpace(0 if last else (width - pdf.stringWidth(line, "Helvetica", 9)) / (len(words) - 1))
            text.textLine(line)
        pdf.drawText(text)
    pdf.save()
    return list(pdf_blocks(path.read_bytes(), str(path)))


def test_a_table_drawn_as_rules_gives_each_cell_as_a_region(tmp_path: Path) -> None:
    """A table exported without fills draws its borders as separate lines: the cells they
    enclose are regions, and text on one baseline in two cells a few points apart stays apart."""
    blocks = _ruled_table(tmp_path / "grid.pdf", "grid")
    assert all(block.region is not None for block in blocks)
    cells = {block.text.split()[0]: block.region.bbox for block in blocks}
    assert cells["Vi"] == pytest.approx((45, 75, 296, 95), abs=1)
    assert cells["Brugerne"] == pytest.approx((45, 95, 296, 215), abs=1)
    assert cells["Der"] == pytest.approx((296, 95, 546, 215), abs=1)
    assert cells["At"] == pytest.approx((546, 95, 797, 215), abs=1)
    assert [block.text.replace("\n", " ") for block in blocks if block.region.bbox[1] > 90] == [
        ("Brugerne fortæller, at det at komme her i høj grad er med til at give dem en meningsfuld hverdag, noget at "
         "stå op til og noget at glæde sig til efter weekenden."),
        ("Der er behov for, at arbejde med at skabe en højere grad af struktur ift. opgaver og tiltag i huset, så alle "
         "ved, hvem der gør hvad og hvornår."),
        "At man med fordel kan evaluere på de aktiviteter, der sættes i gang, og fastsætte start og slut for dem."]


@pytest.mark.parametrize("rules", ["columns", "underlines"])
def test_rules_that_enclose_nothing_make_no_region(tmp_path: Path, rules: str) -> None:
    """Column edges with nothing across them, or rules under rows with no edges, enclose no cell."""
    blocks = _ruled_table(tmp_path / f"{rules}.pdf", rules)
    assert all(block.region is None for block in blocks)


def test_letters_a_broken_character_map_shifted_into_cjk_are_put_back() -> None:
    from kvalitet_core import unshift_letters

    assert unshift_letters("Projekt O\u6600\u6600-Side") == "Projekt Off-Side"
    assert unshift_letters("Både æ, ø og å") == "Både æ, ø og å"


# --- shapes: forms, markers, frames ------------------------------------------------------------

def _page_content(path: Path) -> list:
    import pypdfium2 as pdfium

    from kvalitet_plugins.pdf_reader.objects import PageReader

    document = pdfium.PdfDocument(path.read_bytes())
    try:
        return [PageReader().read(document[index], index + 1) for index in range(len(document))]
    finally:
        document.close()


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


def test_text_and_shapes_inside_forms_are_placed_where_the_form_is_drawn(tmp_path: Path) -> None:
    [page] = _page_content(_forms_and_long_runs(tmp_path))
    assert len(page.shapes) == 2 and len(page.pieces) == 5
    assert max(len(piece.text) for piece in page.pieces) > 4096
    labels = sorted((p for p in page.pieces if p.text == "Vi talte om"), key=lambda p: p.bbox[0])
    first, second = (shape.bbox for shape in sorted(page.shapes, key=lambda s: s.bbox[0]))
    assert second[2] - second[0] == pytest.approx(1.5 * (first[2] - first[0]), rel=0.01)
    for label, frame in zip(labels, (first, second)):
        assert frame[0] <= label.bbox[0] <= frame[2] and frame[1] <= label.bbox[1] <= frame[3]


def test_dots_drawn_as_shapes_mark_list_items_and_bordered_frames_are_regions(tmp_path: Path) -> None:
    """A browser prints list markers as small filled circles and squares, and a box may be
    drawn as a border only: both must survive as a bullet and as a region."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "shapes.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setStrokeColorRGB(0.3, 0.3, 0.3)
    pdf.rect(50, 600, 400, 150, stroke=1, fill=0)
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(60, 730, "Dette peger på at:")
    pdf.setFont("Helvetica", 10)
    for row, text in enumerate(("Et fælles sprog om kerneopgaven", "Mere tid til dokumentation")):
        y = 700 - row * 16
        pdf.circle(68, y + 3.2, 1.8, stroke=0, fill=1)
        pdf.drawString(78, y, text)
    pdf.drawString(60, 650, "– og en linje der blot begynder med en tankestreg")
    pdf.save()
    blocks = list(pdf_blocks(path.read_bytes(), str(path)))
    texts = {block.text: block for block in blocks}
    assert texts["Et fælles sprog om kerneopgaven"].bullet and texts["Mere tid til dokumentation"].bullet
    assert not texts["– og en linje der blot begynder med en tankestreg"].bullet
    assert len({_region(block) for block in blocks}) == 1 and blocks[0].region.fill is None


def test_a_dash_drawn_apart_from_its_word_is_a_marker_only_a_tab_away(tmp_path: Path) -> None:
    """Browsers and office suites may draw every word as its own run: a wrapped title line that
    starts with "–" is no list item; a dash set a tab away from its text is."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path = tmp_path / "dashes.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont("Helvetica", 10)
    for y, gap, words in ((700, 2.8, ("Fælles", "fagligt", "fundament")), (650, 14.0, ("Et", "punkt", "i", "listen"))):
        x = 72.0
        pdf.drawString(x, y, "–")
        x += stringWidth("–", "Helvetica", 10) + gap
        for word in words:
            pdf.drawString(x, y, word)
            x += stringWidth(word + " ", "Helvetica", 10)
    pdf.save()
    title, item = pdf_blocks(path.read_bytes(), str(path))
    assert (title.text, title.bullet) == ("– Fælles fagligt fundament", False)
    assert (item.text, item.bullet) == ("Et punkt i listen", True)


def test_a_page_of_tens_of_thousands_of_objects_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from kvalitet_core.errors import InputError

    path = tmp_path / "dots.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(842, 595))
    pdf.drawString(40, 560, "Vi talte om")
    for index in range(25_000):
        pdf.rect(40 + index % 700, 40 + index // 700 * 10, 0.5, 0.5, stroke=0, fill=1)
    pdf.save()
    with pytest.raises(InputError, match="page 1 draws 25,001 objects"):
        list(pdf_blocks(path.read_bytes(), str(path)))


def test_a_one_in_a_line_drawn_letter_by_letter_does_not_split_its_number() -> None:
    """A browser drawing a line letter by letter with a font whose "1" stands in a digit's full
    advance: the gap after the "1" of "2017" is the usual letter gap plus its wide side bearing,
    no space; a real space between two narrow letters ("det tilbuddet") still is one."""
    from kvalitet_plugins.pdf_reader.layout import _needs_space
    from kvalitet_plugins.pdf_reader.objects import Piece

    def piece(text: str, x0: float) -> Piece:
        return Piece(text, (x0, 0.0, x0 + 5.0, 10.0), 10.0, "Nimbus Sans", False)

    letter_gap = 0.4
    assert not _needs_space(piece("1", 0.0), piece("7", 5.0 + letter_gap + 1.8), "201", "7", letter_gap)
    assert _needs_space(piece("t", 0.0), piece("t", 5.0 + letter_gap + 2.6), "det", "t", letter_gap)


_SCANNED_LINES = [
    "Tema 1: Uddannelse og beskæftigelse",
    "Vi talte om",
    "Medarbejderne fortæller om hverdagen i huset og om de mange aktiviteter, som brugerne",
    "selv har sat i gang i løbet af det seneste år, og om hvordan de nye brugere bliver",
    "taget godt imod af de gamle, der har kommet i huset i mange år og kender alle.",
    "Dette peger på, at…",
    "At beskrive, hvordan brugerne inddrages i planlægningen af aktiviteterne i huset,",
    "og at gøre det tydeligt for alle, hvem der har ansvaret for hvad og hvornår det sker.",
]


def _scanned_page(degrees: float) -> bytes:
    """One page as OCR lays a scan's text over it: each word its own run, no shapes, every word
    on its line's baseline turned by the angle the page lay on the glass."""
    import io
    import math

    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(595, 842))
    angle = math.radians(degrees)
    for number, line in enumerate(_SCANNED_LINES):
        x, y = 40.0, 760.0 - 13 * number
        for word in line.split():
            dx, dy = x - 297.5, y - 421
            canvas.saveState()
            canvas.translate(297.5 + dx * math.cos(angle) - dy * math.sin(angle),
                             421 + dx * math.sin(angle) + dy * math.cos(angle))
            canvas.rotate(degrees)
            canvas.setFont("Helvetica", 11)
            canvas.drawString(0, 0, word)
            canvas.restoreState()
            x += stringWidth(word + " ", "Helvetica", 11)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.mark.parametrize("degrees", [-1.5, 0.8])
def test_a_page_slanted_like_a_scan_reads_in_its_lines(degrees: float) -> None:
    """OCR sets each word of a scanned page on its line at the angle the page lay on the glass:
    over a line's length its words fall or rise by more than the space between lines. The page
    is turned level by its text's own slant before lines are found, so it reads as the level one."""
    level = [block.text for block in pdf_blocks(_scanned_page(0.0), "level.pdf")]
    slanted = [block.text for block in pdf_blocks(_scanned_page(degrees), "slanted.pdf")]
    assert " ".join(level).split() == " ".join(_SCANNED_LINES).split()
    assert slanted == level
