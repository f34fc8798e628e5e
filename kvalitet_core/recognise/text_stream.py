"""Reading a report from text without geometry: page by page, anchored on the box labels.

A text dump keeps the words but not where they stood. What survives is the order an extractor
chose, and that order differs between extractors, templates — and the pages of one dump. So the
order is decided for each theme page on its own, with the box labels as anchors (not as
boundaries) and the page breaks as the frame:

- **label first** (most extractors, most pages): each label is followed by its box's text;
  the page's theme column may come anywhere on the page and is taken out wherever it stands.
  When a box's first heading was pulled up next to its label and the next label follows at
  once, the rest of that box comes after the next box's text: the two are cut apart again.
- **grey and purple labels together, text before them** (pdftotext's order of the seeds' template):
  yellow text, grey text, the grey and purple labels, purple text, the yellow label. The run
  before the labels is cut into yellow and grey by the widths its lines wrap at (the yellow
  box is as wide as the purple one and wider than the grey one, :mod:`.text_widths`).
- **labels together, text after them** (boxes side by side read row by row): the text after
  the labels holds their boxes in the labels' order and is cut among them.

Nothing is dropped: text a page's order cannot place — before a page's first label, after its
last one — goes to the most likely box with a warning naming the page. Running headers and
footers are left out of the boxes and quoted in a warning (:mod:`.text_furniture`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from kvalitet_core.model import BoxKind, ImportWarning
from kvalitet_core.quality_model import QualityModel
from kvalitet_core.recognise.anatomy import (
    CONTINUED,
    Part,
    appendix_begins,
    continuation,
    fold,
    labels_in,
    part_heading,
    theme_column,
)
from kvalitet_core.recognise.blocks import TextBlock
from kvalitet_core.recognise.draft import DocumentDraft, Line, PageDraft, Paragraph
from kvalitet_core.recognise.glyphs import is_list_item, restore_lines
from kvalitet_core.recognise.line_paragraphs import paragraph_runs, paragraphs
from kvalitet_core.recognise.repair import repair_lines
from kvalitet_core.recognise.text_furniture import running_lines
from kvalitet_core.recognise.text_widths import Widths, box_width

_PAGE_BREAK = re.compile(r"^ \S")
_BACK_PARTS = {Part.ASSESSMENT, Part.CONCLUSION, Part.APPENDIX}
_PAGE_OPENERS = {Part.METHOD, Part.OVERALL, *_BACK_PARTS}
_SENTENCE_END = (".", "?", "!", ":", ";")
GREY, PURPLE, YELLOW = BoxKind.TALKED_ABOUT, BoxKind.POINTS_TO, BoxKind.SUGGESTIONS
COLUMN_LINES = 6
"""Lines a theme column's label may wrap over in a narrow column ("Tema 3a:" / "Målgruppe," /
"metoder og" / "resultater – Fælles" / "fagligt fundament")."""
MARK_LENGTH = 60
"""Characters beyond which a line that starts with "fortsat" is running text, not a page's mark."""
GREY_TAIL = 8
"""Lines at the end of a run before the labels that are surely grey (pdftotext order), for widths."""


def _is_blank(line: str) -> bool:
    return not line.strip()


@dataclass(slots=True)
class _Labels:
    """The label lines of one theme page (line indexes), in the order the stream has them."""

    lines: dict[BoxKind, int]

    def first(self) -> int:
        return min(self.lines.values())

    def last(self) -> int:
        return max(self.lines.values())

    def order(self) -> list[BoxKind]:
        return sorted(self.lines, key=self.lines.__getitem__)


