"""The report as an HTML/CSS page printed to PDF by headless Chromium.

Reports are also made as web pages and printed from a browser. Chromium draws a ``<ul>`` marker
as a small vector shape, not as a glyph, breaks a box over two pages when it must, and writes its
own text runs: a code path of its own for the importers. Three templates: ``stacked`` (A4
portrait, the theme as a heading, the boxes one above the other), ``grid`` (A4 landscape, the
theme in a shaded band, the boxes in a 2 × 2 grid) and ``columns`` (A4 landscape, the theme in
a shaded left column, the boxes side by side with their labels as headings above them).

Seven more imitate designs a municipality's own template might have (each ``describe()`` says
how): ``rule`` (no fills, a thick coloured left border, a running footer in the page margin),
``bars`` (labels in white on dark header bars), ``badge`` (the theme id in a round badge, the
purple box first, labels in letter-spaced capitals), ``pairs`` (two short themes on one page),
``split`` (the grey box full width, the yellow beside the purple under it), ``sidebar`` (the grey
box down the left column of a two-column grid) and ``newspaper`` (the boxes flowing through two
CSS columns, serif, justified, soft-hyphenated). These draw through their own code path
(:func:`_theme_block`); the first three render exactly as before.
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
    box_style: str = "fill"
    """"fill" (a filled box, the label inside), "border" (no fill: a thick left border in
    ``accents`` and the label as a heading inside) or "bar" (the label in white on a dark bar of
    ``accents`` across the top of the box, the body in the light ``fills``)."""
    accents: tuple[str, str, str] = ("", "", "")
    order: tuple[int, int, int] = (0, 1, 2)
    """The boxes in page order (0 grey, 1 purple, 2 yellow)."""
    pair_words: int = 0
    """Two consecutive themes share a page when their boxes hold this many words or fewer in all
    (0: one theme per page)."""
    soft_hyphens: bool = False
    """Long words carry soft hyphens (``&shy;``), as a hyphenation script inserts them."""
    running: bool = False
    """A running footer in the page margin (CSS page margin boxes): series, "Skriftlig feedback"
    and the offer on the left, "Side 3 af 15" on the right, on every page."""
    extra_css: str = ""
    note: str = ""
    """What the template imitates, for :meth:`describe`."""

    @property
    def classic(self) -> bool:
        """One of the first three layouts, drawn by the original code path (their output stays as it was)."""
        return (self.box_style == "fill" and self.order == (0, 1, 2) and not self.pair_words and not self.soft_hyphens
                and not self.running and not self.extra_css and self.theme_place in ("heading", "band", "column")
                and self.arrangement in ("stacked", "grid", "row"))

    def describe(self) -> str:
        if self.note:
            return f"chromium {self.name}: {self.note}"
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
    HtmlTemplate("rule", landscape=False, theme_place="heading", arrangement="stacked", labels_above=False,
                 fills=("", "", ""), box_style="border", accents=("8C8C8C", "7030A0", "FFC000"),
                 labels=("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…"),
                 font="'Liberation Sans', sans-serif", font_size=10.0, running=True,
                 note="A4 portrait, theme as a heading over a rule, boxes stacked with no fill: a thick grey/"
                      "purple/yellow left border and the label as a bold heading inside; running footer with "
                      "series, 'Skriftlig feedback' and the offer on every page; Liberation Sans 10pt"),
    HtmlTemplate("bars", landscape=False, theme_place="heading", arrangement="stacked", labels_above=False,
                 fills=("F2F2F2", "F1EDF6", "FFF9E5"), box_style="bar", accents=("595959", "5F497A", "9C7A00"),
                 labels=("VI TALTE OM", "DETTE PEGER PÅ AT …", "LEDERE OG MEDARBEJDERE PEGER PÅ …"),
                 font="'DejaVu Sans', sans-serif", font_size=9.0,
                 note="A4 portrait, theme as a heading, boxes stacked; each label in white capitals on a dark "
                      "header bar (dark grey/dark purple/dark ochre) across the box, the body in a light tint; "
                      "DejaVu Sans 9pt"),
    HtmlTemplate("badge", landscape=False, theme_place="badge", arrangement="stacked", labels_above=False,
                 fills=("E7E6E6", "E4DFEC", "FFF2CC"), order=(1, 0, 2),
                 labels=("Vi talte om", "Dette peger på, at ...", "Ledere og medarbejdere peger på ..."),
                 font="'Liberation Sans', sans-serif", font_size=9.5,
                 extra_css=".label { text-transform: uppercase; letter-spacing: 0.14em; font-size: 8pt; }",
                 note="A4 portrait, the theme id in a round badge ('3a', no 'Tema' word) with the title beside "
                      "it; boxes ordered purple, grey, yellow; labels set in spaced capitals by CSS "
                      "(text-transform, letter-spacing), 'Dette peger på, at ...' with three dots; Liberation Sans "
                      "9.5pt"),
    HtmlTemplate("pairs", landscape=False, theme_place="heading", arrangement="stacked", labels_above=False,
                 fills=("E7E6E6", "E4DFEC", "FFF2CC"), pair_words=450,
                 labels=("Vi talte om:", "Dette peger på, at:", "Ledere og medarbejdere peger på:"),
                 font="'DejaVu Sans', sans-serif", font_size=8.5,
                 extra_css=".pair + .pair { margin-top: 14pt; border-top: 1.5pt solid #1F4E79; padding-top: 8pt; }",
                 note="A4 portrait, two short themes on one page (theme A heading and its three boxes, then theme "
                      "B heading and its three boxes) where their boxes hold 450 words or fewer together; labels "
                      "followed by a colon; DejaVu Sans 8.5pt"),
    HtmlTemplate("split", landscape=False, theme_place="kicker", arrangement="split", labels_above=True,
                 fills=("EDEDED", "E4DFEC", "FFF2CC"), order=(0, 2, 1),
                 labels=("Vi talte om", "Dette peger på at ...", "Ledere og medarbejdere peger på ..."),
                 font="'Liberation Serif', serif", font_size=10.0,
                 note="A4 portrait, 'TEMA 3A' as a small kicker line over the title; the grey box full width, "
                      "under it the yellow box beside the purple box (yellow left); labels as headings above "
                      "the boxes; Liberation Serif 10pt"),
    HtmlTemplate("sidebar", landscape=False, theme_place="heading", arrangement="sidebar", labels_above=False,
                 fills=("E7E6E6", "E4DFEC", "FFF2CC"),
                 labels=("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…"),
                 font="'DejaVu Sans', sans-serif", font_size=10.5,
                 note="A4 portrait two-column grid: the grey box runs down the left column (continuing onto the "
                      "next page when long), the purple and yellow boxes stacked in the right column; DejaVu "
                      "Sans 10.5pt"),
    HtmlTemplate("newspaper", landscape=False, theme_place="heading", arrangement="flow", labels_above=False,
                 fills=("E7E6E6", "E4DFEC", "FFF2CC"), soft_hyphens=True,
                 labels=("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…"),
                 font="'DejaVu Serif', serif", font_size=11.0,
                 extra_css="body { text-align: justify; hyphens: manual; } .label { text-align: left; }",
                 note="A4 portrait, the three boxes flowing through two newspaper columns (CSS columns; a box "
                      "breaks from the left column into the right and onto the next page), DejaVu Serif 11pt "
                      "justified, words hyphenated with soft hyphens (broken words end in '-' at line ends)"),
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

_NEW_CSS = """
.box.border {{ border-left: 5pt solid; padding: 2pt 0 2pt 10pt; margin-bottom: 12pt; }}
.box.border .label {{ font-size: 11pt; margin-bottom: 5pt; }}
.theme.rule {{ font-size: 15pt; border-bottom: 1pt solid #404040; padding-bottom: 4pt; margin-bottom: 10pt; }}
.box.bar {{ padding: 0; margin-bottom: 8pt; }}
.box.bar .label {{ color: #FFFFFF; padding: 3pt 8pt; margin: 0 0 4pt 0; letter-spacing: 0.04em; }}
.box.bar .body {{ padding: 2pt 8pt 4pt 8pt; }}
.badge {{ display: flex; align-items: center; gap: 8pt; margin-bottom: 10pt; }}
.badge .num {{ flex: 0 0 30pt; height: 30pt; border-radius: 50%; background: #1F4E79; color: #FFFFFF;
  font-size: 13pt; font-weight: bold; display: flex; align-items: center; justify-content: center; }}
.badge .title {{ font-size: 13pt; font-weight: bold; color: #1F4E79; }}
.kicker {{ font-size: 8pt; letter-spacing: 0.2em; color: #7F7F7F; text-transform: uppercase; }}
.kicked {{ font-size: 14pt; font-weight: bold; margin-bottom: 8pt; }}
.split {{ display: grid; grid-template-columns: 1fr 1fr; gap: 8pt; }}
.split > div:first-child {{ grid-column: 1 / span 2; }}
.sidebar {{ display: grid; grid-template-columns: 1fr 1fr; gap: 8pt; align-items: start; }}
.sidebar > .box:first-child {{ grid-row: 1 / span 2; margin: 0; }}
.flow {{ column-count: 2; column-gap: 8mm; }}
.flow .box {{ box-decoration-break: clone; -webkit-box-decoration-break: clone; }}
{extra}
"""

_VOWELS = set("aeiouyæøåAEIOUYÆØÅ")
_THEME_LINE = re.compile(r"^(?P<word>\S+)\s+(?P<id>\S+?)(?::\s*(?P<title>.*)|\s+(?P<rest>fortsat.*))$")


def _soft_hyphenated(text: str) -> str:
    """Soft hyphens in the words of eight letters or more, before a consonant that starts a syllable
    (vowel, consonant, vowel), at least three letters apart: roughly where a hyphenation script
    would put them."""
    def word(match: re.Match[str]) -> str:
        letters = match.group(0)
        if len(letters) < 8:
            return letters
        cuts, last = [], 0
        for index in range(3, len(letters) - 3):
            if (letters[index - 1] in _VOWELS and letters[index] not in _VOWELS and letters[index + 1] in _VOWELS
                    and index - last >= 3):
                cuts.append(letters[last:index])
                last = index
        return "\u00ad".join([*cuts, letters[last:]])

    return re.sub(r"\w+", word, text)


def _inline(para: Para, soft_hyphens: bool = False) -> str:
    """A paragraph's runs as HTML; card words in ``<strong>``."""
    parts = []
    for text, bold in para.runs:
        escaped = html.escape(text.replace(ARROW, "→"), quote=False)
        if soft_hyphens:
            escaped = _soft_hyphenated(escaped).replace("\u00ad", "&shy;")
        parts.append(f"<strong>{escaped}</strong>" if bold else escaped)
    return "".join(parts)


def _paragraphs(paras: list[Para], soft_hyphens: bool = False) -> str:
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
        body = _inline(para, soft_hyphens)
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


def _theme_heading(page: Page, template: HtmlTemplate) -> str:
    """The theme(s) of a page as the new templates show them: a heading, a badge or a kicker line."""
    column = page.regions[0]
    soft = template.soft_hyphens
    if template.theme_place == "heading":
        theme = "".join(f"<div>{_inline(para, soft)}</div>" for para in column.paras)
        return f'<div class="theme rule">{theme}</div>'
    parts = []
    for para in column.paras:
        match = _THEME_LINE.match(para.text)
        if not match:
            parts.append(f'<div class="kicked">{_inline(para, soft)}</div>')
            continue
        title = html.escape(match.group("title") or match.group("rest") or "", quote=False)
        if template.theme_place == "badge":
            parts.append(f'<div class="badge"><div class="num">{html.escape(match.group("id"))}</div>'
                         f'<div class="title">{title}</div></div>')
        else:
            parts.append(f'<div class="kicker">{html.escape(match.group("word"))} {html.escape(match.group("id"))}'
                         f'</div><div class="kicked">{title}</div>')
    return "".join(parts)


def _theme_block(page: Page, template: HtmlTemplate) -> str:
    """A theme page's heading and boxes in a new template, without the page ``<section>``."""
    _, *boxes = page.regions
    rendered = []
    for index in template.order:
        box, label, fill, accent = boxes[index], template.labels[index], template.fills[index], template.accents[index]
        body = _paragraphs(box.paras, template.soft_hyphens)
        label_html = html.escape(label)
        if template.box_style == "border":
            rendered.append(f'<div class="box border" style="border-color:#{accent}"><div class="label">{label_html}'
                            f"</div>{body}</div>")
        elif template.box_style == "bar":
            rendered.append(f'<div class="box bar" style="background:#{fill}"><div class="label" '
                            f'style="background:#{accent}">{label_html}</div><div class="body">{body}</div></div>')
        elif template.labels_above:
            rendered.append(f'<div><h3>{label_html}</h3><div class="box" style="background:#{fill}">{body}</div></div>')
        else:
            rendered.append(f'<div class="box" style="background:#{fill}"><div class="label">{label_html}'
                            f"</div>{body}</div>")
    heading = _theme_heading(page, template)
    if template.arrangement in ("split", "sidebar", "flow"):
        return f'{heading}<div class="{template.arrangement}">{"".join(rendered)}</div>'
    return heading + "".join(rendered)


def _words(page: Page) -> int:
    return sum(len(para.text.split()) for region in page.regions[1:] for para in region.paras)


def _theme_sections(pages: list[Page], template: HtmlTemplate) -> list[str]:
    """The theme pages of a new template as ``<section>``s: one theme each, or two short themes
    together where the template pairs them."""
    sections, index = [], 0
    while index < len(pages):
        page = pages[index]
        if (template.pair_words and index + 1 < len(pages)
                and _words(page) + _words(pages[index + 1]) <= template.pair_words):
            sections.append(f'<section><div class="pair">{_theme_block(page, template)}</div>'
                            f'<div class="pair">{_theme_block(pages[index + 1], template)}</div></section>')
            index += 2
        else:
            sections.append(f"<section>{_theme_block(page, template)}</section>")
            index += 1
    return sections


def report_html(visit: Visit, template: HtmlTemplate) -> str:
    """The whole report as one HTML document in the template."""
    model = quality_model_for(visit)
    sections = []
    pending: list[Page] = []
    for page in report_pages(visit, model, style=2, inline_side_box=template.inline_side_box):
        if page.kind == "theme" and not template.classic:
            pending.append(page)
            continue
        if pending:
            sections.extend(_theme_sections(pending, template))
            pending = []
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
    sections.extend(_theme_sections(pending, template))
    css = _CSS.format(orientation="landscape" if template.landscape else "portrait", font=template.font, size=template.font_size)
    if not template.classic:
        css += _NEW_CSS.format(extra=template.extra_css)
    if template.running:
        name = f"{visit.offer}, {visit.unit}" if visit.unit else visit.offer
        series = f"{visit.series} · " if visit.series else ""
        footer = f"{series}Skriftlig feedback · {name}".replace("\\", "\\\\").replace('"', '\\"')
        css += (f'@page {{ margin-bottom: 20mm; @bottom-left {{ content: "{footer}"; font-size: 7.5pt; color: #595959; '
                f'border-top: 0.5pt solid #A6A6A6; }} @bottom-right {{ content: "Side " counter(page) " af " '
                f'counter(pages); font-size: 7.5pt; color: #595959; border-top: 0.5pt solid #A6A6A6; }} }}\n')
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
