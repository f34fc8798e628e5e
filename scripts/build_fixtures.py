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

import io
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixture_builder.pages import Page, Region, quality_model_for, report_pages  # noqa: E402
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
from fixture_builder.word import add_para, add_text_box, fill_cell, landscape_document, write_stable_zip  # noqa: E402
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

def write_docx(pages: list[Page], path: Path, *, text_boxes: bool = False) -> None:
    from docx.enum.text import WD_BREAK

    document = landscape_document()
    for index, page in enumerate(pages):
        if page.kind == "theme" and text_boxes:
            _theme_page_as_text_boxes(document, page)
        elif page.kind == "theme":
            column, grey, purple, yellow = page.regions
            table = document.add_table(rows=2, cols=3)
            table.style = "Table Grid"
            fill_cell(table.cell(0, 0).merge(table.cell(1, 0)), column.paras, None)
            fill_cell(table.cell(0, 1).merge(table.cell(1, 1)), with_label(grey), grey.fill)
            fill_cell(table.cell(0, 2), with_label(purple), purple.fill)
            fill_cell(table.cell(1, 2), with_label(yellow), yellow.fill)
        elif page.kind == "method":
            left, side = page.regions
            table = document.add_table(rows=1, cols=2)
            fill_cell(table.cell(0, 0), left.paras, None)
            fill_cell(table.cell(0, 1), side.paras, side.fill)
        else:
            for para in page.regions[0].paras:
                add_para(document, para)
        if index < len(pages) - 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)
    write_stable_zip(buffer.getvalue(), path)


def _theme_page_as_text_boxes(document, page: Page) -> None:
    """Each region as a floating text box anchored in one paragraph, as Word saves shapes."""
    anchor = document.add_paragraph()
    geometry = [(MARGIN, MARGIN, 118, 535), (160, MARGIN, 330, 535), (500, MARGIN, 312, 300),
                (500, 340, 312, 225)]
    scratch = landscape_document()
    for shape_id, (region, box) in enumerate(zip(page.regions, geometry), start=1):
        paragraphs = [add_para(scratch, para)._p for para in with_label(region)]
        add_text_box(anchor, shape_id, paragraphs, region.fill, box)


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
