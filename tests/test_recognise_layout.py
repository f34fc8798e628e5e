"""The recogniser on positioned blocks: box membership from the extractor, from fills, from labels.

The stream is built from a reference visit the way a PDF extractor would deliver it: landscape
pages, a theme column, boxes marked by ``box`` or by fill colour, bold headings, bullets, the
blocks of a page in scrambled order. One paragraph carries neither box nor fill and has to be
placed by its position under a label.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_YAMLS
from kvalitet_core.model import BoxKind, Visit
from kvalitet_core.plugins import get_host
from kvalitet_core.recognise import TextBlock, recognise
from kvalitet_core.recognise.blocks import BBox
from kvalitet_core.scoring import score_visit

PAGE = (842.0, 595.0)
FRAMES = {  # x0, y0, x1 of each box; text flows down from y0
    BoxKind.TALKED_ABOUT: (170.0, 60.0, 480.0),
    BoxKind.POINTS_TO: (500.0, 60.0, 820.0),
    BoxKind.SUGGESTIONS: (500.0, 330.0, 820.0),
}
FILLS = {BoxKind.POINTS_TO: (200, 180, 220), BoxKind.SUGGESTIONS: (255, 240, 180)}


@pytest.fixture(scope="module")
def model():
    return get_host().quality_model("sof-kvalitetsmodel-3.0")


def _flow(texts: list[str], page: int, x: float = 40.0, y: float = 40.0, bold_first: bool = False) -> list[TextBlock]:
    blocks = []
    for index, text in enumerate(texts):
        blocks.append(TextBlock(text=text, page=page, bbox=(x, y, x + 700, y + 12), page_size=PAGE,
                                bold=bold_first and index == 0, size=11))
        y += 20
    return blocks


def _box_blocks(visit: Visit, section_index: int, kind: BoxKind, page: int, unplaced_first: bool) -> list[TextBlock]:
    x0, y, x1 = FRAMES[kind]
    blocks = [TextBlock(text=kind.label, page=page, bbox=(x0, y - 20, x1, y - 8), page_size=PAGE, bold=True)]
    membership = {"box": kind} if kind is BoxKind.TALKED_ABOUT else {"fill": FILLS[kind]}
    for item_number, item in enumerate(visit.sections[section_index].box(kind).items):
        if item.heading:
            blocks.append(TextBlock(text=item.heading, page=page, bbox=(x0, y, x1, y + 12), page_size=PAGE,
                                    bold=True, size=11, **membership))
            y += 16
        for number, paragraph in enumerate(item.paragraphs):
            bullet = paragraph.startswith("- ")
            unplaced = unplaced_first and kind is BoxKind.SUGGESTIONS and item_number == 0 and number == 0
            cards = tuple(paragraph.split()[1:2]) if number == 0 and not bullet else ()
            blocks.append(TextBlock(
                text=paragraph[2:] if bullet else paragraph, page=page, bbox=(x0, y, x1, y + 24),
                page_size=PAGE, size=11, bullet=bullet, bold_phrases=cards, **({} if unplaced else membership)))
            y += 30
    return blocks


def layout_stream(visit: Visit, model, positioned: bool = True) -> list[TextBlock]:
    """The visit as a PDF extractor with geometry and fills would deliver it: when
    ``positioned``, page blocks in scrambled order and one paragraph outside any box."""
    blocks: list[TextBlock] = []
    if visit.series:
        unit = f", {visit.unit}" if visit.unit else ""
        blocks += _flow([visit.series, "Skriftlig Feedback", f"{visit.offer}{unit}",
                         f"Besøg den {visit.visit_date:%d.%m.%Y}"], 1)
    side = [f"Dato: {visit.visit_date:%d.%m.%Y}", f"{visit.auditor_title}:", *visit.auditors]
    if visit.employees_total is not None:
        note = f", {visit.employees_note}" if visit.employees_note else ""
        side.append(f"Antal ansatte i alt på tilbuddet: {visit.employees_total}{note}")
    side += ["Vi talte med:", *visit.spoke_with]
    blocks += _flow(["Oplysninger om besøget"], 2, bold_first=True)
    blocks += [TextBlock(text=line, page=2, bbox=(600, 60 + 14 * i, 800, 72 + 14 * i), page_size=PAGE,
                         fill=(230, 230, 230)) for i, line in enumerate(side)]
    blocks += _flow(["Samlede indtryk af tilbuddet", *visit.overall_impression.split("\n\n")], 3, bold_first=True)
    for index, section in enumerate(visit.sections):
        page = 4 + index
        if section.continued:
            column = f"Tema {section.themes[0]} fortsat fra side {page - 1}"
        elif len(section.themes) > 1:
            column = "Tema " + ", ".join(section.themes[:-1]) + " og " + section.themes[-1]
        else:
            column = f"Tema {section.themes[0]}: {model.theme(section.themes[0]).title}"
        page_blocks = [TextBlock(text=column, page=page, bbox=(20, 60, 150, 90), page_size=PAGE, bold=True)]
        for kind in BoxKind:
            page_blocks += _box_blocks(visit, index, kind, page, unplaced_first=positioned)
        blocks += list(reversed(page_blocks)) if positioned else page_blocks
    back = 4 + len(visit.sections)
    if visit.assessment:
        blocks += _flow(["Bedømmelse", f"{visit.assessment}."], back, bold_first=True)
    blocks += _flow(["Konklusion", *visit.conclusion.split("\n\n")], back + 1, bold_first=True)
    if visit.contributes_to:
        blocks += _flow(["Det vil bidrage til, at leve op til:"], back + 1, y=400)
        blocks += [TextBlock(text=f"Tema {item.theme}. {item.text}", page=back + 1, bullet=True,
                             bbox=(40, 430 + 30 * i, 800, 450 + 30 * i), page_size=PAGE)
                   for i, item in enumerate(visit.contributes_to)]
    return blocks


def styled_stream(visit: Visit, model) -> list[TextBlock]:
    """The visit as a Word extractor would deliver it: shading, bold and lists in document order,
    no coordinates and no pages."""
    return [replace(block, bbox=None, page_size=None, page=1)
            for block in layout_stream(visit, model, positioned=False)]


@pytest.mark.parametrize("reference", FIXTURE_YAMLS, ids=lambda p: p.stem)
def test_geometry_stream_is_recognised(reference: Path, model) -> None:
    expected = Visit.model_validate(yaml.safe_load(reference.read_text(encoding="utf-8")))
    visit = recognise(layout_stream(expected, model), source_name=reference.name, quality_model=model)
    score = score_visit(visit, expected)
    assert score.minimum >= 0.98, [(t.part, t.similarity) for t in score.texts if t.similarity < 0.98]
    required = {"visit_date", "auditors", "employees_total", "assessment", "offer", "unit", "series"}
    assert not [c for c in score.mismatches if c.field in required or c.field.endswith(("themes", "continued"))]
    assert [s.continued for s in visit.sections] == [s.continued for s in expected.sections]
    headings = [i.heading for s in expected.sections for _, b in s.boxes() for i in b.items if i.heading]
    assert [i.heading for s in visit.sections for _, b in s.boxes() for i in b.items if i.heading] == headings
    assert any(item.cards for s in visit.sections for _, b in s.boxes() for item in b.items)
    placed = [w for w in visit.provenance.warnings if w.code == "box-by-position"]
    assert placed == [] or all(w.page is not None for w in placed)
    if any(s.suggestions.items for s in expected.sections):
        assert placed


def test_layout_reading_order_is_top_to_bottom_then_left_to_right(model) -> None:
    def at(text: str, x: float, y: float) -> TextBlock:
        return TextBlock(text=text, page=1, bbox=(x, y, x + 100, y + 12), page_size=PAGE,
                         box=BoxKind.TALKED_ABOUT, size=11)
    blocks = [
        TextBlock(text="Vi talte om", page=1, bbox=(170, 20, 300, 32), page_size=PAGE, bold=True),
        TextBlock(text="Dette peger på at…", page=1, bbox=(500, 20, 700, 32), page_size=PAGE, bold=True),
        at("Tredje afsnit.", 170, 200), at("Andet afsnit til højre.", 330, 100), at("Første afsnit.", 170, 100),
    ]
    visit = recognise(blocks, source_name="order", quality_model=model)
    assert visit.sections[0].talked_about.text == "Første afsnit.\n\nAndet afsnit til højre.\n\nTredje afsnit."


@pytest.mark.parametrize("reference", FIXTURE_YAMLS, ids=lambda p: p.stem)
def test_styled_stream_without_coordinates_is_recognised(reference: Path, model) -> None:
    expected = Visit.model_validate(yaml.safe_load(reference.read_text(encoding="utf-8")))
    visit = recognise(styled_stream(expected, model), source_name=reference.name, quality_model=model)
    score = score_visit(visit, expected)
    assert score.minimum >= 0.98, [(t.part, t.similarity) for t in score.texts if t.similarity < 0.98]
    assert not [c for c in score.mismatches if c.field in {"visit_date", "auditors", "employees_total", "assessment"}
                or c.field.endswith(("themes", "continued"))]


@pytest.mark.parametrize("reference", FIXTURE_YAMLS, ids=lambda p: p.stem)
def test_labels_on_the_first_theme_page_only_the_fills_carry_on(reference: Path, model) -> None:
    """Some templates print the box labels once: the fills the labels gave the boxes on the first
    theme page tell the boxes of the pages after it (with a warning on each)."""
    expected = Visit.model_validate(yaml.safe_load(reference.read_text(encoding="utf-8")))
    labels = {kind.label for kind in BoxKind}
    blocks = [replace(block, box=None, fill=(220, 220, 220)) if block.box else block
              for block in layout_stream(expected, model, positioned=False)
              if not (block.text in labels and block.page > 4)]
    visit = recognise(blocks, source_name=reference.name, quality_model=model)
    score = score_visit(visit, expected)
    assert score.minimum >= 0.98, [(t.part, t.similarity) for t in score.texts if t.similarity < 0.98]
    assert [s.themes for s in visit.sections] == [s.themes for s in expected.sections]
    assert any(w.code == "box-by-colour" for w in visit.provenance.warnings)


def test_a_box_broken_into_the_next_column_carries_on_in_its_fill(model) -> None:
    """A browser flowing boxes through page columns draws the box's fill under every fragment
    and its label over the first only: the unlabelled fragment in the same fill, read next,
    is the same box, and a paragraph broken mid-sentence between them is one paragraph."""
    from kvalitet_core.recognise.blocks import Region
    from kvalitet_core.recognise.layout import read_layout

    grey, purple, yellow = (231, 230, 230), (228, 223, 236), (255, 242, 204)
    left, right = Region(1, (40, 80, 290, 500), grey), Region(2, (310, 80, 560, 300), grey)
    points, suggestions = Region(3, (310, 310, 560, 400), purple), Region(4, (310, 410, 560, 480), yellow)

    def block(text: str, region: Region, y: float, bold: bool = False) -> TextBlock:
        x0, _, x1, _ = region.bbox
        return TextBlock(text=text, page=4, bbox=(x0 + 8, y, x1 - 8, y + 12), page_size=(595, 842),
                         fill=region.fill, region=region, bold=bold, size=11)

    blocks = [
        TextBlock(text="Tema 1: Uddannelse og beskæftigelse", page=4, bbox=(40, 40, 560, 56),
                  page_size=(595, 842), bold=True, size=14),
        block("Vi talte om", left, 90, bold=True),
        block("Brugerne fortæller, at det at komme på stedet giver dem en meningsfuld", left, 110),
        block("hverdag og noget at stå op til.", right, 90),
        block("Aktiviteterne spænder bredt.", right, 110),
        block("Dette peger på at…", points, 320, bold=True),
        block("At tage stilling til kulturen.", points, 340),
        block("Ledere og medarbejdere peger på…", suggestions, 420, bold=True),
        block("Se tema 4", suggestions, 440),
    ]
    draft = read_layout(blocks, model)
    [page] = draft.pages
    assert [p.text for p in page.boxes[BoxKind.TALKED_ABOUT]] == [
        "Brugerne fortæller, at det at komme på stedet giver dem en meningsfuld hverdag og noget at stå op til.",
        "Aktiviteterne spænder bredt."]
    assert [p.text for p in page.boxes[BoxKind.POINTS_TO]] == ["At tage stilling til kulturen."]
    assert any(w.code == "box-by-fragment" for w in draft.warnings)
    assert not page.column or all("Aktiviteterne" not in text for text in page.column)


def _cell(text: str, page: int, region: int, fill: tuple[int, int, int] | None, bold: bool = False) -> TextBlock:
    from kvalitet_core.recognise.blocks import Region

    return TextBlock(text=text, page=page, fill=fill, region=Region(region, None, fill), bold=bold)


def _theme_table(page: int, first_region: int, theme: str, texts: tuple[str, str, str | None],
                 repeat_only: bool = False) -> list[TextBlock]:
    """A Word table of one theme: a header row of the three labels on dark fills, the texts in
    light cells below (an empty cell prints nothing); ``repeat_only``: the header row repeated
    on the next page, no theme named."""
    dark = ((127, 127, 127), (112, 48, 160), (255, 192, 0))
    light = ((242, 242, 242), (228, 223, 236), (255, 242, 204))
    blocks = [] if repeat_only else [TextBlock(text=theme, page=page, bold=True)]
    blocks += [_cell(kind.label.upper(), page, first_region + index, dark[index], bold=True)
               for index, kind in enumerate(BoxKind)]
    blocks += [_cell(text, page, first_region + 3 + index, light[index])
               for index, text in enumerate(texts) if text is not None]
    return blocks


def test_a_header_row_of_labels_titles_the_cells_below_it_in_order(model) -> None:
    """In a stream without coordinates (a Word table), labels standing each in a cell of their
    own, one after another, title the text cells that follow in the same order; a cell left empty
    prints nothing, and the fills' hues tell which one it was."""
    from kvalitet_core.recognise.layout import read_layout

    blocks = _theme_table(4, 10, "Tema 1: Uddannelse og beskæftigelse",
                          ("Brugerne fortæller om hverdagen.", None, "Et forslag fra lederne."))
    [page] = read_layout(blocks, model).pages
    assert [p.text for p in page.boxes[BoxKind.TALKED_ABOUT]] == ["Brugerne fortæller om hverdagen."]
    assert page.boxes[BoxKind.POINTS_TO] == []
    assert [p.text for p in page.boxes[BoxKind.SUGGESTIONS]] == ["Et forslag fra lederne."]


