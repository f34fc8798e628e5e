"""Symbol-font glyphs that extraction turned into letters, restored to what the report shows.

Office suites draw arrows and check-box bullets with Symbol/Wingdings fonts; a text dump keeps
only the code point, so an arrow comes out as a stand-alone "Æ", a check box as "x" and a
square bullet as "n" and a round one as "l" (followed by the item's capital). Bullet
characters vary by template ("•", "▪", "", "-", a nested "o"); the model writes every bullet
as a paragraph starting with "- ".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Container

from kvalitet_core.recognise.symbol_fonts import ARROW, DASHES, MARKER_GLYPHS, Glyph, classify

_ARROW = re.compile(r"Æ(?<!\SÆ)(?!\S)")
"""A stand-alone "Æ". The letter comes before the look back, so that the regex engine jumps from
"Æ" to "Æ" instead of trying the look back at every position of every line."""
_PRIVATE_USE = re.compile(r"[\uf020-\uf0ff]")
"""Symbol-font codes some extractors keep in the private-use page (a Wingdings arrow is U+F0E0)."""
_BULLET = re.compile(
    rf"^\s*(?:[{MARKER_GLYPHS}]\s*|[{re.escape(DASHES)}]\s+|-(?=[A-ZÆØÅ])|[xonlqvuw§·¨Ÿü]\s+(?=[A-ZÆØÅ\"”“`]))"
)
_DASH_LINE = re.compile(r"^\s*[–—]\s")
"""A line that starts with an en or em dash: a bullet, or the second half of a wrapped title
("Målgruppe, metoder og resultater" / "– Fælles fagligt fundament")."""
_ENDS_UNIT = (".", ":", ";", "!", "?")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(\S)")
_NUMBER_IN_PARENTHESIS = re.compile(r"^(\s*\d{1,2})\)\s+(?=\S)")
_LONE_BULLET = re.compile(rf"^\s*(?:[{MARKER_GLYPHS}{re.escape(DASHES)}\uf0a7\uf0b7\uf0d8\uf076\uf0fc]|[xo])\s*$")
_LONE_NUMBER = re.compile(r"^\s*(\d{1,2})[.)]\s*$")
"""A list's number on a line of its own: its item's text was set at a tab stop, which an
extractor prints as a column after the numbers."""


_SHIFTED = {letter << 8: chr(letter) for letter in [*range(0x41, 0x5B), *range(0x61, 0x7B)]}
"""Latin letters a PDF rewriter's broken character map moved into the high byte (Ghostscript
maps the letters of a ligature so: "ff" comes out as U+6600 twice, in the PDF's own text and so
in every extractor's dump of it); reports hold no CJK text."""
_FROM_SHIFTED = re.compile("[\u4100-\U0010ffff]")
"""Where a text may hold shifted letters: from the lowest of them up (a search is faster than ``max``)."""


_SPACED_ELLIPSIS = re.compile(r"\.(?: \.){2}")
"""An ellipsis a typesetter (TeX's ``\\ldots``) sets as three full stops a thin space apart."""


def unshift_letters(text: str) -> str:
    """``text`` with letters a broken character map shifted into the CJK range put back."""
    return text.translate(_SHIFTED) if _FROM_SHIFTED.search(text) else text


def restore_glyphs(line: str) -> str:
    """A line with its arrow, bullet and ellipsis glyphs restored; a bullet becomes a leading "- ", and a
    point numbered "1)" is written "1." as every other numbered point (the numbering style is
    the template's, like the bullet's shape)."""
    line = _ARROW.sub("→", line)
    line = _PRIVATE_USE.sub(_symbol_code, line)
    if ". ." in line:
        line = _SPACED_ELLIPSIS.sub("…", line)
    match = _BULLET.match(line)
    if match:
        line = "- " + line[match.end():].lstrip()
    return _NUMBER_IN_PARENTHESIS.sub(r"\1. ", line, count=1)


def _symbol_code(match: re.Match[str]) -> str:
    """A private-use symbol code read in the Wingdings table: an arrow, else a bullet."""
    return ARROW if classify(match.group(0), "Wingdings") is Glyph.ARROW else "•"


