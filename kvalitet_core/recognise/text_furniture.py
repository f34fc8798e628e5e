"""Running headers and footers of a text dump: the same line on page after page.

A template may print the report's title at the top of every page and "Side 4 af 21" at the
bottom. A dump keeps them as lines among the boxes' text, where they would end up inside a box.
A line that prints the same text — numbers aside — at the top or bottom of many pages is taken
for such furniture: it is left out of the boxes and quoted once in a warning, never dropped
silently. It must stand among the first or last lines of its page every time; landmarks
(labels, part headings, theme labels and continuation markers) and sentences are never
furniture, however often they recur.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from kvalitet_core.model import ImportWarning
from kvalitet_core.quality_model import QualityModel
from kvalitet_core.recognise.anatomy import continuation, fold, labels_in, part_heading, theme_column

_NUMBER = re.compile(r"\d+")
_MARK = r"(?:side|page|s\.)\s*\d+(?:\s*(?:af|of|/)\s*\d+)?"
_PAGE_MARK = re.compile(rf"^{_MARK}|{_MARK}$", re.IGNORECASE)
"""A page's number ("Side 4 af 21") at a line's start or end: an extractor that writes a page's
runs in drawing order may glue the footer's number to the header ("Side 4 af 15Skriftlig
feedback · N.A.B.O.", pypdf), and the two together are no sentence however many words they make."""
MAX_LENGTH = 80
"""Characters beyond which a line is running text, not a header or footer."""
SHORTEST_SENTENCE = 4
"""Words beyond which a line ending in a full stop is a sentence ("Skriftlig feedback · N.A.B.O."
is a title that ends in an abbreviation's dot)."""
MIN_PAGES = 3
SHARE_OF_PAGES = 1 / 3
"""A running line is printed on at least this share of the dump's pages (and on MIN_PAGES)."""
EDGE = 3
"""Text lines at the top and at the bottom of a page where a header or footer stands."""


def _candidate(text: str, model: QualityModel) -> bool:
    bare = _PAGE_MARK.sub("", text).strip()
    sentence = bare.endswith((".", "?", "!", ":", ",")) and len(bare.split()) > SHORTEST_SENTENCE
    return (0 < len(text) <= MAX_LENGTH and not sentence
            and not labels_in(text) and not part_heading(text) and not theme_column(text, model)
            and continuation(text, model) is None)


def furniture_key(text: str) -> str:
    """A line as running furniture is compared: case, numbers and spacing aside ("Side 4 af 21")."""
    return _NUMBER.sub("#", fold(text).casefold())


def _page_edges(lines: Sequence[str], pages: Sequence[int]) -> list[int]:
    """The indexes of the first and last :data:`EDGE` text lines of every page."""
    by_page: dict[int, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        if line.strip():
            by_page[pages[index]].append(index)
    return sorted({index for found in by_page.values() for index in found[:EDGE] + found[-EDGE:]})


def running_lines(lines: Sequence[str], pages: Sequence[int],
                  model: QualityModel) -> tuple[set[int], list[ImportWarning]]:
    """The indexes of running header and footer lines, and one warning quoting each. A line
    found running at the pages' edges is furniture wherever else it stands, too (an extractor
    that orders a page by blocks may print the header among the boxes) — unless it is a bare
    page number, which a box or the side box may print as a count."""
    where: dict[str, set[int]] = defaultdict(set)
    for index in _page_edges(lines, pages):
        text = fold(lines[index])
        if _candidate(text, model):
            where[furniture_key(text)].add(index)
    needed = max(MIN_PAGES, len(set(pages)) * SHARE_OF_PAGES)
    running = {key: found for key, found in where.items() if len({pages[index] for index in found}) >= needed}
    titles = {key for key in running if any(char.isalpha() for char in key)}
    for index, line in enumerate(lines):
        key = furniture_key(line) if line.strip() else ""
        if key in titles:
            running[key].add(index)
    found: set[int] = set()
    warnings = []
    for at in running.values():
        indexes = sorted(at)
        on = sorted({pages[index] for index in indexes})
        found.update(indexes)
        warnings.append(ImportWarning(
            message=f"running header or footer left out of the boxes: '{fold(lines[indexes[0]])}' "
                    f"(on {len(on)} pages, {on[0]}–{on[-1]})", page=on[0], code="page-furniture"))
    return found, warnings
