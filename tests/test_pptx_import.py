"""The PowerPoint importer: decks built here with python-pptx, the way report slides are built by
hand (filled rectangles holding their text, text boxes laid over filled shapes, groups, tables,
placeholders), must give the blocks and regions a viewer would show; bad files are refused in one
line, fast."""

from __future__ import annotations

import copy
import io
import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Pt

from conftest import FIXTURES, ROOT, run_kvalitet
from kvalitet_core.errors import InputError
from kvalitet_core.formats import SourceInfo
from kvalitet_core.native import load_yaml
from kvalitet_core.plugins import get_host
from kvalitet_core.reading import read_visits
from kvalitet_core.scoring import score_visit
from kvalitet_plugins.pptx import PptxImporter, pptx_blocks

GREY, LILAC, YELLOW = RGBColor(0xD9, 0xD9, 0xD9), RGBColor(0xE4, 0xDF, 0xEC), RGBColor(0xFF, 0xF2, 0xCC)
WIDE, HIGH = Pt(960), Pt(540)


def deck():  # noqa: ANN201 - a python-pptx Presentation
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDE, HIGH
    return presentation


def blank(presentation):  # noqa: ANN001, ANN201
    return presentation.slides.add_slide(presentation.slide_layouts[6])


def saved(presentation) -> bytes:  # noqa: ANN001
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def blocks_of(presentation):  # noqa: ANN001, ANN201
    return pptx_blocks(saved(presentation), "test.pptx")


