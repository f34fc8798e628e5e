"""The report as a PowerPoint deck (python-pptx), the way reports laid out as slides are made.

A4 landscape slides: the cover and each theme page's title in a title placeholder, the boxes as
filled rectangles carrying their text, the yellow box as a group (a filled rectangle with a text
box over it), one theme page as a table with shaded cells, the assessment in a shaded shape.
Bullets and numbered points are paragraph bullets (``a:buChar``, ``a:buAutoNum``), so the text
holds no marker. Long flowing text (impression, conclusion, appendix) runs over as many slides
as it needs; a theme page's font size is chosen so its boxes hold their text.
"""

from __future__ import annotations

import io
import re
from typing import Any

from fixture_builder.pages import (
    ARROW,
    Para,
    appendix_paras,
    assessment_paras,
    conclusion_paras,
    cover_paras,
    impression_paras,
    item_paras,
    method_text,
    plain,
    quality_model_for,
    side_box,
    theme_column,
)
from fixture_builder.pdf_text import Fonts, height, layout, register_font
from kvalitet_core.model import BoxKind, Visit

SLIDE_W, SLIDE_H = 842.0, 595.0
MARGIN = 28.0
FILLS = ("D9D9D9", "CCC0DA", "FFF2CC")
LABELS = ("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…")
TABLE_SECTION = 1
"""The index of the section drawn as a table (the second theme page)."""
DESCRIPTION = ("pptx A4 landscape slides: title placeholder per theme page, boxes as filled rectangles "
               f"(yellow as a group), section {TABLE_SECTION} as a table, labels {list(LABELS)}, "
               "a:buChar/a:buAutoNum bullets")
_NUMBERED = re.compile(r"^(\d+)\.\s+")
_FONT = "Liberation Sans"
_PT = 12700


def _fonts() -> Fonts:
    """Liberation Sans, the font the slides use, for measuring text before LibreOffice draws it."""
    register_font("LiberationSans-Regular")
    register_font("LiberationSans-Bold")
    return Fonts(regular="LiberationSans-Regular", bold="LiberationSans-Bold")


def _need(paras: list[Para], width: float, size: float) -> float:
    """The height the paragraphs take in a text frame, with LibreOffice's line height."""
    return height(layout(paras, width - 12, size, _fonts()), 1.2) * 1.06 + 10


def _fill(shape: Any, colour: str | None) -> None:
    """A solid fill (or none) and no outline, as the report's boxes are drawn."""
    from pptx.dml.color import RGBColor

    if colour:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(colour)
    else:
        shape.fill.background()
    shape.line.fill.background()


def _frame(frame: Any, paras: list[Para], size: float) -> None:
    """Write paragraphs into a text frame: runs bold where the report is bold, list items as
    paragraph bullets, numbered points with automatic numbering from their own number."""
    from lxml import etree
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    frame.word_wrap = True
    frame.auto_size = None
    for side in ("margin_left", "margin_right"):
        setattr(frame, side, Pt(6))
    frame.margin_top = frame.margin_bottom = Pt(5)
    namespace = "http://schemas.openxmlformats.org/drawingml/2006/main"
    for index, para in enumerate(paras):
        out = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        out.alignment = PP_ALIGN.LEFT
        runs = para.runs
        numbered = _NUMBERED.match(para.text) if not para.marker else None
        p_pr = out._p.get_or_add_pPr()
        if para.marker or numbered:
            p_pr.set("marL", str(int(14 * _PT)))
            p_pr.set("indent", str(int(-14 * _PT)))
            if numbered:
                first, bold = runs[0]
                runs = [(first[numbered.end():], bold), *runs[1:]]
                bullet = f'<a:buAutoNum xmlns:a="{namespace}" type="arabicPeriod" startAt="{numbered.group(1)}"/>'
                p_pr.append(etree.fromstring(bullet))
            else:
                char = "•" if para.marker == "bullet" else "❑"
                p_pr.append(etree.fromstring(f'<a:buFont xmlns:a="{namespace}" typeface="{_FONT}"/>'))
                p_pr.append(etree.fromstring(f'<a:buChar xmlns:a="{namespace}" char="{char}"/>'))
        else:
            p_pr.append(etree.fromstring(f'<a:buNone xmlns:a="{namespace}"/>'))
        if index and not para.tight:
            out.space_before = Pt(size * 0.5)
        for text, bold in runs:
            run = out.add_run()
            run.text = text.replace(ARROW, "→")
            run.font.bold = bold
            run.font.size = Pt(para.size or size)
            run.font.name = _FONT
            run.font.color.rgb = RGBColor(0, 0, 0)


