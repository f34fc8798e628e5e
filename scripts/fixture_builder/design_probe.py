"""Eight more report designs, as other municipal offices or consultancies could lay out the
same written feedback, to probe the importers with layouts they have not met.

The designs of :mod:`.template_probe`, :mod:`.style_probe`, :mod:`.producer_probe` and
:mod:`.office_probe` already cover run-in labels, labels above boxes, top-border cards, sidebars,
box text in columns, black-and-white definition lists, label strips, pills, tabs, gutters,
grids and floating text boxes. The ones here take other habits of a layout office: a magazine's
margin column, a process timeline, a plain zebra table, rotated tab labels, Word's own outline
numbering, a header-row table per theme, slide cards with the label above them, and a 2×2 slide
grid. Each keeps every word of the visit (metadata, themes, boxes), so the visit an importer must
read back is the reference itself; a design whose panels cannot grow (the landscape tab page, the
slides) moves a long theme's overflow to a "(fortsat)" page or slide and returns the visit split
accordingly. These designs were made without looking at the importers.

HTML (printed by headless Chromium and by WeasyPrint):

- ``magazine``: each theme page has a dark teal margin column down the left holding a spaced
  "TEMA" eyebrow, the theme number huge ("3a") and the title under it; to its right the three
  boxes stacked full width, each label a small uppercase eyebrow above a thin coloured rule; box
  text in a serif; grey text unfilled, the purple text a pull-quote (larger italic purple serif
  with a thick purple bar to its left), the yellow text on a pale yellow panel.
- ``timeline``: the offer's name as a running page header (CSS margin box); each theme opens
  with a dark green header bar holding "Tema 2: title" in white; the boxes are three steps along
  a vertical grey line, each with a filled numbered circle (1, 2, 3) on the line, the label in
  the box's dark colour beside the circle and the text in a light-tinted rounded card below it.
- ``tablerows``: each theme ONE two-column table, a row per box: the label in the narrow first
  column after a small square in the box's colour, the text in the second; rows striped white /
  pale blue-grey (not the box colours) with thin rules between them.
- ``tabsacross``: landscape; the three boxes side by side as equal-height light-tinted panels
  filling the page, each label white text rotated 90° (reading bottom to top) on a dark strip
  along the panel's left edge; a long theme continues on a "Tema N (fortsat)" page.

Word (python-docx, imported as .docx and as LibreOffice's PDF):

- ``wheading``: an outline document: the particulars in a borderless two-column table under a
  "Heading 1"; method, impression, every theme, assessment, conclusion and appendix each a
  "Heading 1", each box label a "Heading 2", both numbered by Word's multi-level list linked to
  the heading styles ("4 Tema 1: …", "4.1 Vi talte om", "4.2 Dette peger på at…"); no shading at
  all; the box text plain Normal paragraphs, bullets in the "List Bullet" style.
- ``wtable2``: each theme title a paragraph shaded dark blue with white bold text and "page break
  before", then one 2-row, 3-column gridded table: the labels in the header row on the box
  colours, the text in white cells in the row under them.

PowerPoint (python-pptx, imported as .pptx and as LibreOffice's PDF):

- ``pcards``: "Title Only" slides, the theme in the title placeholder ("Tema 2: title"); three
  rounded rectangles in a row filled in very light tints with no outline, each label a separate
  unfilled text box ABOVE its rectangle (bold, in the box's dark colour).
- ``pgrid``: a 2×2 grid per slide: grey top left, purple top right, yellow bottom left (each a
  filled rectangle with its label as the bold first paragraph), and the theme in the bottom right
  cell as a dark navy filled rectangle with "Tema 2" large and the title under it in white.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from typing import Any

from fixture_builder import style_probe
from fixture_builder.fuzz import split_to_fit
from fixture_builder.office_probe import _need as _measured_need
from fixture_builder.pages import (
    Para,
    appendix_paras,
    assessment_paras,
    conclusion_paras,
    cover_paras,
    danish_date,
    impression_paras,
    method_text,
    plain,
    quality_model_for,
    side_box,
    split_text,
)
from fixture_builder.producer_probe import (
    COLOURS,
    DARK,
    LIGHT,
    PLAIN,
    SLIDE_H,
    SLIDE_W,
    _boxes,
    _Deck,
    _docx_base,
    _html_paras,
    _numbered,
    _page_break,
    _shade,
    _write_paras,
)
from fixture_builder.style_probe import Design, Producer, _html_report
from fixture_builder.template_probe import PRODUCERS as TEMPLATE_PRODUCERS
from fixture_builder.template_probe import _nsdecls, _ppr_append, _theme_name
from kvalitet_core.model import Section, Visit
from kvalitet_core.quality_model import QualityModel

__all__ = ["DESIGNS", "PRODUCERS", "source_for"]

LABELS = PLAIN.texts
"""The labels as the reports print them: grey, purple, yellow."""
TINT = {"grey": "F4F4F4", "purple": "F2EEF8", "yellow": "FFF8E3"}
"""Fills lighter than :data:`producer_probe.LIGHT`."""
MID = {"grey": "D9D9D9", "purple": "CCC0DA", "yellow": "FFE699"}
"""The seeds' own box colours, for header cells."""
PROFILE = "file:///tmp/lo-design-probe-profile"
"""This probe's own LibreOffice profile, so it never waits on another probe's soffice."""

