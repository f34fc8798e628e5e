"""The lines of a text dump as the reader sees them: repaired, glyphs restored, paged, with
the report's landmarks found among them.

Words broken apart by rotated pages are joined (:mod:`.repair`), symbol glyphs restored
(:mod:`.glyphs`), running headers and footers set aside (:mod:`.text_furniture`). Pages are the
dump's real page breaks when it has them (form feeds); otherwise a line starting with a single
space, which pdftotext also prints inside a page — so such pages only frame, never decide.
Theme column labels are found however they wrap, and a line that carries on running text
("… som beskrevet under" / "tema 7.") is not one.
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
    CONTINUED,
    LABEL_WRAP,
    VERDICT_LINE,
    Part,
    appendix_begins,
    continuation,
    fold,
    labels_in,
    named_themes,
    part_heading,
    run_in_lines,
    theme_column,
    trailer_end,
)
from kvalitet_core.recognise.blocks import TextBlock
from kvalitet_core.recognise.draft import PageDraft, Paragraph
from kvalitet_core.recognise.glyphs import hanging_items, is_lone_bullet, restore_lines
from kvalitet_core.recognise.line_paragraphs import paragraphs
from kvalitet_core.recognise.purposes import Purposes
from kvalitet_core.recognise.repair import repair_lines
from kvalitet_core.recognise.symbol_fonts import ARROW
from kvalitet_core.recognise.text_furniture import furniture_key, running_lines

_BADGE_NUMBER = re.compile(r"^\d{1,2}\s*[a-z]?[.:)–-]?\s+(?=\S)", re.IGNORECASE)
"""A theme's number before its title on its line, without the theme word ("3a Målgruppe, …")."""
_DINGBAT_ARROW = re.compile(r"[\u2794-\u27bf]")
"""An arrow of the Dingbats block ("➔"): an extractor's name for a symbol font's arrow, which a
reader that sees the font reads as the arrow these reports print (:data:`ARROW`)."""
_UNNAMED_GLYPH = re.compile(r"(?<!\S)\(cid:\d+\)(?!\S)")
"""A glyph an extractor could not name (pdfminer's "(cid:212)"), standing alone."""
PAGE_BREAK = re.compile(r"^ \S")
"""A page's first line in a dump without form feeds."""
_BACK_PARTS = {Part.ASSESSMENT, Part.CONCLUSION, Part.APPENDIX}
_PAGE_OPENERS = {Part.METHOD, Part.OVERALL, *_BACK_PARTS}
SENTENCE_END = (".", "?", "!", ":", ";")
FINISHED = (*SENTENCE_END, ")", "”", '"')
"""How a line that finishes what it says ends: a sentence, a remark in brackets, a quotation."""
GREY, PURPLE, YELLOW = BoxKind.TALKED_ABOUT, BoxKind.POINTS_TO, BoxKind.SUGGESTIONS
COLUMN_LINES = 9
"""Lines a theme column's label may wrap over in a narrow column ("Tema 3a:" / "Målgruppe," /
"metoder og" / "resultater – Fælles" / "fagligt fundament"), or three labels together."""
WRAPPED_LABEL = 40
"""Characters of a label's wrapped second line (the longest label is 35)."""
MARK_LENGTH = 60
"""Characters beyond which a line that starts with "fortsat", or lines that open with a theme's
continuation mark ("Tema 4 fortsat fra side 8." / the box's text), are running text, not a page's mark."""


def _is_blank(line: str) -> bool:
    return not line.strip()


@dataclass(slots=True)
class Labels:
    """The label lines of one theme page (line indexes), in the order the stream has them."""

    lines: dict[BoxKind, int]

    def first(self) -> int:
        return min(self.lines.values())

    def last(self) -> int:
        return max(self.lines.values())

    def order(self) -> list[BoxKind]:
        return sorted(self.lines, key=self.lines.__getitem__)


