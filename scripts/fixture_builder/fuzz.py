"""A layout fuzzer: the same report in randomised templates, rendered with reportlab.

The importers were written against one builder's layout and learned it. Real archives hold
reports from several offices, templates and years, so this draws a template from a seed — where
the theme is named, how the boxes are arranged, which regions are shaded and in which tints, how
the labels and continuation markers are spelled, fonts, sizes, bullets, rotation — and renders a
reference visit in it. Every template keeps every word of the visit; what an importer must get
back is :func:`render`'s ``expected`` visit, which differs from the input only where the
template splits a long section over a continuation page (a new section, ``continued: true``).

A failure is reported with ``Template.describe()``, which names the seed and every choice, so
the layout can be rebuilt and looked at: ``render_pdf(visit, model, random_template(seed))``.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from fixture_builder.pages import (
    DATE_STYLES,
    Para,
    Region,
    appendix_paras,
    assessment_paras,
    conclusion_paras,
    cover_paras,
    impression_paras,
    item_paras,
    method_text,
    plain,
    run_in,
    side_box,
)
from fixture_builder.pdf_text import SHAPE_FONT, Fonts, Line, PdfPainter, height, layout, register_font
from kvalitet_core.model import BoxKind, Item, Section, Visit
from kvalitet_core.quality_model import QualityModel

LANDSCAPE = (842.0, 595.0)
PORTRAIT = (595.0, 842.0)
SIZES = [11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5]

FONT_FAMILIES: dict[str, tuple[str, str]] = {
    "DejaVu Sans": ("DejaVuSans", "DejaVuSans-Bold"),
    "DejaVu Serif": ("DejaVuSerif", "DejaVuSerif-Bold"),
    "Liberation Sans": ("LiberationSans-Regular", "LiberationSans-Bold"),
    "Liberation Serif": ("LiberationSerif-Regular", "LiberationSerif-Bold"),
    "Liberation Sans Narrow": ("LiberationSansNarrow-Regular", "LiberationSansNarrow-Bold"),
    "DejaVu Sans Condensed": ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"),
}
"""Text fonts as (regular, bold) TrueType files, embedded as subsets; a family missing on the
machine falls back to DejaVu Sans."""

LABELS: dict[BoxKind, list[str]] = {
    BoxKind.TALKED_ABOUT: ["Vi talte om", "VI TALTE OM:", "Vi talte om:", "Vi talte om …", "VI TALTE OM"],
    BoxKind.POINTS_TO: ["Dette peger på at…", "Dette peger på, at...", "Dette peger på at:",
                        "DETTE PEGER PÅ AT …", "Dette peger på at ...", "Dette peger på, at…"],
    BoxKind.SUGGESTIONS: ["Ledere og medarbejdere peger på…", "Ledere og medarbejdere peger på …",
                          "Ledere og medarbejdere peger på:", "LEDERE OG MEDARBEJDERE PEGER PÅ...",
                          "Ledere og medarbejdere peger på, at…"],
}

CONTINUATIONS = {
    "fortsat": "{word} {id} fortsat",
    "paren": "{word} {id} (fortsat)",
    "from-page": "{word} {id} fortsat fra side {page}",
    "page-only": "fortsat fra side {page}",
    "continuation": "{word} {id} – fortsættelse",
    "title-paren": "{word} {id}: {title} (fortsat)",
}
"""How a continuation page names its theme(s); ``page-only`` names none (the page it refers to does)."""

THEME_STYLES = {
    "colon": "{word} {id}: {title}",
    "dash": "{word} {id} – {title}",
    "two-lines": "{word} {id}\n{title}",
    "upper": "{WORD} {id}: {TITLE}",
}

PALETTES: dict[str, tuple[str | None, str | None, str | None]] = {
    "office": ("D9D9D9", "CCC0DA", "FFF2CC"),
    "office-light": ("F2F2F2", "E4DFEC", "FFF2CC"),
    "office-40": ("D0CECE", "D9D2E9", "FFE699"),
    "grey-purple-yellow": ("E7E6E6", "B4A7D6", "FFFF99"),
    "darker": ("BFBFBF", "CCC0DA", "FFE699"),
    "borders-only": (None, None, None),
    "accent-bars": (None, None, None),
    "plain": (None, None, None),
}
"""Box fills: Office theme tints, outlines only ("borders-only"), a coloured stripe per box
("accent-bars"), or nothing at all but the labels ("plain", as a black-and-white template)."""
ACCENTS = ("7F7F7F", "8064A2", "FFC000")
"""The stripe down the left edge of each box in the "accent-bars" palette (no fill)."""
DARK_BARS = ("595959", "5F497A", "BF9000")
"""Dark title bars with white labels."""

NEAR_WHITE = ["F2F2F2", "F7F7F7", "EFEFEF", "FAFAFA"]
BOX_LIKE = ["D9D9D9", "E7E6E6", "E4DFEC", "CCC0DA", "FFF2CC", "DEEAF6"]

BULLETS: dict[str, tuple[str, str | None]] = {
    "symbol": ("\u2022", "Symbol"),
    "zapf-square": ("\u25a0", "ZapfDingbats"),
    "zapf-disc": ("\u25cf", "ZapfDingbats"),
    "text-bullet": ("•", None),
    "text-square": ("▪", None),
    "text-dash": ("–", None),
    "circle": ("circle", SHAPE_FONT),
    "square": ("square", SHAPE_FONT),
}
"""Bullet markers as (text, font): ``None`` is the text font, :data:`SHAPE_FONT` a drawn shape."""

ARRANGEMENTS = ["reference", "row", "grid", "stacked"]
SPLIT_WORDS = 320
"""A section longer than this is split over a continuation page when the template says so."""


@dataclass(frozen=True)
class Template:
    """Every choice of one randomised layout; :meth:`describe` names them in one line."""

    seed: int
    arrangement: str
    """"reference" (grey left, purple over yellow), "row" (side by side), "grid" (2 × 2-ish) or
    "stacked" (one above the other on portrait pages)."""
    mirror: bool
    """The grey box on the right (reference and grid arrangements)."""
    portrait: bool
    theme_place: str
    """"column" (a narrow left column), "right-column", "vertical" (a narrow left column with the
    text turned to read upwards), "band" (a shaded band above the boxes) or "heading"."""
    theme_style: str
    multi_style: str
    """Several themes on one page: "lines" (one per line), "slash" ("Tema 1: … / Tema 2: …") or
    "compact" ("Tema 1, 2 og 3b")."""
    continuation: str
    labels: tuple[str, str, str]
    label_place: str
    """"inside" (the box's first line), "run-in" (bold before the box's first paragraph, on its
    line), "above" (a heading just above the box) or "bar" (a darker title bar on top of the box)."""
    dark_bars: bool
    """Title bars in dark tints with white labels."""
    palette: str
    borders: bool
    corner_radius: float
    """Rounded boxes are drawn as paths of curves, not rectangles."""
    shadow: bool
    """A grey shadow shape under every filled box, as Office's shape effects draw it."""
    by_word: bool
    """Every word drawn as a string of its own (some PDF printers do), instead of whole runs."""
    theme_fill: str | None
    side_fill: str | None
    cover_fill: str | None
    assessment_fill: str | None
    font: str
    max_size: float
    flow_size: float
    leading: float
    margin: float
    column_width: float
    split_ratio: float
    pad: float
    bullet: str
    numbering: str
    """"hanging" draws a numbered point's "1." in the indent, "inline" as the start of the text."""
    arrow: str
    draw_order: tuple[int, ...]
    """The order the three boxes' texts are drawn in (after every shape): a text extractor
    meets them in this order, as in reports where the yellow text comes first."""
    labels_last: bool
    """Labels outside the boxes are drawn after all box texts."""
    rotate: bool
    split_long: bool
    footer: str
    running_header: bool
    date_style: int
    side_box_first: bool
    side_inline: bool
    """The side box writes "Dato: …", "Auditorer: A og B" on one line per field."""
    assessment_with_conclusion: bool
    fonts: Fonts = field(compare=False, repr=False, default_factory=Fonts)

    @property
    def page_size(self) -> tuple[float, float]:
        return PORTRAIT if self.portrait else LANDSCAPE

    @property
    def box_fills(self) -> tuple[str | None, str | None, str | None]:
        return PALETTES[self.palette]

    def describe(self) -> str:
        """The seed and every choice, short enough for a failure message."""
        def fill(value: str | None) -> str:
            return value or "none"

        return (
            f"seed {self.seed}: {'portrait' if self.portrait else 'landscape'} {self.arrangement}"
            f"{' mirrored' if self.mirror else ''}"
            f"{' rotate90' if self.rotate else ''}; theme {self.theme_place}({fill(self.theme_fill)}) "
            f"{self.theme_style}/{self.multi_style}, continuation {self.continuation}; "
            f"labels {self.label_place}{' dark' if self.dark_bars and self.label_place == 'bar' else ''} "
            f"{list(self.labels)}; palette {self.palette}{' +borders' if self.borders else ''}"
            f"{f' rounded {self.corner_radius:.0f}' if self.corner_radius else ''}{' +shadow' if self.shadow else ''}; "
            f"side box {fill(self.side_fill)}{' inline' if self.side_inline else ''}"
            f"{' first' if self.side_box_first else ''}, cover {fill(self.cover_fill)}, "
            f"assessment {fill(self.assessment_fill)}{' with conclusion' if self.assessment_with_conclusion else ''}; "
            f"{self.font} ≤{self.max_size}pt/{self.flow_size}pt leading {self.leading}"
            f"{' word by word' if self.by_word else ''}; column {self.column_width:.0f}, "
            f"split {self.split_ratio:.2f}; text order {''.join(map(str, self.draw_order))}"
            f"{' labels last' if self.labels_last else ''}; bullets {self.bullet}, numbers {self.numbering}, arrows {self.arrow}; "
            f"footer {self.footer}{' +header' if self.running_header else ''}"
            f"{'; long sections split' if self.split_long else ''}"
        )


