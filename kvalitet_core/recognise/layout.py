"""Reading a report from positioned or styled blocks (PDF, Word): boxes by fill, then by labels.

A block's box comes from the extractor (``box``), else from its fill colour; a block with
neither that sits under a box label on a theme page is placed in that label's box by position,
which is recorded as a warning. A theme page is a page that prints box labels or text in at
least two kinds of box; the pages before the first theme page are front matter, those after the
last one back matter. Inside a box, blocks are read top to bottom, then left to right; bold
blocks are topic headings, bold runs are the visiting team's cards, list items get "- ".

Streams without coordinates (a Word file) may not have real pages either; there the theme pages
run from the first box label to the last, and a new one starts where a theme column label
appears, where a box label comes again or where text returns to a box it had left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from kvalitet_core.model import BoxKind, ImportWarning
from kvalitet_core.quality_model import QualityModel
from kvalitet_core.recognise.anatomy import continuation, labels_in, theme_column
from kvalitet_core.recognise.blocks import TextBlock, box_for_fill
from kvalitet_core.recognise.draft import DocumentDraft, Line, PageDraft, Paragraph
from kvalitet_core.recognise.glyphs import restore_glyphs, restore_lines
from kvalitet_core.recognise.line_paragraphs import join_lines, paragraphs

LINE_JOIN = 0.5
"""Vertical gap, as a share of the font size, below which two line blocks form one paragraph."""
COLUMN_SHARE = 0.3
"""The theme column lies within this share of the page width from the left edge."""


def has_layout(blocks: Sequence[TextBlock]) -> bool:
    """Whether the stream carries box membership, fills or coordinates."""
    return any(block.box is not None or block.fill is not None or block.bbox is not None for block in blocks)


@dataclass(frozen=True, slots=True)
class _Placed:
    block: TextBlock
    kind: BoxKind | None
    labels: tuple[BoxKind, ...]


def _place(blocks: Sequence[TextBlock]) -> list[_Placed]:
    return [_Placed(part, part.box or box_for_fill(part.fill), tuple(labels_in(part.text)))
            for block in blocks for part in _split_labels(block)]


def _split_labels(block: TextBlock) -> list[TextBlock]:
    """A block whose first or last line is a box label, split into the label and the rest.

    Extractors that group lines by spacing and style merge a bold label with the bold heading
    under it ("Vi talte om\nBred faglighed"); the label is a landmark, never content.
    """
    lines = [line for line in block.text.split("\n") if line.strip()]
    if len(lines) < 2:
        return [block]
    for index, label_first in ((0, True), (len(lines) - 1, False)):
        if not labels_in(lines[index]):
            continue
        rest = lines[1:] if label_first else lines[:-1]
        label, body = _cut(block, lines[index], "\n".join(rest), len(lines), label_first)
        return [label, *_split_labels(body)] if label_first else [*_split_labels(body), label]
    return [block]


def _cut(block: TextBlock, label: str, rest: str, line_count: int, label_first: bool) -> tuple[TextBlock, TextBlock]:
    """The label line and the remaining text as two blocks, the bounding box shared by line."""
    if block.bbox is None:
        return replace(block, text=label, bold_phrases=()), replace(block, text=rest)
    x0, y0, x1, y1 = block.bbox
    cut = y0 + (y1 - y0) / line_count if label_first else y1 - (y1 - y0) / line_count
    label_box, rest_box = ((x0, y0, x1, cut), (x0, cut, x1, y1)) if label_first else ((x0, cut, x1, y1), (x0, y0, x1, cut))
    return (replace(block, text=label, bbox=label_box, bold_phrases=()),
            replace(block, text=rest, bbox=rest_box))


def _is_theme_page(placed: list[_Placed]) -> bool:
    kinds = {p.kind for p in placed if p.kind is not None and not p.labels}
    return any(p.labels for p in placed) or len(kinds) >= 2


def _group_pages(placed: list[_Placed], model: QualityModel) -> list[list[_Placed]]:
    """Blocks per page; without coordinates, per theme page as the labels and column mark them."""
    if all(p.block.bbox is not None for p in placed if p.kind is not None):
        pages: dict[int, list[_Placed]] = {}
        for item in placed:
            pages.setdefault(item.block.page, []).append(item)
        return [pages[number] for number in sorted(pages)]
    labelled = [index for index, item in enumerate(placed) if item.labels]
    if not labelled:
        return [placed]
    first, last = labelled[0], labelled[-1]
    while first > 0 and (placed[first - 1].kind is not None or theme_column(placed[first - 1].block.text, model)):
        first -= 1
    while last + 1 < len(placed) and placed[last + 1].kind is not None:
        last += 1
    return [placed[:first], *_split_stream(placed[first:last + 1], model), placed[last + 1:]]


def _split_stream(placed: list[_Placed], model: QualityModel) -> list[list[_Placed]]:
    """Theme pages of a stream without pages: a page ends where a theme column label appears,
    where a box label comes again, or where text returns to a box it had left."""
    groups: list[list[_Placed]] = [[]]
    seen: set[BoxKind] = set()
    last: BoxKind | None = None
    for item in placed:
        marker = bool(theme_column(item.block.text, model)) and bool(seen)
        repeated = any(label in seen for label in item.labels) or (
            item.kind is not None and item.kind != last and item.kind in seen and not item.labels)
        if groups[-1] and (marker or repeated):
            groups.append([])
            seen, last = set(), None
        groups[-1].append(item)
        seen.update(item.labels or ((item.kind,) if item.kind else ()))
        last = item.labels[-1] if item.labels else (item.kind or last)
    return groups


def _front_back_lines(placed: list[_Placed]) -> list[Line]:
    """Running text as lines; a blank line between blocks that are not consecutive lines."""
    lines: list[Line] = []
    previous: TextBlock | None = None
    for item in placed:
        block = item.block
        if previous is not None and not _adjacent(previous, block):
            lines.append(Line("", block.page))
        text = ("- " if block.bullet else "") + block.text
        lines.extend(Line(restore_glyphs(part), block.page) for part in text.split("\n"))
        previous = block
    return lines


def _adjacent(upper: TextBlock, lower: TextBlock) -> bool:
    """Whether ``lower`` is the line right below ``upper``: nothing but a line's leading between."""
    if upper.bbox is None or lower.bbox is None or upper.page != lower.page:
        return False
    size = upper.size or (upper.bbox[3] - upper.bbox[1])
    gap = lower.bbox[1] - upper.bbox[3]
    return -size * LINE_JOIN < gap < size * LINE_JOIN and abs(lower.bbox[0] - upper.bbox[0]) < size * 3


