"""Cutting a run of text that holds several boxes' paragraphs among those boxes.

Where a page's order leaves a run to more than one box — yellow and grey before the labels in
pdftotext's order of the seeds' template, the text after labels printed side by side — the run
is cut between paragraphs, never inside one, never between a lead-in and what it introduces nor
inside a list. The cues, strongest first: a box's stock sentence goes to its box wherever it
stands; a "Tema 4 fortsat" marker opens the grey box; paragraphs go to the box whose width their
lines wrap at (:mod:`.text_widths`), or whose voice they speak in — the grey box reports, the
others advise (:mod:`.text_genre`); headings in a row are the boxes' headings read across —
and when a numbered list of one box is broken by a paragraph of the other, the boxes were read
across paragraph by paragraph and take turns (:func:`_row_by_row`); then a page break, then the
widest gap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate, pairwise

from kvalitet_core.model import BoxKind, ImportWarning
from kvalitet_core.recognise.anatomy import continuation, fold
from kvalitet_core.recognise.glyphs import is_list_item
from kvalitet_core.recognise.line_paragraphs import paragraph_runs
from kvalitet_core.recognise.text_genre import ADVISING, evidence_for_second, voice_for_second
from kvalitet_core.recognise.text_lines import GREY, PAGE_BREAK, PURPLE, SENTENCE_END, YELLOW, TextLines
from kvalitet_core.recognise.text_widths import WIDTH_TOLERANCE, OrderedWidths, Widths

HEADING_LENGTH = 80
"""Characters beyond which a line is text, not a topic heading."""

def paragraph_units(reader: TextLines, indexes: list[int], mixed: bool = False,
                    lists: bool = True) -> list[tuple[list[int], int]]:
    """Paragraph runs of a segment as (line indexes, blank lines before), for splitting;
    ``mixed`` for a run that may hold boxes of different widths, ``lists=False`` to keep text
    between list items apart (:func:`paragraph_runs`)."""
    runs = paragraph_runs(reader.text(indexes), mixed, lists)
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
        costs = _cut_costs(evidence, before=lambda e: -e if e < 0 else 0.0, after=lambda e: e if e > 0 else 0.0)
        candidates = []
        for k in range(len(units) + 1):
            if 0 < k < len(units) and not may_cut(reader, units[k - 1][0], units[k][0]):
                continue
            cost = costs[k]
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


def _cut_costs(evidence: list[float], before: Callable[[float], float],
               after: Callable[[float], float]) -> list[float]:
    """For every cut k of a run (0 … len), the evidence against it: ``before`` of each paragraph
    before the cut plus ``after`` of each one after it — by running sums, so a page of
    thousands of paragraphs costs no more than their number."""
    heads = [0.0, *accumulate(before(value) for value in evidence)]
    tails = [*accumulate((after(value) for value in reversed(evidence)), initial=0.0)][::-1]
    return [round(head + tail, 3) for head, tail in zip(heads, tails)]


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


def stock_and_more(reader: TextLines, indexes: list[int], kind: BoxKind) -> bool:
    """Whether a box's run holds its stock sentence and other paragraphs besides: the others are
    another box's, read across into this one."""
    units = paragraph_units(reader, indexes, mixed=True)
    return len(units) > 1 and any(
        _stock_kind(" ".join(fold(reader.lines[i]) for i in run)) is kind for run, _ in units)


def voice_returns(reader: TextLines, indexes: list[int], kind: BoxKind, before: BoxKind) -> bool:
    """Whether a box's run opens in its own voice and later speaks in the voice of the box
    before it (:mod:`.text_genre`): an advice, then a report of what was said — the rest of the
    box before, read after this one's (an extractor reading boxes side by side row by row).
    Headings, list items and what a lead-in introduces have no voice of their own; the voice
    that returns must be sure (:data:`SURE_VOICE`): an advice may quote what was said."""
    units = [run for run, _ in paragraph_units(reader, indexes, mixed=True)]
    voices = [voice_for_second(kind, before, _joined(reader, run)) for number, run in enumerate(units)
              if not is_heading(reader, run) and (not number or may_cut(reader, units[number - 1], run))]
    return len(voices) > 1 and voices[0] < 0 and any(value >= SURE_VOICE for value in voices[1:])