def test_a_table_running_onto_the_next_page_stays_one_section(model) -> None:
    """A theme page whose table repeats its header row on the next page, with no theme named and
    no continuation marker there, while every other theme page names its theme: the next page
    carries on the same section, a sentence broken between the pages joined."""
    blocks = [TextBlock(text="Samlede indtryk af tilbuddet", page=3, bold=True),
              TextBlock(text="Et godt sted.", page=3)]
    blocks += _theme_table(4, 10, "Tema 1: Uddannelse og beskæftigelse",
                           ("Brugerne fortæller, at de kommer hver", "At tage stilling.", "Se tema 4"))
    blocks += _theme_table(5, 20, "", ("dag og spiser sammen.", "At mødes oftere.", None), repeat_only=True)
    blocks += _theme_table(6, 30, "Tema 2: Selvstændighed og relationer", ("Om relationer.", "Mere ro.", "Ingen."))
    visit = recognise(blocks, source_name="tables.docx", quality_model=model)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    first = visit.sections[0]
    assert first.talked_about.text == "Brugerne fortæller, at de kommer hver dag og spiser sammen."
    assert first.points_to.text == "At tage stilling.\n\nAt mødes oftere."
    assert any(w.code == "theme-inferred" and w.page == 5 for w in visit.provenance.warnings)


def test_an_empty_box_in_a_table_flowing_on_takes_no_text_of_the_next_theme(model) -> None:
    """A Word file without page breaks (HTML converted to .docx): each theme a heading and a
    table, each label in a cell left of its text's cell, the last box empty (its row's text cell
    prints nothing). The empty box's label titles no region past the next theme's heading and
    label: the next theme's first box keeps its text, and each theme is named on its own page."""
    blocks: list[TextBlock] = []
    themes = [("Tema 5: Kompetencer", ("Om kompetencer.", "At dele viden.", None)),
              ("Tema 6: Fysiske rammer", ("Om huset.", "Ingen særlig feedback.", None)),
              ("Tema 7: Sundhed", ("Om sundhed.", "At spise sammen.", "Et forslag."))]
    region = 10
    for title, texts in themes:
        blocks.append(TextBlock(text=title, page=1, bold=True))
        for kind, text in zip(BoxKind, texts):
            blocks.append(_cell(kind.label, 1, region, None, bold=True))
            if text is not None:
                blocks.append(_cell(text, 1, region + 1, None))
            region += 2
    visit = recognise(blocks, source_name="flowing.docx", quality_model=model)
    assert [section.themes for section in visit.sections] == [["5"], ["6"], ["7"]]
    assert [(s.talked_about.text, s.points_to.text, s.suggestions.text) for s in visit.sections] == [
        ("Om kompetencer.", "At dele viden.", ""), ("Om huset.", "Ingen særlig feedback.", ""),
        ("Om sundhed.", "At spise sammen.", "Et forslag.")]


@pytest.mark.parametrize("centred", [False, True], ids=["label-at-top", "label-centred"])
def test_a_label_in_a_cell_left_of_its_text_titles_the_cell_beside_it(model, centred: bool) -> None:
    """A form-like table: each label in a narrow shaded cell, the text in the cell to its right,
    the two sharing an edge and a top — the label at its cell's top or centred in it (a row of a
    table whose text runs far below its label)."""
    from kvalitet_core.recognise.blocks import Region
    from kvalitet_core.recognise.layout import read_layout

    size = (595.0, 842.0)
    rows = [(BoxKind.TALKED_ABOUT, 100.0, "Brugerne fortæller om hverdagen."),
            (BoxKind.POINTS_TO, 300.0, "At tage stilling til kulturen."),
            (BoxKind.SUGGESTIONS, 400.0, "Et forslag fra lederne.")]
    blocks = [TextBlock(text="Tema 1: Uddannelse og beskæftigelse", page=4, bbox=(57, 70, 400, 85), page_size=size,
                        bold=True)]
    for number, (kind, top, text) in enumerate(rows):
        label_cell = Region(100 + 2 * number, (51, top, 292, top + 90), (191, 191, 191))
        text_cell = Region(101 + 2 * number, (292, top, 533, top + 90), (242, 242, 242))
        at = top + 40 if centred else top + 2
        blocks.append(TextBlock(text=kind.label.upper(), page=4, bbox=(57, at, 185, at + 10), page_size=size,
                                fill=label_cell.fill, region=label_cell, bold=True))
        blocks.append(TextBlock(text=text, page=4, bbox=(298, top + 2, 527, top + 40), page_size=size,
                                fill=text_cell.fill, region=text_cell))
    [page] = read_layout(blocks, model).pages
    for kind, _, text in rows:
        assert [p.text for p in page.boxes[kind]] == [text]


def _banded_page(page: int, first: int, size: tuple[float, float]) -> tuple[list[TextBlock], Callable[..., None]]:
    """Blocks of a page of shaded regions, and a function adding one (text, region bounds, fill,
    text bounds) — each region a box, a band or a cell of its own."""
    from kvalitet_core.recognise.blocks import Region

    blocks: list[TextBlock] = []
    number = iter(range(first, first + 100))

    def add(text: str, bounds: tuple[float, float, float, float] | None, fill: tuple[int, int, int] | None,
            at: tuple[float, float, float, float], bold: bool = False) -> None:
        region = Region(next(number), bounds, fill) if bounds is not None else None
        blocks.append(TextBlock(text=text, page=page, bbox=at, page_size=size, fill=fill, region=region, bold=bold))

    return blocks, add


GREY, PURPLE, YELLOW, BAND = (237, 237, 237), (230, 223, 240), (255, 244, 209), (31, 78, 121)


def _captioned_boxes(add: Callable[..., None], top: float, bottom: float, texts: tuple[str, ...],
                     captions: bool = True) -> None:
    """Three shaded columns from ``top`` to ``bottom``, a line of text in each, and — when
    ``captions`` — each box's label under its column, as a caption at its foot."""
    for column, (kind, fill, text) in enumerate(zip(BoxKind, (GREY, PURPLE, YELLOW), texts)):
        x = 45 + 254 * column
        add(text, (x, top, x + 244, bottom), fill, (x + 9, top + 10, x + 230, top + 22))
        if captions:
            add(kind.label, None, None, (x + 9, bottom + 10, x + 150, bottom + 19), bold=True)


def test_labels_printed_under_their_boxes_caption_them(model) -> None:
    """A template may print each box's label at the box's foot, under a rule: a label with no
    text under it captions the unlabelled region right above it — also where the boxes' text
    filled their page and the labels went over to the next, under the boxes' rests."""
    size = (842.0, 595.0)
    first, add = _banded_page(4, 10, size)
    add("Tema 1: Uddannelse og beskæftigelse", None, None, (45, 55, 316, 69), bold=True)
    _captioned_boxes(add, 81, 544, ("Brugerne fortæller om hverdagen,", "Et behov for struktur.", "Se tema 4"),
                     captions=False)
    rest, add_rest = _banded_page(5, 20, size)
    _captioned_boxes(add_rest, 51, 119, ("og om ugens faste aktiviteter.", "", ""))
    second, add_second = _banded_page(6, 30, size)
    add_second("Tema 2: Selvstændighed og relationer", None, None, (45, 55, 316, 69), bold=True)
    _captioned_boxes(add_second, 81, 300, ("Om relationerne.", "Mere ro.", "Ingen forslag."))
    visit = recognise(first + [block for block in rest if block.text] + second, source_name="footlabel.pdf",
                      quality_model=model)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    one, two = visit.sections
    assert (one.talked_about.text, one.points_to.text, one.suggestions.text) == (
        "Brugerne fortæller om hverdagen, og om ugens faste aktiviteter.", "Et behov for struktur.", "Se tema 4")
    assert (two.talked_about.text, two.points_to.text, two.suggestions.text) == (
        "Om relationerne.", "Mere ro.", "Ingen forslag.")


