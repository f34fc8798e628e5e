"""``kvalitet stats`` for the terminal: the analytics model as rich tables."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kvalitet_core.analytics import LibraryStats, ThemeCell
from kvalitet_core.labels import field_label


def _cell(cell: ThemeCell | None) -> Text:
    """Focus areas as a number; '–' for explicit no feedback, '→3a' for a pointer; blank for no page."""
    if cell is None:
        return Text("")
    if cell.focus_areas:
        return Text(str(cell.focus_areas), style="bold medium_purple")
    if cell.cross_references:
        return Text("→" + ",".join(cell.cross_references), style="cyan")
    return Text("–" if cell.no_feedback else "0", style="dim")


def render_stats(stats: LibraryStats) -> RenderableType:
    """The matrix, the assessments per offer over time and the frequent headings, one table each."""
    matrix = Table(title="Focus areas per theme ('–' no feedback, '→' refers to another theme)",
                   title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    matrix.add_column(field_label("visit"), no_wrap=True, overflow="ellipsis", max_width=34)
    for theme in stats.themes:
        matrix.add_column(theme, justify="right", no_wrap=True, min_width=len(theme) + 2)
    matrix.add_column(field_label("assessment"), no_wrap=True, overflow="ellipsis", max_width=28)
    for row in stats.rows:
        matrix.add_row(row.visit_id, *(_cell(row.cells.get(t)) for t in stats.themes), row.assessment or "—")
    assessments = Table(field_label("offer"), "assessments over time", title="Assessments", title_justify="left")
    for offer, points in stats.assessments.items():
        assessments.add_row(offer, " → ".join(
            f"{p.visit_date.year if p.visit_date else '?'}: {p.assessment or '—'}" for p in points))
    headings = Table("count", "heading", title="Most frequent topic headings", title_justify="left")
    for heading in stats.headings:
        headings.add_row(str(heading.count), heading.spelling)
    return Group(matrix, assessments, headings)
