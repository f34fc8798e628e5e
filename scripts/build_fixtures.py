"""Render the reference visits (``fixtures/*.yaml``) into realistic PDF and Word files.

The importers are tested against files that look like the written-feedback reports users have
on disk, so this builder reproduces their layout rather than a convenient one: A4 landscape, a
cover, a method page with the side box "Oplysninger om besøget", one page per theme section with
a narrow theme column and three filled boxes (grey, purple, yellow) that carry their labels,
bold topic headings, bullets from the Symbol font, arrows and check boxes from ZapfDingbats, the
assessment, the conclusion and the themes appendix.

The PDFs are written with reportlab, a different library from the one the importer reads with
(pypdfium2), and embed a subset of DejaVu Sans for the Danish text. Variants:

- ``fixtures/pdf/<id>.pdf``: upright landscape pages;
- ``fixtures/pdf-rotated/<id>.pdf``: portrait pages with ``/Rotate 90`` and the content drawn
  turned, so a viewer shows them upright;
- ``fixtures/pdf-rotated/<id>.turned.pdf``: the same turned content without ``/Rotate`` (a page a
  viewer shows sideways: the reader has to tell the upright direction from the text itself);
- ``fixtures/docx/<id>.docx``: boxes as shaded table cells, the theme column as a table column;
- ``fixtures/docx-textbox/<id>.docx``: boxes as text boxes, as Word writes them (``mc:Choice``
  with a DrawingML shape and an ``mc:Fallback`` VML copy of the same text).

Run ``python scripts/build_fixtures.py`` to rebuild everything; a rebuild is byte-identical.
"""

from __future__ import annotations

import copy
import io
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixture_builder.pages import ARROW, Page, Para, Region, quality_model_for, report_pages  # noqa: E402
from fixture_builder.pdf_text import (  # noqa: E402
    BODY_SIZES,
    DEFAULT_FONTS,
    PdfPainter,
    fit,
    height,
    layout,
    register_fonts,
    with_label,
)
from kvalitet_core.model import BoxKind, Visit  # noqa: E402
from kvalitet_core.native import load_yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


# --- PDF ------------------------------------------------------------------------------------

PAGE_W, PAGE_H = 842.0, 595.0  # A4 landscape
MARGIN = 30.0
PAD = 7.0
REGULAR = DEFAULT_FONTS.regular


def fit_or_stop(regions: list[tuple[Region, float, float]]) -> float:
    """The largest body size at which everything fits; a fixture never drops text."""
    size = fit(regions)
    if size is None:
        raise SystemExit("build_fixtures: a page holds more text than fits at the smallest size")
    return size


def paint_page(painter: PdfPainter, page: Page, number: int) -> None:
    painter.begin()
    inner_w = PAGE_W - 2 * MARGIN
    if page.kind == "cover":
        lines = layout(page.regions[0].paras, inner_w, 12)
        painter.text(lines, MARGIN, PAGE_H * 0.35, centre_width=inner_w)
    elif page.kind == "method":
        left, side = page.regions
        split = MARGIN + inner_w * 0.64
        left_w, side_w = split - MARGIN - 12, PAGE_W - MARGIN - split - 2 * PAD
        size = fit_or_stop([(left, left_w, PAGE_H - 2 * MARGIN), (side, side_w, PAGE_H - 2 * MARGIN - 2 * PAD)])
        painter.text(layout(left.paras, left_w, size), MARGIN, MARGIN)
        painter.rect(split, MARGIN, PAGE_W - MARGIN - split, PAGE_H - 2 * MARGIN, side.fill or "FFFFFF")
        painter.text(layout(side.paras, side_w, size), split + PAD, MARGIN + PAD)
    elif page.kind == "flow":
        region = page.regions[0]
        size = fit_or_stop([(region, inner_w, PAGE_H - 2 * MARGIN - 20)])
        painter.text(layout(region.paras, inner_w, size), MARGIN, MARGIN)
    else:
        paint_theme_page(painter, page)
    painter.canvas.setFont(REGULAR, 8)
    painter.canvas.drawRightString(PAGE_W - MARGIN, 14, str(number))
    painter.end()