class _TextReader:
    """The lines of a text stream, repaired, with their pages and the landmarks among them."""

    def __init__(self, blocks: Sequence[TextBlock], model: QualityModel) -> None:
        self.model = model
        self.warnings: list[ImportWarning] = []
        raw, pages = self._lines(blocks)
        self.paged = any(line.startswith("\f") for line in raw)
        """Whether the pages are real page breaks (a dump's form feeds), not guessed from a
        line that starts with a space."""
        raw = [line.removeprefix("\f") for line in raw] if self.paged else raw
        vocabulary_texts = [t.title for t in model.themes] + [t.purpose for t in model.themes]
        repair = repair_lines(raw, vocabulary_texts)
        self.lines = restore_lines(repair.lines)
        self.pages = [pages[origin] for origin in repair.origins]
        self.damaged = bool(repair.joined)
        if self.damaged:
            self.pages = self._estimated_pages()
        page_of = [self.pages[bisect_right(repair.origins, index) - 1] for index, _ in repair.joined]
        per_page: Counter[int] = Counter(page_of)
        for page, count in sorted(per_page.items()):
            examples = ", ".join(sorted({w for (_, w), p in zip(repair.joined, page_of) if p == page})[:4])
            self.warnings.append(ImportWarning(
                message=f"joined {count} word(s) broken apart by a rotated page ({examples}, …)",
                page=page, code="repaired-words"))
        self.lines, self.pages = self._marks_apart(self.lines, self.pages)
        running, warnings = running_lines(self.lines, self.pages, model)
        for index in running:
            self.lines[index] = ""
        self.warnings.extend(warnings)
        self.page_first: dict[int, int] = {}
        for index, page in enumerate(self.pages):
            self.page_first.setdefault(page, index)

    def is_mark(self, text: str) -> bool:
        """Whether a line is a page's theme column label or continuation mark ("Tema 1: …",
        "Tema 4 fortsat fra side 7", "fortsat fra side 4")."""
        folded = fold(text)
        return bool(theme_column(folded, self.model)) or continuation(folded, self.model) is not None or (
            len(folded) < MARK_LENGTH and bool(CONTINUED.match(folded)))

    def _marks_apart(self, lines: list[str], pages: list[int]) -> tuple[list[str], list[int]]:
        """Lines on which a theme column's mark and a box label share one line ("fortsat fra
        side 4 VI TALTE OM": the column beside the box, read across) cut in two."""
        word = self.model.theme_word.casefold()
        split_lines: list[str] = []
        split_pages: list[int] = []
        for line, page in zip(lines, pages):
            folded = fold(line).casefold()
            cut = None
            if (folded.startswith(word) or CONTINUED.match(folded)) and not labels_in(line):
                cut = next((gap.start() for gap in re.finditer(r"\s+", line.strip())
                            if labels_in(line.strip()[gap.end():]) and self.is_mark(line.strip()[:gap.start()])), None)
            parts = [line] if cut is None else [line.strip()[:cut], line.strip()[cut:].lstrip()]
            split_lines += parts
            split_pages += [page] * len(parts)
        return split_lines, split_pages

    def _estimated_pages(self) -> list[int]:
        """Page numbers counted from the landmarks that open a page (theme labels, part headings).

        A damaged dump breaks lines so often that the importer's page rule (a line starting with
        a space) fires inside pages; the landmarks survive the damage.
        """
        page, pages = 1, []
        for index, line in enumerate(self.lines):
            opens = theme_column(line, self.model) or part_heading(line) & _PAGE_OPENERS
            page += bool(index and opens)
            pages.append(page)
        self.warnings.append(ImportWarning(
            message="page numbers estimated from the theme labels and headings of a damaged dump",
            code="pages-estimated"))
        return pages

    @staticmethod
    def _lines(blocks: Sequence[TextBlock]) -> tuple[list[str], list[int]]:
        """One entry per line; a block holding a whole paragraph is followed by a blank line."""
        lines: list[str] = []
        pages: list[int] = []
        for block in blocks:
            parts = block.text.split("\n")
            if block.bullet:
                parts[0] = "- " + parts[0]
            for part in parts:
                lines.append(part)
                pages.append(block.page)
            if len(parts) > 1 or block.bullet or block.bold:
                lines.append("")
                pages.append(block.page)
        return lines, pages

    # -- landmarks ----------------------------------------------------------------------

    def label_pages(self) -> list[_Labels]:
        """Label lines grouped per theme page: a page ends when a box's label comes again, or at
        a real page break."""
        groups: list[_Labels] = []
        current: dict[BoxKind, int] = {}
        for index, line in enumerate(self.lines):
            for kind in labels_in(line):
                broken = self.paged and current and self.pages[index] != self.pages[max(current.values())]
                if kind in current or broken:
                    groups.append(_Labels(current))
                    current = {}
                current[kind] = index
        if current:
            groups.append(_Labels(current))
        return groups

    def back_start(self, after: int) -> int:
        """Where assessment, conclusion or appendix begin after line ``after``."""
        for index in range(after + 1, len(self.lines)):
            if part_heading(self.lines[index]) & _BACK_PARTS or appendix_begins(self.lines, index, self.model):
                return index
        return len(self.lines)

    def first_page_start(self, end: int) -> int:
        """Where the first theme page begins in the lines before its first label.

        The start of the label's page when the overall impression ended on an earlier page (of a
        dump with real page breaks); else
        its theme column label when the stream has one; else the first page break after the
        overall impression has begun.
        """
        overall = next((i for i in range(end - 1, 0, -1) if part_heading(self.lines[i]) & {Part.OVERALL,
                                                                                           Part.INTRODUCTION}), -1)
        page_start = self.page_first[self.pages[end]]
        if self.paged and overall < page_start:
            return page_start
        for index in range(overall + 1, end):
            if self.column_at(index, overall + 1):
                return index
        content_seen = False
        for index in range(overall + 1, end):
            line = self.lines[index]
            if _is_blank(line) or part_heading(line):
                continue
            if content_seen and _PAGE_BREAK.match(line) and not self.damaged:
                return index
            content_seen = True
        self.warnings.append(ImportWarning(
            message="could not tell where the first theme page begins; its boxes may hold overall-impression text",
            page=self.pages[end], code="page-start-guessed"))
        return overall + 1

    def column_before(self, index: int) -> int:
        """Where the theme column printed right before line ``index`` begins (``index`` if none)."""
        start = index
        for before in range(index - 1, -1, -1):
            if self.column_at(before, 0):
                start = before
            elif self.lines[before].strip():
                break
        return start

    def grey_purple_adjacent(self, labels: _Labels) -> bool:
        """Whether the grey and purple labels stand together, nothing but blank lines between."""
        grey, purple = labels.lines.get(GREY), labels.lines.get(PURPLE)
        return grey is not None and purple is not None and purple >= grey and not self.content(
            range(grey + 1, purple))

    def column_at(self, index: int, start: int) -> int:
        """How many lines the theme column label at line ``index`` takes (0: none there).

        A label may wrap over up to :data:`COLUMN_LINES` lines; the longest reading that names
        a theme wins. A line that carries on running text ("… som beskrevet under" / "tema 7.")
        is no label.
        """
        line = self.lines[index].strip()
        if not line or not fold(line).casefold().startswith(self.model.theme_word.casefold()):
            return 0
        previous = self.lines[index - 1].strip() if index > start else ""
        if line[0].islower() and previous and not previous.endswith(_SENTENCE_END):
            return 0
        texts: list[str] = []
        found = 0
        for following in self.lines[index:index + COLUMN_LINES]:
            if _is_blank(following) or (texts and labels_in(following)):
                break
            texts.append(following.strip().removeprefix("- ") if texts else following.strip())
            if theme_column(" ".join(texts), self.model):
                found = len(texts)
        return found

    def furniture(self, start: int, end: int, page: PageDraft) -> list[int]:
        """The lines of a range that are text, not page furniture; theme labels go to ``page``."""
        kept = []
        index = start
        while index < end:
            taken = self.column_at(index, start)
            if taken:
                page.column.append(" ".join(line.strip() for line in self.lines[index:index + taken]))
                index += taken
                continue
            line = self.lines[index]
            if not (part_heading(line) or re.fullmatch(r"\s*\d{1,3}\s*", line)):
                kept.append(index)
            index += 1
        return kept

    def content(self, indexes: Sequence[int]) -> bool:
        return any(self.lines[i].strip() for i in indexes)

    def text(self, indexes: Sequence[int]) -> list[str]:
        return [self.lines[i] for i in indexes]

    def box(self, indexes: Sequence[int]) -> list[Paragraph]:
        return [Paragraph(text) for text in paragraphs(self.text(indexes))]


