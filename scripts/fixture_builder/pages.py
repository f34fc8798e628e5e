"""The written-feedback report as a format-neutral list of pages.

Every producer (reportlab, Word, PowerPoint, HTML) draws the same pages, so what a report says —
every word of its reference visit — is decided here once, and a producer only decides how it
looks. The parts are separate functions so that a randomised template can reorder, restyle and
split them without a second copy of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kvalitet_core.model import BoxKind, Item, Section, Visit
from kvalitet_core.quality_model import QualityModel, builtin_quality_models

ARROW = "→"
FILLS = {BoxKind.TALKED_ABOUT: "D9D9D9", BoxKind.POINTS_TO: "CCC0DA", BoxKind.SUGGESTIONS: "FFF2CC"}
SIDE_BOX_FILL = "DEEAF6"
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december"]


@dataclass
class Para:
    """A paragraph: runs of (text, bold); ``marker`` is "bullet" or "check" for list items, or
    the literal number ("3.") of a numbered point drawn in the hanging indent."""

    runs: list[tuple[str, bool]]
    marker: str | None = None
    size: float | None = None
    """A fixed size (titles); ``None`` means the body size the page layout chooses."""
    tight: bool = False
    """No paragraph spacing before it: a line of a list of values, as in the side box."""

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


@dataclass
class Region:
    """A column or a box of a page: its paragraphs, its fill (hex) and the label printed in it."""

    paras: list[Para]
    fill: str | None = None
    label: str | None = None


@dataclass
class Page:
    """One page: ``kind`` picks the geometry (cover, method, flow, theme)."""

    kind: str
    regions: list[Region] = field(default_factory=list)


def plain(text: str, bold: bool = False, size: float | None = None) -> Para:
    """A paragraph in one font."""
    return Para([(text, bold)], size=size)


def run_in(label: str, paras: list[Para]) -> list[Para]:
    """A box's paragraphs with its label run in, bold, before the first one ("Vi talte om: …"),
    as a form or a plain Word page sets it; a box that opens with a list item or is empty gets
    the label as a paragraph of its own. A label that ends in no colon or ellipsis gets a colon,
    which is what tells a label run in from a sentence that begins with its words."""
    if not label.rstrip().endswith((":", "…", "...")):
        label = label.rstrip(" .") + ":"
    if not paras or paras[0].marker is not None or not paras[0].text.strip():
        return [plain(label, bold=True), *paras]
    first = paras[0]
    return [Para([(label + " ", True), *first.runs], size=first.size, tight=first.tight), *paras[1:]]


def paragraph(text: str, cards: list[str]) -> Para:
    """A box paragraph: "- " items become Symbol bullets, card words become bold runs."""
    marker = None
    if text.startswith("- "):
        marker, text = "bullet", text[2:]
    runs: list[tuple[str, bool]] = []
    rest = text
    while rest:
        hits = [(rest.find(card), card) for card in cards if card and card in rest]
        if not hits:
            runs.append((rest, False))
            break
        start, card = min(hits)
        if start:
            runs.append((rest[:start], False))
        runs.append((card, True))
        rest = rest[start + len(card):]
    return Para(runs, marker=marker)


def item_paras(items: list[Item]) -> list[Para]:
    """A box's items: the bold topic heading, then its paragraphs."""
    paras: list[Para] = []
    for item in items:
        if item.heading:
            paras.append(plain(item.heading, bold=True))
        paras.extend(paragraph(text, item.cards) for text in item.paragraphs)
    return paras


def danish_date(value: date, style: int) -> str:
    """The visit date the way one of the reports writes it; the style varies between fixtures."""
    styles = [
        f"{value.day:02d}.{value.month:02d}.{value.year}",
        f"{value.day}. {MONTHS[value.month - 1]} {value.year}",
        f"{value.day}.{value.month}.{value.year}",
        f"{value.day}/{value.month}-{value.year % 100:02d}",
    ]
    return styles[style % len(styles)]


DATE_STYLES = 4
"""How many ways :func:`danish_date` knows."""