source_for = style_probe.source_for


def _body(section: Section, index: int) -> str:
    return _html_paras(_boxes(section)[index])


def _label(index: int) -> str:
    return html.escape(LABELS[index])


# --- HTML -----------------------------------------------------------------------------------------

def html_magazine(visit: Visit) -> tuple[str, Visit]:
    """A teal margin column with a huge theme number and the title; boxes stacked to its right,
    eyebrow labels over thin rules, serif text, the purple box a pull-quote."""
    css = """
.page.theme { position: relative; padding-left: 60mm; min-height: 250mm; box-sizing: border-box; }
.margin { position: absolute; left: 0; top: 0; width: 50mm; height: 250mm; box-sizing: border-box;
  background: #0F4C5C; color: #FFFFFF; padding: 12mm 6mm 0 7mm; }
.margin .eyebrow { font-family: 'URW Gothic', sans-serif; text-transform: uppercase; letter-spacing: 3pt;
  font-size: 8pt; margin: 0; color: #BFE0E6; }
.margin .num { font-family: 'URW Gothic', sans-serif; font-size: 58pt; font-weight: bold; line-height: 1;
  margin: 2pt 0 8pt 0; }
.margin .title { font-family: 'P052', serif; font-size: 13pt; line-height: 1.25; margin: 0 0 16pt 0; }
.margin .cont { font-family: 'P052', serif; font-style: italic; font-size: 11pt; margin: 0 0 16pt 0; }
.story { margin: 0 0 16pt 0; }
.story p.eyebrow { font-family: 'URW Gothic', sans-serif; text-transform: uppercase; letter-spacing: 1.4pt;
  font-size: 7.5pt; font-weight: bold; margin: 0 0 6pt 0; padding-bottom: 2pt; border-bottom: 0.6pt solid; }
.story .text { font-family: 'P052', serif; }
.story.purple .text { font-size: 11.5pt; font-style: italic; color: #4B2F73; line-height: 1.3;
  border-left: 4pt solid #6B4C9A; padding: 2pt 0 2pt 12pt; }
.story.yellow .text { background: #FFF6D8; padding: 7pt 9pt 4pt 9pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        column = ["<div class='margin'>"]
        for theme_id in section.themes:
            theme = model.theme(theme_id)
            column.append(f"<p class='eyebrow'>{html.escape(model.theme_word)}</p>"
                          f"<p class='num'>{html.escape(theme_id)}</p>")
            if section.continued:
                column.append("<p class='cont'>(fortsat)</p>")
            else:
                column.append(f"<p class='title'>{html.escape(theme.title if theme else '')}</p>")
        column.append("</div>")
        stories = "".join(
            f"<div class='story {c}'><p class='eyebrow' style='color:#{DARK[c]};border-color:#{DARK[c]}'>"
            f"{_label(i)}</p><div class='text'>{_body(section, i)}</div></div>" for i, c in enumerate(COLOURS))
        return "".join(column) + stories

    return _html_report(visit, css=css, theme_page=page, font="'P052', serif", size=9.5, marker="—",
                        margin="16mm 14mm 18mm 14mm", date_style=1), visit


def html_timeline(visit: Visit) -> tuple[str, Visit]:
    """Running header with the offer; theme header bar; boxes as numbered steps on a vertical line."""
    name = f"{visit.offer}, {visit.unit}" if visit.unit else visit.offer
    boxes = (f'@top-center {{ content: "{html.escape(name)}"; font-family: "Nimbus Sans"; font-size: 8pt; '
             'color: #5A6B5D; vertical-align: bottom; padding-bottom: 5pt; border-bottom: 0.5pt solid #9DB1A0; }')
    css = """