@dataclass(slots=True)
class _PageText:
    """One theme page's text before it is given to the boxes: the run before the first label
    and the run after each label, as kept line indexes."""

    page: PageDraft
    labels: _Labels
    lead: list[int]
    after: dict[BoxKind, list[int]]
    together: list[BoxKind]
    """The labels that open the page's label sequence with nothing but blank lines between."""
    page_break_before: bool
    """Whether a page break separates this page from the previous page's last label."""
    boxes: dict[BoxKind, list[int]] = field(default_factory=lambda: {kind: [] for kind in BoxKind})

    def grey_purple_together(self) -> bool:
        return self.together[:2] == [GREY, PURPLE] and len(self.together) == 2 and \
            self.labels.order()[-1] in (PURPLE, YELLOW)


def _page_text(reader: _TextReader, labels: _Labels, start: int, end: int, break_before: bool) -> _PageText:
    page = PageDraft(page=reader.pages[labels.first()])
    order = labels.order()
    lead = reader.furniture(start, labels.first(), page)
    content = [index for index in lead if reader.lines[index].strip()]
    if content and reader.is_mark(reader.lines[content[-1]]):  # "Tema 4 fortsat fra side 7" just above the boxes
        page.column.append(reader.lines[content[-1]].strip())
        lead.remove(content[-1])
    after = {}
    for position, kind in enumerate(order):
        stop = labels.lines[order[position + 1]] if position + 1 < len(order) else end
        after[kind] = reader.furniture(labels.lines[kind] + 1, stop, page)
    together = [order[0]]
    for kind in order[1:]:
        if reader.content(after[together[-1]]):
            break
        together.append(kind)
    return _PageText(page, labels, lead, after, together, break_before)