def paint_theme_page(painter: PdfPainter, page: Page) -> None:
    """Theme column on the left, grey box in the middle, purple above yellow on the right."""
    column, grey, purple, yellow = page.regions
    column_w, gutter = 118.0, 8.0
    grey_x = MARGIN + column_w + gutter
    right_x = grey_x + (PAGE_W - MARGIN - grey_x - gutter) * 0.52 + gutter
    grey_w, right_w = right_x - gutter - grey_x, PAGE_W - MARGIN - right_x
    full_h = PAGE_H - 2 * MARGIN
    text_w = right_w - 2 * PAD
    for size in BODY_SIZES:
        need_purple = height(layout(with_label(purple), text_w, size)) + 2 * PAD
        need_yellow = height(layout(with_label(yellow), text_w, size)) + 2 * PAD
        grey_fits = height(layout(with_label(grey), grey_w - 2 * PAD, size)) <= full_h - 2 * PAD
        if grey_fits and need_purple + need_yellow + gutter <= full_h:
            break
    else:
        raise SystemExit("build_fixtures: a theme page holds more text than fits at the smallest size")
    spare = full_h - gutter - need_purple - need_yellow
    purple_h = need_purple + spare * 0.6
    painter.text(layout(column.paras, column_w, size), MARGIN, MARGIN)
    for region, x, top, w, h in ((grey, grey_x, MARGIN, grey_w, full_h),
                                 (purple, right_x, MARGIN, right_w, purple_h),
                                 (yellow, right_x, MARGIN + purple_h + gutter, right_w, full_h - purple_h - gutter)):
        painter.rect(x, top, w, h, region.fill or "FFFFFF")
        painter.text(layout(with_label(region), w - 2 * PAD, size), x + PAD, top + PAD)


def write_pdf(pages: list[Page], path: Path, *, turn: bool = False, rotate_flag: bool = False,
              encrypt: object | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    painter = PdfPainter(str(path), (PAGE_W, PAGE_H), turn=turn, rotate_flag=rotate_flag, encrypt=encrypt)
    for number, page in enumerate(pages, start=1):
        paint_page(painter, page, number)
    painter.save()


# --- Word -----------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _shade(cell_or_pr, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell_or_pr.append(shd)


def _symbol(run, font: str, char: str) -> None:
    """A Word symbol character (Insert ▸ Symbol): ``<w:sym w:font=… w:char=…/>``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), font)
    sym.set(qn("w:char"), char)
    run._r.append(sym)


def add_para(container, para: Para, size: float = 10.0):
    """Write one paragraph: list items in "List Bullet", arrows as Wingdings symbols, bold runs.

    Check-box items are written the way people often type them: a Wingdings box and a tab.
    """
    from docx.shared import Pt

    style = "List Bullet" if para.marker == "bullet" else None
    out = container.add_paragraph(style=style)
    if para.marker == "check":
        _symbol(out.add_run(), "Wingdings", "F06F")
        out.add_run("\t")
    for text, bold in para.runs:
        for index, part in enumerate(text.split(ARROW)):
            if index:
                _symbol(out.add_run(), "Wingdings", "F0E0")
            if part:
                run = out.add_run(part)
                run.bold = bold or None
                if para.size:
                    run.font.size = Pt(para.size)
    return out


def _landscape_document():
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


def _fill_cell(cell, paras: list[Para], fill: str | None) -> None:
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for para in paras:
        add_para(cell, para)
    if fill:
        _shade(cell._tc.get_or_add_tcPr(), fill)


def write_docx(pages: list[Page], path: Path, *, text_boxes: bool = False) -> None:
    from docx.enum.text import WD_BREAK

    document = _landscape_document()
    for index, page in enumerate(pages):
        if page.kind == "theme" and text_boxes:
            _theme_page_as_text_boxes(document, page)
        elif page.kind == "theme":
            column, grey, purple, yellow = page.regions
            table = document.add_table(rows=2, cols=3)
            table.style = "Table Grid"
            _fill_cell(table.cell(0, 0).merge(table.cell(1, 0)), column.paras, None)
            _fill_cell(table.cell(0, 1).merge(table.cell(1, 1)), with_label(grey), grey.fill)
            _fill_cell(table.cell(0, 2), with_label(purple), purple.fill)
            _fill_cell(table.cell(1, 2), with_label(yellow), yellow.fill)
        elif page.kind == "method":
            left, side = page.regions
            table = document.add_table(rows=1, cols=2)
            _fill_cell(table.cell(0, 0), left.paras, None)
            _fill_cell(table.cell(0, 1), side.paras, side.fill)
        else:
            for para in page.regions[0].paras:
                add_para(document, para)
        if index < len(pages) - 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)
    _write_stable_zip(buffer.getvalue(), path)


def _write_stable_zip(data: bytes, path: Path) -> None:
    """Rewrite the package with fixed timestamps, so a rebuild changes no bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            stable = zipfile.ZipInfo(member.filename, date_time=(2020, 1, 1, 0, 0, 0))
            stable.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stable, source.read(member.filename))