def opens_in_voice_of(reader: TextLines, indexes: list[int], kind: BoxKind, other: BoxKind) -> bool:
    """Whether a box's run opens, past its headings, in the voice of ``other`` rather than its
    own: the body of a box that only its heading stayed with (an empty box between them in a
    grid, the rest of the row read before it). A weak cue, so it is asked only where the box
    left holds a heading and nothing else."""
    for run, _ in paragraph_units(reader, indexes, mixed=True):
        if not is_heading(reader, run):
            return voiced(reader, run) and voice_for_second(kind, other, _joined(reader, run)) > 0
    return False


def reports_within(reader: TextLines, indexes: list[int], kind: BoxKind) -> list[BoxKind] | None:
    """Where an advising box's run holds a paragraph that reports what was said beyond doubt
    (:data:`CLEAR_REPORT` marks: more than a sure voice, as nothing else in the run says that
    the grey box's text is there), the order of the grey box's text and the box's own in it —
    the grey box's first when the run opens with such a report; else None. Headings, list
    items and single short lines tell no voice."""
    if kind not in ADVISING:
        return None
    voices = [-voice_for_second(GREY, kind, _joined(reader, run))
              for run, _ in paragraph_units(reader, indexes, mixed=True)
              if not is_heading(reader, run) and not is_list_item(reader.lines[run[0]])]
    if not any(value >= CLEAR_REPORT for value in voices):
        return None
    return [GREY, kind] if voices[0] >= CLEAR_REPORT else [kind, GREY]


def _sentence_end(reader: TextLines, run: list[int]) -> int:
    """How many lines of a run belong to the stock sentence that opens it: up to the sentence's
    end when a heading follows (another box's, run together with it because the boxes differ in
    width), else all of them ("… under andre temaer." / "Se tema 3a." is one box's text). A line
    in lower case goes on a sentence that only seemed to end ("… og tema 4 ift." /
    "strukturerede rum for …"): no heading opens so."""
    end = next((number + 1 for number, index in enumerate(run)
                if reader.lines[index].rstrip().endswith((".", "!", "?"))), len(run))
    heading = end < len(run) and is_heading(reader, run[end:end + 1]) and not reader.lines[run[end]].lstrip()[:1].islower()
    return end if heading else len(run)


def _stock_kind(text: str) -> BoxKind | None:
    if len(text) > STOCK_LENGTH:
        return None
    return next((kind for kind, pattern in _STOCK.items() if pattern.search(text)), None)


Unit = tuple[list[int], int]
"""A paragraph's line indexes and the blank lines before it."""
STRONG = 0.5
"""Evidence (:meth:`Widths.evidence`) from which a paragraph's wrapping alone tells its box."""
SURE_VOICE = 2
"""Marks of voice (:func:`.text_genre.advice`) from which a paragraph surely speaks as its box."""
CLEAR_REPORT = 3
"""Marks of report by which a paragraph under an advising box's label is the grey box's text
even though that box's run did not open in its own voice."""
VOICED_LENGTH = 60
"""Characters below which a paragraph of one line may be a heading, whose wording tells no box."""
VOICE_WEIGHT = 0.5
"""What a paragraph's voice weighs against its wrapping (:mod:`.text_genre`): less, as it is a
matter of wording, not of the page."""