def _run_in_apart(lines: list[str], pages: list[int]) -> tuple[list[str], list[int]]:
    """The lines with each label run in before its box's text ("Vi talte om: Brugerne …", or
    wrapped: "Ledere og medarbejdere" / "peger på: Se tema 4") set on a line of its own, and a
    label's ellipsis wrapped onto the next line ("DETTE PEGER PÅ AT" / "... Besøget …") back on it."""
    out: list[str] = []
    out_pages: list[int] = []
    whole = False  # whether the last line out is the line before as it stood, not cut from a label
    index = 0
    while index < len(lines):
        if whole and (cut := trailer_end(lines[index])) and labels_in(out[-1]):
            out[-1] = f"{out[-1]} {lines[index][:cut].strip()}"
            out.append(lines[index][cut:])
            out_pages.append(pages[index])
            index, whole = index + 1, False
            continue
        found = run_in_lines(lines[index:index + LABEL_WRAP]) if lines[index].strip() else None
        if found is None:
            out.append(lines[index])
            out_pages.append(pages[index])
            index, whole = index + 1, True
            continue
        count, label, rest = found
        out += [label, rest]
        out_pages += [pages[index], pages[index + count - 1]]
        index, whole = index + count, False
    return out, out_pages


class TextLines:
    """The lines of a text stream, repaired, with their pages and the landmarks among them."""

    def __init__(self, blocks: Sequence[TextBlock], model: QualityModel) -> None:
        self.model = model
        self.purposes = Purposes(model)
        self.warnings: list[ImportWarning] = []
        raw, pages = self._lines(blocks)
        self.paged = any(line.startswith("\f") for line in raw)
        """Whether the pages are real page breaks (a dump's form feeds), not guessed from a
        line that starts with a space."""
        raw = [line.removeprefix("\f") for line in raw] if self.paged else raw
        vocabulary_texts = [t.title for t in model.themes] + [t.purpose for t in model.themes]
        repair = repair_lines(raw, vocabulary_texts)
        self.pages = [pages[origin] for origin in repair.origins]
        breaks = {index for index in range(1, len(self.pages))
                  if self.paged and self.pages[index] != self.pages[index - 1]}
        furniture = {furniture_key(repair.lines[index]) for index in running_lines(repair.lines, self.pages, model)[0]
                     if not is_lone_bullet(repair.lines[index])}

        def landmark(line: str) -> bool:  # a running header ends a run of lone bullets too: no item of theirs
            return self._landmark(line) or furniture_key(line) in furniture

        self.lines = self._unnamed_glyphs_read(restore_lines(
            [_DINGBAT_ARROW.sub(ARROW, line) for line in repair.lines], landmark, breaks, self._wraps_title))
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
        self._wrapped_labels_joined()
        running, warnings = running_lines(self.lines, self.pages, model)
        for index in running:
            self.lines[index] = ""
        self.warnings.extend(warnings)
        self.page_first: dict[int, int] = {}
        for index, page in enumerate(self.pages):
            self.page_first.setdefault(page, index)

    def _unnamed_glyphs_read(self, lines: list[str]) -> list[str]:
        """Glyphs the extractor could not name (pdfminer's "(cid:212)") standing alone between
        words, read as arrows — in these reports the symbol font's glyph in running text is one
        ("Historie → Fremtid", as a stand-alone "Æ" from the seeds' symbol font is) — and
        quoted in a warning."""
        seen: Counter[str] = Counter()

        def arrow(match: re.Match[str]) -> str:
            seen[match.group()] += 1
            return "→"

        read = [_UNNAMED_GLYPH.sub(arrow, line) if "(cid:" in line else line for line in lines]
        if seen:
            self.warnings.append(ImportWarning(
                message=f"{sum(seen.values())} glyph(s) the extractor could not name read as arrows: "
                        f"{', '.join(sorted(seen))}", code="glyphs-guessed"))
        return read

    def is_mark(self, text: str) -> bool:
        """Whether a line is a page's theme column label or continuation mark ("Tema 1: …",
        "Tema 4 fortsat fra side 7", "fortsat fra side 4")."""
        folded = fold(text)
        return bool(theme_column(folded, self.model)) or continuation(folded, self.model) is not None or (
            len(folded) < MARK_LENGTH and bool(CONTINUED.match(folded)))

    def _wrapped_labels_joined(self) -> None:
        """A label wrapped over two lines in a narrow box ("Ledere og medarbejdere peger" /
        "på…"), or the last of several labels printed in a row, put on its first line, the
        second left blank. A whole label is not joined to the line before it, which adds no
        label's words but a number a label may wear ("… (se under tema 4, s." / "8)" / "Ledere
        og medarbejdere peger på:": the number is the sentence's)."""
        for index in range(len(self.lines) - 1):
            line, following = self.lines[index].strip(), self.lines[index + 1].strip()
            if (line and following and len(following) < WRAPPED_LABEL and not labels_in(line)
                    and labels_in(f"{line} {following}") not in ((), labels_in(following))):
                self.lines[index], self.lines[index + 1] = f"{line} {following}", ""

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

    def names_themes_only(self, indexes: Sequence[int]) -> bool:
        """Whether lines name themes and say nothing else: each a theme's number alone (a badge)
        or, with its number or not, a theme's whole title — wrapped over lines or not."""
        texts = [fold(self.lines[i]).casefold() for i in indexes if self.lines[i].strip()]
        if not texts or len(texts) > COLUMN_LINES:
            return False
        titles = {fold(theme.title).casefold() for theme in self.model.themes}
        ids = {theme_id.casefold() for theme_id in self.model.theme_ids}
        lines = [_BADGE_NUMBER.sub("", text) for text in texts if text not in ids]
        # the lines, cut into runs that are each a whole title (a title may wrap over lines)
        ends = {0}
        for end in range(1, len(lines) + 1):
            if any(start in ends and " ".join(lines[start:end]) in titles for start in range(end)):
                ends.add(end)
        return bool(lines) and len(lines) in ends

    def _wraps_title(self, previous: str, line: str) -> bool:
        """Whether a line starting with "–" carries on a theme title wrapped before its dash
        ("Målgruppe, metoder og resultater" / "– Fælles fagligt fundament"): the two lines
        together are part of a title of the model."""
        joined = fold(f"{previous} {line}").casefold()
        word = re.escape(self.model.theme_word.casefold())
        joined = re.sub(rf"^{word}\s+\S+?\s*[:.–-]?\s+", "", joined)  # "Tema 3a: " before the title
        return bool(previous.strip()) and any(joined in fold(theme.title).casefold() for theme in self.model.themes)

    def _landmark(self, line: str) -> bool:
        """Whether a line is a box label, a part heading or a theme label: never a list item."""
        return bool(labels_in(line) or part_heading(line) or theme_column(line, self.model))

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
        return _run_in_apart(lines, pages)

    # -- landmarks ----------------------------------------------------------------------

    def label_pages(self) -> list[Labels]:
        """Label lines grouped per theme page: a page ends when a box's label comes again, or at
        a real page break — unless the label after the break is of a box that follows all the
        page's boxes so far (a document flowing over pages: the theme's yellow box on the next
        page)."""
        groups: list[Labels] = []
        current: dict[BoxKind, int] = {}
        order = list(BoxKind)
        for index, line in enumerate(self.lines):
            for kind in labels_in(line):
                broken = (self.paged and current and self.pages[index] != self.pages[max(current.values())]
                          and any(order.index(kind) < order.index(seen) for seen in current))
                if kind in current or broken:
                    groups.append(Labels(current))
                    current = {}
                current[kind] = index
        if current:
            groups.append(Labels(current))
        return groups

    def back_start(self, after: int) -> int:
        """Where assessment, conclusion or appendix begin after line ``after``: at the heading, or
        at a verdict printed just above the assessment's heading on its page (a slide's or a
        page's verdict box read before its heading)."""
        for index in range(after + 1, len(self.lines)):
            found = part_heading(self.lines[index])
            if not (found & _BACK_PARTS or appendix_begins(self.lines, index, self.model)):
                continue
            if Part.ASSESSMENT in found:
                above = index - 1
                while above > after and _is_blank(self.lines[above]) and self.pages[above] == self.pages[index]:
                    above -= 1
                if (above > after and self.pages[above] == self.pages[index]
                        and VERDICT_LINE.fullmatch(fold(self.lines[above]))):
                    return above
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
            if content_seen and PAGE_BREAK.match(line) and not self.damaged:
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

    def grey_purple_adjacent(self, labels: Labels) -> bool:
        """Whether the grey and purple labels stand together, nothing but blank lines between."""
        grey, purple = labels.lines.get(GREY), labels.lines.get(PURPLE)
        return grey is not None and purple is not None and purple >= grey and not self.content(
            range(grey + 1, purple))

    def column_at(self, index: int, start: int) -> int:
        """How many lines the theme column label at line ``index`` takes (0: none there).

        A label may wrap over up to :data:`COLUMN_LINES` lines; the longest reading that names
        a theme wins, up to the line that ends its title. A line that carries on running text ("… som beskrevet under" / "tema 7.")
        is no label: read with the line before, the theme is a reference (:func:`named_themes`).
        """
        line = self.lines[index].strip()
        if not line or not fold(line).casefold().startswith(self.model.theme_word.casefold()):
            return 0
        previous = self.lines[index - 1].strip() if index > start else ""
        if previous and not previous.endswith(SENTENCE_END) and not named_themes(f"{previous} {line}", self.model)[0]:
            return 0  # "… jf. feedback i" / "Tema 3A.": a reference in running text, wrapped
        before = self.lines[index - 2].strip() if not previous and index - 1 > start else ""
        if before[-1:].islower() and line.endswith(".") and not named_themes(f"{before} {line}", self.model)[0]:
            return 0  # the same with a blank line between (pdfminer), the reference ending its sentence
        texts: list[str] = []
        found = 0
        for following in self.lines[index:index + COLUMN_LINES]:
            if _is_blank(following) or (texts and (labels_in(following) or theme_column(following, self.model))):
                break
            texts.append(following.strip().removeprefix("- ") if texts else following.strip())
            titled = f"{texts[0]}: {' '.join(texts[1:])}"  # "Tema 1" / "Uddannelse og beskæftigelse"
            named = theme_column(" ".join(texts), self.model) or (len(texts) > 1 and theme_column(titled, self.model))
            if named:
                found = len(texts)
                if self._title_ends(" ".join(texts), named):
                    break  # the next line is the box's heading ("… Inddragelse og indflydelse" / "Husmøderne")
        return found

    def _title_ends(self, text: str, named: list[str]) -> bool:
        """Whether a theme label's text ends with the whole title of the (last) theme it names."""
        title = fold(self.model.theme(named[-1]).title).casefold()
        return fold(text).casefold().rstrip(" .:").endswith(title)

    def furniture(self, start: int, end: int, page: PageDraft) -> list[int]:
        """The lines of a range that are text, not page furniture; theme labels go to ``page``."""
        kept = []
        index = start
        while index < end:
            taken = self.column_at(index, start)
            if taken:
                label = " ".join(line.strip() for line in self.lines[index:index + taken])
                index += taken
                title = self._title_after(label, index, end)
                if title is not None:  # "Tema 6" / "Fysiske rammer", a blank line between
                    first = next(i for i in range(index, title + 1) if self.lines[i].strip())
                    label = f"{label}: {' '.join(fold(line) for line in self.lines[first:title + 1])}"
                    index = title + 1
                page.column.append(label)
                continue
            line = self.lines[index]
            if not (part_heading(line) or re.fullmatch(r"\s*\d{1,3}\s*", line)):
                kept.append(index)
            index += 1
        return kept

    def _title_after(self, label: str, index: int, end: int) -> int | None:
        """The last line of the title of the theme a bare label ("Tema 6") names, when the
        title stands apart from it, a blank line or two below, wrapped or not; None when there
        is none."""
        named = theme_column(fold(label), self.model)
        theme = self.model.theme(named[0]) if len(named) == 1 and ":" not in label else None
        first = next((i for i in range(index, min(end, index + 3)) if self.lines[i].strip()), None)
        if theme is None or first is None:
            return None
        title, text = fold(theme.title).casefold(), ""
        for last in range(first, min(end, first + COLUMN_LINES)):
            if not self.lines[last].strip():
                return None
            text = f"{text} {fold(self.lines[last])}".strip().casefold()
            if text == title:
                return last
            if not title.startswith(text):
                return None
        return None

    def content(self, indexes: Sequence[int]) -> bool:
        return any(self.lines[i].strip() for i in indexes)

    def text(self, indexes: Sequence[int]) -> list[str]:
        return [self.lines[i] for i in indexes]

    def box(self, indexes: Sequence[int]) -> list[Paragraph]:
        return [Paragraph(text) for text in paragraphs(hanging_items(self.text(indexes)))]
