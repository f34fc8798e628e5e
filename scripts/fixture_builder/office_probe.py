"""Word and PowerPoint reports built the way other offices build them, to probe the importers.

The templates in :mod:`.word_wild` and :mod:`.slides` were written alongside the importers, so
an importer can pass them and still fail on the first real office file that builds its boxes
another way. These templates are designed from how Word and PowerPoint users lay out such a
report, not from what the importers read, and each one imitates a different office's habits:

Word
- ``word_cells``: A4 portrait, header with the office name and a "Side X af Y" footer (fields),
  chapter and theme titles in the built-in "Heading 1" style, each box a one-cell shaded table
  whose first paragraph is the bold label with a colon, long themes continued on a page titled
  "Tema 3a (fortsat)", bullets from the Bullets button (List Paragraph + a Symbol-font list).
- ``word_header_rows``: portrait text pages, the theme pages in landscape sections; the theme in
  "Heading 2", the boxes as a 2×3 table whose top row holds the labels in capitals on dark
  fills (a repeating header row) and whose lower row holds the text on light tints.
- ``word_grid``: A4 landscape, the reference layout rebuilt as one table per theme: a shaded
  theme column and the grey box each merged over two rows, purple above yellow on the right;
  en-dash bullets; the arrow typed as the Unicode character.
- ``word_form``: A4 portrait "form" look: the side box as a two-column label/value table, each
  theme a 3×2 table stacked grey, purple, yellow with the label in a narrow shaded left column
  and the text in a lighter right column; Wingdings square bullets.
- ``word_controls``: a form template with content controls (``w:sdt``): the side box's values
  inline controls after their labels, each box's text a block-level control in a one-cell table
  under its bold label; theme titles bold paragraphs with a bottom border.

PowerPoint
- ``pptx_table``: 16:9, every theme slide's title placeholder names the theme, the boxes a 2×3
  table (labels in a dark header row, text in a light row), flowing text in "Title and Content"
  slides, footer and slide-number placeholders, overflowing themes continued on a "(fortsat)" slide.
- ``pptx_layout``: 4:3, a custom slide layout with three body placeholders (fills and positions
  only in the layout, grey full width on top, purple and yellow below), the label the bold first
  paragraph, speaker notes with the presenter's remarks.
- ``pptx_tints``: 16:9, a shaded theme column on the left, then the boxes in the order purple,
  grey, yellow, filled with Office theme colour tints (``a:schemeClr`` with ``lumMod``/``lumOff``
  from a corporate theme whose accent6 is a yellow), a slide-number field in a text box.

Every template draws the report's whole content from :mod:`.pages`; a template that splits a
long theme over two pages also returns the visit an importer must read (the section split by
:func:`.fuzz.split_section`, the second part ``continued``).
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
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
    plain,
    quality_model_for,
    side_box,
)
from fixture_builder.pdf_text import Fonts, height, layout, register_font
from kvalitet_core.model import BoxKind, Section, Visit
from kvalitet_core.quality_model import QualityModel

_NUMBERED = re.compile(r"^(\d+)\.\s+")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
PT = 12700


@dataclass(frozen=True)
class OfficeTemplate:
    """One probe template: its name, the file type it makes and what it imitates."""

    name: str
    suffix: str
    summary: str
    make: Callable[[Visit], tuple[bytes, Visit]]


# --- shared: measuring, themes, splitting ------------------------------------------------------

@cache
def _fonts() -> Fonts:
    """Liberation Sans metrics, close enough to Calibri/Carlito to size slide text."""
    register_font("LiberationSans-Regular")
    register_font("LiberationSans-Bold")
    return Fonts(regular="LiberationSans-Regular", bold="LiberationSans-Bold")


def _need(paras: list[Para], width: float, size: float) -> float:
    """The height paragraphs take in a text frame (generous: LibreOffice spaces more than Word)."""
    return height(layout(paras, width - 14, size, _fonts()), 1.25) * 1.1 + 14 + len(paras) * size * 0.35


def _theme_lines(section: Section, model: QualityModel, continuation: str) -> list[str]:
    """How the page names its theme(s): 'Tema 3a: title', or the continuation title."""
    lines = []
    for theme_id in section.themes:
        theme = model.theme(theme_id)
        title = theme.title if theme else ""
        if section.continued:
            lines.append(continuation.format(word=model.theme_word, id=theme_id, title=title))
        else:
            lines.append(f"{model.theme_word} {theme_id}: {title}".strip(": "))
    return lines


def _boxes(section: Section) -> list[list[Para]]:
    """The three boxes' paragraphs, grey, purple, yellow."""
    return [item_paras(section.box(kind).items) for kind in BoxKind]


def _words(section: Section) -> int:
    return sum(len(section.box(kind).text.split()) for kind in BoxKind)


def _expected(visit: Visit, sections: list[Section]) -> Visit:
    return visit.model_copy(update={"sections": sections})


def _numbered(para: Para) -> tuple[int | None, Para]:
    """A numbered point's number and the paragraph without it (the list draws the number)."""
    match = _NUMBERED.match(para.text) if not para.marker else None
    if not match:
        return None, para
    first, bold = para.runs[0]
    return int(match.group(1)), Para([(first[match.end():], bold), *para.runs[1:]], size=para.size,
                                      tight=para.tight)


# --- Word ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _WordStyle:
    bullet_font: str
    bullet_char: str
    check_font: str = "Wingdings"
    check_char: str = "\uf0fe"
    font: str = "Calibri"
    size: float = 10.0