def rectangle(slide, x: float, y: float, w: float, h: float, fill: RGBColor | None = None,  # noqa: ANN001, ANN201
              outline: bool = False):
    """A rectangle in points, filled or not, outlined or not (python-pptx's default style would
    otherwise fill it with the theme's accent gradient)."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(x), Pt(y), Pt(w), Pt(h))
    if fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = fill
    if outline:
        shape.line.color.rgb = RGBColor(0, 0, 0)
    else:
        shape.line.fill.background()
    return shape


def write(frame, paragraphs: list[list[tuple[str, bool]] | str]) -> None:  # noqa: ANN001
    """Paragraphs as lists of (text, bold) runs, or plain strings; word wrap on."""
    frame.word_wrap = True
    for index, runs in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        for text, bold in ([(runs, False)] if isinstance(runs, str) else runs):
            run = paragraph.add_run()
            run.text = text
            run.font.bold = bold
            run.font.size = Pt(11)


def text_box(slide, x: float, y: float, w: float, h: float, paragraphs):  # noqa: ANN001, ANN201
    box = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    write(box.text_frame, paragraphs)
    return box


def inside(block, box: tuple[float, float, float, float], slack: float = 2.0) -> bool:  # noqa: ANN001
    x0, y0, x1, y1 = block.bbox
    return box[0] - slack <= x0 <= x1 <= box[2] + slack and box[1] - slack <= y0 <= y1 <= box[3] + slack


def theme_slide(presentation, title: str = "Tema 1: Uddannelse og beskæftigelse"):  # noqa: ANN001, ANN201
    """A theme page as people build them: theme column on the left, the grey box as a filled
    rectangle holding its text, purple and yellow as filled rectangles with text boxes on top."""
    slide = blank(presentation)
    text_box(slide, 30, 30, 110, 480, [[(title, True)]])
    grey = rectangle(slide, 150, 30, 380, 480, GREY)
    write(grey.text_frame, [[("Vi talte om", True)], [("Kerneopgaven", True)],
                            [("Vi talte om ", False), ("kerneopgaven", True), (" og hverdagen.", False)]])
    grey.text_frame.vertical_anchor = 1  # top (MSO_ANCHOR.TOP)
    rectangle(slide, 540, 30, 390, 280, LILAC)
    text_box(slide, 548, 36, 374, 260, [[("Dette peger på at…", True)], "I fortsætter arbejdet med planer."])
    rectangle(slide, 540, 320, 390, 190, YELLOW)
    text_box(slide, 548, 326, 374, 170, [[("Ledere og medarbejdere peger på…", True)], "Mere tid til dokumentation."])
    return slide


# --- Blocks, regions and reading order ----------------------------------------------------------

def test_a_theme_page_gives_its_text_in_reading_order_with_one_region_per_box() -> None:
    presentation = deck()
    theme_slide(presentation)
    blocks = blocks_of(presentation)
    assert [b.text for b in blocks] == [
        "Tema 1: Uddannelse og beskæftigelse",
        "Vi talte om", "Kerneopgaven", "Vi talte om kerneopgaven og hverdagen.",
        "Dette peger på at…", "I fortsætter arbejdet med planer.",
        "Ledere og medarbejdere peger på…", "Mere tid til dokumentation.",
    ]
    assert {b.page for b in blocks} == {1}
    assert all(b.page_size == pytest.approx((960, 540)) for b in blocks)
    assert all(b.box is None for b in blocks), "boxes are the recogniser's to decide, by their labels"
    by_text = {b.text: b for b in blocks}
    column = by_text["Tema 1: Uddannelse og beskæftigelse"]
    assert column.region is None and column.fill is None and column.bold
    grey, purple, yellow = (by_text[label].region for label in
                            ("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…"))
    assert grey.bbox == pytest.approx((150, 30, 530, 510)) and grey.fill == (0xD9, 0xD9, 0xD9)
    assert purple.bbox == pytest.approx((540, 30, 930, 310)) and purple.fill == (0xE4, 0xDF, 0xEC)
    assert yellow.fill == (0xFF, 0xF2, 0xCC)
    assert len({grey.id, purple.id, yellow.id}) == 3
    for block in blocks[1:]:
        assert block.fill == block.region.fill
        assert inside(block, block.region.bbox), (block.text, block.bbox, block.region.bbox)
    assert by_text["I fortsætter arbejdet med planer."].region == purple
    assert by_text["Mere tid til dokumentation."].region == yellow
    card = by_text["Vi talte om kerneopgaven og hverdagen."]
    assert not card.bold and card.bold_phrases == ("kerneopgaven",)
    assert by_text["Kerneopgaven"].bold and by_text["Kerneopgaven"].size == 11
    assert by_text["Vi talte om"].font == "Calibri", "the theme's minor font"


def test_a_text_box_takes_the_smallest_drawn_shape_under_its_centre_outlines_included() -> None:
    presentation = deck()
    slide = blank(presentation)
    rectangle(slide, 0, 0, 960, 540, RGBColor(0xF8, 0xF8, 0xF8))  # a slide background: no region
    rectangle(slide, 100, 100, 600, 400, GREY)
    rectangle(slide, 120, 120, 300, 120, None, outline=True)  # a frame with no fill, drawn on top
    text_box(slide, 130, 130, 280, 100, ["I rammen"])
    text_box(slide, 130, 300, 280, 100, ["I den grå boks"])
    text_box(slide, 750, 100, 150, 60, ["Udenfor"])
    blocks = {b.text: b for b in blocks_of(presentation)}
    framed, grey, outside = blocks["I rammen"], blocks["I den grå boks"], blocks["Udenfor"]
    assert framed.region.bbox == pytest.approx((120, 120, 420, 240)) and framed.region.fill is None
    assert framed.fill is None
    assert grey.region.bbox == pytest.approx((100, 100, 700, 500)) and grey.fill == (0xD9, 0xD9, 0xD9)
    assert outside.region is None and outside.fill is None


def test_groups_compose_their_child_coordinate_spaces_at_any_depth() -> None:
    presentation = deck()
    slide = blank(presentation)
    outer = slide.shapes.add_group_shape()
    inner = outer.shapes.add_group_shape()
    box = rectangle(inner, 10, 10, 100, 50, LILAC)
    write(box.text_frame, ["Dette peger på at…"])
    text_box(outer, 200, 10, 100, 50, ["Ved siden af"])
    # Scale the outer group to twice its children's size and move it: a child at (10, 10) in
    # child space then sits at (100 + 2 * 10, 50 + 2 * 10) on the slide.
    transform = outer.element.find(qn("p:grpSpPr")).find(qn("a:xfrm"))
    child_offset, child_extent = transform.find(qn("a:chOff")), transform.find(qn("a:chExt"))
    child_offset.set("x", str(Pt(0))), child_offset.set("y", str(Pt(0)))
    child_extent.set("cx", str(Pt(300))), child_extent.set("cy", str(Pt(60)))
    transform.find(qn("a:off")).set("x", str(Pt(100)))
    transform.find(qn("a:off")).set("y", str(Pt(50)))
    transform.find(qn("a:ext")).set("cx", str(Pt(600)))
    transform.find(qn("a:ext")).set("cy", str(Pt(120)))
    blocks = {b.text: b for b in blocks_of(presentation)}
    region = blocks["Dette peger på at…"].region
    assert region.bbox == pytest.approx((120, 70, 320, 170))
    assert region.fill == (0xE4, 0xDF, 0xEC)
    assert inside(blocks["Dette peger på at…"], region.bbox)
    assert blocks["Ved siden af"].bbox[0] == pytest.approx(500 + 7.2, abs=0.5)
    assert blocks["Ved siden af"].region is None


def test_placeholders_the_title_names_the_theme_and_body_placeholders_are_lists() -> None:
    presentation = deck()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])  # title and content
    slide.shapes.title.text = "Tema 1: Uddannelse og beskæftigelse"
    body = slide.placeholders[1].text_frame
    body.text = "Praktik i virksomheder"
    body.add_paragraph().text = "Hjælp til CV"
    plain = body.add_paragraph()
    plain.text = "Uden punkt"
    plain._p.get_or_add_pPr().insert(0, etree.SubElement(plain._p.get_or_add_pPr(), qn("a:buNone")))
    blocks = blocks_of(presentation)
    assert [b.text for b in blocks] == ["Tema 1: Uddannelse og beskæftigelse", "Praktik i virksomheder",
                                        "Hjælp til CV", "Uden punkt"]
    title, first, second, unmarked = blocks
    assert title.size == 44 and not title.bullet, "the master's title style"
    assert first.bullet and second.bullet and not unmarked.bullet, "the master's body style has bullets"
    assert first.size == 32
    assert title.bbox[3] <= first.bbox[1], "the title's placeholder sits above the body's"


def test_placeholders_inherit_fill_and_bold_from_their_layout() -> None:
    presentation = deck()
    layout = presentation.slide_layouts[5]  # title only
    title = next(shape for shape in layout.placeholders if shape.placeholder_format.type == 1)
    title.fill.solid()
    title.fill.fore_color.rgb = LILAC
    list_style = title.element.find(qn("p:txBody")).find(qn("a:lstStyle"))
    etree.SubElement(etree.SubElement(list_style, qn("a:lvl1pPr")), qn("a:defRPr"), b="1", sz="2400")
    slide = presentation.slides.add_slide(layout)
    slide.shapes.title.text = "Tema 3a: Målgruppe, metoder og resultater"
    [block] = blocks_of(presentation)
    assert block.bold and block.size == 24
    assert block.region is not None and block.fill == (0xE4, 0xDF, 0xEC)


def test_a_group_fill_and_a_slide_colour_map_override_are_followed() -> None:
    presentation = deck()
    slide = blank(presentation)
    group = slide.shapes.add_group_shape()
    child = rectangle(group, 40, 40, 200, 100, GREY)
    write(child.text_frame, ["Gruppens farve"])
    child_fill = child.fill._xPr.find(qn("a:solidFill"))
    child_fill.addprevious(etree.Element(qn("a:grpFill")))
    child_fill.getparent().remove(child_fill)
    group_properties = group.element.find(qn("p:grpSpPr"))
    etree.SubElement(etree.SubElement(group_properties, qn("a:solidFill")), qn("a:srgbClr"), val="FFF2CC")
    shape = rectangle(slide, 300, 40, 200, 100, GREY)
    shape.fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_1
    write(shape.text_frame, ["Baggrund 1"])
    override = slide.element.find(qn("p:clrMapOvr"))  # python-pptx writes a:masterClrMapping
    override.clear()
    mapping = etree.SubElement(override, qn("a:overrideClrMapping"))
    for alias, slot in (("bg1", "dk1"), ("tx1", "lt1"), ("bg2", "dk2"), ("tx2", "lt2")):
        mapping.set(alias, slot)
    for index in range(1, 7):
        mapping.set(f"accent{index}", f"accent{index}")
    mapping.set("hlink", "hlink"), mapping.set("folHlink", "folHlink")
    fills = {b.text: b.fill for b in blocks_of(presentation)}
    assert fills == {"Gruppens farve": (0xFF, 0xF2, 0xCC), "Baggrund 1": (0, 0, 0)}


def test_tables_give_a_region_per_cell_with_its_fill() -> None:
    presentation = deck()
    slide = blank(presentation)
    frame = slide.shapes.add_table(2, 3, Pt(40), Pt(40), Pt(900), Pt(400))
    table = frame.table
    table.cell(0, 0).merge(table.cell(1, 0))
    texts = {(0, 0): "Tema 2: Selvstændighed og relationer", (0, 1): "Vi talte om", (0, 2): "Dette peger på at…",
             (1, 1): "Relationer til naboer", (1, 2): "Ledere og medarbejdere peger på…"}
    fills = {(0, 1): GREY, (0, 2): LILAC, (1, 2): YELLOW}
    for (row, column), text in texts.items():
        cell = table.cell(row, column)
        cell.text = text
        if (row, column) in fills:
            cell.fill.solid()
            cell.fill.fore_color.rgb = fills[(row, column)]
    blocks = blocks_of(presentation)
    # The merged first column spans both rows, so the columns are read one after the other.
    assert [b.text for b in blocks] == [texts[(0, 0)], texts[(0, 1)], texts[(1, 1)], texts[(0, 2)], texts[(1, 2)]]
    by_text = {b.text: b for b in blocks}
    assert all(b.region is not None for b in blocks), "every cell is a region"
    assert len({b.region.id for b in blocks}) == 5
    assert by_text["Vi talte om"].fill == (0xD9, 0xD9, 0xD9)
    assert by_text["Dette peger på at…"].fill == (0xE4, 0xDF, 0xEC)
    assert by_text["Ledere og medarbejdere peger på…"].fill == (0xFF, 0xF2, 0xCC)
    merged = by_text[texts[(0, 0)]].region
    assert merged.bbox == pytest.approx((40, 40, 340, 440)), "a merged cell spans its rows"
    for block in blocks:
        assert inside(block, block.region.bbox, slack=60), (block.text, block.bbox, block.region.bbox)


def test_a_plain_table_is_read_row_by_row() -> None:
    presentation = deck()
    table = blank(presentation).shapes.add_table(2, 2, Pt(40), Pt(40), Pt(600), Pt(200)).table
    for (row, column), text in {(0, 0): "a", (0, 1): "b", (1, 0): "c", (1, 1): "d"}.items():
        table.cell(row, column).text = text
    assert [b.text for b in blocks_of(presentation)] == ["a", "b", "c", "d"]


def test_bullets_from_list_properties_numbering_and_typed_or_symbol_glyphs() -> None:
    presentation = deck()
    slide = blank(presentation)
    box = text_box(slide, 40, 40, 600, 400, ["Punkt fra buChar", "Første nummer", "Andet nummer", "• Tastet punkt",
                                             "- Tastet streg", "Wingdings punkt", "Almindelig tekst",
                                             "-2 grader er ikke et punkt"])
    paragraphs = box.text_frame.paragraphs
    etree.SubElement(paragraphs[0]._p.get_or_add_pPr(), qn("a:buChar")).set("char", "▪")
    for paragraph in paragraphs[1:3]:
        etree.SubElement(paragraph._p.get_or_add_pPr(), qn("a:buAutoNum")).set("type", "arabicPeriod")
    symbol = paragraphs[5].runs[0]
    symbol.text = "§"
    symbol.font.name = "Wingdings"
    after = paragraphs[5].add_run()
    after.text = "Wingdings punkt"
    blocks = blocks_of(presentation)
    assert [(b.text, b.bullet) for b in blocks] == [
        ("Punkt fra buChar", True), ("1. Første nummer", False), ("2. Andet nummer", False),
        ("Tastet punkt", True), ("Tastet streg", True), ("Wingdings punkt", True),
        ("Almindelig tekst", False), ("-2 grader er ikke et punkt", False),
    ]
    assert blocks[5].font == "Calibri", "the symbol font is not the paragraph's font"


def test_bold_comes_from_runs_or_paragraph_defaults_and_bold_runs_are_cards() -> None:
    presentation = deck()
    slide = blank(presentation)
    box = text_box(slide, 40, 40, 600, 400, [[("Helt ", True), ("fed", True)],
                                             [("En ", False), ("blå", True), (" ", True), ("kort", True),
                                              (" og en ", False), ("til", True), (".", False)],
                                             "Fed fra afsnittet"])
    third = box.text_frame.paragraphs[2]
    third.runs[0].font.bold = None
    third.font.bold = True  # a:pPr/a:defRPr b="1"
    blocks = blocks_of(presentation)
    assert [(b.text, b.bold, b.bold_phrases) for b in blocks] == [
        ("Helt fed", True, ()), ("En blå kort og en til.", False, ("blå kort", "til")),
        ("Fed fra afsnittet", True, ()),
    ]


def test_scheme_colours_resolve_through_the_theme_as_office_shows_them() -> None:
    presentation = deck()
    slide = blank(presentation)
    shades = [(MSO_THEME_COLOR.BACKGROUND_1, -0.15), (MSO_THEME_COLOR.ACCENT_4, 0.8), (MSO_THEME_COLOR.ACCENT_6, 0.8),
              (MSO_THEME_COLOR.ACCENT_1, 0.0)]
    for index, (theme_colour, brightness) in enumerate(shades):
        shape = rectangle(slide, 20 + index * 230, 20, 220, 200, GREY)
        shape.fill.fore_color.theme_color = theme_colour
        shape.fill.fore_color.brightness = brightness
        write(shape.text_frame, [f"Farve {index}"])
    tinted = rectangle(slide, 20, 300, 220, 200, GREY)
    colour = tinted.fill._xPr.find(qn("a:solidFill"))
    colour.clear()
    etree.SubElement(etree.SubElement(colour, qn("a:schemeClr"), val="accent1"), qn("a:tint"), val="50000")
    write(tinted.text_frame, ["Toning"])
    unknown = rectangle(slide, 250, 300, 220, 200, GREY)
    colour = unknown.fill._xPr.find(qn("a:solidFill"))
    colour.clear()
    etree.SubElement(etree.SubElement(colour, qn("a:schemeClr"), val="accent1"), qn("a:inv"))
    write(unknown.text_frame, ["Ukendt"])
    styled = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(480), Pt(300), Pt(220), Pt(200))
    write(styled.text_frame, ["Stilens fyld"])
    fills = {b.text: b.fill for b in blocks_of(presentation)}
    regions = {b.text: b.region for b in blocks_of(presentation)}

    def near(actual: tuple[int, int, int] | None, expected: int) -> bool:
        wanted = (expected >> 16, (expected >> 8) & 0xFF, expected & 0xFF)
        return actual is not None and all(abs(a - w) <= 1 for a, w in zip(actual, wanted))

    # Office's own values: "Background 1, darker 15%", "Accent 4, lighter 80%" (the lilac of many
    # reports), "Accent 6, lighter 80%", and accent 1 of the Office 2007 theme.
    assert near(fills["Farve 0"], 0xD9D9D9), fills["Farve 0"]
    assert near(fills["Farve 1"], 0xE5E0EC), fills["Farve 1"]
    assert near(fills["Farve 2"], 0xFDE9D9), fills["Farve 2"]
    assert fills["Farve 3"] == (0x4F, 0x81, 0xBD)
    tint = fills["Toning"]
    assert tint is not None and all(t > a for t, a in zip(tint, (0x4F, 0x81, 0xBD))), "a tint is lighter"
    assert fills["Ukendt"] is None and regions["Ukendt"] is not None, "unresolved: no guess, still a region"
    assert regions["Stilens fyld"] is not None, "the style's fillRef paints the shape"


def test_slides_are_pages_and_hidden_slides_hidden_shapes_notes_pictures_and_empty_shapes_are_not_content() -> None:
    presentation = deck()
    first = blank(presentation)
    text_box(first, 40, 40, 400, 100, ["Side et"])
    first.notes_slide.notes_text_frame.text = "Talerens noter"
    rectangle(first, 40, 200, 200, 100, GREY)  # an empty shape
    first.shapes.add_picture(io.BytesIO(_tiny_png()), Pt(300), Pt(200))
    hidden = blank(presentation)
    text_box(hidden, 40, 40, 400, 100, ["Skjult"])
    hidden.element.set("show", "0")
    third = blank(presentation)
    text_box(third, 40, 40, 400, 100, ["Side tre"])
    invisible = text_box(third, 40, 200, 400, 100, ["Skjult figur"])
    invisible.element.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("hidden", "1")
    numbered = text_box(third, 40, 400, 400, 60, [])
    field = etree.SubElement(numbered.text_frame.paragraphs[0]._p, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                             type="slidenum")
    etree.SubElement(field, qn("a:t")).text = "‹#›"
    blocks = blocks_of(presentation)
    assert [(b.text, b.page) for b in blocks] == [("Side et", 1), ("Side tre", 3), ("3", 3)]


def test_shapes_the_layout_draws_are_on_every_slide_that_shows_them() -> None:
    """A template may draw the boxes and their labels on the layout; the slide's text boxes then
    lie over the layout's shapes."""
    presentation = deck()
    layout = presentation.slide_layouts[6]
    scratch = blank(presentation)
    label = rectangle(scratch, 540, 30, 390, 280, LILAC)
    write(label.text_frame, [[("Dette peger på at…", True)]])
    label.text_frame.vertical_anchor = 1
    layout.element.find(qn("p:cSld")).find(qn("p:spTree")).append(copy.deepcopy(label.element))
    label.element.getparent().remove(label.element)  # drawn by the layout only
    text_box(scratch, 548, 80, 374, 200, ["Planer for hverdagen."])
    hiding = blank(presentation)
    hiding.element.set("showMasterSp", "0")
    text_box(hiding, 40, 40, 300, 100, ["Uden skabelonens figurer"])
    blocks = blocks_of(presentation)
    first = [b for b in blocks if b.page == 1]
    assert [b.text for b in first] == ["Dette peger på at…", "Planer for hverdagen."]
    label_block, text = first
    assert text.region == label_block.region and text.fill == (0xE4, 0xDF, 0xEC)
    assert label_block.bold
    assert [b.text for b in blocks if b.page == 2] == ["Uden skabelonens figurer"]


