"""From lines of running text to paragraphs, for text that has lost its layout.

Blank lines separate paragraphs, except inside a bullet or a sentence that carries on after
them (extractors put blank lines inside wrapped bullets, and rotated pages put them almost
anywhere); text inside a list belongs to the item before it; a line indented further than the
box's other lines opens a paragraph unless it goes on in lower case; a line that left room for
the next line's first word ended its paragraph (a box's lines wrap at its width, and the
widest line tells the width), which is how a bold topic heading on its own line is told from
the text it titles. A hyphen line-break inside a word keeps its hyphen and loses the line end
("billard-" + "turnering").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kvalitet_core.control_chars import SOFT_HYPHEN
from kvalitet_core.recognise.glyphs import is_list_item

_SENTENCE_END = (".", "?", "!", ":", ";", "´", "”", "\"", ")")
ROOM = 0.85
"""A line that left room for the next line's first word — the two together shorter than this
share of the box's widest line — ended its paragraph: had it gone on, the word would have been
set on it (proportional type makes character counts a rough measure, hence the margin)."""


TITLE_SHARE = 0.6
"""Of a run's widest line, below which a line standing alone between blank lines is a title."""


_SUSPENDED_HYPHEN = re.compile(r"^(?:og|eller|samt|el\.|and|or)\b", re.IGNORECASE)
"""Words after which a line-final hyphen is a suspended compound ("aktivitets- og samvær")."""
_WORD_BREAK = re.compile(r"[^\s-]-$")
"""A hyphen that ends a line inside a word. Only ever searched in the last three characters (a
letter, the hyphen and a final newline): a paragraph is joined line by line, and searching the
whole of it each time made joining a long paragraph quadratic."""


_SOFT_BREAK = re.compile(f"(?:{SOFT_HYPHEN}[\u2010-]?|(?<=[^\\W\\d_]) ?\u2010)$")
"""A word broken where it may be: at a soft hyphen, or with the typographic hyphen (U+2010) a
browser or typesetter draws when it breaks a word itself (a person types "-"). A justified
line's stretched gaps can put a space before that hyphen in a text dump ("akti ‐"): a hyphen
standing alone never opens a word, so it breaks the one before it."""


def soft_break_at(text: str) -> int | None:
    """Where the break of a word broken at the end of ``text`` starts (see _SOFT_BREAK), or None.
    Only the last three characters are searched, so joining a long paragraph stays linear."""
    tail = text[-3:]
    match = _SOFT_BREAK.search(tail)
    return None if match is None else len(text) - len(tail) + match.start()


_MID_SENTENCE = re.compile(r"[\w,;–\u2010\u00ad-]$")


def breaks_off(previous: str, text: str) -> bool:
    """Whether ``text`` carries on the sentence ``previous`` broke off in: it ends on a word, a
    comma or a hyphen, and the next text begins in lower case — a paragraph broken over a column
    or a page, not two paragraphs."""
    return bool(_MID_SENTENCE.search(previous.rstrip())) and text.lstrip()[:1].islower()


def join_lines(previous: str, line: str) -> str:
    """Two lines of one paragraph: a hyphen line-break inside a word keeps its hyphen, no space;
    a hyphen before "og"/"eller" shortens a compound and keeps its space; a word broken at a
    soft hyphen is joined without one."""
    soft = soft_break_at(previous)
    if soft is not None:
        return previous[:soft] + line.lstrip()
    if _WORD_BREAK.search(previous[-3:]) and not _SUSPENDED_HYPHEN.match(line.lstrip()):
        return previous + line
    return f"{previous} {line}"


