"""Full-text search over a library's index, tuned for Danish reports.

The FTS5 ``unicode61`` tokenizer folds case (``Ø`` finds ``ø``) but keeps diacritics, so ``å``
is not ``a``. A user's query is translated before it reaches FTS5: each bare word becomes a
quoted term — so ``N.A.B.O.`` or ``3a`` never trip FTS5's syntax — while ``word*`` stays a prefix
query (``kerneopgave*`` finds "kerneopgaven" and "kerneopgaver", which is how Danish compounds
inflect), ``"fælles faglig"`` stays a phrase (and ``"fælles faglig*"`` one whose last word is a
prefix), and ``AND``/``OR``/``NOT`` and parentheses keep their meaning. Whatever FTS5 still
refuses becomes a one-line usage error.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel

from kvalitet_core.errors import UsageError
from kvalitet_core.library.index import Library, offer_key
from kvalitet_core.library.passages import PARTS

_OPEN, _CLOSE = "\x02", "\x03"
"""Marks FTS5 ``snippet()`` puts around matched terms; control characters never occur in reports."""

_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"(?P<phrase_star>\*?)|(?P<paren>[()])|(?P<word>[^\s()"]+)')
_OPERATORS = {"AND", "OR", "NOT"}
_SPACE = re.compile(r"\s+")
_THEME_WORD = re.compile(r"^tema\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Restrictions on where hits may come from; ``None`` means any."""

    theme: str | None = None
    part: str | None = None
    offer: str | None = None
    since: date | None = None
    until: date | None = None
    assessment: str | None = None


class SearchHit(BaseModel):
    """One matching passage: which visit, which theme and box, and the matched words in context."""

    visit_id: str
    title: str
    path: str
    visit_date: date | None
    assessment: str | None
    themes: list[str]
    part: str
    heading: str | None
    snippet: str
    highlights: list[tuple[int, int]]
    """Start and end offsets of the matched words in ``snippet``."""
    score: float


def to_fts_query(query: str) -> str:
    """The user's query as FTS5 syntax, every bare word quoted; a usage error when it cannot be."""
    if query.count('"') % 2:
        raise UsageError(f"unbalanced quote in search query: {query}")
    terms: list[str] = []
    for match in _TOKEN.finditer(query):
        if match["phrase"] is not None:
            phrase = match["phrase"].strip()
            star = "*" if match["phrase_star"] or phrase.endswith("*") else ""  # "fælles faglig*" as typed
            if phrase.rstrip("*"):
                terms.append(f'"{phrase.rstrip("*")}"{star}')
        elif match["paren"]:
            terms.append(match["paren"])
        elif match["word"] in _OPERATORS:
            terms.append(match["word"])
        else:
            word = match["word"]
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if word:
                terms.append(f'"{word}"' + ("*" if prefix else ""))
    if not terms:
        raise UsageError("empty search query")
    return " ".join(terms)


def search(library: Library, query: str, filters: SearchFilters = SearchFilters(), limit: int = 20) -> list[SearchHit]:
    """The best-matching passages (FTS5 rank, best first), at most ``limit``."""
    if filters.part is not None and filters.part not in PARTS:
        raise UsageError(f"unknown box or part '{filters.part}' (known: {', '.join(PARTS)})")
    conditions = ["passage_text MATCH ?", "v.preferred = 1"]
    parameters: list[object] = [to_fts_query(query)]
    if filters.theme is not None:
        conditions.append("p.themes LIKE ?")
        parameters.append(f"%,{_THEME_WORD.sub('', filters.theme.strip())},%")
    if filters.part is not None:
        conditions.append("p.part = ?")
        parameters.append(filters.part)
    if filters.offer is not None:
        conditions.append("(v.offer_key = ? OR v.offer_unit_key = ?)")
        parameters += [offer_key(filters.offer)] * 2
    if filters.since is not None:
        conditions.append("v.visit_date >= ?")
        parameters.append(filters.since.isoformat())
    if filters.until is not None:
        conditions.append("v.visit_date <= ?")
        parameters.append(filters.until.isoformat())
    if filters.assessment is not None:
        conditions.append("lower(v.assessment) = lower(?)")
        parameters.append(filters.assessment)
    sql = (
        f"SELECT v.visit_id, v.offer, v.unit, v.path, v.visit_date, v.assessment, p.themes, p.part, p.heading, "
        f"snippet(passage_text, 0, '{_OPEN}', '{_CLOSE}', '…', 24), rank "
        "FROM passage_text JOIN passages p ON p.id = passage_text.rowid JOIN visits v ON v.id = p.visit "
        f"WHERE {' AND '.join(conditions)} ORDER BY rank LIMIT ?"
    )
    parameters.append(limit)
    try:
        rows = library.connection.execute(sql, parameters).fetchall()
    except sqlite3.OperationalError as error:
        reason = str(error).removeprefix("fts5: ").replace('syntax error near ""', "incomplete query")
        raise UsageError(f"cannot search for {query!r}: {reason}") from None
    return [_hit(*row) for row in rows]


def _hit(visit_id: str, offer: str, unit: str | None, path: str, day: str | None, assessment: str | None,
         themes: str, part: str, heading: str | None, marked: str, rank: float) -> SearchHit:
    snippet, highlights = _unmark(marked)
    visit_date = date.fromisoformat(day) if day else None
    name = f"{offer}, {unit}" if unit else offer
    return SearchHit(
        visit_id=visit_id, title=f"{name} ({day})" if day else name, path=path, visit_date=visit_date,
        assessment=assessment, themes=[t for t in themes.split(",") if t], part=part, heading=heading,
        snippet=snippet, highlights=highlights, score=-rank,
    )


def _unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Strip the snippet marks, returning the plain text (whitespace folded, paragraph breaks
    included, so that a snippet is one line) and the marked ranges in it."""
    marked = _SPACE.sub(" ", marked)
    text: list[str] = []
    highlights: list[tuple[int, int]] = []
    length = 0
    for index, piece in enumerate(marked.split(_OPEN)):
        if index == 0:
            text.append(piece)
            length += len(piece)
            continue
        hit, _, rest = piece.partition(_CLOSE)
        highlights.append((length, length + len(hit)))
        text += [hit, rest]
        length += len(hit) + len(rest)
    return "".join(text), highlights
