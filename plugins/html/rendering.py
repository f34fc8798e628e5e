"""Rendering pages with Jinja2: one autoescaping environment per process, built on first use.

Jinja2 is imported here, not when the plugin loads, so ``kvalitet`` starts fast for commands
that never write HTML. Templates and the stylesheet are package data of this package.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from kvalitet_core import BoxKind, QualityModel, Visit, field_label
from kvalitet_plugins import report_view
from kvalitet_plugins.html.index import (
    FocusState,
    IndexEntry,
    entry_json,
    summarise,
    theme_columns,
)

if TYPE_CHECKING:
    import jinja2


@cache
def environment() -> jinja2.Environment:
    """The template environment: autoescaping everywhere, undefined names are errors."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kvalitet_plugins.html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    css = (resources.files("kvalitet_plugins.html") / "report.css").read_text(encoding="utf-8")
    env.globals.update(
        css=Markup(css),  # our own stylesheet, trusted; it contains no "</style>"
        zip=zip,
        emphasis=report_view.emphasis,
        blocks=report_view.blocks,
        unplaced_cards=report_view.unplaced_cards,
        shown_items=report_view.shown_items,
        has_text=report_view.has_text,
        label=field_label,
    )
    return env


def render_visit(visit: Visit, model: QualityModel | None) -> str:
    """The report page of one visit."""
    pages = []
    for number, section in enumerate(visit.sections, 1):
        pages.append({
            "anchor": f"side-{number}",
            "themes": report_view.theme_refs(model, section.themes),
            "continued": section.continued,
            "boxes": section.boxes(),
        })
    contributions = list(zip(report_view.theme_refs(model, [c.theme for c in visit.contributes_to]),
                             visit.contributes_to))
    impression = report_view.text_blocks(visit.overall_impression)
    conclusion = report_view.text_blocks(visit.conclusion)
    contents = [("oplysninger", field_label("metadata"))]
    contents += [("indtryk", "Samlede indtryk")] if impression else []
    contents += [(page["anchor"], " · ".join(f"{ref.word} {ref.id}" for ref in page["themes"])
                  + (" (fortsat)" if page["continued"] else "")) for page in pages]
    contents += [("kerneopgave", field_label("core_task"))] if visit.core_task else []
    contents += [("bedoemmelse", field_label("assessment"))] if visit.assessment else []
    contents += [("konklusion", field_label("conclusion"))] if conclusion or contributions else []
    return environment().get_template("visit.html.j2").render(
        visit=visit,
        name=report_view.display_name(visit),
        date=report_view.danish_date(visit.visit_date),
        facts=report_view.facts(visit),
        notes=report_view.notes(visit),
        impression=impression,
        pages=pages,
        conclusion=conclusion,
        contributions=contributions,
        contributes_lead=report_view.CONTRIBUTES_LEAD,
        contents=contents,
        index_entry=entry_json(summarise(visit, model)),
    )


def render_index(entries: Sequence[IndexEntry]) -> str:
    """The index page of a folder of report pages."""
    return environment().get_template("index.html.j2").render(
        entries=entries,
        themes=theme_columns(entries),
        states=list(FocusState),
        points_to_label=BoxKind.POINTS_TO.label,
    )
