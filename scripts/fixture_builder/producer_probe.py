"""Reports in new designs, written by producers the importers have not met, to probe them.

The other builders write their files themselves (reportlab, python-docx, python-pptx, Chromium)
or hand python-docx output to LibreOffice only to print a PDF. A user's file is more often
written by some other program: a .docx that was opened and saved again in LibreOffice (its own
OOXML writer: other table, list and shading markup), an HTML page printed by LibreOffice Writer
or by WeasyPrint (other PDF text runs, shapes and fonts), or a PDF "printed to PDF" again by
Ghostscript (fonts re-encoded, runs rebuilt). These designs were made without looking at what
the importers read; each imitates a municipality's own template:

- ``table3``: the three boxes as one three-column table per theme, the labels in the table's
  header row on dark fills with white text, the theme as the table's caption; a running header
  with the offer and a footer "Side 3 af 12"; en-dash list markers.
- ``tabs``: boxes stacked, with rounded corners, each label in a coloured "tab" sticking out
  above its box and numbered ("① Vi talte om"); check-mark list markers.
- ``banner``: the theme as a full-width dark-blue banner with white text, then two columns: the
  grey box down the left, purple above yellow on the right; labels with a trailing colon;
  "►" list markers.
- ``gutter``: the side box on the cover beside the title; each box a row with its label in a
  narrow coloured cell on the left and the text in a lighter cell on the right; numbered points
  written "1)"; the assessment in a coloured badge.
- ``outline``: landscape, the boxes side by side with no fill but a coloured outline, their
  labels in Title Case in the box's colour; a "Side X af Y" footer.

Every design draws the report's whole content from :mod:`.pages`. All five exist as HTML (for
WeasyPrint, LibreOffice Writer/Web and Ghostscript); ``table3``, ``banner`` and ``gutter`` also
as python-docx documents and ``tabs`` and ``outline`` as python-pptx decks, which LibreOffice
saves again before the import.
"""

from __future__ import annotations

import html
import io
import math
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fixture_builder.fuzz import split_to_fit
from fixture_builder.pages import (
    Para,
    appendix_paras,
    assessment_paras,
    conclusion_paras,
    cover_paras,
    impression_paras,
    item_paras,
    method_text,
    quality_model_for,
    side_box,
)
from kvalitet_core.model import BoxKind, Section, Visit
from kvalitet_core.quality_model import QualityModel

_NUMBERED = re.compile(r"^(\d+)\.\s+")
PROFILE = "file:///tmp/lo-producer-profile"
WEASYPRINT = Path("/tmp/wp/bin/python")

LIGHT = {"grey": "EDEDED", "purple": "E6DFF0", "yellow": "FFF4D1"}
DARK = {"grey": "6F6F6F", "purple": "6B4C9A", "yellow": "B38600"}
COLOURS = ("grey", "purple", "yellow")


@dataclass(frozen=True)
class Labels:
    """How a design spells the three box labels (grey, purple, yellow)."""

    texts: tuple[str, str, str]


PLAIN = Labels(("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…"))
NUMBERED = Labels(("① Vi talte om", "② Dette peger på at…", "③ Ledere og medarbejdere peger på…"))
COLON = Labels(("Vi talte om:", "Dette peger på at:", "Ledere og medarbejdere peger på:"))
TITLE = Labels(("Vi Talte Om", "Dette Peger På At…", "Ledere Og Medarbejdere Peger På…"))


@dataclass(frozen=True)
class Design:
    """One design: the sources it can be drawn as (each returns the file and the visit an
    importer must read from it, which differs from the reference only where a long theme is
    split over a continuation page)."""

    name: str
    summary: str
    html: Callable[[Visit], tuple[str, Visit]] | None = None
    docx: Callable[[Visit], tuple[bytes, Visit]] | None = None
    pptx: Callable[[Visit], tuple[bytes, Visit]] | None = None


# --- shared text helpers ---------------------------------------------------------------------------

def _theme_title(section: Section, model: QualityModel) -> str:
    """'Tema 3a: title' (several themes joined by ' / '), or 'Tema 3a (fortsat)' on a continuation."""
    parts = []
    for theme_id in section.themes:
        theme = model.theme(theme_id)
        if section.continued:
            parts.append(f"{model.theme_word} {theme_id} (fortsat)")
        else:
            parts.append(f"{model.theme_word} {theme_id}: {theme.title if theme else ''}".strip(": "))
    return " / ".join(parts)


def _numbered(para: Para) -> tuple[str | None, Para]:
    """A numbered point's number and the paragraph without it."""
    match = _NUMBERED.match(para.text) if not para.marker else None
    if not match:
        return None, para
    first, bold = para.runs[0]
    return match.group(1), Para([(first[match.end():], bold), *para.runs[1:]], size=para.size, tight=para.tight)


def _boxes(section: Section) -> list[list[Para]]:
    return [item_paras(section.box(kind).items) for kind in BoxKind]


# --- HTML --------------------------------------------------------------------------------------------

