"""Reading a report from text without geometry: page by page, anchored on the box labels.

A text dump keeps the words but not where they stood. What survives is the order an extractor
chose, and that order differs between extractors, templates — and the pages of one dump. So the
order is decided for each theme page on its own, with the box labels as anchors (not as
boundaries) and the page breaks as the frame:

- **label first** (most extractors, most pages): each label is followed by its box's text;
  the page's theme column may come anywhere on the page and is taken out wherever it stands.
  When a box's first heading was pulled up next to its label and the next label follows at
  once, or the next box's text ends in the voice of this box (a report after an advice), the
  rest of that box comes after the next box's text: the two are cut apart again.
- **grey and purple labels together, text before them** (pdftotext's order of the seeds' template):
  yellow text, grey text, the grey and purple labels, purple text, the yellow label. The run
  before the labels is cut into yellow and grey by the widths its lines wrap at (the yellow
  box is as wide as the purple one and wider than the grey one, :mod:`.text_widths`).
- **labels together, text after them** (boxes side by side read row by row) **or before them**
  (a label bar under the boxes): that text holds their boxes in the labels' order and is shared
  among them (:mod:`.text_split`: stock sentences, line widths, the paragraphs' voices,
  headings with their text) — whether the boxes were read one after the other, in the
  opposite order, or block by block across them.

On every page a paragraph under an advising box's label that reports what was said beyond
doubt is the grey box's, read on after that label (the grey column beside a taller one), and
goes back to it with a warning.

Nothing is dropped: text a page's order cannot place — before a page's first label, after its
last one — goes to the most likely box with a warning naming the page. Running headers and
footers are left out of the boxes and quoted in a warning (:mod:`.text_furniture`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from kvalitet_core.model import BoxKind, ImportWarning
from kvalitet_core.quality_model import QualityModel
from kvalitet_core.recognise.anatomy import fold, named_themes, theme_column
from kvalitet_core.recognise.blocks import TextBlock
from kvalitet_core.recognise.draft import DocumentDraft, Line, PageDraft
from kvalitet_core.recognise.glyphs import is_list_item, is_lone_bullet
from kvalitet_core.recognise.text_genre import advice, voice_for_second
from kvalitet_core.recognise.text_lines import (
    COLUMN_LINES,
    FINISHED,
    GREY,
    MARK_LENGTH,
    PURPLE,
    SENTENCE_END,
    YELLOW,
    Labels,
    TextLines,
)
from kvalitet_core.recognise.text_split import (
    is_heading,
    is_pointer,
    is_stop_title,
    may_cut,
    opens_in_voice_of,
    paragraph_units,
    reports_within,
    split_in_order,
    split_yellow_grey,
    stock_and_more,
    voice_returns,
    voiced,
)
from kvalitet_core.recognise.text_widths import Widths, box_width

HEADING_LINES = 2
"""Lines a box's heading wraps over at most."""


def _heading(text: list[str]) -> bool:
    """Whether a block's lines are a box's heading (see :meth:`_Pages._opening_row`): they end
    no sentence — or they are one line, a title set with a full stop (:func:`is_stop_title`)."""
    if not text or len(text) > HEADING_LINES or is_list_item(text[0]) or advice(" ".join(text)) > 0:
        return False
    return (len(text) == 1 and is_stop_title(text[0])) or not text[-1].endswith(SENTENCE_END)


COLUMN_SLACK = 1.1
"""How much wider than a column's widest line its rest's lines may run (justified or ragged)."""
GREY_TAIL = 8
"""Lines at the end of a run before the labels that are surely grey (pdftotext order), for widths."""


@dataclass(slots=True)
class _PageText:
    """One theme page's text before it is given to the boxes: the run before the first label
    and the run after each label, as kept line indexes."""

    page: PageDraft
    labels: Labels
    lead: list[int]
    after: dict[BoxKind, list[int]]
    together: list[BoxKind]
    """The labels that open the page's label sequence with nothing between but blank lines and
    the "Tema 4 fortsat" marks that open their boxes."""
    page_break_before: bool
    """Whether a page break separates this page from the previous page's last label."""
    boxes: dict[BoxKind, list[int]] = field(default_factory=lambda: {kind: [] for kind in BoxKind})

    def grey_purple_together(self) -> bool:
        return self.together[:2] == [GREY, PURPLE] and len(self.together) == 2 and \
            self.labels.order()[-1] in (PURPLE, YELLOW)


