"""Reading a report from text without geometry: anchored on the box labels and the anatomy.

A text dump keeps the words but not where they stood. What survives is the order an extractor
chose, and extractors differ: the pdftotext order of these reports is, per theme page, yellow
text, grey text, the labels "Vi talte om" and "Dette peger på at…", purple text, then the label
"Ledere og medarbejdere peger på…"; others print each label before its box. The order is
detected from the stream (are the grey and purple labels adjacent, with nothing between them?),
then each run of text is given to the box the order implies.

Where the order leaves a choice — yellow and grey text of the same page run together in the
pdftotext order — the widths of the lines decide: the yellow box is as wide as the purple one
and wider than the grey one, so wrapped lines tell which box a paragraph was set in. Every such
split is recorded as a warning.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kvalitet_core.model import BoxKind, ImportWarning
from kvalitet_core.quality_model import QualityModel
from kvalitet_core.recognise.anatomy import (
    Part,
    appendix_begins,
    continuation,
    labels_in,
    part_heading,
    theme_column,
)
from kvalitet_core.recognise.blocks import TextBlock
from kvalitet_core.recognise.draft import DocumentDraft, Line, PageDraft, Paragraph
from kvalitet_core.recognise.glyphs import is_list_item, restore_lines
from kvalitet_core.recognise.line_paragraphs import paragraph_runs, paragraphs
from kvalitet_core.recognise.repair import repair_lines

_PAGE_BREAK = re.compile(r"^ \S")
_BACK_PARTS = {Part.ASSESSMENT, Part.CONCLUSION, Part.APPENDIX}
_PAGE_OPENERS = {Part.METHOD, Part.OVERALL, *_BACK_PARTS}
LIST_INDENT = 4
"""Characters a list item's hanging indent takes from its box's width, roughly."""
WIDTH_TOLERANCE = 3
"""Characters by which proportional type blurs a line's width."""


@dataclass(slots=True)
class _Labels:
    """The label lines of one theme page (line indexes), in the order the stream has them."""

    lines: dict[BoxKind, int]

    def first(self) -> int:
        return min(self.lines.values())

    def last(self) -> int:
        return max(self.lines.values())


def _is_blank(line: str) -> bool:
    return not line.strip()


def _percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0


class _TextReader:
    """One pass over the lines of a text stream."""

    def __init__(self, blocks: Sequence[TextBlock], model: QualityModel) -> None:
        self.model = model
        self.warnings: list[ImportWarning] = []
        raw, pages = self._lines(blocks)
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
        """Label lines grouped per theme page: a page ends when a box's label comes again."""
        groups: list[_Labels] = []
        current: dict[BoxKind, int] = {}
        for index, line in enumerate(self.lines):
            for kind in labels_in(line):
                if kind in current:
                    groups.append(_Labels(current))
                    current = {}
                current[kind] = index
        if current:
            groups.append(_Labels(current))
        return groups

    def labels_after_grey(self, groups: list[_Labels]) -> bool:
        """Whether the stream prints the grey label after the grey text (pdftotext order).

        Then the grey and purple labels sit together with no text between them.
        """
        adjacent = 0
        for group in groups:
            grey, purple = group.lines.get(BoxKind.TALKED_ABOUT), group.lines.get(BoxKind.POINTS_TO)
            if grey is not None and purple is not None and purple >= grey:
                adjacent += all(_is_blank(line) for line in self.lines[grey + 1:purple])
        return adjacent * 2 >= len(groups)

    def back_start(self, after: int) -> int:
        """Where assessment, conclusion or appendix begin after line ``after``."""
        for index in range(after + 1, len(self.lines)):
            if part_heading(self.lines[index]) & _BACK_PARTS or appendix_begins(self.lines, index, self.model):
                return index
        return len(self.lines)

    def column_before(self, index: int) -> int:
        """Where the theme column printed right before line ``index`` begins (``index`` if none)."""
        start = index
        for before in range(index - 1, -1, -1):
            line = self.lines[before]
            if theme_column(line, self.model):
                start = before
            elif line.strip():
                break
        return start

    def first_page_start(self, end: int) -> int:
        """Where the first theme page begins in the lines before its first label.

        Its theme column label when the stream has one; else the first page break after the
        overall impression has begun.
        """
        overall = next((i for i in range(end) if part_heading(self.lines[i]) & {Part.OVERALL, Part.INTRODUCTION}
                        and i > 0), -1)
        for index in range(overall + 1, end):
            if theme_column(self.lines[index], self.model):
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
            page=self.pages[end] if end < len(self.pages) else None, code="page-start-guessed"))
        return overall + 1

    # -- pages ----------------------------------------------------------------------------

    def furniture(self, start: int, end: int, page: PageDraft) -> list[int]:
        """The lines of a range that are text, not page furniture; theme labels go to ``page``."""
        kept = []
        index = start
        while index < end:
            line = self.lines[index]
            wrapped = f"{line.strip()} {self.lines[index + 1].strip()}" if index + 1 < end else ""
            if theme_column(line, self.model):
                page.column.append(line.strip())
            elif wrapped and theme_column(wrapped, self.model):  # a long theme title wraps
                page.column.append(wrapped)
                index += 1
            elif not (part_heading(line) or re.fullmatch(r"\s*\d{1,3}\s*", line)):
                kept.append(index)
            index += 1
        return kept

    def without_next_column(self, start: int, end: int, following: PageDraft) -> int:
        """Where the last box of a page ends: before a "Tema 4 fortsat fra side 8" line that
        stands just above the next page's first label, which is that page's theme column."""
        index = end
        while index > start and _is_blank(self.lines[index - 1]):
            index -= 1
        if index > start and continuation(self.lines[index - 1], self.model) is not None:
            following.column.append(self.lines[index - 1].strip())
            return index - 1
        return end

    def text(self, indexes: Sequence[int]) -> list[str]:
        return [self.lines[i] for i in indexes]

    def box(self, indexes: Sequence[int]) -> list[Paragraph]:
        return [Paragraph(text) for text in paragraphs(self.text(indexes))]