def test_a_label_over_its_text_is_no_caption_of_the_region_above_it(model) -> None:
    """A label with its box's text under it titles that text, not the shaded region right above
    the label (a quote set apart in a tinted panel)."""
    size = (595.0, 842.0)
    blocks, add = _banded_page(4, 10, size)
    add("Tema 1: Uddannelse og beskæftigelse", None, None, (46, 40, 400, 54), bold=True)
    add("Vi talte om", (40, 70, 555, 200), GREY, (46, 80, 200, 92), bold=True)
    add("Brugerne fortæller om hverdagen.", (40, 70, 555, 200), GREY, (46, 100, 400, 112))
    add("Et citat fra en bruger: her er rart at være.", (40, 220, 555, 260), (236, 241, 246), (46, 230, 400, 242))
    add("Dette peger på at…", None, None, (46, 270, 200, 282), bold=True)
    add("Et behov for struktur.", None, None, (46, 290, 400, 302))
    visit = recognise(blocks, source_name="quote.pdf", quality_model=model)
    assert visit.sections[0].points_to.text == "Et behov for struktur."


def test_an_empty_boxs_label_captions_neither_the_box_above_it_nor_the_theme_band(model) -> None:
    """An empty box prints its label alone: in a region of its own (under the rest of the grey
    box, run into the next column) the label is that empty box's; without one (under a band
    across the page, nothing below), it captions no band — a theme's or the report's."""
    size = (842.0, 595.0)
    blocks, add = _banded_page(4, 10, size)
    add("Skriftlig feedback · Lyset", (28, 28, 814, 60), BAND, (35, 35, 200, 50), bold=True)
    add("Tema 7: Sundhed", None, None, (35, 62, 200, 70), bold=True)
    add("Ledere og medarbejdere peger på…", None, None, (600, 72, 800, 84), bold=True)
    add("Vi talte om", (40, 100, 286, 300), GREY, (48, 108, 115, 116), bold=True)
    add("Medicinen håndteres af social- og sundhedsassistenterne. Der er gode pro‐", (40, 100, 286, 300), GREY,
        (48, 125, 278, 150))
    add("cedurer, og medarbejderne føler sig trygge ved opgaven.", (309, 100, 556, 144), GREY, (318, 108, 548, 132))
    add("Dette peger på at…", (309, 150, 556, 180), PURPLE, (318, 156, 435, 169), bold=True)
    visit = recognise(blocks, source_name="newspaper.pdf", quality_model=model)
    section = visit.sections[0]
    assert section.talked_about.text == ("Medicinen håndteres af social- og sundhedsassistenterne. Der er gode "
                                         "procedurer, og medarbejderne føler sig trygge ved opgaven.")
    assert (section.points_to.text, section.suggestions.text) == ("", "")