def _page_text(reader: TextLines, labels: Labels, start: int, end: int, break_before: bool) -> _PageText:
    page = PageDraft(page=reader.pages[labels.first()])
    order = labels.order()
    lead = reader.furniture(start, labels.first(), page)
    printed = reader.purposes.lines_of([reader.lines[index] for index in lead])
    lead = [index for number, index in enumerate(lead) if number not in printed]  # the theme's "Formål: …"
    content = [index for index in lead if reader.lines[index].strip()]
    for size in range(min(COLUMN_LINES, len(content)), 0, -1):  # "Tema 4 fortsat fra side 7" above the boxes
        mark = " ".join(reader.lines[index].strip() for index in content[-size:])
        if reader.is_mark(mark) and (len(mark) < MARK_LENGTH or theme_column(fold(mark), reader.model)
                                     or all(reader.is_mark(reader.lines[index]) for index in content[-size:])):
            page.column.append(mark)
            lead = [index for index in lead if index not in content[-size:]]
            break
    else:
        if content and reader.names_themes_only(content):  # a badge and a title: "3a" / "Målgruppe, …"
            page.column.append("\n".join(reader.lines[index].strip() for index in content))
            lead = [index for index in lead if index not in content]
    after = {}
    for position, kind in enumerate(order):
        stop = labels.lines[order[position + 1]] if position + 1 < len(order) else end
        run = reader.furniture(labels.lines[kind] + 1, stop, page)
        printed = reader.purposes.lines_of([reader.lines[index] for index in run])  # drawn after a box
        after[kind] = [index for number, index in enumerate(run) if number not in printed]
    together = [order[0]]
    for kind in order[1:]:
        if any(reader.lines[i].strip() and not reader.is_mark(reader.lines[i]) for i in after[together[-1]]):
            break
        together.append(kind)
    return _PageText(page, labels, lead, after, together, break_before)


