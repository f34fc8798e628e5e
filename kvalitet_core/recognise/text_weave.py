"""Two columns a dump printed a piece of one, then a piece of the other, taken apart again.

pdftotext's default order follows the lines of a page down by their baselines. Where two boxes
stand side by side and their lines sit at baselines offset from each other (a box's heading
pushes its text half a line down), it takes a line or a few of one box, then of the other, each
piece a block of its own between blank lines::

    At tage stilling til, hvilken kultur man ønsker, der

    Brugerne fortæller, at det at komme på Pegasus i høj

    hersker på Pegasus fremadrettet.

    grad er med til at give dem en meningsfuld hverdag,

What tells such a weave from paragraphs one after the other is the sentences: a piece that
breaks off mid-sentence goes on two blocks further down, in lower case, while the block right
after it may open a new sentence with a capital — or, where the lines of both boxes go on in
lower case, the run opens with the boxes' tops in a row (two headings). The blocks are dealt to
two columns in turns and printed one column after the other, a column's pieces joined where a
sentence runs on; a column that carries on the first column of the weave before the last label
goes back to it (a box as tall as the page beside two stacked ones).

The same reading by columns breaks up a justified heading whose words stand far apart: it
comes out a word a line, the second line's word among the first line's
(:func:`justified_heading_restored`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kvalitet_core.recognise.anatomy import labels_in
from kvalitet_core.recognise.line_paragraphs import soft_break_at
from kvalitet_core.recognise.text_lines import FINISHED

WEAVE_BLOCKS = 4
"""Blocks (lines between blank lines) a weave has at least."""
WOVEN_SENTENCES = 1
"""Sentences at least that a weave's blocks carry on two blocks further down."""
ROW_SENTENCES = 3
"""Sentences at least that a weave opening with a row of two boxes' tops carries on two blocks
further down (and none breaks there)."""
BROKEN_SHARE = 4
"""Blocks of a weave per break at least in its flow read one block after the other."""
SHORT_LINE = 0.7
"""Of the width of a weave's text, below which a line that ends no sentence is a heading."""
LAID_OUT_SHARE = 4
"""A page of which more than one line in this many is laid out (indented, or with a wide gap
inside) is a layout dump's."""
_LAID_OUT = re.compile(r"^\s|\S {3,}\S")
_ABBREVIATED = re.compile(r"(?<!\w)(?:fht|ift|mht|iht|pga|evt|bl\.a|f\.eks|fx|jf|ca|mv|m\.v|osv|inkl|ekskl|vedr|"
                          r"dvs|s)\.$", re.IGNORECASE)
"""Abbreviations that end a line without ending its sentence ("… tydelige i fht." / "hvad de …")."""


def _broken_off(line: str) -> bool:
    return not line.rstrip().endswith(FINISHED) or bool(_ABBREVIATED.search(line.rstrip()))


def _goes_on(line: str) -> bool:
    return line.lstrip()[:1].islower()


@dataclass(frozen=True, slots=True)
class _Flow:
    """How sentences run from one piece of text to another, in text of a given width: a line
    well short of it that ends no sentence is a heading (or a paragraph's end), which neither
    goes on nor breaks off ("Kompetence og rekruttering" / "– Et behov …")."""

    width: int

    def _breaks_off(self, line: str) -> bool:
        return _broken_off(line) and len(line.strip()) >= SHORT_LINE * self.width

    def continues(self, before: str, after: str) -> bool:
        """Whether ``after`` carries on the sentence ``before`` broke off."""
        return self._breaks_off(before) and _goes_on(after)

    def breaks(self, before: str, after: str) -> bool:
        """Whether the flow breaks from ``before`` to ``after``: a broken-off sentence followed by
        a capital, or a finished one by lower case."""
        if not after.lstrip()[:1].isalpha():
            return False
        return (self._breaks_off(before) and not _goes_on(after)) or (not _broken_off(before) and _goes_on(after))


Block = tuple[int, int]
"""A block of a page: the index of its first line and the index after its last."""


def _runs_of_blocks(page: list[str]) -> list[list[Block]]:
    """The page's blocks (lines between blank lines) after a box label, in runs that the next
    label's line ends (a run of one block too). (Before the first label stand a page's title, purpose or side box, whose
    own order the readers of those know.)"""
    runs: list[list[Block]] = [[]]
    index = 0
    while index < len(page):
        if not page[index].strip():
            index += 1
            continue
        end = index
        while end < len(page) and page[end].strip():
            end += 1
        if any(labels_in(line) or labels_in(f"{line} {following}")  # a label wrapped over two lines too
               for line, following in zip(page[index:end], [*page[index + 1:end], ""])):
            runs.append([])
        else:
            runs[-1].append((index, end))
        index = end
    return [run for run in runs[1:] if run]