def _text_box(slide: Any, x: float, y: float, w: float, h: float, paras: list[Para], size: float,
              fill: str | None = None, rectangle: bool = False) -> Any:
    """A text box, or a filled rectangle carrying the text (an auto shape, as a user draws one)."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Pt

    if rectangle:
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(x), Pt(y), Pt(w), Pt(h))
        shape.shadow.inherit = False
    else:
        shape = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    _fill(shape, fill)
    _frame(shape.text_frame, paras, size)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    return shape


def _title(slide: Any, text_paras: list[Para], size: float = 20) -> None:
    """The page's title in the layout's title placeholder."""
    from pptx.util import Pt

    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Pt(MARGIN), Pt(14), Pt(SLIDE_W - 2 * MARGIN), Pt(46)
    _frame(title.text_frame, [Para(para.runs, size=size) for para in text_paras], size)


def _flow(presentation: Any, paras: list[Para], size: float = 10.0) -> None:
    """Paragraphs over as many blank slides as they need, one text box per slide."""
    width, room = SLIDE_W - 2 * MARGIN, SLIDE_H - 2 * MARGIN
    chunk: list[Para] = []
    for para in paras:
        if chunk and _need([*chunk, para], width, size) > room:
            slide = presentation.slides.add_slide(presentation.slide_layouts[6])
            _text_box(slide, MARGIN, MARGIN, width, room, chunk, size)
            chunk = []
        chunk.append(para)
    if chunk:
        slide = presentation.slides.add_slide(presentation.slide_layouts[6])
        _text_box(slide, MARGIN, MARGIN, width, room, chunk, size)


def _theme_slide(presentation: Any, theme: list[Para], boxes: list[list[Para]], as_table: bool) -> None:
    """Title placeholder with the theme; grey box left, purple above yellow right (or the three
    boxes as the cells of a one-row table)."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    _title(slide, theme, 16 if len(theme) < 3 else 12)
    top, gutter = 72.0, 8.0
    full_h = SLIDE_H - top - MARGIN
    full_w = SLIDE_W - 2 * MARGIN
    labelled = [[plain(label, bold=True), *paras] for label, paras in zip(LABELS, boxes, strict=True)]
    if as_table:
        widths = [full_w * 0.4, full_w * 0.3, full_w * 0.3]
        size = next((s for s in (10.0, 9.0, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5)
                     if all(_need(paras, w, s) <= full_h for paras, w in zip(labelled, widths, strict=True))), 5.5)
        table = slide.shapes.add_table(1, 3, Pt(MARGIN), Pt(top), Pt(full_w), Pt(full_h)).table
        for column, (paras, fill, w) in enumerate(zip(labelled, FILLS, widths, strict=True)):
            table.columns[column].width = Pt(w)
            cell = table.cell(0, column)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(fill)
            _frame(cell.text_frame, paras, size)
        table.rows[0].height = Pt(full_h)
        return
    grey_w = full_w * 0.5 - gutter / 2
    right_x, right_w = MARGIN + grey_w + gutter, full_w - grey_w - gutter
    for size in (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5):
        need_purple, need_yellow = _need(labelled[1], right_w, size), _need(labelled[2], right_w, size)
        if _need(labelled[0], grey_w, size) <= full_h and need_purple + need_yellow + gutter <= full_h:
            break
    purple_h = need_purple + (full_h - gutter - need_purple - need_yellow) * 0.6
    _text_box(slide, MARGIN, top, grey_w, full_h, labelled[0], size, FILLS[0], rectangle=True)
    _text_box(slide, right_x, top, right_w, purple_h, labelled[1], size, FILLS[1], rectangle=True)
    yellow_top, yellow_h = top + purple_h + gutter, full_h - purple_h - gutter
    backdrop = _text_box(slide, right_x, yellow_top, right_w, yellow_h, [], size, FILLS[2], rectangle=True)
    text = _text_box(slide, right_x, yellow_top, right_w, yellow_h, labelled[2], size)
    group = slide.shapes.add_group_shape([backdrop, text])
    group.name = "Gul boks"


def deck(visit: Visit) -> bytes:
    """The report as a .pptx deck."""
    from pptx import Presentation
    from pptx.util import Pt

    model = quality_model_for(visit)
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    cover = presentation.slides.add_slide(presentation.slide_layouts[0])
    title, *rest = [para for para in cover_paras(visit) if para.text != "Skriftlig Feedback"] or [plain("")]
    cover.shapes.title.text_frame.text = "Skriftlig Feedback"
    subtitle = cover.placeholders[1]
    _frame(subtitle.text_frame, [Para(para.runs, size=16) for para in [title, *rest]], 16)
    method = presentation.slides.add_slide(presentation.slide_layouts[6])
    text, box = method_text(visit.auditor_title or "Auditorer"), side_box(visit, 3)
    for size in (10.0, 9.0, 8.0, 7.0, 6.5, 6.0):
        if _need(text, 500, size) <= SLIDE_H - 2 * MARGIN and _need(box.paras, 250, size) <= SLIDE_H - 2 * MARGIN:
            break
    _text_box(method, MARGIN, MARGIN, 500, SLIDE_H - 2 * MARGIN, text, size)
    _text_box(method, SLIDE_W - MARGIN - 250, MARGIN, 250, SLIDE_H - 2 * MARGIN, box.paras, size, "DEEAF6",
              rectangle=True)
    _flow(presentation, impression_paras(visit))
    first_page: dict[str, int] = {}
    for index, section in enumerate(visit.sections):
        theme = theme_column(section, model, first_page).paras
        for theme_id in section.themes:
            first_page.setdefault(theme_id, len(presentation.slides) + 1)
        boxes = [item_paras(section.box(kind).items) for kind in BoxKind]
        _theme_slide(presentation, theme, boxes, as_table=index == TABLE_SECTION)
    assessment = assessment_paras(visit)
    if assessment:
        slide = presentation.slides.add_slide(presentation.slide_layouts[6])
        _text_box(slide, MARGIN, MARGIN, SLIDE_W - 2 * MARGIN, 90, assessment, 12, "FFF2CC", rectangle=True)
    _flow(presentation, conclusion_paras(visit, model))
    _flow(presentation, appendix_paras(model), 9.0)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
