"""Report templates the importers have never seen, as other municipal offices might draw them.

The earlier probes (:mod:`.style_probe`, :mod:`.producer_probe`, :mod:`.office_probe`) draw the
three boxes with their label as a paragraph of its own inside the box, in a tab, a strip, a pill
or a table header. An office that builds its own report template makes other choices: it runs the
label into the box's first sentence, sets it as a heading above the box, spells it in spaced
capitals on a card, puts the suggestions box first as a sidebar, sets a box's text in two columns,
writes the particulars as "Nøgle: værdi" lines with the date written out, uses the slide's title
placeholder for the theme. Each design below keeps every word of the visit (metadata, themes and
boxes), so the visit an importer must read back is the reference visit itself (a PowerPoint
design, whose slides cannot flow, moves a long theme's overflow to a "(fortsat)" slide and
returns the visit split accordingly). These designs were made without looking at the importers.

HTML (printed by headless Chromium and by WeasyPrint):

- ``leadin``: the label run in as a bold, coloured lead-in on the box's first line ("Vi talte
  om: Et sted at høre til …"), light fills, no label line of its own.
- ``above``: the label a coloured heading with a small colour square, set ABOVE its shaded box
  (outside it); the theme written "Tema 2 – Selvstændighed og relationer".
- ``topcards``: white cards on a warm grey page, each only a thick coloured top border, the
  labels in letter-spaced capitals (CSS ``text-transform``); grey full width, purple | yellow.
- ``sidebar``: a dark theme band with a big theme number; the yellow box comes FIRST in the
  document and floats right as a narrow sidebar, grey then purple in the main column.
- ``cols2``: each box's text set in two CSS columns with a rule between them, the label across
  both columns above them.
- ``factsheet``: a cover with a large photo-like colour block holding the title, the particulars
  under it as "Nøgle: værdi" lines with the date written out ("14. marts 2019") under "Om
  besøget"; theme pages with a spaced-capitals "TEMA 3A" kicker over the title; italic serif labels.
- ``bw``: a black-and-white template: no fills, no colour; each label a bold term (``<dt>``)
  with a hairline above it, the box's text an indented definition (``<dd>``).

Word (python-docx, imported as .docx and as LibreOffice's PDF):

- ``wleadin``: the particulars as "Nøgle: værdi" paragraphs with the date written out (no side
  table); theme in "Heading 1" with an en dash; each box paragraphs with shading and no border,
  the label a bold coloured lead-in run of the first paragraph.
- ``wabove``: the label a paragraph in an own coloured style ABOVE a one-cell shaded table with
  the text.
- ``wtopbar``: each box a one-cell table with only a thick coloured top border and no fill, the
  label in character-spaced capitals (``w:caps``: the file says "Vi talte om", the page shows
  "VI TALTE OM").
- ``wcols``: the label a shaded paragraph across the page, the box's text (shaded too) in a
  two-column continuous Word section with a line between the columns.

PowerPoint (python-pptx, imported as .pptx and as LibreOffice's PDF):

- ``ptitle``: the "Title Only" layout, the theme in the title placeholder ("Tema 2: …"), three
  unfilled text boxes side by side, each label the accent-coloured first paragraph.
- ``pband``: a dark band across the slide top with the theme in white; cards drawn as a thin
  coloured bar over an unfilled text box, labels in spaced capitals (``cap="all"``); grey down
  the left, purple over yellow on the right.
- ``pyellow``: three filled columns in the order yellow, grey, purple (the leaders' and staff's
  own suggestions first), each label the bold first paragraph in the box's dark colour.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from fixture_builder import style_probe
from fixture_builder.fuzz import split_to_fit
from fixture_builder.office_probe import _need as _measured_need
from fixture_builder.pages import (
    Para,
    assessment_paras,
    conclusion_paras,
    cover_paras,
    danish_date,
    method_text,
    plain,
    quality_model_for,
    run_in,
    split_text,
)
from fixture_builder.producer_probe import (
    COLOURS,
    DARK,
    LIGHT,
    PLAIN,
    SLIDE_H,
    SLIDE_W,
    _boxes,
    _Deck,
    _docx_report,
    _html_paras,
    _shade,
    _write_paras,
    wkhtmltopdf,
)
from fixture_builder.style_probe import (
    PRODUCERS as STYLE_PRODUCERS,
)
from fixture_builder.style_probe import (
    Design,
    Producer,
    _html_report,
    chromium_pdf,
    source_for,
    weasyprint,
)
from kvalitet_core.model import Section, Visit
from kvalitet_core.quality_model import QualityModel

__all__ = ["DESIGNS", "PRODUCERS", "source_for"]

LABELS = PLAIN.texts
"""The labels as the reports print them: grey, purple, yellow."""
ACCENT = {"grey": "5F5F5F", "purple": "6A3F9E", "yellow": "A87A00"}
PROFILE = "file:///tmp/lo-template-probe-profile"
"""This probe's own LibreOffice profile, so it never waits on another probe's soffice."""


def _theme_name(section: Section, model: QualityModel, sep: str = ": ", fortsat: str = " (fortsat)") -> str:
    """The page's theme(s) as the design writes them: 'Tema 2<sep>title', joined by ' / '."""
    parts = []
    for theme_id in section.themes:
        theme = model.theme(theme_id)
        if section.continued:
            parts.append(f"{model.theme_word} {theme_id}{fortsat}")
        else:
            parts.append(f"{model.theme_word} {theme_id}{sep}{theme.title if theme else ''}".rstrip(sep))
    return " / ".join(parts)


def _joined(values: list[str]) -> str:
    """'a, b og c', as Danish prose lists them."""
    if not values:
        return ""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} og {values[-1]}"


def _key_values(visit: Visit) -> list[tuple[str, list[str]]]:
    """The particulars as (key, paragraphs) pairs: the date written out ("14. marts 2019"), the
    time range as "kl. 9.30–15.00", lists joined in prose; the first paragraph of a note goes on
    the key's line, the rest follow as paragraphs of their own."""
    rows: list[tuple[str, list[str]]] = []
    if visit.visit_date:
        rows.append(("Dato", [danish_date(visit.visit_date, 1)]))
    if visit.time_range:
        start, _, end = visit.time_range.partition("-")
        rows.append(("Tidsrum", [f"kl. {start.strip().lstrip('0').replace(':', '.')}–{end.strip().replace(':', '.')}"]))
    if visit.auditors:
        rows.append((visit.auditor_title or "Auditorer", [_joined(visit.auditors)]))
    if visit.employees_total is not None or visit.employees_note:
        parts = [str(visit.employees_total)] if visit.employees_total is not None else []
        if visit.employees_note:
            parts.append(visit.employees_note)
        rows.append(("Antal ansatte i alt", [", ".join(parts)]))
    if visit.spoke_with:
        rows.append(("Vi talte med", [_joined(visit.spoke_with)]))
    if visit.focus_note:
        rows.append(("Temaer", split_text(visit.focus_note)))
    if visit.terminology_note:
        rows.append(("En opmærksomhed", split_text(visit.terminology_note)))
    return rows


