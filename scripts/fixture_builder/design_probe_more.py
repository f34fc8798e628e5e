"""Eight further report designs, as yet other municipal offices or consultancies could lay out
the same written feedback, to probe the importers with layouts they have not met.

:mod:`.design_probe` and the probes before it cover run-in labels, labels above boxes, cards,
sidebars, strips, pills, tabs, gutters, grids, tables, outlines, margin columns, timelines,
rotated tab strips and floating text boxes. The designs here take other habits: a printed
"accordion" of collapsible panels whose headers all share one colour, a landscape page split in
two halves by a vertical rule, labels set as marginal notes to the RIGHT of the text, a newsletter
whose boxes flow through three columns, a Word form whose label and first line share a line
through a tab, Word side-heads in frames, slide rows with rotated labels and the theme at the
bottom, and a slide table with a label column. Each keeps every word of the visit (metadata,
themes, boxes), so the visit an importer must read back is the reference itself; a design whose
panels cannot grow (the landscape halves, the newsletter page, the slides) moves a long theme's
overflow to a "(fortsat)" page or slide and returns the visit split accordingly. These designs
were made without looking at the importers.

HTML (printed by headless Chromium and by WeasyPrint):

- ``accordion``: the theme as a heading; each box a block with a thin dark border whose label is
  a full-width header bar in ONE dark slate colour for all three boxes (white label at the left,
  a small "▼" at the right); the box's colour only as a thick left border of its white body.
- ``halves``: landscape; a running header with the offer at the left and the visit date at the
  right, a "Side N af M" footer; each theme page cut in two halves by a vertical rule: the theme
  title and the grey box on the left half, purple over yellow on the right half (light panels,
  the label the panel's bold coloured first line); a long theme continues on a "(fortsat)" page.
- ``marginnote``: portrait; the theme as a heading with a rule under it; each box's text in a
  column under a thin coloured hairline, no fill, its label a marginal note in italic in the
  right margin column beside the text's first line (after the text in the source).
- ``newsletter``: a newspaper page per theme: the theme title large in a serif over a double
  rule, then all three boxes flowing one after another through three balanced columns with rules
  between them (a box may break from one column into the next); each label a bold coloured line
  under a thick coloured rule across its column; justified serif text; a long theme continues on a
  "(fortsat)" page.

Word (python-docx, imported as .docx and as LibreOffice's PDF):

- ``wtabs``: no tables and no shading on the theme pages: the theme in Word's "Title" style, each
  box's label bold in its dark colour followed by a TAB and the box's first paragraph on the same
  line, a hanging indent so every further line and paragraph of the box aligns at the tab stop.
- ``wmargin``: side-heads: each label a paragraph in a Word frame (``w:framePr``) standing in the
  left part of the text area, beside the box's text, which is indented past it; the first
  paragraph of each box carries a thin coloured top border; the theme a bold paragraph with a
  thick bottom border.

PowerPoint (python-pptx, imported as .pptx and as LibreOffice's PDF):

- ``pnotes``: three full-width rows stacked on the slide, each a light rectangle with a narrow
  dark text box rotated 90° (reading top to bottom) at its left end holding the label; the theme
  title in a footer-like text box under a thin rule at the bottom of the slide.
- ``ptable``: each theme slide one PowerPoint table (``graphicFrame``) of two columns: a merged
  header row holding the theme title on navy, then a row per box: the label in the first column
  on the box's colour, the text in a white second column.
"""

from __future__ import annotations

import html
from typing import Any

from fixture_builder.design_probe import DEFAULT_PRODUCERS, LABELS, MID, PRODUCERS, _align, _body, _label
from fixture_builder.fuzz import split_to_fit
from fixture_builder.office_probe import _need as _measured_need
from fixture_builder.pages import Para, danish_date, plain, quality_model_for
from fixture_builder.producer_probe import (
    COLOURS,
    DARK,
    LIGHT,
    SLIDE_H,
    SLIDE_W,
    _boxes,
    _Deck,
    _docx_report,
    _numbered,
)
from fixture_builder.style_probe import Design, _html_report, source_for
from fixture_builder.template_probe import _nsdecls, _theme_name
from kvalitet_core.model import Section, Visit
from kvalitet_core.quality_model import QualityModel