_BASE_CSS = """
@page { size: A4 %(orientation)s; margin: 18mm 16mm 20mm 16mm;
  @top-left { content: "%(header)s"; font-size: 7.5pt; color: #555; }
  @bottom-right { content: "Side " counter(page) " af " counter(pages); font-size: 7.5pt; color: #555; } }
body { font-family: %(font)s; font-size: %(size)spt; line-height: 1.3; color: #111; }
p { margin: 0 0 4pt 0; }
h1 { font-size: 24pt; margin: 0 0 8pt 0; } h2 { font-size: 15pt; margin: 0 0 6pt 0; }
.page { page-break-before: always; }
ul, ol { margin: 0 0 4pt 0; padding-left: 14pt; }
li { margin-bottom: 2pt; }
ul.m { list-style-type: "%(marker)s  "; }
@counter-style paren { system: extends decimal; suffix: ")  "; }
ol.paren { list-style-type: paren; }
.side { background: #DEEAF6; padding: 8pt; }
.side p.tight { margin: 0; }
"""


def _inline(para: Para) -> str:
    out = []
    for text, bold in para.runs:
        escaped = html.escape(text, quote=False)
        out.append(f"<b>{escaped}</b>" if bold else escaped)
    return "".join(out)


def _html_paras(paras: list[Para], paren_numbers: bool = False) -> str:
    """Paragraphs with list items as real lists (``<ul class=m>`` whose marker the design's CSS
    picks, ``<ol>`` for numbered points) so each renderer draws the markers its own way."""
    out: list[str] = []
    open_list: str | None = None
    for para in paras:
        number, body_para = _numbered(para)
        kind = "ul" if para.marker in ("bullet", "check") else "ol" if number else None
        if open_list and (kind != open_list or number == "1"):
            out.append(f"</{open_list}>")
            open_list = None
        if kind and not open_list:
            if kind == "ul":
                out.append('<ul class="m">')
            else:
                out.append(f'<ol class="{"paren" if paren_numbers else "dot"}" start="{number}">')
            open_list = kind
        body = _inline(body_para)
        if kind:
            out.append(f"<li>{body}</li>")
        elif para.size and para.size >= 15:
            out.append(f"<h2>{body}</h2>")
        elif para.size and para.size >= 12:
            out.append(f"<p><b style='font-size:12pt'>{body}</b></p>")
        elif len(para.runs) == 1 and para.runs[0][1]:
            out.append(f"<p><b>{body}</b></p>")
        elif para.tight:
            out.append(f'<p class="tight">{body}</p>')
        else:
            out.append(f"<p>{body}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    return "\n".join(out)


def _html_document(visit: Visit, *, css: str, theme_page: Callable[[Section, QualityModel], str],
                   orientation: str = "portrait", font: str = "'Liberation Sans', sans-serif", size: float = 9.5,
                   marker: str = "•", cover_side_box: bool = False, paren_numbers: bool = False,
                   assessment_badge: bool = False) -> str:
    """The whole report as one HTML page; the design supplies its CSS and its theme pages."""
    model = quality_model_for(visit)
    header = html.escape(f"{visit.offer} · Skriftlig feedback").replace('"', "'")
    style = _BASE_CSS % {"orientation": orientation, "header": header, "font": font, "size": size,
                         "marker": marker} + css
    box = _html_paras(side_box(visit, 0).paras)
    cover = _html_paras(cover_paras(visit))
    parts = [f"<!DOCTYPE html><html lang='da'><head><meta charset='utf-8'><title>{html.escape(visit.offer)}</title>"
             f"<style>{style}</style></head><body>"]
    if cover_side_box:
        parts.append(f"<table class='cover' width='100%'><tr><td width='58%' valign='top'>{cover}</td>"
                     f"<td width='42%' valign='top' bgcolor='#DEEAF6' class='side'>{box}</td></tr></table>")
        parts.append(f"<div class='page'>{_html_paras(method_text(visit.auditor_title or 'Auditorer'))}</div>")
    else:
        parts.append(f"<div>{cover}</div>")
        parts.append(f"<div class='page'><table width='100%'><tr><td width='62%' valign='top'>"
                     f"{_html_paras(method_text(visit.auditor_title or 'Auditorer'))}</td>"
                     f"<td width='38%' valign='top' bgcolor='#DEEAF6' class='side'>{box}</td></tr></table></div>")
    parts.append(f"<div class='page'>{_html_paras(impression_paras(visit))}</div>")
    for section in visit.sections:
        parts.append(f"<div class='page'>{theme_page(section, model)}</div>")
    if visit.assessment:
        if assessment_badge:
            parts.append(f"<div class='page'><h2>Bedømmelse</h2><p><span class='badge' "
                         f"style='background:#2E7D32;color:#FFFFFF'>&nbsp;{html.escape(visit.assessment)}.&nbsp;"
                         f"</span></p></div>")
        else:
            parts.append(f"<div class='page'>{_html_paras(assessment_paras(visit))}</div>")
    parts.append(f"<div class='page'>{_html_paras(conclusion_paras(visit, model), paren_numbers)}</div>")
    parts.append(f"<div class='page'>{_html_paras(appendix_paras(model))}</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _box_html(section: Section, index: int, paren: bool = False) -> str:
    return _html_paras(_boxes(section)[index], paren)


def html_table3(visit: Visit) -> tuple[str, Visit]:
    """One 3-column table per theme: caption, a header row of labels, one row of text."""
    css = """
table.t3 { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.t3 caption { caption-side: top; text-align: left; font-weight: bold; font-size: 13pt; padding-bottom: 6pt; }
table.t3 th { color: #FFFFFF; text-align: left; padding: 5pt; font-size: 9pt; }
table.t3 td { vertical-align: top; padding: 6pt; border: 0.5pt solid #FFFFFF; }
"""

    def page(section: Section, model: QualityModel) -> str:
        heads = "".join(f"<th bgcolor='#{DARK[c]}' style='background:#{DARK[c]}'><font color='#FFFFFF'>"
                        f"{html.escape(label)}</font></th>" for c, label in zip(COLOURS, PLAIN.texts))
        cells = "".join(f"<td bgcolor='#{LIGHT[c]}' style='background:#{LIGHT[c]}' width='33%'>{_box_html(section, i)}</td>"
                        for i, c in enumerate(COLOURS))
        return (f"<table class='t3' width='100%'><caption>{html.escape(_theme_title(section, model))}</caption>"
                f"<thead><tr>{heads}</tr></thead><tbody><tr>{cells}</tr></tbody></table>")

    return _html_document(visit, css=css, theme_page=page, orientation="landscape",
                          font="'Nimbus Sans', 'Liberation Sans', sans-serif", size=8.5, marker="–"), visit


def html_tabs(visit: Visit) -> tuple[str, Visit]:
    """Rounded boxes stacked, each label a coloured tab above its box, numbered ①②③."""
    css = """
h3.theme { font-size: 14pt; border-bottom: 1.5pt solid #1F4E79; padding-bottom: 3pt; margin: 0 0 14pt 0; }
.tab { display: inline-block; padding: 3pt 10pt; border-radius: 6pt 6pt 0 0; color: #FFFFFF; font-weight: bold;
  margin: 0 0 0 12pt; font-size: 9pt; }
.rbox { border-radius: 10pt; padding: 8pt 10pt; margin: 0 0 12pt 0; }
"""

    def page(section: Section, model: QualityModel) -> str:
        out = [f"<h3 class='theme'>{html.escape(_theme_title(section, model))}</h3>"]
        for index, colour in enumerate(COLOURS):
            out.append(f"<div class='tab' style='background:#{DARK[colour]}'>{html.escape(NUMBERED.texts[index])}</div>"
                       f"<div class='rbox' style='background:#{LIGHT[colour]}'>{_box_html(section, index)}</div>")
        return "\n".join(out)

    return _html_document(visit, css=css, theme_page=page, font="'DejaVu Sans', sans-serif", size=9.0,
                          marker="✓"), visit


def html_banner(visit: Visit) -> tuple[str, Visit]:
    """A full-width banner names the theme; grey left, purple over yellow right."""
    css = """
.banner { background: #1F4E79; color: #FFFFFF; font-size: 14pt; font-weight: bold; padding: 8pt 10pt; margin-bottom: 10pt; }
table.two { width: 100%; border-collapse: separate; border-spacing: 6pt; table-layout: fixed; }
table.two td { vertical-align: top; padding: 7pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        grey, purple, yellow = (_box_html(section, i) for i in range(3))
        return (f"<table width='100%' cellpadding='8'><tr><td bgcolor='#1F4E79' class='banner'>"
                f"<font color='#FFFFFF'><b>{html.escape(_theme_title(section, model))}</b></font></td></tr></table>"
                f"<table class='two' width='100%'><tr>"
                f"<td rowspan='2' width='50%' bgcolor='#{LIGHT['grey']}' style='background:#{LIGHT['grey']}'>"
                f"<p><b>{COLON.texts[0]}</b></p>{grey}</td>"
                f"<td width='50%' bgcolor='#{LIGHT['purple']}' style='background:#{LIGHT['purple']}'>"
                f"<p><b>{COLON.texts[1]}</b></p>{purple}</td></tr>"
                f"<tr><td bgcolor='#{LIGHT['yellow']}' style='background:#{LIGHT['yellow']}'>"
                f"<p><b>{COLON.texts[2]}</b></p>{yellow}</td></tr></table>")

    return _html_document(visit, css=css, theme_page=page, font="'Liberation Sans Narrow', 'Liberation Sans', sans-serif",
                          size=10.0, marker="►"), visit


def html_gutter(visit: Visit) -> tuple[str, Visit]:
    """Label in a narrow coloured left cell, text right; side box on the cover; badge."""
    css = """
h3.theme { font-size: 13pt; color: #1F4E79; margin: 0 0 8pt 0; }
table.g { width: 100%; border-collapse: separate; border-spacing: 0 6pt; table-layout: fixed; }
table.g td { vertical-align: top; padding: 6pt; }
table.g td.lab { font-weight: bold; color: #FFFFFF; width: 24%; }
.badge { display: inline-block; border-radius: 9pt; padding: 3pt 10pt; font-weight: bold; font-size: 12pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        rows = "".join(
            f"<tr><td class='lab' width='24%' bgcolor='#{DARK[c]}' style='background:#{DARK[c]}'><font color='#FFFFFF'>"
            f"<b>{html.escape(PLAIN.texts[i])}</b></font></td>"
            f"<td width='76%' bgcolor='#{LIGHT[c]}' style='background:#{LIGHT[c]}'>{_box_html(section, i, True)}</td></tr>"
            for i, c in enumerate(COLOURS))
        return f"<h3 class='theme'>{html.escape(_theme_title(section, model))}</h3><table class='g' width='100%'>{rows}</table>"

    return _html_document(visit, css=css, theme_page=page, font="'DejaVu Serif', serif", size=9.0, marker="–",
                          cover_side_box=True, paren_numbers=True, assessment_badge=True), visit


def html_outline(visit: Visit) -> tuple[str, Visit]:
    """Landscape, boxes side by side, unfilled with coloured outlines, Title Case labels."""
    css = """
h3.theme { font-size: 14pt; margin: 0 0 10pt 0; }
table.o { width: 100%; border-collapse: separate; border-spacing: 8pt 0; table-layout: fixed; }
table.o td { vertical-align: top; padding: 8pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        colours = {"grey": "7F7F7F", "purple": "7030A0", "yellow": "BF9000"}
        cells = "".join(
            f"<td width='33%' style='border: 2pt solid #{colours[c]}'>"
            f"<p><b><font color='#{colours[c]}' style='color:#{colours[c]}'>{html.escape(TITLE.texts[i])}</font></b></p>"
            f"{_box_html(section, i)}</td>" for i, c in enumerate(COLOURS))
        return f"<h3 class='theme'>{html.escape(_theme_title(section, model))}</h3><table class='o' width='100%'><tr>{cells}</tr></table>"

    return _html_document(visit, css=css, theme_page=page, orientation="landscape",
                          font="'Liberation Serif', serif", size=9.5, marker="•"), visit


# --- Word (python-docx) --------------------------------------------------------------------------------

def _docx_modules() -> Any:
    import docx  # noqa: PLC0415 - only the Word designs need it

    return docx


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import parse_xml  # noqa: PLC0415
    from docx.oxml.ns import nsdecls  # noqa: PLC0415

    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _write_paras(container: Any, paras: list[Para], *, marker: str = "•", paren_numbers: bool = False,
                 font: str = "Liberation Sans", size: float = 9.5, first_reuse: bool = True,
                 colour: str | None = None) -> None:
    """Paragraphs into a document or a cell; list items typed by hand with a marker and a tab in
    a hanging indent (as many users do), numbered points "1)" with ``paren_numbers``."""
    from docx.shared import Pt, RGBColor  # noqa: PLC0415

    first = True
    for para in paras:
        if first and first_reuse and hasattr(container, "paragraphs") and container.paragraphs \
                and not container.paragraphs[0].text:
            paragraph = container.paragraphs[0]
        else:
            paragraph = container.add_paragraph()
        first = False
        number, body = _numbered(para)
        runs = list(body.runs)
        if para.marker or number:
            prefix = marker if para.marker == "bullet" else "✓" if para.marker == "check" else \
                f"{number})" if paren_numbers else f"{number}."
            runs = [(prefix + "\t", False), *runs]
            paragraph.paragraph_format.left_indent = Pt(14)
            paragraph.paragraph_format.first_line_indent = Pt(-14)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(14))
        paragraph.paragraph_format.space_after = Pt(0 if para.tight else 4)
        for text, bold in runs:
            run = paragraph.add_run(text)
            run.bold = bold
            run.font.name = font
            run.font.size = Pt(para.size or size)
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)


def _docx_base(landscape: bool, visit: Visit, font: str) -> Any:
    docx = _docx_modules()
    from docx.enum.section import WD_ORIENT  # noqa: PLC0415
    from docx.enum.text import WD_TAB_ALIGNMENT  # noqa: PLC0415
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(16))
    style = document.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(9.5)
    header = section.header.paragraphs[0]
    header.text = f"{visit.offer} · Skriftlig feedback"
    header.runs[0].font.size = Pt(7.5)
    footer = section.footer.paragraphs[0]
    footer.paragraph_format.tab_stops.add_tab_stop(section.page_width - Mm(32), WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run("\tSide ")

    def field(code: str) -> None:
        run = footer.add_run()
        for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
                run._r.append(element)
            elif text == code:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = f" {code} "
                run._r.append(element)
            else:
                element = OxmlElement("w:t")
                element.text = text
                run._r.append(element)

    field("PAGE")
    footer.add_run(" af ")
    field("NUMPAGES")
    return document


def _page_break(document: Any) -> None:
    from docx.enum.text import WD_BREAK  # noqa: PLC0415

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _docx_report(visit: Visit, *, landscape: bool, font: str, marker: str, theme: Callable[[Any, Section, QualityModel], None],
                 cover_side_box: bool = False, paren_numbers: bool = False, badge: bool = False) -> bytes:
    """The whole report as a Word document; the design supplies the theme pages."""
    from docx.shared import Pt  # noqa: PLC0415

    model = quality_model_for(visit)
    document = _docx_base(landscape, visit, font)
    write = lambda target, paras, **kw: _write_paras(target, paras, marker=marker, font=font,  # noqa: E731
                                                     paren_numbers=paren_numbers, **kw)
    box = side_box(visit, 0).paras
    if cover_side_box:
        table = document.add_table(rows=1, cols=2)
        write(table.cell(0, 0), cover_paras(visit))
        _shade(table.cell(0, 1), "DEEAF6")
        write(table.cell(0, 1), box)
        _page_break(document)
        write(document, method_text(visit.auditor_title or "Auditorer"), first_reuse=False)
    else:
        write(document, cover_paras(visit))
        _page_break(document)
        table = document.add_table(rows=1, cols=2)
        write(table.cell(0, 0), method_text(visit.auditor_title or "Auditorer"))
        _shade(table.cell(0, 1), "DEEAF6")
        write(table.cell(0, 1), box)
    _page_break(document)
    write(document, impression_paras(visit), first_reuse=False)
    for section in visit.sections:
        _page_break(document)
        theme(document, section, model)
    if visit.assessment:
        _page_break(document)
        if badge:
            write(document, [assessment_paras(visit)[0]], first_reuse=False)
            table = document.add_table(rows=1, cols=1)
            table.cell(0, 0).width = Pt(200)
            _shade(table.cell(0, 0), "2E7D32")
            write(table.cell(0, 0), [Para([(f"{visit.assessment}.", True)], size=12)], colour="FFFFFF")
        else:
            write(document, assessment_paras(visit), first_reuse=False)
    _page_break(document)
    write(document, conclusion_paras(visit, model), first_reuse=False)
    _page_break(document)
    write(document, appendix_paras(model), first_reuse=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_table3(visit: Visit) -> tuple[bytes, Visit]:
    """Caption paragraph ('Tabel'-style), then a 2×3 table: labels in a dark header row."""
    def theme(document: Any, section: Section, model: QualityModel) -> None:
        caption = document.add_paragraph(style="Caption")
        caption.add_run(_theme_title(section, model))  # the Caption style's own size and colour
        table = document.add_table(rows=2, cols=3)
        table.rows[0]._tr.get_or_add_trPr().append(_tbl_header())
        for index, colour in enumerate(COLOURS):
            head, body = table.cell(0, index), table.cell(1, index)
            _shade(head, DARK[colour])
            _write_paras(head, [Para([(PLAIN.texts[index], True)])], font="Liberation Sans", colour="FFFFFF")
            _shade(body, LIGHT[colour])
            _write_paras(body, _boxes(section)[index], marker="–", font="Liberation Sans", size=8.5)

    return _docx_report(visit, landscape=True, font="Liberation Sans", marker="–", theme=theme), visit


def _tbl_header() -> Any:
    from docx.oxml import OxmlElement  # noqa: PLC0415

    return OxmlElement("w:tblHeader")


def docx_banner(visit: Visit) -> tuple[bytes, Visit]:
    """A one-cell dark-blue banner table, then a 2×2 table, left column merged (grey)."""
    def theme(document: Any, section: Section, model: QualityModel) -> None:
        banner = document.add_table(rows=1, cols=1)
        _shade(banner.cell(0, 0), "1F4E79")
        _write_paras(banner.cell(0, 0), [Para([(_theme_title(section, model), True)], size=14)],
                     font="Liberation Sans Narrow", colour="FFFFFF")
        document.add_paragraph()
        table = document.add_table(rows=2, cols=2)
        left = table.cell(0, 0).merge(table.cell(1, 0))
        boxes = _boxes(section)
        for cell, index in ((left, 0), (table.cell(0, 1), 1), (table.cell(1, 1), 2)):
            _shade(cell, LIGHT[COLOURS[index]])
            _write_paras(cell, [Para([(COLON.texts[index], True)]), *boxes[index]], marker="►",
                         font="Liberation Sans Narrow", size=10)

    return _docx_report(visit, landscape=False, font="Liberation Sans Narrow", marker="►", theme=theme), visit


def docx_gutter(visit: Visit) -> tuple[bytes, Visit]:
    """Per theme a 3×2 table: narrow dark label cell, light text cell; side box on the cover."""
    def theme(document: Any, section: Section, model: QualityModel) -> None:
        from docx.shared import Mm  # noqa: PLC0415

        _write_paras(document, [Para([(_theme_title(section, model), True)], size=13)], first_reuse=False,
                     font="DejaVu Serif", colour="1F4E79")
        table = document.add_table(rows=3, cols=2)
        boxes = _boxes(section)
        for index, colour in enumerate(COLOURS):
            label, body = table.cell(index, 0), table.cell(index, 1)
            label.width, body.width = Mm(40), Mm(138)
            _shade(label, DARK[colour])
            _write_paras(label, [Para([(PLAIN.texts[index], True)])], font="DejaVu Serif", colour="FFFFFF")
            _shade(body, LIGHT[colour])
            _write_paras(body, boxes[index], marker="–", paren_numbers=True, font="DejaVu Serif", size=9)

    return _docx_report(visit, landscape=False, font="DejaVu Serif", marker="–", theme=theme, cover_side_box=True,
                        paren_numbers=True, badge=True), visit


# --- PowerPoint (python-pptx) -------------------------------------------------------------------------

SLIDE_W, SLIDE_H = 960.0, 540.0  # points, 16:9


def _need(paras: list[Para], width: float, size: float) -> float:
    """A generous height estimate for paragraphs in a text frame of ``width`` points."""
    per_line = max(10, int((width - 16) / (size * 0.52)))
    lines = sum(max(1, math.ceil(len(para.text) / per_line)) for para in paras)
    return lines * size * 1.25 + len(paras) * size * 0.4 + 16


class _Deck:
    """A python-pptx presentation with helpers to place text boxes and shapes in points."""

    def __init__(self, font: str) -> None:
        from pptx import Presentation  # noqa: PLC0415
        from pptx.util import Pt  # noqa: PLC0415

        self.pt = Pt
        self.font = font
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
        self.blank = self.prs.slide_layouts[6]
        self.number = 0

    def slide(self) -> Any:
        self.number += 1
        return self.prs.slides.add_slide(self.blank)

    def shape(self, slide: Any, kind: str, x: float, y: float, w: float, h: float, fill: str | None,
              line: str | None = None, line_width: float = 0.0) -> Any:
        from pptx.dml.color import RGBColor  # noqa: PLC0415
        from pptx.enum.shapes import MSO_SHAPE  # noqa: PLC0415

        shape_kind = {"rect": MSO_SHAPE.RECTANGLE, "round": MSO_SHAPE.ROUNDED_RECTANGLE,
                      "tab": MSO_SHAPE.ROUND_2_SAME_RECTANGLE}[kind]
        shape = slide.shapes.add_shape(shape_kind, self.pt(x), self.pt(y), self.pt(w), self.pt(h))
        if kind == "round":
            shape.adjustments[0] = 0.06
        if fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(fill)
        else:
            shape.fill.background()
        if line:
            shape.line.color.rgb = RGBColor.from_string(line)
            shape.line.width = self.pt(line_width)
        else:
            shape.line.fill.background()
        shape.shadow.inherit = False
        return shape

    def text(self, target: Any, paras: list[Para], size: float, *, marker: str = "•", colour: str = "000000",
             anchor_top: bool = True, paren_numbers: bool = False, first_colour: str | None = None) -> None:
        """Paragraphs into a shape's frame; list items get a real bullet (``a:buChar``); the first
        paragraph (a label) may take its own colour."""
        from pptx.dml.color import RGBColor  # noqa: PLC0415
        from pptx.enum.text import MSO_ANCHOR  # noqa: PLC0415
        from pptx.oxml.ns import qn  # noqa: PLC0415
        from lxml import etree  # noqa: PLC0415

        frame = target.text_frame
        frame.word_wrap = True
        if anchor_top:
            frame.vertical_anchor = MSO_ANCHOR.TOP
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, self.pt(6))
        for index, para in enumerate(paras):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            number, body = _numbered(para)
            p_pr = paragraph._p.get_or_add_pPr()
            if para.marker or number:
                p_pr.set("marL", str(int(14 * 12700)))
                p_pr.set("indent", str(int(-14 * 12700)))
                if number:
                    kind = "arabicParenR" if paren_numbers else "arabicPeriod"
                    etree.SubElement(p_pr, qn("a:buAutoNum"), type=kind, startAt=number)
                else:
                    etree.SubElement(p_pr, qn("a:buFont"), typeface="DejaVu Sans")
                    etree.SubElement(p_pr, qn("a:buChar"), char=marker if para.marker == "bullet" else "✓")
            else:
                etree.SubElement(p_pr, qn("a:buNone"))
            paragraph.space_after = self.pt(0 if para.tight else 3)
            for text, bold in (body.runs if (para.marker or number) else para.runs):
                run = paragraph.add_run()
                run.text = text
                run.font.bold = bold
                run.font.size = self.pt(para.size or size)
                run.font.name = self.font
                run.font.color.rgb = RGBColor.from_string(first_colour if first_colour and index == 0 else colour)

    def box(self, slide: Any, x: float, y: float, w: float, h: float, paras: list[Para], size: float, **kw: Any) -> Any:
        shape = slide.shapes.add_textbox(self.pt(x), self.pt(y), self.pt(w), self.pt(h))
        self.text(shape, paras, size, **kw)
        return shape

    def footer(self, slide: Any, visit: Visit) -> None:
        self.box(slide, 30, SLIDE_H - 24, 600, 18, [Para([(f"{visit.offer} · Skriftlig feedback", False)])], 8,
                 colour="595959")
        self.box(slide, SLIDE_W - 130, SLIDE_H - 24, 100, 18, [Para([(f"Side {self.number}", False)])], 8,
                 colour="595959")

    def flow(self, visit: Visit, paras: list[Para], size: float, **kw: Any) -> None:
        """Flowing text over as many slides as it needs (cut between paragraphs)."""
        chunk: list[Para] = []
        for para in paras:
            if chunk and _need([*chunk, para], SLIDE_W - 60, size) > SLIDE_H - 80:
                self._flow_slide(visit, chunk, size, **kw)
                chunk = []
            chunk.append(para)
        if chunk:
            self._flow_slide(visit, chunk, size, **kw)

    def _flow_slide(self, visit: Visit, paras: list[Para], size: float, **kw: Any) -> None:
        slide = self.slide()
        self.box(slide, 30, 30, SLIDE_W - 60, SLIDE_H - 70, paras, size, **kw)
        self.footer(slide, visit)

    def front(self, visit: Visit, size: float, **kw: Any) -> None:
        slide = self.slide()
        self.box(slide, 40, 120, SLIDE_W - 80, 260, cover_paras(visit), size, **kw)
        self.footer(slide, visit)
        method = method_text(visit.auditor_title or "Auditorer")
        slide = self.slide()
        self.box(slide, 30, 30, 560, SLIDE_H - 70, method, 8.5, **kw)
        side = self.shape(slide, "rect", 610, 30, SLIDE_W - 640, SLIDE_H - 70, "DEEAF6")
        self.text(side, side_box(visit, 0).paras, 9, **kw)
        self.footer(slide, visit)
        self.flow(visit, impression_paras(visit), size, **kw)

    def back(self, visit: Visit, model: QualityModel, size: float, **kw: Any) -> None:
        if visit.assessment:
            self.flow(visit, assessment_paras(visit), size, **kw)
        self.flow(visit, conclusion_paras(visit, model), size, **kw)
        self.flow(visit, appendix_paras(model), 9, **kw)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def pptx_tabs(visit: Visit) -> tuple[bytes, Visit]:
    """Stacked rounded boxes, each with a coloured tab shape above it holding the numbered label."""
    model = quality_model_for(visit)
    deck = _Deck("DejaVu Sans")
    size = 9.0
    width = SLIDE_W - 60
    tab_h, gap = 18.0, 6.0
    room = SLIDE_H - 30 - 50 - 30 - 3 * (tab_h + gap)

    def fits(section: Section) -> bool:
        return sum(max(28.0, _need(paras, width, size)) for paras in _boxes(section)) <= room

    sections = split_to_fit(visit.sections, fits)
    deck.front(visit, 11, marker="✓")
    for section in sections:
        slide = deck.slide()
        deck.box(slide, 30, 24, width, 30, [Para([(_theme_title(section, model), True)])], 15, colour="1F4E79")
        y = 62.0
        boxes = _boxes(section)
        for index, colour in enumerate(COLOURS):
            tab = deck.shape(slide, "tab", 44, y, 240, tab_h, DARK[colour])
            deck.text(tab, [Para([(NUMBERED.texts[index], True)])], 9, colour="FFFFFF")
            y += tab_h
            height = max(28.0, _need(boxes[index], width, size))
            body = deck.shape(slide, "round", 30, y, width, height, LIGHT[colour])
            deck.text(body, boxes[index], size, marker="✓")
            y += height + gap
        deck.footer(slide, visit)
    deck.back(visit, model, 11, marker="✓")
    return deck.save(), visit.model_copy(update={"sections": sections})


def pptx_outline(visit: Visit) -> tuple[bytes, Visit]:
    """Three unfilled outlined columns, the Title Case label coloured above the text inside."""
    model = quality_model_for(visit)
    deck = _Deck("Liberation Serif")
    size = 8.5
    colours = {"grey": "7F7F7F", "purple": "7030A0", "yellow": "BF9000"}
    col_w = (SLIDE_W - 60 - 2 * 12) / 3
    room = SLIDE_H - 70 - 40 - 24

    def fits(section: Section) -> bool:
        return all(_need(paras, col_w, size) <= room for paras in _boxes(section))

    sections = split_to_fit(visit.sections, fits)
    deck.front(visit, 11)
    for section in sections:
        slide = deck.slide()
        deck.box(slide, 30, 20, SLIDE_W - 60, 30, [Para([(_theme_title(section, model), True)])], 15)
        boxes = _boxes(section)
        for index, colour in enumerate(COLOURS):
            x = 30 + index * (col_w + 12)
            shape = deck.shape(slide, "rect", x, 64, col_w, SLIDE_H - 64 - 34, None, colours[colour], 2.0)
            deck.text(shape, [Para([(TITLE.texts[index], True)], size=10), *boxes[index]], size,
                      first_colour=colours[colour])
        deck.footer(slide, visit)
    deck.back(visit, model, 11)
    return deck.save(), visit.model_copy(update={"sections": sections})


DESIGNS = [
    Design("table3", "labels as the dark header row of one 3-column table per theme, the theme its caption; "
           "running header and 'Side X af Y' footer; '–' markers", html=html_table3, docx=docx_table3),
    Design("tabs", "stacked rounded boxes, each numbered label ('① Vi talte om') in a coloured tab above its box; "
           "'✓' markers", html=html_tabs, pptx=pptx_tabs),
    Design("banner", "theme in a full-width dark-blue banner, grey box down the left column, purple over yellow "
           "on the right; labels with a trailing colon; '►' markers", html=html_banner, docx=docx_banner),
    Design("gutter", "side box on the cover; each label in a narrow dark cell left of its text; numbered points "
           "'1)'; the assessment in a green badge", html=html_gutter, docx=docx_gutter),
    Design("outline", "landscape, boxes side by side unfilled with coloured outlines, Title Case labels in the "
           "box colour", html=html_outline, pptx=pptx_outline),
]


# --- producers ---------------------------------------------------------------------------------------

def soffice() -> str:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    return office


def lo_convert(source: Path, target_filter: str, out_dir: Path, extension: str, infilter: str | None = None) -> Path:
    """One LibreOffice headless conversion (one at a time: the machine is shared). The output
    goes to its own folder so a same-suffix re-save does not overwrite its source."""
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [soffice(), f"-env:UserInstallation={PROFILE}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target_filter, "--outdir", str(out_dir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    result = out_dir / f"{source.stem}.{extension}"
    if not result.exists():
        raise RuntimeError(f"LibreOffice made no .{extension} of {source.name}")
    return result


def weasyprint(source: Path, out: Path) -> Path:
    """WeasyPrint, from its own venv (it is a tool, not a project dependency); run from / so a
    stray module in the working folder cannot shadow the standard library."""
    if not WEASYPRINT.exists():
        raise RuntimeError(f"WeasyPrint venv missing: {WEASYPRINT}")
    subprocess.run([str(WEASYPRINT), "-m", "weasyprint", str(source), str(out)], check=True, capture_output=True,
                   timeout=300, cwd="/")
    return out


def ghostscript(source: Path, out: Path) -> Path:
    """'Print to PDF' again: Ghostscript's pdfwrite re-encodes fonts and rebuilds text runs."""
    gs = shutil.which("gs")
    if gs is None:
        raise RuntimeError("Ghostscript (gs) is not installed")
    subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={out}",
                    str(source)], check=True, capture_output=True, timeout=300)
    return out


def wkhtmltopdf(source: Path, out: Path) -> Path:
    """Qt WebKit's printer (wkhtmltopdf), headless on Qt's offscreen platform: another browser
    engine's PDF, its text set by Qt and its boxes painted by WebKit."""
    program = shutil.which("wkhtmltopdf")
    if program is None:
        raise RuntimeError("wkhtmltopdf is not installed")
    subprocess.run([program, "--quiet", "--enable-local-file-access", "--print-media-type", str(source), str(out)],
                   check=True, capture_output=True, timeout=300, cwd="/",
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return out


def pandoc_docx(source: Path, out: Path) -> Path:
    """pandoc's Word writer: the HTML's tables become Word tables without their fills and its
    headings Word's heading styles, so the labels alone tell the boxes."""
    program = shutil.which("pandoc")
    if program is None:
        raise RuntimeError("pandoc is not installed")
    subprocess.run([program, "--from", "html", "--to", "docx", "--output", str(out), str(source)],
                   check=True, capture_output=True, timeout=300, cwd="/")
    return out


def pandoc_latex(source: Path, out: Path) -> Path:
    """pandoc's LaTeX writer typeset by pdfTeX (Times, justified and hyphenated, the tables'
    fills and the CSS page breaks dropped): a TeX-made PDF, one theme after another."""
    program = shutil.which("pandoc")
    if program is None or shutil.which("pdflatex") is None:
        raise RuntimeError("pandoc or pdflatex is not installed")
    subprocess.run([program, "--from", "html", "--pdf-engine=pdflatex", "-V", "fontfamily=times",
                    "-V", "geometry:a4paper,margin=2cm", "--output", str(out), str(source)],
                   check=True, capture_output=True, timeout=300, cwd=out.parent)
    return out


@dataclass(frozen=True)
class Producer:
    """A program that writes the file the user imports: from which source kind, and how."""

    name: str
    source: str
    """"html", "docx" or "pptx": which of a design's sources it starts from."""
    summary: str
    run: Callable[[Path, Path], Path]
    """(source file, work folder) → the file to import."""


def _weasy(source: Path, work: Path) -> Path:
    return weasyprint(source, work / f"{source.stem}.weasy.pdf")


def _lo_web(source: Path, work: Path) -> Path:
    return lo_convert(source, "pdf:writer_web_pdf_Export", work / "lo-web", "pdf")


def _gs_weasy(source: Path, work: Path) -> Path:
    first = weasyprint(source, work / f"{source.stem}.weasy-for-gs.pdf")
    return ghostscript(first, work / f"{source.stem}.gs.pdf")


def _wk(source: Path, work: Path) -> Path:
    return wkhtmltopdf(source, work / f"{source.stem}.wk.pdf")


def _pandoc(source: Path, work: Path) -> Path:
    return pandoc_docx(source, work / f"{source.stem}.pandoc.docx")


def _pandoc_latex(source: Path, work: Path) -> Path:
    return pandoc_latex(source, work / f"{source.stem}.tex.pdf")


def _lo_html_docx(source: Path, work: Path) -> Path:
    return lo_convert(source, "docx:MS Word 2007 XML", work / "lo-html-docx", "docx", infilter="HTML (StarWriter)")


def _lo_docx(source: Path, work: Path) -> Path:
    return lo_convert(source, 'docx:MS Word 2007 XML', work / "lo-docx", "docx")


def _lo_odt_pdf(source: Path, work: Path) -> Path:
    odt = lo_convert(source, "odt", work / "lo-odt", "odt")
    return lo_convert(odt, "pdf:writer_pdf_Export", work / "lo-odt-pdf", "pdf")


def _lo_pptx(source: Path, work: Path) -> Path:
    return lo_convert(source, "pptx:Impress MS PowerPoint 2007 XML", work / "lo-pptx", "pptx")


def _lo_odp_pdf(source: Path, work: Path) -> Path:
    odp = lo_convert(source, "odp", work / "lo-odp", "odp")
    return lo_convert(odp, "pdf:impress_pdf_Export", work / "lo-odp-pdf", "pdf")


PRODUCERS = [
    Producer("weasyprint", "html", "WeasyPrint 70 prints the HTML/CSS (pango text, CSS page margin boxes)", _weasy),
    Producer("lo-web", "html", "LibreOffice Writer/Web opens the HTML and exports PDF (writer_web_pdf_Export)", _lo_web),
    Producer("gs", "html", "the WeasyPrint PDF re-distilled by Ghostscript pdfwrite", _gs_weasy),
    Producer("wk", "html", "wkhtmltopdf (Qt WebKit) prints the HTML/CSS", _wk),
    Producer("pandoc", "html", "pandoc converts the HTML to .docx (tables without fills, heading styles)", _pandoc),
    Producer("pandoc-latex", "html", "pandoc typesets the HTML with LaTeX (pdfTeX): no fills, no page breaks",
             _pandoc_latex),
    Producer("lo-html-docx", "html", "LibreOffice Writer opens the HTML and saves it as .docx", _lo_html_docx),
    Producer("lo-docx", "docx", "the python-docx file opened and saved again as .docx by LibreOffice Writer", _lo_docx),
    Producer("lo-odt-pdf", "docx", "the python-docx file saved as .odt by LibreOffice, that .odt exported to PDF",
             _lo_odt_pdf),
    Producer("lo-pptx", "pptx", "the python-pptx deck opened and saved again as .pptx by LibreOffice Impress", _lo_pptx),
    Producer("lo-odp-pdf", "pptx", "the python-pptx deck saved as .odp by LibreOffice, that .odp exported to PDF",
             _lo_odp_pdf),
]


def source_for(design: Design, kind: str, visit: Visit) -> tuple[bytes, str, Visit] | None:
    """The design drawn as ``kind`` (bytes, suffix, expected visit), or None if it has no such form."""
    if kind == "html" and design.html:
        text, expected = design.html(visit)
        return text.encode("utf-8"), ".html", expected
    if kind == "docx" and design.docx:
        data, expected = design.docx(visit)
        return data, ".docx", expected
    if kind == "pptx" and design.pptx:
        data, expected = design.pptx(visit)
        return data, ".pptx", expected
    return None
