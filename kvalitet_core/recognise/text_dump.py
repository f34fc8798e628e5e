"""A plain-text dump as text blocks: one block per line, paged, side-by-side columns unwoven.

Extractors mark pages in one of two ways: a form feed before each page (pdftotext, pdfminer),
or — in dumps whose form feeds were replaced — a page's first line starting with a single
space. A dump with form feeds is paged by them alone, because a layout-preserving dump indents
lines by any number of spaces, one included. Each page's columns are then written one after the
other (:mod:`.text_columns`), so the reader sees every box's lines together.

A page that began with a form feed keeps one at the start of its first block: it tells the
reader that this dump's pages are real page breaks, which a line starting with a space is not
always (pdftotext starts some lines inside a page with a space, too).
"""

from __future__ import annotations

import re
from collections import Counter

from kvalitet_core.model import BoxKind
from kvalitet_core.recognise.anatomy import labels_in
from kvalitet_core.recognise.blocks import TextBlock
from kvalitet_core.recognise.glyphs import unshift_letters
from kvalitet_core.recognise.text_columns import THEME_LINE, carry_over, cell_starts, unweave_page
from kvalitet_core.recognise.text_furniture import MIN_PAGES, furniture_key
from kvalitet_core.recognise.text_weave import columns_unwoven, justified_heading_restored

_SPACE_PAGE = re.compile(r"^ \S")
"""A page's first line in a dump without form feeds."""
_WIDE_GAP = re.compile(r" {3,}")
"""Spaces between the cells of a layout dump's line."""
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
"""Ligature glyphs, which some extractors (pdfminer) write as one character ("deﬁnition"): the
letters they stand for, so words match and line widths count every letter."""


def pages_of(text: str) -> list[list[str]]:
    """The dump's lines, page by page (form feeds removed). A form feed opens a page wherever it
    stands: pdfminer may print a page's last text without a line break after it, so the feed
    and the next page's first line follow it on its line."""
    text = text.translate(_LIGATURES).replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        text = re.sub(r"(?<=[^\n])\f", "\n\f", text)
    lines = text.split("\n")
    feeds = "\f" in text
    pages: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        opens = line.startswith("\f") if feeds else bool(_SPACE_PAGE.match(line))
        if index and opens:
            pages.append([])
        pages[-1].append(line.replace("\f", " ") if not feeds else line.replace("\f", ""))
    return pages


_SPACED = re.compile(r"\s*\S{1,2}(?: \S{1,2})+(?:\s{2,}\S{1,2}(?: \S{1,2})*)*\s*")
"""A line set letter by letter: letters one space apart, words two or more."""
SPACED_LETTERS = 4
"""Letters standing alone that a letter-spaced line has at least (and more than half its
pieces): a row of figures or a list of single letters is no word spaced out."""


def letters_closed_up(line: str) -> str:
    """A line printed with its letters spaced out closed up into its words: pdfminer prints
    text set with letter spacing ("T E M A   3 A", "K Ø B E N H AV N S   KO M M U N E") a letter
    a word, the words wider apart. Prose never stands so: its words are longer than two letters."""
    if not _SPACED.fullmatch(line):
        return line
    tokens = line.split()
    letters = sum(len(token) == 1 and token.isalpha() for token in tokens)
    if letters < SPACED_LETTERS or 2 * letters <= len(tokens):
        return line
    indent = line[:len(line) - len(line.lstrip())]
    return indent + " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", line.strip()))


def _repeated_shapes(pages: list[list[str]]) -> set[str]:
    """The shapes (:func:`.text_furniture.furniture_key`) of lines printed on at least half the
    pages, and on :data:`.text_furniture.MIN_PAGES`: a running header or footer. Their pieces stand
    where the template puts them on every page, so they would outvote a page's own columns in
    where columns start."""
    counts = Counter(shape for page in pages for shape in {furniture_key(line) for line in page if line.strip()})
    least = max(MIN_PAGES, len(pages) / 2)
    return {shape for shape, count in counts.items() if count >= least}