def _units(reader: _TextReader, indexes: list[int]) -> list[tuple[list[int], int]]:
    """Paragraph runs of a segment as (line indexes, blank lines before), for splitting."""
    runs = paragraph_runs(reader.text(indexes))
    units = []
    for number, run in enumerate(runs):
        gap = run[0] - runs[number - 1][-1] - 1 if number else 0
        units.append(([indexes[i] for i in run], gap))
    return units


def _may_cut(reader: _TextReader, before: list[int], after: list[int]) -> bool:
    """Whether two paragraphs may sit in different boxes: not a lead-in and what it introduces,
    not two items of one list."""
    upper, lower = reader.lines[before[-1]].strip(), reader.lines[after[0]]
    return not upper.endswith(":") and not (is_list_item(reader.lines[before[0]]) and is_list_item(lower))


def _split_yellow_grey(reader: _TextReader, indexes: list[int], widths: Widths | None,
                       page: int) -> tuple[list[int], list[int]]:
    """Cut a page's leading run into its yellow and its grey text (pdftotext order)."""
    units = _units(reader, indexes)
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
            if 0 < k < len(units) and not _may_cut(reader, units[k - 1][0], units[k][0]):
                continue
            cost = round(sum(-e for e in evidence[:k] if e < 0) + sum(e for e in evidence[k:] if e > 0), 3)
            frame = 0 < k < len(units) and not reader.damaged and bool(_PAGE_BREAK.match(reader.lines[units[k][0][0]]))
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