class _Pages:
    """The theme pages of one stream, each given its boxes by the order its own text shows."""

    def __init__(self, reader: TextLines, texts: list[_PageText]) -> None:
        self.reader = reader
        self.texts = texts
        trailing = sum(self._label_last_shaped(t) for t in texts)
        leading = sum(not reader.content(t.lead) and reader.content(t.after[t.labels.order()[0]]) for t in texts)
        self.label_last = trailing >= 2 and trailing > leading
        """Whether the stream prints each label after its box's text (a label drawn over the
        box's edge, after the box, read in the order it was drawn): on most theme pages text
        stands before the first label and nothing after the last."""
        self.paired = self._pairs_together()
        """Pairs of labels printed one right after the other below a box's text, on most pages
        that print the pair: two boxes side by side under a box across the page, read labels'
        row first. The text after such a pair holds both boxes, in the labels' order."""
        self.seed_order = not self.label_last and any(
            t.grey_purple_together() and reader.content(t.lead) for t in texts)
        """Whether the stream prints text before the grey and purple labels (pdftotext's order
        of the seeds' template); then a page of that shape without such text has it empty."""

    def _pairs_together(self) -> set[tuple[BoxKind, BoxKind]]:
        """Label pairs (an earlier, the next) with nothing but blank lines and "fortsat" marks
        between them, on at least two pages and on more than half the pages that print the
        one after the other, the labels opening a page left out (:attr:`_PageText.together`). A
        box left empty leaves its label next to the next on its own page only."""
        printed: Counter[tuple[BoxKind, BoxKind]] = Counter()
        together: Counter[tuple[BoxKind, BoxKind]] = Counter()
        for text in self.texts:
            order = text.labels.order()
            for kind, following in list(pairwise(order))[len(text.together) - 1:]:
                printed[kind, following] += 1
                together[kind, following] += not self._holds_text(text.after[kind])
        return {pair for pair, count in together.items() if count >= 2 and 2 * count > printed[pair]}

    def _holds_text(self, indexes: list[int]) -> bool:
        """Whether a run holds text other than "fortsat" marks."""
        return any(self.reader.lines[i].strip() and not self.reader.is_mark(self.reader.lines[i]) for i in indexes)

    def _label_last_shaped(self, text: _PageText) -> bool:
        """Whether a page reads as labels after their boxes: text before the first label, none
        after the last, and neither the seeds' order (grey and purple labels together) nor a
        label bar under the boxes (every label together). The text before must follow a page
        break: without one it may be the rest of the box before."""
        order = text.labels.order()
        return (text.page_break_before and self.reader.content(text.lead)
                and not self.reader.content(text.after[order[-1]]) and not text.grey_purple_together()
                and len(text.together) < len(order))

    def seed_shaped(self, text: _PageText) -> bool:
        """Whether a page reads in the seeds' order: its grey and purple labels together in a
        stream of that order — or its purple label lost (a damaged dump) and the grey one first."""
        if not self.seed_order:
            return False
        order = text.labels.order()
        return text.grey_purple_together() or (PURPLE not in order and order[0] == GREY)

    def certain_widths(self) -> dict[BoxKind, int]:
        """Each box's width, measured on text that follows its label on a label-first page (not
        after a pair of labels printed together: that text is both boxes')."""
        lines: dict[BoxKind, list[str]] = {kind: [] for kind in BoxKind}
        for text in self.texts:
            if not text.grey_purple_together():
                order = text.labels.order()
                shared = {following for kind, following in pairwise(order)
                          if (kind, following) in self.paired and not self._holds_text(text.after[kind])}
                for kind in order[len(text.together):] if len(text.together) > 1 else order:
                    if kind not in shared:
                        lines[kind] += [line for line in self.reader.text(text.after[kind]) if line.strip()]
        return {kind: box_width(found) for kind, found in lines.items() if len(found) >= 3}

    def assigned_widths(self) -> dict[BoxKind, int]:
        """Each box's width, measured on the wrapped lines of the paragraphs the pages gave it."""
        lines: dict[BoxKind, list[str]] = {kind: [] for kind in BoxKind}
        for text in self.texts:
            if not self.seed_shaped(text):
                for kind, indexes in text.boxes.items():
                    lines[kind] += [self.reader.lines[i] for run, _ in paragraph_units(self.reader, indexes)
                                    for i in run[:-1]]
        return {kind: box_width(found) for kind, found in lines.items() if len(found) >= 3}

    def assign(self) -> list[PageDraft]:
        """Every page's boxes. Twice when the first reading taught the boxes' widths: pages read
        by position the first time are read again with them."""
        widths = self.certain_widths()
        warned = len(self.reader.warnings)
        self._assign_all(widths)
        learned = {**self.assigned_widths(), **widths}
        if learned != widths:
            del self.reader.warnings[warned:]
            for text in self.texts:
                text.boxes = {kind: [] for kind in BoxKind}
            self._assign_all(learned)
        for text in self.texts:
            self._run_on_over_page(text)
            for kind in BoxKind:
                text.page.boxes[kind] = self.reader.box(text.boxes[kind])
        return [text.page for text in self.texts]

    def _assign_all(self, widths: dict[BoxKind, int]) -> None:
        seed_pages = [t for t in self.texts if self.seed_shaped(t)]
        seed_widths = Widths.of([self.reader.lines[i] for t in seed_pages for i in t.lead[-GREY_TAIL:]],
                                [self.reader.lines[i] for t in seed_pages for i in t.after.get(PURPLE, t.after[GREY])])
        for number, text in enumerate(self.texts):
            if self.seed_shaped(text):
                self._seed_order(text, seed_widths)
            elif self.label_last and len(text.together) < len(text.labels.order()):
                self._label_last(text)
            elif len(text.together) > 1:
                self._together(text, number, widths)
            else:
                self._label_first(text, number, widths)

    def _run_on_over_page(self, text: _PageText) -> None:
        """A sentence broken over a page: the next page holds no label, and its text — given to
        the box of the page's last label — opens in lower case, while that box ends a sentence
        (or points to another theme, or a list whose items end without a full stop) before the
        break and exactly one other box of the page ends mid-sentence ("… Senest er der igangsat
        et" / "forløb med …"). Its first paragraph is that box's rest."""
        order = text.labels.order()
        last = order[-1]
        label_page = self.reader.pages[text.labels.lines[last]]
        box = text.boxes[last]
        over = next((number for number, index in enumerate(box)
                     if self.reader.pages[index] > label_page and self.reader.lines[index].strip()), None)
        if over is None or not self.reader.lines[box[over]].lstrip()[:1].islower():
            return
        ends = {kind: self._last_line(text.boxes[kind][:over] if kind == last else text.boxes[kind], label_page)
                for kind in order}
        if not ends[last] or not (ends[last].endswith(FINISHED) or is_pointer(ends[last])
                                  or self._list_without_stops(box[:over], label_page)):
            return
        open_boxes = [kind for kind in order[:-1] if ends[kind] and not ends[kind].endswith(FINISHED)]
        if len(open_boxes) != 1:
            return
        run = paragraph_units(self.reader, box[over:])[0][0]
        text.boxes[last] = [index for index in box if index not in run]
        text.boxes[open_boxes[0]] = sorted(text.boxes[open_boxes[0]] + run)
        self.reader.warnings.append(ImportWarning(
            message=f"text at the top of page {self.reader.pages[run[0]]} carries on the sentence the box under "
                    f"'{open_boxes[0].label}' broke off; given to it", page=text.page.page, code="box-by-position"))

    def _list_without_stops(self, indexes: list[int], page: int) -> bool:
        """Whether a box's text on a page ends in a list item, and an item before it ends without
        a full stop too: that is the list's style, so its last item is finished."""
        lines = [self.reader.lines[index].strip() for index in indexes
                 if self.reader.pages[index] == page and self.reader.lines[index].strip()]
        starts = [number for number, line in enumerate(lines) if is_list_item(line)]
        return bool(starts) and any(not lines[start - 1].endswith(FINISHED) for start in starts[1:])

    def _last_line(self, indexes: list[int], page: int) -> str:
        """The last non-blank line of a box on a page."""
        return next((self.reader.lines[index].strip() for index in reversed(indexes)
                     if self.reader.pages[index] == page and self.reader.lines[index].strip()), "")

    def _seed_order(self, text: _PageText, widths: Widths | None) -> None:
        """[yellow, grey], grey and purple labels, purple, yellow label — the seeds' order."""
        yellow, grey = split_yellow_grey(self.reader, text.lead, widths, text.page.page)
        text.boxes[YELLOW] = yellow + text.after.get(YELLOW, [])
        text.boxes[GREY] = grey
        text.boxes[PURPLE] = text.after.get(PURPLE, text.after[GREY])

    def _label_last(self, text: _PageText) -> None:
        """Each label after its box's text: the text before the first label is the first box's
        (under the page's column label, when that opens it), the text after each label the next
        box's. Text after the last label has no box of its own; it stays in the last box, with a
        warning."""
        order = text.labels.order()
        lead = [index for index in text.lead if self.reader.lines[index].strip()]
        first_run = text.lead
        for size in range(1, min(COLUMN_LINES, len(lead)) + 1):  # "Tema 4 (fortsat)" over the first box
            mark = " ".join(self.reader.lines[index].strip() for index in lead[:size])
            if len(mark) < MARK_LENGTH and self.reader.is_mark(mark):
                if mark not in text.page.column:  # (the pages are read twice when widths were learned)
                    text.page.column.append(mark)
                first_run = [index for index in text.lead if index not in lead[:size]]
                break
        runs = [first_run, *(text.after[kind] for kind in order[:-1])]
        for kind, run in zip(order, runs):
            text.boxes[kind] = list(run)
        self.reader.warnings.append(ImportWarning(
            message="labels printed after their boxes' text (as on most theme pages of this dump): each box's "
                    "text read before its label", page=text.page.page, code="box-by-position"))
        rest = text.after[order[-1]]
        if self.reader.content(rest):
            text.boxes[order[-1]] += rest
            self.reader.warnings.append(ImportWarning(
                message=f"text after the page's last label, in a dump that prints labels after their boxes, "
                        f"placed in the box under '{order[-1].label}'", page=text.page.page, code="box-by-position"))

    def _together(self, text: _PageText, number: int, widths: dict[BoxKind, int]) -> None:
        """Labels side by side: their boxes' text follows the last of them, in their order — or,
        when nothing follows them on the page, precedes the first (a label bar under the boxes)."""
        last = text.together[-1]
        before = not self.reader.content(text.after[last]) and self.reader.content(text.lead)
        mixed = text.lead + text.after[last] if before else text.after[last]
        if self.reader.content(mixed):
            self.reader.warnings.append(ImportWarning(
                message=f"{len(text.together)} labels printed together; the text {'before' if before else 'after'} "
                        f"them cut among their boxes by position{' and line width' if widths else ''}",
                page=text.page.page, code="box-by-position"))
        marks = [i for kind in text.together[:-1] for i in text.after[kind] if self.reader.lines[i].strip()]
        opening = self._opening_marks(mixed, len(text.together) - len(marks))
        marks += opening
        mixed = [i for i in mixed if i not in opening]
        headings = self._opening_row(mixed, text.together)
        mixed = [i for i in mixed if not any(i in heading for heading in headings)]
        for position, (kind, part) in enumerate(split_in_order(self.reader, mixed, text.together, widths).items()):
            own = marks[position:] if kind == last else marks[position:position + 1]
            text.boxes[kind] = own + (headings[position] if headings else []) + part  # each mark, or heading, opens a box
        for kind in text.labels.order()[len(text.together):]:
            text.boxes[kind] = text.after[kind]
        self._column_beside(text)
        self._heading_gets_text(text, widths)
        self._reports_back(text, text.labels.order()[len(text.together):], widths)
        if not before:
            self._place_lead(text, text.together[0], self.texts[number - 1] if number else None)

    def _column_beside(self, text: _PageText) -> None:
        """The rest of the purple column, read after the yellow box beneath the grey one (a grid:
        grey and purple side by side, yellow under grey, the purple box running down beside
        both). pdftotext reads the row of the two labels, their tops, the grey column, the yellow
        box — its label and its text one block, as one column's lines are — and then the purple
        column's rest, a block of its own after a blank line. That block is the purple box's,
        unless the yellow box keeps it (:meth:`_yellow_keeps`)."""
        if text.together != [GREY, PURPLE] or text.labels.order()[-1] != YELLOW:
            return
        run = text.after[YELLOW]
        if not run or not self.reader.lines[run[0]].strip():
            return
        end = next((number for number, index in enumerate(run) if not self.reader.lines[index].strip()), len(run))
        block, rest = run[:end], run[end:]
        page = self.reader.pages[text.labels.lines[YELLOW]]
        if (not self.reader.content(rest) or any(self.reader.pages[index] != page for index in rest)
                or self._yellow_keeps(text, block, [index for index in rest if self.reader.lines[index].strip()])):
            return
        text.boxes[YELLOW] = block
        text.boxes[PURPLE] = text.boxes[PURPLE] + rest
        self.reader.warnings.append(ImportWarning(
            message=f"the text after the block of '{YELLOW.label}' read as the rest of the box under "
                    f"'{PURPLE.label}' beside it", page=text.page.page, code="box-by-position"))

    def _yellow_keeps(self, text: _PageText, block: list[int], rest: list[int]) -> bool:
        """Whether the text after the yellow box's first block is its own all the same: the block
        is a heading or a lead-in or holds a list's marker or item; the rest opens a list (whose
        items may each stand after a blank line) or a theme strip's line (its mark or its title,
        printed where the strip's middle stands); its first paragraph that tells a voice reports
        what was said (the grey column's rest: a tall grey box, given back by
        :meth:`_reports_back`); or it runs wider than the columns above (a yellow box across the
        page)."""
        opening = self.reader.lines[rest[0]]
        if (is_heading(self.reader, block) or not may_cut(self.reader, block, rest) or self.reader.is_mark(opening)
                or named_themes(opening, self.reader.model)[0]
                or any(is_list_item(line) or is_lone_bullet(line) for line in [*self.reader.text(block), opening])):
            return True
        first = next((run for run, _ in paragraph_units(self.reader, rest, mixed=True) if voiced(self.reader, run)),
                     rest)
        if advice(" ".join(line.strip() for line in self.reader.text(first))) < 0:
            return True
        columns = [line.strip() for kind in (GREY, PURPLE) for line in self.reader.text(text.boxes[kind]) if line.strip()]
        return not columns or box_width(self.reader.text(rest)) > COLUMN_SLACK * max(map(len, columns))

    def _opening_marks(self, indexes: list[int], most: int) -> list[int]:
        """The "Tema 4 fortsat" marks that open a run, up to ``most`` of them: boxes side by side
        each print one at their top, and an extractor that reads the labels' row first reads the
        marks' row after it."""
        found: list[int] = []
        for index in indexes:
            line = self.reader.lines[index]
            if len(found) == most or (line.strip() and not self.reader.is_mark(line)):
                break
            if line.strip():
                found.append(index)
        return found

    def _opening_row(self, indexes: list[int], kinds: list[BoxKind]) -> list[list[int]]:
        """The blocks that open a run, one per box of ``kinds``, read as a row: boxes side by
        side read row by row — the labels' row, then a row of each box's first block, then the
        first box's text. The first box's block is its heading; each other's is its heading or
        a paragraph in its voice; and the block after the row speaks in the first box's voice.
        None when the run does not open so. A block lies between blank lines; a heading is a
        block of at most two lines that ends no sentence, no list item and no advice ("At
        arbejde med, hvordan …" is a point)."""
        blocks: list[list[int]] = []
        for lines, gap in paragraph_units(self.reader, indexes):
            if gap or not blocks:
                blocks.append([])
            blocks[-1] += lines
        if len(blocks) <= len(kinds):
            return []
        texts = [[line.strip() for line in self.reader.text(block) if line.strip()] for block in blocks[:len(kinds) + 1]]
        if not _heading(texts[0]) or not all(_heading(text) or voice_for_second(kinds[0], kind, " ".join(text)) > 0
                                             for kind, text in zip(kinds[1:], texts[1:len(kinds)])):
            return []
        return blocks[:len(kinds)] if voice_for_second(kinds[0], kinds[1], " ".join(texts[-1])) < 0 else []

    def _label_first(self, text: _PageText, number: int, widths: dict[BoxKind, int]) -> None:
        """Each label before its box's text. A box whose heading alone follows its label, or whose
        text the next box's stock sentence interrupts, gets the rest of its text back from the
        next box's run (an extractor reading boxes side by side row by row) — or from a later
        box's run that turns to its voice (a column read in two pieces, the boxes beside it
        between them); a box with nothing
        under its label gets its stock sentence back from the next box's run (two labels read
        across, then their texts)."""
        order = text.labels.order()
        for kind in order:
            text.boxes[kind] = list(text.after[kind])
        for kind, following in zip(order, order[1:]):
            if (kind, following) in self.paired and not self._holds_text(text.after[kind]):
                parts = split_in_order(self.reader, text.after[following], [kind, following], widths)
                if not self._holds_text(parts[kind]):  # one "fortsat" mark: it opens the box it is with
                    parts = {kind: [], following: sorted(parts[kind] + parts[following])}
                text.boxes[following] = parts[following]
                text.boxes[kind] += parts[kind]
                self.reader.warnings.append(ImportWarning(
                    message=f"the labels '{kind.label}' and '{following.label}' printed together (as on most pages "
                            f"of this dump); the text after them cut between their boxes by position",
                    page=text.page.page, code="box-by-position"))
                continue
            pulled = (is_heading(self.reader, text.after[kind])
                      and len(paragraph_units(self.reader, text.after[following])) > 1)
            if (pulled or stock_and_more(self.reader, text.after[following], following)
                    or voice_returns(self.reader, text.after[following], following, kind)
                    or (not self.reader.content(text.after[kind])
                        and stock_and_more(self.reader, text.after[following], kind))):
                parts = split_in_order(self.reader, text.after[following], [following, kind], widths)
                text.boxes[following] = parts[following]
                text.boxes[kind] += parts[kind]
                self.reader.warnings.append(ImportWarning(
                    message=f"the text of the box under '{kind.label}' follows the next box's; cut by position",
                    page=text.page.page, code="box-by-position"))
        self._heading_gets_text(text, widths)
        self._reports_back(text, order, widths)
        self._place_lead(text, order[0], self.texts[number - 1] if number else None)

    def _heading_gets_text(self, text: _PageText, widths: dict[BoxKind, int]) -> None:
        """A box that holds its heading alone gets its text back from a later box's run: one that
        opens in its own voice and turns to the heading's box's (the rest of a column read after
        the boxes beside it), or — for the grey box, with only empty boxes between — one that
        opens in the grey box's voice (a grid whose other boxes are empty, read row by row)."""
        order = text.labels.order()
        for position, kind in enumerate(order):
            if not is_heading(self.reader, text.boxes[kind]):
                continue
            for later in order[position + 2:]:
                between = order[position + 1:order.index(later)]
                if (voice_returns(self.reader, text.boxes[later], later, kind)
                        or (kind is GREY and not any(self.reader.content(text.boxes[other]) for other in between)
                            and opens_in_voice_of(self.reader, text.boxes[later], later, kind))):
                    parts = split_in_order(self.reader, text.boxes[later], [later, kind], widths)
                    text.boxes[later] = parts[later]
                    text.boxes[kind] += parts[kind]
                    self.reader.warnings.append(ImportWarning(
                        message=f"the text of the box under '{kind.label}' follows the box under '{later.label}'; "
                                f"cut by its voice", page=text.page.page, code="box-by-position"))
                    break

    def _reports_back(self, text: _PageText, kinds: list[BoxKind], widths: dict[BoxKind, int]) -> None:
        """Reports of what was said in the text of an advising box whose label follows the grey
        one's: the rest of the grey box, read after that label (a label printed at the top of a
        column beside the grey box's), given back to it."""
        order = text.labels.order()
        for kind in kinds:
            within = reports_within(self.reader, text.boxes[kind], kind)
            if GREY not in order or order.index(kind) < order.index(GREY) or within is None:
                continue
            opening = self._opening_paragraph(text.boxes[kind]) if within[0] == kind else []
            parts = split_in_order(self.reader, text.boxes[kind][len(opening):], within, widths)
            text.boxes[kind] = opening + parts[kind]
            text.boxes[GREY] = sorted(text.boxes[GREY] + parts[GREY])
            if parts[GREY]:
                self.reader.warnings.append(ImportWarning(
                    message=f"reports of what was said under '{kind.label}' given back to the box under "
                            f"'{GREY.label}'", page=text.page.page, code="box-by-position"))

    def _opening_paragraph(self, indexes: list[int]) -> list[int]:
        """The lines of a run up to the end of its first paragraph, headings before it included:
        a run that opens in its box's own voice keeps them, however its wording leans (the
        yellow box's "… tales om et ønske om …" tells what people said, as it should)."""
        for run, _ in paragraph_units(self.reader, indexes, mixed=True):
            if not is_heading(self.reader, run):
                return indexes[:indexes.index(run[-1]) + 1]
        return []

    def _place_lead(self, text: _PageText, first: BoxKind, previous: _PageText | None = None) -> None:
        """Text before a page's first label (other than its theme column): on a page that follows
        the previous page's last label directly, that box's text; else kept in the page's first box."""
        if not self.reader.content(text.lead):
            return
        if previous is not None and not text.page_break_before:
            last = previous.labels.order()[-1]
            previous.boxes[last] += text.lead
            return
        text.boxes[first][:0] = text.lead
        self.reader.warnings.append(ImportWarning(
            message=f"text before the page's first label placed in the box under '{first.label}'",
            page=text.page.page, code="box-by-position"))