@dataclass(frozen=True, slots=True)
class _Widths:
    """The widths (in characters) of the narrow grey box and of the wide purple/yellow boxes."""

    narrow: int
    wide: int

    def vote(self, length: int, next_word: int) -> int:
        """+1 when a wrapped line fits only the wide box, -1 only the narrow one, else 0.

        A line wraps at width W when it fits (length ≤ W) and the next word would not
        (length + 1 + next word > W); proportional fonts blur both sides by a few characters.
        """
        def fits(width: int) -> bool:
            return length <= width + WIDTH_TOLERANCE and length + 1 + next_word > width - WIDTH_TOLERANCE
        narrow, wide = fits(self.narrow), fits(self.wide)
        if narrow == wide:
            return 1 if length > self.narrow + WIDTH_TOLERANCE else 0
        return 1 if wide else -1


def _widths(reader: _TextReader, purple: list[list[int]], grey_tails: list[list[int]]) -> _Widths | None:
    """The two box widths measured on text whose box is certain; None when they do not differ."""
    wide = _percentile([len(reader.lines[i].strip()) for run in purple for i in run if reader.lines[i].strip()], 0.9)
    narrow = _percentile([len(reader.lines[i].strip()) for run in grey_tails for i in run
                          if reader.lines[i].strip()], 0.9)
    return _Widths(narrow, wide) if wide - narrow >= 3 * WIDTH_TOLERANCE else None


def _units(reader: _TextReader, indexes: list[int]) -> list[tuple[list[int], int]]:
    """Paragraph runs of a segment as (line indexes, blank lines before), for splitting."""
    runs = paragraph_runs(reader.text(indexes))
    units = []
    for number, run in enumerate(runs):
        gap = run[0] - runs[number - 1][-1] - 1 if number else 0
        units.append(([indexes[i] for i in run], gap))
    return units