def method_text(auditor_word: str) -> list[Para]:
    """The method boilerplate every report carries ('konsulenterne' or 'auditorerne')."""
    team = auditor_word.lower() + "ne"
    sections = [
        ("Metode", [
            "Socialforvaltningens Kvalitetsmodel 3.0 danner rammen for besøget. Udgangspunktet er en "
            "forventning om, at tilbuddet lever op til Kvalitetsmodellen. Besøget sætter fokus på, hvad "
            "medarbejdere, ledere og eventuelt borgere er optaget af, og hvor de møder udfordringer og "
            "dilemmaer, så drøftelser og feedback på dette kan bidrage til det videre arbejde med "
            "kvalitetsudvikling i tilbuddet."]),
        ("Skriftlig feedback", [
            "Hvert tema er delt op i tre farver: grå, lilla og gul.",
            "I den grå boks fremgår de perspektiver, som kom frem gennem drøftelserne med ledere og "
            "medarbejdere. Det er en opsummering af de pointer, som er afgørende for feedback og "
            "bedømmelse. Det er således ikke et referat.",
            f"I den lilla boks fremgår de fokusområder, som {team} retter tilbuddets opmærksomhed mod.",
            "I den gule boks fremgår forslag fra ledere og medarbejderes til, hvordan der kan arbejdes "
            "med de fokusområder, som fremgår af de lilla bokse.",
            "Af søjlen til venstre fremgår hvilke(t) tema(er), feedbacken relaterer sig til.",
            "Ord markeret med fed i selve teksten i boksene henviser til de blå kort, som besøgsteamet "
            "lavede på dagen."]),
        ("Konklusion", [
            f"På næstsidste side fremgår {team}s samlede konklusioner på besøget."]),
        ("Formål med temaer", [
            "Bagerst findes en oversigt over alle temaer i Kvalitetsmodel 3.0 samt formål for arbejdet "
            "med de enkelte temaer."]),
    ]
    paras = [plain("Metode og læsevejledning", bold=True, size=16)]
    for heading, texts in sections:
        paras.append(plain(heading, bold=True))
        paras.extend(plain(text) for text in texts)
    return paras


def side_box(visit: Visit, style: int, fill: str | None = SIDE_BOX_FILL, inline: bool = False) -> Region:
    """'Oplysninger om besøget': bold field labels, one value per line — or, ``inline``, each
    field on one line after its label ("Konsulenter: A og B"), as some reports write it."""
    paras = [plain("Oplysninger om besøget", bold=True, size=13)]

    def field_(label: str, values: list[str], prose: bool = False) -> None:
        """The label, then its values one per line, with space between fields (and between the
        paragraphs of a note) but not between the entries of a list."""
        if inline and values and not prose:
            joined = values[0] if len(values) == 1 else f"{', '.join(values[:-1])} og {values[-1]}"
            paras.append(Para([(f"{label}: ", True), (joined, False)]))
            return
        paras.append(plain(label, bold=True))
        paras.extend(Para([(value, False)], tight=not (prose and index)) for index, value in enumerate(values))

    when = [danish_date(visit.visit_date, style)] if visit.visit_date else []
    if visit.time_range:
        start, _, end = visit.time_range.partition("-")
        when.append(f"Kl. {start.strip()} – {end.strip()}")
    if inline and len(when) == 2:
        when = [f"{when[0]}, kl. {when[1][3:]}"]
    field_("Dato og tidsrum" if visit.time_range else "Dato", when)
    field_(visit.auditor_title or "Auditorer", visit.auditors)
    employees = ", ".join(str(part) for part in (visit.employees_total, visit.employees_note) if part is not None)
    field_("Antal ansatte i alt på tilbuddet", [employees] if employees else [])
    field_("Vi talte med", visit.spoke_with)
    if visit.focus_note:
        field_("Temaer", split_text(visit.focus_note), prose=True)
    if visit.terminology_note:
        field_("En opmærksomhed", split_text(visit.terminology_note), prose=True)
    return Region(paras, fill=fill)


def theme_column(section: Section, model: QualityModel, first_page: dict[str, int]) -> Region:
    """The left column of a theme page in the reference layout: 'Tema 4: title' per theme, or
    'Tema 4 fortsat fra side 8' on a continuation page."""
    lines: list[Para] = []
    for theme_id in section.themes:
        theme = model.theme(theme_id)
        if section.continued:
            lines.append(plain(f"{model.theme_word} {theme_id} fortsat fra side {first_page.get(theme_id, '')}",
                               bold=True))
        else:
            lines.append(plain(f"{model.theme_word} {theme_id}: {theme.title if theme else ''}".strip(), bold=True))
    return Region(lines)


