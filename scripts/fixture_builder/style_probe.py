"""Reports drawn in the styles a consultant's office reaches for, to probe the importers.

The other probes draw boxes as filled rectangles or table cells. An office that builds its own
template reaches for the styling tools of the day instead: CSS borders, gradients, shadows and
transparency, labels set on a box's edge, page furniture, boxes that run over a page break; in
Word, paragraph shading and borders instead of tables; in PowerPoint, rounded shapes with a
label box laid over their edge. Each design keeps every word of the visit and the three labels
as the report spells them, so what an importer must read back is the reference visit itself
(PowerPoint, whose slides cannot flow, moves a long theme's overflow to a "(fortsat)" slide).
These designs were made without looking at what the importers read.

HTML (printed by headless Chromium and by WeasyPrint):

- ``ruled``: no fills at all; each box only a thick coloured left border, its label in the
  border's colour.
- ``gradient``: boxes filled by CSS linear gradients, rounded corners and a drop shadow.
- ``glass``: a tinted page background under semi-transparent boxes (``rgba`` fills, one box
  with ``opacity``); grey and purple side by side, yellow across the page under them.
- ``pill``: white boxes with a coloured outline, each label a dark pill sitting on the box's
  top border (absolutely positioned).
- ``strip``: landscape, the boxes side by side as flex columns, each label white text on a dark
  strip across the top of its box.
- ``twocol``: the theme's "Formål" under the theme title, then the grey box floated down the
  left column and purple over yellow in the right column.
- ``deflist``: page 1 holds the visit's particulars as a two-column table in the seeds' own
  wordings but another order, under a "Deltagere" group row; the method page has no side box.
- ``running``: a logo-like "KØBENHAVNS KOMMUNE" line and the offer's name as a running header,
  "Side N af M" in the footer of every page (CSS page margin boxes).
- ``flowbreak``: one continuous flow: a theme does not start a new page and a long box breaks
  over the page boundary (``break-inside: auto``) without repeating its label.

Word (python-docx, imported as .docx and as LibreOffice's PDF):

- ``wshade``: each box a run of paragraphs with paragraph shading and a paragraph border (Word
  joins them into one framed box), boxes separated by empty paragraphs, no tables.
- ``wgrid``: each theme a 2×2 table: grey, purple, yellow, and the theme's title in the fourth
  cell.

PowerPoint (python-pptx, imported as .pptx and as LibreOffice's PDF):

- ``pround``: three rounded rectangles side by side, each label a separate small filled text
  box laid over the top edge of its shape.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fixture_builder.fuzz import split_to_fit
from fixture_builder.office_probe import _need as _measured_need
from fixture_builder.pages import (
    Para,
    appendix_paras,
    assessment_paras,
    conclusion_paras,
    cover_paras,
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
    _docx_report,
    _html_paras,
    _inline,
    _theme_title,
    _write_paras,
    soffice,
    weasyprint,
)
from kvalitet_core.model import BoxKind, Section, Visit
from kvalitet_core.quality_model import QualityModel

LABELS = PLAIN.texts
"""The labels as the reports print them: grey, purple, yellow."""
ACCENT = {"grey": "8C8C8C", "purple": "7B5AA6", "yellow": "D4A20B"}
PROFILE = "file:///tmp/lo-style-probe-profile"
"""This probe's own LibreOffice profile, so it never waits on another probe's soffice."""


@dataclass(frozen=True)
class Design:
    """One design: its source kind ("html", "docx" or "pptx") and how a visit is drawn in it
    (the source, and the visit an importer must read from it)."""

    name: str
    kind: str
    summary: str
    make: Callable[[Visit], tuple[str | bytes, Visit]]


# --- HTML -----------------------------------------------------------------------------------------

_BASE_CSS = """
@page { size: A4 %(orientation)s; margin: %(margin)s; %(margin_boxes)s }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: %(font)s; font-size: %(size)spt; line-height: 1.32; color: #1A1A1A; margin: 0; }
p { margin: 0 0 4pt 0; }
h1 { font-size: 26pt; margin: 0 0 10pt 0; } h2 { font-size: 15pt; margin: 0 0 8pt 0; }
.page { break-before: page; }
ul, ol { margin: 0 0 4pt 0; padding-left: 15pt; }
li { margin-bottom: 2pt; }
ul.m { list-style-type: "%(marker)s  "; }
.front { display: flex; gap: 14pt; align-items: flex-start; }
.front .method { flex: 62; } .front .side { flex: 38; background: #DEEAF6; padding: 9pt; }
.side p.tight { margin: 0; }
"""


def _label(index: int, css_class: str = "label", style: str = "") -> str:
    return f"<p class='{css_class}'{f' style={chr(39)}{style}{chr(39)}' if style else ''}><b>{html.escape(LABELS[index])}</b></p>"


def _side_box_html(visit: Visit, date_style: int) -> str:
    """'Oplysninger om besøget' as plain paragraphs: :func:`_html_paras` would make a list of a
    value such as "5. oktober 2017" (an ``<ol start=5>``), which no one's side box is."""
    out = []
    for para in side_box(visit, date_style).paras:
        if para.size and para.size >= 12:
            out.append(f"<p><b style='font-size:12pt'>{_inline(para)}</b></p>")
        else:
            out.append(f"<p class='{'tight' if para.tight else 'value'}'>{_inline(para)}</p>")
    return "\n".join(out)


def _box_body(section: Section, index: int) -> str:
    return _html_paras(_boxes(section)[index])


def _html_report(visit: Visit, *, css: str, theme_page: Callable[[Section, QualityModel], str],
                 font: str, size: float = 9.5, landscape: bool = False, marker: str = "•",
                 margin: str = "18mm 16mm 18mm 16mm", margin_boxes: str = "", date_style: int = 0,
                 front: Callable[[Visit], str] | None = None, flow: bool = False) -> str:
    """The whole report as one HTML page: cover, method (with the side box unless the design
    draws its own ``front``), impression, a page per theme (or, ``flow``, the themes one after
    another), assessment, conclusion, appendix."""
    model = quality_model_for(visit)
    style = _BASE_CSS % {"orientation": "landscape" if landscape else "portrait", "margin": margin,
                         "margin_boxes": margin_boxes, "font": font, "size": size, "marker": marker} + css
    title = html.escape(f"Skriftlig feedback – {visit.offer}")
    head = (f"<!DOCTYPE html><html lang='da'><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{style}</style></head><body>")
    parts = [head]
    method = _html_paras(method_text(visit.auditor_title or "Auditorer"))
    if front:
        parts.append(front(visit))
        parts.append(f"<div class='page'>{method}</div>")
    else:
        parts.append(f"<div class='cover'>{_html_paras(cover_paras(visit))}</div>")
        parts.append(f"<div class='page front'><div class='method'>{method}</div>"
                     f"<div class='side'>{_side_box_html(visit, date_style)}</div></div>")
    parts.append(f"<div class='page'>{_html_paras(impression_paras(visit))}</div>")
    for index, section in enumerate(visit.sections):
        opening = "<div class='theme'>" if flow and index else "<div class='page theme'>"
        parts.append(f"{opening}{theme_page(section, model)}</div>")
    if visit.assessment:
        parts.append(f"<div class='page'>{_html_paras(assessment_paras(visit))}</div>")
    parts.append(f"<div class='page'>{_html_paras(conclusion_paras(visit, model))}</div>")
    parts.append(f"<div class='page'>{_html_paras(appendix_paras(model))}</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _heading(section: Section, model: QualityModel, css_class: str = "theme") -> str:
    return f"<h2 class='{css_class}'>{html.escape(_theme_title(section, model))}</h2>"


def html_ruled(visit: Visit) -> tuple[str, Visit]:
    """No fills: a thick coloured left border per box, the label in the border's colour."""
    css = """
h2.theme { color: #1F4E79; border-bottom: 1pt solid #1F4E79; padding-bottom: 3pt; margin-bottom: 14pt; }
.box { border-left: 5pt solid; padding: 1pt 0 2pt 10pt; margin: 0 0 16pt 0; }
.box p.label { font-size: 10.5pt; margin-bottom: 5pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        return _heading(section, model) + "".join(
            f"<div class='box' style='border-left-color:#{ACCENT[c]}'>"
            f"{_label(i, style=f'color:#{ACCENT[c]}')}{_box_body(section, i)}</div>" for i, c in enumerate(COLOURS))

    return _html_report(visit, css=css, theme_page=page, font="'URW Gothic', sans-serif", size=9.5, marker="–",
                        date_style=1), visit


def html_gradient(visit: Visit) -> tuple[str, Visit]:
    """Gradient fills, rounded corners and a drop shadow (shadings and paths, not rectangles)."""
    gradients = {"grey": "linear-gradient(180deg, #CFCFCF 0%, #F5F5F5 100%)",
                 "purple": "linear-gradient(135deg, #CDBBE5 0%, #F2EDF9 100%)",
                 "yellow": "linear-gradient(90deg, #FFE08A 0%, #FFF9E3 100%)"}
    css = """
h2.theme { color: #2F2F2F; margin-bottom: 14pt; }
.box { border-radius: 12pt; box-shadow: 2pt 3pt 7pt rgba(0, 0, 0, 0.35); padding: 9pt 12pt; margin: 0 5pt 16pt 0; }
.box p.label { font-size: 10.5pt; margin-bottom: 5pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        return _heading(section, model) + "".join(
            f"<div class='box' style='background:{gradients[c]}'>{_label(i)}{_box_body(section, i)}</div>"
            for i, c in enumerate(COLOURS))

    return _html_report(visit, css=css, theme_page=page, font="'Nimbus Sans', sans-serif", size=9.5, marker="•",
                        date_style=2), visit


def html_glass(visit: Visit) -> tuple[str, Visit]:
    """A tinted page under semi-transparent boxes; grey and purple side by side, yellow under."""
    fills = {"grey": "rgba(96, 96, 96, 0.22)", "purple": "rgba(112, 48, 160, 0.20)",
             "yellow": "rgba(255, 192, 0, 0.32)"}
    css = """
@page { background: #D9E7F3; }
html, body { background: #D9E7F3; }
h2.theme { color: #17365D; margin-bottom: 12pt; }
.grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 10pt; }
.box { padding: 9pt 11pt; }
.box.wide { grid-column: 1 / span 2; }
.box.faded { opacity: 0.88; }
.box p.label { margin-bottom: 5pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        classes = ["box", "box faded", "box wide"]
        return _heading(section, model) + "<div class='grid'>" + "".join(
            f"<div class='{classes[i]}' style='background:{fills[c]}'>{_label(i)}{_box_body(section, i)}</div>"
            for i, c in enumerate(COLOURS)) + "</div>"

    return _html_report(visit, css=css, theme_page=page, font="'DejaVu Sans', sans-serif", size=8.5, marker="▪",
                        date_style=0), visit


def html_pill(visit: Visit) -> tuple[str, Visit]:
    """White outlined boxes, each label a dark pill on the box's top border."""
    css = """
h2.theme { color: #1F4E79; margin-bottom: 18pt; }
.box { position: relative; border: 1.5pt solid; border-radius: 8pt; background: #FFFFFF; padding: 17pt 11pt 8pt 11pt;
  margin: 0 0 22pt 0; }
.box p.pill { position: absolute; top: -9pt; left: 14pt; margin: 0; padding: 2pt 11pt; border-radius: 9pt;
  color: #FFFFFF; font-size: 8.5pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        return _heading(section, model) + "".join(
            f"<div class='box' style='border-color:#{DARK[c]}'>{_label(i, 'pill', f'background:#{DARK[c]}')}"
            f"{_box_body(section, i)}</div>" for i, c in enumerate(COLOURS))

    return _html_report(visit, css=css, theme_page=page, font="'Liberation Sans', sans-serif", size=9.5, marker="•",
                        date_style=3), visit


def html_strip(visit: Visit) -> tuple[str, Visit]:
    """Landscape; the boxes side by side as flex columns, the label white on a dark strip on top."""
    css = """
h2.theme { color: #1F4E79; margin-bottom: 10pt; }
.row { display: flex; gap: 9pt; align-items: stretch; }
.box { flex: 1 1 0; border-radius: 5pt 5pt 0 0; }
.box p.strip { color: #FFFFFF; padding: 4pt 8pt; margin: 0; border-radius: 5pt 5pt 0 0; }
.box .body { padding: 7pt 8pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        return _heading(section, model) + "<div class='row'>" + "".join(
            f"<div class='box' style='background:#{LIGHT[c]}'>{_label(i, 'strip', f'background:#{DARK[c]}')}"
            f"<div class='body'>{_box_body(section, i)}</div></div>" for i, c in enumerate(COLOURS)) + "</div>"

    return _html_report(visit, css=css, theme_page=page, font="'Liberation Sans Narrow', sans-serif", size=9.0,
                        landscape=True, marker="›", margin="14mm 14mm 14mm 14mm", date_style=1), visit


def _purposes(section: Section, model: QualityModel) -> str:
    """The theme's "Formål" as the model words it (a continuation page has none)."""
    if section.continued:
        return ""
    out = []
    for theme_id in section.themes:
        theme = model.theme(theme_id)
        if theme and theme.purpose:
            out.append(f"<p class='purpose'><b>Formål:</b> {html.escape(theme.purpose)}</p>")
    return "".join(out)


def html_twocol(visit: Visit) -> tuple[str, Visit]:
    """Purpose under the title, then grey floated left, purple over yellow on the right."""
    css = """
h2.theme { font-size: 16pt; color: #4A2F6E; margin-bottom: 4pt; }
p.purpose { font-style: italic; color: #404040; margin: 0 0 12pt 0; }
.cols { overflow: hidden; }
.box { padding: 9pt 10pt; }
.box.left { float: left; width: 46%; }
.box.right { margin-left: 51%; margin-bottom: 10pt; }
.box p.label { font-size: 10pt; margin-bottom: 5pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        grey, purple, yellow = (f"{_label(i)}{_box_body(section, i)}" for i in range(3))
        return (_heading(section, model) + _purposes(section, model)
                + f"<div class='cols'><div class='box left' style='background:#{LIGHT['grey']}'>{grey}</div>"
                  f"<div class='box right' style='background:#{LIGHT['purple']}'>{purple}</div>"
                  f"<div class='box right' style='background:#{LIGHT['yellow']}'>{yellow}</div></div>")

    return _html_report(visit, css=css, theme_page=page, font="'P052', serif", size=9.5, marker="•",
                        date_style=2), visit


def _particulars(visit: Visit) -> str:
    """The visit's particulars as a label/value table, in the seeds' wordings ("Dato og tidsrum",
    "Konsulenter:", "Deltagere", "Antal ansatte i alt på tilbuddet:", "Vi talte med:", "Temaer",
    "En opmærksomhed") but another order: team first, then the date, then the participants."""
    rows: list[tuple[str, list[str]]] = []
    rows.append((f"{visit.auditor_title or 'Auditorer'}:", list(visit.auditors)))
    day = visit.visit_date
    when = [f"{day.day:02d}.{day.month:02d}.{day.year % 100:02d}"] if day else []  # "28.09.17", as 000 writes it
    if visit.time_range:
        start, _, end = visit.time_range.partition("-")
        when.append(f"Kl. {start.strip()} – {end.strip()}")
    rows.append(("Dato og tidsrum:" if visit.time_range else "Dato:", when))
    out = ["<table class='meta'><tr><th colspan='2' class='group'>Oplysninger om besøget</th></tr>"]
    for label, values in rows:
        out.append(f"<tr><th>{html.escape(label)}</th><td>{'<br>'.join(html.escape(v) for v in values)}</td></tr>")
    out.append("<tr><th colspan='2' class='group'>Deltagere</th></tr>")
    employees = ", ".join(str(p) for p in (visit.employees_total, visit.employees_note) if p is not None)
    out.append(f"<tr><th>Antal ansatte i alt på tilbuddet:</th><td>{html.escape(employees)}</td></tr>")
    joined = visit.spoke_with[0] if len(visit.spoke_with) == 1 else \
        f"{', '.join(visit.spoke_with[:-1])} og {visit.spoke_with[-1]}" if visit.spoke_with else ""
    out.append(f"<tr><th>Vi talte med:</th><td>{html.escape(joined)}</td></tr>")
    for label, note in (("Temaer", visit.focus_note), ("En opmærksomhed", visit.terminology_note)):
        if note:
            body = "".join(f"<p>{html.escape(chunk)}</p>" for chunk in split_text(note))
            out.append(f"<tr><th>{label}</th><td>{body}</td></tr>")
    out.append("</table>")
    return "".join(out)


def html_deflist(visit: Visit) -> tuple[str, Visit]:
    """Page 1: the title, then the particulars as a two-column table; plain filled boxes."""
    css = """
table.meta { border-collapse: collapse; width: 100%; margin-top: 26pt; font-size: 10pt; }
table.meta th, table.meta td { text-align: left; vertical-align: top; padding: 4pt 6pt; border-bottom: 0.5pt solid #B0B0B0; }
table.meta th { width: 38%; font-weight: bold; }
table.meta th.group { background: #1F4E79; color: #FFFFFF; font-size: 11pt; }
table.meta td p { margin: 0 0 3pt 0; }
h2.theme { margin-bottom: 12pt; }
.box { padding: 8pt 10pt; margin-bottom: 10pt; }
"""

    def front(visit: Visit) -> str:
        return f"<div class='cover'>{_html_paras(cover_paras(visit))}{_particulars(visit)}</div>"

    def page(section: Section, model: QualityModel) -> str:
        fills = {"grey": "D9D9D9", "purple": "CCC0DA", "yellow": "FFF2CC"}
        return _heading(section, model) + "".join(
            f"<div class='box' style='background:#{fills[c]}'>{_label(i)}{_box_body(section, i)}</div>"
            for i, c in enumerate(COLOURS))

    return _html_report(visit, css=css, theme_page=page, font="'C059', serif", size=9.5, marker="•",
                        front=front), visit


def html_running(visit: Visit) -> tuple[str, Visit]:
    """A logo line and the offer's name as a running header, 'Side N af M' in every footer."""
    name = f"{visit.offer}, {visit.unit}" if visit.unit else visit.offer
    boxes = (
        '@top-left { content: "KØBENHAVNS KOMMUNE"; font-family: "Nimbus Sans"; font-weight: bold; '
        'letter-spacing: 2.5pt; font-size: 10pt; color: #0B3D6B; vertical-align: bottom; padding-bottom: 4pt; } '
        f'@top-right {{ content: "{html.escape(name)} · Skriftlig feedback"; font-family: "Nimbus Sans"; '
        'font-size: 8pt; color: #555555; vertical-align: bottom; padding-bottom: 4pt; } '
        '@bottom-center { content: "Side " counter(page) " af " counter(pages); font-family: "Nimbus Sans"; '
        'font-size: 8pt; color: #555555; }'
    )
    css = """
h2.theme { color: #0B3D6B; margin-bottom: 12pt; }
.box { padding: 8pt 10pt; margin-bottom: 10pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        return _heading(section, model) + "".join(
            f"<div class='box' style='background:#{LIGHT[c]}'>{_label(i)}{_box_body(section, i)}</div>"
            for i, c in enumerate(COLOURS))

    return _html_report(visit, css=css, theme_page=page, font="'Nimbus Sans', sans-serif", size=9.5, marker="•",
                        margin="24mm 16mm 20mm 16mm", margin_boxes=boxes, date_style=2), visit


def html_flowbreak(visit: Visit) -> tuple[str, Visit]:
    """Themes one after another in one flow; a long box breaks over the page, label not repeated."""
    css = """
.theme { margin-top: 16pt; }
h2.theme { color: #5B3A8E; break-after: avoid; }
.box { break-inside: auto; padding: 8pt 11pt; margin-bottom: 10pt; border: 0.75pt solid #A0A0A0; }
.box p.label { break-after: avoid; margin-bottom: 5pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        return _heading(section, model) + "".join(
            f"<div class='box' style='background:#{LIGHT[c]}'>{_label(i)}{_box_body(section, i)}</div>"
            for i, c in enumerate(COLOURS))

    return _html_report(visit, css=css, theme_page=page, font="'Liberation Serif', serif", size=11.0, marker="•",
                        flow=True, date_style=3), visit


# --- Word ------------------------------------------------------------------------------------------

def _paragraph_frame(paragraph: Any, fill: str, line: str) -> None:
    """Paragraph shading and a single border on all four sides (Word draws consecutive
    paragraphs with the same border as one framed box)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    p_pr = paragraph._p.get_or_add_pPr()
    sides = "".join(f'<w:{side} w:val="single" w:sz="8" w:space="4" w:color="{line}"/>'
                    for side in ("top", "left", "bottom", "right"))
    p_pr.append(parse_xml(f'<w:pBdr {nsdecls("w")}>{sides}</w:pBdr>'))
    p_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def docx_shade(visit: Visit) -> tuple[bytes, Visit]:
    """Theme title in 'Heading 2'; each box paragraphs with shading and border; no tables."""
    font = "Calibri"

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        document.add_paragraph(_theme_title(section, model), style="Heading 2")
        for index, colour in enumerate(COLOURS):
            if index:
                document.add_paragraph()
            before = len(document.paragraphs)
            _write_paras(document, [plain(LABELS[index], bold=True), *_boxes(section)[index]], first_reuse=False,
                         font=font, size=10)
            for paragraph in document.paragraphs[before:]:
                _paragraph_frame(paragraph, LIGHT[colour], DARK[colour])

    return _docx_report(visit, landscape=False, font=font, marker="•", theme=theme), visit


def docx_grid(visit: Visit) -> tuple[bytes, Visit]:
    """Each theme a 2×2 grid table: grey, purple / yellow, and the theme title in the fourth cell."""
    from fixture_builder.producer_probe import _shade

    font = "Arial"

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        table = document.add_table(rows=2, cols=2)
        table.style = "Table Grid"
        boxes = _boxes(section)
        for index, (cell, colour) in enumerate(zip((table.cell(0, 0), table.cell(0, 1), table.cell(1, 0)), COLOURS)):
            _shade(cell, LIGHT[colour])
            _write_paras(cell, [plain(LABELS[index], bold=True), *boxes[index]], font=font, size=9.5)
        title = table.cell(1, 1)
        _shade(title, "DEEAF6")
        _write_paras(title, [Para([(_theme_title(section, model), True)], size=16)], font=font, colour="1F4E79")

    return _docx_report(visit, landscape=False, font=font, marker="-", theme=theme), visit


# --- PowerPoint ---------------------------------------------------------------------------------------

def pptx_round(visit: Visit) -> tuple[bytes, Visit]:
    """Three rounded rectangles side by side; each label a small filled text box over the top edge."""
    from pptx.dml.color import RGBColor

    model = quality_model_for(visit)
    deck = _Deck("Liberation Sans")
    size = 9.0
    gap, top = 14.0, 84.0
    col_w = (SLIDE_W - 60 - 2 * gap) / 3
    room = SLIDE_H - top - 40

    def fits(section: Section) -> bool:
        return all(_measured_need(paras, col_w, size) <= room for paras in _boxes(section))

    sections = split_to_fit(visit.sections, fits)
    deck.front(visit, 11)
    for section in sections:
        slide = deck.slide()
        deck.box(slide, 30, 18, SLIDE_W - 60, 34, [Para([(_theme_title(section, model), True)])], 17,
                 colour="1F4E79")
        for index, (paras, colour) in enumerate(zip(_boxes(section), COLOURS)):
            x = 30 + index * (col_w + gap)
            shape = deck.shape(slide, "round", x, top, col_w, room, LIGHT[colour], DARK[colour], 1.0)
            frame = shape.text_frame
            deck.text(shape, paras, size)
            frame.margin_top = deck.pt(16)
            label = deck.box(slide, x + 12, top - 10, min(col_w - 24, 16 + 6.0 * len(LABELS[index])), 19,
                             [Para([(LABELS[index], True)])], 9, colour="FFFFFF")
            label.fill.solid()
            label.fill.fore_color.rgb = RGBColor.from_string(DARK[colour])
            label.text_frame.margin_top = label.text_frame.margin_bottom = deck.pt(2)
        deck.footer(slide, visit)
    deck.back(visit, model, 11)
    return deck.save(), visit.model_copy(update={"sections": sections})


DESIGNS = [
    Design("ruled", "html", "no fills: a thick coloured left border per box, the label in its colour", html_ruled),
    Design("gradient", "html", "linear-gradient fills, rounded corners, drop shadow", html_gradient),
    Design("glass", "html", "rgba/opacity boxes on a tinted page; grey|purple, yellow across", html_glass),
    Design("pill", "html", "white outlined boxes, the label a dark pill on the top border", html_pill),
    Design("strip", "html", "landscape flex columns, the label white on a dark strip on top", html_strip),
    Design("twocol", "html", "'Formål' under the title; grey floated left, purple over yellow right", html_twocol),
    Design("deflist", "html", "particulars as a label/value table on page 1, other order", html_deflist),
    Design("running", "html", "logo line + offer as running header, 'Side N af M' footer", html_running),
    Design("flowbreak", "html", "continuous flow; boxes break over pages, label not repeated", html_flowbreak),
    Design("wshade", "docx", "paragraph shading + borders, empty paragraphs between, no tables", docx_shade),
    Design("wgrid", "docx", "2x2 table: grey, purple, yellow, theme title in the fourth cell", docx_grid),
    Design("pround", "pptx", "rounded shapes, the label a small box over the shape's top edge", pptx_round),
]


# --- producers ---------------------------------------------------------------------------------------

def _chromium_binary() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        raise RuntimeError("chromium is not installed")
    return browser


def chromium_pdf(source: Path, out: Path, *, browser_furniture: bool = False) -> Path:
    """Headless Chromium's print to PDF, with its own profile in the work folder; with
    ``browser_furniture`` Chromium adds its own header (date, title) and footer (address, page)."""
    profile = out.parent / "chromium-profile"
    command = [_chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
               f"--print-to-pdf={out}"]
    if not browser_furniture:
        command.append("--no-pdf-header-footer")
    subprocess.run([*command, source.as_uri()], check=True, capture_output=True, timeout=120)
    if not out.exists():
        raise RuntimeError(f"chromium made no PDF of {source.name}")
    return out


def lo_pdf(source: Path, out_dir: Path, profile: str = PROFILE) -> Path:
    """LibreOffice headless exports a .docx (Writer) or .pptx (Impress) to PDF, one at a time,
    with a probe's own profile (this probe's unless told)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    export = {".docx": "pdf:writer_pdf_Export", ".pptx": "pdf:impress_pdf_Export"}[source.suffix]
    subprocess.run([soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", export,
                    "--outdir", str(out_dir), str(source)], check=True, capture_output=True, timeout=300)
    result = out_dir / f"{source.stem}.pdf"
    if not result.exists():
        raise RuntimeError(f"LibreOffice made no PDF of {source.name}")
    return result


@dataclass(frozen=True)
class Producer:
    """A program that writes the file the user imports, from which source kinds, and how."""

    name: str
    sources: tuple[str, ...]
    summary: str
    run: Callable[[Path, Path], Path]
    """(source file, work folder) → the file to import."""


PRODUCERS = [
    Producer("chromium", ("html",), "headless Chromium prints the HTML (--print-to-pdf, no browser header/footer)",
             lambda source, work: chromium_pdf(source, work / f"{source.stem}.chromium.pdf")),
    Producer("weasyprint", ("html",), "WeasyPrint prints the HTML",
             lambda source, work: weasyprint(source, work / f"{source.stem}.weasy.pdf")),
    Producer("file", ("docx", "pptx"), "the python-docx / python-pptx file as it is",
             lambda source, work: source),
    Producer("lo-pdf", ("docx", "pptx"), "LibreOffice exports the .docx/.pptx to PDF",
             lambda source, work: lo_pdf(source, work / "lo-pdf")),
]


def source_for(design: Design, visit: Visit) -> tuple[bytes, str, Visit]:
    """The design drawn for a visit: (bytes, suffix, expected visit)."""
    made, expected = design.make(visit)
    data = made.encode("utf-8") if isinstance(made, str) else made
    return data, f".{design.kind}", expected


# --- the producer's own losses ---------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def box_coverage(text: str, expected: Visit) -> float:
    """The share of the expected boxes' words that a PDF's text holds at all (as a multiset):
    below 1 the producer itself lost or clipped text, which no importer can bring back."""
    want = Counter(word.lower() for section in expected.sections for kind in BoxKind
                   for word in _WORD.findall(section.box(kind).text))
    have = Counter(word.lower() for word in _WORD.findall(text))
    total = sum(want.values())
    if not total:
        return 1.0
    missing = sum(max(0, count - have[word]) for word, count in want.items())
    return 1 - missing / total