_COMPOUND = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
"""A word joined by a hyphen ("meta-niveau", "recovery-orienterede")."""
_WORD = re.compile(r"\b[^\W\d_]{4,}\b")
_SUSPENDED = re.compile(r"\b([^\W\d_]{3,}[ens])og(?=\s+[^\W\d_])")
"""A compound's first part, its hyphen dropped at a line's end and joined to the "og" after it
("aften-" / "og nattevagter" printed "aftenog nattevagter", "Børneog Ungdomsforvaltningen"). The
Danish words that end in "og" end in "bog", "sprog", "tog", "log", "drog", "slog", "kog" or
"snog": none in "eog", "sog", or "nog" after three letters. "Socialog" stays as it is, since
"dialog" ends the same way."""


def hyphens_restored(text: str) -> str:
    """``text`` with words that stand elsewhere in it with a hyphen given it back.

    An extractor that joins a word broken at a line's end drops the hyphen there, and a real
    hyphen with it (pdftotext prints "meta-" / "niveau" as "metaniveau"). Where the dump prints
    the same word whole elsewhere ("meta-niveau"), its own spelling tells the hyphen was real;
    before "og", the word's shape tells it (``_SUSPENDED``)."""
    text = _SUSPENDED.sub(r"\1- og", text)
    hyphenated = {(first + second).casefold(): (first, second) for first, second in _COMPOUND.findall(text)}
    if not hyphenated:
        return text

    def restore(match: re.Match[str]) -> str:
        parts = hyphenated.get(match.group().casefold())
        if parts is None:
            return match.group()
        cut = len(parts[0])
        return f"{match.group()[:cut]}-{match.group()[cut:]}"

    return _WORD.sub(restore, text)


def _edges(page: list[str]) -> list[str]:
    """The lines where a page's header and footer stand: its first and last line with text. (A
    box label wrapped the same way on every page recurs too, a line below the page's top.)"""
    text = [line for line in page if line.strip()]
    return text[:1] + text[-1:]


def turned_themes_joined(page: list[str]) -> list[str]:
    """A page with a theme's name printed a word a line put back on one line: ``pdftotext
    -raw`` prints text turned upright in a strip beside the boxes one word a line ("TEMA" /
    "1:" / "UDDANNELSE" / "OG" / "BESKÆFTIGELSE"). Only words alone on their lines after a
    "Tema" alone are joined, and only when they make a theme's line."""
    joined: list[str] = []
    number = 0
    while number < len(page):
        end = number + 1
        if _THEME_WORD.match(page[number]):
            while end < len(page) and end - number < TURNED_WORDS and _ONE_WORD.match(page[end]):
                end += 1
        line = " ".join(word.strip() for word in page[number:end])
        if end - number > 1 and THEME_LINE.match(line):
            joined.append(line)
            number = end
        else:
            joined.append(page[number])
            number += 1
    return joined


_THEME_WORD = re.compile(r"^\s*tema\s*$", re.IGNORECASE)
_ONE_WORD = re.compile(r"^\s*\S+\s*$")
TURNED_WORDS = 16
"""Words at most of a theme's name printed a word a line."""


def turned_letters_joined(page: list[str]) -> list[str]:
    """A page with a theme's name printed a letter a line put back on one line: pdfminer prints
    text turned upright in a strip beside the boxes one letter a line, from the strip's end
    when it reads upwards ("e" / "s" / "l" / "e" / … / "a" / "m" / "e" / "T"), with blank lines
    where its layout analysis parted the letters, not where the words part. A run of such lines
    that, read backwards or forwards, makes "Tema" and a theme's number becomes "Tema 1: " and
    the rest of its letters (the spaces between the title's words are lost with the strip)."""
    joined: list[str] = []
    number = 0
    while number < len(page):
        end = number
        while end < len(page) and (_ONE_LETTER.match(page[end]) or (not page[end].strip() and end > number)):
            end += 1
        letters = [line.strip() for line in page[number:end] if line.strip()]
        line = _turned_theme(letters) if len(letters) >= TURNED_LETTERS else None
        joined += page[number:max(end, number + 1)] if line is None else [line, ""]
        number = max(end, number + 1)
    return joined


def _turned_theme(letters: list[str]) -> str | None:
    """The theme line a strip's letters spell, read backwards or forwards; None if neither does."""
    for ordered in (letters[::-1], letters):
        found = _SQUEEZED_THEME.match("".join(ordered))
        if found:
            return f"Tema {found.group(1)}: {found.group(2)}"
    return None