def _split_in_order(reader: _TextReader, indexes: list[int], kinds: list[BoxKind],
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
    for run, gap in _units(reader, indexes):
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
            if k < len(units) and not _may_cut(reader, units[k - 1][0], units[k][0]):
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


def _lone_heading(reader: _TextReader, indexes: list[int]) -> bool:
    """Whether a box's run is one short line that ends no sentence: a heading without its text."""
    texts = [reader.lines[i].strip() for i in indexes if reader.lines[i].strip()]
    return len(texts) == 1 and len(texts[0]) < 80 and not texts[0].endswith(_SENTENCE_END)


class _Pages:
    """The theme pages of one stream, each given its boxes by the order its own text shows."""

    def __init__(self, reader: _TextReader, texts: list[_PageText]) -> None:
        self.reader = reader
        self.texts = texts
        self.seed_order = any(t.grey_purple_together() and reader.content(t.lead) for t in texts)
        """Whether the stream prints text before the grey and purple labels (pdftotext's order
        of the seeds' template); then a page of that shape without such text has it empty."""

    def seed_shaped(self, text: _PageText) -> bool:
        """Whether a page reads in the seeds' order: its grey and purple labels together in a
        stream of that order — or its purple label lost (a damaged dump) and the grey one first."""
        if not self.seed_order:
            return False
        order = text.labels.order()
        return text.grey_purple_together() or (PURPLE not in order and order[0] == GREY)

    def certain_widths(self) -> dict[BoxKind, int]:
        """Each box's width, measured on text that follows its label on a label-first page."""
        lines: dict[BoxKind, list[str]] = {kind: [] for kind in BoxKind}
        for text in self.texts:
            if not text.grey_purple_together():
                order = text.labels.order()
                for kind in order[len(text.together):] if len(text.together) > 1 else order:
                    lines[kind] += self.reader.text(text.after[kind])
        return {kind: box_width(found) for kind, found in lines.items() if len(found) >= 3}

    def assign(self) -> list[PageDraft]:
        widths = self.certain_widths()
        seed_pages = [t for t in self.texts if self.seed_shaped(t)]
        seed_widths = Widths.of([self.reader.lines[i] for t in seed_pages for i in t.lead[-GREY_TAIL:]],
                                [self.reader.lines[i] for t in seed_pages for i in t.after.get(PURPLE, t.after[GREY])])
        for number, text in enumerate(self.texts):
            if self.seed_shaped(text):
                self._seed_order(text, seed_widths)
            elif len(text.together) > 1:
                self._together(text, widths)
            else:
                self._label_first(text, number, widths)
        for text in self.texts:
            for kind in BoxKind:
                text.page.boxes[kind] = self.reader.box(text.boxes[kind])
        return [text.page for text in self.texts]

    def _seed_order(self, text: _PageText, widths: Widths | None) -> None:
        """[yellow, grey], grey and purple labels, purple, yellow label — the seeds' order."""
        yellow, grey = _split_yellow_grey(self.reader, text.lead, widths, text.page.page)
        text.boxes[YELLOW] = yellow + text.after.get(YELLOW, [])
        text.boxes[GREY] = grey
        text.boxes[PURPLE] = text.after.get(PURPLE, text.after[GREY])

    def _together(self, text: _PageText, widths: dict[BoxKind, int]) -> None:
        """Labels side by side: their boxes' text follows the last of them, in their order."""
        last = text.together[-1]
        mixed = text.after[last]
        if self.reader.content(mixed):
            self.reader.warnings.append(ImportWarning(
                message=f"{len(text.together)} labels printed together; the text after them cut among their "
                        f"boxes by position{' and line width' if widths else ''}",
                page=text.page.page, code="box-by-position"))
        text.boxes.update(_split_in_order(self.reader, mixed, text.together, widths))
        for kind in text.labels.order()[len(text.together):]:
            text.boxes[kind] = text.after[kind]
        self._place_lead(text, text.together[0])

    def _label_first(self, text: _PageText, number: int, widths: dict[BoxKind, int]) -> None:
        """Each label before its box's text; a heading pulled up to its label gets its text back."""
        order = text.labels.order()
        for kind in order:
            text.boxes[kind] = list(text.after[kind])
        for kind, following in zip(order, order[1:]):
            if _lone_heading(self.reader, text.after[kind]) and len(_units(self.reader, text.after[following])) > 1:
                parts = _split_in_order(self.reader, text.after[following], [following, kind], widths)
                text.boxes[following] = parts[following]
                text.boxes[kind] += parts[kind]
                self.reader.warnings.append(ImportWarning(
                    message=f"the text of the box under '{kind.label}' follows the next box's; cut by position",
                    page=text.page.page, code="box-by-position"))
        self._place_lead(text, order[0], self.texts[number - 1] if number else None)

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
    reader = _TextReader(blocks, model)
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