__all__ = ["DEFAULT_PRODUCERS", "DESIGNS", "PRODUCERS", "source_for"]

PT_PER_MM = 72 / 25.4


def _css_string(text: str) -> str:
    """A text as a CSS string's content (inside the HTML's <style>, so no HTML escaping)."""
    return text.replace("\\", "\\\\").replace('"', "'").replace("<", "‹").replace(">", "›")


# --- HTML -----------------------------------------------------------------------------------------

def html_accordion(visit: Visit) -> tuple[str, Visit]:
    """Collapsible-panel look: one dark header colour for all labels (white, '▼' at the right);
    the box colour only as a thick left border of the white body."""
    css = """
h2.theme { font-size: 15pt; color: #2E3B4E; margin: 0 0 12pt 0; }
.acc { border: 0.75pt solid #2E3B4E; margin: 0 0 12pt 0; }
.acc .head { display: flex; justify-content: space-between; align-items: center; background: #2E3B4E;
  color: #FFFFFF; padding: 4pt 9pt; margin: 0; }
.acc .head .lab { font-weight: bold; font-size: 10pt; }
.acc .head .chev { font-family: 'DejaVu Sans', sans-serif; font-size: 7pt; }
.acc .inner { background: #FFFFFF; border-left: 5pt solid; padding: 7pt 10pt 4pt 10pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        panels = "".join(
            f"<div class='acc'><div class='head'><span class='lab'>{_label(i)}</span>"
            f"<span class='chev'>▼</span></div>"
            f"<div class='inner' style='border-left-color:#{DARK[c]}'>{_body(section, i)}</div></div>"
            for i, c in enumerate(COLOURS))
        return f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2>{panels}"

    return _html_report(visit, css=css, theme_page=page, font="'Liberation Sans', sans-serif", size=9.5,
                        marker="•", date_style=0), visit


_HALVES_H = 440.0
"""The height of a theme page's two halves on the landscape page (points)."""
_HALVES_SIZE = 8.5


def html_halves(visit: Visit) -> tuple[str, Visit]:
    """Landscape; running header (offer left, date right) and 'Side N af M' footer; theme title and
    grey on the left half, purple over yellow on the right half, a vertical rule between."""
    gap, pad, title_h = 14.0, 8.0, 56.0
    content_w = (297 - 28) * PT_PER_MM
    half_w = (content_w - 2 * gap) / 2
    text_w = half_w - 2 * pad

    def labelled(section: Section, index: int) -> list[Para]:
        return [plain(LABELS[index], bold=True, size=10), *_boxes(section)[index]]

    def need(section: Section, index: int) -> float:
        return _measured_need(labelled(section, index), text_w + 14, _HALVES_SIZE)

    def title_need(section: Section) -> float:
        name = _theme_name(section, quality_model_for(visit))
        return max(title_h, _measured_need([plain(name, bold=True, size=16)], half_w + 14, 16) + 4)

    def fits(section: Section) -> bool:
        left = title_need(section) + need(section, 0)
        right = need(section, 1) + need(section, 2) + 10
        return left <= _HALVES_H and right <= _HALVES_H

    sections = split_to_fit(visit.sections, fits)
    expected = visit.model_copy(update={"sections": sections})
    name = f"{visit.offer}, {visit.unit}" if visit.unit else visit.offer
    when = f"Besøg {danish_date(visit.visit_date, 1)}" if visit.visit_date else "Skriftlig feedback"
    furniture = "font-family: 'Liberation Sans'; font-size: 7.5pt; color: #505A64;"
    boxes = (f'@top-left {{ content: "{_css_string(name)}"; {furniture} vertical-align: bottom; '
             'padding-bottom: 4pt; border-bottom: 0.5pt solid #A0A8B0; } '
             f'@top-right {{ content: "{_css_string(when)}"; {furniture} vertical-align: bottom; '
             'padding-bottom: 4pt; border-bottom: 0.5pt solid #A0A8B0; } '
             f'@bottom-center {{ content: "Side " counter(page) " af " counter(pages); {furniture} }}')
    css = f"""
.spread {{ display: flex; min-height: {_HALVES_H}pt; }}
.half {{ flex: 1 1 0; min-width: 0; box-sizing: border-box; }}
.half.left {{ padding-right: {gap}pt; }}
.half.right {{ padding-left: {gap}pt; border-left: 0.75pt solid #7F8A94; }}
h2.theme {{ font-size: 16pt; color: #203A56; margin: 0 0 10pt 0; min-height: {title_h - 10}pt; }}
.panel {{ padding: {pad}pt; margin: 0 0 10pt 0; }}
.panel p.label {{ font-size: 10pt; font-weight: bold; margin: 0 0 5pt 0; }}
"""

    def panel(section: Section, index: int) -> str:
        colour = COLOURS[index]
        return (f"<div class='panel' style='background:#{LIGHT[colour]}'>"
                f"<p class='label' style='color:#{DARK[colour]}'>{_label(index)}</p>{_body(section, index)}</div>")

    def page(section: Section, model: QualityModel) -> str:
        return (f"<div class='spread'><div class='half left'><h2 class='theme'>"
                f"{html.escape(_theme_name(section, model))}</h2>{panel(section, 0)}</div>"
                f"<div class='half right'>{panel(section, 1)}{panel(section, 2)}</div></div>")

    return _html_report(expected, css=css, theme_page=page, font="'Liberation Sans', sans-serif", size=_HALVES_SIZE,
                        landscape=True, marker="•", margin="20mm 14mm 18mm 14mm", margin_boxes=boxes,
                        date_style=1), expected