def test_text_shrunk_to_fit_its_shape_reports_the_shown_size() -> None:
    presentation = deck()
    box = text_box(blank(presentation), 40, 40, 300, 100, ["Meget tekst"])
    body = box.text_frame._txBody.find(qn("a:bodyPr"))
    for child in list(body):
        body.remove(child)
    etree.SubElement(body, qn("a:normAutofit"), fontScale="62500")
    [block] = blocks_of(presentation)
    assert block.size == pytest.approx(11 * 0.625, abs=0.05)


def test_shapes_wrapped_in_alternate_content_are_read_once_from_the_choice() -> None:
    presentation = deck()
    slide = blank(presentation)
    text_box(slide, 40, 40, 300, 60, ["Før"])
    wrapped = text_box(slide, 40, 120, 300, 60, ["Valgt indhold"]).element
    fallback = copy.deepcopy(wrapped)
    fallback.find(".//" + qn("a:t")).text = "Reserveindhold"
    alternate = etree.Element("{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent")
    wrapped.addprevious(alternate)
    choice = etree.SubElement(alternate, "{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice",
                              Requires="a14")
    choice.append(wrapped)
    etree.SubElement(alternate, "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback").append(fallback)
    text_box(slide, 40, 200, 300, 60, ["Efter"])
    assert [b.text for b in blocks_of(presentation)] == ["Før", "Valgt indhold", "Efter"]


