"""The Word importer: shaded cells and text boxes, bold by style, lists, symbols; whole reports.

``fixtures/docx-office/`` holds the text-box fixtures as an office suite (LibreOffice Writer)
saves them again: a second producer's XML for the same reports.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from conftest import FIXTURES, FIXTURE_YAMLS
from kvalitet_core.native import load_yaml
from kvalitet_core.plugins import get_host
from kvalitet_core.reading import read_visits
from kvalitet_core.recognise.blocks import TextBlock
from kvalitet_core.scoring import score_visit
from kvalitet_plugins.docx import docx_blocks

PEGASUS = "pegasus-2017-09-28"
VARIANTS = {"cells": "docx/{id}.docx", "text-boxes": "docx-textbox/{id}.docx", "office-suite": "docx-office/{id}.docx"}
EXACT = ("visit_date", "auditors", "employees_total", "assessment")


def blocks_of(data: bytes) -> list[TextBlock]:
    return list(docx_blocks(data, "test.docx"))


def saved(document) -> bytes:  # noqa: ANN001 - a python-docx Document
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Whole reports ------------------------------------------------------------------------------

@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("reference", FIXTURE_YAMLS, ids=lambda p: p.stem)
def test_every_fixture_imports_faithfully(reference: Path, variant: str) -> None:
    expected = load_yaml(reference.read_text(encoding="utf-8"))[0]
    [visit] = read_visits(get_host(), FIXTURES / VARIANTS[variant].format(id=reference.stem))
    score = score_visit(visit, expected)
    poor = [(t.part, round(t.similarity, 3)) for t in score.texts if t.part.startswith("sections.") and t.similarity < 0.98]
    assert not poor, poor
    for name in EXACT:
        assert getattr(visit, name) == getattr(expected, name), name
    assert [s.themes for s in visit.sections] == [s.themes for s in expected.sections]
    assert visit.provenance.importer == "docx"


# --- Blocks from the fixtures -------------------------------------------------------------------

@pytest.mark.parametrize("variant", VARIANTS)
def test_cells_and_text_boxes_are_regions_and_text_boxes_are_read_once(variant: str) -> None:
    blocks = blocks_of((FIXTURES / VARIANTS[variant].format(id=PEGASUS)).read_bytes())
    assert [b.text for b in blocks].count("Noget at stå op til.") == 1, "mc:Fallback must not be read"
    page = next(b.page for b in blocks if b.text.startswith("Tema 1:"))
    labels = {b.text: b for b in blocks if b.page == page and b.bold and b.region}
    grey, purple, yellow = (labels[text] for text in ("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…"))
    assert len({grey.region.id, purple.region.id, yellow.region.id}) == 3
    assert grey.region.fill is not None and all(b.box is None for b in blocks), "the recogniser decides the boxes"
    heading = next(b for b in blocks if b.text == "Noget at stå op til.")
    assert heading.region == grey.region
    assert [b.page for b in blocks if b.text.startswith("Tema ") and b.text[5:7].strip(":").isalnum()][0] == page
    assert any(b.text == "Pegasus: Historie → Fremtid" and b.bold for b in blocks), "Wingdings w:sym arrow"
    items = [b for b in blocks if b.text.startswith("At lave plan for praktiske opgaver")]
    assert len(items) == 1 and items[0].bullet and items[0].region.fill == yellow.region.fill


def test_pages_follow_page_breaks() -> None:
    blocks = blocks_of((FIXTURES / VARIANTS["cells"].format(id=PEGASUS)).read_bytes())
    assert blocks[0].page == 1 and blocks[0].text == "Skriftlig Feedback"
    assert next(b for b in blocks if b.text == "Metode og læsevejledning").page == 2
    assert next(b for b in blocks if b.text == "Bedømmelse").page == 13


# --- Word constructs, one at a time -------------------------------------------------------------


def test_a_continuous_section_break_goes_on_within_the_page() -> None:
    """A box's text set in two columns is a section of its own, started and ended by continuous
    breaks: it stays on the page of its label; a next-page break starts a new page."""
    from docx.enum.section import WD_SECTION_START

    document = docx.Document()
    document.add_paragraph("Vi talte om")
    document.add_section(WD_SECTION_START.CONTINUOUS)
    document.add_paragraph("Venstre spalte.")
    document.add_paragraph("Højre spalte.")
    document.add_section(WD_SECTION_START.CONTINUOUS)
    document.add_paragraph("Dette peger på, at …")
    document.add_section(WD_SECTION_START.NEW_PAGE)
    document.add_paragraph("Tema 2")
    pages = {block.text: block.page for block in blocks_of(saved(document))}
    assert pages == {"Vi talte om": 1, "Venstre spalte.": 1, "Højre spalte.": 1, "Dette peger på, at …": 1,
                     "Tema 2": 2}

def test_bold_is_resolved_through_paragraph_styles() -> None:
    document = docx.Document()
    style = document.styles.add_style("Overskrift boks", 1)  # a paragraph style
    style.font.bold = True
    document.add_paragraph("Noget at stå op til.", style="Overskrift boks")
    plain = document.add_paragraph("Brugerne fortæller ")
    card = plain.add_run("noget at stå op til")
    card.bold = True
    plain.add_run(" om dagen.")
    heading, body = blocks_of(saved(document))
    assert heading.bold and not body.bold
    assert body.bold_phrases == ("noget at stå op til",)


def test_shaded_cells_paragraphs_and_table_styles_give_fills_and_cells_regions() -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("i en lilla celle")
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), "E4DFEC")
    cell._tc.get_or_add_tcPr().append(shd)
    shaded = document.add_paragraph("et gult afsnit")
    pshd = OxmlElement("w:shd")
    pshd.set(qn("w:val"), "clear")
    pshd.set(qn("w:fill"), "FFFF99")
    shaded._p.get_or_add_pPr().append(pshd)
    purple, yellow = blocks_of(saved(document))
    assert purple.fill == purple.region.fill == (0xE4, 0xDF, 0xEC)
    assert yellow.fill == (0xFF, 0xFF, 0x99) and yellow.region is None, "a shaded paragraph is no region of its own"


def test_lists_symbols_and_numbering() -> None:
    document = docx.Document()
    document.add_paragraph("et punkt", style="List Bullet")
    document.add_paragraph("første", style="List Number")
    document.add_paragraph("anden", style="List Number")
    typed = document.add_paragraph()
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), "Wingdings")
    sym.set(qn("w:char"), "F0FC")  # a tick drawn as a Wingdings glyph, typed by hand before a tab
    typed.add_run()._r.append(sym)
    typed.add_run("\tTema 4. At fremme struktur")
    arrow = document.add_paragraph("Historie ")
    glyph = OxmlElement("w:sym")
    glyph.set(qn("w:font"), "Wingdings")
    glyph.set(qn("w:char"), "F0E0")
    arrow.add_run()._r.append(glyph)
    arrow.add_run(" Fremtid")
    bullet, first, second, ticked, arrowed = blocks_of(saved(document))
    assert bullet.bullet and bullet.text == "et punkt"
    assert (first.text, second.text) == ("1. første", "2. anden") and not first.bullet
    assert ticked.bullet and ticked.text == "Tema 4. At fremme struktur"
    assert arrowed.text == "Historie → Fremtid" and not arrowed.bullet


def _outline_list(document, levels: list[tuple[str, str, str]]) -> str:  # noqa: ANN001 - a python-docx Document
    """A multi-level list (each level's style, format and text, "%1.%2"), its styles pointing at it
    as Word's numbered headings do; its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    definition = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="{style}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>' for level, (style, fmt, text) in enumerate(levels))
    numbering.findall(qn("w:abstractNum"))[-1].addnext(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>{definition}'
        "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, (style, _, _) in enumerate(levels):
        document.styles[style.replace("Heading", "Heading ")].element.get_or_add_pPr().insert(0, parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    return "90"


def test_numbered_headings_carry_the_numbers_of_the_levels_above() -> None:
    """Word's outline numbering: "%1.%2" under heading 4 is "4.1", a new heading 1 restarts its
    subheadings, and each level is counted in its own format; numId 0 switches a style's off."""
    document = docx.Document()
    _outline_list(document, [("Heading1", "decimal", "%1"), ("Heading2", "decimal", "%1.%2"),
                             ("Heading3", "lowerLetter", "%3)")])
    for style, text in (("Heading 1", "Samlede indtryk"), ("Heading 1", "Tema 1: Uddannelse"),
                        ("Heading 2", "Vi talte om"), ("Heading 3", "Aktive brugere"), ("Heading 3", "Brugernes sted"),
                        ("Heading 2", "Dette peger på at…"), ("Heading 1", "Tema 2"), ("Heading 2", "Vi talte om")):
        document.add_heading(text, level=int(style[-1]))
    unnumbered = document.add_heading("Bedømmelse", level=1)
    off = unnumbered._p.get_or_add_pPr().get_or_add_numPr()
    off.get_or_add_numId().val = 0
    texts = [block.text for block in blocks_of(saved(document))]
    assert texts == ["1 Samlede indtryk", "2 Tema 1: Uddannelse", "2.1 Vi talte om", "a) Aktive brugere",
                     "b) Brugernes sted", "2.2 Dette peger på at…", "3 Tema 2", "3.1 Vi talte om", "Bedømmelse"]


def test_a_report_in_numbered_headings_reads_its_themes_labels_and_verdict(tmp_path: Path) -> None:
    """Every part a numbered "Heading 1" ("4 Tema 1: …", "12 Bedømmelse"), each label a numbered
    "Heading 2" ("4.1 Vi talte om"), no shading anywhere: the numbers are the template's, not the
    report's, and the labels, themes and parts are found behind them."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from fixture_builder.criterion import judge
    from fixture_builder.design_probe import docx_wheading

    expected = load_yaml((FIXTURES / f"{PEGASUS}.yaml").read_text(encoding="utf-8"))[0]
    data, expected = docx_wheading(expected)
    (tmp_path / "numbered.docx").write_bytes(data)
    [visit] = read_visits(get_host(), tmp_path / "numbered.docx")
    assert judge(visit, expected).passed, judge(visit, expected).line()


def test_a_label_set_before_a_tab_on_its_texts_first_line_is_a_line_of_its_own() -> None:
    """"Vi talte om<TAB>Aktive brugere": a label and its box's first line on one line, a tab
    between (a hanging indent aligns the rest). The label is its own line of the block; a tab
    after other text stays a space."""
    document = docx.Document()
    labelled = document.add_paragraph()
    labelled.add_run("Vi talte om").bold = True
    labelled.add_run("\tAktive brugere")
    document.add_paragraph("Kl.\t08:30")
    first, second = blocks_of(saved(document))
    assert first.text == "Vi talte om\nAktive brugere"
    assert second.text == "Kl. 08:30"


def test_a_continuation_without_page_breaks_or_labels_is_its_own_section() -> None:
    """A Word report without page breaks, whose continuation ("Tema 1 fortsat") repeats the box
    fills but not the labels: the continuation is a section of its own, boxes told by the
    fills the labels gave them, and the next theme starts a section again."""
    from kvalitet_core.recognise.report import ReportOptions, recognise_report

    document = docx.Document()
    for text in ("Skriftlig Feedback", "Pegasus", "Besøg den 28.09.17", "Samlede indtryk af tilbuddet", "Et sted."):
        document.add_paragraph(text)

    def theme_page(name: str, texts: tuple[str, str, str], labelled: bool = True) -> None:
        document.add_paragraph(name).runs[0].bold = True
        for label, fill, text in zip(("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…"),
                                     ("D9D9D9", "CCC0DA", "FFF2CC"), texts):
            cell = document.add_table(rows=1, cols=1).cell(0, 0)
            shd = OxmlElement("w:shd")
            shd.set(qn("w:val"), "clear")
            shd.set(qn("w:fill"), fill)
            cell._tc.get_or_add_tcPr().append(shd)
            if labelled:
                cell.paragraphs[0].add_run(label).bold = True
                cell.add_paragraph(text)
            else:
                cell.paragraphs[0].add_run(text)

    theme_page("Tema 1: Uddannelse og beskæftigelse", ("Grå.", "Lilla.", "Gul."))
    theme_page("Tema 1 fortsat", ("Mere grå.", "Mere lilla.", "Mere gul."), labelled=False)
    theme_page("Tema 2: Selvstændighed og relationer", ("Grå to.", "Lilla to.", "Gul to."))
    [visit] = recognise_report(blocks_of(saved(document)), "continued.docx", ReportOptions(), get_host().quality_models)
    assert [(s.themes, s.continued) for s in visit.sections] == [(["1"], False), (["1"], True), (["2"], False)]
    assert [box.text for _, box in visit.sections[1].boxes()] == ["Mere grå.", "Mere lilla.", "Mere gul."]
    assert any(w.code == "box-by-colour" for w in visit.provenance.warnings)