def random_template(seed: int) -> Template:
    """A template drawn from ``seed`` alone (the same seed gives the same template on any machine
    with the same fonts; a missing Liberation font falls back to DejaVu)."""
    rng = random.Random(seed)
    arrangement = rng.choice(ARRANGEMENTS)
    portrait = arrangement == "stacked" or (arrangement == "grid" and rng.random() < 0.4)
    theme_place = rng.choice(["column", "column", "right-column", "vertical", "band", "heading"])
    upper = rng.random() < 0.25

    def label(kind: BoxKind) -> str:
        choice = rng.choice(LABELS[kind])
        return choice.upper() if upper else choice

    family = rng.choice(list(FONT_FAMILIES))
    regular, bold = FONT_FAMILIES[family]
    if not (register_font(regular) and register_font(bold)):
        family, (regular, bold) = "DejaVu Sans", FONT_FAMILIES["DejaVu Sans"]
        register_font(regular)
        register_font(bold)
    bullet = rng.choice(list(BULLETS))
    bullet_text, bullet_font = BULLETS[bullet]
    arrow = rng.choice(["zapf", "text"])
    check_shape = rng.random() < 0.3
    fonts = Fonts(
        regular=regular, bold=bold, bullet=(bullet_text, bullet_font or regular),
        check=("square", SHAPE_FONT) if check_shape else ("\u274f", "ZapfDingbats"),
        arrow=("\u2794", "ZapfDingbats") if arrow == "zapf" else ("→", regular),
    )
    palette = rng.choice(list(PALETTES))

    def furniture() -> str | None:
        return rng.choice([None, None, *NEAR_WHITE, *BOX_LIKE])

    template = Template(
        seed=seed, arrangement=arrangement, mirror=arrangement in ("reference", "grid") and rng.random() < 0.25,
        portrait=portrait, theme_place=theme_place,
        theme_style=rng.choice(list(THEME_STYLES)), multi_style=rng.choice(["lines", "slash", "compact"]),
        continuation=rng.choice(list(CONTINUATIONS)),
        labels=(label(BoxKind.TALKED_ABOUT), label(BoxKind.POINTS_TO), label(BoxKind.SUGGESTIONS)),
        label_place=rng.choice(["inside", "inside", "above", "bar"]), dark_bars=rng.random() < 0.4,
        palette=palette,
        borders=palette == "borders-only" or (palette not in ("accent-bars", "plain") and rng.random() < 0.3),
        corner_radius=rng.choice([0.0, 0.0, 4.0, 10.0]), shadow=rng.random() < 0.15, by_word=rng.random() < 0.2,
        theme_fill=furniture() if theme_place != "heading" else None, side_fill=furniture(),
        cover_fill=furniture(), assessment_fill=furniture(),
        font=family, max_size=rng.choice([11.0, 10.0, 9.5, 9.0]), flow_size=rng.choice([11.0, 10.0, 9.0]),
        leading=rng.choice([1.15, 1.22, 1.3]), margin=rng.choice([28.0, 36.0, 45.0]),
        column_width=rng.uniform(85, 150), split_ratio=rng.uniform(0.42, 0.58), pad=rng.choice([5.0, 7.0, 10.0]),
        bullet=bullet, numbering=rng.choice(["inline", "hanging"]), arrow=arrow,
        draw_order=tuple(rng.sample(range(3), 3)) if rng.random() < 0.5 else (0, 1, 2),
        labels_last=rng.random() < 0.5,
        rotate=rng.random() < 0.2, split_long=rng.random() < 0.35,
        footer=rng.choice(["none", "number", "side", "side-of"]), running_header=rng.random() < 0.2,
        date_style=rng.randrange(DATE_STYLES), side_box_first=rng.random() < 0.3, side_inline=rng.random() < 0.4,
        assessment_with_conclusion=rng.random() < 0.4, fonts=fonts,
    )
    if template.label_place == "inside" and rng.random() < 0.3:  # drawn last: earlier draws stay as they were
        return replace(template, label_place="run-in")
    return template