.bar { background: #24513A; color: #FFFFFF; font-size: 14pt; font-weight: bold; padding: 8pt 12pt;
  margin: 0 0 16pt 0; }
.line { position: relative; margin-left: 12pt; padding-left: 26pt; border-left: 2pt solid #A8B3AC; }
.step { position: relative; margin-bottom: 14pt; }
.step .circle { position: absolute; left: -39pt; top: 0; width: 22pt; height: 22pt; border-radius: 50%;
  color: #FFFFFF; font-weight: bold; font-size: 11pt; line-height: 22pt; text-align: center; margin: 0; }
.step p.label { font-size: 11pt; font-weight: bold; line-height: 22pt; margin: 0 0 4pt 0; }
.step .card { border-radius: 6pt; padding: 8pt 11pt 5pt 11pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        steps = "".join(
            f"<div class='step'><p class='circle' style='background:#{DARK[c]}'>{i + 1}</p>"
            f"<p class='label' style='color:#{DARK[c]}'>{_label(i)}</p>"
            f"<div class='card' style='background:#{LIGHT[c]}'>{_body(section, i)}</div></div>"
            for i, c in enumerate(COLOURS))
        return (f"<div class='bar'>{html.escape(_theme_name(section, model))}</div>"
                f"<div class='line'>{steps}</div>")

    return _html_report(visit, css=css, theme_page=page, font="'Nimbus Sans', sans-serif", size=9.5,
                        marker="•", margin="22mm 16mm 18mm 16mm", margin_boxes=boxes, date_style=2), visit


def html_tablerows(visit: Visit) -> tuple[str, Visit]:
    """One table per theme, a row per box: label (after a small colour square) | text; zebra rows."""
    css = """
h2.theme { font-size: 15pt; color: #22313F; margin-bottom: 10pt; }
table.rows { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.rows th, table.rows td { vertical-align: top; text-align: left; padding: 7pt 8pt 4pt 8pt;
  border-top: 0.5pt solid #B8C2CC; border-bottom: 0.5pt solid #B8C2CC; }
table.rows th { width: 27%; font-size: 9.5pt; }
table.rows tr:nth-child(even) { background: #EEF2F6; }
table.rows tr:nth-child(odd) { background: #FFFFFF; }
table.rows .sq { display: inline-block; width: 7pt; height: 7pt; margin-right: 5pt; vertical-align: 0; }
"""

    def page(section: Section, model: QualityModel) -> str:
        rows = "".join(
            f"<tr><th><span class='sq' style='background:#{DARK[c]}'></span>{_label(i)}</th>"
            f"<td>{_body(section, i)}</td></tr>" for i, c in enumerate(COLOURS))
        return (f"<h2 class='theme'>{html.escape(_theme_name(section, model, ' – ', ' – fortsat'))}</h2>"
                f"<table class='rows'><tbody>{rows}</tbody></table>")

    return _html_report(visit, css=css, theme_page=page, font="'DejaVu Sans', sans-serif", size=8.5,
                        marker="–", date_style=0), visit


_TABS_H = 440.0
"""The panels' height on the landscape page (points)."""
_TABS_SIZE = 8.5


def html_tabsacross(visit: Visit) -> tuple[str, Visit]:
    """Landscape; three equal-height panels side by side, each label rotated on a dark left strip."""
    strip, pad, gap = 22.0, 8.0, 10.0
    content_w = (297 - 28) / 25.4 * 72
    text_w = (content_w - 2 * gap) / 3 - strip - 2 * pad

    def fits(section: Section) -> bool:
        return all(_measured_need(paras, text_w + 14, _TABS_SIZE) <= _TABS_H - 2 * pad
                   for paras in _boxes(section))

    sections = split_to_fit(visit.sections, fits)
    css = f"""
h2.theme {{ font-size: 15pt; color: #3B2B52; margin: 0 0 10pt 0; }}
.row {{ display: flex; gap: {gap}pt; height: {_TABS_H}pt; }}
.panel {{ position: relative; flex: 1 1 0; min-width: 0; box-sizing: border-box;
  padding: {pad}pt {pad}pt {pad}pt {strip + pad}pt; }}
.panel p.tab {{ position: absolute; left: 0; top: 100%; width: {_TABS_H}pt; height: {strip}pt; margin: 0;
  box-sizing: border-box; padding: 0 0 0 12pt; line-height: {strip}pt; color: #FFFFFF; font-weight: bold;
  font-size: 9.5pt; white-space: nowrap; transform-origin: 0 0; transform: rotate(-90deg); }}
"""

    def page(section: Section, model: QualityModel) -> str:
        panels = "".join(
            f"<div class='panel' style='background:#{LIGHT[c]}'>"
            f"<p class='tab' style='background:#{DARK[c]}'>{_label(i)}</p>{_body(section, i)}</div>"
            for i, c in enumerate(COLOURS))
        return f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2><div class='row'>{panels}</div>"

    expected = visit.model_copy(update={"sections": sections})
    return _html_report(expected, css=css, theme_page=page, font="'Liberation Sans', sans-serif", size=_TABS_SIZE,
                        landscape=True, marker="•", margin="14mm 14mm 14mm 14mm", date_style=3), expected


# --- Word ------------------------------------------------------------------------------------------

def _docx_document(visit: Visit, *, font: str, front: Callable[[Any], None],
                   heading: Callable[[Any, str, bool], None],
                   theme: Callable[[Any, Section, QualityModel], None], marker: str = "•") -> bytes:
    """The report as a Word document: cover, the design's ``front`` (particulars and method),
    impression, themes, assessment, conclusion, appendix; each part opened by ``heading(document,
    text, new_page)`` and a theme by ``theme`` (which starts its own page)."""
    model = quality_model_for(visit)
    document = _docx_base(False, visit, font)

    def write(paras: list[Para], first_reuse: bool = False) -> None:
        _write_paras(document, paras, marker=marker, font=font, first_reuse=first_reuse)

    write(cover_paras(visit), first_reuse=True)
    front(document)
    impression = impression_paras(visit)
    heading(document, impression[0].text, True)
    write(impression[1:])
    for section in visit.sections:
        theme(document, section, model)
    if visit.assessment:
        paras = assessment_paras(visit)
        heading(document, paras[0].text, True)
        write(paras[1:])
    paras = conclusion_paras(visit, model)
    heading(document, paras[0].text, True)
    write(paras[1:])
    paras = appendix_paras(model)
    heading(document, paras[0].text, True)
    write(paras[1:])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_OUTLINE_LIST = 77
"""The abstractNumId of the heading outline list (far from the template's own)."""


def _outline_numbering(document: Any) -> None:
    """Word's multi-level heading numbering: level 1 linked to 'Heading 1' ("4"), level 2 to
    'Heading 2' ("4.1"), the two styles pointing at the list (as Word's "Heading" outline does)."""
    from docx.oxml import parse_xml

    tag = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="{style}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr></w:lvl>'
        for level, style, text, indent in ((0, "Heading1", "%1", 567), (1, "Heading2", "%1.%2", 709)))
    abstract = parse_xml(f'<w:abstractNum {_nsdecls()} w:abstractNumId="{_OUTLINE_LIST}">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    abstracts = numbering.findall(f"{tag}abstractNum")
    if abstracts:
        abstracts[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    used = [int(num.get(f"{tag}numId")) for num in numbering.findall(f"{tag}num")]
    num_id = max(used, default=0) + 50
    numbering.append(parse_xml(f'<w:num {_nsdecls()} w:numId="{num_id}"><w:abstractNumId w:val="{_OUTLINE_LIST}"/>'
                               '</w:num>'))
    for style_name, level in (("Heading 1", 0), ("Heading 2", 1)):
        p_pr = document.styles[style_name].element.get_or_add_pPr()
        p_pr.insert(0, parse_xml(f'<w:numPr {_nsdecls()}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
                                 '</w:numPr>'))


def _write_styled(document: Any, paras: list[Para], font: str, size: float) -> None:
    """Box paragraphs as a Word user with styles writes them: Normal paragraphs, bullets in
    'List Bullet' (the marker from the style's numbering, not typed), numbered points typed."""
    from docx.shared import Pt

    for para in paras:
        if para.marker == "bullet":
            paragraph = document.add_paragraph(style="List Bullet")
            runs = para.runs
        else:
            paragraph = document.add_paragraph()
            number, body = _numbered(para)
            runs = para.runs
            if number:
                runs = [(f"{number}.\t", False), *body.runs]
                paragraph.paragraph_format.left_indent = Pt(14)
                paragraph.paragraph_format.first_line_indent = Pt(-14)
                paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(14))
        paragraph.paragraph_format.space_after = Pt(4)
        for text, bold in runs:
            run = paragraph.add_run(text)
            run.bold = bold
            run.font.name = font
            run.font.size = Pt(size)


def docx_wheading(visit: Visit) -> tuple[bytes, Visit]:
    """Heading 1 parts and themes, Heading 2 labels, numbered by Word's outline list; no shading;
    particulars in a borderless two-column table."""
    from docx.shared import Mm

    font = "DejaVu Sans"

    def heading(document: Any, text: str, new_page: bool) -> None:
        paragraph = document.add_paragraph(text, style="Heading 1")
        paragraph.paragraph_format.page_break_before = new_page

    def front(document: Any) -> None:
        if "numbered" not in state:
            _outline_numbering(document)
            state["numbered"] = True
        heading(document, "Oplysninger om besøget", True)
        rows: list[tuple[str, list[str]]] = []
        if visit.visit_date:
            rows.append(("Dato", [danish_date(visit.visit_date, 0)]))
        if visit.time_range:
            start, _, end = visit.time_range.partition("-")
            rows.append(("Tidsrum", [f"Kl. {start.strip()} – {end.strip()}"]))
        if visit.auditors:
            rows.append((visit.auditor_title or "Auditorer", list(visit.auditors)))
        employees = ", ".join(str(p) for p in (visit.employees_total, visit.employees_note) if p is not None)
        rows.append(("Antal ansatte i alt på tilbuddet", [employees] if employees else []))
        if visit.spoke_with:
            rows.append(("Vi talte med", list(visit.spoke_with)))
        if visit.focus_note:
            rows.append(("Temaer", split_text(visit.focus_note)))
        if visit.terminology_note:
            rows.append(("En opmærksomhed", split_text(visit.terminology_note)))
        table = document.add_table(rows=len(rows), cols=2)
        for index, (key, values) in enumerate(rows):
            left, right = table.cell(index, 0), table.cell(index, 1)
            left.width, right.width = Mm(55), Mm(123)
            _write_paras(left, [plain(key, bold=True)], font=font, size=9.5)
            _write_paras(right, [Para([(value, False)], tight=True) for value in values] or [plain("")],
                         font=font, size=9.5)
        method = method_text(visit.auditor_title or "Auditorer")
        heading(document, method[0].text, True)
        _write_paras(document, method[1:], font=font, first_reuse=False)

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        heading(document, _theme_name(section, model), True)
        for index in range(3):
            document.add_paragraph(LABELS[index], style="Heading 2")
            _write_styled(document, _boxes(section)[index] or [plain("")], font, 9.5)

    state: dict[str, Any] = {}
    return _docx_document(visit, font=font, front=front, heading=heading, theme=theme), visit


def docx_wtable2(visit: Visit) -> tuple[bytes, Visit]:
    """Per theme a dark shaded title paragraph (page break before), then a 2×3 gridded table:
    labels in the header row on the box colours, the text in white cells under them."""
    from docx.shared import Pt, RGBColor

    font = "Liberation Sans"

    def heading(document: Any, text: str, new_page: bool) -> None:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.page_break_before = new_page
        paragraph.paragraph_format.space_after = Pt(6)
        run = paragraph.add_run(text)
        run.bold, run.font.size, run.font.name = True, Pt(16), font

    def front(document: Any) -> None:
        _page_break(document)
        table = document.add_table(rows=1, cols=2)
        _write_paras(table.cell(0, 0), method_text(visit.auditor_title or "Auditorer"), font=font)
        _shade(table.cell(0, 1), "DEEAF6")
        _write_paras(table.cell(0, 1), side_box(visit, 2).paras, font=font)

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        title = document.add_paragraph()
        title.paragraph_format.page_break_before = True
        title.paragraph_format.space_after = Pt(8)
        title.paragraph_format.keep_with_next = True
        _ppr_append(title, f'<w:shd {_nsdecls()} w:val="clear" w:color="auto" w:fill="1F3864"/>')
        run = title.add_run(_theme_name(section, model))
        run.bold, run.font.size, run.font.name = True, Pt(14), font
        run.font.color.rgb = RGBColor.from_string("FFFFFF")
        table = document.add_table(rows=2, cols=3)
        table.style = "Table Grid"
        for index, colour in enumerate(COLOURS):
            head, body = table.cell(0, index), table.cell(1, index)
            _shade(head, MID[colour])
            _write_paras(head, [plain(LABELS[index], bold=True)], font=font, size=10)
            _write_paras(body, _boxes(section)[index] or [plain("")], font=font, size=9, marker="•")

    return _docx_document(visit, font=font, front=front, heading=heading, theme=theme), visit


# --- PowerPoint ---------------------------------------------------------------------------------------

def _align(shape: Any, alignment: Any = None) -> None:
    """Every paragraph of a shape's text aligned, left unless told (an autoshape centres its text
    by default)."""
    from pptx.enum.text import PP_ALIGN

    for paragraph in shape.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT if alignment is None else alignment


def pptx_cards(visit: Visit) -> tuple[bytes, Visit]:
    """Title placeholder with the theme; three light rounded rectangles, each label a separate
    text box above its rectangle."""
    from pptx.dml.color import RGBColor

    model = quality_model_for(visit)
    deck = _Deck("Liberation Sans")
    size = 9.0
    gap, label_top, label_h = 16.0, 84.0, 22.0
    top = label_top + label_h + 2
    col_w = (SLIDE_W - 60 - 2 * gap) / 3
    room = SLIDE_H - top - 34
    title_layout = deck.prs.slide_layouts[5]

    def fits(section: Section) -> bool:
        return all(_measured_need(paras, col_w, size) <= room for paras in _boxes(section))

    sections = split_to_fit(visit.sections, fits)
    deck.front(visit, 11)
    for section in sections:
        deck.number += 1
        slide = deck.prs.slides.add_slide(title_layout)
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = deck.pt(30), deck.pt(16), deck.pt(SLIDE_W - 60), deck.pt(58)
        title.text = _theme_name(section, model)
        for paragraph in title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = deck.pt(26)
                run.font.name = deck.font
                run.font.color.rgb = RGBColor.from_string("0B3C5D")
        for index, (paras, colour) in enumerate(zip(_boxes(section), COLOURS, strict=True)):
            x = 30 + index * (col_w + gap)
            deck.box(slide, x, label_top, col_w, label_h, [Para([(LABELS[index], True)])], 11, colour=DARK[colour])
            card = deck.shape(slide, "round", x, top, col_w, room, TINT[colour])
            deck.text(card, paras or [plain("")], size)
            _align(card)
            card.text_frame.margin_left = card.text_frame.margin_right = deck.pt(9)
            card.text_frame.margin_top = deck.pt(9)
        deck.footer(slide, visit)
    deck.back(visit, model, 11)
    return deck.save(), visit.model_copy(update={"sections": sections})


def pptx_grid(visit: Visit) -> tuple[bytes, Visit]:
    """A 2×2 grid per slide: grey, purple / yellow, and the theme in a dark filled cell."""
    from pptx.enum.text import MSO_ANCHOR

    model = quality_model_for(visit)
    deck = _Deck("DejaVu Sans")
    size = 8.0
    gap, top = 10.0, 22.0
    cell_w = (SLIDE_W - 60 - gap) / 2
    cell_h = (SLIDE_H - top - 34 - gap) / 2

    def paras_of(section: Section, index: int) -> list[Para]:
        return [Para([(LABELS[index], True)], size=10.5), *_boxes(section)[index]]

    def fits(section: Section) -> bool:
        return all(_measured_need(paras_of(section, i), cell_w, size) <= cell_h for i in range(3))

    sections = split_to_fit(visit.sections, fits)
    deck.front(visit, 11)
    for section in sections:
        slide = deck.slide()
        spots = [(30, top), (30 + cell_w + gap, top), (30, top + cell_h + gap)]
        for index, ((x, y), colour) in enumerate(zip(spots, COLOURS, strict=True)):
            cell = deck.shape(slide, "rect", x, y, cell_w, cell_h, LIGHT[colour])
            deck.text(cell, paras_of(section, index), size, first_colour=DARK[colour])
            _align(cell)
        theme_cell = deck.shape(slide, "rect", 30 + cell_w + gap, top + cell_h + gap, cell_w, cell_h, "1B2A4A")
        paras: list[Para] = []
        for theme_id in section.themes:
            theme = model.theme(theme_id)
            paras.append(Para([(f"{model.theme_word} {theme_id}", True)], size=30))
            paras.append(Para([("(fortsat)" if section.continued else (theme.title if theme else ""), False)],
                              size=16))
        deck.text(theme_cell, paras, 16, colour="FFFFFF", anchor_top=False)
        _align(theme_cell)
        theme_cell.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        theme_cell.text_frame.margin_left = deck.pt(22)
        deck.footer(slide, visit)
    deck.back(visit, model, 11)
    return deck.save(), visit.model_copy(update={"sections": sections})


DESIGNS = [
    Design("magazine", "html", "teal margin column with 'TEMA', a huge theme number and the title; boxes stacked "
           "right of it, uppercase eyebrow labels over thin rules, serif text, purple a pull-quote", html_magazine),
    Design("timeline", "html", "running header with the offer; dark theme bar; boxes as numbered steps on a "
           "vertical line, label beside the circle, text in a tinted card", html_timeline),
    Design("tablerows", "html", "one table per theme, a row per box: colour square + label | text; "
           "zebra rows, not the box colours", html_tablerows),
    Design("tabsacross", "html", "landscape, three equal-height panels, each label rotated on a dark strip "
           "along the panel's left edge; overflow to '(fortsat)' pages", html_tabsacross),
    Design("wheading", "docx", "Heading 1 themes and parts, Heading 2 labels, outline-numbered 4 / 4.1; no "
           "shading; particulars in a borderless 2-column table", docx_wheading),
    Design("wtable2", "docx", "dark shaded theme paragraph with page break before; 2x3 grid table, labels in "
           "the header row on box colours, text in white cells", docx_wtable2),
    Design("pcards", "pptx", "title placeholder theme; light rounded rectangles, each label a text box above "
           "its rectangle", pptx_cards),
    Design("pgrid", "pptx", "2x2 grid: grey, purple / yellow, and the theme in a dark navy cell", pptx_grid),
]


# --- producers ---------------------------------------------------------------------------------------

PRODUCERS = [
    producer if producer.name != "lo-pdf" else Producer(
        producer.name, producer.sources, producer.summary,
        lambda source, work: style_probe.lo_pdf(source, work / "lo-pdf", PROFILE))
    for producer in TEMPLATE_PRODUCERS
]
"""template_probe's producers (Chromium, WeasyPrint, wkhtmltopdf, the file, LibreOffice's PDF),
LibreOffice with this probe's own profile."""
DEFAULT_PRODUCERS = ("chromium", "weasyprint", "file", "lo-pdf")
"""The producers a run uses unless told otherwise (wkhtmltopdf on request)."""