class _Doc:
    """A python-docx document with list definitions of its own, the way Word's Bullets and
    Numbering buttons write them (List Paragraph + ``w:numPr``, no marker in the text)."""

    def __init__(self, style: _WordStyle, landscape: bool = False) -> None:
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm, Pt

        self.style = style
        self.document = Document()
        section = self.document.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Mm(20))
        section.top_margin = section.bottom_margin = Mm(22)
        normal = self.document.styles["Normal"]
        normal.font.name = style.font
        normal.font.size = Pt(style.size)
        normal.paragraph_format.space_after = Pt(5)
        self.numbering = self.document.part.numbering_part.element
        self.bullet_list = self._list("bullet", style.bullet_char, style.bullet_font)
        self.check_list = self._list("bullet", style.check_char, style.check_font)
        self.decimal_abstract = self._abstract("decimal", "%1.", None)
        self.current_number: int | None = None
        self.expected_number = 0

    def _abstract(self, fmt: str, text: str, font: str | None) -> int:
        from lxml import etree

        existing = [int(a.get(f"{{{W}}}abstractNumId")) for a in self.numbering.findall(f"{{{W}}}abstractNum")]
        ident = max(existing, default=0) + 1
        fonts = (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>' if font else "")
        element = etree.fromstring(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{ident}"><w:multiLevelType w:val="hybridMultilevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr>{fonts}</w:lvl>'
            f'</w:abstractNum>')
        first_num = self.numbering.find(f"{{{W}}}num")
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self.numbering.append(element)
        return ident

    def _num(self, abstract: int, start: int | None = None) -> int:
        from lxml import etree

        ident = max((int(n.get(f"{{{W}}}numId")) for n in self.numbering.findall(f"{{{W}}}num")), default=0) + 1
        override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                    if start is not None else "")
        self.numbering.append(etree.fromstring(
            f'<w:num xmlns:w="{W}" w:numId="{ident}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>'))
        return ident

    def _list(self, fmt: str, char: str, font: str) -> int:
        return self._num(self._abstract(fmt, char, font))

    def para(self, container: Any, para: Para, style: str | None = None, colour: str | None = None) -> Any:
        """One paragraph; list items in List Paragraph with this document's lists."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt, RGBColor

        number, para = _numbered(para)
        num_id = None
        if number is not None:
            if self.current_number is None or number != self.expected_number:
                self.current_number = self._num(self.decimal_abstract, number)
            self.expected_number = number + 1
            num_id = self.current_number
        else:
            self.current_number = None
            if para.marker == "bullet":
                num_id = self.bullet_list
            elif para.marker == "check":
                num_id = self.check_list
        out = container.add_paragraph(style="List Paragraph" if num_id else style)
        if num_id:
            num_pr = out._p.get_or_add_pPr().get_or_add_numPr()
            for tag, value in (("w:ilvl", "0"), ("w:numId", str(num_id))):
                element = OxmlElement(tag)
                element.set(qn("w:val"), value)
                num_pr.append(element)
            out.paragraph_format.space_after = Pt(2)
        for text, bold in para.runs:
            run = out.add_run(text)
            run.bold = bold or None
            if para.size and not style:
                run.font.size = Pt(para.size)
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)
        return out

    def paras(self, container: Any, paras: list[Para], style: str | None = None, colour: str | None = None) -> None:
        for para in paras:
            self.para(container, para, style, colour)

    def heading(self, text: str, level: int = 1, break_before: bool = False) -> Any:
        out = self.document.add_paragraph(text, style=f"Heading {level}")
        if break_before:
            out.paragraph_format.page_break_before = True
        return out

    def flow_titled(self, paras: list[Para], break_before: bool = True) -> None:
        """A chapter: its bold title (the first paragraph) as Heading 1, then the text."""
        if not paras:
            return
        self.heading(paras[0].text, 1, break_before)
        self.paras(self.document, paras[1:])

    def cell(self, cell: Any, paras: list[Para], fill: str | None, colour: str | None = None) -> None:
        """Fill a table cell with paragraphs (no empty first paragraph left) and shade it."""
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        self.paras(cell, paras, colour=colour)
        if fill:
            _shade(cell, fill)

    def header_footer(self, header: str, page_of: bool) -> None:
        """The office name in the header, 'Side X af Y' (fields) in the footer."""
        from lxml import etree

        section = self.document.sections[0]
        section.header.paragraphs[0].text = header
        footer = section.footer.paragraphs[0]
        footer.add_run("Side ")
        fields = [" PAGE "] + ([" NUMPAGES "] if page_of else [])
        for index, instr in enumerate(fields):
            if index:
                footer.add_run(" af ")
            footer._p.append(etree.fromstring(
                f'<w:fldSimple xmlns:w="{W}" w:instr="{instr}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _borders_none(table: Any) -> None:
    """No table borders: the shading alone draws the boxes (a template's 'boxes', not a grid)."""
    from lxml import etree

    tbl_pr = table._tbl.tblPr
    tbl_pr.append(etree.fromstring(
        f'<w:tblBorders xmlns:w="{W}">' + "".join(
            f'<w:{side} w:val="single" w:sz="18" w:space="0" w:color="FFFFFF"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"))


def _cover_word(doc: _Doc, visit: Visit, title_style: bool) -> None:
    for para in cover_paras(visit):
        if title_style and para.text == "Skriftlig Feedback":
            doc.document.add_paragraph(para.text, style="Title")
        else:
            doc.para(doc.document, para)


def _side_box_cell(doc: _Doc, visit: Visit, fill: str) -> None:
    """'Oplysninger om besøget' as a one-cell shaded table, as a side box is usually made."""
    table = doc.document.add_table(rows=1, cols=1)
    doc.cell(table.cell(0, 0), side_box(visit, 1).paras, fill)


def _side_box_form(doc: _Doc, visit: Visit) -> None:
    """'Oplysninger om besøget' as a label/value table: the bold labels left, values right."""
    paras = side_box(visit, 0).paras
    rows: list[tuple[Para, list[Para]]] = []
    for para in paras[1:]:
        if len(para.runs) == 1 and para.runs[0][1]:
            rows.append((para, []))
        elif rows:
            rows[-1][1].append(para)
    table = doc.document.add_table(rows=len(rows) + 1, cols=2)
    table.style = "Table Grid"
    title = table.cell(0, 0).merge(table.cell(0, 1))
    doc.cell(title, [paras[0]], "BDD7EE")
    for index, (label, values) in enumerate(rows, start=1):
        doc.cell(table.cell(index, 0), [label], "DEEAF6")
        doc.cell(table.cell(index, 1), values or [plain("")], None)


WORD_LABELS: dict[str, tuple[str, str, str]] = {
    "word_cells": ("Vi talte om:", "Dette peger på at:", "Ledere og medarbejdere peger på:"),
    "word_header_rows": ("VI TALTE OM", "DETTE PEGER PÅ AT …", "LEDERE OG MEDARBEJDERE PEGER PÅ …"),
    "word_grid": ("Vi talte om", "Dette peger på, at …", "Ledere og medarbejdere peger på, at …"),
    "word_form": ("VI TALTE OM:", "DETTE PEGER PÅ AT:", "LEDERE OG MEDARBEJDERE PEGER PÅ:"),
}
"""Each Word template's label spellings (a module constant so a probe can vary one)."""


def _word_report(visit: Visit, kind: str) -> tuple[bytes, Visit]:
    """The report in one of the four Word templates (``kind`` is the template's name)."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm, Pt
    from lxml import etree

    model = quality_model_for(visit)
    styles = {
        "word_cells": _WordStyle("Symbol", "\uf0b7"),
        "word_header_rows": _WordStyle("Symbol", "\uf0b7", font="Arial", size=9.5),
        "word_grid": _WordStyle("Calibri", "–", check_char="\uf0a8", size=9.0),
        "word_form": _WordStyle("Wingdings", "\uf0a7", font="Garamond", size=10.5),
    }
    doc = _Doc(styles[kind], landscape=kind == "word_grid")
    sections = list(visit.sections)
    if kind == "word_cells":
        # Long themes are moved on by hand: a page holds about 450 words in 10 pt in three boxes.
        sections = split_to_fit(sections, lambda s: _words(s) <= 450)
    if kind in ("word_cells", "word_form"):
        doc.header_footer("Socialforvaltningen · Center for Kvalitet og Tilsyn", page_of=kind == "word_cells")
    _cover_word(doc, visit, title_style=kind in ("word_cells", "word_header_rows"))
    # Method and side box.
    if kind == "word_form":
        doc.page_break()
        _side_box_form(doc, visit)
        doc.document.add_paragraph()
        doc.paras(doc.document, method_text(visit.auditor_title or "Auditorer"))
    elif kind == "word_grid":
        doc.page_break()
        table = doc.document.add_table(rows=1, cols=2)
        doc.cell(table.cell(0, 0), method_text(visit.auditor_title or "Auditorer"), None)
        doc.cell(table.cell(0, 1), side_box(visit, 2).paras, "DEEAF6")
    else:
        method = method_text(visit.auditor_title or "Auditorer")
        doc.flow_titled(method)
        _side_box_cell(doc, visit, "DEEAF6" if kind == "word_cells" else "E2EFDA")
    headed = kind in ("word_cells", "word_header_rows")
    if headed:
        doc.flow_titled(impression_paras(visit))
    else:
        doc.page_break()
        doc.paras(doc.document, impression_paras(visit))
    labels = WORD_LABELS[kind]
    continuation = "{word} {id} (fortsat)" if kind != "word_form" else "{word} {id} – fortsat"
    for section in sections:
        themes = _theme_lines(section, model, continuation)
        boxes = _boxes(section)
        if kind == "word_cells":
            for index, line in enumerate(themes):
                doc.heading(line, 1, break_before=index == 0)
            fills = ("D9D9D9", "CCC0DA", "FFF2CC")
            for label, paras, fill in zip(labels, boxes, fills, strict=True):
                table = doc.document.add_table(rows=1, cols=1)
                doc.cell(table.cell(0, 0), [plain(label, bold=True), *paras], fill)
                doc.document.add_paragraph().paragraph_format.space_after = Pt(0)
        elif kind == "word_header_rows":
            new = doc.document.add_section(WD_SECTION.NEW_PAGE)
            new.orientation = WD_ORIENT.LANDSCAPE
            new.page_width, new.page_height = Mm(297), Mm(210)
            for line in themes:
                doc.heading(line, 2)
            table = doc.document.add_table(rows=2, cols=3)
            _borders_none(table)
            dark, light = ("7F7F7F", "7030A0", "FFC000"), ("F2F2F2", "E4DFEC", "FFF2CC")
            for column, (label, paras) in enumerate(zip(labels, boxes, strict=True)):
                colour = "FFFFFF" if column < 2 else "000000"
                doc.cell(table.cell(0, column), [plain(label, bold=True)], dark[column], colour)
                doc.cell(table.cell(1, column), paras or [plain("")], light[column])
            table.rows[0]._tr.get_or_add_trPr().append(etree.fromstring(f'<w:tblHeader xmlns:w="{W}"/>'))
        elif kind == "word_grid":
            doc.page_break()
            table = doc.document.add_table(rows=2, cols=3)
            table.style = "Table Grid"
            theme_cell = table.cell(0, 0).merge(table.cell(1, 0))
            grey_cell = table.cell(0, 1).merge(table.cell(1, 1))
            doc.cell(theme_cell, [plain(line, bold=True) for line in themes], "DEEAF6")
            doc.cell(grey_cell, [plain(labels[0], bold=True), *boxes[0]], "E7E6E6")
            doc.cell(table.cell(0, 2), [plain(labels[1], bold=True), *boxes[1]], "D9D2E9")
            doc.cell(table.cell(1, 2), [plain(labels[2], bold=True), *boxes[2]], "FFF2CC")
            table.autofit = False
            for column, width in zip(table.columns, (Mm(45), Mm(121), Mm(101)), strict=True):
                column.width = width
                for cell in column.cells:
                    cell.width = width
        else:
            doc.page_break()
            for line in themes:
                doc.heading(line, 2)
            table = doc.document.add_table(rows=3, cols=2)
            table.style = "Table Grid"
            dark, light = ("BFBFBF", "B4A7D6", "FFE699"), ("F2F2F2", "EAE6F3", "FFF8DC")
            for row, (label, paras) in enumerate(zip(labels, boxes, strict=True)):
                doc.cell(table.cell(row, 0), [plain(label, bold=True)], dark[row])
                doc.cell(table.cell(row, 1), paras or [plain("")], light[row])
                table.cell(row, 0).width, table.cell(row, 1).width = Mm(38), Mm(132)
    if kind == "word_header_rows":
        back = doc.document.add_section(WD_SECTION.NEW_PAGE)
        back.orientation = WD_ORIENT.PORTRAIT
        back.page_width, back.page_height = Mm(210), Mm(297)
    assessment = assessment_paras(visit)
    if headed:
        doc.flow_titled(assessment, break_before=kind == "word_cells")
        doc.flow_titled(conclusion_paras(visit, model), break_before=kind == "word_cells")
        doc.flow_titled(appendix_paras(model))
    else:
        doc.page_break()
        if assessment:
            table = doc.document.add_table(rows=1, cols=1)
            doc.cell(table.cell(0, 0), assessment, "FFF2CC")
            doc.document.add_paragraph()
        doc.paras(doc.document, conclusion_paras(visit, model))
        doc.page_break()
        doc.paras(doc.document, appendix_paras(model))
    return doc.save(), _expected(visit, sections)



def _sdt(tag: str, alias: str, block: bool) -> Any:
    """An empty rich-text content control (``w:sdt``) as a template's form field: Word keeps the
    filled-in text inside ``w:sdtContent``, so the paragraphs (or runs) are not the body's own."""
    from lxml import etree

    return etree.fromstring(
        f'<w:sdt xmlns:w="{W}"><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{tag}"/>'
        f'<w:id w:val="{zlib.crc32((tag + alias).encode()) % 2_000_000_000}"/>{"" if block else "<w:text/>"}</w:sdtPr>'
        f'<w:sdtContent/></w:sdt>')


def _into_control(paragraphs: list[Any], tag: str, alias: str) -> None:
    """Move written paragraphs into one block-level content control at the first one's place."""
    if not paragraphs:
        return
    control = _sdt(tag, alias, block=True)
    paragraphs[0]._p.addprevious(control)
    content = control.find(f"{{{W}}}sdtContent")
    for paragraph in paragraphs:
        content.append(paragraph._p)


def _word_controls(visit: Visit) -> tuple[bytes, Visit]:
    """A4 portrait form template with content controls: the side box's values are inline
    controls after their labels, each box's text a block-level control in a one-cell table
    under its shaded label paragraph; theme titles bold with a bottom border, not a heading."""
    from docx.shared import Pt
    from lxml import etree

    model = quality_model_for(visit)
    doc = _Doc(_WordStyle("Symbol", "\uf0b7", font="Verdana", size=9.0))
    doc.header_footer("Kvalitet og Tilsyn · Skriftlig feedback", page_of=False)
    _cover_word(doc, visit, title_style=True)
    doc.page_break()
    doc.paras(doc.document, method_text(visit.auditor_title or "Auditorer"))
    table = doc.document.add_table(rows=1, cols=1)
    cell = table.cell(0, 0)
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    paras = side_box(visit, 0, inline=True).paras
    doc.para(cell, paras[0])
    for para in paras[1:]:
        label = para.runs[0][0] if para.runs[0][1] else ""
        out = doc.para(cell, Para([para.runs[0]], size=para.size) if label else para)
        if label and len(para.runs) > 1:
            control = _sdt(label.strip(" :").replace(" ", "_").upper(), label.strip(" :"), block=False)
            out._p.append(control)
            content = control.find(f"{{{W}}}sdtContent")
            for text, bold in para.runs[1:]:
                run = etree.SubElement(content, f"{{{W}}}r")
                if bold:
                    etree.SubElement(etree.SubElement(run, f"{{{W}}}rPr"), f"{{{W}}}b")
                t = etree.SubElement(run, f"{{{W}}}t")
                t.text = text
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    _shade(cell, "DEEAF6")
    doc.page_break()
    doc.paras(doc.document, impression_paras(visit))
    labels = ("Vi talte om", "Dette peger på at …", "Ledere og medarbejdere peger på …")
    fills = ("D9D9D9", "CCC0DA", "FFF2CC")
    tags = ("GRAA_BOKS", "LILLA_BOKS", "GUL_BOKS")
    for section in visit.sections:
        doc.page_break()
        for line in _theme_lines(section, model, "{word} {id} fortsat"):
            title = doc.para(doc.document, plain(line, bold=True, size=13))
            title._p.get_or_add_pPr().append(etree.fromstring(
                f'<w:pBdr xmlns:w="{W}"><w:bottom w:val="single" w:sz="8" w:space="1" w:color="5F497A"/></w:pBdr>'))
        for label, paras, fill, tag in zip(labels, _boxes(section), fills, tags, strict=True):
            table = doc.document.add_table(rows=1, cols=1)
            cell = table.cell(0, 0)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            doc.para(cell, plain(label, bold=True))
            written = [doc.para(cell, para) for para in paras]
            _into_control(written, tag, label)
            _shade(cell, fill)
            doc.document.add_paragraph().paragraph_format.space_after = Pt(0)
    doc.page_break()
    assessment = assessment_paras(visit)
    if assessment:
        written = [doc.para(doc.document, para) for para in assessment]
        _into_control(written[1:], "BEDOEMMELSE", "Bedømmelse")
    doc.paras(doc.document, conclusion_paras(visit, model))
    doc.page_break()
    doc.paras(doc.document, appendix_paras(model))
    return doc.save(), visit


# --- PowerPoint ----------------------------------------------------------------------------------

class _Deck:
    """A python-pptx presentation in one probe template."""

    def __init__(self, width: float, height_: float, font: str = "Calibri") -> None:
        from pptx import Presentation
        from pptx.util import Pt

        self.presentation = Presentation()
        self.presentation.slide_width, self.presentation.slide_height = Pt(width), Pt(height_)
        self.width, self.height = width, height_
        self.font = font

    def slide(self, layout: int | Any) -> Any:
        chosen = self.presentation.slide_layouts[layout] if isinstance(layout, int) else layout
        return self.presentation.slides.add_slide(chosen)

    def frame(self, frame: Any, paras: list[Para], size: float, colour: str | None = "000000",
              bullet: tuple[str, str] = ("Arial", "•")) -> None:
        """Paragraphs into a text frame: bullets and numbers as paragraph bullets, other
        paragraphs with ``a:buNone`` (a body placeholder would bullet them otherwise)."""
        from lxml import etree
        from pptx.dml.color import RGBColor
        from pptx.util import Pt

        frame.word_wrap = True
        for index, para in enumerate(paras or [plain("")]):
            out = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            number, para = _numbered(para)
            p_pr = out._p.get_or_add_pPr()
            if para.marker or number is not None:
                p_pr.set("marL", str(16 * PT))
                p_pr.set("indent", str(-16 * PT))
                if number is not None:
                    p_pr.append(etree.fromstring(
                        f'<a:buAutoNum xmlns:a="{A}" type="arabicPeriod" startAt="{number}"/>'))
                else:
                    font, char = bullet if para.marker == "bullet" else ("Wingdings", "\u00fe")
                    p_pr.append(etree.fromstring(f'<a:buFont xmlns:a="{A}" typeface="{font}"/>'))
                    p_pr.append(etree.fromstring(f'<a:buChar xmlns:a="{A}" char="{char}"/>'))
            else:
                p_pr.set("marL", "0")
                p_pr.set("indent", "0")
                p_pr.append(etree.fromstring(f'<a:buNone xmlns:a="{A}"/>'))
            if index and not para.tight:
                out.space_before = Pt(size * 0.4)
            for text, bold in para.runs:
                run = out.add_run()
                run.text = text
                run.font.bold = bold
                run.font.size = Pt(para.size or size)
                run.font.name = self.font
                if colour:
                    run.font.color.rgb = RGBColor.from_string(colour)

    def box(self, slide: Any, rect: tuple[float, float, float, float], paras: list[Para], size: float,
            fill: Any = None) -> Any:
        """A rectangle carrying text; ``fill`` is a hex colour or a callable that fills it."""
        from pptx.dml.color import RGBColor
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.enum.text import MSO_ANCHOR
        from pptx.util import Pt

        x, y, w, h = rect
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(x), Pt(y), Pt(w), Pt(h))
        shape.shadow.inherit = False
        shape.line.fill.background()
        if callable(fill):
            fill(shape)
        elif fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(fill)
        else:
            shape.fill.background()
        self.frame(shape.text_frame, paras, size)
        shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        return shape

    def titled_flow(self, paras: list[Para], size: float = 14.0) -> None:
        """A chapter on 'Title and Content' slides: its title in the title placeholder, its text
        in the content placeholder, continued on as many slides as it needs ('(fortsat)')."""
        if not paras:
            return
        title, body = paras[0].text, paras[1:]
        from pptx.util import Pt

        width, room = self.width - 60, self.height - 150
        chunks: list[list[Para]] = [[]]
        for para in body:
            if chunks[-1] and _need([*chunks[-1], para], width, size) > room:
                chunks.append([])
            chunks[-1].append(para)
        for index, chunk in enumerate(chunks):
            slide = self.slide(1)
            slide.shapes.title.text = title if index == 0 else f"{title} (fortsat)"
            body_shape = slide.placeholders[1]
            body_shape.left, body_shape.top, body_shape.width, body_shape.height = (
                Pt(30), Pt(110), Pt(width), Pt(room))
            self.frame(body_shape.text_frame, chunk, size)
            self.footer(slide)

    def footer(self, slide: Any) -> None:
        """Placeholder hook: the templates with footers override it."""

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.presentation.save(buffer)
        return buffer.getvalue()


class _FooterDeck(_Deck):
    """A deck whose slides carry the layout's footer and slide-number placeholders, as
    Insert ▸ Header & Footer puts them on every slide."""

    FOOTER = "Kvalitet i SOF · Skriftlig feedback"

    def footer(self, slide: Any) -> None:
        import copy

        from lxml import etree

        for placeholder in slide.slide_layout.placeholders:
            kind = placeholder.placeholder_format.type
            name = getattr(kind, "name", "")
            if name not in ("FOOTER", "SLIDE_NUMBER"):
                continue
            sp = copy.deepcopy(placeholder._element)
            tx_body = sp.find(f"{{{P}}}txBody")
            for p in tx_body.findall(f"{{{A}}}p"):
                tx_body.remove(p)
            if name == "FOOTER":
                p = etree.fromstring(f'<a:p xmlns:a="{A}"><a:r><a:rPr lang="da-DK"/><a:t>{self.FOOTER}</a:t></a:r></a:p>')
            else:
                p = etree.fromstring(
                    f'<a:p xmlns:a="{A}"><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
                    f'<a:rPr lang="da-DK"/><a:t>{len(self.presentation.slides)}</a:t></a:fld></a:p>')
            tx_body.append(p)
            slide.shapes._spTree.append(sp)


def _cover_slide(deck: _Deck, visit: Visit) -> None:
    """The cover: 'Skriftlig Feedback' in the title, offer, series and date in the subtitle."""
    slide = deck.slide(0)
    slide.shapes.title.text = "Skriftlig Feedback"
    rest = [Para(para.runs, size=18) for para in cover_paras(visit) if para.text != "Skriftlig Feedback"]
    deck.frame(slide.placeholders[1].text_frame, rest, 18)
    deck.footer(slide)


def _method_slides(deck: _Deck, visit: Visit, box_fill: str) -> None:
    """The method boilerplate left and the side box right, on one slide."""
    slide = deck.slide(6)
    text, box = method_text(visit.auditor_title or "Auditorer"), side_box(visit, 3).paras
    room = deck.height - 60
    text_w, box_w = (deck.width - 70) * 0.62, (deck.width - 70) * 0.38
    size = next((s for s in (11.0, 10.0, 9.0, 8.0, 7.0, 6.5, 6.0, 5.5)
                 if _need(text, text_w, s) <= room and _need(box, box_w, s) <= room), 5.5)
    deck.box(slide, (30, 30, text_w, room), text, size)
    deck.box(slide, (40 + text_w, 30, box_w, room), box, size, box_fill)
    deck.footer(slide)


def _pptx_table(visit: Visit) -> tuple[bytes, Visit]:
    """16:9, theme in the title placeholder, boxes as a 2×3 table (labels in a dark header row)."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    model = quality_model_for(visit)
    deck = _FooterDeck(960.0, 540.0)
    labels = ("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…")
    dark, light = ("595959", "5F497A", "BF9000"), ("F2F2F2", "E4DFEC", "FFF2CC")
    top, label_h, bottom = 100.0, 28.0, 40.0
    widths = (330.0, 285.0, 285.0)
    room = 540.0 - top - label_h - bottom
    sizes = (12.0, 11.0, 10.0, 9.0, 8.0)

    def size_for(section: Section) -> float | None:
        boxes = _boxes(section)
        return next((s for s in sizes if all(_need(b, w, s) <= room for b, w in zip(boxes, widths, strict=True))),
                    None)

    sections = split_to_fit(list(visit.sections), lambda s: size_for(s) is not None)
    _cover_slide(deck, visit)
    _method_slides(deck, visit, "DEEAF6")
    deck.titled_flow(impression_paras(visit))
    for section in sections:
        slide = deck.slide(5)
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = Pt(30), Pt(20), Pt(900), Pt(70)
        themes = _theme_lines(section, model, "{word} {id} (fortsat)")
        title_size = {1: 24.0, 2: 18.0}.get(len(themes), 14.0)
        deck.frame(title.text_frame, [plain(line, size=title_size) for line in themes], title_size, colour=None)
        size = size_for(section) or sizes[-1]
        shape = slide.shapes.add_table(2, 3, Pt(30), Pt(top), Pt(sum(widths)), Pt(label_h + room))
        table = shape.table
        table.first_row = True
        for column, (label, paras) in enumerate(zip(labels, _boxes(section), strict=True)):
            table.columns[column].width = Pt(widths[column])
            head, body = table.cell(0, column), table.cell(1, column)
            for cell, fill in ((head, dark[column]), (body, light[column])):
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(fill)
            deck.frame(head.text_frame, [plain(label, bold=True)], 13, colour="FFFFFF")
            deck.frame(body.text_frame, paras, size)
        table.rows[0].height, table.rows[1].height = Pt(label_h), Pt(room)
        deck.footer(slide)
    assessment = assessment_paras(visit)
    deck.titled_flow(assessment, 20)
    deck.titled_flow(conclusion_paras(visit, model))
    deck.titled_flow(appendix_paras(model), 11)
    return deck.save(), _expected(visit, sections)


def _custom_layout(deck: _Deck, rects: list[tuple[float, float, float, float]], fills: tuple[str, str, str]) -> Any:
    """The 'Comparison' layout rebuilt as a 'Tema' layout: the title and three body
    placeholders (idx 13–15) whose fills and positions live only in the layout."""
    from lxml import etree

    layout = deck.presentation.slide_layouts[4]
    layout.name = "Tema"
    tree = layout.shapes._spTree
    for placeholder in list(layout.placeholders):
        if placeholder.placeholder_format.idx in (1, 2, 3, 4):
            tree.remove(placeholder._element)
    for number, ((x, y, w, h), fill) in enumerate(zip(rects, fills, strict=True)):
        idx = 13 + number
        tree.append(etree.fromstring(
            f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="{100 + idx}" name="Boks {number + 1}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="{idx}"/>'
            f'</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="{int(x * PT)}" y="{int(y * PT)}"/>'
            f'<a:ext cx="{int(w * PT)}" cy="{int(h * PT)}"/></a:xfrm><a:solidFill><a:srgbClr val="{fill}"/>'
            f'</a:solidFill></p:spPr><p:txBody><a:bodyPr anchor="t"><a:normAutofit/></a:bodyPr><a:lstStyle>'
            f'<a:lvl1pPr marL="0" indent="0"><a:buNone/><a:defRPr sz="1100"/></a:lvl1pPr></a:lstStyle>'
            f'<a:p><a:pPr lvl="0"/><a:r><a:rPr lang="da-DK"/><a:t>Klik for at tilføje tekst</a:t></a:r></a:p>'
            f'</p:txBody></p:sp>'))
    return layout


def _pptx_layout(visit: Visit) -> tuple[bytes, Visit]:
    """4:3, boxes as the body placeholders of a custom layout (grey on top, purple and yellow
    below), labels as their bold first paragraph, speaker notes on every theme slide."""
    from pptx.util import Pt

    model = quality_model_for(visit)
    deck = _Deck(720.0, 540.0, font="Arial")
    labels = ("Vi talte om", "Dette peger på, at…", "Ledere og medarbejdere peger på…")
    fills = ("D9D9D9", "CCC0DA", "FFF2CC")
    rects = [(24.0, 92.0, 672.0, 214.0), (24.0, 314.0, 332.0, 202.0), (364.0, 314.0, 332.0, 202.0)]
    layout = _custom_layout(deck, rects, fills)
    sizes = (11.0, 10.0, 9.0, 8.0, 7.5, 7.0)

    def size_for(section: Section) -> float | None:
        boxes = [[plain(label, bold=True), *paras] for label, paras in zip(labels, _boxes(section), strict=True)]
        return next((s for s in sizes if all(_need(b, r[2], s) <= r[3] for b, r in zip(boxes, rects, strict=True))),
                    None)

    sections = split_to_fit(list(visit.sections), lambda s: size_for(s) is not None)
    _cover_slide(deck, visit)
    _method_slides(deck, visit, "DDEBF7")
    deck.titled_flow(impression_paras(visit), 13)
    for section in sections:
        slide = deck.slide(layout)
        themes = _theme_lines(section, model, "{word} {id}: {title} (fortsat)")
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = Pt(24), Pt(8), Pt(672), Pt(80)
        title_size = {1: 22.0, 2: 16.0}.get(len(themes), 12.0)
        deck.frame(title.text_frame, [plain(line, size=title_size) for line in themes], title_size, colour=None)
        size = size_for(section) or sizes[-1]
        for number, (label, paras) in enumerate(zip(labels, _boxes(section), strict=True)):
            placeholder = slide.placeholders[13 + number]
            deck.frame(placeholder.text_frame, [plain(label, bold=True), *paras], size)
        notes = slide.notes_slide.notes_text_frame
        notes.text = (f"Husk at nævne de blå kort fra dagen. Temaet blev drøftet med "
                      f"{', '.join(visit.spoke_with) or 'ledelsen'}. Spørg ind til opfølgning på tavlemødet.")
    assessment = assessment_paras(visit)
    if assessment:
        slide = deck.slide(6)
        deck.box(slide, (24, 160, 672, 160), assessment, 20, "FFF2CC")
    deck.titled_flow(conclusion_paras(visit, model), 12)
    deck.titled_flow(appendix_paras(model), 10)
    return deck.save(), _expected(visit, sections)


def _corporate_theme(deck: _Deck) -> None:
    """A corporate colour theme: Office's, with a yellow accent6 (as Office 2013's accent4)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = deck.presentation.slide_master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    xml = re.sub(r"<a:accent6>.*?</a:accent6>", '<a:accent6><a:srgbClr val="FFC000"/></a:accent6>', xml, flags=re.DOTALL)
    xml = xml.replace('name="Office Theme"', 'name="Kommune"', 1)
    theme._blob = xml.encode("utf-8")


def _tint(scheme: str, mod: int, off: int | None) -> Callable[[Any], None]:
    """A shape fill as PowerPoint's colour picker writes a theme colour tint."""
    from lxml import etree

    def apply(shape: Any) -> None:
        sp_pr = shape._element.spPr
        for old in sp_pr.findall(f"{{{A}}}solidFill") + sp_pr.findall(f"{{{A}}}noFill"):
            sp_pr.remove(old)
        offset = f'<a:lumOff val="{off}"/>' if off is not None else ""
        fill = etree.fromstring(f'<a:solidFill xmlns:a="{A}"><a:schemeClr val="{scheme}">'
                                f'<a:lumMod val="{mod}"/>{offset}</a:schemeClr></a:solidFill>')
        geometry = sp_pr.find(f"{{{A}}}prstGeom")
        geometry.addnext(fill)

    return apply


def _slide_number_box(deck: _Deck, slide: Any) -> None:
    """A text box with a slide-number field in the corner (not a placeholder)."""
    from lxml import etree
    from pptx.util import Pt

    box = slide.shapes.add_textbox(Pt(deck.width - 70), Pt(deck.height - 26), Pt(50), Pt(18))
    p = box.text_frame.paragraphs[0]._p
    p.append(etree.fromstring(
        f'<a:fld xmlns:a="{A}" id="{{1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9}}" type="slidenum">'
        f'<a:rPr lang="da-DK" sz="900"/><a:t>{len(deck.presentation.slides)}</a:t></a:fld>'))


def _pptx_tints(visit: Visit) -> tuple[bytes, Visit]:
    """16:9, theme column left, boxes purple | grey | yellow as theme colour tints."""
    model = quality_model_for(visit)
    deck = _Deck(960.0, 540.0)
    _corporate_theme(deck)
    order = (BoxKind.POINTS_TO, BoxKind.TALKED_ABOUT, BoxKind.SUGGESTIONS)
    labels = {BoxKind.TALKED_ABOUT: "Vi talte om …", BoxKind.POINTS_TO: "Dette peger på at …",
              BoxKind.SUGGESTIONS: "Ledere og medarbejdere peger på …"}
    fills = {BoxKind.TALKED_ABOUT: _tint("bg1", 85000, None), BoxKind.POINTS_TO: _tint("accent4", 20000, 80000),
             BoxKind.SUGGESTIONS: _tint("accent6", 40000, 60000)}
    left, top, gap = 24.0, 24.0, 8.0
    theme_w = 150.0
    column_w = (960.0 - 2 * left - theme_w - 3 * gap) / 3
    box_h = 540.0 - 2 * top - 16
    sizes = (11.0, 10.0, 9.0, 8.5, 8.0, 7.5, 7.0)

    def contents(section: Section) -> list[list[Para]]:
        return [[plain(labels[kind], bold=True), *item_paras(section.box(kind).items)] for kind in order]

    def size_for(section: Section) -> float | None:
        return next((s for s in sizes if all(_need(b, column_w, s) <= box_h for b in contents(section))), None)

    sections = split_to_fit(list(visit.sections), lambda s: size_for(s) is not None)
    _cover_slide(deck, visit)
    _method_slides(deck, visit, "DEEAF6")
    for paras in (impression_paras(visit),):
        slide = deck.slide(6)
        size = next((s for s in (12.0, 11.0, 10.0, 9.0, 8.0) if _need(paras, 912, s) <= 470), 8.0)
        deck.box(slide, (24, 24, 912, 480), paras, size)
        _slide_number_box(deck, slide)
    for section in sections:
        slide = deck.slide(6)
        themes = _theme_lines(section, model, "{word} {id} fortsat")
        deck.box(slide, (left, top, theme_w, box_h), [plain(line, bold=True) for line in themes], 13,
                 _tint("tx2", 20000, 80000))
        size = size_for(section) or sizes[-1]
        x = left + theme_w + gap
        for kind, paras in zip(order, contents(section), strict=True):
            deck.box(slide, (x, top, column_w, box_h), paras, size, fills[kind])
            x += column_w + gap
        _slide_number_box(deck, slide)
    flows = [assessment_paras(visit), conclusion_paras(visit, model), appendix_paras(model)]
    for paras in flows:
        if not paras:
            continue
        chunks: list[list[Para]] = [[]]
        for para in paras:
            if chunks[-1] and _need([*chunks[-1], para], 912, 11) > 470:
                chunks.append([])
            chunks[-1].append(para)
        for chunk in chunks:
            slide = deck.slide(6)
            deck.box(slide, (24, 24, 912, 480), chunk, 11)
            _slide_number_box(deck, slide)
    return deck.save(), _expected(visit, sections)


def _word(kind: str) -> Callable[[Visit], tuple[bytes, Visit]]:
    return lambda visit: _word_report(visit, kind)


TEMPLATES: list[OfficeTemplate] = [
    OfficeTemplate("word_cells", ".docx", "A4 portrait, Heading 1 theme titles, each box a one-cell shaded table "
                   "with a bold 'Vi talte om:' first paragraph, header/footer with page fields, long themes "
                   "continued under 'Tema N (fortsat)'", _word("word_cells")),
    OfficeTemplate("word_header_rows", ".docx", "portrait text, landscape theme sections; Heading 2 theme; a 2×3 "
                   "table: upper-case labels in a dark repeating header row, text in light cells below",
                   _word("word_header_rows")),
    OfficeTemplate("word_grid", ".docx", "A4 landscape; per theme a 2×3 grid: theme column and grey box merged "
                   "over two rows, purple above yellow on the right; en-dash bullets", _word("word_grid")),
    OfficeTemplate("word_form", ".docx", "form look: side box as a label/value table, each theme a 3×2 table "
                   "(label column left, text right) stacked grey/purple/yellow; Wingdings bullets",
                   _word("word_form")),
    OfficeTemplate("word_controls", ".docx", "form template with content controls: side-box values as inline "
                   "controls, each box's text a block-level control in a one-cell table under its label, "
                   "theme titles bold with a bottom border", _word_controls),
    OfficeTemplate("pptx_table", ".pptx", "16:9, theme in the title placeholder, boxes a 2×3 table (label header "
                   "row, text row), footer and slide-number placeholders, overflow on '(fortsat)' slides",
                   _pptx_table),
    OfficeTemplate("pptx_layout", ".pptx", "4:3, a custom 'Tema' layout with three body placeholders (fill and "
                   "position inherited), grey full width on top, speaker notes", _pptx_layout),
    OfficeTemplate("pptx_tints", ".pptx", "16:9, theme column left, boxes ordered purple|grey|yellow with Office "
                   "theme colour tints (schemeClr lumMod/lumOff), slide-number field in a text box", _pptx_tints),
]
"""The probe templates, in the order the probe script runs them."""

