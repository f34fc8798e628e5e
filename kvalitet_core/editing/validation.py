"""Validating a draft visit with the domain model: every problem at the field it belongs to.

The draft is plain data as typed (a date still a string, a count still text); the model parses
it exactly as it parses a YAML file, so "valid" here means "saves and reads back". Problems the
schema cannot see — a theme id the visit's quality model lacks — come from the same check
``kvalitet validate`` runs, applied to the draft's theme ids even while other fields are invalid,
so that every problem shows at once. Each problem is a field path and one line of text.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from pydantic import ValidationError

from kvalitet_core.checks import check_visit
from kvalitet_core.editing.paths import FieldPath, parse_path
from kvalitet_core.errors import problem_message
from kvalitet_core.model import Visit
from kvalitet_core.quality_model import QualityModel

Problems = dict[FieldPath, str]


def validate(data: Mapping[str, Any], models: Mapping[str, QualityModel]) -> tuple[Visit | None, Problems]:
    """The visit the draft describes, or None, and the problems by field path."""
    problems: Problems = {}
    try:
        visit: Visit | None = Visit.model_validate(data)
    except ValidationError as error:
        visit = None
        for problem in error.errors():
            problems.setdefault(_model_path(problem.get("loc", ())), problem_message(problem))
    for line in check_visit(_themes_of(data), dict(models)):  # type: ignore[arg-type]
        where, _, message = line.partition(": ")
        problems.setdefault(parse_path(where), message)
    return (None if problems else visit), problems


def _themes_of(data: Mapping[str, Any]) -> SimpleNamespace:
    """What the theme check reads of a visit — its model and theme ids — taken from the draft as
    it is, whatever else in it does not parse (entries not yet of the right shape are left out
    and keep their places, so that paths stay right)."""
    def entries(name: str) -> list[Any]:
        value = data.get(name)
        return value if isinstance(value, list) else []

    def texts(value: Any) -> list[str]:
        return [v if isinstance(v, str) else "" for v in value] if isinstance(value, list) else []

    sections = [SimpleNamespace(themes=texts(s.get("themes") if isinstance(s, dict) else None))
                for s in entries("sections")]
    lines = [SimpleNamespace(theme=c.get("theme") if isinstance(c, dict) and isinstance(c.get("theme"), str) else "")
             for c in entries("contributes_to")]
    return SimpleNamespace(quality_model=data.get("quality_model"), sections=sections, contributes_to=lines)


def _model_path(location: tuple) -> FieldPath:
    """A pydantic location as a field path of the data: the alias ``schema`` as it is, and a
    validator's own step (a union member, ``function-after``) left out."""
    return tuple(part for part in location if isinstance(part, int) or "[" not in part and "-" not in part)