def _woven(page: list[str], blocks: list[Block], flow: _Flow) -> bool:
    """Whether blocks read as two columns in turns: read two blocks apart, their sentences flow
    (a block that breaks off is followed in lower case, one that ends a sentence by a capital)
    where read one after the other they do not, at least once in :data:`BROKEN_SHARE` blocks
    (a name's capital after a line that broke off is no break in a sentence, yet looks like
    one), and at least :data:`WOVEN_SENTENCES` sentences go on two blocks down."""
    ends = [page[end - 1] for _, end in blocks]
    starts = [page[start] for start, _ in blocks]
    apart = sum(flow.continues(a, b) for a, b in zip(ends, starts[2:]))
    broken = sum(flow.breaks(a, b) for a, b in zip(ends, starts[1:]))
    broken_apart = sum(flow.breaks(a, b) for a, b in zip(ends, starts[2:]))
    if apart >= ROW_SENTENCES and not broken_apart and _opens_with_row(page, blocks, flow):
        return True  # two boxes side by side: no break read one after the other is needed to tell them
    return apart >= WOVEN_SENTENCES and broken >= max(2, len(blocks) // BROKEN_SHARE) and 2 * broken_apart < broken


def _opens_with_row(page: list[str], blocks: list[Block], flow: _Flow) -> bool:
    """Whether a run opens with a row of two boxes' tops: the same line twice ("Tema 4 fortsat
    fra side 8." over each box), then two headings, or two headings at once. Where both
    columns' lines go on in lower case, their flow reads as well one way as the other."""
    def line(number: int) -> str | None:
        start, end = blocks[number]
        return page[start].strip() if end - start == 1 else None

    def heading(text: str | None) -> bool:
        return text is not None and _broken_off(text) and len(text) < SHORT_LINE * flow.width

    first = 2 if len(blocks) > 3 and line(0) is not None and line(0) == line(1) else 0
    return len(blocks) > first + 1 and heading(line(first)) and heading(line(first + 1))


def _dealt(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """A weave's blocks in its first column and in its second: in turns."""
    return blocks[0::2], blocks[1::2]


def _column(page: list[str], blocks: list[Block], flow: _Flow) -> list[str]:
    """A column's blocks on consecutive lines where a sentence runs on from one to the next;
    else a blank line between them (after a heading too: "Pegasus: Historie → Fremtid" / "der
    er et behov …")."""
    out: list[str] = []
    for start, end in blocks:
        if out and not flow.continues(out[-1], page[start]):
            out.append("")
        out += page[start:end]
    return out


def columns_unwoven(page: list[str]) -> list[str]:
    """A page's lines with each weave of two columns printed one column after the other.

    A column that carries on the sentence the first column of the weave before it broke off
    (a box as tall as the page beside two stacked ones: the grey column goes on past the yellow
    box's label) goes back to the end of that column, before the label — as does the end of
    that sentence alone when the text after the label opens with it."""
    text = [line for line in page if line.strip()]
    if sum(bool(_LAID_OUT.search(line.rstrip())) for line in text) * LAID_OUT_SHARE > len(text):
        return page  # a layout dump keeps each line where it stood: it weaves nothing
    out: list[str] = []
    cursor = 0
    tall_end: int | None = None  # where the first column of the weave before ends in ``out``
    for blocks in _runs_of_blocks(page):
        out += page[cursor:blocks[0][0]]
        cursor = blocks[-1][1]
        flow = _Flow(max(len(line.strip()) for start, end in blocks for line in page[start:end]))
        if len(blocks) < WEAVE_BLOCKS or not _woven(page, blocks, flow):
            lines = page[blocks[0][0]:cursor]
            if tall_end is not None and flow.continues(out[tall_end - 1], lines[0]):
                end = next(number + 1 for number, line in enumerate(lines) if not _broken_off(line) or number + 1 == len(lines))
                out[tall_end:tall_end] = lines[:end]  # the tall column's last sentence, ended after the label
                lines = lines[end:]
            out += lines
            tall_end = None
            continue
        columns = [_column(page, column, flow) for column in _dealt(blocks)]
        going_on = [tall_end is not None and flow.continues(out[tall_end - 1], column[0]) for column in columns]
        if tall_end is not None and going_on.count(True) == 1:
            rest = columns.pop(going_on.index(True))
            out[tall_end:tall_end] = rest
            tall_end += len(rest)
            out += columns[0]
            continue
        tall_end = len(out) + len(columns[0])
        out += [*columns[0], "", *columns[1]]
    return out + page[cursor:]


HEADING_WORDS = 3
"""Words a line of a justified heading read word by word has at most."""
HEADING_RUN = 3
"""Lines such a heading comes out as at least."""


def justified_heading_restored(page: list[str]) -> list[str]:
    """A page with each two-line heading that pdftotext read column by column put back in order.

    A justified heading whose words stand far apart comes out a word or two a line, the words
    in the order of the columns they stand in: the first line's first word, the second line
    (whose words start at the left), then the first line's other words, the last one broken
    at its end ("Dagtilbud" / "viteter" / "og" / "meningsfulde" / "akti‐"). When a run of such
    short lines ends in a broken word that the line after it does not carry on, and its second
    line is one word in lower case, that word is the broken word's rest and goes after it."""
    out = list(page)
    run: list[int] = []
    for index in [*range(len(page)), len(page)]:
        line = page[index] if index < len(page) else ""
        if index < len(page) and not line.strip():
            continue
        if line.strip() and len(line.split()) <= HEADING_WORDS and not labels_in(line):
            run.append(index)
            continue
        if (len(run) >= HEADING_RUN and soft_break_at(page[run[-1]].rstrip()) is not None
                and len(page[run[1]].split()) == 1 and _goes_on(page[run[1]]) and not _goes_on(line)):
            rest = out.pop(run[1])
            out.insert(run[-1], rest)  # (after the broken word, one place up since the pop)
        run = []
    return out