_EMU_PER_PT = 12700


def _theme_page_as_text_boxes(document, page: Page) -> None:
    """Each region as a floating text box anchored in one paragraph, as Word saves shapes."""
    from lxml import etree

    anchor = document.add_paragraph()
    geometry = [(MARGIN, MARGIN, 118, 535), (160, MARGIN, 330, 535), (500, MARGIN, 312, 300),
                (500, 340, 312, 225)]
    scratch = _landscape_document()
    for shape_id, (region, (x, y, w, h)) in enumerate(zip(page.regions, geometry), start=1):
        paras = [add_para(scratch, para)._p for para in with_label(region)]
        xml = _TEXT_BOX.format(
            id=shape_id, x=int(x * _EMU_PER_PT), y=int(y * _EMU_PER_PT), w=int(w * _EMU_PER_PT),
            h=int(h * _EMU_PER_PT), wpt=w, hpt=h, xpt=x, ypt=y,
            fill=(f'<a:solidFill><a:srgbClr val="{region.fill}"/></a:solidFill>' if region.fill else "<a:noFill/>"),
            vml_fill=(f'fillcolor="#{region.fill}"' if region.fill else 'filled="f"'),
        )
        element = etree.fromstring(xml)
        for content in element.iter(f"{{{W_NS}}}txbxContent"):
            for p in paras:
                content.append(copy.deepcopy(p))
        run = anchor.add_run()
        run._r.append(element)


_TEXT_BOX = """<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
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


# --- Building everything --------------------------------------------------------------------

def fixture_visits() -> Iterator[tuple[int, Visit]]:
    for index, path in enumerate(sorted(FIXTURES.glob("*.yaml"))):
        yield index, load_yaml(path.read_text(encoding="utf-8"), str(path))[0]


def build(out: Path = FIXTURES) -> list[Path]:
    register_fonts()
    written = []
    for index, visit in fixture_visits():
        pages = report_pages(visit, quality_model_for(visit), index)
        unfilled = report_pages(visit, quality_model_for(visit), index, fills=dict.fromkeys(BoxKind))
        targets = {
            out / "pdf" / f"{visit.id}.pdf": lambda p: write_pdf(pages, p),
            out / "pdf-rotated" / f"{visit.id}.pdf": lambda p: write_pdf(pages, p, turn=True, rotate_flag=True),
            out / "pdf-rotated" / f"{visit.id}.turned.pdf": lambda p: write_pdf(pages, p, turn=True),
            out / "pdf-unfilled" / f"{visit.id}.pdf": lambda p: write_pdf(unfilled, p),
            out / "docx" / f"{visit.id}.docx": lambda p: write_docx(pages, p),
            out / "docx-textbox" / f"{visit.id}.docx": lambda p: write_docx(pages, p, text_boxes=True),
        }
        for target, render in targets.items():
            render(target)
            written.append(target)
    return written


if __name__ == "__main__":
    for written in build():
        print(f"{written.relative_to(ROOT)}  {written.stat().st_size // 1024} KiB")