_ONE_LETTER = re.compile(r"^\s*\S\s*$")
_SQUEEZED_THEME = re.compile(r"^tema\W?[^\W\d]?(\d{1,2}(?:[ab](?=\W))?)\W*(\w.*)$", re.IGNORECASE)
"""A theme's line without its spaces ("Tema1:Uddannelseogbeskæftigelse"), a stray letter allowed
between the word and its number (a letter of the page that pdfminer read into the strip)."""
TURNED_LETTERS = 8
"""Letters at least of a theme's name printed a letter a line ("Tema 7:" and a word)."""


def themes_to_top(pages: list[list[str]]) -> list[list[str]]:
    """The pages with each one's theme lines put first, when the dump printed them among or after
    the boxes: a theme named in a turned strip beside the boxes comes out where the strip's
    middle stands — after the labels above it and before those below, or after all of them;
    a grid with the title in its last cell, after all of them.

    A page's theme lines printed after labels may move when each stands whole on its line
    (its title after it, nothing beside it, a blank line after it: no title wrapped among the
    boxes' lines), no label stands between them, and the labels after them, if any, carry on
    those before them (none comes earlier in a page's order). All such lines move, or none: in
    a flowing document a new theme's line follows another theme's boxes, with its own labels
    after it from the first, and the pages must be read the way they were printed."""
    placed = [_themes_among_boxes(page) for page in pages]
    if not any(placed) or any(not movable for _, movable in filter(None, placed)):
        return pages
    moved = []
    for page, found in zip(pages, placed):
        lines = found[0] if found else []
        moved.append([*(page[at] for at in lines), *(line for at, line in enumerate(page) if at not in lines)])
    return moved


_TITLED = re.compile(r"^\s*tema\s+\d+[a-z]?\s*[:.–-]\s*\S", re.IGNORECASE)
"""A theme line that goes on after its number ("Tema 2: Selvstændighed …", "Tema 1 – fortsættelse"):
not a bare "Tema 3b" whose title the dump printed apart."""


def _themes_among_boxes(page: list[str]) -> tuple[list[int], bool] | None:
    """Where a page's theme lines stand after some of its labels, and whether they may move to
    the top (see :func:`themes_to_top`); None for a page whose theme lines open it, or that has
    none."""
    themes = [number for number, line in enumerate(page) if THEME_LINE.match(line)]
    if not themes:
        return None
    before = [kind for line in page[:themes[0]] for kind in labels_in(line)]
    between = [kind for line in page[themes[0]:themes[-1]] for kind in labels_in(line)]
    after = [kind for line in page[themes[-1] + 1:] for kind in labels_in(line)]
    if not before:
        return None
    order = list(BoxKind)
    whole = all(_TITLED.match(page[at]) and not _WIDE_GAP.search(page[at].strip())
                and not (page[at + 1:] or [""])[0].strip() for at in themes)
    carries_on = not after or min(map(order.index, after)) > max(map(order.index, before))
    return themes, whole and not between and carries_on


def dump_blocks(text: str) -> list[TextBlock]:
    """One block per line of a dump, with its page; columns side by side put one after the other."""
    feed = "\f" if "\f" in text else ""
    pages = [columns_unwoven(justified_heading_restored([letters_closed_up(line) for line in page]))
             for page in pages_of(hyphens_restored(unshift_letters(text)))]
    if feed:
        pages = themes_to_top([turned_letters_joined(turned_themes_joined(page)) for page in pages])
    running = _repeated_shapes(pages)
    headers_and_footers = {line for page in pages for line in _edges(page) if furniture_key(line) in running
                           and not any(labels_in(cell) for cell in _WIDE_GAP.split(line))}

    def is_running(line: str) -> bool:
        return line in headers_and_footers

    _, starts = cell_starts([line for page in pages for line in page
                             if (line[:1].isspace() or "   " in line) and furniture_key(line) not in running])
    for number in range(1, len(pages)):
        pages[number - 1], pages[number] = carry_over(pages[number - 1], pages[number], starts)
    blocks = []
    for number, page in enumerate(pages, start=1):
        lines = unweave_page(page, starts, is_running)
        blocks += [TextBlock(text=(feed if index == 0 and number > 1 else "") + line, page=number)
                   for index, line in enumerate(lines)]
    return blocks
