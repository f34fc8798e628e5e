"""Word documents as Word writes them, in templates of other offices, and their LibreOffice PDFs.

Three templates, each a different way people build the coloured boxes in Word:

- ``tables`` (A4 landscape): a table per theme page, the theme in a merged top row shaded a
  near-white grey, the three boxes as shaded cells side by side;
- ``textboxes`` (A4 portrait): the theme as a heading paragraph, the boxes as floating text boxes
  stacked down the page (``mc:AlternateContent``: a DrawingML shape and its VML fallback);
- ``shading`` (A4 portrait): no tables or shapes at all, the boxes as runs of shaded paragraphs.

Runs are split mid-word with spelling marks between them, as Word leaves them after editing.
Bullets use the "List Bullet" style and numbered points "List Number" with a list of their own
(``numbering.xml``, restarting at the point's own number), so Word — and LibreOffice when it
converts the file — draws the markers; the text holds no "1.". Cards are bold runs.
"""

from __future__ import annotations

import copy
import io
import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from fixture_builder.fuzz import BOX_LIKE, CONTINUATIONS, LABELS, NEAR_WHITE, PALETTES
from fixture_builder.pages import Page, Para, plain, quality_model_for, report_pages, run_in
from fixture_builder.pdf_text import Fonts, layout, register_font
from fixture_builder.word import add_para, add_text_box, shade, write_stable_zip
from kvalitet_core.model import BoxKind, Visit
from kvalitet_core.quality_model import QualityModel

_NUMBERED = re.compile(r"^(\d+)\.\s+")
FONT = "Liberation Sans"
"""A font LibreOffice has, so the text boxes can be sized from the same metrics."""


@dataclass(frozen=True)
class WordTemplate:
    """One Word layout: how the boxes are built, their fills and label spellings."""

    name: str
    kind: str
    """How the boxes are built: "tables", "textboxes" or "shading"."""
    landscape: bool
    fills: tuple[str, str, str]
    labels: tuple[str, str, str]
    theme_fill: str | None
    continuation: str
    breaks: str
    """How a new page starts: a "page" break, a new "section", or "before" (the first paragraph
    of the page has ``w:pageBreakBefore``)."""
    inline_side_box: bool = False
    run_in: bool = False
    """Labels run in, bold, before their box's first paragraph ("Vi talte om: …")."""

    def describe(self) -> str:
        return (f"word {self.name} ({self.kind}): A4 {'landscape' if self.landscape else 'portrait'}, fills "
                f"{'/'.join(self.fills)}, theme fill {self.theme_fill or 'none'}, labels {list(self.labels)}, "
                f"continuation '{self.continuation}', {self.breaks} breaks, List Bullet/List Number numbering"
                f"{', side box inline' if self.inline_side_box else ''}{', labels run in' if self.run_in else ''}")


TEMPLATES = [
    WordTemplate("tables", "tables", landscape=True, fills=("D9D9D9", "E4DFEC", "FFF2CC"),
                 labels=("Vi talte om:", "Dette peger på at:", "Ledere og medarbejdere peger på:"),
                 theme_fill="F2F2F2", continuation="{word} {id} (fortsat)", breaks="page"),
    WordTemplate("textboxes", "textboxes", landscape=False, fills=("E7E6E6", "CCC0DA", "FFE699"),
                 labels=("VI TALTE OM", "DETTE PEGER PÅ, AT…", "LEDERE OG MEDARBEJDERE PEGER PÅ…"),
                 theme_fill=None, continuation="{word} {id} fortsat", breaks="section"),
    WordTemplate("shading", "shading", landscape=False, fills=("D0CECE", "D9D2E9", "FFF2CC"),
                 labels=("Vi talte om …", "Dette peger på at …", "Ledere og medarbejdere peger på …"),
                 theme_fill="DEEAF6", continuation="{word} {id} – fortsættelse", breaks="before",
                 inline_side_box=True),
]