def _by_position(item: _Placed, labels: list[_Placed]) -> BoxKind | None:
    """The box whose label stands nearest above a block and overlaps it horizontally."""
    box = item.block.bbox
    best: tuple[float, BoxKind] | None = None
    for label in labels:
        frame = label.block.bbox
        if box is None or frame is None or frame[1] > box[1] + 1 or frame[2] < box[0] or frame[0] > box[2]:
            continue
        distance = box[1] - frame[1]
        if best is None or distance < best[0]:
            best = (distance, label.labels[-1])
    return best[1] if best else None


def _in_column(block: TextBlock) -> bool:
    if block.bbox is None or block.page_size is None:
        return False
    return block.bbox[2] <= block.page_size[0] * COLUMN_SHARE


def _reading_position(item: _Placed) -> tuple[int, float]:
    x0, y0, _, _ = item.block.bbox or (0.0, 0.0, 0.0, 0.0)
    return round(y0), x0


def _paragraphs(items: list[_Placed]) -> list[Paragraph]:
    """A box's blocks in reading order (top to bottom, then left to right), line blocks of one
    paragraph joined, a block holding several paragraphs split."""
    if all(item.block.bbox for item in items):
        items = sorted(items, key=_reading_position)
    result: list[Paragraph] = []
    previous: TextBlock | None = None
    for item in items:
        block = item.block
        texts = paragraphs(restore_lines(block.text.split("\n")))
        if texts and block.bullet:
            texts[0] = "- " + texts[0].removeprefix("- ")
        if texts and previous is not None and result and _same_paragraph(previous, block):
            last = result.pop()
            texts[0] = join_lines(last.text, texts[0])
            block_cards = last.cards + block.bold_phrases
        else:
            block_cards = block.bold_phrases
        for number, text in enumerate(texts):
            result.append(Paragraph(text, heading=block.bold, cards=tuple(block_cards) if number == 0 else ()))
        previous = block
    return result


def _same_paragraph(upper: TextBlock, lower: TextBlock) -> bool:
    """Two blocks are lines of one paragraph when nothing but a line's leading separates them."""
    return not lower.bullet and lower.bold == upper.bold and _adjacent(upper, lower)


def _column_text(text: str, model: QualityModel) -> bool:
    return bool(theme_column(text, model)) or (continuation(text, model) is not None and len(text) < 60)


def _theme_page(items: list[_Placed], page_number: int, model: QualityModel,
                warnings: list[ImportWarning]) -> PageDraft:
    page = PageDraft(page=page_number)
    labels = [item for item in items if item.labels]
    members: dict[BoxKind, list[_Placed]] = {kind: [] for kind in BoxKind}
    guessed = 0
    for item in items:
        if item.labels:
            continue
        kind = item.kind
        if kind is None and not _in_column(item.block):
            kind = _by_position(item, labels)  # under a label, even "Tema 4 fortsat" is box text
            guessed += kind is not None
        if kind is None:
            page.column.append(item.block.text.strip())
        else:
            members[kind].append(item)
    if guessed:
        warnings.append(ImportWarning(message=f"{guessed} block(s) placed in a box by their position under its label",
                                      page=page_number, code="box-by-position"))
    outside = [text for text in page.column if text and not _column_text(text, model) and len(text) > 60]
    if outside:
        warnings.append(ImportWarning(message=f"{len(outside)} block(s) of running text outside the boxes left out "
                                              f"(“{outside[0][:40]}…”)", page=page_number, code="text-outside-boxes"))
    for kind in BoxKind:
        page.boxes[kind] = _paragraphs(members[kind])
    return page


def read_layout(blocks: Sequence[TextBlock], model: QualityModel) -> DocumentDraft:
    """Cut a stream of positioned or styled blocks into front matter, theme pages and back matter."""
    draft = DocumentDraft()
    groups = _group_pages(_place(blocks), model)
    theme_pages = [index for index, group in enumerate(groups) if _is_theme_page(group)]
    if not theme_pages:
        draft.front = _front_back_lines([item for group in groups for item in group])
        return draft
    first, last = theme_pages[0], theme_pages[-1]
    draft.front = _front_back_lines([item for group in groups[:first] for item in group])
    draft.back = _front_back_lines([item for group in groups[last + 1:] for item in group])
    for index in range(first, last + 1):
        group = groups[index]
        if index in theme_pages:
            draft.pages.append(_theme_page(group, group[0].block.page, model, draft.warnings))
        elif any(item.block.text.strip() for item in group):
            draft.warnings.append(ImportWarning(
                message="a page between theme pages without boxes or labels was skipped",
                page=group[0].block.page, code="page-skipped"))
    return draft
