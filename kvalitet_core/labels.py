"""The Danish labels of a visit's fields and parts: one table for everything shown to people.

``show``, ``diff``, ``stats``, ``search`` and the HTML and Markdown exporters name fields with
these words, the ones the reports themselves print; machine output (``--json``) keeps the
field names. The labels of the three boxes are :attr:`BoxKind.label`, included here by value.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from kvalitet_core.boxes import BoxKind

if TYPE_CHECKING:
    from kvalitet_core.model import Visit

FIELD_LABELS: dict[str, str] = {
    "id": "Id",
    "quality_model": "Kvalitetsmodel",
    "series": "Serie",
    "offer": "Tilbud",
    "unit": "Enhed",
    "organisation": "Organisation",
    "visit_date": "Dato",
    "time_range": "Tidsrum",
    "auditor_title": "Auditortitel",
    "auditors": "Auditorer",
    "employees_total": "Antal ansatte",
    "employees_note": "Om de ansatte",
    "spoke_with": "Vi talte med",
    "focus_note": "Temaer",
    "terminology_note": "En opmærksomhed",
    "metadata": "Oplysninger om besøget",
    "overall_impression": "Samlede indtryk af tilbuddet",
    "core_task": "Kerneopgaven",
    "assessment": "Bedømmelse",
    "conclusion": "Konklusion",
    "contributes_to": "Det vil bidrage til, at leve op til",
    "visit": "Besøg",
    **{kind.value: kind.label for kind in BoxKind},
}
"""Field or part name → its Danish label."""


def field_label(name: str) -> str:
    """The Danish label of a field or part; a name the table lacks is shown in words, never as
    ``snake_case``."""
    return FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()


def facts(visit: Visit, format_date: Callable[[date | None], str | None]) -> list[tuple[str, str]]:
    """The one-line entries of the 'Oplysninger om besøget' side box, labelled, empty ones left
    out; ``format_date`` writes the date as the output wants it."""
    employees = ", ".join(([str(visit.employees_total)] if visit.employees_total is not None else [])
                          + ([visit.employees_note] if visit.employees_note else []))
    rows = [
        ("series", visit.series), ("offer", visit.offer), ("unit", visit.unit),
        ("organisation", visit.organisation), ("visit_date", format_date(visit.visit_date)),
        ("time_range", visit.time_range), ("auditors", ", ".join(visit.auditors)),
        ("employees_total", employees), ("spoke_with", ", ".join(visit.spoke_with)),
    ]
    labelled = [(visit.auditor_title if name == "auditors" and visit.auditor_title else field_label(name), value)
                for name, value in rows]
    return [(label, " ".join(value.split())) for label, value in labelled if value and value.strip()]