def _key_value_paras(visit: Visit) -> list[Para]:
    out: list[Para] = []
    for key, values in _key_values(visit):
        out.append(Para([(f"{key}: ", True), (values[0], False)]))
        out.extend(plain(value) for value in values[1:])
    return out


# --- HTML -----------------------------------------------------------------------------------------

def _label_html(index: int, tag: str = "p", css_class: str = "label", style: str = "") -> str:
    styled = f" style='{style}'" if style else ""
    return f"<{tag} class='{css_class}'{styled}>{html.escape(LABELS[index])}</{tag}>"


def _body(section: Section, index: int) -> str:
    return _html_paras(_boxes(section)[index])


def _lead_in(label: str, paras: list[Para]) -> list[Para]:
    """:func:`pages.run_in`, except before a numbered point: run into "1. …" the point would no
    longer open the HTML list, the next one would open ``<ol start=2>``, and WeasyPrint ignores
    ``start`` (it would print "1." where the report says "2.")."""
    if paras and re.match(r"\d+\.\s", paras[0].text):
        return [plain(label, bold=True), *paras]
    return run_in(label, paras)


def html_leadin(visit: Visit) -> tuple[str, Visit]:
    """Label run in, bold and coloured, before the box's first sentence; light fills."""
    css = """
h2.theme { color: #1D4F73; font-size: 16pt; margin-bottom: 12pt; }
.box { padding: 8pt 11pt 5pt 11pt; margin: 0 0 11pt 0; border-radius: 3pt; }
.box > p:first-child > b:first-child, .box > ul:first-child b:first-child { color: var(--accent); }
"""

    def page(section: Section, model: QualityModel) -> str:
        out = [f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2>"]
        for index, colour in enumerate(COLOURS):
            paras = _lead_in(LABELS[index], _boxes(section)[index])
            out.append(f"<div class='box' style='background:#{LIGHT[colour]};--accent:#{ACCENT[colour]}'>"
                       f"{_html_paras(paras)}</div>")
        return "".join(out)

    return _html_report(visit, css=css, theme_page=page, font="'Liberation Sans', sans-serif", size=9.5,
                        marker="•", date_style=0), visit


def html_above(visit: Visit) -> tuple[str, Visit]:
    """Each label a coloured heading above (outside) its shaded box; 'Tema 2 – title'."""
    css = """
h2.theme { color: #203864; font-size: 17pt; font-weight: normal; margin-bottom: 16pt; }
h3.label { font-size: 11pt; margin: 0 0 4pt 0; break-after: avoid; }
h3.label::before { content: ""; display: inline-block; width: 8pt; height: 8pt; margin-right: 6pt;
  background: currentColor; vertical-align: baseline; }
.box { padding: 8pt 10pt; margin: 0 0 15pt 0; }
"""

    def page(section: Section, model: QualityModel) -> str:
        out = [f"<h2 class='theme'>{html.escape(_theme_name(section, model, ' – ', ' – fortsat'))}</h2>"]
        for index, colour in enumerate(COLOURS):
            out.append(_label_html(index, "h3", style=f"color:#{ACCENT[colour]}"))
            out.append(f"<div class='box' style='background:#{LIGHT[colour]}'>{_body(section, index)}</div>")
        return "".join(out)

    return _html_report(visit, css=css, theme_page=page, font="'Nimbus Sans', sans-serif", size=9.5,
                        marker="–", date_style=2), visit


def html_topcards(visit: Visit) -> tuple[str, Visit]:
    """White cards with only a thick coloured top border on a warm grey page; spaced capitals."""
    css = """
@page { background: #F3F1EC; }
html, body { background: #F3F1EC; }
h2.theme { color: #333333; font-size: 15pt; margin-bottom: 12pt; }
.cards { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12pt; }
.card { background: #FFFFFF; border-top: 6pt solid; padding: 9pt 11pt 7pt 11pt; }
.card.wide { grid-column: 1 / span 2; }
.card p.label { text-transform: uppercase; letter-spacing: 1.6pt; font-size: 8pt; font-weight: bold;
  margin-bottom: 7pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        out = [f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2><div class='cards'>"]
        for index, colour in enumerate(COLOURS):
            wide = " wide" if index == 0 else ""
            out.append(f"<div class='card{wide}' style='border-top-color:#{DARK[colour]}'>"
                       f"{_label_html(index, style=f'color:#{DARK[colour]}')}{_body(section, index)}</div>")
        out.append("</div>")
        return "".join(out)

    return _html_report(visit, css=css, theme_page=page, font="'DejaVu Sans', sans-serif", size=8.5,
                        marker="▪", date_style=3), visit


def html_sidebar(visit: Visit) -> tuple[str, Visit]:
    """A dark theme band with a big number; yellow first in the source, floated right as a sidebar."""
    css = """
.band { background: #23395B; color: #FFFFFF; padding: 10pt 14pt; margin-bottom: 14pt; display: flex;
  align-items: center; gap: 14pt; }
.band .num { font-size: 30pt; font-weight: bold; line-height: 1; }
.band .title { font-size: 13pt; }
.side-yellow { float: right; width: 31%; margin: 0 0 10pt 14pt; padding: 9pt 10pt; }
.main .box { padding: 8pt 10pt; margin-bottom: 11pt; }
p.label { font-variant: small-caps; font-weight: bold; font-size: 11pt; margin-bottom: 5pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        number = " ".join(section.themes)
        band = (f"<div class='band'><span class='num'>{html.escape(number)}</span>"
                f"<span class='title'>{html.escape(_theme_name(section, model))}</span></div>")
        yellow = (f"<div class='side-yellow' style='background:#{LIGHT['yellow']}'>"
                  f"{_label_html(2, style='color:#' + ACCENT['yellow'])}{_body(section, 2)}</div>")
        main = "".join(f"<div class='box' style='background:#{LIGHT[c]}'>"
                       f"{_label_html(i, style=f'color:#{ACCENT[c]}')}{_body(section, i)}</div>"
                       for i, c in enumerate(COLOURS[:2]))
        return f"{band}{yellow}<div class='main'>{main}</div>"

    return _html_report(visit, css=css, theme_page=page, font="'URW Gothic', sans-serif", size=9.0,
                        marker="•", date_style=1), visit


def html_cols2(visit: Visit) -> tuple[str, Visit]:
    """Each box's text in two CSS columns with a rule, the label across both above them."""
    css = """
h2.theme { color: #4B2C73; border-bottom: 2pt solid #4B2C73; padding-bottom: 3pt; margin-bottom: 12pt; }
.box { padding: 8pt 11pt; margin-bottom: 12pt; }
.box p.label { font-size: 10.5pt; font-weight: bold; margin-bottom: 5pt; }
.box .text { column-count: 2; column-gap: 16pt; column-rule: 0.6pt solid rgba(0, 0, 0, 0.35); }
.box .text p, .box .text li { break-inside: avoid-column; }
"""

    def page(section: Section, model: QualityModel) -> str:
        return f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2>" + "".join(
            f"<div class='box' style='background:#{LIGHT[c]}'>{_label_html(i)}"
            f"<div class='text'>{_body(section, i)}</div></div>" for i, c in enumerate(COLOURS))

    return _html_report(visit, css=css, theme_page=page, font="'Liberation Serif', serif", size=9.5,
                        marker="•", date_style=0), visit


def html_factsheet(visit: Visit) -> tuple[str, Visit]:
    """A photo-like colour block on the cover, the particulars as 'Nøgle: værdi' lines under it."""
    css = """
.hero { height: 120mm; padding: 18mm 14mm; box-sizing: border-box; color: #FFFFFF;
  background: radial-gradient(circle at 22% 30%, rgba(255, 214, 140, 0.85) 0, rgba(255, 214, 140, 0) 38%),
              radial-gradient(circle at 78% 70%, rgba(60, 120, 90, 0.9) 0, rgba(60, 120, 90, 0) 45%),
              linear-gradient(160deg, #6D8FB3 0%, #3E5C76 55%, #2B3A2E 100%); }
.hero .series { font-size: 13pt; letter-spacing: 1pt; }
.hero .kind { font-size: 30pt; font-weight: bold; margin: 8pt 0; }
.hero .name { font-size: 20pt; }
.hero .when { font-size: 13pt; margin-top: 10pt; }
.facts { margin-top: 12mm; font-size: 10pt; }
.facts h3 { font-size: 13pt; color: #3E5C76; margin: 0 0 6pt 0; }
.facts p { margin: 0 0 3pt 0; }
.kicker { text-transform: uppercase; letter-spacing: 2.2pt; font-size: 9pt; color: #3E5C76; margin-bottom: 2pt; }
h2.theme { font-size: 17pt; margin-bottom: 12pt; }
.box { border-radius: 0 14pt 0 14pt; padding: 8pt 12pt; margin-bottom: 11pt; }
.box p.label { font-family: 'P052', serif; font-style: italic; font-size: 12pt; margin-bottom: 4pt; }
"""

    def front(visit: Visit) -> str:
        name = f"{visit.offer}, {visit.unit}" if visit.unit else visit.offer
        hero = ["<div class='hero'>"]
        if visit.series:
            hero.append(f"<p class='series'>{html.escape(visit.series)}</p>")
        hero.append("<p class='kind'>Skriftlig Feedback</p>")
        hero.append(f"<p class='name'>{html.escape(name)}</p>")
        if visit.visit_date:
            hero.append(f"<p class='when'>Besøg den {html.escape(danish_date(visit.visit_date, 1))}</p>")
        hero.append("</div>")
        facts = ["<div class='facts'><h3>Om besøget</h3>", _html_paras(_key_value_paras(visit)), "</div>"]
        return "".join(hero + facts)

    def page(section: Section, model: QualityModel) -> str:
        kicker = " · ".join(f"{model.theme_word} {t}" + (" – fortsat" if section.continued else "")
                            for t in section.themes)
        titles = " / ".join((model.theme(t).title if model.theme(t) else "") for t in section.themes)
        out = [f"<p class='kicker'>{html.escape(kicker)}</p><h2 class='theme'>{html.escape(titles)}</h2>"]
        out += [f"<div class='box' style='background:#{LIGHT[c]}'>{_label_html(i)}{_body(section, i)}</div>"
                for i, c in enumerate(COLOURS)]
        return "".join(out)

    return _html_report(visit, css=css, theme_page=page, font="'Nimbus Sans', sans-serif", size=9.5,
                        marker="•", front=front), visit


def html_bw(visit: Visit) -> tuple[str, Visit]:
    """Black and white: no fills, no colour; each label a bold term, its text an indented definition."""
    css = """
h2.theme { font-size: 14pt; margin-bottom: 10pt; }
dl.boxes { margin: 0; }
dl.boxes dt { font-weight: bold; font-size: 10.5pt; margin: 10pt 0 3pt 0; padding-top: 6pt;
  border-top: 0.4pt solid #000000; break-after: avoid; }
dl.boxes dt:first-child { border-top: none; padding-top: 0; margin-top: 0; }
dl.boxes dd { margin: 0 0 0 24pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        return (f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2><dl class='boxes'>"
                + "".join(f"<dt>{html.escape(LABELS[i])}</dt><dd>{_body(section, i)}</dd>" for i in range(3))
                + "</dl>")

    return _html_report(visit, css=css, theme_page=page, font="'URW Bookman', serif", size=9.5,
                        marker="–", date_style=1), visit


# --- Word ------------------------------------------------------------------------------------------

def _ppr_append(paragraph: Any, xml: str) -> None:
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(parse_xml(xml))


def _nsdecls() -> str:
    from docx.oxml.ns import nsdecls

    return nsdecls("w")


def _docx_front_key_values(visit: Visit, font: str) -> Callable[[Any], None]:
    """A writer that puts 'Oplysninger om besøget' as key: value paragraphs into a document."""
    def write(document: Any) -> None:
        _write_paras(document, [plain("Oplysninger om besøget", bold=True, size=13), *_key_value_paras(visit)],
                     first_reuse=False, font=font, size=10)
    return write


def _docx_keyvalue_report(visit: Visit, *, font: str, marker: str,
                          theme: Callable[[Any, Section, QualityModel], None]) -> bytes:
    """The report with cover, key-value particulars, method, impression, themes, the rest.

    Built here rather than by :func:`producer_probe._docx_report` because that one always draws
    the side box as a table of label lines."""
    import io

    from fixture_builder.pages import appendix_paras, impression_paras
    from fixture_builder.producer_probe import _docx_base, _page_break

    model = quality_model_for(visit)
    document = _docx_base(False, visit, font)

    def write(paras: list[Para], first_reuse: bool = False) -> None:
        _write_paras(document, paras, marker=marker, font=font, first_reuse=first_reuse)

    write(cover_paras(visit), first_reuse=True)
    _page_break(document)
    _docx_front_key_values(visit, font)(document)
    write([plain("")])
    write(method_text(visit.auditor_title or "Auditorer"))
    _page_break(document)
    write(impression_paras(visit))
    for section in visit.sections:
        _page_break(document)
        theme(document, section, model)
    if visit.assessment:
        _page_break(document)
        write(assessment_paras(visit))
    _page_break(document)
    write(conclusion_paras(visit, model))
    _page_break(document)
    write(appendix_paras(model))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_leadin(visit: Visit) -> tuple[bytes, Visit]:
    """Key: value particulars; 'Heading 1' themes; shaded paragraphs, the label a coloured lead-in."""
    from docx.shared import RGBColor

    font = "DejaVu Serif"

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        document.add_paragraph(_theme_name(section, model, " – ", " – fortsat"), style="Heading 1")
        for index, colour in enumerate(COLOURS):
            if index:
                document.add_paragraph()
            before = len(document.paragraphs)
            _write_paras(document, run_in(LABELS[index], _boxes(section)[index]), first_reuse=False, font=font,
                         size=9.5, marker="•")
            added = document.paragraphs[before:]
            for paragraph in added:
                _ppr_append(paragraph, f'<w:shd {_nsdecls()} w:val="clear" w:color="auto" w:fill="{LIGHT[colour]}"/>')
            label_run = next(run for run in added[0].runs if run.text.strip())
            label_run.font.color.rgb = RGBColor.from_string(ACCENT[colour])

    return _docx_keyvalue_report(visit, font=font, marker="•", theme=theme), visit


def _box_label_style(document: Any) -> Any:
    """A paragraph style of the office's own: 'Boksoverskrift', bold, kept with the next one."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    try:
        return document.styles["Boksoverskrift"]
    except KeyError:
        style = document.styles.add_style("Boksoverskrift", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.bold = True
        style.font.size = Pt(11)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(10)
        style.paragraph_format.space_after = Pt(3)
        return style


def docx_above(visit: Visit) -> tuple[bytes, Visit]:
    """The label a paragraph in an own style above a one-cell shaded table holding the text."""
    from docx.shared import RGBColor

    font = "Liberation Sans"

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        document.add_paragraph(_theme_name(section, model), style="Heading 2")
        style = _box_label_style(document)
        for index, colour in enumerate(COLOURS):
            label = document.add_paragraph(style=style)
            run = label.add_run(LABELS[index])
            run.font.color.rgb = RGBColor.from_string(ACCENT[colour])
            table = document.add_table(rows=1, cols=1)
            _shade(table.cell(0, 0), LIGHT[colour])
            _write_paras(table.cell(0, 0), _boxes(section)[index], font=font, size=9.5, marker="–")

    return _docx_report(visit, landscape=False, font=font, marker="–", theme=theme), visit


def _top_border_only(cell: Any, colour: str) -> None:
    from docx.oxml import parse_xml

    sides = (f'<w:top w:val="single" w:sz="36" w:space="0" w:color="{colour}"/>'
             '<w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>')
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:tcBorders {_nsdecls()}>{sides}</w:tcBorders>'))


def docx_topbar(visit: Visit) -> tuple[bytes, Visit]:
    """Each box a one-cell table with only a thick coloured top border; label caps, spaced."""
    from docx.oxml import parse_xml
    from docx.shared import Pt, RGBColor

    font = "Liberation Sans Narrow"

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        title = document.add_paragraph()
        run = title.add_run(_theme_name(section, model))
        run.bold, run.font.size, run.font.name = True, Pt(16), font
        run.font.color.rgb = RGBColor.from_string("2F5496")
        for index, colour in enumerate(COLOURS):
            table = document.add_table(rows=1, cols=1)
            cell = table.cell(0, 0)
            _top_border_only(cell, DARK[colour])
            label = cell.paragraphs[0]
            label_run = label.add_run(LABELS[index])
            label_run.bold, label_run.font.size, label_run.font.name = True, Pt(8.5), font
            label_run.font.color.rgb = RGBColor.from_string(DARK[colour])
            label_run._r.get_or_add_rPr().append(parse_xml(f'<w:caps {_nsdecls()}/>'))
            label_run._r.get_or_add_rPr().append(parse_xml(f'<w:spacing {_nsdecls()} w:val="30"/>'))
            label.paragraph_format.space_before = Pt(4)
            label.paragraph_format.space_after = Pt(5)
            _write_paras(cell, _boxes(section)[index], font=font, size=10, marker="▪", first_reuse=False)
            document.add_paragraph()

    return _docx_report(visit, landscape=False, font=font, marker="▪", theme=theme), visit


def _columns(section: Any, count: int) -> None:
    """A Word section's text columns (``w:cols``), with a line between them when more than one."""
    from docx.oxml import parse_xml

    sect_pr = section._sectPr
    for old in sect_pr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cols"):
        sect_pr.remove(old)
    separator = ' w:sep="1"' if count > 1 else ""
    sect_pr.append(parse_xml(f'<w:cols {_nsdecls()} w:num="{count}" w:space="425"{separator}/>'))


def docx_columns(visit: Visit) -> tuple[bytes, Visit]:
    """The label a shaded paragraph across the page; the box's text in a two-column section."""
    from docx.enum.section import WD_SECTION

    font = "Liberation Serif"

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        document.add_paragraph(_theme_name(section, model), style="Heading 2")
        for index, colour in enumerate(COLOURS):
            label = document.add_paragraph()
            run = label.add_run(LABELS[index])
            run.bold, run.font.name = True, font
            _ppr_append(label, f'<w:shd {_nsdecls()} w:val="clear" w:color="auto" w:fill="{LIGHT[colour]}"/>')
            _columns(document.add_section(WD_SECTION.CONTINUOUS), 2)
            before = len(document.paragraphs)
            paras = _boxes(section)[index] or [plain("")]
            _write_paras(document, paras, first_reuse=False, font=font, size=9.5, marker="•")
            for paragraph in document.paragraphs[before:]:
                _ppr_append(paragraph, f'<w:shd {_nsdecls()} w:val="clear" w:color="auto" w:fill="{LIGHT[colour]}"/>')
            _columns(document.add_section(WD_SECTION.CONTINUOUS), 1)

    return _docx_report(visit, landscape=False, font=font, marker="•", theme=theme), visit


# --- PowerPoint ---------------------------------------------------------------------------------------

def pptx_title(visit: Visit) -> tuple[bytes, Visit]:
    """'Title Only' slides: the theme in the title placeholder; three unfilled text boxes."""
    from pptx.dml.color import RGBColor

    model = quality_model_for(visit)
    deck = _Deck("Liberation Sans")
    size = 9.0
    gap, top = 18.0, 92.0
    col_w = (SLIDE_W - 60 - 2 * gap) / 3
    room = SLIDE_H - top - 36
    title_layout = deck.prs.slide_layouts[5]

    def fits(section: Section) -> bool:
        return all(_measured_need([plain(LABELS[i], True), *paras], col_w, size) <= room
                   for i, paras in enumerate(_boxes(section)))

    sections = split_to_fit(visit.sections, fits)
    deck.front(visit, 11)
    for section in sections:
        deck.number += 1
        slide = deck.prs.slides.add_slide(title_layout)
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = deck.pt(30), deck.pt(18), deck.pt(SLIDE_W - 60), deck.pt(56)
        title.text = _theme_name(section, model)
        for paragraph in title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = deck.pt(24)
                run.font.color.rgb = RGBColor.from_string("1F3864")
        for index, (paras, colour) in enumerate(zip(_boxes(section), COLOURS, strict=True)):
            x = 30 + index * (col_w + gap)
            deck.box(slide, x, top, col_w, room, [Para([(LABELS[index], True)], size=12), *paras], size,
                     first_colour=ACCENT[colour])
        deck.footer(slide, visit)
    deck.back(visit, model, 11)
    return deck.save(), visit.model_copy(update={"sections": sections})


def _spaced_caps(shape: Any) -> None:
    """The first paragraph's runs shown in capitals with letter spacing (``cap``, ``spc``)."""
    for run in shape.text_frame.paragraphs[0].runs:
        r_pr = run._r.get_or_add_rPr()
        r_pr.set("cap", "all")
        r_pr.set("spc", "200")


def pptx_band(visit: Visit) -> tuple[bytes, Visit]:
    """A dark band on top with the theme in white; cards of a thin coloured bar over a text box."""
    model = quality_model_for(visit)
    deck = _Deck("DejaVu Sans")
    size = 8.5
    band_h, gap, bar = 58.0, 16.0, 6.0
    top = band_h + 20
    col_w = (SLIDE_W - 60 - gap) / 2
    room = SLIDE_H - top - 36
    label_size = 9.0

    def need(index: int, paras: list[Para]) -> float:
        return _measured_need([plain(LABELS[index], True, label_size), *paras], col_w, size)

    def fits(section: Section) -> bool:
        boxes = _boxes(section)
        return need(0, boxes[0]) <= room - bar and need(1, boxes[1]) + need(2, boxes[2]) + 2 * bar + gap <= room

    sections = split_to_fit(visit.sections, fits)
    deck.front(visit, 11)
    for section in sections:
        slide = deck.slide()
        band = deck.shape(slide, "rect", 0, 0, SLIDE_W, band_h, "1B2A41")
        deck.text(band, [Para([(_theme_name(section, model), True)])], 18, colour="FFFFFF", anchor_top=False)
        band.text_frame.margin_left = deck.pt(30)
        boxes = _boxes(section)
        right = 30 + col_w + gap
        upper = max(40.0, need(1, boxes[1]))
        spots = [(30, top, room - bar), (right, top, upper), (right, top + upper + bar + gap, room - upper - 2 * bar - gap)]
        for index, ((x, y, h), colour) in enumerate(zip(spots, COLOURS, strict=True)):
            deck.shape(slide, "rect", x, y, col_w, bar, DARK[colour])
            text = deck.box(slide, x, y + bar, col_w, max(h, 30.0),
                            [Para([(LABELS[index], True)], size=label_size), *boxes[index]], size,
                            first_colour=DARK[colour])
            _spaced_caps(text)
        deck.footer(slide, visit)
    deck.back(visit, model, 11)
    return deck.save(), visit.model_copy(update={"sections": sections})


def pptx_yellow_first(visit: Visit) -> tuple[bytes, Visit]:
    """Three filled columns in the order yellow, grey, purple; each label the bold first paragraph."""
    model = quality_model_for(visit)
    deck = _Deck("Liberation Sans Narrow")
    size = 9.5
    gap, top = 10.0, 70.0
    col_w = (SLIDE_W - 60 - 2 * gap) / 3
    room = SLIDE_H - top - 36
    order = (2, 0, 1)

    def fits(section: Section) -> bool:
        return all(_measured_need([plain(LABELS[i], True), *paras], col_w, size) <= room
                   for i, paras in enumerate(_boxes(section)))

    sections = split_to_fit(visit.sections, fits)
    deck.front(visit, 11)
    for section in sections:
        slide = deck.slide()
        deck.box(slide, 30, 18, SLIDE_W - 60, 40, [Para([(_theme_name(section, model), True)])], 18,
                 colour="7F6000")
        boxes = _boxes(section)
        for slot, index in enumerate(order):
            colour = COLOURS[index]
            shape = deck.shape(slide, "rect", 30 + slot * (col_w + gap), top, col_w, room, LIGHT[colour])
            deck.text(shape, [Para([(LABELS[index], True)], size=11), *boxes[index]], size,
                      first_colour=DARK[colour])
        deck.footer(slide, visit)
    deck.back(visit, model, 11)
    return deck.save(), visit.model_copy(update={"sections": sections})


# --- more designs: footer labels, sticky notes, run-in topics, icons, spreads, details, numbered
# labels, floating text boxes, grouped shapes ------------------------------------------------------
#
# HTML:
# - ``footlabel``: landscape, the three boxes as equal-height columns, each label at the BOTTOM
#   of its column under a coloured rule (a caption, not a heading).
# - ``sticky``: the grey box a large rounded speech bubble with a tail; purple and yellow below
#   it as sticky notes rotated a few degrees (CSS ``transform: rotate``) with a drop shadow.
# - ``runin``: every topic heading set as a small-caps run-in at the start of its first
#   paragraph ("Et sted at høre til. Brugerne fortæller …"); labels in the box colour with a rule.
# - ``icons``: white cards with a coloured left stripe; an icon glyph in a coloured disc before
#   each label ("❝ Vi talte om", "➜ Dette peger på at…", "★ Ledere og medarbejdere peger på…").
# - ``spread``: a two-page spread per theme: the grey box alone on the first page, purple and
#   yellow on the next, the theme title repeated at the top of both.
# - ``details``: each box a ``<details open>`` block whose ``<summary>`` is the label (the
#   browser's disclosure triangle printed before it), as a report exported from an intranet page.
#
# Word:
# - ``wnumlab``: each label a paragraph numbered by Word's own list numbering ("1.", "2.", "3.",
#   restarted per theme: the .docx holds "Vi talte om", the page shows "1. Vi talte om"); the
#   text indented under it with a thick coloured left border, no fill.
# - ``wfloat``: landscape; each box a floating DrawingML text box (``wps:txbx``) anchored to one
#   paragraph under the theme title, the three side by side; a long theme continues on a
#   "(fortsat)" page.
#
# PowerPoint:
# - ``psmart``: SmartArt-like: per slide one group shape whose children are three pentagon
#   ("homePlate") label shapes over three body rectangles holding the text.

_RUNIN_END = re.compile(r"[.:?!…]$")


def html_footlabel(visit: Visit) -> tuple[str, Visit]:
    """Landscape; equal-height columns, each label at the bottom of its column under a rule."""
    css = """
h2.theme { font-size: 15pt; color: #2E4A62; margin-bottom: 10pt; }
.row { display: flex; align-items: stretch; gap: 10pt; }
.col { flex: 1 1 0; min-width: 0; display: flex; flex-direction: column; }
.col .text { flex: 1 1 auto; padding: 8pt 9pt; }
.col p.label { margin: 0; padding: 5pt 9pt 0 9pt; border-top: 3pt solid; font-weight: bold; font-size: 9.5pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        cols = "".join(
            f"<div class='col'><div class='text' style='background:#{LIGHT[c]}'>{_body(section, i)}</div>"
            f"{_label_html(i, style=f'border-top-color:#{DARK[c]};color:#{DARK[c]}')}</div>"
            for i, c in enumerate(COLOURS))
        return f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2><div class='row'>{cols}</div>"

    return _html_report(visit, css=css, theme_page=page, font="'Liberation Sans', sans-serif", size=8.5,
                        landscape=True, marker="•", date_style=2), visit


def html_sticky(visit: Visit) -> tuple[str, Visit]:
    """Grey box a rounded speech bubble with a tail; purple and yellow sticky notes, rotated."""
    css = """
h2.theme { font-size: 16pt; color: #3A3A3A; margin-bottom: 12pt; }
.bubble { position: relative; background: #E4E4E4; border-radius: 22pt; padding: 12pt 16pt 10pt 16pt;
  margin: 0 0 26pt 0; }
.bubble::after { content: ""; position: absolute; left: 40pt; bottom: -16pt; border-width: 16pt 14pt 0 0;
  border-style: solid; border-color: #E4E4E4 transparent transparent transparent; }
.notes { display: flex; gap: 22pt; align-items: flex-start; padding: 0 6pt; }
.note { flex: 1 1 0; min-width: 0; padding: 12pt 12pt 10pt 12pt; box-shadow: 2pt 3pt 5pt rgba(0, 0, 0, 0.25); }
.note.purple { transform: rotate(-2deg); }
.note.yellow { transform: rotate(1.5deg); }
p.label { font-family: 'Z003', cursive; font-size: 15pt; margin-bottom: 5pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        bubble = (f"<div class='bubble'>{_label_html(0)}{_body(section, 0)}</div>")
        notes = "".join(f"<div class='note {COLOURS[i]}' style='background:#{fill}'>{_label_html(i)}"
                        f"{_body(section, i)}</div>" for i, fill in ((1, "D9CCEE"), (2, "FFEB99")))
        return f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2>{bubble}<div class='notes'>{notes}</div>"

    return _html_report(visit, css=css, theme_page=page, font="'DejaVu Sans', sans-serif", size=8.5,
                        marker="•", date_style=0), visit


def _runin_box(section: Section, index: int) -> str:
    """A box's items, each topic heading a small-caps run-in before its first paragraph (a period
    added unless it ends in punctuation); a heading before a list item or alone stays a line."""
    from fixture_builder.pages import paragraph
    from fixture_builder.producer_probe import _inline
    from kvalitet_core.model import BoxKind

    out: list[str] = []
    pending: list[Para] = []
    for item in section.box(list(BoxKind)[index]).items:
        paras = [paragraph(text, item.cards) for text in item.paragraphs]
        if not item.heading:
            pending.extend(paras)
            continue
        if pending:
            out.append(_html_paras(pending))
            pending = []
        heading = item.heading if _RUNIN_END.search(item.heading) else f"{item.heading}."
        run = f"<span class='topic'>{html.escape(heading)}</span>"
        if paras and paras[0].marker is None and not re.match(r"\d+\.\s", paras[0].text):
            out.append(f"<p>{run} {_inline(paras[0])}</p>")
            paras = paras[1:]
        else:
            out.append(f"<p>{run}</p>")
        pending.extend(paras)
    if pending:
        out.append(_html_paras(pending))
    return "\n".join(out)


def _runin_expected(visit: Visit) -> Visit:
    """The visit as the run-in design prints it: a heading that ends in no punctuation gets the
    period the design adds after it (the words are the reference's)."""
    sections = []
    for section in visit.sections:
        update = {}
        for kind_name in ("talked_about", "points_to", "suggestions"):
            box = getattr(section, kind_name)
            items = [item.model_copy(update={"heading": item.heading if not item.heading
                                             or _RUNIN_END.search(item.heading) else f"{item.heading}."})
                     for item in box.items]
            update[kind_name] = box.model_copy(update={"items": items})
        sections.append(section.model_copy(update=update))
    return visit.model_copy(update={"sections": sections})


def html_runin(visit: Visit) -> tuple[str, Visit]:
    """Topic headings as small-caps run-ins ('Et sted at høre til. Brugerne …'); coloured labels."""
    css = """
h2.theme { font-family: 'C059', serif; font-weight: normal; font-size: 17pt; margin-bottom: 12pt; }
.box { padding: 7pt 11pt 6pt 11pt; margin-bottom: 11pt; }
.box p.label { font-weight: bold; font-size: 10pt; padding-bottom: 2pt; margin-bottom: 6pt;
  border-bottom: 0.75pt solid currentColor; }
.box span.topic { font-variant: small-caps; font-weight: bold; letter-spacing: 0.3pt; }
.box p { text-align: justify; }
"""

    def page(section: Section, model: QualityModel) -> str:
        return f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2>" + "".join(
            f"<div class='box' style='background:#{LIGHT[c]}'>{_label_html(i, style=f'color:#{DARK[c]}')}"
            f"{_runin_box(section, i)}</div>" for i, c in enumerate(COLOURS))

    return _html_report(visit, css=css, theme_page=page, font="'C059', serif", size=9.5, marker="–",
                        date_style=1), _runin_expected(visit)


def html_icons(visit: Visit) -> tuple[str, Visit]:
    """White cards with a coloured left stripe; an icon glyph in a coloured disc before each label."""
    css = """
html, body { background: #FAFAFA; }
h2.theme { font-size: 15pt; color: #0B5563; margin-bottom: 12pt; }
.card { background: #FFFFFF; border: 0.5pt solid #D0D0D0; border-left: 7pt solid; padding: 8pt 11pt 6pt 11pt;
  margin-bottom: 11pt; }
.card p.label { font-weight: bold; font-size: 10.5pt; margin-bottom: 6pt; }
.card .icon { display: inline-block; width: 15pt; height: 15pt; line-height: 15pt; text-align: center;
  border-radius: 50%; color: #FFFFFF; font-size: 9pt; margin-right: 6pt; font-family: 'DejaVu Sans', sans-serif; }
"""
    glyphs = ("❝", "➜", "★")

    def page(section: Section, model: QualityModel) -> str:
        return f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2>" + "".join(
            f"<div class='card' style='border-left-color:#{DARK[c]}'><p class='label' style='color:#{DARK[c]}'>"
            f"<span class='icon' style='background:#{DARK[c]}'>{glyphs[i]}</span>{html.escape(LABELS[i])}</p>"
            f"{_body(section, i)}</div>" for i, c in enumerate(COLOURS))

    return _html_report(visit, css=css, theme_page=page, font="'Nimbus Sans', sans-serif", size=9.5,
                        marker="›", date_style=3), visit


def html_spread(visit: Visit) -> tuple[str, Visit]:
    """A two-page spread per theme: grey alone on the first page, purple and yellow on the next,
    the theme title repeated on top of both."""
    css = """
h2.theme { font-size: 14pt; color: #1E3A5F; border-bottom: 1pt solid #1E3A5F; padding-bottom: 3pt;
  margin-bottom: 12pt; }
.box { padding: 9pt 12pt 7pt 12pt; margin-bottom: 12pt; }
.box p.label { font-weight: bold; font-size: 11pt; margin-bottom: 6pt; }
.second { break-before: page; }
"""

    def page(section: Section, model: QualityModel) -> str:
        title = f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2>"
        grey = f"<div class='box' style='background:#{LIGHT['grey']}'>{_label_html(0)}{_body(section, 0)}</div>"
        rest = "".join(f"<div class='box' style='background:#{LIGHT[c]}'>{_label_html(i)}{_body(section, i)}</div>"
                       for i, c in enumerate(COLOURS) if i)
        return f"{title}{grey}<div class='second'>{title}{rest}</div>"

    return _html_report(visit, css=css, theme_page=page, font="'Liberation Sans', sans-serif", size=10.0,
                        marker="•", date_style=0), visit


def html_details(visit: Visit) -> tuple[str, Visit]:
    """Each box a ``<details open>`` block, the label its ``<summary>`` (disclosure triangle printed)."""
    css = """
h2.theme { font-size: 15pt; margin-bottom: 10pt; color: #004B87; }
details { border: 0.75pt solid #BFBFBF; border-radius: 4pt; margin-bottom: 10pt; }
details > summary { font-weight: bold; font-size: 10pt; padding: 5pt 9pt; border-radius: 4pt 4pt 0 0; }
details > .inner { padding: 7pt 10pt 5pt 10pt; }
"""

    def page(section: Section, model: QualityModel) -> str:
        return f"<h2 class='theme'>{html.escape(_theme_name(section, model))}</h2>" + "".join(
            f"<details open><summary style='background:#{LIGHT[c]}'>{html.escape(LABELS[i])}</summary>"
            f"<div class='inner'>{_body(section, i)}</div></details>" for i, c in enumerate(COLOURS))

    return _html_report(visit, css=css, theme_page=page, font="'Liberation Sans', sans-serif", size=9.5,
                        marker="•", date_style=1), visit


# Word ---------------------------------------------------------------------------------------------

_LABEL_LIST = 90
"""The abstractNumId of the numbered-label list (far from the template's own)."""


def _label_numbering(document: Any) -> Callable[[], int]:
    """A decimal 'N.' list for the box labels; each call returns a new numId restarted at 1."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {_nsdecls()} w:abstractNumId="{_LABEL_LIST}"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="425" w:hanging="425"/></w:pPr></w:lvl></w:abstractNum>')
    tag = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    abstracts = numbering.findall(f"{tag}abstractNum")
    if abstracts:
        abstracts[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    used = [int(num.get(f"{tag}numId")) for num in numbering.findall(f"{tag}num")]
    counter = [max(used, default=0) + 100]

    def new_list() -> int:
        counter[0] += 1
        numbering.append(parse_xml(
            f'<w:num {_nsdecls()} w:numId="{counter[0]}"><w:abstractNumId w:val="{_LABEL_LIST}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return counter[0]

    return new_list


def docx_numbered_labels(visit: Visit) -> tuple[bytes, Visit]:
    """Labels numbered by Word's list numbering (restarted per theme); indented text with a left stripe."""
    from docx.shared import Pt, RGBColor

    font = "Calibri"
    state: dict[str, Any] = {}

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        if "new_list" not in state:
            state["new_list"] = _label_numbering(document)
        num_id = state["new_list"]()
        document.add_paragraph(_theme_name(section, model), style="Heading 1")
        for index, colour in enumerate(COLOURS):
            label = document.add_paragraph()
            _ppr_append(label, f'<w:numPr {_nsdecls()}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
            label.paragraph_format.space_before = Pt(10)
            label.paragraph_format.space_after = Pt(4)
            label.paragraph_format.keep_with_next = True
            run = label.add_run(LABELS[index])
            run.bold, run.font.size, run.font.name = True, Pt(11.5), font
            run.font.color.rgb = RGBColor.from_string(DARK[colour])
            before = len(document.paragraphs)
            _write_paras(document, _boxes(section)[index] or [plain("")], first_reuse=False, font=font, size=10,
                         marker="•")
            for paragraph in document.paragraphs[before:]:
                paragraph.paragraph_format.left_indent = (paragraph.paragraph_format.left_indent or 0) + Pt(21.25)
                _ppr_append(paragraph, f'<w:pBdr {_nsdecls()}><w:left w:val="single" w:sz="24" w:space="8" '
                                       f'w:color="{DARK[colour]}"/></w:pBdr>')

    return _docx_report(visit, landscape=False, font=font, marker="•", theme=theme), visit


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_EMU = 12700


def _floating_text_box(shape_id: int, x: float, width: float, height: float, fill: str, line: str) -> Any:
    """A floating DrawingML text box (``wp:anchor`` + ``wps:wsp``), ``x`` points from the column's
    left edge, top at its anchor paragraph; its empty ``w:txbxContent`` is to be filled."""
    from docx.oxml import parse_xml

    return parse_xml(
        f'<w:drawing {_nsdecls()} xmlns:wp="{_WP}" xmlns:wps="{_WPS}" xmlns:a="{_A}">'
        f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{251658240 + shape_id}"'
        ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{int(x * _EMU)}</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{int(width * _EMU)}" cy="{int(height * _EMU)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="Tekstboks {shape_id}"/>'
        '<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{int(width * _EMU)}" cy="{int(height * _EMU)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
        f'<a:ln w="9525"><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln></wps:spPr>'
        '<wps:txbx><w:txbxContent/></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="72000" rIns="91440" bIns="45720" anchor="t">'
        '<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')


def docx_floating(visit: Visit) -> tuple[bytes, Visit]:
    """Landscape; the boxes three floating text boxes side by side, anchored under the theme title."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor
    from docx.text.run import Run

    font = "Liberation Sans"
    size = 9.0
    gap = 10.0
    text_w = (297 - 32) / 25.4 * 72
    col_w = (text_w - 2 * gap) / 3
    room = (210 - 32) / 25.4 * 72 - 70
    counter = [100]

    def paras_of(section: Section, index: int) -> list[Para]:
        return [plain(LABELS[index], bold=True, size=10.5), *_boxes(section)[index]]

    def fits(section: Section) -> bool:
        return all(_measured_need(paras_of(section, i), col_w - 14, size) * 1.08 <= room for i in range(3))

    sections = split_to_fit(visit.sections, fits)

    def theme(document: Any, section: Section, model: QualityModel) -> None:
        title = document.add_paragraph()
        run = title.add_run(_theme_name(section, model))
        run.bold, run.font.size, run.font.name = True, Pt(15), font
        run.font.color.rgb = RGBColor.from_string("1F3864")
        anchor = document.add_paragraph()
        scratch = document.add_table(rows=1, cols=1)
        cell = scratch.cell(0, 0)
        for index, colour in enumerate(COLOURS):
            counter[0] += 1
            drawing = _floating_text_box(counter[0], index * (col_w + gap), col_w, room, LIGHT[colour],
                                         DARK[colour])
            anchor.add_run()._r.append(drawing)
            _write_paras(cell, paras_of(section, index), font=font, size=size, marker="•")
            content = drawing.find(f".//{{{_WPS}}}txbx/{qn('w:txbxContent')}")
            for p in cell._tc.findall(qn("w:p")):
                content.append(p)
            cell._tc.append(parse_xml(f"<w:p {_nsdecls()}/>"))
            label_run = Run(content[0].findall(qn("w:r"))[0], None)
            label_run.font.color.rgb = RGBColor.from_string(DARK[colour])
        scratch._tbl.getparent().remove(scratch._tbl)

    expected = visit.model_copy(update={"sections": sections})
    return _docx_report(expected, landscape=True, font=font, marker="•", theme=theme), expected


# PowerPoint -----------------------------------------------------------------------------------------

def pptx_smartart(visit: Visit) -> tuple[bytes, Visit]:
    """SmartArt-like: one group per slide of three pentagon label shapes over three body rectangles."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE

    model = quality_model_for(visit)
    deck = _Deck("DejaVu Sans")
    size = 8.5
    gap, top, head = 14.0, 74.0, 24.0
    col_w = (SLIDE_W - 60 - 2 * gap) / 3
    room = SLIDE_H - top - head - 40

    def fits(section: Section) -> bool:
        return all(_measured_need(paras, col_w, size) <= room for paras in _boxes(section))

    sections = split_to_fit(visit.sections, fits)
    deck.front(visit, 11)
    for section in sections:
        slide = deck.slide()
        deck.box(slide, 30, 20, SLIDE_W - 60, 40, [Para([(_theme_name(section, model), True)])], 18, colour="203864")
        group = slide.shapes.add_group_shape()
        group.name = "Diagram"
        for index, (paras, colour) in enumerate(zip(_boxes(section), COLOURS, strict=True)):
            x = 30 + index * (col_w + gap)
            body = deck.shape(group, "rect", x, top + head - 2, col_w, room + 2, LIGHT[colour], DARK[colour], 0.75)
            deck.text(body, paras or [plain("")], size)
            body.text_frame.margin_top = deck.pt(8)
            label = group.shapes.add_shape(MSO_SHAPE.PENTAGON, deck.pt(x), deck.pt(top), deck.pt(col_w * 0.92),
                                           deck.pt(head))
            label.fill.solid()
            label.fill.fore_color.rgb = RGBColor.from_string(DARK[colour])
            label.line.fill.background()
            label.shadow.inherit = False
            deck.text(label, [Para([(LABELS[index], True)])], 10, colour="FFFFFF", anchor_top=False)
            label.text_frame.margin_top = label.text_frame.margin_bottom = deck.pt(2)
        deck.footer(slide, visit)
    deck.back(visit, model, 11)
    return deck.save(), visit.model_copy(update={"sections": sections})


DESIGNS = [
    Design("leadin", "html", "label run in bold and coloured before the box's first sentence, light fills",
           html_leadin),
    Design("above", "html", "label a coloured heading above (outside) its shaded box; 'Tema 2 – title'", html_above),
    Design("topcards", "html", "white cards with a thick coloured top border only, spaced-capital labels",
           html_topcards),
    Design("sidebar", "html", "dark theme band with big number; yellow first in the source, floated right",
           html_sidebar),
    Design("cols2", "html", "each box's text in two CSS columns with a rule, label across above", html_cols2),
    Design("factsheet", "html", "photo-like cover block; 'Nøgle: værdi' particulars, long date; theme kicker",
           html_factsheet),
    Design("bw", "html", "black and white: no fills or colour, label a bold term, text an indented definition",
           html_bw),
    Design("wleadin", "docx", "key: value particulars; shaded paragraphs, label a coloured lead-in run", docx_leadin),
    Design("wabove", "docx", "label a styled paragraph above a one-cell shaded table", docx_above),
    Design("wtopbar", "docx", "one-cell tables with only a thick top border, w:caps spaced labels", docx_topbar),
    Design("wcols", "docx", "shaded label paragraph, the box text in a two-column continuous section",
           docx_columns),
    Design("ptitle", "pptx", "theme in the title placeholder, three unfilled text boxes, accent labels",
           pptx_title),
    Design("pband", "pptx", "dark top band with the theme; thin colour bar over each text box, caps labels",
           pptx_band),
    Design("pyellow", "pptx", "three filled columns ordered yellow, grey, purple; label the first paragraph",
           pptx_yellow_first),
    Design("footlabel", "html", "landscape equal-height columns, each label at the bottom under a coloured rule",
           html_footlabel),
    Design("sticky", "html", "grey box a rounded speech bubble; purple and yellow rotated sticky notes", html_sticky),
    Design("runin", "html", "topic headings as small-caps run-ins before their first paragraph", html_runin),
    Design("icons", "html", "white cards with a coloured left stripe, an icon glyph in a disc before each label",
           html_icons),
    Design("spread", "html", "two pages per theme: grey alone, then purple and yellow; theme title repeated",
           html_spread),
    Design("details", "html", "each box a <details open> block, the label its <summary>", html_details),
    Design("wnumlab", "docx", "labels numbered by Word list numbering per theme; text indented, left stripe",
           docx_numbered_labels),
    Design("wfloat", "docx", "landscape; boxes as three floating DrawingML text boxes side by side", docx_floating),
    Design("psmart", "pptx", "SmartArt-like group: pentagon label shapes over body rectangles", pptx_smartart),
]


# --- producers ---------------------------------------------------------------------------------------

PRODUCERS = [
    Producer("chromium", ("html",), STYLE_PRODUCERS[0].summary,
             lambda source, work: chromium_pdf(source, work / f"{source.stem}.chromium.pdf")),
    Producer("weasyprint", ("html",), STYLE_PRODUCERS[1].summary,
             lambda source, work: weasyprint(source, work / f"{source.stem}.weasy.pdf")),
    Producer("wk", ("html",), "wkhtmltopdf (Qt WebKit) prints the HTML/CSS",
             lambda source, work: wkhtmltopdf(source, work / f"{source.stem}.wk.pdf")),
    Producer("file", ("docx", "pptx"), STYLE_PRODUCERS[2].summary, lambda source, work: source),
    Producer("lo-pdf", ("docx", "pptx"), STYLE_PRODUCERS[3].summary,
             lambda source, work: style_probe.lo_pdf(source, work / "lo-pdf", PROFILE)),
]
