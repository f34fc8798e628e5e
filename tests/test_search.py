"""Full-text search: Danish letters and case, prefixes and phrases, filters, safe query syntax."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from conftest import run_kvalitet
from kvalitet_core.errors import UsageError
from kvalitet_core.library.index import Library
from kvalitet_core.library.passages import passages
from kvalitet_core.library.search import SearchFilters, search, to_fts_query
from kvalitet_core.model import Box, Item, Section, Visit
from kvalitet_core.native import dump_yaml
from test_library_index import make_library

DANISH = Visit(
    id="ordbogen-2020-01-15", offer="Ordbogen", visit_date=date(2020, 1, 15), assessment="Akkrediteret",
    sections=[
        Section(themes=["3a"], points_to=Box(items=[
            Item(heading="ØKONOMI", paragraphs=["Styringen af økonomien i Gården er et tema."]),
            Item(paragraphs=["Kerneopgaven og kerneopgaver drøftes; faglig fælles sprog i omvendt orden."]),
        ])),
        Section(themes=["4"], talked_about=Box(items=[
            Item(paragraphs=["Et garden party og et fælles fagligt fundament i Aalborg."]),
        ])),
    ],
)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    folder = tmp_path_factory.mktemp("search") / "library"
    make_library(folder, 100)
    (folder / "ordbogen.yaml").write_text(dump_yaml([DANISH]), "utf-8")
    opened = Library.open(folder, cache_dir=folder.parent / "cache", jobs=1)
    yield opened
    opened.close()


def _ids(hits) -> set[str]:  # type: ignore[no-untyped-def]
    return {hit.visit_id for hit in hits}


def _hits_in_ordbogen(library: Library, query: str) -> list[str]:
    return [hit.snippet for hit in search(library, query, SearchFilters(offer="Ordbogen"), limit=50)]


def test_capital_danish_letters_find_small_ones(library):
    assert any("økonomien" in s for s in _hits_in_ordbogen(library, "ØKONOMIEN"))
    assert any("ØKONOMI" in s for s in _hits_in_ordbogen(library, "økonomi"))


def test_aa_ae_oe_are_letters_of_their_own(library):
    assert any("Gården" in s for s in _hits_in_ordbogen(library, "gården"))
    assert not any("garden party" in s for s in _hits_in_ordbogen(library, "gården"))
    assert not any("Aalborg" in s for s in _hits_in_ordbogen(library, "ålborg"))


def test_compound_prefix_finds_inflected_forms(library):
    assert len(_hits_in_ordbogen(library, "kerneopgave*")) == 1
    assert _hits_in_ordbogen(library, "kerneopgave") == [], "without '*' the word must match whole"
    hits = search(library, "kerneopgave*", SearchFilters(offer="ordbogen"))
    start, end = hits[0].highlights[0]
    assert hits[0].snippet[start:end] in ("Kerneopgaven", "kerneopgaver")
    assert len(hits[0].highlights) == 2


def test_phrase_matches_words_in_order_only(library):
    phrase = _hits_in_ordbogen(library, '"fælles faglig"')
    assert phrase == [], "'faglig fælles' and 'fælles fagligt' are not the phrase"
    assert len(_hits_in_ordbogen(library, '"fælles fagligt"')) == 1
    assert len(_hits_in_ordbogen(library, '"fælles faglig*"')) == 1
    assert len(_hits_in_ordbogen(library, "fælles faglig")) == 1, "bare words match anywhere in the passage"


def test_punctuation_in_words_is_not_query_syntax(library):
    assert to_fts_query("N.A.B.O. 3a") == '"N.A.B.O." "3a"'
    assert search(library, "N.A.B.O.", limit=3)
    assert to_fts_query('kerne* OR "fælles faglig" NOT (mad)') == '"kerne"* OR "fælles faglig" NOT ( "mad" )'


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "(mad", "mad AND", "   "])
def test_bad_syntax_is_a_usage_error(library, query):
    with pytest.raises(UsageError):
        search(library, query)


def _expected(library: Library, word: str, keep) -> set[str]:  # type: ignore[no-untyped-def]
    """The visit ids a one-word search must find, computed from the model itself."""
    found = set()
    for visit in library.visits():
        for passage in passages(visit):
            if word in re.findall(r"\w+", passage.text.casefold()) and keep(visit, passage):
                found.add(visit.id)
    return found


@pytest.mark.parametrize("filters, keep", [
    (SearchFilters(), lambda v, p: True),
    (SearchFilters(theme="3a"), lambda v, p: "3a" in p.themes),
    (SearchFilters(part="points_to"), lambda v, p: p.part == "points_to"),
    (SearchFilters(theme="4", part="suggestions"), lambda v, p: "4" in p.themes and p.part == "suggestions"),
    (SearchFilters(offer="pegasus"), lambda v, p: v.offer == "Pegasus"),
    (SearchFilters(since=date(2014, 1, 1), until=date(2017, 12, 31)),
     lambda v, p: date(2014, 1, 1) <= v.visit_date <= date(2017, 12, 31)),
    (SearchFilters(assessment="akkrediteret med forbehold"), lambda v, p: v.assessment == "Akkrediteret med forbehold"),
], ids=["none", "theme", "box", "theme+box", "offer", "dates", "assessment"])
def test_filters_agree_with_the_model(library, filters, keep):
    expected = _expected(library, "struktur", keep)
    assert expected, "the generated library must exercise the filter"
    assert _ids(search(library, "struktur", filters, limit=100_000)) == expected


def test_hits_say_where_they_are(library):
    hit = search(library, "økonomien", SearchFilters(offer="Ordbogen"))[0]
    assert (hit.visit_id, hit.themes, hit.part, hit.heading) == ("ordbogen-2020-01-15", ["3a"], "points_to", "ØKONOMI")
    assert hit.title == "Ordbogen (2020-01-15)" and hit.path == "ordbogen.yaml"
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "økonomien"


def test_limit_and_ranking(library):
    hits = search(library, "kerneopgave*", limit=7)
    assert len(hits) == 7
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_unknown_box_is_a_usage_error(library):
    with pytest.raises(UsageError, match="unknown box"):
        search(library, "mad", SearchFilters(part="purple"))


def test_cli_json_and_exit_codes(library, tmp_path):
    environment = {"KVALITET_CACHE_DIR": str(Path(library.db_path).parent)}
    result = run_kvalitet("search", str(library.root), "kerneopgave*", "--theme", "4", "--box", "points_to",
                          "--since", "2012-01-01", "--json", "-n", "5", env=environment)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 5
    assert all(h["themes"] == ["4"] and h["part"] == "points_to" and h["visit_date"] >= "2012-01-01" for h in hits)
    bad = run_kvalitet("search", str(library.root), '"fælles', env=environment)
    assert bad.returncode == 2 and len(bad.stderr.decode().strip().splitlines()) == 1
    assert b"unbalanced quote" in bad.stderr
