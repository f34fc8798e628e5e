"""A visit rendered for the terminal with rich: the report's parts, boxes in their colours."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kvalitet_core.labels import facts, field_label
from kvalitet_core.model import Box, BoxKind, Item, Visit
from kvalitet_core.quality_model import QualityModel

BOX_STYLES: dict[BoxKind, str] = {
    BoxKind.TALKED_ABOUT: "grey62",
    BoxKind.POINTS_TO: "medium_purple",
    BoxKind.SUGGESTIONS: "gold1",
}


def metadata_table(visit: Visit) -> Table:
    """The 'Oplysninger om besøget' side box as a two-column table."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    rows = facts(visit, lambda day: day.isoformat() if day else None)
    rows += [(field_label(name), getattr(visit, name)) for name in ("focus_note", "terminology_note", "assessment")]
    for label, value in rows:
        if value:
            table.add_row(label, value)
    return table


def _item(item: Item) -> RenderableType:
    text = Text()
    if item.heading:
        text.append(item.heading + "\n", style="bold")
    for index, paragraph in enumerate(item.paragraphs):
        if index:
            text.append("\n")
        text.append(paragraph.replace("- ", "• ", 1) if paragraph.startswith("- ") else paragraph)
        text.append("\n")
    for card in item.cards:
        text.highlight_words([card], style="bold blue")
    text.rstrip()
    return text


def box_panel(kind: BoxKind, box: Box) -> Panel:
    rendered: list[RenderableType] = []
    for item in box.items:
        rendered += [Text("")] if rendered else []
        rendered.append(_item(item))
    body: RenderableType = Group(*rendered) if rendered else Text("—", style="dim")
    style = BOX_STYLES[kind]
    return Panel(body, title=kind.label, title_align="left", border_style=style, padding=(0, 1))


def render_visit(visit: Visit, model: QualityModel | None = None) -> RenderableType:
    """The whole visit, top to bottom, as one rich renderable."""
    parts: list[RenderableType] = [
        Text(visit.title, style="bold underline"),
        Panel(metadata_table(visit), title=field_label("metadata"), title_align="left"),
    ]
    if visit.overall_impression:
        parts.append(Panel(Text(visit.overall_impression), title=field_label("overall_impression"),
                           title_align="left"))
    for section in visit.sections:
        names = []
        for theme_id in section.themes:
            theme = model.theme(theme_id) if model else None
            names.append(f"Tema {theme_id}" + (f": {theme.title}" if theme else ""))
        heading = " · ".join(names) + (" (fortsat)" if section.continued else "")
        parts.append(Text("\n" + heading, style="bold reverse"))
        parts.extend(box_panel(kind, box) for kind, box in section.boxes())
    if visit.assessment:
        parts.append(Panel(Text(visit.assessment, style="bold"), title=field_label("assessment"), title_align="left"))
    if visit.conclusion or visit.contributes_to:
        body: list[RenderableType] = [Text(visit.conclusion)] if visit.conclusion else []
        if visit.contributes_to:
            body.append(Text(f"\n{field_label('contributes_to')}:", style="bold"))
            body.extend(Text(f"• Tema {c.theme}. {c.text}") for c in visit.contributes_to)
        parts.append(Panel(Group(*body), title=field_label("conclusion"), title_align="left"))
    for warning in visit.provenance.warnings:
        page = f"p. {warning.page}: " if warning.page else ""
        parts.append(Text(f"⚠ {page}{warning.message}", style="yellow"))
    return Group(*parts)