def html_marginnote(visit: Visit) -> tuple[str, Visit]:
    """The label a marginal note in the right-hand column beside the text's first line (after the
    text in the source), the text under a thin coloured hairline, no fills."""
    css = """
h2.theme { font-family: 'C059', serif; font-size: 16pt; color: #1D3B2F; padding-bottom: 4pt;
  border-bottom: 1pt solid #1D3B2F; margin: 0 0 16pt 0; }
.note { position: relative; padding-right: 44mm; margin: 0 0 16pt 0; }
.note .text { border-top: 0.75pt solid; padding-top: 6pt; }
.note .aside { position: absolute; right: 0; top: 0; width: 38mm; box-sizing: border-box; margin: 0;
  padding-top: 5pt; border-top: 2.5pt solid; font-style: italic; font-size: 9pt; line-height: 1.25; }
"""

    def page(section: Section, model: QualityModel) -> str:
        notes = "".join(
            f"<div class='note'><div class='text' style='border-top-color:#{DARK[c]}'>{_body(section, i)}</div>"
            f"<p class='aside' style='color:#{DARK[c]};border-top-color:#{DARK[c]}'>{_label(i)}</p></div>"
            for i, c in enumerate(COLOURS))
        return f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2>{notes}"

    return _html_report(visit, css=css, theme_page=page, font="'C059', serif", size=9.5, marker="–",
                        margin="18mm 14mm 18mm 20mm", date_style=2), visit


_NEWS_SIZE = 8.5


def html_newsletter(visit: Visit) -> tuple[str, Visit]:
    """Theme title large over a double rule; the three boxes flowing through three balanced
    columns with rules between; labels bold and coloured under a short thick rule."""
    gap = 12.0
    content_w = (210 - 28) * PT_PER_MM
    col_w = (content_w - 2 * gap) / 3
    col_h = (297 - 32) * PT_PER_MM - 80

    def labelled(section: Section, index: int) -> list[Para]:
        return [plain(LABELS[index], bold=True, size=9.5), *_boxes(section)[index]]

    def fits(section: Section) -> bool:
        total = sum(_measured_need(labelled(section, i), col_w + 14, _NEWS_SIZE) + 14 for i in range(3))
        return total * 1.1 <= 3 * col_h * 0.88

    sections = split_to_fit(visit.sections, fits)
    expected = visit.model_copy(update={"sections": sections})
    css = f"""
h2.theme {{ font-family: 'P052', serif; font-size: 22pt; font-weight: bold; line-height: 1.15; color: #1A1A1A;
  padding-bottom: 6pt; border-bottom: 3pt double #1A1A1A; margin: 0 0 12pt 0; }}
.paper {{ column-count: 3; column-gap: {gap}pt; column-rule: 0.5pt solid #9A9A9A; column-fill: balance; }}
.paper p {{ text-align: justify; }}
.story {{ margin: 0 0 10pt 0; }}
.story p.label {{ text-align: left; font-family: 'Nimbus Sans', sans-serif; font-weight: bold; font-size: 9.5pt;
  margin: 0 0 4pt 0; padding-top: 4pt; border-top: 3pt solid; break-after: avoid; }}
"""

    def page(section: Section, model: QualityModel) -> str:
        stories = "".join(
            f"<div class='story'><p class='label' style='color:#{DARK[c]};border-top-color:#{DARK[c]}'>"
            f"{_label(i)}</p>{_body(section, i)}</div>" for i, c in enumerate(COLOURS))
        return f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2><div class='paper'>{stories}</div>"

    return _html_report(expected, css=css, theme_page=page, font="'Liberation Serif', serif", size=_NEWS_SIZE,
                        marker="▪", margin="16mm 14mm 16mm 14mm", date_style=3), expected


