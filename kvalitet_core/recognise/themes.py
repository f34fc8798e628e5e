"""Which theme(s) each theme page is about.

The page's left column names them when it survives extraction ("Tema 3a: …", "Tema 1, 2 og 3b";
"Tema 4 fortsat fra side 8" marks a continuation). When it does not, the themes follow from the
page order against the quality model: pages before the first page whose theme is known take the
model's themes from the start, pages after the last known one take them from the end (reports
cover the model to its last theme), pages between take the next themes in order. A topic heading
named after a theme ("Fælles fagligt fundament – …") anchors its page. Themes left without a
page go to a page that says it covers several ("Feedback af relevans for disse temaer"). Every
theme not read from the page itself is recorded as a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kvalitet_core.model import BoxKind, ImportWarning
from kvalitet_core.quality_model import QualityModel
from kvalitet_core.recognise.anatomy import MULTI_THEME_HINT, continuation, heading_theme, named_themes
from kvalitet_core.recognise.draft import PageDraft


@dataclass(slots=True)
class PageThemes:
    """The outcome for one page."""

    themes: list[str] = field(default_factory=list)
    continued: bool = False
    source: Literal["page", "heading", "order", "previous", "run-over"] = "order"
    """How the themes were found: "page" (named on it), "heading" (a topic heading), "order",
    "previous" (a continuation, or a page order could not place, takes the page before's) or
    "run-over" (a page naming nothing, in a report whose other theme pages all name their themes:
    the page before's boxes run over — a table whose header row of labels repeats on the next
    page — read into the page before's section)."""


def _first_paragraphs(page: PageDraft) -> list[str]:
    return [page.boxes[kind][0].text for kind in (BoxKind.TALKED_ABOUT, BoxKind.POINTS_TO) if page.boxes[kind]]


def _read(page: PageDraft, model: QualityModel) -> PageThemes:
    themes, continued = named_themes("\n".join(page.column), model)
    if themes:
        return PageThemes(themes, continued=continued, source="page")
    for text in [p.text for kind in BoxKind for p in page.boxes[kind][:1]]:
        theme = continuation(text, model)
        if theme:
            return PageThemes([theme], continued=True, source="page")
    return PageThemes(continued=continued)


def assign_themes(pages: list[PageDraft], model: QualityModel) -> tuple[list[PageThemes], list[ImportWarning]]:
    """The themes of every page, and a warning for each page whose themes were inferred."""
    order = model.theme_ids
    results = [_read(page, model) for page in pages]
    taken = {t for r in results if not r.continued for t in r.themes}
    for page, result in zip(pages, results):
        named = None if result.themes else next(
            (theme for theme in (heading_theme(text, model) for text in _first_paragraphs(page)) if theme), None)
        if named and named not in taken:
            result.themes, result.source = [named], "heading"
            taken.add(named)
    ordered = [index for index, result in enumerate(results) if result.themes or not result.continued]
    placeable = [results[index] for index in ordered]
    anchors = [index for index, result in enumerate(placeable) if result.themes]
    _fill_by_order(placeable, anchors, [t for t in order if t not in taken], order)
    named_elsewhere = all(result.source == "page" or not result.themes for result in results)
    for index, result in enumerate(results):
        if not result.themes:  # a continuation page that names no theme, or one order could not place
            previous = results[index - 1].themes if index else []
            run_over = index > 0 and named_elsewhere and not result.continued
            result.themes, result.continued = list(previous) or [order[0]], True
            result.source = "run-over" if run_over else "previous"
    reasons = {"heading": "read from the page's first topic heading", "order": "inferred from page order",
               "previous": "taken from the page before, as its continuation",
               "run-over": "taken from the page before, whose boxes it carries on (it names no theme and has "
                           "no continuation marker, where every other theme page names its theme)"}
    warnings = [
        ImportWarning(message=f"theme {', '.join(result.themes)} {reasons[result.source]}",
                      page=page.page, code="theme-inferred")
        for page, result in zip(pages, results) if result.source != "page" and result.themes
    ]
    _give_leftovers(pages, results, order, warnings)
    return results, warnings


def _fill_by_order(results: list[PageThemes], anchors: list[int], free: list[str], order: list[str]) -> None:
    """Give pages without themes the free themes in model order, aligned to the known pages."""
    position = {theme: index for index, theme in enumerate(order)}
    bounds = [-1, *anchors, len(results)]
    for left, right in zip(bounds, bounds[1:]):
        gap = list(range(left + 1, right))
        if not gap:
            continue
        low = max((position[t] for t in results[left].themes), default=-1) if left >= 0 else -1
        high = len(order)
        if right < len(results):
            high = min(position[t] for t in results[right].themes) + results[right].continued
        candidates = [t for t in free if low < position[t] < high]
        chosen = candidates[-len(gap):] if right == len(results) and left >= 0 else candidates[:len(gap)]
        for index, theme in zip(gap, chosen):
            results[index].themes = [theme]
            free.remove(theme)
        for index in gap[len(chosen):]:
            if free and position[free[0]] < high:
                results[index].themes = [free.pop(0)]


def _give_leftovers(pages: list[PageDraft], results: list[PageThemes], order: list[str],
                    warnings: list[ImportWarning]) -> None:
    covered = {t for r in results for t in r.themes}
    leftovers = [t for t in order if t not in covered]
    if not leftovers:
        return
    hinted = next((i for i, page in enumerate(pages) if results[i].source != "page" and any(
        MULTI_THEME_HINT.search(p.text) for kind in BoxKind for p in page.boxes[kind])), None)
    if hinted is None:
        warnings.append(ImportWarning(message=f"no page found for theme(s) {', '.join(leftovers)}",
                                      code="theme-missing"))
        return
    result = results[hinted]
    result.themes = [t for t in order if t in result.themes or t in leftovers]
    warnings.append(ImportWarning(
        message=f"page covers several themes; {', '.join(leftovers)} added as the themes no other page has",
        page=pages[hinted].page, code="theme-inferred"))
