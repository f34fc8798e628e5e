"""Validating a draft visit with the domain model: every problem at the field it belongs to.

The draft is plain data as typed (a date still a string, a count still text); the model parses
it exactly as it parses a YAML file, so "valid" here means "saves and reads back". Problems the
schema cannot see — a theme id the visit's quality model lacks — come from the same check
``kvalitet validate`` runs. Each problem is a field path and one line of text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from kvalitet_core.checks import check_visit
from kvalitet_core.errors import _message as problem_message
from kvalitet_core.editing.paths import FieldPath, parse_path
from kvalitet_core.model import Visit
from kvalitet_core.quality_model import QualityModel

Problems = dict[FieldPath, str]


def validate(data: Mapping[str, Any], models: Mapping[str, QualityModel]) -> tuple[Visit | None, Problems]:
    """The visit the draft describes, or None, and the problems by field path."""
    try:
        visit = Visit.model_validate(data)
    except ValidationError as error:
        problems: Problems = {}
        for problem in error.errors():
            path = _model_path(problem.get("loc", ()))
            problems.setdefault(path, problem_message(problem))
        return None, problems
    found: Problems = {}
    for line in check_visit(visit, dict(models)):
        where, _, message = line.partition(": ")
        found.setdefault(parse_path(where), message)
    return (None if found else visit), found


def _model_path(location: tuple) -> FieldPath:
    """A pydantic location as a field path of the data: the alias ``schema`` as it is, and a
    validator's own step (a union member, ``function-after``) left out."""
    return tuple(part for part in location if isinstance(part, int) or "[" not in part and "-" not in part)