def is_lone_bullet(line: str) -> bool:
    """Whether a line holds nothing but a bullet glyph (its text follows on the next line)."""
    return bool(_LONE_BULLET.match(line))


def _numbered_runs(lines: list[str]) -> dict[int, str]:
    """The markers of lines that hold a list's number alone, in a run of two or more counting
    up one by one (blank lines between allowed): "1." "2." "3.". One number alone is the end
    of a wrapped line ("… (se side" / "8)"), not a marker."""
    markers: dict[int, str] = {}
    run: list[tuple[int, int]] = []
    for index, line in enumerate([*lines, "end"]):
        if not line.strip():
            continue
        number = _LONE_NUMBER.match(line)
        if number and run and int(number.group(1)) == run[-1][1] + 1:
            run.append((index, int(number.group(1))))
            continue
        if len(run) > 1:
            markers.update((at, f"{value}. ") for at, value in run)
        run = [(index, int(number.group(1)))] if number else []
    return markers


def restore_lines(lines: list[str], landmark: Callable[[str], bool] = lambda _: False,
                  breaks: Container[int] = (), wraps_title: Callable[[str, str], bool] | None = None) -> list[str]:
    """Every line restored; bullet glyphs printed on lines of their own mark the text that follows.

    Extractors that print a list's markers apart from its text print them as a run: three lone
    bullets (or "1." "2." "3."), then the three items. So each lone marker of a run marks one
    item, in order; a line that goes on in lower case continues the item before it (a wrapped
    item), and a blank line after the first item ends the list, so a run never reaches the next
    box's text.

    An item that kept its own marker takes none of the run's: that lone marker's item was
    printed elsewhere (pdfminer, a wrapped item cut into boxes of its own).

    Other extractors (pdfminer) print the markers after their items, or after the whole column:
    a run that meets a ``landmark`` line (a box label, a heading: never a list item) or a page
    break (an index in ``breaks``) before its items marks nothing, and its markers are left out.

    A line that starts with "–" right under a line that ends no sentence is the rest of a
    wrapped title ("… metoder og resultater" / "– Fælles fagligt fundament"), never a bullet —
    or, where the caller knows the titles, when ``wraps_title(previous, line)`` says the two
    lines are part of one (a topic heading followed by a dashed item is no title).

    The lines keep their count and positions (a lone bullet becomes an empty line), so callers
    can keep indexes into them.
    """
    restored: list[str] = []
    pending: list[str] = []
    started = False
    page_start = 0
    numbers = _numbered_runs(lines)
    for index, line in enumerate(lines):
        if index in breaks or (pending and line.strip() and landmark(line)):
            if pending and not started:  # a page's numbers, then its bullets: each run marks its own list
                for _, run in itertools.groupby(pending, key=lambda marker: marker == "- "):
                    _mark_back(restored, list(run), landmark, page_start)
            pending, started = [], False
        if index in breaks:
            page_start = index
        marker = "- " if is_lone_bullet(line) else numbers.get(index)
        if marker is not None:
            pending, started = [*pending, marker], False
            restored.append("")
            continue
        previous = restored[-1] if restored else ""
        if _DASH_LINE.match(line) and (wraps_title(previous, line) if wraps_title else _wraps_onto(previous)):
            restored.append(_ARROW.sub("→", line))
            continue
        line = restore_glyphs(line)
        text = line.strip()
        if pending and not text and started:
            pending = []
        elif pending and text and not is_list_item(text) and not (started and text[0].islower()):
            line = pending[0] + text.removeprefix("- ")
            pending, started = pending[1:], True
        restored.append(line)
    return restored