# --- Sections: splitting a long one over a continuation page ----------------------------------

def _words(items: list[Item]) -> int:
    """How many words the items hold (headings included)."""
    return sum(len(item.text.split()) for item in items)


def _split_items(items: list[Item]) -> tuple[list[Item], list[Item]]:
    """Items cut near the middle of their words: between items, else between the paragraphs of
    one item, else between the sentences of one paragraph. Nothing is added or lost."""
    total = _words(items)
    if total < 40:
        return items, []
    if len(items) > 1:
        running, cut = 0, len(items) - 1
        for index, item in enumerate(items[:-1]):
            running += len(item.text.split())
            if running >= total / 2:
                cut = index + 1
                break
        return items[:cut], items[cut:]
    item = items[0]
    if len(item.paragraphs) > 1:
        half = len(item.paragraphs) // 2
        return ([item.model_copy(update={"paragraphs": item.paragraphs[:half]})],
                [Item(paragraphs=item.paragraphs[half:], cards=item.cards)])
    if not item.paragraphs:
        return items, []
    sentences = re.split(r"(?<=[.!?]) (?=[A-ZÆØÅ])", item.paragraphs[0])
    if len(sentences) < 2 or re.match(r"- |\d+\. ", item.paragraphs[0]):
        return items, []
    half = len(sentences) // 2
    return ([item.model_copy(update={"paragraphs": [" ".join(sentences[:half])]})],
            [Item(paragraphs=[" ".join(sentences[half:])], cards=item.cards)])