# --- Word ------------------------------------------------------------------------------------------

_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")
"""The children of ``w:pPr`` in the schema's order (Word rejects them out of order)."""


def _ppr_insert(paragraph: Any, xml: str) -> None:
    """An element into a paragraph's properties at its place in the schema's order."""
    from docx.oxml import parse_xml

    p_pr = paragraph._p.get_or_add_pPr()
    element = parse_xml(xml)
    name = element.tag.split("}")[1]
    successors = [f"w:{tag}" for tag in _PPR_ORDER[_PPR_ORDER.index(name) + 1:]]
    p_pr.insert_element_before(element, *successors)


def _box_paragraph(document: Any, para: Para, *, font: str, size: float, indent: float, marker: str,
                   first_runs: list[tuple[str, bool, str | None]] | None = None) -> Any:
    """One box paragraph starting at ``indent`` points (list items with a typed marker and a tab
    in a hanging indent after it); ``first_runs`` (text, bold, colour) go before it on the same
    line, with the paragraph's first line hanging out to the left margin."""
    from docx.shared import Pt, RGBColor

    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    number, body = _numbered(para)
    runs: list[tuple[str, bool, str | None]] = [(text, bold, None) for text, bold in body.runs]
    hang = 0.0
    if para.marker or number:
        prefix = marker if para.marker == "bullet" else "✓" if para.marker == "check" else f"{number}."
        runs = [(prefix + "\t", False, None), *runs]
        hang = 14.0
    fmt.left_indent = Pt(indent + hang)
    if first_runs is not None:
        fmt.first_line_indent = Pt(-(indent + hang))
        fmt.tab_stops.add_tab_stop(Pt(indent))
        runs = [*first_runs, *runs]
    elif hang:
        fmt.first_line_indent = Pt(-hang)
    if hang:
        fmt.tab_stops.add_tab_stop(Pt(indent + hang))
    fmt.space_after = Pt(0 if para.tight else 4)
    for text, bold, colour in runs:
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.name = font
        run.font.size = Pt(para.size or size)
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
    return paragraph


def docx_wtabs(visit: Visit) -> tuple[bytes, Visit]:
    """Theme in 'Title'; each label bold, a TAB, the box's first paragraph on the same line; a
    hanging indent aligns the rest of the box at the tab stop. No tables, no shading."""
    from docx.shared import Pt

    font = "Liberation Sans"
    size = 9.5
    tab = 62 * PT_PER_MM

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        document.add_paragraph(_theme_name(section, model), style="Title")
        for index, colour in enumerate(COLOURS):
            paras = _boxes(section)[index] or [plain("")]
            label = [(LABELS[index], True, DARK[colour]), ("\t", False, None)]
            first = _box_paragraph(document, paras[0], font=font, size=size, indent=tab, marker="•",
                                   first_runs=label)
            first.paragraph_format.space_before = Pt(14 if index else 6)
            first.paragraph_format.keep_with_next = len(paras) > 1
            for para in paras[1:]:
                _box_paragraph(document, para, font=font, size=size, indent=tab, marker="•")

    return _docx_report(visit, landscape=False, font=font, marker="•", theme=theme), visit