def _mark_back(restored: list[str], markers: list[str], landmark: Callable[[str], bool], page_start: int) -> None:
    """Mark the paragraphs a run of lone ``markers`` belongs to, when it met a landmark or a
    page break before any item: the markers were printed after their items.

    pdfminer prints them after their column: they mark the last paragraphs since the last
    landmark, while those are all unmarked. WeasyPrint's numbers come out after the whole page
    in ``pdftotext -raw``, a label or more past their list: they mark the first points after the
    page's last lead-in (a line ending in ":") that has as many before the next landmark. A run
    that outnumbers the paragraphs it could mark marks none.

    A dump without blank lines between paragraphs (``-raw``) has a paragraph start where a line
    in capitals follows one that ends a sentence, or one well short of the text's width."""
    since = []
    for index in range(len(restored) - 1, page_start - 1, -1):
        text = restored[index].strip()
        if text and landmark(text):
            break
        since.append(index)
    since.reverse()
    starts = [index for index in since if restored[index].strip() and (
        index == 0 or not restored[index - 1].strip() or landmark(restored[index - 1]))]
    if len(starts) < len(markers):
        starts = _after_lead_in(restored, len(markers), landmark, page_start) or _line_starts(restored, since)
    starts = [index for index in starts if not is_list_item(restored[index])]
    if 0 < len(markers) <= len(starts):
        for marker, index in zip(markers, starts[-len(markers):]):
            restored[index] = marker + restored[index].strip()


def _line_starts(restored: list[str], indexes: list[int]) -> list[int]:
    """The paragraph starts among lines without blank lines between paragraphs (see above)."""
    texts = [index for index in indexes if restored[index].strip()]
    width = max((len(restored[index].rstrip()) for index in texts), default=0)
    starts = []
    for number, index in enumerate(texts):
        previous = restored[texts[number - 1]].rstrip() if number else ""
        if not number or (restored[index].lstrip()[:1].isupper() and (
                previous.endswith(_ENDS_UNIT) or len(previous) < SHORT_LINE * width)):
            starts.append(index)
    return starts


SHORT_LINE = 0.8
"""Of the text's widest line: a line shorter than this ends its paragraph."""


def _after_lead_in(restored: list[str], count: int, landmark: Callable[[str], bool], page_start: int) -> list[int]:
    """The first ``count`` paragraph starts after the page's last lead-in that has as many
    before the next landmark; none when no lead-in has."""
    for lead_in in range(len(restored) - 1, page_start - 1, -1):
        if restored[lead_in].rstrip().endswith(":") and not landmark(restored[lead_in].strip()):
            following = []
            for index in range(lead_in + 1, len(restored)):
                if restored[index].strip() and landmark(restored[index].strip()):
                    break
                following.append(index)
            starts = _line_starts(restored, following)
            if len(starts) >= count and not any(is_list_item(restored[index]) for index in starts[:count]):
                return starts[:count]
    return []


def _wraps_onto(previous: str) -> bool:
    """Whether a line starting with "–" carries on ``previous`` (a title wrapped before its
    dash) rather than opening a list: ``previous`` is text, no list item, and ends no sentence,
    lead-in or clause."""
    text = previous.strip()
    return bool(text) and not is_list_item(text) and not text.endswith(_ENDS_UNIT)


def is_list_item(line: str) -> bool:
    """Whether a (restored) line opens a bullet or a numbered point ("1. Nye tiltag", not the
    "6. uge" of a wrapped sentence)."""
    numbered = _NUMBERED.match(line)
    return line.lstrip().startswith("- ") or bool(numbered and numbered.group(1).isupper())


HANGING_INDENT = 3
"""Characters by which a list's items stand in from their box's text in a layout dump."""


def hanging_items(lines: list[str]) -> list[str]:
    """A box's lines with list items whose markers were drawn as shapes marked again.

    A layout-keeping dump (pdftotext -layout) loses a marker drawn as a shape but keeps where
    the item's text stood: :data:`HANGING_INDENT` or more characters in from the box's margin
    (its least indented line). Such a line opens an item when it starts in upper case and the
    line before stands further out or ended a sentence; a line that carries on in lower case
    continues it. (A box of nothing but such items cannot tell them from its padding.)
    """
    margin = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    marked: list[str] = []
    previous = ""
    for line in lines:
        text = line.strip()
        indent = len(line) - len(line.lstrip()) - margin
        if text and indent >= HANGING_INDENT and text[0].isupper() and not is_list_item(text):
            before = len(previous) - len(previous.lstrip()) - margin if previous.strip() else -1
            if before < indent or previous.rstrip().endswith(_ENDS_UNIT):
                line = " " * (margin + indent) + "- " + text
        marked.append(line)
        previous = line if text else previous
    return marked