def split_section(section: Section) -> tuple[Section, Section] | None:
    """The section as a page and its continuation page, or None when it cannot be cut."""
    first: dict[str, Any] = {}
    rest: dict[str, Any] = {}
    for kind in BoxKind:
        head, tail = _split_items(section.box(kind).items)
        first[kind.value] = section.box(kind).model_copy(update={"items": head})
        rest[kind.value] = section.box(kind).model_copy(update={"items": tail})
    if not any(rest[kind.value].items for kind in BoxKind):
        return None
    return (section.model_copy(update=first),
            Section(themes=list(section.themes), continued=True, **rest))


def split_to_fit(sections: list[Section], fits: Callable[[Section], bool]) -> list[Section]:
    """Sections as pages: one that does not fit is cut into a page and a continuation page (as
    often as needed), the way a person moves the overflow to a new page by hand."""
    out: list[Section] = []
    queue = list(sections)
    while queue:
        section = queue.pop(0)
        parts = None if fits(section) else split_section(section)
        if parts is None:
            out.append(section)
        else:
            queue[:0] = list(parts)
    return out


# --- Theme pages -------------------------------------------------------------------------------

@dataclass
class Placed:
    """A box on the page: its region, where it goes, and its label when drawn outside it."""

    region: Region
    x: float
    top: float
    w: float
    h: float
    label_outside: str | None = None
    """The label when it is drawn outside the box's text (above the box, or in a bar on top)."""
    label_room: float = 0.0
    """The height above the box the outside label takes."""