def _split_yellow_grey(reader: _TextReader, indexes: list[int], widths: _Widths | None,
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
        evidence = [_width_evidence(reader, run, widths) for run, _ in units]
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


def _may_cut(reader: _TextReader, before: list[int], after: list[int]) -> bool:
    """Whether two paragraphs may sit in different boxes: not a lead-in and what it introduces,
    not two items of one list."""
    upper, lower = reader.lines[before[-1]].strip(), reader.lines[after[0]]
    return not upper.endswith(":") and not (is_list_item(reader.lines[before[0]]) and is_list_item(lower))


def _width_evidence(reader: _TextReader, run: list[int], widths: _Widths | None) -> float:
    """How surely a paragraph was set in a wide box (> 0) or in the narrow grey one (< 0).

    Each wrapped line votes (see :meth:`_Widths.vote`); a list item counts its indent. A single
    line votes only when it is too long for the grey box.
    """
    if widths is None:
        return 0.0
    indent = LIST_INDENT if is_list_item(reader.lines[run[0]]) else 0
    texts = [reader.lines[i].strip() for i in run]
    if len(texts) == 1:
        return 1.0 if len(texts[0]) + indent > widths.narrow + WIDTH_TOLERANCE else 0.0
    votes = [widths.vote(len(text) + indent, len(following.split()[0]))
             for text, following in zip(texts, texts[1:])]
    return sum(votes) / len(votes) * min(1.0, len(votes) / 2)


def read_text(blocks: Sequence[TextBlock], model: QualityModel) -> DocumentDraft:
    """Cut a stream of text lines (no geometry) into front matter, theme pages and back matter."""
    reader = _TextReader(blocks, model)
    groups = reader.label_pages()
    draft = DocumentDraft(warnings=reader.warnings)
    if not groups:
        draft.front = [Line(line, page) for line, page in zip(reader.lines, reader.pages)]
        return draft
    back = reader.back_start(groups[-1].last())
    if reader.labels_after_grey(groups):
        _pages_grey_label_after(reader, groups, back, draft)
    else:
        _pages_label_first(reader, groups, back, draft)
    draft.back = [Line(reader.lines[i], reader.pages[i]) for i in range(back, len(reader.lines))]
    return draft


def _pages_grey_label_after(reader: _TextReader, groups: list[_Labels], back: int, draft: DocumentDraft) -> None:
    """pdftotext order: [yellow, grey], grey+purple labels, purple, yellow label — per page."""
    grey_at = [g.lines.get(BoxKind.TALKED_ABOUT, g.first()) for g in groups]
    start = reader.first_page_start(grey_at[0])
    draft.front = [Line(reader.lines[i], reader.pages[i]) for i in range(start)]
    leading: list[list[int]] = []
    purple: list[list[int]] = []
    pages: list[PageDraft] = []
    for number, group in enumerate(groups):
        page = PageDraft(page=reader.pages[grey_at[number]])
        leading.append(reader.furniture(start, grey_at[number], page))
        purple_label = group.lines.get(BoxKind.POINTS_TO, grey_at[number])
        yellow_label = group.lines.get(BoxKind.SUGGESTIONS)
        following = grey_at[number + 1] if number + 1 < len(groups) else back
        end = yellow_label if yellow_label is not None else following
        purple.append(reader.furniture(purple_label + 1, end, page))
        start = end + 1 if yellow_label is not None else following
        pages.append(page)
    if start < back:
        leftover = reader.furniture(start, back, pages[-1])
        if any(reader.lines[i].strip() for i in leftover):
            draft.warnings.append(ImportWarning(
                message="text after the last box label placed in the last yellow box", page=reader.pages[start],
                code="box-by-position"))
            pages[-1].boxes[BoxKind.SUGGESTIONS].extend(reader.box(leftover))
    widths = _widths(reader, purple, [run[-8:] for run in leading])
    for page, lead, purple_lines in zip(pages, leading, purple):
        yellow, grey = _split_yellow_grey(reader, lead, widths, page.page)
        page.boxes[BoxKind.SUGGESTIONS][:0] = reader.box(yellow)
        page.boxes[BoxKind.TALKED_ABOUT] = reader.box(grey)
        page.boxes[BoxKind.POINTS_TO] = reader.box(purple_lines)
    draft.pages = pages


def _pages_label_first(reader: _TextReader, groups: list[_Labels], back: int, draft: DocumentDraft) -> None:
    """Each label before its box's text; a page's theme column may precede its first label."""
    first = groups[0].first()
    column_start = reader.column_before(first)
    draft.front = [Line(reader.lines[i], reader.pages[i]) for i in range(column_start)]
    pages = [PageDraft(page=reader.pages[group.first()]) for group in groups]
    reader.furniture(column_start, first, pages[0])
    for number, (group, page) in enumerate(zip(groups, pages)):
        following = pages[number + 1] if number + 1 < len(pages) else page
        page_end = groups[number + 1].first() if number + 1 < len(groups) else back
        ordered = sorted(group.lines.items(), key=lambda item: item[1])
        for position, (kind, line) in enumerate(ordered):
            last = position + 1 == len(ordered)
            end = reader.without_next_column(line + 1, page_end, following) if last else ordered[position + 1][1]
            page.boxes[kind] = reader.box(reader.furniture(line + 1, end, following if last else page))
    draft.pages = pages