def cover_paras(visit: Visit) -> list[Para]:
    """Series, 'Skriftlig Feedback', the offer (and unit) and the visit date."""
    name = f"{visit.offer}, {visit.unit}" if visit.unit else visit.offer
    cover = [plain(visit.series, size=20)] if visit.series else []
    cover += [plain("Skriftlig Feedback", bold=True, size=28), plain(name, size=20)]
    if visit.visit_date:
        cover.append(plain(f"Besøg den {danish_date(visit.visit_date, 1)}", size=16))
    return cover


def impression_paras(visit: Visit) -> list[Para]:
    """'Samlede indtryk af tilbuddet' and its paragraphs."""
    return [plain("Samlede indtryk af tilbuddet", bold=True, size=16)] + [
        plain(text) for text in split_text(visit.overall_impression)]


def assessment_paras(visit: Visit) -> list[Para]:
    """'Bedømmelse' and the assessment; empty when the report has none."""
    if not visit.assessment:
        return []
    return [plain("Bedømmelse", bold=True, size=16), plain(f"{visit.assessment}.")]


def conclusion_paras(visit: Visit, model: QualityModel) -> list[Para]:
    """'Konklusion', its paragraphs and the 'Det vil bidrage til, at leve op til:' list."""
    conclusion = [plain("Konklusion", bold=True, size=16)] + [plain(text) for text in split_text(visit.conclusion)]
    if visit.contributes_to:
        conclusion.append(plain("Det vil bidrage til, at leve op til:"))
        conclusion += [Para([(f"{model.theme_word} {c.theme}. {c.text}", False)], marker="check")
                       for c in visit.contributes_to]
    return conclusion


def appendix_paras(model: QualityModel) -> list[Para]:
    """'Temaer og formål': the model's themes with their purposes and the work areas."""
    appendix = [plain(f"Temaer og formål – {model.name}", bold=True, size=13)]
    for theme in model.themes:
        appendix += [plain(f"{model.theme_word} {theme.id}: {theme.title}", bold=True), plain(f"Formål: {theme.purpose}")]
    if model.work_areas:
        appendix.append(plain(f"{len(model.work_areas)} obligatoriske arbejdsområder", bold=True))
        appendix += [Para([(area.title, False)], marker="check") for area in model.work_areas]
    return appendix


def report_pages(visit: Visit, model: QualityModel, style: int,
                 fills: dict[BoxKind, str | None] = FILLS, inline_side_box: bool = False) -> list[Page]:
    """The whole report, page by page, in the real layout's order; ``fills`` colours the boxes
    (``None`` leaves a box unfilled, as a black-and-white template prints it); the side box's
    fields are written one per line after their labels with ``inline_side_box``."""
    pages = [Page("cover", [Region(cover_paras(visit))]),
             Page("method", [Region(method_text(visit.auditor_title or "Auditorer")),
                             side_box(visit, style, inline=inline_side_box)])]
    pages.append(Page("flow", [Region(impression_paras(visit))]))
    first_page: dict[str, int] = {}
    for section in visit.sections:
        page_number = len(pages) + 1
        column = theme_column(section, model, first_page)
        for theme_id in section.themes:
            first_page.setdefault(theme_id, page_number)
        boxes = [Region(item_paras(section.box(kind).items), fill=fills[kind], label=kind.label) for kind in BoxKind]
        pages.append(Page("theme", [column, *boxes]))
    if visit.assessment:
        pages.append(Page("flow", [Region(assessment_paras(visit))]))
    pages.append(Page("flow", [Region(conclusion_paras(visit, model))]))
    pages.append(Page("flow", [Region(appendix_paras(model))]))
    return pages


def split_text(text: str) -> list[str]:
    """The paragraphs of a multi-paragraph field (separated by a blank line)."""
    return [chunk for chunk in text.split("\n\n") if chunk.strip()]


def quality_model_for(visit: Visit) -> QualityModel:
    """The built-in quality model a visit names."""
    return next(model for model in builtin_quality_models() if model.id == visit.quality_model)