class Renderer:
    """Lays out and draws one report in one template."""

    def __init__(self, visit: Visit, model: QualityModel, template: Template, total_pages: int | None = None) -> None:
        self.visit, self.model, self.t = visit, model, template
        self.total_pages = total_pages
        """The page count for "Side 3 af 12" footers, known after a first rendering."""
        self.fonts = template.fonts
        self.width, self.height = template.page_size
        self.buffer = io.BytesIO()
        self.painter = PdfPainter(self.buffer, template.page_size, turn=template.rotate,
                                  rotate_flag=template.rotate, leading=template.leading, by_word=template.by_word)
        self.accents = dict(zip(template.labels, ACCENTS, strict=True)) if template.palette == "accent-bars" else {}
        self.page_number = 0
        self.first_page: dict[str, int] = {}
        self.sections: list[Section] = []
        self.offer = visit.offer

    # Geometry ---------------------------------------------------------------------------------

    @property
    def top(self) -> float:
        """Where a page's content starts (below the running header, if any)."""
        return self.t.margin + (14.0 if self.t.running_header else 0.0)

    @property
    def bottom(self) -> float:
        """Where a page's content must end (above the footer, if any)."""
        return self.height - self.t.margin - (10.0 if self.t.footer != "none" else 0.0)

    def lines(self, paras: list[Para], width: float, size: float) -> list[Line]:
        """The paragraphs broken into lines in the template's fonts."""
        return layout(paras, width, size, self.fonts)

    def widest(self, paras: list[Para], width: float, size: float) -> float:
        """The width of the widest line the paragraphs break into (a word wider than ``width``
        stays whole and makes a line wider than it)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return max((piece.x + stringWidth(piece.text, piece.font, line.size)
                    for line in self.lines(paras, width, size) for piece in line.pieces), default=0.0)

    def tall(self, paras: list[Para], width: float, size: float) -> float:
        """The height the paragraphs take at this width and size."""
        return height(self.lines(paras, width, size), self.t.leading)

    # Pages ------------------------------------------------------------------------------------

    def begin_page(self) -> None:
        """A new page, with the running header from the second page on."""
        self.page_number += 1
        self.painter.begin()
        canvas = self.painter.canvas
        canvas.setFont(self.fonts.regular, 7.5)
        if self.t.running_header and self.page_number > 1:
            canvas.drawString(self.t.margin, self.height - self.t.margin + 4, f"Skriftlig feedback · {self.offer}")

    def end_page(self) -> None:
        """The footer ("3", "Side 3", "Side 3 af 12" or nothing), then the page is done."""
        canvas = self.painter.canvas
        canvas.setFont(self.fonts.regular, 8)
        footer = {"none": "", "number": str(self.page_number), "side": f"Side {self.page_number}",
                  "side-of": f"Side {self.page_number} af {self.total_pages}"}[self.t.footer]
        if footer:
            canvas.drawRightString(self.width - self.t.margin, self.t.margin / 2, footer)
        self.painter.end()

    def cover(self) -> None:
        """The cover: its lines centred, on a shaded band when the template has one."""
        self.begin_page()
        inner = self.width - 2 * self.t.margin
        lines = self.lines(cover_paras(self.visit), inner - 20, 12)
        top = self.height * 0.32
        if self.t.cover_fill:
            self.painter.rect(0, top - 30, self.width, height(lines, self.t.leading) + 60, self.t.cover_fill)
        self.painter.text(lines, self.t.margin, top, centre_width=inner)
        self.end_page()

    def method(self) -> None:
        """The method boilerplate beside (landscape) or above (portrait) 'Oplysninger om besøget'."""
        method = method_text(self.visit.auditor_title or "Auditorer")
        box = side_box(self.visit, self.t.date_style, fill=self.t.side_fill, inline=self.t.side_inline)
        inner_w, inner_h = self.width - 2 * self.t.margin, self.bottom - self.top
        pad = self.t.pad
        for size in SIZES:
            if self.t.portrait:
                method_h = self.tall(method, inner_w, size)
                box_h = self.tall(box.paras, inner_w - 2 * pad, size) + 2 * pad
                if method_h + 12 + box_h <= inner_h:
                    break
            else:
                method_w = inner_w * 0.62
                box_w = inner_w - method_w - 14
                if (self.tall(method, method_w, size) <= inner_h
                        and self.tall(box.paras, box_w - 2 * pad, size) + 2 * pad <= inner_h):
                    break
        self.begin_page()
        if self.t.portrait:
            box_top = self.top if self.t.side_box_first else self.top + method_h + 12
            method_top = self.top + box_h + 12 if self.t.side_box_first else self.top
            self._boxed(box, self.t.margin, box_top, inner_w, box_h, size)
            self.painter.text(self.lines(method, inner_w, size), self.t.margin, method_top)
        else:
            box_x = self.t.margin if self.t.side_box_first else self.t.margin + method_w + 14
            method_x = self.t.margin + box_w + 14 if self.t.side_box_first else self.t.margin
            self._boxed(box, box_x, self.top, box_w, inner_h, size)
            self.painter.text(self.lines(method, method_w, size), method_x, self.top)
        self.end_page()

    def _boxed(self, region: Region, x: float, top: float, w: float, h: float, size: float,
               shape: bool = True, text: bool = True) -> None:
        """A region's shape (fill, outline for a box) and its text; either may be left for later,
        since the order things are drawn in is the order a text extractor meets them."""
        box = region.label is not None
        stroke = "000000" if self.t.borders and box else None
        radius = self.t.corner_radius if box else 0.0
        if shape and box and self.t.shadow and region.fill:
            self.painter.rect(x + 3, top + 3, w, h, "A6A6A6", radius=radius)
        if shape and (region.fill or stroke):
            self.painter.rect(x, top, w, h, region.fill, stroke, radius=radius)
        if shape and box and region.label in self.accents:
            self.painter.rect(x, top, 4, h, self.accents[region.label])
        if text:
            pad = self.t.pad
            self.painter.text(self.lines(region.paras, w - 2 * pad, size), x + pad, top + pad)

    def flow(self, blocks: list[tuple[list[Para], str | None]]) -> None:
        """Paragraphs that run over as many pages as they need, at the template's flow size;
        a block with a fill is drawn as a shaded box kept on one page."""
        width = self.width - 2 * self.t.margin
        size = self.t.flow_size
        y = None
        for paras, fill in blocks:
            if fill:
                need = self.tall(paras, width - 2 * self.t.pad, size) + 2 * self.t.pad
                if y is None or y + need > self.bottom:
                    if y is not None:
                        self.end_page()
                    self.begin_page()
                    y = self.top
                self._boxed(Region(paras, fill=fill), self.t.margin, y, width, need, size)
                y += need + 12
                continue
            for line in self.lines(paras, width, size):
                step = line.gap_before + line.size * self.t.leading
                if y is None or y + step > self.bottom:
                    if y is not None:
                        self.end_page()
                    self.begin_page()
                    y = self.top
                    line = Line(line.pieces, line.size, 0.0)
                    step = line.size * self.t.leading
                self.painter.text([line], self.t.margin, y)
                y += step
        if y is not None:
            self.end_page()

    # Theme pages ------------------------------------------------------------------------------

    def theme_paras(self, section: Section) -> list[Para]:
        """How the page names its theme(s): styled titles, or the continuation marker."""
        word = self.model.theme_word
        t = self.t

        def title(theme_id: str) -> str:
            theme = self.model.theme(theme_id)
            return theme.title if theme else ""

        if section.continued:
            style = t.continuation
            if style == "page-only" and len(section.themes) > 1:
                style = "from-page"
            texts = [CONTINUATIONS[style].format(word=word, id=theme_id, title=title(theme_id),
                                                 page=self.first_page.get(theme_id, ""))
                     for theme_id in section.themes]
            if style == "page-only":
                texts = texts[:1]
            return [plain(text, bold=True) for text in texts]
        if len(section.themes) > 1 and t.multi_style == "compact":
            ids = section.themes
            return [plain(f"{word} {', '.join(ids[:-1])} og {ids[-1]}", bold=True)]
        texts = []
        for theme_id in section.themes:
            text = THEME_STYLES[t.theme_style].format(
                word=word, WORD=word.upper(), id=theme_id, title=title(theme_id), TITLE=title(theme_id).upper())
            texts.append(text.rstrip(": –\n"))
        if len(section.themes) > 1 and t.multi_style == "slash":
            texts = [" / ".join(text.replace("\n", ": ") for text in texts)]
        return [plain(part, bold=True) for text in texts for part in text.split("\n")]

    def box_regions(self, section: Section) -> list[Region]:
        """The three boxes with the template's labels and fills, numbered points as it draws them."""
        regions = []
        for kind, label, fill in zip(BoxKind, self.t.labels, self.t.box_fills, strict=True):
            paras = item_paras(section.box(kind).items)
            if self.t.numbering == "hanging":
                paras = [_hang_number(para) for para in paras]
            regions.append(Region(paras, fill=fill, label=label))
        return regions

    def place_boxes(self, boxes: list[Region], x0: float, top: float, w: float, h: float,
                    size: float) -> list[Placed] | None:
        """Where the three boxes go in the area at this size, or None when they do not fit."""
        t, gutter, pad = self.t, 8.0, self.t.pad

        def label_h(region: Region, width: float) -> float:
            """Room for a label drawn outside the box's text: above it, or in a bar on top."""
            label = [plain(region.label or "", bold=True)]
            if t.label_place == "above":
                return self.tall(label, width, size) + 4
            if t.label_place == "bar":
                return self.tall(label, width - 2 * pad, size) + 2 * pad
            return 0.0

        def content(region: Region) -> list[Para]:
            if t.label_place == "run-in":
                return run_in(region.label or "", region.paras)
            if t.label_place != "inside":
                return region.paras
            return [plain(region.label or "", bold=True), *region.paras]

        def need(region: Region, width: float) -> float:
            return self.tall(content(region), width - 2 * pad, size) + 2 * pad + label_h(region, width)

        def placed(region: Region, x: float, y: float, bw: float, bh: float) -> Placed:
            inner = Region(content(region), fill=region.fill, label=region.label)
            room = label_h(region, bw)
            if t.label_place in ("inside", "run-in"):
                return Placed(inner, x, y, bw, bh)
            return Placed(inner, x, y + room, bw, bh - room, region.label, room)

        grey, purple, yellow = boxes
        if t.arrangement == "reference":
            gw = w * t.split_ratio
            rw = w - gw - gutter
            ng, np_, ny = need(grey, gw), need(purple, rw), need(yellow, rw)
            if ng > h or np_ + ny + gutter > h:
                return None
            ph = np_ + (h - gutter - np_ - ny) * 0.6
            grey_x, right_x = (x0 + rw + gutter, x0) if t.mirror else (x0, x0 + gw + gutter)
            return [placed(grey, grey_x, top, gw, h), placed(purple, right_x, top, rw, ph),
                    placed(yellow, right_x, top + ph + gutter, rw, h - ph - gutter)]
        if t.arrangement == "row":
            ratios = [t.split_ratio, (1 - t.split_ratio) / 2, (1 - t.split_ratio) / 2]
            widths = [(w - 2 * gutter) * ratio for ratio in ratios]
            if any(need(region, bw) > h for region, bw in zip(boxes, widths, strict=True)):
                return None
            xs = [x0, x0 + widths[0] + gutter, x0 + widths[0] + widths[1] + 2 * gutter]
            return [placed(region, x, top, bw, h) for region, x, bw in zip(boxes, xs, widths, strict=True)]
        if t.arrangement == "grid":
            lw = (w - gutter) * t.split_ratio
            rw = w - gutter - lw
            top_h = max(need(grey, lw), need(purple, rw))
            ny = need(yellow, w)
            if top_h + ny + gutter > h:
                return None
            top_h += (h - gutter - top_h - ny) * 0.6
            grey_x, purple_x = (x0 + rw + gutter, x0) if t.mirror else (x0, x0 + lw + gutter)
            return [placed(grey, grey_x, top, lw, top_h), placed(purple, purple_x, top, rw, top_h),
                    placed(yellow, x0, top + top_h + gutter, w, h - top_h - gutter)]
        needs = [need(region, w) for region in boxes]
        if sum(needs) + 2 * gutter > h:
            return None
        spare = (h - 2 * gutter - sum(needs)) / 3
        result, y = [], top
        for region, box_need in zip(boxes, needs, strict=True):
            result.append(placed(region, x0, y, w, box_need + spare))
            y += box_need + spare + gutter
        return result

    def plan_theme_page(self, section: Section) -> tuple[float, list[Placed], Region, tuple[float, ...]] | None:
        """The body size, the placed boxes and the theme region with its rectangle, at the
        largest size where everything fits; None when nothing fits."""
        t = self.t
        theme = Region(self.theme_paras(section), fill=t.theme_fill)
        boxes = self.box_regions(section)
        inner_w, inner_h = self.width - 2 * t.margin, self.bottom - self.top
        sizes = [size for size in SIZES if size <= t.max_size]
        for size in sizes:
            if t.theme_place in ("column", "right-column"):
                column_w = t.column_width if not t.portrait else min(t.column_width, 110.0)
                if self.tall(theme.paras, column_w - 2 * t.pad, size) + 2 * t.pad > inner_h:
                    continue
                if self.widest(theme.paras, column_w - 2 * t.pad, size) > column_w - 2 * t.pad:
                    continue  # a word longer than the column would run into the boxes: no template prints that
                if t.theme_place == "column":
                    rect = (t.margin, self.top, column_w, inner_h)
                    area = (t.margin + column_w + 10, self.top, inner_w - column_w - 10, inner_h)
                else:
                    rect = (self.width - t.margin - column_w, self.top, column_w, inner_h)
                    area = (t.margin, self.top, inner_w - column_w - 10, inner_h)
            elif t.theme_place == "vertical":
                column_w = max(self.tall(theme.paras, inner_h - 2 * t.pad, size + 1) + 2 * t.pad, 24.0)
                rect = (t.margin, self.top, column_w, inner_h)
                area = (t.margin + column_w + 10, self.top, inner_w - column_w - 10, inner_h)
            else:
                heading_size = max(size + 3, 12.0) if t.theme_place == "heading" else size + 1
                heading = [Para(para.runs, size=heading_size) for para in theme.paras]
                theme = Region(heading, fill=theme.fill)
                band_pad = t.pad if t.theme_place == "band" else 0.0
                band_h = self.tall(heading, inner_w - 2 * band_pad, heading_size) + 2 * band_pad
                rect = (t.margin, self.top, inner_w, band_h)
                area = (t.margin, self.top + band_h + 10, inner_w, inner_h - band_h - 10)
            placed = self.place_boxes(boxes, *area, size)
            if placed is not None:
                return size, placed, theme, rect
        return None

    def theme_pages(self, section: Section) -> None:
        """One page for the section, or more when it does not fit (or the template splits long
        sections): each further page is a continuation section of the expected visit."""
        if self.t.split_long and not section.continued and _section_words(section) > SPLIT_WORDS:
            parts = split_section(section)
            if parts:
                for part in parts:
                    self.theme_pages(part)
                return
        plan = self.plan_theme_page(section)
        if plan is None:
            parts = split_section(section)
            if parts is None:
                raise ValueError(f"a section of themes {section.themes} fits no page of template {self.t.seed}")
            for part in parts:
                self.theme_pages(part)
            return
        size, placed, theme, rect = plan
        self.sections.append(section)
        self.begin_page()
        for theme_id in section.themes:
            self.first_page.setdefault(theme_id, self.page_number)
        x, top, w, h = rect
        pad = self.t.pad if self.t.theme_place != "heading" else 0.0
        if theme.fill:
            self.painter.rect(x, top, w, h, theme.fill)
        theme_size = theme.paras[0].size or size if theme.paras else size
        if self.t.theme_place == "vertical":
            self._vertical_text(theme.paras, x, top, h, size + 1)
        else:
            self.painter.text(self.lines(theme.paras, w - 2 * pad, theme_size), x + pad, top + pad)
        for box in placed:
            self._boxed(box.region, box.x, box.top, box.w, box.h, size, text=False)
            if not self.t.labels_last:
                self._label(box, size)
        for index in self.t.draw_order:
            box = placed[index]
            self._boxed(box.region, box.x, box.top, box.w, box.h, size, shape=False)
        if self.t.labels_last:
            for box in placed:
                self._label(box, size)
        self.end_page()

    def _vertical_text(self, paras: list[Para], x: float, top: float, h: float, size: float) -> None:
        """Text turned 90° to read upwards in a column of height ``h``, first line at its left
        edge, as templates print a theme name down the side of the page."""
        canvas, pad = self.painter.canvas, self.t.pad
        canvas.saveState()
        canvas.translate(x, self.height - top - h)
        canvas.rotate(90)
        y = pad
        for line in self.lines(paras, h - 2 * pad, size):
            y += line.gap_before + line.size * self.t.leading
            for piece in line.pieces:
                canvas.setFont(piece.font, line.size)
                canvas.drawString(pad + piece.x, -(y - line.size * 0.25), piece.text)
        canvas.restoreState()

    def _label(self, box: Placed, size: float) -> None:
        """A label outside the box's text: a heading just above the box, or a darker bar."""
        if not box.label_outside:
            return
        label = [plain(box.label_outside, bold=True)]
        top = box.top - box.label_room
        if self.t.label_place == "above":
            self.painter.text(self.lines(label, box.w, size), box.x, top)
            return
        pad = self.t.pad
        dark = self.t.dark_bars
        fill = DARK_BARS[self.t.labels.index(box.label_outside)] if dark else _darker(box.region.fill)
        self.painter.rect(box.x, top, box.w, box.label_room, fill)
        if dark:
            self.painter.canvas.setFillColorRGB(1, 1, 1)
        self.painter.text(self.lines(label, box.w - 2 * pad, size), box.x + pad, top + pad)
        self.painter.canvas.setFillColorRGB(0, 0, 0)

    # The report -------------------------------------------------------------------------------

    def render(self) -> tuple[bytes, Visit]:
        """Every page in the real reports' order; the PDF and the visit it must read back as."""
        visit, model, t = self.visit, self.model, self.t
        self.cover()
        self.method()
        self.flow([(impression_paras(visit), None)])
        for section in visit.sections:
            self.theme_pages(section)
        assessment = (assessment_paras(visit), t.assessment_fill)
        conclusion = (conclusion_paras(visit, model), None)
        if assessment[0] and t.assessment_with_conclusion:
            self.flow([assessment, conclusion])
        else:
            if assessment[0]:
                self.flow([assessment])
            self.flow([conclusion])
        self.flow([(appendix_paras(model), None)])
        self.painter.save()
        return self.buffer.getvalue(), visit.model_copy(update={"sections": self.sections})