def paragraph_runs(lines: Sequence[str], mixed: bool = False, lists: bool = True) -> list[list[int]]:
    """Group lines into paragraphs, each a list of line indexes (see the module's rules).

    ``mixed``: the lines may hold several boxes of different widths, one after the other, each
    block of lines between blank lines from one box; then each block's widest line tells the
    width its lines wrap at, not the run's widest; a line that carries on an unfinished sentence
    in lower case goes on its paragraph however short the line before, and a block that starts
    in lower case after a finished sentence opens one (another box's text that carries on its
    label: "Dette peger på at…" / "der er behov for …") — and so does one after a blank line and a
    title (a line of its own well short of the run's widest: "Pegasus: Historie → Fremtid").

    ``lists=False`` leaves text between two list items a paragraph of its own rather than the
    first item's (:func:`_fold_into_list_items`): in a run read across two boxes it may be the
    other box's."""
    stripped = [line.strip() for line in lines]
    widths = _block_widths(stripped) if mixed else [max(map(len, stripped), default=0)] * len(stripped)
    margin = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    run_width = max(map(len, stripped), default=0)
    runs: list[list[int]] = []
    after_gap: list[bool] = []
    gap = False
    for index, text in enumerate(stripped):
        if not text:
            gap = bool(runs)
            continue
        ended = bool(runs) and stripped[runs[-1][-1]].endswith(_SENTENCE_END)
        carried = mixed and not gap and not ended and text[0].islower()
        titled = mixed and gap and len(runs[-1]) == 1 and len(stripped[runs[-1][0]]) < TITLE_SHARE * run_width \
            if runs else False
        sealed = mixed and gap and (ended or titled)
        if runs and (carried or not sealed and _continues(stripped[runs[-1][0]], stripped[runs[-1][-1]], text, gap,
                                                          lines[index][margin:margin + 1].isspace(), widths[index],
                                                          lists)):
            runs[-1].append(index)
        else:
            runs.append([index])
            after_gap.append(gap)
        gap = False
    return _fold_into_list_items(lines, stripped, runs, after_gap) if lists else runs


def _block_widths(stripped: Sequence[str]) -> list[int]:
    """For each line, the widest line of its block (the lines between two blank lines)."""
    widths = [0] * len(stripped)
    start = 0
    for end in range(len(stripped) + 1):
        if end == len(stripped) or not stripped[end]:
            widest = max((len(text) for text in stripped[start:end]), default=0)
            widths[start:end] = [widest] * (end - start)
            start = end + 1
    return widths


def _fold_into_list_items(lines: Sequence[str], stripped: list[str], runs: list[list[int]],
                          after_gap: list[bool]) -> list[list[int]]:
    """Text inside a list belongs to the item before it (a second sentence, a lead-in to
    sub-points): text between two items, or right after the last one with no blank line between
    when a blank line follows it (a dump that separates paragraphs so); a bare title does not,
    nor a lead-in after a gap that introduces a list of its own ("Dette kan bidrage til:")."""
    folded: list[list[int]] = []
    for number, run in enumerate(runs):
        inside = bool(folded) and is_list_item(lines[folded[-1][0]])
        if inside:  # only a run after a list item is joined up to be looked at
            following = runs[number + 1] if number + 1 < len(runs) else None
            text = " ".join(stripped[i] for i in run)
            bare_title = len(run) == 1 and len(text) < 60 and not text.endswith((".", "?", "!", ":", ";", ","))
            lead_in = after_gap[number] and text.endswith(":")
            inside = not is_list_item(text) and not bare_title and not lead_in and (
                (following is not None and is_list_item(lines[following[0]]))
                or (not after_gap[number] and (following is None or after_gap[number + 1])))
        if inside:
            folded[-1].extend(run)
        else:
            folded.append(list(run))
    return folded


def _continues(first: str, previous: str, text: str, gap: bool, indented: bool, width: int,
               lists: bool = True) -> bool:
    """Whether ``text`` goes on the paragraph that ``first`` opened and ``previous`` last added to
    (after a blank line, an item goes on only in lower case when ``lists`` is off)."""
    if is_list_item(text) or (indented and not text[0].islower()):
        return False
    ended = previous.endswith(_SENTENCE_END)
    lower = text[0].islower()
    if not gap and lower and (soft_break_at(previous) is not None or previous.endswith(",") or previous[:1].islower()):
        return True  # a word broken at its end, a clause after a comma, a sentence's middle: no paragraph ends there
    short = len(previous) + 1 + len(text.split()[0]) < ROOM * width
    if gap:
        return (lower and not previous.endswith(":")) or (lists and not ended and is_list_item(first) and not short)
    return not short


def paragraphs(lines: Sequence[str]) -> list[str]:
    """The paragraphs of a run of lines, whitespace folded."""
    result = []
    for run in paragraph_runs(lines):
        text = lines[run[0]].strip()
        for index in run[1:]:
            text = join_lines(text, lines[index].strip())
        result.append(" ".join(text.split()))
    return result