class Numbering:
    """Lists of their own in ``numbering.xml``: each numbered list restarts at its first number,
    as Word does when a user starts a new list."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self.root = document.part.numbering_part.element
        style_num = document.styles["List Number"].element.pPr.numPr.numId.val
        num = next(n for n in self.root.findall(qn("w:num")) if n.get(qn("w:numId")) == str(style_num))
        self.abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        self.next_id = max(int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))) + 1

    def new_list(self, start: int) -> int:
        from lxml import etree

        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        num_id = self.next_id
        self.next_id += 1
        self.root.append(etree.fromstring(
            f'<w:num xmlns:w="{w}" w:numId="{num_id}"><w:abstractNumId w:val="{self.abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        return num_id


def _number(paragraph: Any, num_id: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)


class Writer:
    """Writes paragraphs into a container, numbered points as real list numbering."""

    def __init__(self, document: Any) -> None:
        self.numbering = Numbering(document)
        self.current: int | None = None
        self.expected = 0
        self.break_before = False
        """The next paragraph starts a page (``w:pageBreakBefore``)."""

    def write(self, container: Any, paras: list[Para], fill: str | None = None) -> list[Any]:
        written = []
        for para in paras:
            numbered = _NUMBERED.match(para.text) if not para.marker else None
            if numbered:
                first, bold = para.runs[0]
                number = int(numbered.group(1))
                para = Para([(first[numbered.end():], bold), *para.runs[1:]], size=para.size)
                if self.current is None or number != self.expected:
                    self.current = self.numbering.new_list(number)
                self.expected = number + 1
                out = add_para(container, para)
                out.style = "List Number"
                _number(out, self.current)
            else:
                self.current = None
                out = add_para(container, para)
            if fill:
                shade(out._p.get_or_add_pPr(), fill)
            _split_first_run(out)
            if self.break_before:
                out.paragraph_format.page_break_before = True
                self.break_before = False
            written.append(out)
        return written


def _split_first_run(paragraph: Any) -> None:
    """Cut the paragraph's first run in two, mid-word, with a spelling mark around the second
    half: Word splits runs wherever an edit session or the spell checker touched them, so the
    text of one word (a label's, even) is often spread over several ``w:r``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = next((r for r in paragraph.runs if len(r.text) >= 6), None)
    if run is None:
        return
    text = run.text
    cut = len(text) // 2
    second = copy.deepcopy(run._r)
    run.text = text[:cut]
    second.remove(second.find(qn("w:t")))
    run._r.addnext(second)
    tail = OxmlElement("w:t")
    tail.text = text[cut:]
    tail.set(qn("xml:space"), "preserve")
    second.append(tail)
    for kind, anchor in (("spellStart", run._r), ("spellEnd", second)):
        mark = OxmlElement("w:proofErr")
        mark.set(qn("w:type"), kind)
        anchor.addnext(mark)


def random_word_template(seed: int) -> WordTemplate:
    """A Word template drawn from ``seed``: how the boxes are built, orientation, palette, label
    spellings, theme fill, continuation marker, page breaks and the side box's form."""
    rng = random.Random(seed)
    kind = rng.choice(["tables", "textboxes", "shading"])
    upper = rng.random() < 0.25

    def label(box: BoxKind) -> str:
        choice = rng.choice(LABELS[box])
        return choice.upper() if upper else choice

    grey, purple, yellow = rng.choice([fills for fills in PALETTES.values() if all(fills)])
    template = WordTemplate(
        f"random{seed}", kind, landscape=rng.random() < 0.5, fills=(str(grey), str(purple), str(yellow)),
        labels=(label(BoxKind.TALKED_ABOUT), label(BoxKind.POINTS_TO), label(BoxKind.SUGGESTIONS)),
        theme_fill=rng.choice([None, *NEAR_WHITE, *BOX_LIKE]),
        continuation=rng.choice([CONTINUATIONS[key] for key in ("fortsat", "paren", "continuation", "title-paren")]),
        breaks=rng.choice(["page", "section", "before"]), inline_side_box=rng.random() < 0.4,
    )
    return replace(template, run_in=rng.random() < 0.25)  # drawn last: earlier draws stay as they were


def _document(landscape: bool) -> Any:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.0
    return document


def _theme_text(page: Page, template: WordTemplate, section_continued: bool, themes: list[str],
                model: QualityModel) -> list[Para]:
    """The theme column's paragraphs, or the template's continuation marker per theme."""
    if section_continued:
        return [plain(template.continuation.format(word=model.theme_word, id=theme_id,
                                                   title=getattr(model.theme(theme_id), "title", "")), bold=True)
                for theme_id in themes]
    return page.regions[0].paras


def _boxes(page: Page, template: WordTemplate) -> list[tuple[list[Para], str]]:
    return [(run_in(label, region.paras) if template.run_in else [plain(label, bold=True), *region.paras], fill)
            for region, label, fill in zip(page.regions[1:], template.labels, template.fills, strict=True)]


@cache
def _fonts() -> Fonts:
    """Liberation Sans, the documents' font, for measuring text before LibreOffice lays it out."""
    register_font("LiberationSans-Regular")
    register_font("LiberationSans-Bold")
    return Fonts(regular="LiberationSans-Regular", bold="LiberationSans-Bold")


def _box_height(paras: list[Para], width: float, size: float) -> float:
    """The height a text box needs, from Liberation Sans metrics with Word's spacing."""
    lines = layout(paras, width - 14.4, size, _fonts())
    return sum(line.size * 1.17 for line in lines) + len(paras) * 4 + 7.2 + 6


def word_document(visit: Visit, template: WordTemplate) -> bytes:
    """The report as a .docx in the template (the bytes of a stable zip: no timestamps)."""
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    model = quality_model_for(visit)
    document = _document(template.landscape)
    writer = Writer(document)
    pages = report_pages(visit, model, style=1, inline_side_box=template.inline_side_box)
    sections = iter(visit.sections)
    page_w = 842.0 if template.landscape else 595.0
    page_h = 595.0 if template.landscape else 842.0
    margin = 42.5
    for index, page in enumerate(pages):
        if page.kind == "theme":
            section = next(sections)
            theme = _theme_text(page, template, section.continued, section.themes, model)
            boxes = _boxes(page, template)
            if template.kind == "tables":
                table = document.add_table(rows=2, cols=3)
                table.style = "Table Grid"
                band = table.cell(0, 0).merge(table.cell(0, 2))
                band.paragraphs[0]._p.getparent().remove(band.paragraphs[0]._p)
                writer.write(band, theme)
                if template.theme_fill:
                    shade(band._tc.get_or_add_tcPr(), template.theme_fill)
                for column, (paras, fill) in enumerate(boxes):
                    cell = table.cell(1, column)
                    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
                    writer.write(cell, paras)
                    shade(cell._tc.get_or_add_tcPr(), fill)
            elif template.kind == "textboxes":
                heading = writer.write(document, [Para(para.runs, size=14) for para in theme])
                for out in heading:
                    out.paragraph_format.space_after = Pt(6)
                anchor = document.add_paragraph()
                width = page_w - 2 * margin
                top = margin + 30 * len(theme) + 10
                room = page_h - margin - top - 16
                size = next((size for size in (9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
                             if sum(_box_height(paras, width, size) for paras, _ in boxes) <= room), 6.0)
                if size != 9.0:
                    for paras, _ in boxes:
                        paras[:] = [Para(para.runs, para.marker, para.size or size, para.tight) for para in paras]
                y = top
                scratch = _document(False)
                for shape_id, (paras, fill) in enumerate(boxes, start=1):
                    box_h = _box_height(paras, width, size)
                    # Written into a scratch document, numbered through this document's numbering.
                    paragraphs = [out._p for out in writer.write(scratch, paras)]
                    add_text_box(anchor, shape_id, paragraphs, fill, (margin, y, width, box_h))
                    y += box_h + 8
            else:
                writer.write(document, theme, template.theme_fill)
                for paras, fill in boxes:
                    writer.write(document, paras, fill)
                    document.add_paragraph()
        elif page.kind == "method":
            text, side = page.regions
            writer.write(document, text.paras)
            writer.write(document, side.paras, "F2F2F2")
        elif page.regions[0].paras and page.regions[0].paras[0].text == "Bedømmelse":
            writer.write(document, page.regions[0].paras, "FFF2CC")
        else:
            writer.write(document, page.regions[0].paras)
        if index == len(pages) - 1:
            break
        if template.breaks == "page":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif template.breaks == "section":
            document.add_section(WD_SECTION.NEW_PAGE)
        else:
            writer.break_before = True
    buffer = io.BytesIO()
    document.save(buffer)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.docx"
        write_stable_zip(buffer.getvalue(), target)
        return target.read_bytes()


def soffice() -> str | None:
    """The LibreOffice executable, if the machine has one."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(sources: list[Path], out_dir: Path) -> None:
    """Convert documents (.docx, .pptx) to PDF with LibreOffice headless, all in one run."""
    office = soffice()
    if office is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kvalitet-office-") as profile:
        subprocess.run(
            [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out_dir), *map(str, sources)],
            check=True, capture_output=True, timeout=600,
        )
