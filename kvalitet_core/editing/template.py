"""A new visit from a quality model's template, and the values an assessment takes.

A report written by hand starts as the template the auditors fill in: every theme of the model
with its own page and three empty boxes, in the model's order.
"""

from __future__ import annotations

from datetime import date

from kvalitet_core.model import Section, Visit, visit_id_for
from kvalitet_core.quality_model import QualityModel

ASSESSMENTS = ("Akkrediteret", "Akkrediteret med forbehold", "Ikke akkrediteret")
"""The verdicts of an accreditation ("Bedømmelse"); a visit may also have none."""


def assessment_choices(current: str | None) -> list[str]:
    """The verdicts to choose from: the standard ones, and the visit's own when it is another."""
    return [*ASSESSMENTS, *([current] if current and current not in ASSESSMENTS else [])]


def new_visit(model: QualityModel, offer: str, visit_date: date | None = None, unit: str | None = None) -> Visit:
    """A visit of ``offer`` with one empty page per theme of ``model``."""
    return Visit(id=visit_id_for(offer, unit, visit_date), quality_model=model.id, offer=offer, unit=unit,
                 visit_date=visit_date, sections=[Section(themes=[theme.id]) for theme in model.themes])