def test_an_empty_box_claims_neither_the_theme_band_nor_the_verdict_below_it(model) -> None:
    """An empty box prints its label alone in its shaded region (or cell: the last theme's label
    is set over three lines in a table's left column): the region below it is no box of its
    label's when it holds only a theme's label (a band naming the next theme) or stands past a
    part's heading ("Bedømmelse" and the verdict's shaded box)."""
    size = (595.0, 842.0)
    blocks, add = _banded_page(4, 10, size)
    add("Tema 6: Fysiske rammer", (45, 40, 550, 70), BAND, (46, 45, 220, 60), bold=True)
    add("Vi talte om:", (45, 70, 298, 200), GREY, (47, 75, 90, 85), bold=True)
    add("Lokalerne er lyse og nye.", (45, 70, 298, 200), GREY, (47, 95, 290, 110))
    add("Dette peger på at:", (298, 70, 550, 150), PURPLE, (300, 75, 370, 85), bold=True)
    add("At indrette et stille rum.", (298, 70, 550, 150), PURPLE, (300, 95, 540, 110))
    add("Ledere og medarbejdere peger på:", (298, 150, 550, 200), YELLOW, (300, 160, 433, 170), bold=True)
    add("Tema 7: Sundhed", (45, 200, 550, 230), BAND, (46, 205, 140, 220), bold=True)
    add("Vi talte om:", (45, 230, 298, 400), GREY, (47, 235, 90, 245), bold=True)
    add("Maden laves fra bunden.", (45, 230, 298, 400), GREY, (47, 255, 290, 270))
    add("Dette peger på at:", (298, 230, 550, 300), PURPLE, (300, 235, 370, 245), bold=True)
    add("At tale om motion.", (298, 230, 550, 300), PURPLE, (300, 255, 540, 270))
    add("Ledere og\nmedarbejdere peger\npå:", (45, 400, 166, 448), YELLOW, (47, 406, 149, 442), bold=True)
    add("Bedømmelse", None, None, (46, 460, 126, 472), bold=True)
    add("Akkrediteret.", (48, 485, 138, 499), (46, 125, 50), (48, 487, 137, 497))
    add("Konklusion", None, None, (46, 520, 120, 532), bold=True)
    add("Et veldrevet tilbud.", None, None, (46, 540, 300, 552))
    visit = recognise(blocks, source_name="banded.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["6"], ["7"]]
    assert [section.suggestions.text for section in visit.sections] == ["", ""]
    assert visit.sections[1].talked_about.text == "Maden laves fra bunden."
    assert visit.assessment == "Akkrediteret"


def test_a_theme_band_below_a_box_carried_over_the_page_starts_the_next_theme(model) -> None:
    """A box broken over a page goes on at the next page's top, where a band as wide as the
    boxes names the next theme; its name is set short at the band's left, under none of the
    carried-over text: the band, not the name's own width, stands below the boxes."""
    size = (595.0, 842.0)
    blocks, add = _banded_page(4, 10, size)
    add("Tema 4: Organisation og ledelse", (45, 40, 550, 70), BAND, (46, 45, 222, 60), bold=True)
    add("Vi talte om:", (45, 70, 298, 800), GREY, (47, 75, 90, 85), bold=True)
    add("Ledelsen fortæller om målene.", (45, 70, 298, 800), GREY, (47, 95, 290, 110))
    add("Dette peger på at:", (298, 70, 550, 800), PURPLE, (300, 75, 370, 85), bold=True)
    add("At definere kerneopgaven.", (298, 70, 550, 800), PURPLE, (300, 95, 540, 110))
    later, add_later = _banded_page(5, 50, size)
    add_later("Lederen vil samle afdelingerne.", (45, 40, 298, 300), GREY, (47, 45, 290, 60))
    add_later("Ledere og medarbejdere peger på:", (298, 40, 550, 300), YELLOW, (300, 45, 433, 55), bold=True)
    add_later("Fælles pædagogisk platform", (298, 40, 550, 300), YELLOW, (321, 65, 438, 75))
    add_later("Tema 5: Kompetencer", (45, 300, 550, 330), BAND, (46, 305, 165, 320), bold=True)
    add_later("Vi talte om:", (45, 330, 298, 500), GREY, (47, 335, 90, 345), bold=True)
    add_later("Kompetenceudvikling fylder.", (45, 330, 298, 500), GREY, (47, 355, 290, 370))
    add_later("Dette peger på at:", (298, 330, 550, 500), PURPLE, (300, 335, 370, 345), bold=True)
    add_later("At styrke det faglige sprog.", (298, 330, 550, 500), PURPLE, (300, 355, 540, 370))
    visit = recognise(blocks + later, source_name="banded.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["4"], ["5"]]
    assert visit.sections[0].suggestions.text == "Fælles pædagogisk platform"
    assert visit.sections[0].talked_about.text == "Ledelsen fortæller om målene.\n\nLederen vil samle afdelingerne."
    assert visit.sections[1].suggestions.text == ""


def test_a_verdict_printed_before_its_heading_is_the_assessment(model) -> None:
    """A slide may print the verdict beside or above "Bedømmelse", and a reader's order then
    puts it first: a line that is a verdict and nothing else, on the heading's page, is read."""
    blocks = _theme_table(4, 10, "Tema 1: Uddannelse og beskæftigelse", ("Om hverdagen.", "At mødes.", "Ingen."))
    blocks += [TextBlock(text="Akkrediteret med forbehold.", page=5), TextBlock(text="Bedømmelse", page=5, bold=True),
               TextBlock(text="Konklusion", page=6, bold=True), TextBlock(text="Et godt sted.", page=6)]
    visit = recognise(blocks, source_name="deck.pptx", quality_model=model)
    assert visit.assessment == "Akkrediteret med forbehold"


def test_text_before_the_assessment_heading_is_left_out_with_a_warning_quoting_it(model) -> None:
    """The back matter has no field for text before its first heading: it is quoted in a
    warning, never dropped unseen; a verdict printed over its heading is the assessment."""
    blocks = _theme_table(4, 10, "Tema 1: Uddannelse og beskæftigelse", ("Om hverdagen.", "At mødes.", "Ingen."))
    blocks += [TextBlock(text="En note om besøgets forløb.", page=5), TextBlock(text="Akkrediteret.", page=5),
               TextBlock(text="Bedømmelse", page=5, bold=True), TextBlock(text="Konklusion", page=6, bold=True),
               TextBlock(text="Et godt sted.", page=6)]
    visit = recognise(blocks, source_name="tables.docx", quality_model=model)
    assert visit.assessment == "Akkrediteret"
    [warning] = [w for w in visit.provenance.warnings if w.code == "back-text-left-out"]
    assert (warning.page, warning.message) == (5, ("text before the assessment and conclusion left out: "
                                                   "“En note om besøgets forløb.”"))


def test_a_table_flowing_over_pages_keeps_each_theme_and_box_together(model) -> None:
    """A document printed without a page break before each theme: a theme's name at the foot of
    a page, below its boxes, names the next page's boxes; a box's row broken over the page goes
    on at the top of the next, above every label, in the box's fill, and stays with its theme."""
    from kvalitet_core.recognise.blocks import Region

    size = (842.0, 595.0)
    fills = ((237, 237, 237), (230, 223, 240), (255, 244, 209))
    number = iter(range(1, 100))

    def table(page: int, top: float, texts: tuple[str, str, str]) -> list[TextBlock]:
        blocks = []
        for column, (kind, text) in enumerate(zip(BoxKind, texts)):
            x = 50 + 250 * column
            cell = Region(next(number), (x, top, x + 250, top + 200), fills[column])
            blocks.append(TextBlock(text=kind.label, page=page, bbox=(x + 5, top + 5, x + 200, top + 15),
                                    page_size=size, fill=cell.fill, region=cell, bold=True))
            blocks.append(TextBlock(text=text, page=page, bbox=(x + 5, top + 25, x + 240, top + 60),
                                    page_size=size, fill=cell.fill, region=cell))
        return blocks

    def heading(text: str, page: int, top: float) -> TextBlock:
        return TextBlock(text=text, page=page, bbox=(50, top, 400, top + 14), page_size=size, bold=True)

    rest = Region(next(number), (550, 40, 800, 90), fills[2])
    blocks = [heading("Samlede indtryk af tilbuddet", 3, 40), TextBlock(text="Et godt sted.", page=3,
                                                                        bbox=(50, 60, 400, 72), page_size=size),
              heading("Tema 1: Uddannelse og beskæftigelse", 4, 40),
              *table(4, 60, ("Om hverdagen.", "At tage stilling.", "Lederne foreslår en fast dag, hvor")),
              heading("Tema 2: Selvstændighed og relationer", 4, 540),
              TextBlock(text="brugerne selv planlægger.", page=5, bbox=(555, 45, 790, 60), page_size=size,
                        fill=rest.fill, region=rest),
              *table(5, 100, ("Om relationer.", "Mere ro.", "Ingen forslag."))]
    visit = recognise(blocks, source_name="flow.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    assert visit.sections[0].suggestions.text == "Lederne foreslår en fast dag, hvor brugerne selv planlægger."
    assert visit.sections[1].suggestions.text == "Ingen forslag."


def test_a_flowing_document_cuts_its_themes_at_their_names_and_stops_at_the_assessment(model) -> None:
    """Boxes without fill or frame, one theme after another down the page, the last yellow box
    empty: a theme's name below the boxes read so far starts the next theme, and neither it nor
    the "Bedømmelse" after the last box is the box above's text."""
    size = (595.0, 842.0)
    y = iter(range(40, 2000, 20))

    def line(text: str, page: int, bold: bool = False, x: float = 46) -> TextBlock:
        top = next(y)
        return TextBlock(text=text, page=page, bbox=(x, top, 540, top + 12), page_size=size, bold=bold)

    blocks = [line("Samlede indtryk af tilbuddet", 3, bold=True), line("Et godt sted.", 3)]
    y = iter(range(40, 2000, 20))
    for theme, texts in (("Tema 1: Uddannelse og beskæftigelse", ("Om hverdagen.", "At tage stilling.", "Se tema 4")),
                         ("Tema 2: Selvstændighed og relationer", ("Om relationer.", "Mere ro.", None))):
        blocks.append(line(theme, 4, bold=True))
        for kind, text in zip(BoxKind, texts):
            blocks.append(line(kind.label, 4, bold=True, x=58))
            if text:
                blocks.append(line(text, 4))
    blocks += [line("Bedømmelse", 4, bold=True), line("Akkrediteret", 4), line("Konklusion", 4, bold=True),
               line("Tilbuddet arbejder godt.", 4)]
    visit = recognise(blocks, source_name="flow.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    assert visit.sections[0].suggestions.text == "Se tema 4"
    assert visit.sections[1].points_to.text == "Mere ro."
    assert visit.sections[1].suggestions.text == ""
    assert visit.assessment == "Akkrediteret"
    assert "Tilbuddet arbejder godt." in visit.conclusion


def test_a_box_set_in_two_columns_is_read_column_by_column(model) -> None:
    """A box's text in two columns (CSS columns, a Word column section): its heading across the
    box, then the left column, then the right one, a sentence broken at the gutter joined; a
    label at a tab stop beside its text is no column."""
    from kvalitet_core.recognise.blocks import Region
    from kvalitet_core.recognise.layout import read_layout

    size = (842.0, 595.0)
    grey = Region(7, (150, 80, 800, 300), (230, 230, 230))
    purple = Region(8, (150, 320, 800, 560), (215, 200, 235))

    def block(text: str, box: tuple[float, float, float, float], region: Region, bold: bool = False) -> TextBlock:
        return TextBlock(text=text, page=4, bbox=box, page_size=size, fill=region.fill, region=region, bold=bold)

    blocks = [TextBlock(text="Tema 1: Uddannelse og beskæftigelse", page=4, bbox=(20, 80, 140, 95), page_size=size,
                        bold=True),
              block("Vi talte om", (160, 85, 400, 97), grey, bold=True),
              block("Et sted at høre til", (160, 105, 400, 117), grey, bold=True),
              block("Brugerne fortæller, at huset er det sted, hvor de mødes med andre og får", (160, 125, 470, 185), grey),
              block("en struktur på ugen.", (480, 125, 790, 137), grey),
              block("Medarbejderne fortæller om fællesskabet.", (480, 145, 790, 157), grey),
              block("Dette peger på at …", (160, 325, 400, 337), purple, bold=True),
              block("Mål:", (160, 345, 200, 357), purple),
              block("At beskrive, hvordan brugerne inddrages.", (210, 345, 790, 357), purple)]
    [page] = read_layout(blocks, model).pages
    assert [p.text for p in page.boxes[BoxKind.TALKED_ABOUT]] == [
        "Et sted at høre til",
        "Brugerne fortæller, at huset er det sted, hvor de mødes med andre og får en struktur på ugen.",
        "Medarbejderne fortæller om fællesskabet."]
    assert [p.text for p in page.boxes[BoxKind.POINTS_TO]] == ["Mål:", "At beskrive, hvordan brugerne inddrages."]


def test_a_column_shaded_on_its_own_beside_its_box_carries_it_on(model) -> None:
    """A Word column section shades each column on its own: the right column's region has the
    box's fill and no label, its top level with the left one's, and is read after the boxes
    below the left column — it is the box's, not text outside the boxes."""
    from kvalitet_core.recognise.blocks import Region
    from kvalitet_core.recognise.layout import read_layout

    size = (595.0, 842.0)
    grey_fill, purple_fill = (237, 237, 237), (230, 223, 240)
    left, right = Region(1, (45, 95, 287, 290), grey_fill), Region(2, (308, 95, 550, 307), grey_fill)
    purple = Region(3, (45, 335, 287, 359), purple_fill)
    blocks = [TextBlock(text="Tema 1: Uddannelse og beskæftigelse", page=4, bbox=(46, 58, 325, 70), page_size=size,
                        bold=True),
              TextBlock(text="Vi talte om", page=4, bbox=(46, 75, 90, 82), page_size=size, bold=True),
              TextBlock(text="Medarbejderne fortæller om hverdagen i huset.", page=4, bbox=(46, 114, 286, 273),
                        page_size=size, region=left, fill=grey_fill),
              TextBlock(text="Dette peger på at…", page=4, bbox=(46, 315, 124, 324), page_size=size, bold=True),
              TextBlock(text="At beskrive, hvordan brugerne inddrages.", page=4, bbox=(46, 337, 282, 357),
                        page_size=size, region=purple, fill=purple_fill),
              TextBlock(text="Brugerne fortæller om fællesskabet.", page=4, bbox=(308, 97, 549, 307), page_size=size,
                        region=right, fill=grey_fill)]
    [page] = read_layout(blocks, model).pages
    assert [p.text for p in page.boxes[BoxKind.TALKED_ABOUT]] == [
        "Medarbejderne fortæller om hverdagen i huset.", "Brugerne fortæller om fællesskabet."]
    assert [p.text for p in page.boxes[BoxKind.POINTS_TO]] == ["At beskrive, hvordan brugerne inddrages."]


def test_a_box_broken_onto_a_tinted_page_goes_on_in_the_box_above_it(model) -> None:
    """Cards on a tinted page, purple and yellow side by side, both broken at the page's foot:
    the next page holds the purple card's tail on the page's tint, no label, no card of its own.
    It carries on the box whose column it stands in, not the box read last."""
    from kvalitet_core.recognise.blocks import Region

    size = (595.0, 842.0)

    def page_of(number: int, theme: str, tail: str | None = None) -> list[TextBlock]:
        tint = Region(number * 10, (45, 51, 550, 791), (243, 241, 236))
        if tail is not None:
            return [TextBlock(text=tail, page=number, bbox=(57, 64, 277, 85), page_size=size, region=tint,
                              fill=tint.fill)]
        grey = Region(number * 10 + 1, (45, 122, 550, 426), (111, 111, 111))
        purple = Region(number * 10 + 2, (45, 438, 292, 791), (107, 76, 154))
        yellow = Region(number * 10 + 3, (304, 438, 550, 791), (179, 134, 0))
        return [TextBlock(text=theme, page=number, bbox=(45, 55, 490, 80), page_size=size, region=tint,
                          fill=tint.fill, bold=True),
                TextBlock(text="Vi talte om", page=number, bbox=(56, 139, 127, 146), page_size=size, region=grey,
                          fill=grey.fill, bold=True),
                TextBlock(text="Medarbejderne fortæller om hverdagen.", page=number, bbox=(57, 171, 536, 201),
                          page_size=size, region=grey, fill=grey.fill),
                TextBlock(text="Dette peger på at…", page=number, bbox=(57, 453, 180, 461), page_size=size,
                          region=purple, fill=purple.fill, bold=True),
                TextBlock(text="At beskrive, hvordan de arbejder", page=number, bbox=(57, 700, 280, 780),
                          page_size=size, region=purple, fill=purple.fill),
                TextBlock(text="Ledere og medarbejdere peger på…", page=number, bbox=(315, 455, 514, 462),
                          page_size=size, region=yellow, fill=yellow.fill, bold=True),
                TextBlock(text="Et fast møde hver måned.", page=number, bbox=(315, 700, 535, 780), page_size=size,
                          region=yellow, fill=yellow.fill)]

    blocks = [TextBlock(text="Samlede indtryk af tilbuddet", page=3, bold=True),
              TextBlock(text="Et godt sted.", page=3),
              *page_of(4, "Tema 1: Uddannelse og beskæftigelse"),
              *page_of(5, "", tail="med brugerne i hverdagen."),
              *page_of(6, "Tema 2: Selvstændighed og relationer")]
    visit = recognise(blocks, source_name="cards.pdf", quality_model=model)
    first = visit.sections[0]
    assert first.points_to.text == "At beskrive, hvordan de arbejder med brugerne i hverdagen."
    assert first.suggestions.text == "Et fast møde hver måned."
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]


def test_a_label_in_a_strip_at_the_top_of_its_box_titles_the_box(model) -> None:
    """A box drawn as a frame whose label sits in a strip of its own at the frame's top (an
    open <details> block, its <summary> shaded): the frame around the strip is the label's box,
    though it starts above the label by more than the label's height."""
    from kvalitet_core.recognise.blocks import Region
    from kvalitet_core.recognise.layout import read_layout

    size = (595.0, 842.0)
    frame, strip = Region(1, (45, 70, 550, 372), (191, 191, 191)), Region(2, (46, 71, 549, 105), (237, 237, 237))
    purple_frame = Region(3, (45, 382, 550, 435), (191, 191, 191))
    purple_strip = Region(4, (46, 383, 549, 406), (230, 223, 240))
    blocks = [TextBlock(text="Tema 1: Uddannelse og beskæftigelse", page=4, bbox=(46, 40, 316, 55), page_size=size,
                        bold=True),
              TextBlock(text="Aktive brugere", page=4, bbox=(56, 114, 122, 123), page_size=size, region=frame,
                        fill=frame.fill, bold=True),
              TextBlock(text="Medarbejderne fortæller om hverdagen.", page=4, bbox=(56, 130, 537, 215),
                        page_size=size, region=frame, fill=frame.fill),
              TextBlock(text="Vi talte om", page=4, bbox=(55, 89, 105, 97), page_size=size, region=strip,
                        fill=strip.fill, bold=True),
              TextBlock(text="At beskrive, hvordan brugerne inddrages.", page=4, bbox=(57, 415, 355, 424),
                        page_size=size, region=purple_frame, fill=purple_frame.fill),
              TextBlock(text="Dette peger på at…", page=4, bbox=(56, 389, 145, 400), page_size=size,
                        region=purple_strip, fill=purple_strip.fill, bold=True)]
    [page] = read_layout(blocks, model).pages
    assert [p.text for p in page.boxes[BoxKind.TALKED_ABOUT]] == ["Aktive brugere",
                                                                  "Medarbejderne fortæller om hverdagen."]
    assert [p.text for p in page.boxes[BoxKind.POINTS_TO]] == ["At beskrive, hvordan brugerne inddrages."]


def test_an_icon_before_a_label_starts_the_label_and_is_no_box_text(model) -> None:
    """White cards on a tinted page, each label after an icon in a disc ("❝ Vi talte om"): the
    box's text starts under the icon, left of the label's first letter, and is still the box's;
    the icon is not the box's first paragraph."""
    from kvalitet_core.recognise.blocks import Region
    from kvalitet_core.recognise.layout import read_layout

    size = (595.0, 842.0)
    tint = Region(1, (45, 51, 550, 791), (250, 250, 250))
    blocks = [TextBlock(text="Tema 1: Uddannelse og beskæftigelse", page=4, bbox=(45, 54, 316, 68), page_size=size,
                        region=tint, fill=tint.fill)]
    rows = [(BoxKind.TALKED_ABOUT, "❝", 94, "Medarbejderne fortæller om hverdagen i huset."),
            (BoxKind.POINTS_TO, "➜", 396, "At beskrive, hvordan brugerne inddrages."),
            (BoxKind.SUGGESTIONS, "★", 461, "At holde et fast brugermøde hver måned.")]
    for number, (kind, icon, top, text) in enumerate(rows):
        disc = Region(2 + number, (63, top - 2, 78, top + 13), (111, 111, 111))
        blocks += [TextBlock(text=kind.label, page=4, bbox=(85, top, 180, top + 9), page_size=size, region=tint,
                             fill=tint.fill),
                   TextBlock(text=text, page=4, bbox=(63, top + 20, 537, top + 29), page_size=size, region=tint,
                             fill=tint.fill),
                   TextBlock(text=icon, page=4, bbox=(67, top + 1, 73, top + 6), page_size=size, region=disc,
                             fill=disc.fill, bold=True)]
    [page] = read_layout(blocks, model).pages
    for kind, _, _, text in rows:
        assert [p.text for p in page.boxes[kind]] == [text]


def test_a_theme_spread_over_two_pages_is_one_section(model) -> None:
    """A spread per theme: the grey box on one page, the purple and yellow boxes on the next,
    the theme's title over both — one section; a continuation's spread ("Tema 1 (fortsat)" over
    both pages) is one continued section; the next theme starts a section."""
    from kvalitet_core.recognise.blocks import Region

    size = (595.0, 842.0)
    fills = {BoxKind.TALKED_ABOUT: (237, 237, 237), BoxKind.POINTS_TO: (230, 223, 240),
             BoxKind.SUGGESTIONS: (255, 244, 209)}

    def page_of(number: int, title: str, kinds: tuple[BoxKind, ...]) -> list[TextBlock]:
        blocks = [TextBlock(text=title, page=number, bbox=(45, 50, 500, 65), page_size=size, bold=True)]
        for position, kind in enumerate(kinds):
            top = 100 + 250 * position
            region = Region(number * 10 + position, (45, top, 550, top + 200), fills[kind])
            blocks += [TextBlock(text=kind.label, page=number, bbox=(50, top + 5, 200, top + 15), page_size=size,
                                 region=region, fill=region.fill, bold=True),
                       TextBlock(text=f"Tekst i boksen {kind.value} på side {number}.", page=number,
                                 bbox=(50, top + 25, 500, top + 35), page_size=size, region=region, fill=region.fill)]
        return blocks

    grey, rest = (BoxKind.TALKED_ABOUT,), (BoxKind.POINTS_TO, BoxKind.SUGGESTIONS)
    blocks = [TextBlock(text="Samlede indtryk af tilbuddet", page=3, bold=True), TextBlock(text="Godt.", page=3),
              *page_of(4, "Tema 1: Uddannelse og beskæftigelse", grey),
              *page_of(5, "Tema 1: Uddannelse og beskæftigelse", rest),
              *page_of(6, "Tema 1: Uddannelse og beskæftigelse (fortsat)", grey),
              *page_of(7, "Tema 1: Uddannelse og beskæftigelse (fortsat)", rest),
              *page_of(8, "Tema 2: Selvstændighed og relationer", grey),
              *page_of(9, "Tema 2: Selvstændighed og relationer", rest)]
    visit = recognise(blocks, source_name="spread.pdf", quality_model=model)
    assert [(section.themes, section.continued) for section in visit.sections] == [
        (["1"], False), (["1"], True), (["2"], False)]
    assert visit.sections[1].points_to.text == "Tekst i boksen points_to på side 7."


def test_a_topic_heading_worded_like_a_theme_stays_in_its_box(model) -> None:
    """Boxes without fills or cells (a Word document's labels and text by position): a topic
    heading that holds a theme's title among its own words ("De fysiske rammer" on the page of
    themes 5 and 6), one worded as the page's theme's title right under a label ("Fælles fagligt
    fundament" on theme 3a's page), and a box's own "Tema 3a fortsat fra side 4." under its
    label are the box's text, not another theme page."""
    def theme_page(number: int, title: str, boxes: dict[BoxKind, list[tuple[str, bool]]]) -> list[TextBlock]:
        blocks = [TextBlock(text=title, page=number, bold=True)]
        for kind, lines in boxes.items():
            blocks.append(TextBlock(text=f"{list(BoxKind).index(kind) + 1}. {kind.label}", page=number, bold=True))
            blocks += [TextBlock(text=text, page=number, bold=bold) for text, bold in lines]
        return blocks

    from kvalitet_core.recognise.blocks import Region

    empty: list[tuple[str, bool]] = []
    side_box = Region(1, None, (222, 234, 246))  # a shaded side box: the stream carries regions
    blocks = [TextBlock(text="Oplysninger om besøget", page=2, region=side_box, fill=side_box.fill, bold=True),
              TextBlock(text="Samlede indtryk af tilbuddet", page=3, bold=True), TextBlock(text="Godt.", page=3),
              *theme_page(4, "Tema 3a: Målgruppe, metoder og resultater – Fælles fagligt fundament", {
                  BoxKind.TALKED_ABOUT: [("Relationen som metode", True), ("Medarbejderne fortæller.", False)],
                  BoxKind.POINTS_TO: [("Fælles fagligt fundament", True), ("Et behov for at beskrive.", False)],
                  BoxKind.SUGGESTIONS: [("At mødes.", False)]}),
              *theme_page(5, "Tema 3a (fortsat)", {
                  BoxKind.TALKED_ABOUT: [("Tema 3a fortsat fra side 4.", False), ("Mere om huset.", False)],
                  BoxKind.POINTS_TO: [("Tema 3a fortsat fra side 4.", False), ("At skrive det ned.", False)],
                  BoxKind.SUGGESTIONS: empty}),
              *theme_page(6, "Tema 5: Kompetencer / Tema 6: Fysiske rammer", {
                  BoxKind.TALKED_ABOUT: [("Kompetencer og nye kolleger", True), ("Lederen fortæller.", False),
                                         ("De fysiske rammer", True), ("Beboerne viser rundt.", False)],
                  BoxKind.POINTS_TO: [("Se tema 3a.", False)], BoxKind.SUGGESTIONS: empty}),
              *theme_page(7, "Tema 7: Sundhed", {
                  BoxKind.TALKED_ABOUT: [("Om medicin.", False)], BoxKind.POINTS_TO: empty,
                  BoxKind.SUGGESTIONS: empty})]
    visit = recognise(blocks, source_name="numbered.docx", quality_model=model)
    assert [(section.themes, section.continued) for section in visit.sections] == [
        (["3a"], False), (["3a"], True), (["5", "6"], False), (["7"], False)]
    texts = [[" ".join(box.text.split()) for _, box in section.boxes()] for section in visit.sections]
    assert texts[0][1] == "Fælles fagligt fundament Et behov for at beskrive."
    assert texts[1][:2] == ["Tema 3a fortsat fra side 4. Mere om huset.", "Tema 3a fortsat fra side 4. At skrive det ned."]
    assert texts[2][:2] == ["Kompetencer og nye kolleger Lederen fortæller. De fysiske rammer Beboerne viser rundt.",
                            "Se tema 3a."]


def test_text_above_the_first_label_of_a_page_naming_no_theme_ends_the_box_above(model) -> None:
    """A word processor broke the purple box: its last paragraphs open the next page, above the
    yellow box's label, with no fill and no theme named — a mention of another theme inside a
    sentence ("(Tema 2)") names none. They end the purple box of the page before."""
    from kvalitet_core.recognise.blocks import Region

    size = (595.0, 842.0)

    def line(text: str, page: int, top: float, bold: bool = False) -> TextBlock:
        return TextBlock(text=text, page=page, bbox=(68, top, 520, top + 12), page_size=size, bold=bold)

    blocks = [TextBlock(text="Oplysninger om besøget", page=2, bbox=(300, 60, 500, 72), page_size=size, bold=True,
                        region=Region(1, (290, 50, 550, 300), (222, 234, 246)), fill=(222, 234, 246)),
              line("Samlede indtryk af tilbuddet", 3, 60, bold=True), line("Godt.", 3, 80),
              line("Tema 3a: Målgruppe, metoder og resultater", 4, 50, bold=True),
              line("1. Vi talte om", 4, 100, bold=True), line("Medarbejderne fortæller om metoderne.", 4, 120),
              line("2. Dette peger på at…", 4, 600, bold=True), line("Et behov for at beskrive begreberne.", 4, 620),
              line("Fx når der i Kvalitetsbeskrivelsen (Tema 2) tales om selvstændighed.", 5, 60),
              line("3. Ledere og medarbejdere peger på…", 5, 140, bold=True), line("Fælles platform", 5, 160),
              line("Tema 4: Organisation og ledelse", 6, 50, bold=True), line("1. Vi talte om", 6, 100, bold=True),
              line("Om ledelsen.", 6, 120)]
    visit = recognise(blocks, source_name="broken.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["3a"], ["4"]]
    first = visit.sections[0]
    assert first.points_to.text == ("Et behov for at beskrive begreberne.\n\n"
                                    "Fx når der i Kvalitetsbeskrivelsen (Tema 2) tales om selvstændighed.")
    assert first.suggestions.text == "Fælles platform"


def _column_line(text: str, page: int, column: int, top: float, bold: bool = False) -> TextBlock:
    """A line in one of three columns of a landscape page, 250 pt apart, without a region: the
    boxes of a table drawn without fills."""
    x = 47 + 250 * column
    return TextBlock(text=text, page=page, bbox=(x, top, x + 240, top + 12), page_size=(842.0, 595.0), bold=bold)


def _table_theme(page: int, top: float, theme: str, texts: tuple[str, str, str]) -> list[TextBlock]:
    """A theme's name over its three boxes, side by side, each its label and a line of text."""
    line = _column_line
    blocks = [line(theme, page, 0, top, bold=True)]
    for column, (kind, text) in enumerate(zip(BoxKind, texts)):
        blocks += [line(kind.label, page, column, top + 40, bold=True), line(text, page, column, top + 60)]
    return blocks


def test_text_above_a_theme_named_lower_on_the_page_ends_the_boxes_of_the_page_before(model) -> None:
    """Boxes drawn as a bordered table without fills (the borders are lines, no regions) break
    over a page: each column's rest opens the next page, above the next theme's name. Each goes
    back to the box of its column on the page before, not to the theme named below it."""
    line = _column_line
    blocks = [line("Samlede indtryk af tilbuddet", 3, 0, 60, bold=True), line("Godt.", 3, 0, 80),
              line("Tema 1: Uddannelse og beskæftigelse", 4, 0, 40, bold=True),
              line("Vi talte om", 4, 0, 80, bold=True), line("Brugerne fortæller, at de kommer", 4, 0, 100),
              line("Dette peger på at…", 4, 1, 80, bold=True), line("Et behov for at skabe en", 4, 1, 100),
              line("Ledere og medarbejdere peger på…", 4, 2, 80, bold=True), line("Et fast møde.", 4, 2, 100),
              line("hver dag og spiser sammen.", 5, 0, 40), line("højere grad af struktur.", 5, 1, 40),
              line("Tema 2: Selvstændighed og relationer", 5, 0, 120, bold=True),
              line("Vi talte om", 5, 0, 160, bold=True), line("Om relationerne.", 5, 0, 180),
              line("Dette peger på at…", 5, 1, 160, bold=True), line("Mere ro.", 5, 1, 180)]
    visit = recognise(blocks, source_name="bordered.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    first, second = visit.sections
    assert first.talked_about.text == "Brugerne fortæller, at de kommer hver dag og spiser sammen."
    assert first.points_to.text == "Et behov for at skabe en højere grad af struktur."
    assert (second.talked_about.text, second.points_to.text) == ("Om relationerne.", "Mere ro.")


def test_a_column_read_after_the_next_theme_but_above_it_ends_its_box_of_the_page_before(model) -> None:
    """The reading order may take a right column's rest after the next theme's name, which
    stands under the left column's rest (the middle cell is empty there): standing above that
    name, it goes back to the box of its column — and a sentence saying the work goes on
    ("fortsat") is no continuation mark."""
    line = _column_line
    blocks = [*_overall_page(), *_table_theme(4, 40, "Tema 1: Uddannelse og beskæftigelse",
                                             ("Brugerne fortæller, at de kommer", "Et behov for struktur.", "At mødes"))]
    blocks += [line("hver dag og spiser sammen, og de ønsker fortsat at gøre det i mange år.", 5, 0, 40),
               line("Tema 2: Selvstændighed og relationer", 5, 0, 120, bold=True),
               line("hver uge og tale om ugens planer.", 5, 2, 40)]
    blocks += _table_theme(5, 120, "", ("Om relationerne.", "Mere ro.", "Ingen."))[1:]
    visit = recognise(blocks, source_name="bordered.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    first = visit.sections[0]
    assert first.talked_about.text == ("Brugerne fortæller, at de kommer hver dag og spiser sammen, og de ønsker "
                                       "fortsat at gøre det i mange år.")
    assert first.suggestions.text == "At mødes hver uge og tale om ugens planer."


def test_a_page_of_two_columns_carrying_on_two_boxes_goes_on_in_each(model) -> None:
    """A page holding only the rests of two boxes side by side (a table row taller than a page):
    each column's text goes on in the box of its column."""
    line = _column_line
    blocks = [*_overall_page(), *_table_theme(4, 40, "Tema 1: Uddannelse og beskæftigelse",
                                             ("Brugerne fortæller, at de kommer", "Et behov for at skabe en", "Ingen."))]
    blocks += [line("hver dag og spiser sammen.", 5, 0, 40), line("højere grad af struktur.", 5, 1, 40),
               line("Medarbejderne fortæller om hverdagen i huset.", 5, 0, 60)]
    blocks += _table_theme(6, 40, "Tema 2: Selvstændighed og relationer", ("Om relationerne.", "Mere ro.", "Ingen."))
    visit = recognise(blocks, source_name="bordered.pdf", quality_model=model)
    first = visit.sections[0]
    assert first.talked_about.text == ("Brugerne fortæller, at de kommer hver dag og spiser sammen.\n\n"
                                       "Medarbejderne fortæller om hverdagen i huset.")
    assert first.points_to.text == "Et behov for at skabe en højere grad af struktur."


@pytest.mark.parametrize("one_block", [False, True])
def test_a_box_rest_above_the_assessment_on_the_next_page_ends_the_last_theme(model, one_block: bool) -> None:
    """The last theme's box broke onto the page the assessment opens: its rest, above the
    "Bedømmelse" heading, goes on in the box of its column — the back matter has no place for
    text before its first heading — while a verdict printed over the heading, or read with the
    heading as one block, stays the verdict."""
    line = _column_line
    blocks = [*_overall_page(), *_table_theme(4, 40, "Tema 7: Sundhed",
                                             ("Brugerne fortæller, at de spiser", "Mere motion.", "Ingen."))]
    blocks.append(line("sammen hver dag og laver maden selv.", 5, 0, 40))
    blocks += [line("Bedømmelse\nAkkrediteret.", 5, 0, 100, bold=True)] if one_block else [
        line("Akkrediteret.", 5, 0, 100), line("Bedømmelse", 5, 0, 120, bold=True)]
    blocks += [line("Konklusion", 5, 0, 160, bold=True), line("Et godt sted at bo.", 5, 0, 180)]
    visit = recognise(blocks, source_name="bordered.pdf", quality_model=model)
    assert visit.sections[0].talked_about.text == "Brugerne fortæller, at de spiser sammen hver dag og laver maden selv."
    assert (visit.assessment, visit.conclusion) == ("Akkrediteret", "Et godt sted at bo.")


def _portrait_line(text: str, page: int, top: float, bold: bool = False) -> TextBlock:
    """A line across an A4 portrait page, without a region."""
    return TextBlock(text=text, page=page, bbox=(46, top, 540, top + 12), page_size=(595.0, 842.0), bold=bold)


def _overall_page() -> list[TextBlock]:
    """Page 3: the overall impression, the front's last part before the themes."""
    return [_portrait_line("Samlede indtryk af tilbuddet", 3, 60, bold=True), _portrait_line("Godt.", 3, 80)]


def test_a_mark_over_a_theme_named_at_a_page_top_is_no_box_text_of_the_page_before(model) -> None:
    """A theme's heading set as a letter-spaced mark over its title, at the top of a page: the
    mark is no sentence, so it does not go back to the box the page before ended in."""
    line = _portrait_line
    blocks = [*_overall_page(), line("Tema 1: Uddannelse og beskæftigelse", 4, 40, bold=True),
              line("Vi talte om", 4, 80, bold=True), line("Om hverdagen.", 4, 100),
              line("Ledere og medarbejdere peger på…", 4, 140, bold=True), line("Et fast møde.", 4, 160),
              line("T E M A 2 – F O R T S AT", 5, 40), line("Selvstændighed og relationer", 5, 60, bold=True),
              line("Vi talte om", 5, 100, bold=True), line("Om relationerne.", 5, 120)]
    visit = recognise(blocks, source_name="marks.pdf", quality_model=model)
    assert visit.sections[0].suggestions.text == "Et fast møde."


def test_a_box_whose_label_ended_the_page_before_keeps_its_continuation_mark(model) -> None:
    """A box's label is the last line of a page; its text opens the next page with the box's own
    mark, "Tema 4 fortsat fra side 8." (a sentence, not a theme's label): the mark and the text
    under it are that box's, and the page names no new theme."""
    line = _portrait_line
    blocks = [*_overall_page(), line("Tema 4: Organisation og ledelse", 4, 60, bold=True),
              line("① Vi talte om", 4, 100, bold=True), line("Om ledelsen og dens mål.", 4, 120),
              line("② Dette peger på at…", 4, 780, bold=True),
              line("Tema 4 fortsat fra side 8.", 5, 51), line("Struktur", 5, 70, bold=True),
              line("Et behov for struktur i hverdagen.", 5, 90),
              line("③ Ledere og medarbejdere peger på…", 5, 130, bold=True), line("Et fast morgenmøde.", 5, 150),
              line("Tema 5: Kompetencer", 5, 200, bold=True), line("① Vi talte om", 5, 240, bold=True),
              line("Om kompetencerne.", 5, 260)]
    visit = recognise(blocks, source_name="tabs.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["4"], ["5"]]
    first = visit.sections[0]
    assert " ".join(first.points_to.text.split()) == "Tema 4 fortsat fra side 8. Struktur Et behov for struktur i hverdagen."
    assert first.suggestions.text == "Et fast morgenmøde."


@pytest.mark.parametrize(("label_top", "bold"), [(300, False), (780, True)])
def test_an_empty_boxs_label_leaves_the_next_pages_continuation_mark_its_heading(model, label_top: float,
                                                                                 bold: bool) -> None:
    """An empty box's label is the lowest line of a page: standing high on it, it ended no box
    over the page; at its foot, the next page's mark set bold is a heading, not box text. Either
    way "Tema 3a fortsat fra side 4" at the next page's top is that page's heading."""
    line = _portrait_line
    blocks = [*_overall_page(), line("Tema 3a: Målgruppe, metoder og resultater", 4, 60, bold=True),
              line("① Vi talte om", 4, 100, bold=True), line("Om metoderne.", 4, 120),
              line("② Dette peger på at…", 4, label_top, bold=True),
              line("Tema 3a fortsat fra side 4", 5, 40, bold=bold), line("① Vi talte om", 5, 80, bold=True),
              line("Mere om metoderne og deres mål.", 5, 100)]
    visit = recognise(blocks, source_name="flow.pdf", quality_model=model)
    assert [(section.themes, section.continued) for section in visit.sections] == [(["3a"], False), (["3a"], True)]
    assert visit.sections[0].points_to.text == ""


def test_a_framed_box_broken_over_a_page_goes_on_in_its_column(model) -> None:
    """Boxes drawn as frames without fill, side by side, broken over a page: each frame at the
    next page's top, without a label, carries on the box of its column (the three share their
    lack of fill, so the fill cannot tell)."""
    size = (842.0, 595.0)
    blocks, add = _banded_page(4, 10, size)
    add("Tema 1: Uddannelse og beskæftigelse", None, None, (47, 40, 400, 54), bold=True)
    texts = ("Brugerne fortæller, at de kommer", "Et behov for at skabe en", "At mødes")
    for column, (kind, text) in enumerate(zip(BoxKind, texts)):
        x = 45 + 250 * column
        add(kind.label, (x, 70, x + 250, 580), None, (x + 5, 75, x + 200, 85), bold=True)
        add(text, (x, 70, x + 250, 580), None, (x + 5, 95, x + 240, 110))
    later, add_later = _banded_page(5, 50, size)
    rests = ("hver dag og spiser sammen.", "højere grad af struktur.", "hver uge.")
    for column, text in enumerate(rests):
        x = 45 + 250 * column
        add_later(text, (x, 40, x + 250, 120), None, (x + 5, 45, x + 240, 60))
    add_later("Tema 2: Selvstændighed og relationer", None, None, (47, 140, 400, 154), bold=True)
    for column, (kind, text) in enumerate(zip(BoxKind, ("Om relationerne.", "Mere ro.", "Ingen."))):
        x = 45 + 250 * column
        add_later(kind.label, (x, 170, x + 250, 400), None, (x + 5, 175, x + 200, 185), bold=True)
        add_later(text, (x, 170, x + 250, 400), None, (x + 5, 195, x + 240, 210))
    visit = recognise(blocks + later, source_name="frames.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    first = visit.sections[0]
    assert (first.talked_about.text, first.points_to.text, first.suggestions.text) == (
        "Brugerne fortæller, at de kommer hver dag og spiser sammen.",
        "Et behov for at skabe en højere grad af struktur.", "At mødes hver uge.")


def test_text_at_a_page_top_goes_on_in_the_box_whose_label_ended_the_page_before(model) -> None:
    """A box's label is the last line of a page and its text opens the next, above the next
    box's label and the next theme: the text is that label's box's, not the box above it."""
    line = _portrait_line
    blocks = [*_overall_page(), line("Tema 3b: Målgruppe, metoder og resultater – Inddragelse og indflydelse", 4, 650, bold=True),
              line("① Vi talte om", 4, 687, bold=True), line("Se i øvrigt tema 1 og 2.", 4, 744),
              line("② Dette peger på at…", 4, 768, bold=True),
              line("Besøget gav ikke anledning til særlig feedback på dette tema.", 5, 51),
              line("③ Ledere og medarbejdere peger på…", 5, 77, bold=True),
              line("Tema 4: Organisation og ledelse", 5, 105, bold=True),
              line("① Vi talte om", 5, 142, bold=True), line("Om ledelsen og dens mål.", 5, 160)]
    visit = recognise(blocks, source_name="tabs.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["3b"], ["4"]]
    first = visit.sections[0]
    assert (first.talked_about.text, first.points_to.text) == (
        "Se i øvrigt tema 1 og 2.", "Besøget gav ikke anledning til særlig feedback på dette tema.")


def _portrait_cell(text: str, page: int, x: float, top: float, bottom: float | None = None,
                   bold: bool = False) -> TextBlock:
    """A block of a portrait page, 150 pt wide, without a region: a table typeset without fills
    or borders (pandoc's LaTeX)."""
    return TextBlock(text=text, page=page, bbox=(x, top, x + 150, bottom or top + 9), page_size=(595.0, 842.0),
                     bold=bold)


def test_labels_in_a_column_of_their_own_title_the_text_beside_them(model) -> None:
    """Each label in a table's left column, its text in the column right of it, nothing filled
    or framed: the text standing level with or below a label, up to the next, is that label's
    box — also where a row broken over a page leaves one label alone at the next page's top."""
    cell = _portrait_cell
    blocks = [cell("Tema 1: Uddannelse og beskæftigelse", 4, 57, 40, bold=True),
              cell("Vi talte om", 4, 57, 68, bold=True), cell("Brugerne fortæller om hverdagen.", 4, 304, 68, 300),
              cell("Dette peger på at…", 4, 57, 310, bold=True), cell("At tage stilling til kulturen.", 4, 304, 310, 700),
              cell("Ledere og medarbejdere peger på…", 5, 57, 68, bold=True),
              cell("Et forslag fra lederne.", 5, 304, 68, 100), cell("Et forslag mere.", 5, 304, 140, 150)]
    visit = recognise(blocks, source_name="gutter.pdf", quality_model=model)
    [section] = visit.sections
    assert section.themes == ["1"]
    assert (section.talked_about.text, section.points_to.text) == (
        "Brugerne fortæller om hverdagen.", "At tage stilling til kulturen.")
    assert section.suggestions.text == "Et forslag fra lederne.\n\nEt forslag mere."


def test_text_beside_a_column_of_labels_set_higher_in_a_bigger_type_or_marking_its_continuation_is_the_labels(
        model) -> None:
    """Labels in a table's left column, their texts right of them: a bold topic heading beside a
    label stands a little higher than the label (a bigger type), and a box's own "Tema 3a fortsat
    fra side 6." stands beside its label on the page it runs over to. Each is the box's text."""
    cell = _portrait_cell
    blocks = [cell("Tema 3a: Målgruppe, metoder og resultater – Fælles fagligt fundament", 6, 57, 40, bold=True),
              cell("Vi talte om", 6, 57, 110.6, 117, bold=True),
              cell("Opmærksomhed på dilemmaer", 6, 304, 108.9, 118.2, bold=True),
              cell("Medarbejderne fortæller om tiden.", 6, 304, 124, 300),
              cell("Dette peger på at…", 6, 57, 320.5, 327, bold=True), cell("At tage stilling.", 6, 304, 319.4, 400),
              cell("Ledere og\nmedarbejdere peger på…", 6, 57, 700.8, 724, bold=True),
              cell("Nedenstående gælder alle fire.", 6, 304, 700, 710), cell("Et forslag.", 6, 304, 715, 760),
              cell("Vi talte om", 7, 57, 60.5, 67, bold=True), cell("Tema 3a fortsat fra side 6.", 7, 304, 59.8, 69),
              cell("Tiden fylder også her.", 7, 304, 75, 200)]
    visit = recognise(blocks, source_name="rows.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["3a"], ["3a"]]
    first, second = visit.sections
    assert first.talked_about.text == "Opmærksomhed på dilemmaer\n\nMedarbejderne fortæller om tiden."
    assert first.suggestions.text == "Nedenstående gælder alle fire.\n\nEt forslag."
    assert second.talked_about.text == "Tema 3a fortsat fra side 6.\n\nTiden fylder også her."


def test_themes_stacked_on_a_page_read_column_by_column_keep_their_rows(model) -> None:
    """Three themes stacked on one page, each a row of three columns: the reading order takes the
    last column top to bottom after every theme's name (its gutter runs the page's height). Each
    label goes with the labels level with it, the text after it with it, and a column's text
    above the next theme's name stays with the theme above."""
    cell = _portrait_cell
    names = [("Tema 3a: Målgruppe, metoder og resultater – Fælles fagligt fundament", 60),
             ("Tema 3a (fortsat)", 300), ("Tema 3b: Målgruppe, metoder og resultater – Inddragelse og indflydelse", 560)]
    blocks = [cell("Samlede indtryk af tilbuddet", 3, 57, 60, bold=True), cell("Godt.", 3, 57, 80)]
    for column, x in enumerate((57, 221)):  # the first two columns, then each theme's name, in reading order
        for number, (name, top) in enumerate(names):
            if column == 0:
                blocks.append(cell(name, 4, 57, top, bold=True))
            kind = list(BoxKind)[column]
            blocks += [cell(kind.label, 4, x, top + 20, bold=True), cell(f"Tekst {number} {column}.", 4, x, top + 40)]
    for number, (_, top) in enumerate(names):  # the third column, top to bottom, after all of them
        blocks += [cell(BoxKind.SUGGESTIONS.label, 4, 386, top + 20, bold=True),
                   cell(f"Tekst {number} 2.", 4, 386, top + 40)]
    visit = recognise(blocks, source_name="stacked.pdf", quality_model=model)
    assert [(section.themes, section.continued) for section in visit.sections] == [
        (["3a"], False), (["3a"], True), (["3b"], False)]
    for number, section in enumerate(visit.sections):
        assert (section.talked_about.text, section.points_to.text, section.suggestions.text) == (
            f"Tekst {number} 0.", f"Tekst {number} 1.", f"Tekst {number} 2."), number


def test_a_theme_named_at_a_page_foot_before_a_shorter_column_names_the_next_page(model) -> None:
    """A document flowing without page breaks: the next theme's name stands at the page's foot,
    under the longest column, and the reading order put it before the last, shorter column. It
    names the next page's boxes; the last column stays its theme's."""
    cell = _portrait_cell
    blocks = [cell("Samlede indtryk af tilbuddet", 1, 57, 60, bold=True), cell("Godt.", 1, 57, 80),
              cell("Tema 1: Uddannelse og beskæftigelse", 2, 57, 60, bold=True),
              cell("Vi talte om", 2, 57, 87, bold=True), cell("Om hverdagen.", 2, 57, 111, 705),
              cell("Dette peger på at…", 2, 221, 86, bold=True), cell("At tage stilling.", 2, 221, 98, 117),
              cell("Tema 2: Selvstændighed og relationer", 2, 57, 732, bold=True),
              cell("Ledere og medarbejdere peger på…", 2, 386, 87, bold=True), cell("Et forslag.", 2, 386, 111, 153),
              cell("Vi talte om", 3, 57, 68, bold=True), cell("Om relationerne.", 3, 57, 92, 219),
              cell("Dette peger på at…", 3, 221, 68, bold=True), cell("Mere ro.", 3, 221, 80, 99),
              cell("Ledere og medarbejdere peger på…", 3, 386, 68, bold=True), cell("Et fast møde.", 3, 386, 92, 135)]
    visit = recognise(blocks, source_name="flowing.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    first, second = visit.sections
    assert (first.talked_about.text, first.points_to.text, first.suggestions.text) == (
        "Om hverdagen.", "At tage stilling.", "Et forslag.")
    assert (second.talked_about.text, second.points_to.text, second.suggestions.text) == (
        "Om relationerne.", "Mere ro.", "Et fast møde.")


def _slide_cell(text: str, page: int, top: float, bottom: float, region: tuple[int, BBox, tuple[int, int, int]],
                bold: bool = False) -> TextBlock:
    """A block of a 960 × 540 slide inside its cell of a 2 × 2 grid (``region``: id, bounds, fill)."""
    from kvalitet_core.recognise.blocks import Region

    number, bounds, fill = region
    return TextBlock(text=text, page=page, bbox=(bounds[0] + 10, top, bounds[2] - 10, bottom), page_size=(960.0, 540.0),
                     bold=bold, fill=fill, region=Region(number, bounds, fill))


def test_a_themes_cell_beside_the_last_box_names_its_own_slide(model) -> None:
    """A 2 × 2 grid per slide: grey and purple above, yellow and the theme's dark cell below, the
    theme's name read after the boxes and standing lower than their text, yet beside the yellow
    box, not under it: it names its own slide, not the next."""
    def slide(page: int, theme: str, texts: tuple[str, str, str]) -> list[TextBlock]:
        cells = [(page * 10 + index, bounds, fill) for index, (bounds, fill) in enumerate((
            ((20.0, 20.0, 470.0, 265.0), (242, 242, 242)), ((490.0, 20.0, 940.0, 265.0), (228, 223, 236)),
            ((20.0, 275.0, 470.0, 520.0), (255, 242, 204)), ((490.0, 275.0, 940.0, 520.0), (31, 56, 100))))]
        blocks = []
        for cell, kind, text in zip(cells, BoxKind, texts):
            top = cell[1][1] + 10
            blocks += [_slide_cell(kind.label, page, top, top + 14, cell, bold=True),
                       _slide_cell(text, page, top + 20, top + 60, cell)]
        return [*blocks, _slide_cell(theme, page, 420, 470, cells[3], bold=True)]

    blocks = [*slide(1, "Tema 1: Uddannelse og beskæftigelse", ("Om hverdagen.", "At tage stilling.", "Et forslag.")),
              *slide(2, "Tema 2: Selvstændighed og relationer", ("Om relationerne.", "Mere ro.", "Et fast møde."))]
    visit = recognise(blocks, source_name="grid.pptx", quality_model=model)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    assert [section.talked_about.text for section in visit.sections] == ["Om hverdagen.", "Om relationerne."]


def test_a_label_in_a_strip_down_its_boxs_side_titles_the_box(model) -> None:
    """Three panels side by side, each with a dark strip down its left edge holding the label
    turned up it, at the strip's foot; the text starts at the panel's top, far above the label."""
    from kvalitet_core.recognise.blocks import Region

    blocks = [TextBlock(text="Tema 1: Uddannelse og beskæftigelse", page=4, bbox=(40, 44, 310, 58),
                        page_size=(842.0, 595.0), bold=True)]
    for index, (kind, text) in enumerate(zip(BoxKind, ("Om hverdagen.", "At tage stilling.", "Et forslag."))):
        left = 40 + 258 * index
        panel = Region(40 + index * 2, (left, 69, left + 247, 509), (237, 237, 237))
        strip = Region(41 + index * 2, (left, 69, left + 22, 509), (111, 111, 111))
        blocks += [TextBlock(text=text, page=4, bbox=(left + 30, 80, left + 240, 120), page_size=(842.0, 595.0),
                             fill=panel.fill, region=panel),
                   TextBlock(text=kind.label, page=4, bbox=(left + 6, 400, left + 14, 497), page_size=(842.0, 595.0),
                             fill=strip.fill, region=strip, bold=True)]
    visit = recognise(blocks, source_name="tabs.pdf", quality_model=model)
    section = visit.sections[0]
    assert (section.talked_about.text, section.points_to.text, section.suggestions.text) == (
        "Om hverdagen.", "At tage stilling.", "Et forslag.")


def _placed(text: str, page: int, bbox: BBox, region: tuple[int, BBox, tuple[int, int, int] | None] | None = None,
            bold: bool = False, page_size: tuple[float, float] = (595.0, 842.0)) -> TextBlock:
    """A block at its place on the page, in a region (id, bounds, fill) or none."""
    from kvalitet_core.recognise.blocks import Region

    found = Region(*region) if region is not None else None
    return TextBlock(text=text, page=page, bbox=bbox, page_size=page_size, bold=bold,
                     fill=found.fill if found else None, region=found)


def test_a_label_on_a_header_bar_with_a_symbol_at_its_end_titles_the_framed_box_below(model) -> None:
    """An accordion printed: each box a framed block whose header bar (one dark colour for all
    three) holds the label and a "▼" at its far end. The symbol is the bar's decoration: the bar
    is no box of its own, the frame under it is the label's box, and the "▼" no box's text."""
    blocks = [_placed("Tema 1: Uddannelse og beskæftigelse", 4, (45, 55, 316, 69), bold=True)]
    for index, (kind, text) in enumerate(zip(BoxKind, ("Om hverdagen.", "At tage stilling.", "Et forslag."))):
        top = 82 + 120 * index
        frame, bar = (40 + 2 * index, (45, top, 550, top + 110), None), (41 + 2 * index, (46, top + 1, 549, top + 23),
                                                                        (46, 59, 78))
        blocks += [_placed(text, 4, (60, top + 32, 536, top + 60), frame),
                   _placed(kind.label, 4, (55, top + 8, 150, top + 16), bar, bold=True),
                   _placed("▼", 4, (535, top + 9, 540, top + 15), bar)]
    visit = recognise(blocks, source_name="accordion.pdf", quality_model=model)
    section = visit.sections[0]
    assert (section.talked_about.text, section.points_to.text, section.suggestions.text) == (
        "Om hverdagen.", "At tage stilling.", "Et forslag.")


def test_themes_named_under_the_boxes_on_every_slide_stay_on_their_slide(model) -> None:
    """A deck that names each slide's theme at the slide's foot, under the rows of boxes, from
    the first theme slide on: the name is the slide's own, not the next slide's (as it is where a
    document flowing on names the next theme at a page's foot)."""
    def slide(page: int, theme: str, texts: tuple[str, str, str]) -> list[TextBlock]:
        blocks = []
        for index, (kind, text) in enumerate(zip(BoxKind, texts)):
            top = 20 + 160 * index
            row, tab = (page * 10 + 2 * index, (60, top, 930, top + 150), (237, 237, 237)), (
                page * 10 + 2 * index + 1, (38, top, 52, top + 150), (111, 111, 111))
            blocks += [_placed(kind.label, page, (40, top + 30, 49, top + 100), tab, bold=True, page_size=(960, 540)),
                       _placed(text, page, (72, top + 8, 900, top + 40), row, page_size=(960, 540))]
        return [*blocks, _placed(theme, page, (36, 494, 270, 506), bold=True, page_size=(960, 540))]

    blocks = [*slide(4, "Tema 1: Uddannelse og beskæftigelse", ("Om hverdagen.", "At tage stilling.", "Et forslag.")),
              *slide(5, "Tema 2: Selvstændighed og relationer", ("Om relationerne.", "Mere ro.", "Et fast møde."))]
    visit = recognise(blocks, source_name="notes.pdf", quality_model=model)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    assert [section.points_to.text for section in visit.sections] == ["At tage stilling.", "Mere ro."]


def test_labels_alone_in_shaded_cells_title_the_unshaded_text_beside_them(model) -> None:
    """A slide's table: the label column's cells shaded in the box colours, the text column's
    cells white (no region), the deck's running footer under the label column. Each label
    titles the text beside it."""
    themes = ("Tema 1: Uddannelse og beskæftigelse", "Tema 2: Selvstændighed og relationer", "Tema 4: Organisation og ledelse")
    blocks = []
    for page, theme in enumerate(themes, start=4):
        blocks.append(_placed(theme, page, (37, 28, 308, 42), (page * 10, (30, 22, 930, 58), (31, 56, 100)),
                              page_size=(960, 540)))
        for index, kind in enumerate(BoxKind):
            top = 58 + 100 * index
            cell = (page * 10 + 1 + index, (30, top, 210, top + 100),
                    ((217, 217, 217), (204, 192, 218), (255, 230, 153))[index])
            blocks += [_placed(kind.label, page, (37, top + 7, 150, top + 15), cell, bold=True, page_size=(960, 540)),
                       _placed(f"Tekst {page} {index}.", page, (217, top + 7, 600, top + 40), page_size=(960, 540))]
        blocks.append(_placed("N.A.B.O. · Skriftlig feedback", page, (37, 523, 136, 530), page_size=(960, 540)))
    visit = recognise(blocks, source_name="table.pdf", quality_model=model)
    for page, section in enumerate(visit.sections, start=4):
        assert (section.talked_about.text, section.points_to.text, section.suggestions.text) == (
            f"Tekst {page} 0.", f"Tekst {page} 1.", f"Tekst {page} 2."), page


def test_labels_in_a_margin_right_of_their_texts_title_the_texts_beside_them(model) -> None:
    """Each label a note in the right margin beside its box's first line, nothing filled or
    framed, the labels read after all the texts: the text level with or below a label, up to the
    next label, is that label's box."""
    cell = _portrait_cell
    blocks = [cell("Tema 1: Uddannelse og beskæftigelse", 4, 57, 53, bold=True),
              cell("Aktive brugere", 4, 57, 101, bold=True), cell("Brugerne fortæller om hverdagen.", 4, 57, 118, 227),
              cell("At tage stilling.", 4, 57, 437, 446), cell("Et forslag fra lederne.", 4, 57, 472, 492),
              cell("Vi talte om", 4, 448, 102, 107), cell("Dette peger på at…", 4, 448, 438, 446),
              cell("Ledere og medarbejdere\npeger på…", 4, 448, 473, 492)]
    visit = recognise(blocks, source_name="margin.pdf", quality_model=model)
    section = visit.sections[0]
    assert (section.talked_about.text, section.points_to.text, section.suggestions.text) == (
        "Aktive brugere\n\nBrugerne fortæller om hverdagen.", "At tage stilling.", "Et forslag fra lederne.")


def test_a_header_row_of_label_cells_is_no_column_of_side_labels(model) -> None:
    """Tables stacked on a page, each with its labels in a header row of shaded cells and its
    theme as a caption above it ("Tema 4 (fortsat)" for the second): the labels, each alone in
    its cell, title the cells below them, not the caption right of the column they form."""
    dark, light = ((111, 111, 111), (107, 76, 154), (179, 134, 0)), ((237, 237, 237), (230, 223, 240), (255, 244, 209))
    blocks = []
    for table, (caption, top) in enumerate((("Tema 4: Organisation og ledelse", 246), ("Tema 4 (fortsat)", 444))):
        blocks.append(_placed(caption, 3, (360, top, 482, top + 8), page_size=(842.0, 595.0)))
        for column, kind in enumerate(BoxKind):
            left, number = 45 + 251 * column, 30 + 10 * table + 2 * column
            blocks += [_placed(kind.label, 3, (left + 104, top + 15, left + 150, top + 22),
                               (number, (left, top + 12, left + 251, top + 32), dark[column]), bold=True,
                               page_size=(842.0, 595.0)),
                       _placed(f"Tekst {table} {column}.", 3, (left + 3, top + 35, left + 240, top + 60),
                               (number + 1, (left, top + 32, left + 251, top + 120), light[column]),
                               page_size=(842.0, 595.0))]
    visit = recognise(blocks, source_name="tables.pdf", quality_model=model)
    assert [(section.themes, section.continued) for section in visit.sections] == [(["4"], False), (["4"], True)]
    for table, section in enumerate(visit.sections):
        assert (section.talked_about.text, section.points_to.text, section.suggestions.text) == (
            f"Tekst {table} 0.", f"Tekst {table} 1.", f"Tekst {table} 2.")