def docx_wmargin(visit: Visit) -> tuple[bytes, Visit]:
    """Side-heads: each label a paragraph in a Word frame (``w:framePr``) at the left of the text
    area, the box's text indented past it, a thin coloured top border on its first paragraph; the
    theme a bold paragraph with a thick bottom border."""
    from docx.shared import Pt, RGBColor

    font = "DejaVu Sans"
    size = 9.0
    indent = 46 * PT_PER_MM
    frame_w = int(40 * PT_PER_MM * 20)  # twips

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        title = document.add_paragraph()
        title.paragraph_format.space_after = Pt(16)
        _ppr_insert(title, f'<w:pBdr {_nsdecls()}><w:bottom w:val="single" w:sz="18" w:space="4" '
                           'w:color="243F60"/></w:pBdr>')
        run = title.add_run(_theme_name(section, model))
        run.bold, run.font.size, run.font.name = True, Pt(16), font
        run.font.color.rgb = RGBColor.from_string("243F60")
        for index, colour in enumerate(COLOURS):
            label = document.add_paragraph()
            _ppr_insert(label, f'<w:framePr {_nsdecls()} w:w="{frame_w}" w:hSpace="170" w:wrap="around" '
                               'w:vAnchor="text" w:hAnchor="margin" w:x="0" w:y="1"/>')
            label.paragraph_format.space_after = Pt(0)
            run = label.add_run(LABELS[index])
            run.bold, run.font.size, run.font.name = True, Pt(10), font
            run.font.color.rgb = RGBColor.from_string(DARK[colour])
            paras = _boxes(section)[index] or [plain("")]
            for number, para in enumerate(paras):
                paragraph = _box_paragraph(document, para, font=font, size=size, indent=indent, marker="•")
                if not number:
                    paragraph.paragraph_format.space_before = Pt(4 if index else 0)
                    _ppr_insert(paragraph, f'<w:pBdr {_nsdecls()}><w:top w:val="single" w:sz="6" w:space="4" '
                                           f'w:color="{DARK[colour]}"/></w:pBdr>')
            document.paragraphs[-1].paragraph_format.space_after = Pt(16)

    return _docx_report(visit, landscape=False, font=font, marker="•", theme=theme), visit


# --- PowerPoint ---------------------------------------------------------------------------------------