def test_region_ids_are_unique_across_the_deck() -> None:
    presentation = deck()
    theme_slide(presentation)
    theme_slide(presentation, "Tema 2: Selvstændighed og relationer")
    blocks = blocks_of(presentation)
    per_page = {page: {b.region.id for b in blocks if b.page == page and b.region} for page in (1, 2)}
    assert len(per_page[1]) == len(per_page[2]) == 3
    assert not per_page[1] & per_page[2]


def test_a_slide_show_reads_as_its_presentation() -> None:
    """A .ppsx is a presentation whose main part has another content type."""
    presentation = deck()
    text_box(blank(presentation), 40, 40, 300, 60, ["Vist som lysbilledshow"])
    source = zipfile.ZipFile(io.BytesIO(saved(presentation)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.slideshow.main+xml")
            archive.writestr(info.filename, data)
    assert [b.text for b in pptx_blocks(buffer.getvalue(), "show.ppsx")] == ["Vist som lysbilledshow"]


def test_accepts_by_extension_or_a_zip_naming_ppt() -> None:
    importer = PptxImporter(get_host())
    head = saved(deck())[:4096]
    assert importer.accepts(SourceInfo("report.pptx"), b"")
    assert importer.accepts(SourceInfo("<stdin>"), head)
    assert not importer.accepts(SourceInfo("report.docx"), b"PK\x03\x04word/document.xml")
    assert "pptx" in get_host().importers


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + \
        chunk(b"IEND", b"")


# --- Refusals -----------------------------------------------------------------------------------

def _ole(stream_name: str) -> bytes:
    """The head of an OLE compound file whose directory names ``stream_name``: what PowerPoint
    writes for a password-protected deck (EncryptedPackage) or a 97-2003 deck."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    entry = stream_name.encode("utf-16-le").ljust(64, b"\x00") + bytes(64)
    return header + entry + bytes(4096)


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
        with archive.open("ppt/media/image1.png", "w") as member:
            block = bytes(1024 * 1024)
            for _ in range(64):
                member.write(block)
    return buffer.getvalue()


def _not_a_report() -> bytes:
    presentation = deck()
    text_box(blank(presentation), 40, 40, 400, 100, ["Kvartalsregnskab", "Omsætningen steg."])
    return saved(presentation)


def _damaged_xml() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_not_a_report()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "ppt/slides/slide1.xml":
                data = data[: len(data) // 2]
            archive.writestr(info.filename, data)
    return buffer.getvalue()


def _shape_bomb() -> bytes:
    """Thousands of tiny text boxes on one slide: a small file that would take minutes to place."""
    presentation = deck()
    slide = blank(presentation)
    box = text_box(slide, 10, 10, 20, 20, ["x"])
    for _ in range(5000):
        box.element.addnext(copy.deepcopy(box.element))
    return saved(presentation)


def _slide_flood() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
        for number in range(1, 1002):
            archive.writestr(f"ppt/slides/slide{number}.xml", "<p:sld/>")
    return buffer.getvalue()


def _word_document() -> bytes:
    document = docx.Document()
    document.add_paragraph("Vi talte om")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


REFUSALS = {
    "not-a-report": (_not_a_report, "not a written-feedback report"),
    "encrypted": (lambda: _ole("EncryptedPackage"), "encrypted or password-protected PowerPoint file"),
    "legacy-ppt": (lambda: _ole("PowerPoint Document"), "PowerPoint 97-2003"),
    "zip-bomb": (_zip_bomb, "zip bomb"),
    "random-bytes": (lambda: random.Random(12).randbytes(8192), "not a ZIP archive"),
    "docx-renamed": (_word_document, "a Word document"),
    "damaged-xml": (_damaged_xml, "damaged PowerPoint file"),
    "empty": (lambda: b"", "empty file"),
    "shape-bomb": (_shape_bomb, "more than 1,000 shapes on slide 1"),
    "slide-flood": (_slide_flood, "1,001 slides"),
}


@pytest.mark.parametrize("name", REFUSALS)
def test_bad_decks_are_refused_in_one_line_fast(name: str, tmp_path: Path) -> None:
    make, expected = REFUSALS[name]
    source = tmp_path / "report.pptx"
    source.write_bytes(make())
    target = tmp_path / "out.json"
    result = run_kvalitet("convert", str(source), "--to", "json", "-o", str(target), timeout=60)
    stderr = result.stderr.decode()
    assert result.returncode != 0
    about = [line for line in stderr.strip().splitlines() if str(source) in line]
    assert len(about) == 1 and expected in about[0], stderr  # then the run's summary line
    assert "Traceback" not in stderr
    assert not target.exists()


def test_a_deck_whose_directory_understates_a_member_is_refused_unread() -> None:
    """The directory says 1000 bytes where 32 MiB are packed: the size check passes, and the
    capped reader, which counts what it inflates, refuses the member."""
    source = zipfile.ZipFile(io.BytesIO(_not_a_report()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
        archive.writestr("ppt/media/image9.png", bytes(32 * 1024 * 1024))
    declared = (32 * 1024 * 1024).to_bytes(4, "little")
    data = buffer.getvalue()
    assert data.count(declared) == 2  # the local header and the central directory
    with pytest.raises(InputError) as refused:
        pptx_blocks(data.replace(declared, (1000).to_bytes(4, "little")), "liar.pptx")
    assert "\n" not in str(refused.value) and "image9.png" in str(refused.value)


# --- A whole report -----------------------------------------------------------------------------

def _report_deck(reference: Path, layout: str = "columns") -> bytes:
    """A report deck: cover, method with side box, theme pages, assessment, conclusion and
    appendix. Theme pages in the ``columns`` layout: theme column, grey box holding its text,
    purple and yellow with text boxes laid on top; in the ``bands`` layout: the theme in a band
    above three boxes, each label in a dark header shape above a box body with a text box."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from fixture_builder.pages import quality_model_for, report_pages

    visit = load_yaml(reference.read_text(encoding="utf-8"))[0]
    pages = report_pages(visit, quality_model_for(visit), 0)
    presentation = deck()

    def fill_frame(frame, paras, label: str | None = None) -> None:  # noqa: ANN001
        frame.word_wrap = True
        items = ([[(label, True)]] if label else []) + [para for para in paras]
        for index, para in enumerate(items):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            runs = para if isinstance(para, list) else para.runs
            marker = None if isinstance(para, list) else para.marker
            if marker == "bullet":
                etree.SubElement(paragraph._p.get_or_add_pPr(), qn("a:buChar")).set("char", "•")
            elif marker == "check":
                glyph = paragraph.add_run()
                glyph.text, glyph.font.name = "x", "Wingdings"
                runs = [(" ", False), *runs]
            for text, bold in runs:
                run = paragraph.add_run()
                run.text, run.font.bold, run.font.size = text, bold, Pt(7)

    for page in pages:
        slide = blank(presentation)
        if page.kind == "theme" and layout == "bands":
            column, *boxes = page.regions
            fill_frame(text_box(slide, 20, 20, 920, 30, []).text_frame, column.paras)
            for region, x in zip(boxes, (20, 330, 640)):
                fill_frame(rectangle(slide, x, 60, 300, 24, RGBColor(0x40, 0x40, 0x60)).text_frame, [], region.label)
                rectangle(slide, x, 84, 300, 430, RGBColor.from_string(region.fill or "FFFFFF"))
                fill_frame(text_box(slide, x + 5, 90, 290, 420, []).text_frame, region.paras)
        elif page.kind == "theme":
            column, grey, purple, yellow = page.regions
            fill_frame(text_box(slide, 20, 20, 120, 500, []).text_frame, column.paras)
            shape = rectangle(slide, 150, 20, 390, 500, RGBColor.from_string(grey.fill or "FFFFFF"))
            fill_frame(shape.text_frame, grey.paras, grey.label)
            shape.text_frame.vertical_anchor = 1
            for region, top, height in ((purple, 20, 290), (yellow, 320, 200)):
                rectangle(slide, 550, top, 390, height, RGBColor.from_string(region.fill or "FFFFFF"))
                fill_frame(text_box(slide, 555, top + 5, 380, height - 10, []).text_frame, region.paras, region.label)
        elif page.kind == "method":
            left, side = page.regions
            fill_frame(text_box(slide, 20, 20, 600, 500, []).text_frame, left.paras)
            shape = rectangle(slide, 640, 20, 300, 500, RGBColor.from_string(side.fill or "FFFFFF"))
            fill_frame(shape.text_frame, side.paras)
            shape.text_frame.vertical_anchor = 1
        else:
            fill_frame(text_box(slide, 20, 20, 920, 500, []).text_frame, page.regions[0].paras)
    return saved(presentation)


@pytest.mark.parametrize("layout", ["columns", "bands"])
def test_a_whole_report_deck_gives_its_visit(layout: str, tmp_path: Path) -> None:
    reference = FIXTURES / "pegasus-2017-09-28.yaml"
    expected = load_yaml(reference.read_text(encoding="utf-8"))[0]
    source = tmp_path / "pegasus.pptx"
    source.write_bytes(_report_deck(reference, layout))
    [visit] = read_visits(get_host(), source)
    assert visit.provenance.importer == "pptx"
    assert visit.offer == expected.offer
    assert visit.visit_date == expected.visit_date
    assert [s.themes for s in visit.sections] == [s.themes for s in expected.sections]
    poor = [(t.part, round(t.similarity, 3)) for t in score_visit(visit, expected).texts
            if t.part.startswith("sections.") and t.similarity < 0.98]
    assert not poor, poor


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_report_deck_saved_again_by_libreoffice_impress_gives_the_same_visit(tmp_path: Path) -> None:
    """Another producer: Impress rewrites masters, layouts, shapes and colours its own way."""
    reference = FIXTURES / "pegasus-2017-09-28.yaml"
    expected = load_yaml(reference.read_text(encoding="utf-8"))[0]
    source = tmp_path / "made" / "pegasus.pptx"
    source.parent.mkdir()
    source.write_bytes(_report_deck(reference))
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pptx:Impress MS PowerPoint 2007 XML", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    resaved = tmp_path / "pegasus.pptx"
    blocks = pptx_blocks(resaved.read_bytes(), str(resaved))
    labels = {b.text: b for b in blocks if b.page == 4 and b.bold}
    assert labels["Vi talte om"].region is not None and labels["Vi talte om"].fill is not None
    assert labels["Dette peger på at…"].region.id != labels["Ledere og medarbejdere peger på…"].region.id
    [visit] = read_visits(get_host(), resaved)
    assert (visit.offer, visit.visit_date) == (expected.offer, expected.visit_date)
    assert [s.themes for s in visit.sections] == [s.themes for s in expected.sections]
