"""Cutting a run of text that holds several boxes' paragraphs among those boxes.

Where a page's order leaves a run to more than one box — yellow and grey before the labels in
pdftotext's order of the seeds' template, the text after labels printed side by side — the run
is cut between paragraphs, never inside one, never between a lead-in and what it introduces nor
inside a list. The cues, strongest first: a box's stock sentence goes to its box wherever it
stands; a "Tema 4 fortsat" marker opens the grey box; paragraphs go to the box whose width their
lines wrap at (:mod:`.text_widths`); then a page break, then the widest gap.
"""

from __future__ import annotations

import re

from kvalitet_core.model import BoxKind, ImportWarning
from kvalitet_core.recognise.anatomy import continuation, fold
from kvalitet_core.recognise.glyphs import is_list_item
from kvalitet_core.recognise.line_paragraphs import paragraph_runs
from kvalitet_core.recognise.text_lines import PAGE_BREAK, PURPLE, SENTENCE_END, YELLOW, TextLines
from kvalitet_core.recognise.text_widths import Widths

def paragraph_units(reader: TextLines, indexes: list[int]) -> list[tuple[list[int], int]]:
    """Paragraph runs of a segment as (line indexes, blank lines before), for splitting."""
    runs = paragraph_runs(reader.text(indexes))
    units = []
    for number, run in enumerate(runs):
        gap = run[0] - runs[number - 1][-1] - 1 if number else 0
        units.append(([indexes[i] for i in run], gap))
    return units


def may_cut(reader: TextLines, before: list[int], after: list[int]) -> bool:
    """Whether two paragraphs may sit in different boxes: not a lead-in and what it introduces,
    not two items of one list."""
    upper, lower = reader.lines[before[-1]].strip(), reader.lines[after[0]]
    return not upper.endswith(":") and not (is_list_item(reader.lines[before[0]]) and is_list_item(lower))


def split_yellow_grey(reader: TextLines, indexes: list[int], widths: Widths | None,
                       page: int) -> tuple[list[int], list[int]]:
    """Cut a page's leading run into its yellow and its grey text (pdftotext order)."""
    units = paragraph_units(reader, indexes)
    if not units:
        return [], []
    marker = next((k for k, (run, _) in enumerate(units)
                   if continuation(reader.lines[run[0]], reader.model)), None)
    if marker is not None:
        cut = marker
    else:
        evidence = [widths.evidence(reader.text(run)) if widths else 0.0 for run, _ in units]
        candidates = []
        for k in range(len(units) + 1):
            if 0 < k < len(units) and not may_cut(reader, units[k - 1][0], units[k][0]):
                continue
            cost = round(sum(-e for e in evidence[:k] if e < 0) + sum(e for e in evidence[k:] if e > 0), 3)
            frame = 0 < k < len(units) and not reader.damaged and bool(PAGE_BREAK.match(reader.lines[units[k][0][0]]))
            gap = units[k][1] if 0 < k < len(units) and not reader.damaged else 0
            candidates.append((cost, not frame, -gap, k))
        cut = min(candidates)[3]
    if cut and widths is None:
        reader.warnings.append(ImportWarning(
            message="yellow and grey text told apart without line widths", page=page, code="box-by-position"))
    elif cut:
        reader.warnings.append(ImportWarning(
            message=f"first {cut} paragraph(s) of the page placed in the yellow box by line width and position",
            page=page, code="box-by-position"))
    at = indexes.index(units[cut][0][0]) if cut < len(units) else len(indexes)
    return indexes[:at], indexes[at:]


_STOCK = {
    PURPLE: re.compile(r"gav\s+ikke\s+anledning\s+til\s+særlig\s+feedback|feedback\s+af\s+relevans\s+for\s+tema",
                       re.IGNORECASE),
    YELLOW: re.compile(r"ikke\s+(?:konkrete\s+|kommentarer\s+eller\s+)?forslag", re.IGNORECASE),
}
"""The stock sentences a box says when it has nothing else to say ("Besøget gav ikke anledning
til særlig feedback …" in the purple box, "… ikke kommentarer eller forslag …" in the yellow one,
"Feedback af relevans for temaet indgår …" pointing elsewhere): wherever an extractor put it,
such a paragraph is its box's whole text."""
STOCK_LENGTH = 250
"""Characters beyond which a paragraph is the box's own text, even if it quotes a stock phrase."""


def _stock_kind(text: str) -> BoxKind | None:
    if len(text) > STOCK_LENGTH:
        return None
    return next((kind for kind, pattern in _STOCK.items() if pattern.search(text)), None)


def split_in_order(reader: TextLines, indexes: list[int], kinds: list[BoxKind],
                    widths: dict[BoxKind, int]) -> dict[BoxKind, list[int]]:
    """Cut a run holding several boxes' text, given in ``kinds``' order, among them.

    A box's stock sentence (:data:`_STOCK`) goes to its box wherever it stands, and that box
    takes nothing else. The rest is cut in order: each cut goes where the paragraphs before it
    fit the earlier box's width and those after it the later box's (:meth:`Widths.evidence`,
    when the document told the two widths apart); among equal cuts, at the widest gap, then
    the earliest — a box's text is rarely empty when its label stands among the others.
    """
    parts: dict[BoxKind, list[int]] = {kind: [] for kind in kinds}
    units = []
    for run, gap in paragraph_units(reader, indexes):
        stock = _stock_kind(" ".join(fold(reader.lines[i]) for i in run))
        if stock in parts:
            parts[stock] += run
        else:
            units.append((run, gap))
    kinds = [kind for kind in kinds if not parts[kind]] or kinds[-1:]
    for earlier, later in zip(kinds, kinds[1:]):
        pair = Widths.between(widths.get(earlier), widths.get(later))
        evidence = [pair.evidence_for_second(reader.text(run)) if pair else 0.0 for run, _ in units]
        candidates = []
        for k in range(1, len(units) + 1):
            if k < len(units) and not may_cut(reader, units[k - 1][0], units[k][0]):
                continue
            cost = round(sum(e for e in evidence[:k] if e > 0) - sum(e for e in evidence[k:] if e < 0), 3)
            candidates.append((cost, -(units[k][1] if k < len(units) else 0), k))
        cut = min(candidates)[2] if candidates else len(units)
        parts[earlier] += [i for run, _ in units[:cut] for i in run]
        units = units[cut:]
    parts[kinds[-1]] += [i for run, _ in units for i in run]
    for kind in parts:
        parts[kind].sort()
    return parts


def lone_heading(reader: TextLines, indexes: list[int]) -> bool:
    """Whether a box's run is one short line that ends no sentence: a heading without its text."""
    texts = [reader.lines[i].strip() for i in indexes if reader.lines[i].strip()]
    return len(texts) == 1 and len(texts[0]) < 80 and not texts[0].endswith(SENTENCE_END)