def _hang_number(para: Para) -> Para:
    """A numbered point ("1. text") with its number drawn in the hanging indent, as list
    numbering prints it."""
    first, bold = para.runs[0]
    match = re.match(r"(\d+\.)\s+", first)
    if para.marker or not match:
        return para
    return Para([(first[match.end():], bold), *para.runs[1:]], marker=match.group(1), size=para.size,
                tight=para.tight)


def _darker(fill: str | None) -> str:
    """The tint of a box's title bar: its fill a shade darker (light grey for an unfilled box)."""
    if not fill:
        return "D9D9D9"
    red, green, blue = (int(fill[i:i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{int(channel * 0.82):02X}" for channel in (red, green, blue))


def _section_words(section: Section) -> int:
    return sum(len(section.box(kind).text.split()) for kind in BoxKind)


def render(visit: Visit, model: QualityModel, template: Template) -> tuple[bytes, Visit]:
    """The PDF of the visit in the template, and the visit an importer must read from it (the
    input visit, with any section the template split over a continuation page split the same
    way)."""
    total = None
    if template.footer == "side-of":
        # "Side 3 af 12" needs the page count before the first page is drawn: count it first.
        counting = Renderer(visit, model, template)
        counting.render()
        total = counting.page_number
    return Renderer(visit, model, template, total).render()


def render_pdf(visit: Visit, model: QualityModel, template: Template) -> bytes:
    """The PDF of the visit in the template (see :func:`render` for the visit to expect)."""
    return render(visit, model, template)[0]
