"""A new visit from a quality model's template, and the values its assessment takes.

A report written by hand starts as the template the auditors fill in: every theme of the model
with its own page and three empty boxes, in the model's order.
"""

from __future__ import annotations

from datetime import date

from kvalitet_core.model import Section, Visit, visit_id_for
from kvalitet_core.quality_model import QualityModel

def assessment_choices(model: QualityModel | None, current: str | None) -> list[str] | None:
    """The verdicts to choose from: the quality model's, and the visit's own when it is another;
    None when the model names none (the assessment is then free text)."""
    if model is None or not model.assessments:
        return None
    return [*model.assessments, *([current] if current and current not in model.assessments else [])]


def new_visit(model: QualityModel, offer: str, visit_date: date | None = None, unit: str | None = None) -> Visit:
    """A visit of ``offer`` with one empty page per theme of ``model``."""
    return Visit(id=visit_id_for(offer, unit, visit_date), quality_model=model.id, offer=offer, unit=unit,
                 visit_date=visit_date, sections=[Section(themes=[theme.id]) for theme in model.themes])