def pptx_notes(visit: Visit) -> tuple[bytes, Visit]:
    """Three full-width rows, each label a narrow dark text box rotated 90° at the row's left end;
    the theme in a footer-like text box under a thin rule at the bottom of the slide."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

    model = quality_model_for(visit)
    deck = _Deck("Liberation Sans")
    size = 9.0
    left, strip, gap, top = 30.0, 30.0, 8.0, 20.0
    body_x = left + strip
    body_w = SLIDE_W - 30 - body_x
    bottom = SLIDE_H - 66
    room = bottom - top - 2 * gap
    least = 124.0

    def needs(section: Section) -> list[float]:
        return [max(least, _measured_need(paras, body_w, size)) for paras in _boxes(section)]

    def fits(section: Section) -> bool:
        return sum(needs(section)) <= room

    sections = split_to_fit(visit.sections, fits)
    deck.front(visit, 11)
    for section in sections:
        slide = deck.slide()
        heights = needs(section)
        extra = (room - sum(heights)) / 3
        y = top
        for index, (paras, colour) in enumerate(zip(_boxes(section), COLOURS, strict=True)):
            h = heights[index] + extra
            body = deck.shape(slide, "rect", body_x, y, body_w, h, LIGHT[colour])
            deck.text(body, paras or [plain("")], size)
            _align(body, PP_ALIGN.LEFT)
            body.text_frame.margin_left = deck.pt(12)
            # a text box rotated 90° about its centre shows as a strip ``strip`` wide and ``h`` high
            label = deck.box(slide, left + strip / 2 - h / 2, y + h / 2 - strip / 2, h, strip,
                             [Para([(LABELS[index], True)])], 8.5, colour="FFFFFF")
            label.rotation = 90
            label.fill.solid()
            label.fill.fore_color.rgb = RGBColor.from_string(DARK[colour])
            frame = label.text_frame
            frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            frame.margin_top = frame.margin_bottom = deck.pt(2)
            frame.margin_left = frame.margin_right = deck.pt(4)
            _align(label, PP_ALIGN.CENTER)
            y += h + gap
        deck.shape(slide, "rect", left, SLIDE_H - 60, SLIDE_W - 60, 1.0, "1F3864")
        deck.box(slide, left, SLIDE_H - 56, SLIDE_W - 60, 28, [Para([(_theme_name(section, model), True)])], 13,
                 colour="1F3864")
        deck.footer(slide, visit)
    deck.back(visit, model, 11)
    return deck.save(), visit.model_copy(update={"sections": sections})


def pptx_table(visit: Visit) -> tuple[bytes, Visit]:
    """One two-column table per slide: a merged header row with the theme on navy, then a row per
    box, the label on the box colour in the first column, the text in a white second column."""
    from pptx.dml.color import RGBColor

    model = quality_model_for(visit)
    deck = _Deck("Liberation Sans")
    size = 9.0
    top, head_h = 22.0, 36.0
    label_w = 180.0
    text_w = SLIDE_W - 60 - label_w
    room = SLIDE_H - top - head_h - 44
    least = 40.0

    def needs(section: Section) -> list[float]:
        return [max(least, _measured_need(paras, text_w - 4, size) * 1.05) for paras in _boxes(section)]

    def fits(section: Section) -> bool:
        return sum(needs(section)) <= room

    sections = split_to_fit(visit.sections, fits)
    deck.front(visit, 11)
    for section in sections:
        slide = deck.slide()
        heights = needs(section)
        frame = slide.shapes.add_table(4, 2, deck.pt(30), deck.pt(top), deck.pt(SLIDE_W - 60),
                                       deck.pt(head_h + sum(heights)))
        frame.name = "Tabel"
        table = frame.table
        table.horz_banding = False
        table.first_row = True
        table.columns[0].width = deck.pt(label_w)
        table.columns[1].width = deck.pt(text_w)
        table.rows[0].height = deck.pt(head_h)
        for index, height in enumerate(heights):
            table.rows[index + 1].height = deck.pt(height)
        head = table.cell(0, 0)
        head.merge(table.cell(0, 1))
        head.fill.solid()
        head.fill.fore_color.rgb = RGBColor.from_string("1F3864")
        deck.text(head, [Para([(_theme_name(section, model), True)])], 15, colour="FFFFFF")
        for index, (paras, colour) in enumerate(zip(_boxes(section), COLOURS, strict=True)):
            label, body = table.cell(index + 1, 0), table.cell(index + 1, 1)
            label.fill.solid()
            label.fill.fore_color.rgb = RGBColor.from_string(MID[colour])
            deck.text(label, [Para([(LABELS[index], True)])], 11, colour="1A1A1A")
            body.fill.solid()
            body.fill.fore_color.rgb = RGBColor.from_string("FFFFFF")
            deck.text(body, paras or [plain("")], size)
            for cell in (label, body):
                cell.margin_left = cell.margin_right = deck.pt(7)
                cell.margin_top = cell.margin_bottom = deck.pt(5)
        deck.footer(slide, visit)
    deck.back(visit, model, 11)
    return deck.save(), visit.model_copy(update={"sections": sections})


DESIGNS = [
    Design("accordion", "html", "accordion panels: one dark header bar colour for all labels (white label, '▼' "
           "right), box colour only as the white body's thick left border", html_accordion),
    Design("halves", "html", "landscape; running header offer | date, 'Side N af M'; title and grey on the left "
           "half, purple over yellow on the right, a vertical rule between; overflow to '(fortsat)'", html_halves),
    Design("marginnote", "html", "labels as italic marginal notes in a right-hand column beside the text (after "
           "it in the source); text under a coloured hairline, no fills", html_marginnote),
    Design("newsletter", "html", "large serif title over a double rule; the three boxes flow through three "
           "balanced ruled columns, labels under thick coloured rules; overflow to '(fortsat)'", html_newsletter),
    Design("wtabs", "docx", "theme in 'Title'; label bold, TAB, the first paragraph on the same line; hanging "
           "indent aligns the rest at the tab stop; no tables or shading", docx_wtabs),
    Design("wmargin", "docx", "side-heads: each label in a Word frame (w:framePr) left of its indented text; "
           "thin coloured top border per box; theme over a thick rule", docx_wmargin),
    Design("pnotes", "pptx", "three full-width rows, labels in narrow dark text boxes rotated 90° at the left "
           "end; the theme in a footer-like box at the slide's bottom", pptx_notes),
    Design("ptable", "pptx", "a 2-column slide table per theme: merged navy header row with the theme, then "
           "label cell on the box colour | white text cell", pptx_table),
]