def split_in_order(reader: TextLines, indexes: list[int], kinds: list[BoxKind],
                   widths: dict[BoxKind, int]) -> dict[BoxKind, list[int]]:
    """Share a run holding several boxes' text, given in ``kinds``' order, among them.

    A box's stock sentence (:data:`_STOCK`) goes to its box wherever it stands, and that box
    takes nothing else. For the rest, two boxes at a time: when their lines wrap at different
    widths — known from the document, or seen in the run itself — each paragraph goes to the
    box it fits, wherever it stands (an extractor reading side-by-side boxes row by row
    interleaves them) — unless the widths see one box where the voices surely hear two
    (:func:`_width_blind`); so, when widths are silent, does a run whose paragraphs surely speak in
    the two boxes' voices by turns (:func:`_alternates`); else the run is cut once, in order —
    or in the opposite order when the voices say the later box was read first (:func:`_reversed`).
    """
    parts: dict[BoxKind, list[int]] = {kind: [] for kind in kinds}
    units: list[Unit] = []
    for run, gap in paragraph_units(reader, indexes, mixed=True):
        stock = _stock_kind(" ".join(fold(reader.lines[i]) for i in run))
        if stock in parts:
            end = _sentence_end(reader, run)
            parts[stock] += run[:end]
            run, gap = run[end:], 0
        if run:
            units.append((run, gap))
    kinds = [kind for kind in kinds if not parts[kind]] or kinds[-1:]
    for earlier, later in zip(kinds, kinds[1:]):
        known = Widths.between(widths.get(earlier), widths.get(later))
        pair = known or _widths_seen(reader, units)
        evidence = [pair.evidence_for_second(reader.text(run)) if pair else 0.0 for run, _ in units]
        voice = [evidence_for_second(earlier, later, _joined(reader, run)) for run, _ in units]
        sure = [_sure_voice(reader, run, earlier, later) for run, _ in units]
        leaning = [value if voiced(reader, run) else 0.0 for value, (run, _) in zip(voice, units)]
        if _width_blind(evidence, sure):
            evidence = [0.0] * len(units)
        if any(abs(value) >= STRONG for value in evidence):
            mine, units = _by_width(reader, units, evidence, voice, known is not None)
        elif _alternates(sure, leaning):
            mine, units = _by_width(reader, units, [0.0] * len(units), voice, False)
        elif (rows := _read_in_rows(reader, units, sure)) is not None:
            mine, units = ([unit for unit, later in zip(units, rows) if not later],
                           [unit for unit, later in zip(units, rows) if later])
        else:
            row = _heading_row(reader, units)
            body, heads = units[row:], units[:min(row, 1)]
            across = _read_across(reader, indexes, body, parts) if row == 2 and len(kinds) == 2 else []
            if across and _list_broken(reader, across):
                # two boxes' headings read across, and their text too: the order does not hold
                later_box = _row_by_row(reader, across, [pair.evidence_for_second(reader.text(run)) if pair else 0.0
                                                         for run, _ in across],
                                        [_sure_voice(reader, run, earlier, later) for run, _ in across])
                mine = [heads[0], *(unit for unit, later in zip(across, later_box) if not later)]
                units = [units[1], *(unit for unit, later in zip(across, later_box) if later)]
            elif _reversed(sure[row:], voice[row:]):  # the later box's text read first
                cut = _cut(reader, body, [-value for value in evidence[row:]], [-value for value in voice[row:]])
                mine, units = [*heads, *body[cut:]], [*units[1:row], *body[:cut]]
            else:
                cut = _cut(reader, body, evidence[row:], voice[row:])
                mine, units = [*heads, *body[:cut]], [*units[1:row], *body[cut:]]
                if not units:
                    mine, units = _pointer_beside(reader, mine)
        parts[earlier] += [i for run, _ in mine for i in run]
    parts[kinds[-1]] += [i for run, _ in units for i in run]
    for kind in parts:
        parts[kind].sort()
    return parts


