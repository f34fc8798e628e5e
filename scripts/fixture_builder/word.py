"""Word documents: the helpers that write paragraphs, shading and text boxes as Word does.

Shared by the fixed fixture builder (``fixtures/docx*``) and the wild Word producer
(:mod:`fixture_builder.word_wild`), so both write symbols, list styles, shading and the
``mc:AlternateContent`` text boxes with their VML fallback the same way.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

from fixture_builder.pages import ARROW, Para

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def shade(cell_or_pr: Any, fill: str) -> None:
    """Shade a table cell (``w:tcPr``) or a paragraph (``w:pPr``) the way Word writes it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell_or_pr.append(shd)


def symbol(run: Any, font: str, char: str) -> None:
    """A Word symbol character (Insert ▸ Symbol): ``<w:sym w:font=… w:char=…/>``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), font)
    sym.set(qn("w:char"), char)
    run._r.append(sym)


def add_para(container: Any, para: Para, size: float = 10.0) -> Any:
    """Write one paragraph: list items in "List Bullet", arrows as Wingdings symbols, bold runs.

    Check-box items are written the way people often type them: a Wingdings box and a tab.
    """
    from docx.shared import Pt

    style = "List Bullet" if para.marker == "bullet" else None
    out = container.add_paragraph(style=style)
    if para.marker == "check":
        symbol(out.add_run(), "Wingdings", "F06F")
        out.add_run("\t")
    for text, bold in para.runs:
        for index, part in enumerate(text.split(ARROW)):
            if index:
                symbol(out.add_run(), "Wingdings", "F0E0")
            if part:
                run = out.add_run(part)
                run.bold = bold or None
                if para.size:
                    run.font.size = Pt(para.size)
    return out


def landscape_document() -> Any:
    """An A4 landscape document with narrow margins and 9 pt body text."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))
    document.styles["Normal"].font.size = Pt(9)
    return document


def fill_cell(cell: Any, paras: list[Para], fill: str | None) -> None:
    """Replace a table cell's empty paragraph with these paragraphs and shade the cell."""
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for para in paras:
        add_para(cell, para)
    if fill:
        shade(cell._tc.get_or_add_tcPr(), fill)


def write_stable_zip(data: bytes, path: Path) -> None:
    """Rewrite the package with fixed timestamps, so a rebuild changes no bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            stable = zipfile.ZipInfo(member.filename, date_time=(2020, 1, 1, 0, 0, 0))
            stable.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stable, source.read(member.filename))


EMU_PER_PT = 12700


def add_text_box(anchor: Any, shape_id: int, paragraphs: list[Any], fill: str | None,
                 geometry: tuple[float, float, float, float]) -> None:
    """A floating text box anchored in the paragraph ``anchor``, as Word saves shapes: a
    DrawingML shape in ``mc:Choice`` and a VML copy of the same text in ``mc:Fallback``.
    ``paragraphs`` are ``w:p`` elements written elsewhere (a scratch document); both copies of
    the box get a copy of each."""
    from lxml import etree

    x, y, w, h = geometry
    xml = TEXT_BOX.format(
        id=shape_id, x=int(x * EMU_PER_PT), y=int(y * EMU_PER_PT), w=int(w * EMU_PER_PT),
        h=int(h * EMU_PER_PT), wpt=w, hpt=h, xpt=x, ypt=y,
        fill=(f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else "<a:noFill/>"),
        vml_fill=(f'fillcolor="#{fill}"' if fill else 'filled="f"'),
    )
    element = etree.fromstring(xml)
    for content in element.iter(f"{{{W_NS}}}txbxContent"):
        for p in paragraphs:
            content.append(copy.deepcopy(p))
    anchor.add_run()._r.append(element)


TEXT_BOX = """<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{id}" behindDoc="0" locked="0"
 layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>
<wp:extent cx="{w}" cy="{h}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="{id}" name="Tekstfelt {id}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}</wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx><wps:bodyPr rot="0" wrap="square"/></wps:wsp>
</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape id="Tekstfelt {id}" type="#_x0000_t202"
 style="position:absolute;margin-left:{xpt}pt;margin-top:{ypt}pt;width:{wpt}pt;height:{hpt}pt" {vml_fill} stroked="f">
<v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"""
