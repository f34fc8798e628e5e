"""The library at the size users keep: 1,000 generated visits, indexed, re-opened, searched."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from conftest import ROOT
from kvalitet_core.analytics import count_focus_areas, library_stats
from kvalitet_core.library import index as index_module
from kvalitet_core.library.index import Library
from kvalitet_core.library.search import SearchFilters, search
from kvalitet_core.model import Box

_spec = importlib.util.spec_from_file_location("generate_library", ROOT / "scripts" / "generate_library.py")
assert _spec and _spec.loader
generator = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generator)

COUNT = 1000


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("scale") / "library"
    visits = generator.generate_visits(COUNT, seed=2026)
    generator.write_library(folder, visits)
    cache = folder.parent / "cache"
    Library.open(folder, cache_dir=cache, jobs=2).close()
    return folder, cache, visits


def test_thousand_visits_are_indexed_and_reopened_without_importing(thousand, monkeypatch):
    folder, cache, visits = thousand
    calls: list[Path] = []
    real = index_module.read_visits
    monkeypatch.setattr(index_module, "read_visits", lambda host, location, **kw: calls.append(location) or real(
        host, location, **kw))
    with Library.open(folder, cache_dir=cache, refresh=False) as library:
        report = library.refresh(jobs=1)
        assert library.file_count() == COUNT
        assert library.failures() == []
        assert {entry.visit_id for entry in library.entries()} == {visit.id for visit in visits}
    assert calls == [] and report.unchanged == COUNT


def test_search_at_scale_finds_exactly_the_visits_the_model_says(thousand):
    folder, cache, visits = thousand
    word = re.compile(r"\bkerneopgave\w*", re.IGNORECASE)
    expected = {visit.id for visit in visits for section in visit.sections
                if any(word.search(item.text) for item in section.points_to.items)}
    assert expected, "the generated library must mention the core task"
    with Library.open(folder, cache_dir=cache, refresh=False) as library:
        hits = search(library, "kerneopgave*", SearchFilters(part="points_to"), limit=100_000)
    assert {hit.visit_id for hit in hits} == expected


def test_stats_at_scale_add_up(thousand):
    """Every focus area counts once per theme its page names (a page for 1, 2 and 3b counts thrice)."""
    _, _, visits = thousand
    stats = library_stats(visits)
    assert len(stats.rows) == COUNT
    total = sum(cell.focus_areas for row in stats.rows for cell in row.cells.values())
    expected = sum(
        len(section.themes) * sum(not item.is_continuation_marker and Box(items=[item]).has_content
                                  for item in section.points_to.items)
        for visit in visits for section in visit.sections
    )
    assert total == expected > sum(count_focus_areas(visit) for visit in visits) > 0