def _pointer_beside(reader: TextLines, units: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """A run that leaves the later box empty, split again where a pointer to another theme
    ("Se tema 3a.") stands alone inside it, after a heading: a pointer is a box's whole text,
    never a heading's, so it is the later box's, printed beside the earlier box's heading and
    read across with it."""
    for number in range(1, len(units) - 1):
        run = units[number][0]
        if is_heading(reader, units[number - 1][0]) and is_pointer(_joined(reader, run)):
            return units[:number] + units[number + 1:], [units[number]]
    return units, []


def _widths_seen(reader: TextLines, units: list[Unit]) -> OrderedWidths | None:
    """Two box widths seen in a run: the wrapped paragraphs' widest lines fall into two groups
    apart by more than proportional type blurs (list items left out: a hanging indent narrows
    them by its own amount). The first wrapped paragraph is the earlier box's; None when the
    run shows one width."""
    seen = [(max(len(reader.lines[i].strip()) for i in run[:-1]), number)
            for number, (run, _) in enumerate(units) if len(run) > 1 and not is_list_item(reader.lines[run[0]])]
    values = sorted(width for width, _ in seen)
    gaps = [(high - low, low) for low, high in zip(values, values[1:])]
    if not gaps or max(gaps)[0] < 3 * WIDTH_TOLERANCE:
        return None
    split = max(gaps)[1]
    narrow, wide = split, values[-1]
    first_narrow = seen[0][0] <= split
    return Widths.between(narrow if first_narrow else wide, wide if first_narrow else narrow)


def _by_width(reader: TextLines, units: list[Unit], evidence: list[float], voice: list[float],
              known: bool) -> tuple[list[Unit], list[Unit]]:
    """The paragraphs of the earlier box and of the later, each by the width it wraps at and by
    its voice (:mod:`.text_genre`): the width first when the document taught the boxes' widths
    (``known``), the voice first when the widths were only seen in the run itself. A single
    short line has no voice here (it may be a heading that ends in a full stop). One that
    shows neither goes with the paragraph after it when it is a heading (a heading stays with
    its text; headings in a row are the boxes' headings printed side by side, read left to
    right: the first is the earlier box's), else with the one before."""
    def box(unit: Unit, width: float, spoken: float) -> bool | None:
        by_width = width > 0 if abs(width) >= STRONG else None
        by_voice = spoken > 0 if spoken and voiced(reader, unit[0]) else None
        first, second = (by_width, by_voice) if known else (by_voice, by_width)
        return first if first is not None else second

    boxes = [box(unit, width, spoken) for unit, width, spoken in zip(units, evidence, voice)]
    next_decided: list[bool | None] = [None] * (len(boxes) + 1)
    for number in range(len(boxes) - 1, -1, -1):
        next_decided[number] = boxes[number] if boxes[number] is not None else next_decided[number + 1]
    number = 0
    while number < len(units):
        run = number
        while run < len(units) and boxes[run] is None and is_heading(reader, units[run][0]):
            run += 1
        count = run - number
        side_by_side = [False] + [True] * (count - 1) if count > 1 else [next_decided[run]] * count
        for heading, box in zip(range(number, run), side_by_side):
            boxes[heading] = box
        number = max(run, number + 1)
    last = False
    for number, box in enumerate(boxes):
        boxes[number] = last = last if box is None else box
    return ([unit for unit, later in zip(units, boxes) if not later],
            [unit for unit, later in zip(units, boxes) if later])


def _read_across(reader: TextLines, indexes: list[int], body: list[Unit],
                 parts: dict[BoxKind, list[int]]) -> list[Unit]:
    """The paragraphs of a run's body (after its headings, without the stock sentences already
    given out), text between list items kept apart: in a run read across two boxes it may be
    the other box's."""
    taken = {i for part in parts.values() for i in part}
    start = body[0][0][0] if body else len(reader.lines)
    return paragraph_units(reader, [i for i in indexes if i >= start and i not in taken], mixed=True, lists=False)


def _row_by_row(reader: TextLines, units: list[Unit], evidence: list[float], sure: list[float]) -> list[bool]:
    """Which of two boxes read row by row (their headings printed across, then a paragraph of
    one beside a paragraph of the other) each paragraph belongs to: True for the later box.

    A paragraph goes with the point before it in its numbered list, else with its sure voice,
    else with what binds it — the lead-in that introduces it, the bullet before it, the heading
    above it — or the width it wraps at, else to the box the previous paragraph was not in:
    reading across, the extractor takes the boxes in turn. The first paragraph after the
    headings is the earlier box's."""
    boxes: list[bool] = []
    for number, (run, gap) in enumerate(units):
        first = reader.lines[run[0]]
        numbered = _numbered_after(reader, units, boxes, number)
        bound = _bound_to(reader, units, boxes, number)
        if numbered is not None:
            boxes.append(numbered)
        elif sure[number]:
            boxes.append(sure[number] > 0)
        elif bound is not None:
            boxes.append(bound)
        elif number and not gap and not is_heading(reader, units[number - 1][0]):
            boxes.append(boxes[-1])  # no blank line between: the same block of text
        elif abs(evidence[number]) >= STRONG:
            boxes.append(evidence[number] > 0)
        elif (number and is_heading(reader, units[number - 1][0]) and not is_list_item(first)
              and not is_list_item(reader.lines[units[number - 1][0][0]])):
            boxes.append(boxes[-1])
        else:
            boxes.append(not boxes[-1] if boxes else False)
    return boxes


def _read_in_rows(reader: TextLines, units: list[Unit], sure: list[float]) -> list[bool] | None:
    """Which of two boxes each paragraph of a run read across them row by row belongs to (True
    for the later box), when two headings in a row stand inside the run — two boxes' headings
    side by side, which nothing but reading across puts together — and sure voices tell which box
    is on the left; else None.

    Headings opening the run are the boxes' headings in order (the first the earlier box's).
    After them every row gives the left box's paragraph, then the right box's: paragraphs take
    turns, a row of headings starts a row again (left, right, then the left box's text), a
    lone heading goes with the paragraph under it, and a sure voice overrides the turn."""
    lead = 0
    while lead < len(units) and is_heading(reader, units[lead][0]):
        lead += 1
    headings = [is_heading(reader, run) and not is_list_item(reader.lines[run[0]]) for run, _ in units]
    if not any(a and b for a, b in pairwise(headings[lead:])):
        return None
    sides: list[int | None] = [None] * len(units)  # 0 left, 1 right
    turn = 0
    number = lead
    while number < len(units):
        if headings[number] and number + 1 < len(units) and headings[number + 1]:
            sides[number], sides[number + 1], turn = 0, 1, 0
            number += 2
            continue
        if not headings[number]:
            sides[number], turn = turn, 1 - turn
        number += 1
    for number in range(len(units) - 2, lead - 1, -1):
        if sides[number] is None:
            sides[number] = sides[number + 1]
    agreement = sum(value * (1 if side == 0 else -1) for value, side in zip(sure, sides) if side is not None)
    if not agreement:
        return None
    left_later = agreement > 0
    boxes = [number > 0 for number in range(lead)]
    for value, side in zip(sure[lead:], sides[lead:]):
        if value:
            boxes.append(value > 0)
        elif side is None:  # a heading with no paragraph under it: the run's last line
            boxes.append(left_later)
        else:
            boxes.append((side == 0) == left_later)
    return boxes


def _numbered_after(reader: TextLines, units: list[Unit], boxes: list[bool], number: int) -> bool | None:
    """The box of the point before a numbered point in its list ("2." after "1.", wherever that
    stands); None for no numbered point, or the first."""
    numbered = _ITEM_NUMBER.match(reader.lines[units[number][0][0]])
    if not numbered:
        return None
    wanted = int(numbered.group(1)) - 1
    for earlier in range(number - 1, -1, -1):
        found = _ITEM_NUMBER.match(reader.lines[units[earlier][0][0]])
        if found and int(found.group(1)) == wanted:
            return boxes[earlier]
    return None


def _bound_to(reader: TextLines, units: list[Unit], boxes: list[bool], number: int) -> bool | None:
    """The box a paragraph shares with the one right before it: a bullet after a bullet, what a
    lead-in introduces ("… arbejdes med:"); None when nothing binds it."""
    first = reader.lines[units[number][0][0]]
    if not number:
        return None
    before = units[number - 1][0]
    if reader.lines[before[-1]].rstrip().endswith(":"):
        return boxes[-1]
    if is_list_item(first) and is_list_item(reader.lines[before[0]]):
        return boxes[-1]
    return None


def _list_broken(reader: TextLines, units: list[Unit]) -> bool:
    """Whether a numbered list's next point comes after a paragraph that is no point of it ("1.",
    another box's paragraph, "2."), or its first point after a paragraph that is no point either
    and follows the list's lead-in ("… arbejdes struktureret med:", another box's paragraph,
    "1."): two boxes read across, not one after the other."""
    for number, (run, _) in enumerate(units):
        if reader.lines[run[-1]].rstrip().endswith(":") and _block_before_list(reader, units[number + 1:]):
            return True
    last_number, interrupted = None, False
    for run, _ in units:
        numbered = _ITEM_NUMBER.match(reader.lines[run[0]])
        if numbered:
            if interrupted and last_number is not None and int(numbered.group(1)) == last_number + 1:
                return True
            last_number, interrupted = int(numbered.group(1)), False
        elif last_number is not None and not reader.lines[run[0]].lstrip()[:1].islower():
            interrupted = True  # (a paragraph in lower case is the point's own rest, split off)
    return False


def _block_before_list(reader: TextLines, units: list[Unit]) -> bool:
    """Whether ``units`` open with one block of paragraphs that are no list items (between blank
    lines), then a list."""
    block = 1
    while block < len(units) and not units[block][1]:
        block += 1
    return (bool(units) and units[0][1] > 0 and block < len(units) and units[block][1] > 0
            and is_list_item(reader.lines[units[block][0][0]])
            and not any(is_list_item(reader.lines[run[0]]) for run, _ in units[:block]))


_ITEM_NUMBER = re.compile(r"^\s*(\d{1,2})[.)]\s")
"""A numbered point's number."""


def _sure_voice(reader: TextLines, run: list[int], first: BoxKind, second: BoxKind) -> float:
    """+1 when a paragraph surely speaks in the second box's voice, -1 in the first's, else 0
    — and 0 for a single short line, which may be a heading that ends in a full stop."""
    if not voiced(reader, run):
        return 0.0
    balance = voice_for_second(first, second, _joined(reader, run))
    return float(balance > 0) - float(balance < 0) if abs(balance) >= SURE_VOICE else 0.0


def voiced(reader: TextLines, run: list[int]) -> bool:
    """Whether a paragraph's wording may tell its box: not a single short line, which may be a
    heading that ends in a full stop ("At gribe, skubbe lidt og bygge bro.") — unless it is a
    lead-in ("At tilbuddet arbejder for:"), which no heading is."""
    joined = _joined(reader, run)
    return len(run) > 1 or len(joined) >= VOICED_LENGTH or joined.endswith(":")


def _width_blind(evidence: list[float], sure: list[float]) -> bool:
    """Whether widths put every paragraph of a run that tells them apart in one box while the
    voices surely speak for both: widths learned on other pages that do not hold on this one
    (a box set narrower or wider there) tell nothing here."""
    strong = {value > 0 for value in evidence if abs(value) >= STRONG}
    return len(strong) == 1 and len({value > 0 for value in sure if value}) == 2


def _turns(sure: list[float], voice: list[float]) -> tuple[list[float], int]:
    """The sure voices of a run (without the silent ones) and how often they change — led by
    the voice (of paragraphs that may have one, :func:`voiced`) a paragraph before the first
    sure one leans to, if any: an opening paragraph need not be sure to tell which box was
    read first."""
    signs = [value for value in sure if value]
    first_sure = next((number for number, value in enumerate(sure) if value), len(sure))
    lean = next((value for value in voice[:first_sure] if value), 0.0)
    if lean:
        signs.insert(0, 1.0 if lean > 0 else -1.0)
    return signs, sum(a != b for a, b in pairwise(signs))


def _alternates(sure: list[float], voice: list[float]) -> bool:
    """Whether the voices of a run change more than once (report, advice, report …): two
    boxes side by side read block by block, not one after the other."""
    return _turns(sure, voice)[1] >= 2


def _reversed(sure: list[float], voice: list[float]) -> bool:
    """Whether a run speaks first in the later box's voice and then, once and for all, surely
    in the earlier box's: the boxes read in the opposite order to their labels (an extractor
    that takes the right-hand box first)."""
    signs, turns = _turns(sure, voice)
    return turns == 1 and signs[0] > 0


def _heading_row(reader: TextLines, units: list[Unit]) -> int:
    """How many headings in a row open a run, when more than one: the boxes' headings printed
    side by side and read across before their text, the first the earlier box's, the others
    the later boxes' (0 when the run opens with one heading or none: it stays with its text)."""
    count = 0
    while count < len(units) and is_heading(reader, units[count][0]):
        count += 1
    return count if count > 1 else 0


def _cut(reader: TextLines, units: list[Unit], evidence: list[float], voice: list[float]) -> int:
    """Where to cut a run in two, in order: the paragraphs before the cut fit the earlier box
    and those after it the later, by width (``evidence``) and, weighed less, by their voice
    (:mod:`.text_genre`). Among equal cuts: when the voices told, the latest but one that parts a
    one-line title that ends in a full stop from the text under it ("Noget at stå op til.") — a
    paragraph of no voice goes on the box of the paragraph before it, and the earlier box may be
    left empty;
    else before a paragraph that opens in lower case after a finished sentence (the later box's
    text carrying on its label: "Dette peger på at…" / "der er et behov for …"), then at the
    widest gap, then the earliest — a box's text is rarely empty when its label stands among
    the others. Never right after a heading: a heading stays with its text."""
    combined = [width + VOICE_WEIGHT * spoken for width, spoken in zip(evidence, voice)]
    costs = _cut_costs(combined, before=lambda e: e if e > 0 else 0.0, after=lambda e: -e if e < 0 else 0.0)
    told = any(voice)
    candidates = []
    for k in range(0 if told else 1, len(units) + 1):
        if 0 < k < len(units) and (not may_cut(reader, units[k - 1][0], units[k][0])
                                   or is_heading(reader, units[k - 1][0])):
            continue
        gap = units[k][1] if k < len(units) else 0
        candidates.append((costs[k], _after_title(reader, units, k), -k) if told
                          else (costs[k], -_carries_label(reader, units, k), -gap, k))
    return abs(min(candidates)[-1]) if candidates else len(units)


def _after_title(reader: TextLines, units: list[Unit], number: int) -> bool:
    """Whether a paragraph follows a line of its own that is a title set with a full stop
    (:func:`is_stop_title`), whose text it is — or a one-line paragraph."""
    if not 0 < number < len(units):
        return False
    before = units[number - 1][0]
    return len(before) == 1 and is_stop_title(reader.lines[before[0]].strip())


def is_stop_title(line: str) -> bool:
    """Whether a line standing alone may be a title set with a full stop ("Noget at stå op
    til."): too short to tell a voice (:func:`voiced`), and no pointer to another theme, which
    is a box's whole text."""
    return len(line) < VOICED_LENGTH and line.endswith(".") and not is_pointer(line)


def _carries_label(reader: TextLines, units: list[Unit], number: int) -> bool:
    """Whether a paragraph opens in lower case after a blank line and a finished sentence: the
    first words of a box, carrying on its label's sentence."""
    if not 0 < number < len(units) or not units[number][1]:
        return False
    return (reader.lines[units[number][0][0]].lstrip()[:1].islower()
            and reader.lines[units[number - 1][0][-1]].rstrip().endswith((".", "!", "?")))


def _joined(reader: TextLines, run: list[int]) -> str:
    return " ".join(reader.lines[i].strip() for i in run)


def is_pointer(text: str) -> bool:
    """Whether a line or paragraph is only a pointer to another theme ("Se tema 4", "Se tema 3.a.")."""
    return len(text) < HEADING_LENGTH and bool(_POINTER.match(text))


def is_heading(reader: TextLines, indexes: list[int]) -> bool:
    """Whether a run is one short line that ends no sentence: a topic heading — not a pointer to
    another theme ("Se tema 4"), which is a box's whole text."""
    texts = [reader.lines[i].strip() for i in indexes if reader.lines[i].strip()]
    return (len(texts) == 1 and len(texts[0]) < HEADING_LENGTH and not texts[0].endswith(SENTENCE_END)
            and not is_pointer(texts[0]))


_POINTER = re.compile(r"^(?:-\s+)?se\b.{0,30}\btema", re.IGNORECASE)
"""A pointer to another theme's page ("Se tema 4", "Se i øvrigt tema 3a og 4")."""