def read_text(blocks: Sequence[TextBlock], model: QualityModel) -> DocumentDraft:
    """Cut a stream of text lines (no geometry) into front matter, theme pages and back matter."""
    reader = TextLines(blocks, model)
    groups = reader.label_pages()
    draft = DocumentDraft(warnings=reader.warnings)
    if not groups:
        draft.front = [Line(line, page) for line, page in zip(reader.lines, reader.pages)]
        return draft
    back = reader.back_start(groups[-1].last())
    first = groups[0].first()
    before_labels = reader.paged or reader.grey_purple_adjacent(groups[0])
    starts, breaks = [reader.first_page_start(first) if before_labels else reader.column_before(first)], [True]
    for previous, group in zip(groups, groups[1:]):
        page_start = reader.page_first[reader.pages[group.first()]]
        breaks.append(reader.paged and page_start > previous.last())
        starts.append(page_start if breaks[-1] else previous.last() + 1)
    ends = [*starts[1:], back]
    texts = [_page_text(reader, group, start, end, broken)
             for group, start, end, broken in zip(groups, starts, ends, breaks)]
    draft.front = [Line(reader.lines[i], reader.pages[i]) for i in range(starts[0])]
    draft.pages = _Pages(reader, texts).assign()
    draft.back = [Line(reader.lines[i], reader.pages[i]) for i in range(back, len(reader.lines))]
    return draft
