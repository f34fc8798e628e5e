"""Checks a visit must pass beyond its schema: that it speaks of themes its quality model has."""

from __future__ import annotations

from kvalitet_core.model import Visit
from kvalitet_core.quality_model import QualityModel


def check_visit(visit: Visit, models: dict[str, QualityModel]) -> list[str]:
    """Problems as ``"path: message"`` strings; an empty list means the visit is consistent."""
    model = models.get(visit.quality_model)
    if model is None:
        known = ", ".join(sorted(models)) or "none"
        return [f"quality_model: unknown quality model '{visit.quality_model}' (known: {known})"]
    known_ids = set(model.theme_ids)
    problems = []
    for index, section in enumerate(visit.sections):
        for position, theme in enumerate(section.themes):
            if theme not in known_ids:
                problems.append(f"sections[{index}].themes[{position}]: '{theme}' is not a theme of {model.id}")
    for index, contribution in enumerate(visit.contributes_to):
        if contribution.theme not in known_ids:
            problems.append(f"contributes_to[{index}].theme: '{contribution.theme}' is not a theme of {model.id}")
    return problems
