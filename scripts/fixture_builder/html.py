"""The report as an HTML/CSS page printed to PDF by headless Chromium.

Reports are also made as web pages and printed from a browser. Chromium draws a ``<ul>`` marker
as a small vector shape, not as a glyph, breaks a box over two pages when it must, and writes its
own text runs: a code path of its own for the importers. Three templates: ``stacked`` (A4
portrait, the theme as a heading, the boxes one above the other), ``grid`` (A4 landscape, the
theme in a shaded band, the boxes in a 2 × 2 grid) and ``columns`` (A4 landscape, the theme in
a shaded left column, the boxes side by side with their labels as headings above them).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fixture_builder.pages import ARROW, Page, Para, quality_model_for, report_pages
from kvalitet_core.model import Visit


@dataclass(frozen=True)
class HtmlTemplate:
    """One HTML layout: page size, where the theme goes, box fills and label spellings."""

    name: str
    landscape: bool
    theme_place: str
    """"heading", "band" (a shaded band above the boxes) or "column" (a shaded left column)."""
    arrangement: str
    """"stacked", "grid" or "row"."""
    labels_above: bool
    fills: tuple[str, str, str]
    labels: tuple[str, str, str]
    font: str
    font_size: float = 9.0
    inline_side_box: bool = False

    def describe(self) -> str:
        return (f"chromium {self.name}: A4 {'landscape' if self.landscape else 'portrait'} {self.arrangement}, "
                f"theme {self.theme_place}, fills {'/'.join(self.fills)}, labels "
                f"{'above ' if self.labels_above else ''}{list(self.labels)}, {self.font} {self.font_size}pt, <ul>/<ol> lists"
                f"{', side box inline' if self.inline_side_box else ''}")


TEMPLATES = [
    HtmlTemplate("stacked", landscape=False, theme_place="heading", arrangement="stacked", labels_above=False,
                 fills=("E7E6E6", "E4DFEC", "FFF2CC"),
                 labels=("VI TALTE OM:", "DETTE PEGER PÅ AT:", "LEDERE OG MEDARBEJDERE PEGER PÅ:"),
                 font="'DejaVu Serif', serif", inline_side_box=True),
    HtmlTemplate("grid", landscape=True, theme_place="band", arrangement="grid", labels_above=False,
                 fills=("D9D9D9", "CCC0DA", "FFE699"),
                 labels=("Vi talte om", "Dette peger på, at...", "Ledere og medarbejdere peger på …"),
                 font="'Liberation Sans', 'DejaVu Sans', sans-serif"),
    HtmlTemplate("columns", landscape=True, theme_place="column", arrangement="row", labels_above=True,
                 fills=("F2F2F2", "E4DFEC", "FFF2CC"),
                 labels=("Vi talte om:", "Dette peger på at…", "Ledere og medarbejdere peger på…"),
                 font="'DejaVu Sans', sans-serif", font_size=7.0),
]

_NUMBERED = re.compile(r"^(\d+)\.\s+")

_CSS = """
@page {{ size: A4 {orientation}; margin: 14mm; }}
body {{ font-family: {font}; font-size: {size}pt; line-height: 1.25; margin: 0; }}
* {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
section {{ break-before: page; }}
section:first-child {{ break-before: auto; }}
.cover {{ background: #DEEAF6; padding: 40mm 10mm; text-align: center; }}
.cover .title {{ font-size: 26pt; font-weight: bold; }}
.big {{ font-size: 15pt; font-weight: bold; margin: 0 0 6pt 0; }}
p {{ margin: 0 0 5pt 0; }}
ul, ol {{ margin: 0 0 5pt 0; padding-left: 16pt; }}
ul.check {{ list-style-type: square; }}
.method {{ display: flex; gap: 10mm; }}
.method .text {{ flex: 62; }}
.method .side {{ flex: 38; background: #F2F2F2; padding: 6pt; }}
.theme {{ font-weight: bold; font-size: 13pt; margin-bottom: 6pt; }}
.band {{ background: #DEEAF6; padding: 5pt 8pt; }}
.box {{ padding: 6pt 8pt; margin-bottom: 6pt; }}
.label {{ font-weight: bold; margin-bottom: 4pt; }}
.grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: 6pt; }}
.grid .box {{ margin: 0; }}
.page {{ display: flex; gap: 8pt; }}
.page > .theme {{ flex: 0 0 32mm; background: #EDEDED; padding: 6pt; font-size: 11pt; }}
.row {{ display: flex; gap: 8pt; flex: 1; }}
.row > div {{ flex: 1; }}
.row > div:first-child {{ flex: 1.4; }}
h3 {{ font-size: 9.5pt; margin: 0 0 3pt 0; }}
.assessment {{ background: #FFF2CC; padding: 6pt 8pt; }}
"""


def _inline(para: Para) -> str:
    """A paragraph's runs as HTML; card words in ``<strong>``."""
    parts = []
    for text, bold in para.runs:
        escaped = html.escape(text.replace(ARROW, "→"), quote=False)
        parts.append(f"<strong>{escaped}</strong>" if bold else escaped)
    return "".join(parts)


def _paragraphs(paras: list[Para]) -> str:
    """Paragraphs with list items grouped as real lists: bullets in ``<ul>``, "1. …" points in
    ``<ol start=…>``, so the browser draws (and numbers) the markers itself."""
    out: list[str] = []
    open_list: str | None = None
    for para in paras:
        numbered = _NUMBERED.match(para.text) if not para.marker else None
        kind = "ul" if para.marker == "bullet" else "ul class=check" if para.marker == "check" else \
            "ol" if numbered else None
        if open_list and (kind is None or kind.split()[0] != open_list or numbered and numbered.group(1) == "1"):
            out.append(f"</{open_list}>")
            open_list = None
        if kind and not open_list:
            start = f' start="{numbered.group(1)}"' if numbered else ""
            out.append(f"<{kind}{start}>")
            open_list = kind.split()[0]
        if numbered:
            first, bold = para.runs[0]
            para = Para([(first[numbered.end():], bold), *para.runs[1:]])
        body = _inline(para)
        if kind:
            out.append(f"<li>{body}</li>")
        elif para.size and para.size >= 15:
            out.append(f'<p class="big">{body}</p>')
        elif len(para.runs) == 1 and para.runs[0][1]:
            out.append(f"<p><strong>{body}</strong></p>")
        else:
            out.append(f"<p>{body}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    return "\n".join(out)


def _theme_page(page: Page, template: HtmlTemplate) -> str:
    column, *boxes = page.regions
    theme = "".join(f"<div>{_inline(para)}</div>" for para in column.paras)
    theme_html = f'<div class="theme{" band" if template.theme_place == "band" else ""}">{theme}</div>'
    rendered = []
    for box, label, fill in zip(boxes, template.labels, template.fills, strict=True):
        body = _paragraphs(box.paras)
        if template.labels_above:
            rendered.append(f'<div><h3>{html.escape(label)}</h3><div class="box" style="background:#{fill}">'
                            f"{body}</div></div>")
        else:
            rendered.append(f'<div class="box" style="background:#{fill}"><div class="label">{html.escape(label)}'
                            f"</div>{body}</div>")
    if template.arrangement == "grid":
        return f'<section>{theme_html}<div class="grid">{"".join(rendered)}</div></section>'
    if template.arrangement == "row":
        return f'<section class="page">{theme_html}<div class="row">{"".join(rendered)}</div></section>'
    return f"<section>{theme_html}{''.join(rendered)}</section>"


def report_html(visit: Visit, template: HtmlTemplate) -> str:
    """The whole report as one HTML document in the template."""
    model = quality_model_for(visit)
    sections = []
    for page in report_pages(visit, model, style=2, inline_side_box=template.inline_side_box):
        if page.kind == "cover":
            paras = page.regions[0].paras
            sections.append('<section class="cover">' + "".join(
                f'<div class="{"title" if para.size and para.size >= 28 else ""}">{_inline(para)}</div>'
                for para in paras) + "</section>")
        elif page.kind == "method":
            text, side = page.regions
            sections.append(f'<section class="method"><div class="text">{_paragraphs(text.paras)}</div>'
                            f'<div class="side">{_paragraphs(side.paras)}</div></section>')
        elif page.kind == "theme":
            sections.append(_theme_page(page, template))
        elif page.regions[0].paras and page.regions[0].paras[0].text == "Bedømmelse":
            sections.append(f'<section><div class="assessment">{_paragraphs(page.regions[0].paras)}</div></section>')
        else:
            sections.append(f"<section>{_paragraphs(page.regions[0].paras)}</section>")
    css = _CSS.format(orientation="landscape" if template.landscape else "portrait", font=template.font, size=template.font_size)
    return (f'<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8"><title>Skriftlig feedback – '
            f"{html.escape(visit.offer)}</title><style>{css}</style></head><body>\n"
            + "\n".join(sections) + "\n</body></html>\n")


def chromium() -> str | None:
    """The Chromium executable, if the machine has one."""
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def print_pdf(document: str, target: Path) -> None:
    """Print an HTML document to PDF with headless Chromium (no header or footer lines)."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="kvalitet-html-") as folder:
        source = Path(folder) / "report.html"
        source.write_text(document, encoding="utf-8")
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--user-data-dir={folder}/profile", f"--print-to-pdf={target}", source.as_uri()],
            check=True, capture_output=True, timeout=120,
        )
