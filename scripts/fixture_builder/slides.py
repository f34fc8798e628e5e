"""The report as a PowerPoint deck (python-pptx), the way reports laid out as slides are made.

Two templates. ``a4``: A4 landscape slides, the cover and each theme page's title in a title
placeholder, the boxes as filled rectangles carrying their text, the yellow box as a group (a
filled rectangle with a text box over it), one theme page as a table with shaded cells.
``wide``: 16:9 slides, the theme in a shaded band shape, rounded boxes with their labels as text
boxes of their own above them, Wingdings bullets. The assessment is in a shaded shape.
Bullets and numbered points are paragraph bullets (``a:buChar``, ``a:buAutoNum``), so the text
holds no marker. Long flowing text (impression, conclusion, appendix) runs over as many slides
as it needs; a theme page's font size is chosen so its boxes hold their text.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass
from functools import cache
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
from fixture_builder.fuzz import BOX_LIKE, LABELS, NEAR_WHITE, PALETTES
from fixture_builder.pdf_text import Fonts, height, layout, register_font
from kvalitet_core.model import BoxKind, Visit

MARGIN = 28.0
_NUMBERED = re.compile(r"^(\d+)\.\s+")
_FONT = "Liberation Sans"
_PT = 12700


@dataclass(frozen=True)
class SlideTemplate:
    """One deck layout: slide size, where the theme is named and how the boxes are drawn."""

    name: str
    width: float
    height: float
    theme_place: str
    """"title" (the layout's title placeholder) or "band" (a filled rectangle across the top)."""
    fills: tuple[str, str, str]
    labels: tuple[str, str, str]
    labels_outside: bool
    """Labels as text boxes of their own above the boxes, instead of the boxes' first line."""
    rounded: bool
    table_section: int | None
    """The index of the section drawn as a table, if any."""
    bullet: tuple[str, str]
    """The bullet's font and character (``a:buFont``, ``a:buChar``)."""
    band_fill: str | None = None

    def describe(self) -> str:
        return (f"pptx {self.name}: {self.width:.0f}×{self.height:.0f} pt slides, theme in "
                f"{'the title placeholder' if self.theme_place == 'title' else 'a band ' + str(self.band_fill)}, "
                f"boxes as {'rounded ' if self.rounded else ''}filled shapes (yellow as a group), labels "
                f"{'as text boxes above ' if self.labels_outside else ''}{list(self.labels)}"
                f"{f', section {self.table_section} as a table' if self.table_section is not None else ''}, "
                f"bullets {self.bullet[0]} {self.bullet[1]!r}, a:buAutoNum numbers")


TEMPLATES = [
    SlideTemplate("a4", 842.0, 595.0, "title", ("D9D9D9", "CCC0DA", "FFF2CC"),
                  ("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…"),
                  labels_outside=False, rounded=False, table_section=1, bullet=(_FONT, "•")),
    SlideTemplate("wide", 960.0, 540.0, "band", ("E7E6E6", "D9D2E9", "FFE699"),
                  ("VI TALTE OM", "DETTE PEGER PÅ, AT...", "LEDERE OG MEDARBEJDERE PEGER PÅ:"),
                  labels_outside=True, rounded=True, table_section=None, bullet=("Wingdings", "§"),
                  band_fill="F2F2F2"),
]


def random_slide_template(seed: int) -> SlideTemplate:
    """A deck template drawn from ``seed``: slide size, where the theme is named, palette, label
    spellings and placement, rounded shapes, which theme page is a table, the bullet glyph."""
    rng = random.Random(seed)
    width, height_ = rng.choice([(842.0, 595.0), (960.0, 540.0), (720.0, 540.0)])
    upper = rng.random() < 0.25

    def label(box: BoxKind) -> str:
        choice = rng.choice(LABELS[box])
        return choice.upper() if upper else choice

    grey, purple, yellow = rng.choice([fills for fills in PALETTES.values() if all(fills)])
    return SlideTemplate(
        f"random{seed}", width, height_, rng.choice(["title", "band"]), (str(grey), str(purple), str(yellow)),
        (label(BoxKind.TALKED_ABOUT), label(BoxKind.POINTS_TO), label(BoxKind.SUGGESTIONS)),
        labels_outside=rng.random() < 0.4, rounded=rng.random() < 0.4,
        table_section=rng.choice([None, None, 0, 1, 2, 3]),
        bullet=rng.choice([(_FONT, "•"), ("Wingdings", "§"), ("Arial", "•"), ("Arial", "–"), ("Wingdings", "Ø")]),
        band_fill=rng.choice([None, *NEAR_WHITE, *BOX_LIKE]),
    )


@cache
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


def _frame(frame: Any, paras: list[Para], size: float, bullet: tuple[str, str] = (_FONT, "•")) -> None:
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
                font, char = bullet if para.marker == "bullet" else (_FONT, "❑")
                p_pr.append(etree.fromstring(f'<a:buFont xmlns:a="{namespace}" typeface="{font}"/>'))
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
              fill: str | None = None, shape: str | None = None, bullet: tuple[str, str] = (_FONT, "•")) -> Any:
    """A text box, or a filled shape carrying the text ("rectangle" or "rounded", an auto shape
    as a user draws one)."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Pt

    if shape:
        kind = MSO_SHAPE.ROUNDED_RECTANGLE if shape == "rounded" else MSO_SHAPE.RECTANGLE
        made = slide.shapes.add_shape(kind, Pt(x), Pt(y), Pt(w), Pt(h))
        made.shadow.inherit = False
    else:
        made = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    _fill(made, fill)
    _frame(made.text_frame, paras, size, bullet)
    made.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    return made


class Deck:
    """One presentation being written in one template."""

    def __init__(self, template: SlideTemplate) -> None:
        from pptx import Presentation
        from pptx.util import Pt

        self.t = template
        self.presentation = Presentation()
        self.presentation.slide_width, self.presentation.slide_height = Pt(template.width), Pt(template.height)

    def slide(self, layout_index: int = 6) -> Any:
        """A new slide: 0 title, 5 title only, 6 blank (the default template's layouts)."""
        return self.presentation.slides.add_slide(self.presentation.slide_layouts[layout_index])

    def flow(self, paras: list[Para], size: float = 10.0) -> None:
        """Paragraphs over as many blank slides as they need, one text box per slide."""
        width, room = self.t.width - 2 * MARGIN, self.t.height - 2 * MARGIN
        chunk: list[Para] = []
        for para in paras:
            if chunk and _need([*chunk, para], width, size) > room:
                _text_box(self.slide(), MARGIN, MARGIN, width, room, chunk, size, bullet=self.t.bullet)
                chunk = []
            chunk.append(para)
        if chunk:
            _text_box(self.slide(), MARGIN, MARGIN, width, room, chunk, size, bullet=self.t.bullet)

    def theme_slide(self, theme: list[Para], boxes: list[list[Para]], as_table: bool) -> None:
        """The theme in the title placeholder or a band; grey box left, purple above yellow
        right (or the three boxes as the cells of a one-row table)."""
        from pptx.dml.color import RGBColor
        from pptx.util import Pt

        t = self.t
        theme_size = 16 if len(theme) < 3 else 12
        full_w = t.width - 2 * MARGIN
        if t.theme_place == "title":
            slide = self.slide(5)
            title = slide.shapes.title
            title.left, title.top, title.width, title.height = Pt(MARGIN), Pt(14), Pt(full_w), Pt(46)
            _frame(title.text_frame, [Para(para.runs, size=theme_size) for para in theme], theme_size)
            top = 72.0
        else:
            slide = self.slide()
            band = [Para(para.runs, size=theme_size) for para in theme]
            band_h = _need(band, full_w, theme_size)
            _text_box(slide, MARGIN, 18, full_w, band_h, band, theme_size, t.band_fill, "rectangle")
            top = 18 + band_h + 10
        gutter = 8.0
        full_h = t.height - top - MARGIN
        if as_table:
            labelled = [[plain(label, bold=True), *paras] for label, paras in zip(t.labels, boxes, strict=True)]
            widths = [full_w * 0.4, full_w * 0.3, full_w * 0.3]
            size = next((s for s in (10.0, 9.0, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5)
                         if all(_need(paras, w, s) <= full_h for paras, w in zip(labelled, widths, strict=True))),
                        5.5)
            table = slide.shapes.add_table(1, 3, Pt(MARGIN), Pt(top), Pt(full_w), Pt(full_h)).table
            for column, (paras, fill, w) in enumerate(zip(labelled, t.fills, widths, strict=True)):
                table.columns[column].width = Pt(w)
                cell = table.cell(0, column)
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(fill)
                _frame(cell.text_frame, paras, size, t.bullet)
            table.rows[0].height = Pt(full_h)
            return
        grey_w = full_w * 0.5 - gutter / 2
        right_x, right_w = MARGIN + grey_w + gutter, full_w - grey_w - gutter
        for size in (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5):
            label_h = size * 1.6 if t.labels_outside else 0.0
            contents = boxes if t.labels_outside else [
                [plain(label, bold=True), *paras] for label, paras in zip(t.labels, boxes, strict=True)]
            need_grey = _need(contents[0], grey_w, size) + label_h
            need_purple = _need(contents[1], right_w, size) + label_h
            need_yellow = _need(contents[2], right_w, size) + label_h
            if need_grey <= full_h and need_purple + need_yellow + gutter <= full_h:
                break
        purple_h = need_purple + (full_h - gutter - need_purple - need_yellow) * 0.6
        places = [(MARGIN, top, grey_w, full_h), (right_x, top, right_w, purple_h),
                  (right_x, top + purple_h + gutter, right_w, full_h - purple_h - gutter)]
        shape = "rounded" if t.rounded else "rectangle"
        for index, ((x, y, w, h), paras, fill, label) in enumerate(zip(places, contents, t.fills, t.labels,
                                                                       strict=True)):
            if t.labels_outside:
                _text_box(slide, x, y, w, label_h, [plain(label, bold=True)], size)
                y, h = y + label_h, h - label_h
            if index < 2:
                _text_box(slide, x, y, w, h, paras, size, fill, shape, t.bullet)
            else:
                backdrop = _text_box(slide, x, y, w, h, [], size, fill, shape)
                text = _text_box(slide, x, y, w, h, paras, size, bullet=t.bullet)
                group = slide.shapes.add_group_shape([backdrop, text])
                group.name = "Gul boks"


def deck(visit: Visit, template: SlideTemplate) -> bytes:
    """The report as a .pptx deck in the template."""
    model = quality_model_for(visit)
    t = template
    writer = Deck(t)
    cover = writer.slide(0)
    title, *rest = [para for para in cover_paras(visit) if para.text != "Skriftlig Feedback"] or [plain("")]
    cover.shapes.title.text_frame.text = "Skriftlig Feedback"
    _frame(cover.placeholders[1].text_frame, [Para(para.runs, size=16) for para in [title, *rest]], 16)
    method = writer.slide()
    text, box = method_text(visit.auditor_title or "Auditorer"), side_box(visit, 3)
    room, text_w, box_w = t.height - 2 * MARGIN, (t.width - 2 * MARGIN) * 0.64, (t.width - 2 * MARGIN) * 0.32
    size = next((size for size in (10.0, 9.0, 8.0, 7.0, 6.5, 6.0)
                 if _need(text, text_w, size) <= room and _need(box.paras, box_w, size) <= room), 6.0)
    _text_box(method, MARGIN, MARGIN, text_w, room, text, size)
    _text_box(method, t.width - MARGIN - box_w, MARGIN, box_w, room, box.paras, size, "DEEAF6", "rectangle")
    writer.flow(impression_paras(visit))
    first_page: dict[str, int] = {}
    for index, section in enumerate(visit.sections):
        theme = theme_column(section, model, first_page).paras
        for theme_id in section.themes:
            first_page.setdefault(theme_id, len(writer.presentation.slides) + 1)
        boxes = [item_paras(section.box(kind).items) for kind in BoxKind]
        writer.theme_slide(theme, boxes, as_table=index == t.table_section)
    assessment = assessment_paras(visit)
    if assessment:
        _text_box(writer.slide(), MARGIN, MARGIN, t.width - 2 * MARGIN, 90, assessment, 12, "FFF2CC", "rectangle")
    writer.flow(conclusion_paras(visit, model))
    writer.flow(appendix_paras(model), 9.0)
    buffer = io.BytesIO()
    writer.presentation.save(buffer)
    return buffer.getvalue()
