"""One offer's visits in date order, each with what changed since the visit before it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel

from kvalitet_core.analytics import count_focus_areas, offer_name
from kvalitet_core.compare.engine import VisitRef, compare_visits
from kvalitet_core.model import Visit


class TimelineEntry(BaseModel):
    visit: VisitRef
    focus_areas: int
    changes: str | None
    """The compare summary against the previous visit; None for the first."""


class Timeline(BaseModel):
    """The visits of one offer (offer and unit), oldest first."""

    offer: str
    entries: list[TimelineEntry]


def timelines(visits: Iterable[Visit]) -> list[Timeline]:
    """One timeline per offer and unit among ``visits``, by offer name.

    An offer with several units gets a timeline per unit: comparing one unit's report with
    another's would report differences that are not changes over time.
    """
    groups: dict[str, list[Visit]] = {}
    for visit in visits:
        groups.setdefault(offer_name(visit), []).append(visit)
    result = []
    for name, group in sorted(groups.items()):
        group.sort(key=lambda v: (v.visit_date is None, v.visit_date or date.min, v.id))
        entries = [TimelineEntry(visit=VisitRef(id=v.id, title=v.title, visit_date=v.visit_date,
                                                assessment=v.assessment),
                                 focus_areas=count_focus_areas(v),
                                 changes=compare_visits(previous, v).summary if previous else None)
                   for previous, v in zip([None, *group], group)]
        result.append(Timeline(offer=name, entries=entries))
    return result
