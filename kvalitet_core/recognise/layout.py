"""Reading a report from positioned or styled blocks (PDF, Word, PowerPoint): boxes by their labels.

Readers report the regions a page is made of — filled or bordered shapes, table cells, text
boxes — and which region each block sits in. A region is a report box because of the label
printed in it (or just above it): the region that says "Vi talte om" is the grey box, whatever
its colour. Regions without a label are page furniture — the theme column or band, the side
box, a cover band, the assessment box — so a shaded theme column is never read as a box. A
label that stands on its own claims the region right below it; with no region there (boxes
drawn without fill or border), the blocks under the label are its box's, by position (or, in a
stream without coordinates, by order). Colour is the last resort: a region without a label
whose fill matches the fill the labels gave a box elsewhere in the same document, recorded as a
warning.

Pages come from the document's hard breaks. On a theme page, the text outside the boxes names
the page's themes; it is kept whole, however it wraps, for :mod:`.themes` to parse. Streams
without coordinates or real page breaks (a Word file without page breaks) are cut into theme
pages where a box label comes again.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import combinations, groupby

from kvalitet_core.model import BoxKind, ImportWarning
from kvalitet_core.quality_model import QualityModel
from kvalitet_core.recognise.anatomy import (
    CONTINUED,
    LABEL_WRAP,
    VERDICT_LINE,
    Part,
    fold,
    labels_in,
    named_themes,
    part_heading,
    run_in_lines,
    spaced_word,
    theme_column,
    trailer_end,
    unnumbered,
)
from kvalitet_core.recognise.blocks import RGB, BBox, Region, TextBlock
from kvalitet_core.recognise.box_columns import column_order
from kvalitet_core.recognise.draft import DocumentDraft, Line, PageDraft, Paragraph
from kvalitet_core.recognise.glyphs import is_list_item, restore_glyphs, restore_lines
from kvalitet_core.recognise.line_paragraphs import breaks_off, join_lines, paragraphs
from kvalitet_core.recognise.purposes import Purposes
from kvalitet_core.recognise.symbol_fonts import DASHES

LINE_JOIN = 0.5
"""Vertical gap, as a share of the font size, below which two line blocks form one paragraph."""
LABEL_REACH = 4.0
"""How far below a stand-alone label (in label heights) the region it titles may begin."""
_CELL_GUTTER = 12.0
"""Points of gutter a label's cell may stand apart from the box beside it, the two one row."""
_STRIP_HEIGHT, _STRIP_WIDTH = 0.8, 0.25
"""A strip down a region's side runs at least this share of its height, and is at most this share
of its width."""
_SYNTHETIC = -1
"""Ids of regions made up for fill-only blocks count down from here, clear of readers' ids."""
_EDGE = 2.0
"""Points within which two edges count as one."""
ICON_REACH = 4.0
"""Label heights left of a label within which a symbol on its line is the label's icon."""
COLOUR_DISTANCE = 24.0
"""Largest RGB distance at which a region's fill counts as a box's fill learned from its label."""


def has_layout(blocks: Sequence[TextBlock]) -> bool:
    """Whether the stream carries regions, box membership, fills or coordinates."""
    return any(block.region is not None or block.box is not None or block.fill is not None
               or block.bbox is not None for block in blocks)


@dataclass(slots=True, eq=False)
class _Item:
    """A block (or a label cut from one) and the box it was found to belong to."""

    block: TextBlock
    labels: tuple[BoxKind, ...]
    kind: BoxKind | None = None
    how: str = ""
    """How ``kind`` was decided: "label", "position", "colour", "fragment" or "stated"."""

    @property
    def region(self) -> int | None:
        return self.block.region.id if self.block.region is not None else None


def _items(blocks: Sequence[TextBlock]) -> list[_Item]:
    return [_Item(part, tuple(labels_in(part.text)))
            for block in _join_wrapped_labels(_with_regions(blocks)) for part in _split_labels(block)]


def _join_wrapped_labels(blocks: list[TextBlock]) -> list[TextBlock]:
    """Two consecutive blocks of one region that together print a box label ("Ledere og
    medarbejdere" / "peger på, at…"), or begin with one run in before text ("Ledere og
    medarbejdere" / "peger på: Se tema 4"), as one block: a narrow box wraps its label, and a
    reader may see a paragraph break inside it. A label's ellipsis wrapped onto the text after
    it ("DETTE PEGER PÅ AT" / "... Besøget …") goes back to the label."""
    result: list[TextBlock] = []
    for block in blocks:
        previous = result[-1] if result else None
        if (previous is not None and previous.page == block.page and previous.region == block.region
                and not labels_in(previous.text)
                and (labels_in(f"{previous.text} {block.text}")
                     or _run_in_across(previous.text.split("\n"), block.text.split("\n")))):
            bbox = None
            if previous.bbox is not None and block.bbox is not None:
                bbox = (min(previous.bbox[0], block.bbox[0]), min(previous.bbox[1], block.bbox[1]),
                        max(previous.bbox[2], block.bbox[2]), max(previous.bbox[3], block.bbox[3]))
            result[-1] = replace(previous, text=f"{previous.text}\n{block.text}", bbox=bbox)
        elif (previous is not None and previous.page == block.page and previous.region == block.region
              and labels_in(previous.text) and (cut := trailer_end(block.text))):
            result[-1] = replace(previous, text=f"{previous.text} {block.text[:cut].strip()}")
            result.append(replace(block, text=block.text[cut:]))
        else:
            result.append(block)
    return result


def _run_in_across(upper: list[str], lower: list[str]) -> bool:
    """Whether a label run in before its text begins on the last lines of ``upper`` and ends on
    the first line of ``lower``."""
    for count in range(1, min(LABEL_WRAP, len(upper) + 1)):
        found = run_in_lines([*upper[-count:], *lower[:1]])
        if found is not None and found[0] == count + 1:
            return True
    return False


def _with_regions(blocks: Sequence[TextBlock]) -> list[TextBlock]:
    """Blocks that report a fill but no region (a reader that knows only the shading behind a
    paragraph) get one: on a page with coordinates, one region per fill around all its blocks;
    without, consecutive blocks of the same fill, as consecutive shaded paragraphs print as one
    shaded area."""
    if all(block.region is not None or block.fill is None for block in blocks):
        return list(blocks)
    keys: list[tuple | None] = []
    run = 0
    for index, block in enumerate(blocks):
        if block.region is not None or block.fill is None:
            keys.append(None)
            continue
        if block.bbox is not None:
            keys.append((block.page, block.fill))
            continue
        previous = blocks[index - 1] if index else None
        if previous is None or keys[-1] is None or previous.fill != block.fill or previous.page != block.page:
            run += 1
        keys.append((block.page, block.fill, run))
    members: dict[tuple, list[TextBlock]] = {}
    for key, block in zip(keys, blocks):
        if key is not None:
            members.setdefault(key, []).append(block)
    regions: dict[tuple, Region] = {}
    for number, (key, group) in enumerate(members.items()):
        boxes = [block.bbox for block in group if block.bbox is not None]
        bounds = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                  max(b[3] for b in boxes)) if boxes else None
        regions[key] = Region(_SYNTHETIC - number, bounds, group[0].fill)
    return [block if key is None else replace(block, region=regions[key]) for key, block in zip(keys, blocks)]


def _split_labels(block: TextBlock) -> list[TextBlock]:
    """A block whose first or last lines are a box label, split into the label and the rest.

    Extractors that group lines by spacing and style merge a bold label with the bold heading
    under it ("Vi talte om\nBred faglighed"), and a narrow label wraps ("DETTE PEGER PÅ AT\n…");
    a label may be run in before its box's text ("Vi talte om: Brugerne …", a form's field and
    value on one line); the label is a landmark, never content.
    """
    lines = [line for line in block.text.split("\n") if line.strip()]
    run_in = run_in_lines(lines)
    if run_in is not None:
        count, label_text, rest = run_in
        label, body = _cut(block, label_text, "\n".join([rest, *lines[count:]]), count - 0.5, len(lines), True)
        return [label, *_split_labels(body)]
    if len(lines) < 2 or labels_in(" ".join(lines)):
        return [block]
    for count in range(min(3, len(lines) - 1), 0, -1):
        if labels_in(" ".join(lines[:count])):
            label, body = _cut(block, "\n".join(lines[:count]), "\n".join(lines[count:]), count, len(lines), True)
            return [label, *_split_labels(body)]
        if labels_in(" ".join(lines[-count:])):
            label, body = _cut(block, "\n".join(lines[-count:]), "\n".join(lines[:-count]), count, len(lines), False)
            return [*_split_labels(body), label]
    return [block]


def _cut(block: TextBlock, label: str, rest: str, label_lines: float, line_count: int,
         label_first: bool) -> tuple[TextBlock, TextBlock]:
    """The label lines and the remaining text as two blocks, the bounding box shared by line."""
    if block.bbox is None:
        return replace(block, text=label, bold_phrases=()), replace(block, text=rest)
    x0, y0, x1, y1 = block.bbox
    share = (y1 - y0) * label_lines / line_count
    cut = y0 + share if label_first else y1 - share
    label_box, rest_box = ((x0, y0, x1, cut), (x0, cut, x1, y1)) if label_first else ((x0, cut, x1, y1), (x0, y0, x1, cut))
    return (replace(block, text=label, bbox=label_box, bold_phrases=()),
            replace(block, text=rest, bbox=rest_box))


# --- which box each block is in ------------------------------------------------------------------

def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2]


def _contains(outer: BBox, inner: BBox) -> bool:
    return outer[0] <= inner[0] + 1 and outer[1] <= inner[1] + 1 and inner[2] <= outer[2] + 1 and inner[3] <= outer[3] + 1


class _PageBoxes:
    """Decides the box of every item of one page (or of one stream without pages)."""

    def __init__(self, items: list[_Item], geometry: bool, model: QualityModel,
                 furniture: Collection[int] = ()) -> None:
        self.items = items
        self.furniture = furniture
        """Items (by ``id``) that are running headers or footers in the page margins: no box's."""
        self.model = model
        self.geometry = geometry
        self.members: dict[int, list[_Item]] = {}
        for item in items:
            if item.region is not None:
                self.members.setdefault(item.region, []).append(item)
        self.kinds: dict[int, BoxKind] = {}
        self.free_labels: list[_Item] = []
        self.positional: list[_Item] = []
        self.claims: dict[int, int] = {}
        """Stand-alone label (by ``id``) → the region it claimed."""
        self.side_labels: list[_Item] | None = None
        """Labels standing in a column of their own, found when first needed (``_side_labels``)."""
        self.barrier_items: list[_Item] | None = None
        """The theme labels and part headings outside the boxes, found when first needed (their
        bounds, less those a box has taken by now: ``_barriers``)."""
        self.label_starts: dict[int, float] = {}
        """Label (by ``id``) → where it starts with the icon set before it."""
        self.icons: set[int] = set()
        """Icons set before labels (by ``id``): the label's decoration, no box's text."""
        if geometry:
            self._find_icons()

    def _find_icons(self) -> None:
        """A symbol standing just left of a label on its line ("❝ Vi talte om", "➜ Dette peger på
        at…"), in a disc or shape of its own or not: the label starts where its icon does. A
        symbol on the label's line in the label's own bar decorates it too."""
        labels = [item for item in self.items if item.labels and item.block.bbox is not None]
        for item in self.items:
            text = item.block.text.strip()
            if item.labels or item.block.bbox is None or not text or len(text) > 2 or any(c.isalnum() for c in text):
                continue
            x0, y0, x1, y1 = item.block.bbox
            for label in labels:
                frame = label.block.bbox
                height = max(frame[3] - frame[1], 1.0)
                if not frame[1] - height / 2 <= (y0 + y1) / 2 <= frame[3] + height / 2:
                    continue
                if frame[0] - ICON_REACH * height <= x1 <= frame[0] + _EDGE:
                    self.icons.add(id(item))
                    self.label_starts[id(label)] = min(x0, self.label_starts.get(id(label), frame[0]))
                    break
                if item.region is not None and item.region == label.region:
                    self.icons.add(id(item))  # at the far end of the label's bar (an accordion's "▼")
                    break

    def decide(self) -> None:
        containers: set[int] = set()
        self._drop_text_above_labels()
        for region, members in self.members.items():
            kinds = {kind for item in members for kind in item.labels}
            # a lone symbol beside the label (an accordion's "▼" at a header bar's end) is no content
            content = any(not item.labels and any(char.isalnum() for char in item.block.text) for item in members)
            if len(kinds) == 1 and content:
                self.kinds[region] = kinds.pop()
            elif len(kinds) > 1:
                containers.add(region)
        for item in self.items:
            if item.labels and (item.region is None or item.region not in self.kinds):
                self.free_labels.append(item)
        for label in self.free_labels:
            claimed = self._claim(label, containers)
            if claimed is None:
                self.positional.append(label)
            else:
                self.kinds[claimed] = label.labels[-1]
                self.claims[id(label)] = claimed
        for label in list(self.positional):  # once every label above its region has claimed it
            captioned = self._captioned(label, containers)
            if captioned is not None:
                self.positional.remove(label)
                self.kinds[captioned] = label.labels[-1]
                self.claims[id(label)] = captioned
        self._inherit_nested(containers)
        self._assign(containers)

    def _drop_text_above_labels(self) -> None:
        """A box's label stands at its top: a line inside the region but above the label is the
        end of the box above, run over its edge (a browser breaking a page), not this box's. It
        goes to the smallest other region around it that does not hold the label, if any."""
        if not self.geometry:
            return
        for region, members in list(self.members.items()):
            labels = [item.block.bbox for item in members if item.labels and item.block.bbox]
            if not labels:
                continue
            top = min(bbox[1] for bbox in labels)
            for item in [item for item in members if not item.labels and item.block.bbox
                         and (item.block.bbox[1] + item.block.bbox[3]) / 2 < top]:
                members.remove(item)
                item.block = replace(item.block, region=self._around(item.block.bbox, labels, region))
                if item.block.region is not None:
                    self.members.setdefault(item.block.region.id, []).append(item)

    def _around(self, box: BBox, labels: list[BBox], exclude: int) -> Region | None:
        """The smallest region of the page holding the centre of ``box`` but none of ``labels``."""
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        found: list[tuple[float, Region]] = []
        for region, members in self.members.items():
            bounds = members[0].block.region.bbox if members and members[0].block.region else None
            if region == exclude or bounds is None or not (bounds[0] <= x <= bounds[2] and bounds[1] <= y <= bounds[3]):
                continue
            if any(_contains(bounds, label) for label in labels):
                continue
            found.append(((bounds[2] - bounds[0]) * (bounds[3] - bounds[1]), members[0].block.region))
        return min(found, key=lambda pair: pair[0])[1] if found else None

    def _claim(self, label: _Item, containers: set[int]) -> int | None:
        """The unlabelled region a stand-alone label titles: the nearest one right below it that
        it overlaps horizontally; in a stream without coordinates, the region that follows it."""
        if not self.geometry or label.block.bbox is None:
            region = self._following_region(label)
            if region is not None and region not in self.kinds and region not in containers:
                return region
            return None
        frame = label.block.bbox
        height = max(frame[3] - frame[1], 1.0)
        best: tuple[float, int] | None = None
        for region, members, bounds in self._unclaimed(label, containers):
            if all(item.labels or _opens_theme(item, self.model) for item in members) or not _overlaps(frame, bounds):
                continue  # (a theme's band below an empty box is no box)
            distance = bounds[1] - frame[1]
            if _contains(bounds, frame) and (_side_strip(label, bounds) or not any(
                    not item.labels and item.block.bbox and item.block.bbox[3] <= frame[1] for item in members)):
                distance = max(distance, -height)  # the label in a strip of its own at the region's top or side
            if -height <= distance <= LABEL_REACH * height + height and (best is None or distance < best[0]) \
                    and not self._walled_off(frame, bounds):
                best = (distance, region)
        return best[1] if best else self._beside(label, containers)

    def _unclaimed(self, label: _Item, containers: set[int]) -> Iterator[tuple[int, list[_Item], BBox]]:
        """The regions with bounds that a label may title: no box's yet, no container of several
        labels, not the label's own."""
        for region, members in self.members.items():
            bounds = members[0].block.region.bbox if members[0].block.region else None
            if bounds is not None and region not in self.kinds and region not in containers and region != label.region:
                yield region, members, bounds

    def _captioned(self, label: _Item, containers: set[int]) -> int | None:
        """The unlabelled region a label stands right under as its caption — a template that
        prints each box's label at its foot, under a rule — when no text follows the label in
        its column (a label over its box's text titles that text, by position). A label in a
        region of its own is that region's: an empty box's, or its bar's. A theme's band, or a
        region reaching over another label (a band across the columns), is no box."""
        if not self.geometry or label.block.bbox is None or label.region is not None:
            return None
        frame = label.block.bbox
        height = max(frame[3] - frame[1], 1.0)
        if any(not item.labels and item.block.text.strip() and item.block.bbox is not None
               and frame[3] - _EDGE <= item.block.bbox[1] <= frame[3] + LABEL_REACH * height
               and _overlaps(frame, item.block.bbox) and not self._barrier(item) for item in self.items):
            return None
        labels = [item for item in self.items if item.labels and item.block.bbox is not None]
        best: tuple[float, int] | None = None
        for region, members, bounds in self._unclaimed(label, containers):
            if all(item.labels or _names_theme(item, self.model) for item in members) \
                    or any(_opens_theme(item, self.model) for item in members) or not _overlaps(frame, bounds) \
                    or any(other is not label and _overlaps(other.block.bbox, bounds) for other in labels):
                continue
            distance = frame[1] - bounds[3]
            if -_EDGE <= distance <= LABEL_REACH * height and (best is None or distance < best[0]) \
                    and not self._walled_off(bounds, frame):
                best = (distance, region)
        return best[1] if best else None

    def _walled_off(self, upper: BBox, lower: BBox) -> bool:
        """Whether a theme's label or a part's heading stands between a label and the region it
        would title (an empty box's label over "Bedømmelse" and its verdict's shaded box)."""
        return any(upper[3] <= wall[1] and wall[3] <= lower[1] + _EDGE and _overlaps(wall, lower)
                   for wall in self._barriers())

    def _barriers(self) -> list[BBox]:
        """Bounds of the theme labels and part headings outside the boxes that no box has taken."""
        if self.barrier_items is None:
            self.barrier_items = [other for other in self.items
                                  if other.block.bbox is not None and self._barrier(other)]
        return [other.block.bbox for other in self.barrier_items if other.kind is None]  # type: ignore[misc]

    def _beside(self, label: _Item, containers: set[int]) -> int | None:
        """The unlabelled region right of a label's own cell, sharing its edge, its top level
        with the label's or with the label's cell (a row of a table whose label is centred in
        its cell): a form whose labels stand in a narrow column of cells left of the texts they
        title — or a tab a gutter apart (``_tab_beside``). (A region standing apart from the
        label's otherwise, a theme column beside an empty box, is no such cell.)"""
        frame = label.block.bbox
        cell = label.block.region.bbox if label.block.region is not None else None
        if frame is None or cell is None:
            return None
        height = max(frame[3] - frame[1], 1.0)
        best: tuple[tuple[float, float], int] | None = None
        for region, members, bounds in self._unclaimed(label, containers):
            if not any(not item.labels for item in members) or not (
                    abs(bounds[0] - cell[2]) <= _EDGE or self._tab_beside(cell, bounds, members)):
                continue
            if all(item.labels or _names_theme(item, self.model) for item in members):
                continue  # the page's title cell beside an empty box
            key = (bounds[0], abs(bounds[1] - frame[1]))
            level = bounds[1] - height <= frame[1] <= bounds[1] + 2 * height or abs(bounds[1] - cell[1]) <= _EDGE
            if level and (best is None or key < best[0]):
                best = (key, region)
        return best[1] if best else None

    def _tab_beside(self, cell: BBox, bounds: BBox, members: list[_Item]) -> bool:
        """Whether a label's cell is a tab a gutter apart from the region right of it: a narrow
        strip as tall as the region, sharing its top and foot, the region no theme's cell (an empty
        box's label beside the page's theme cell, a gutter apart, titles nothing)."""
        return (abs(bounds[1] - cell[1]) <= _EDGE and abs(bounds[3] - cell[3]) <= _EDGE
                and 0 <= bounds[0] - cell[2] <= _CELL_GUTTER and cell[2] - cell[0] <= _STRIP_WIDTH * (bounds[2] - bounds[0])
                and not any(_names_theme(item, self.model) for item in members))

    def _following_region(self, label: _Item) -> int | None:
        """In a stream without coordinates, the region a stand-alone label titles: the first
        region after it — or, for labels standing in a run each in a region of its own (a table's
        header row of labels over a row of texts), the region at the label's place in the run
        among the regions that follow the run. A region that names a theme (a table's title
        cell after the boxes) is no box's text; a label before the next region leaves this
        one's box empty (its region only the label, the next theme's boxes follow)."""
        index = next(number for number, item in enumerate(self.items) if item is label)
        start = end = index
        while start > 0 and self._lone_label(self.items[start - 1]):
            start -= 1
        while end + 1 < len(self.items) and self._lone_label(self.items[end + 1]):
            end += 1
        run = self.items[start:end + 1]
        following: dict[int | None, _Item] = {}
        for item in self.items[end + 1:]:
            if item.labels:
                break
            if not _names_theme(item, self.model):
                following.setdefault(item.region, item)
        if len(run) > 1 and len({item.region for item in run}) == len(run) and following:
            pairs = _pair_in_order(run, list(following.values()))
            if label in pairs:
                return pairs[label].region
            return None
        for item in self.items[index + 1:]:
            if item.labels:
                return None  # an empty box: the next label's text is not this one's
            if not _names_theme(item, self.model):
                return item.region
        return None

    @staticmethod
    def _lone_label(item: _Item) -> bool:
        return bool(item.labels) and item.region is not None

    def _inherit_nested(self, containers: set[int]) -> None:
        """A region drawn inside a box (a panel, a cell of an inner table) is part of that box."""
        bounds = {region: members[0].block.region.bbox for region, members in self.members.items()
                  if members[0].block.region is not None and members[0].block.region.bbox is not None}
        for region in bounds:
            if region in self.kinds or region in containers:
                continue
            holders = [(other, box) for other, box in bounds.items() if other in self.kinds and other != region
                       and _contains(box, bounds[region])]
            if holders:
                smallest = min(holders, key=lambda pair: (pair[1][2] - pair[1][0]) * (pair[1][3] - pair[1][1]))
                self.kinds[region] = self.kinds[smallest[0]]

    def _assign(self, containers: set[int]) -> None:
        active: BoxKind | None = None
        after_label = False
        for item in self.items:
            if id(item) in self.furniture or id(item) in self.icons:
                continue
            if item.block.box is not None:
                item.kind, item.how = item.block.box, "stated"
            elif item.labels:
                item.kind, item.how = item.labels[-1], "label"
                active = item.labels[-1] if item in self.positional else None
                after_label = True
                continue
            elif item.region is not None and item.region in self.kinds:
                item.kind, item.how = self.kinds[item.region], "label"
            elif item.region is not None and item.region not in containers:
                pass  # furniture
            elif self.geometry and item.block.bbox is not None:
                # a theme's name or a part's heading below a box without fill or frame opens what
                # follows: no box's text
                kind = self._inside_box(item) or (
                    None if not self.free_labels or self._barrier(item) else self._under_label(item))
                if kind is not None:
                    item.kind, item.how = kind, "position"
            elif active is not None and (_names_theme(item, self.model) or part_heading(item.block.text)) \
                    and not (after_label and _box_opening(item, self.model)):
                active = None  # the next theme's column, or the assessment: the box has ended
            elif active is not None:
                item.kind, item.how = active, "position"
            if item.region is not None and item.region not in containers:
                active = None
            after_label = False

    def _inside_box(self, item: _Item) -> BoxKind | None:
        """The box whose region's bounds hold the centre of a block that reports no region."""
        x0, y0, x1, y1 = item.block.bbox  # type: ignore[misc]
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        for region, kind in self.kinds.items():
            bounds = self.members[region][0].block.region.bbox  # type: ignore[union-attr]
            if bounds is not None and bounds[0] <= x <= bounds[2] and bounds[1] <= y <= bounds[3]:
                return kind
        return None

    def _barrier(self, item: _Item) -> bool:
        """Whether a block outside the boxes ends the boxes above it: a theme's label ("Tema 6:
        Fysiske rammer", or set bold "Tema 4 (fortsat)" — a box's own "Tema 4 fortsat fra side 8"
        is not, nor a topic heading named as a theme's title) or a part's heading ("Bedømmelse",
        "Konklusion")."""
        text = fold(item.block.text)
        return item.region is None and (
            _opens_theme(item, self.model) or bool(part_heading(text))
            or (item.block.bold and _begins_with_theme_word(text, self.model)
                and _names_theme(item, self.model)))

    def _under_label(self, item: _Item) -> BoxKind | None:
        """The box of the stand-alone label nearest above a block, overlapping it horizontally —
        if that label titles a region, only down to the region's bottom; never past a theme's
        label or a part's heading between the two."""
        box = item.block.bbox
        assert box is not None
        best: tuple[float, BoxKind] | None = None
        walls = self._barriers()
        for label in self.free_labels:
            frame = label.block.bbox
            if frame is None or frame[1] > box[1] + 1:
                continue
            if _walled(frame, box, walls):
                continue
            claimed = self.claims.get(id(label))
            if claimed is not None:
                region = self.members[claimed][0].block.region
                if region is None or region.bbox is None or box[1] >= region.bbox[3] \
                        or not region.bbox[0] <= (box[0] + box[2]) / 2 <= region.bbox[2]:
                    continue
            elif not self.label_starts.get(id(label), frame[0]) - 2 * (frame[3] - frame[1]) <= box[0] <= frame[2]:
                continue  # text of a box starts where its label does, not in the column beside it
            distance = box[1] - frame[1]
            if best is None or distance < best[0]:
                best = (distance, label.labels[-1])
        return best[1] if best else self._beside_label(item, walls)

    def _beside_label(self, item: _Item, walls: list[BBox]) -> BoxKind | None:
        """The box of the label nearest above or level with a block that stands right of a
        column of labels — a table without fills or borders, each label in a cell left of its
        text: no text starts under a label in its own column. (No theme's title: a theme
        column right of an empty box is no box's text.)"""
        box = item.block.bbox
        assert box is not None
        if item.region is not None or (_names_theme(item, self.model) and not _box_opening(item, self.model)):
            return None  # (a box's own "Tema 4 fortsat fra side 8." is its text)
        best: tuple[float, BoxKind] | None = None
        for label in self._side_labels():
            frame = label.block.bbox
            level = 0.5 * min(frame[3] - frame[1], box[3] - box[1])  # a text beside may stand higher, set bigger
            if frame[1] > box[1] + max(level, 1.0) or not (box[0] >= frame[2] or box[2] <= frame[0]) \
                    or _walled(frame, box, walls):
                continue  # (the text beside: right of the column of labels, or left of labels in a margin)
            distance = box[1] - frame[1]
            if best is None or distance < best[0]:
                best = (distance, label.labels[-1])
        return best[1] if best else None

    def _label_only(self, region: int) -> bool:
        """Whether a region holds its label and nothing else: a label's own shaded cell."""
        return all(item.labels or id(item) in self.icons for item in self.members.get(region, ()))

    def _side_labels(self) -> list[_Item]:
        """Stand-alone labels without a region, or alone in a cell of their own (not a header row's
        cells, side by side), under which no text starts in their column (the column ending at a
        theme's label or a part's heading; a running footer is no text), stacked in a column of two
        or more or with text starting level with them on their right (a row broken over a page)."""
        if self.side_labels is None:
            walls = self._barriers()
            texts = [item.block.bbox for item in self.items if not item.labels and item.block.bbox is not None
                     and item.block.text.strip() and item.block.bbox not in walls and id(item) not in self.furniture]

            def column_clear(frame: BBox) -> bool:
                return not any(frame[0] - _EDGE <= text[0] < frame[2] and text[1] > frame[1]
                               and not any(frame[1] < wall[1] < text[1] for wall in walls) for text in texts)

            def header_row(label: _Item) -> bool:  # labels side by side in a row of cells title the cells below
                return any(other is not label and other.block.bbox is not None
                           and abs(other.block.bbox[1] - label.block.bbox[1]) <= _EDGE for other in self.free_labels)

            frames = {id(label): label.block.bbox for label in self.free_labels if label.block.bbox is not None
                      and (label.region is None or (self._label_only(label.region) and not header_row(label)))
                      and column_clear(label.block.bbox)}

            def in_column(frame: BBox) -> bool:  # another such label above or below, at its left edge
                return any(abs(other[0] - frame[0]) <= _EDGE and abs(other[1] - frame[1]) > _EDGE
                           for other in frames.values())

            def beside_text(frame: BBox) -> bool:
                return any(text[0] >= frame[2] and abs(text[1] - frame[1]) <= _EDGE for text in texts)

            self.side_labels = [label for label in self.free_labels if id(label) in frames
                                and (in_column(frames[id(label)]) or beside_text(frames[id(label)]))]
        return self.side_labels


def _side_strip(label: _Item, bounds: BBox) -> bool:
    """Whether a label stands in a strip of its own down a region's side (a tab along the box's
    edge, its label turned up the strip): as tall as the region, a fraction of its width."""
    strip = label.block.region.bbox if label.block.region is not None else None
    return strip is not None and _contains(bounds, strip) \
        and strip[3] - strip[1] >= _STRIP_HEIGHT * (bounds[3] - bounds[1]) \
        and strip[2] - strip[0] <= _STRIP_WIDTH * (bounds[2] - bounds[0])


def _walled(frame: BBox, box: BBox, walls: list[BBox]) -> bool:
    """Whether a theme's label or a part's heading stands between a label (``frame``) and a
    block below it, over the block's width: the label's box has ended there."""
    return any(frame[1] < wall[1] < box[1] and _overlaps(wall, box) for wall in walls)


def _pair_in_order(labels: list[_Item], texts: list[_Item]) -> dict[_Item, _Item]:
    """Labels of a header row matched to the text regions of the row below, in order. A cell
    left empty prints no text, so with fewer texts than labels the order-keeping match whose
    fills are nearest in hue (a dark purple label over a light lilac text) is chosen; without
    fills, the leading labels get the texts."""
    if len(texts) >= len(labels):
        return dict(zip(labels, texts))
    best: tuple[float, tuple[_Item, ...]] | None = None
    for chosen in combinations(labels, len(texts)):
        cost = sum(_hue_distance(_fill_of(label), _fill_of(text)) for label, text in zip(chosen, texts))
        if best is None or cost < best[0]:
            best = (cost, chosen)
    assert best is not None
    return dict(zip(best[1], texts))


def _fill_of(item: _Item) -> RGB | None:
    return item.block.region.fill if item.block.region is not None else None


_GREY = 8
"""A fill whose channels differ by less than this is grey: its hue means nothing."""


def _hue_distance(a: RGB | None, b: RGB | None) -> float:
    """How far apart two fills are in hue, 0 to 1; greys are one family, unknown fills match all."""
    if a is None or b is None:
        return 0.0
    grey_a, grey_b = max(a) - min(a) < _GREY, max(b) - min(b) < _GREY
    if grey_a or grey_b:
        return 0.0 if grey_a and grey_b else 1.0
    hue_a = colorsys.rgb_to_hsv(*(channel / 255 for channel in a))[0]
    hue_b = colorsys.rgb_to_hsv(*(channel / 255 for channel in b))[0]
    return min(abs(hue_a - hue_b), 1 - abs(hue_a - hue_b)) * 2


def _learned_fills(items: Sequence[_Item]) -> dict[BoxKind, list[RGB]]:
    """The fills of regions whose box a label decided, per box: this document's palette."""
    fills: dict[BoxKind, list[RGB]] = {}
    for item in items:
        region = item.block.region
        if item.how == "label" and not item.labels and region is not None and region.fill is not None:
            if region.fill not in fills.setdefault(item.kind, []):  # type: ignore[arg-type]
                fills[item.kind].append(region.fill)  # type: ignore[index]
    return fills


def _has_part_heading(items: list[_Item]) -> bool:
    return any(part_heading(line) for item in items for line in item.block.text.split("\n"))


def _box_fills_on(page: list[_Item], fills: dict[BoxKind, list[RGB]]) -> set[BoxKind]:
    """The boxes whose learned fill some region of a page has (a region with a part heading,
    such as an assessment box, counts for none)."""
    found: set[BoxKind] = set()
    headed = {item.block.region.id for item in page if item.block.region is not None and _has_part_heading([item])}
    for item in page:
        region = item.block.region
        if region is None or region.fill is None or region.id in headed:
            continue
        for kind, known_fills in fills.items():
            if any(sum((a - b) ** 2 for a, b in zip(region.fill, known)) ** 0.5 <= COLOUR_DISTANCE for known in known_fills):
                found.add(kind)
    return found


_SAME_FILL = 1.0
"""Distance in RGB within which two boxes' learned fills are one fill."""


def _by_colour(page: list[_Item], fills: dict[BoxKind, list[RGB]], model: QualityModel) -> None:
    """Regions of a theme page that no label decided, given to the box whose learned fill they
    match, if that box is missing from the page and no other box has that fill too (each block
    so placed says so: ``how``)."""
    present = {item.kind for item in page if item.kind is not None}
    regions: dict[int, list[_Item]] = {}
    for item in page:
        if item.kind is None and item.block.region is not None and item.block.region.fill is not None:
            regions.setdefault(item.block.region.id, []).append(item)
    for members in regions.values():
        fill = members[0].block.region.fill  # type: ignore[union-attr]
        text = " ".join(item.block.text for item in members)
        if _theme_column_text(text, model):
            continue  # the region names a theme or a continuation: the theme column, whatever its colour
        if _has_part_heading(members):
            continue  # the assessment or the conclusion in a box of their own, whatever its colour
        scored = [(sum((a - b) ** 2 for a, b in zip(fill, known)) ** 0.5, kind)  # type: ignore[arg-type]
                  for kind, known_fills in fills.items() for known in known_fills]
        distance, kind = min(scored, default=(float("inf"), None))
        if kind is None or distance > COLOUR_DISTANCE or kind in present:
            continue
        if len({other for score, other in scored if score <= distance + _SAME_FILL}) > 1:
            continue  # boxes that share this fill (a shadow under each, gradients unread): colour tells none
        for item in members:
            item.kind, item.how = kind, "colour"
        present.add(kind)


# --- pages ---------------------------------------------------------------------------------------

def _pages(items: list[_Item], geometry: bool) -> list[list[_Item]]:
    """Items per hard page, in stream order."""
    pages: dict[int, list[_Item]] = {}
    for item in items:
        pages.setdefault(item.block.page, []).append(item)
    return [pages[number] for number in sorted(pages)] if geometry else _runs_by_page(items)


def _runs_by_page(items: list[_Item]) -> list[list[_Item]]:
    """Consecutive items of one page (a stream without coordinates keeps its order)."""
    groups: list[list[_Item]] = []
    for item in items:
        if groups and groups[-1][-1].block.page == item.block.page:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _names_theme(item: _Item, model: QualityModel) -> bool:
    return _theme_column_text(item.block.text, model)


def _box_opening(item: _Item, model: QualityModel) -> bool:
    """Whether a block right under a label is the box's own: its continuation mark ("Tema 4
    fortsat fra side 8.") or a topic heading worded as a theme's title ("Fælles fagligt
    fundament") — not a theme's label ("Tema 6: Fysiske rammer", "Tema 4 (fortsat)") or a part's
    heading."""
    text = fold(item.block.text)
    if part_heading(text) or _opens_theme(item, model):
        return False
    return bool(CONTINUED.search(text)) or not _begins_with_theme_word(text, model)


def _opens_theme(item: _Item, model: QualityModel) -> bool:
    """Whether a block is a theme's label ("Tema 6: Fysiske rammer"), not a topic heading that
    happens to be a theme's title or a box's "Tema 4 fortsat" mark."""
    return bool(theme_column(fold(item.block.text), model))


def _theme_column_text(text: str, model: QualityModel) -> bool:
    """Whether a short text names a theme or marks a continuation, as a theme column does: it
    opens with the theme word ("Tema 3a: …"), or is a theme's title or a continuation marker on
    its own — not a sentence that mentions a theme ("Se i øvrigt tema 1 og 2.")."""
    folded = fold(text)
    if len(folded) >= 160:
        return False
    if len(folded) < 60 and (CONTINUED.search(folded) or (named_themes(folded, model)[0] and _all_theme_words(
            folded, model))):
        return True
    return _begins_with_theme_word(folded, model) and bool(named_themes(folded, model)[0])


def _begins_with_theme_word(text: str, model: QualityModel) -> bool:
    """Whether a text opens with the theme word, after a numbered heading's section number ("4 Tema 1: …")."""
    return unnumbered(text).casefold().startswith(model.theme_word.casefold())


def _all_theme_words(text: str, model: QualityModel) -> bool:
    """Whether every word of a text that names a theme belongs to the naming: the theme word,
    numbers, theme titles — "Fysiske rammer / Sundhed", "6 Fysiske rammer" — not a topic heading
    that holds a title among its own words ("De fysiske rammer", "Sundhed i hverdagen")."""
    rest = text.casefold()
    for theme in model.themes:
        for spelling in sorted([theme.title, *theme.aliases], key=len, reverse=True):
            rest = rest.replace(fold(spelling).casefold(), " ")
    word = spaced_word(model.theme_word.casefold())  # letter-spaced too: "T E M A 3 B"
    rest = re.sub(rf"\b{word}(?:er|erne)?\b|\b\d+\s*[a-z]?\b|\bog\b", " ", rest)
    return not re.search(r"[^\W\d_]", rest)


def _split_repeats(page: list[_Item], model: QualityModel, geometry: bool) -> list[list[_Item]]:
    """A page holding several theme pages' boxes, cut where a box label comes again, where text
    outside the boxes names a theme below the boxes read so far (a document flowing without a
    page break before each theme) — or, in a stream without coordinates (whose order is the
    document's), where text returns to a box it had left or names a theme again ("Tema 3a
    fortsat"): the text naming the next theme, printed just before its boxes, goes with them.
    Text naming a theme after the page's last boxes (a table's title cell last) names them."""
    groups: list[list[_Item]] = [[]]
    seen: set[BoxKind] = set()
    last: BoxKind | None = None
    body = False
    boxes: BBox | None = None
    """Bounds of the boxed blocks read so far in the current group."""
    for item in page:
        kind = item.kind
        repeated = kind is not None and kind in seen and (bool(item.labels) or (not geometry and kind != last))
        naming = kind is None and _names_theme(item, model) and (not geometry or _below(_extent(item), boxes))
        named = naming and body
        if repeated or named:
            tail = groups[-1]
            start = len(tail)
            while start > 0 and tail[start - 1].kind is None and _names_theme(tail[start - 1], model):
                start -= 1
            groups[-1], carried = tail[:start], tail[start:]
            groups.append(carried)
            seen, last, body, boxes = set(), None, False, None
        groups[-1].append(item)
        body = body or (not naming and (kind is not None or item.region is not None))
        if kind is not None and item.block.bbox is not None:
            boxes = item.block.bbox if boxes is None else _union_box(boxes, item.block.bbox)
        if kind is not None and (item.labels or not geometry):
            seen.add(kind)
            last = kind
    if geometry and len(groups) > 1:
        groups = _label_rows_together(groups, model)
    if len(groups) > 1 and not any(item.kind is not None for item in groups[-1]):
        trailing = groups.pop()  # a theme named after the boxes, at the page's end, names them
        groups[-1] += trailing
    return [group for group in groups if group]


def _label_rows_together(groups: list[list[_Item]], model: QualityModel) -> list[list[_Item]]:
    """Themes stacked on a page, each a row of boxes side by side, are read column by column
    when a column's gutter runs the page's height: a column's labels and text come after every
    later theme's name. A label goes to the part that holds the labels level with it (its row),
    and the text read after it goes with it; text standing above a part's theme name goes to the
    part of the nearest label above or level with it."""
    rows = [[item.block.bbox for item in group if item.labels and item.block.bbox is not None] for group in groups]

    def level(a: BBox, b: BBox) -> bool:
        return abs(a[1] - b[1]) <= 0.5 * max(min(a[3] - a[1], b[3] - b[1]), 1.0)

    regrouped: list[list[_Item]] = [[] for _ in groups]
    for index, group in enumerate(groups):
        target = index
        for item in group:
            if item.labels and item.block.bbox is not None:
                bounds = item.block.bbox
                target = index if any(level(bounds, other) for other in rows[index] if other is not bounds) else next(
                    (other for other, labels in enumerate(rows) if any(level(bounds, box) for box in labels)), index)
            regrouped[target].append(item)
    labels = [(index, item.block.bbox) for index, group in enumerate(regrouped) for item in group
              if item.labels and item.block.bbox is not None]
    for index, group in enumerate(groups[1:], start=1):
        head = group[0]
        if head.kind is not None or head.block.bbox is None or not _names_theme(head, model):
            continue
        for item in [item for item in regrouped[index] if not item.labels and item.block.bbox is not None
                     and item.block.page == head.block.page and item.block.bbox[3] <= head.block.bbox[1] + _EDGE]:
            above = [(item.block.bbox[1] - bounds[1], owner) for owner, bounds in labels
                     if bounds[1] <= item.block.bbox[1] + 1 and owner != index]
            if above:
                regrouped[index].remove(item)
                regrouped[min(above)[1]].append(item)
    return regrouped


def _below(box: BBox | None, boxes: BBox | None) -> bool:
    """Whether a block stands under the boxes read so far, within their width (a theme's name
    printed after them, not a theme column beside them)."""
    return box is not None and boxes is not None and box[1] >= boxes[3] - _EDGE and _overlaps(box, boxes)


def _extent(item: _Item) -> BBox | None:
    """A block's bounds, or those of the band or cell it stands in (a theme's name set short in
    a band as wide as the boxes above it)."""
    region = item.block.region
    return region.bbox if region is not None and region.bbox is not None else item.block.bbox


def _union_box(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


# --- paragraphs and lines ------------------------------------------------------------------------

def _front_back_lines(items: list[_Item]) -> list[Line]:
    """Running text as lines; a blank line between blocks that are not consecutive lines."""
    lines: list[Line] = []
    previous: TextBlock | None = None
    for item in items:
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


def _paragraphs(items: list[_Item]) -> list[Paragraph]:
    """A box's blocks in reading order (top to bottom, then left to right; a fragment of the box
    in the next column or on the next page after it), line blocks of one paragraph joined, a
    block holding several paragraphs split."""
    fragments = list(dict.fromkeys(item.region for item in items if item.how == "fragment"))
    column_starts: set[int] = set()
    if all(item.block.bbox for item in items):
        items, column_starts = _in_columns(sorted(items, key=lambda item: (
            fragments.index(item.region) + 1 if item.how == "fragment" else 0, item.block.page)))
    result: list[Paragraph] = []
    previous: TextBlock | None = None
    for item in items:
        block = item.block
        texts = _block_paragraphs(block)
        if texts and block.bullet:
            texts[0] = "- " + texts[0].removeprefix("- ")
        broken = (((item.how == "fragment" and previous is not None and previous.region != block.region)
                   or id(item) in column_starts) and bool(result) and breaks_off(result[-1].text, block.text))
        if texts and previous is not None and result and (broken or _same_paragraph(previous, block)):
            last = result.pop()
            texts[0] = join_lines(last.text, texts[0])
            block_cards = last.cards + block.bold_phrases
        else:
            block_cards = block.bold_phrases
        for number, text in enumerate(texts):
            result.append(Paragraph(text, heading=block.bold, cards=tuple(block_cards) if number == 0 else ()))
        previous = block
    return result


def _in_columns(items: list[_Item]) -> tuple[list[_Item], set[int]]:
    """Items grouped by fragment and page (in that order already), each group in reading order
    (:func:`column_order`: a box's text set in columns read column by column), and the ids of
    the items that open a column after the first."""
    ordered: list[_Item] = []
    starts: set[int] = set()
    for _, group in groupby(items, key=lambda item: (item.how == "fragment" and item.region, item.block.page)):
        group = list(group)
        order, opens = column_order([item.block.bbox for item in group], [item.block.text for item in group])
        ordered += [group[index] for index in order]
        starts |= {id(group[index]) for index in opens}
    return ordered, starts


def _block_paragraphs(block: TextBlock) -> list[str]:
    """The paragraphs of one block. A block placed on its page (a PDF's) or a list item is one
    paragraph however its lines wrap — its reader saw where the paragraph ends and where a
    marker hangs — unless a line opens a list item of its own; a block of a reader without
    coordinates is cut where the text rules see a paragraph end (a short last line)."""
    lines = restore_lines(block.text.split("\n"))
    if not block.bullet and block.bbox is None:
        return paragraphs(lines)
    result: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if result and not is_list_item(line):
            result[-1] = join_lines(result[-1], line)
        else:
            result.append(line)
    return result


def _same_paragraph(upper: TextBlock, lower: TextBlock) -> bool:
    """Two blocks are lines of one paragraph when nothing but a line's leading separates them —
    for readers that give a block per line; a block of several lines is a paragraph its reader
    already built, and ends where it ends."""
    return ("\n" not in upper.text and not lower.bullet and lower.bold == upper.bold and _adjacent(upper, lower)
            and not is_list_item(lower.text.split("\n", 1)[0])
            and not (_DASH_ITEM.match(upper.text) and _DASH_ITEM.match(lower.text)))


_DASH_ITEM = re.compile(rf"^\s*[{re.escape(DASHES)}]\s")
"""A block opening with a dash and a space: two such blocks one under the other are two list
items (one alone may be a wrapped title's second half, "– Fælles fagligt fundament")."""


def _theme_page(items: list[_Item], warnings: list[ImportWarning]) -> PageDraft:
    number = items[0].block.page
    page = PageDraft(page=number)
    members: dict[BoxKind, list[_Item]] = {kind: [] for kind in BoxKind}
    for item in items:
        if item.labels:
            continue
        if item.kind is None:
            if item.block.text.strip():
                page.column.append(item.block.text.strip())
        else:
            members[item.kind].append(item)
    for how, message in (("position", "placed in a box by their position under its label"),
                         ("colour", "placed in a box by their fill colour alone (no label on the region)"),
                         ("fragment", "placed in the box they continue (same fill, no label: a box broken "
                                      "over columns or pages)")):
        count = sum(item.how == how for item in items)
        if count:
            warnings.append(ImportWarning(message=f"{count} block(s) {message}", page=number, code=f"box-by-{how}"))
    for kind in BoxKind:
        page.boxes[kind] = _paragraphs(members[kind])
    return page


# --- the document ---------------------------------------------------------------------------------

def read_layout(blocks: Sequence[TextBlock], model: QualityModel) -> DocumentDraft:
    """Cut a stream of positioned or styled blocks into front matter, theme pages and back matter."""
    draft = DocumentDraft()
    items = _items(blocks)
    geometry = all(item.block.bbox is not None for item in items)
    pages = _pages(items, geometry)
    margins = _running_margins(pages) if geometry else set()
    for page in pages:
        _PageBoxes(page, geometry, model, margins).decide()
    labelled = [index for index, page in enumerate(pages) if any(item.kind is not None for item in page)]
    if not labelled:
        draft.front = _front_back_lines(items)
        return draft
    fills = _learned_fills(items)
    first, last = labelled[0], labelled[-1]
    while last + 1 < len(pages) and len(_box_fills_on(pages[last + 1], fills)) >= 2:
        last += 1  # labels printed on the first theme pages only: the fills carry on
    while first > 0 and len(_box_fills_on(pages[first - 1], fills)) >= 2 and any(
            _opens_theme(item, model) for item in pages[first - 1]):
        first -= 1  # a theme's boxes, their labels printed under them on the next page (a caption at their foot)
    theme_pages = pages[first:last + 1]
    for page in theme_pages:
        _by_colour(page, fills, model)
    front = [item for page in pages[:first] for item in page]
    back = [item for page in pages[last + 1:] for item in page]
    head, theme_pages[0] = _cut_front(theme_pages[0], model, geometry)
    theme_pages[-1], tail = _cut_back(theme_pages[-1], geometry, model)
    if geometry and not tail and last + 1 < len(pages):
        rest, opening = _box_rest_before_back(pages[last + 1], margins)
        if rest:
            theme_pages.append(rest)
            back = opening + [item for page in pages[last + 2:] for item in page]
    front += head
    back = tail + back
    draft.front = _front_back_lines([item for item in front if id(item) not in margins])
    draft.back = _front_back_lines([item for item in back if id(item) not in margins])
    draft.warnings.extend(_running_warnings(pages, margins))
    if geometry:
        _carry_widowed_headings(theme_pages, model, margins)
    running = _running_text(theme_pages)
    last_box: BoxKind | None = None
    last_boxed: list[_Item] = []
    last_labelled: list[_Item] = []
    """The boxed items and labels of the last part with boxes: a box's label alone at a page's
    foot is where the text at the next page's top goes on."""
    for page in theme_pages:
        parts = _split_repeats(page, model, geometry)
        for part in parts:
            if len(parts) > 1:  # the page's colour pass saw the whole page; a part may lack a box the page has
                _by_colour(part, fills, model)
            carried = _continue_fragments(part, last_boxed, model, margins)
            if carried and draft.pages:
                _carry_back(draft, part, carried, "at the top of the page carry on the boxes of the page before "
                            "(same fill, no label)", "box-by-fragment")
            if last_box is not None and _runs_over(part, margins, model):
                for item in part:  # each column's text goes on under the box of its column
                    if id(item) not in margins and item.block.text.strip():
                        item.kind, item.how = _box_run_over([item], margins, last_boxed, last_box), "position"
            elif last_box is not None and (lead := _lead_run_on(part, margins, model, _ends_on_label(last_labelled))):
                for item in lead:  # each column's text goes on under the box of its column
                    item.kind, item.how = _box_run_over([item], margins, last_labelled, last_box), "position"
                if draft.pages:  # the end of the page before's boxes, whatever this page is
                    _carry_back(draft, part, lead, "above the page's first label carry on the boxes of the page before "
                                "(by column, no label)", "box-run-over")
            boxed = [item.kind for item in part if item.kind is not None]
            last_box = boxed[-1] if boxed else None
            last_boxed = [item for item in part if item.kind is not None and not item.labels] or last_boxed
            last_labelled = [item for item in part if item.kind is not None] or last_labelled
            if not boxed:
                text = " / ".join(" ".join(item.block.text.split()) for item in part if item.block.text.strip())
                if text:
                    draft.warnings.append(ImportWarning(
                        message=f"a page between theme pages without boxes or labels was left out: “{text}”",
                        page=part[0].block.page, code="page-skipped"))
                continue
            drafted = _theme_page(part, draft.warnings)
            _warn_outside(drafted, running, model, draft.warnings)
            if draft.pages and _overflow(part, drafted, draft.pages[-1], model):
                draft.pages[-1].carry_on(drafted.boxes)
                draft.warnings.append(ImportWarning(
                    message="a page without labels or theme read as the boxes of the page before, run over",
                    page=drafted.page, code="page-overflow"))
            else:
                draft.pages.append(drafted)
    return draft


def _carry_back(draft: DocumentDraft, part: list[_Item], items: list[_Item], how: str, code: str) -> None:
    """Move boxed items off a page onto the boxes of the theme page before, with a warning."""
    for item in items:
        part.remove(item)
    draft.pages[-1].carry_on({kind: _paragraphs([item for item in items if item.kind is kind]) for kind in BoxKind})
    draft.warnings.append(ImportWarning(message=f"{len(items)} block(s) {how}", page=items[0].block.page, code=code))


_FRONT_PARTS = {Part.METHOD, Part.SIDE_BOX, Part.OVERALL, Part.INTRODUCTION}
_BACK_PARTS = {Part.ASSESSMENT, Part.CONCLUSION, Part.APPENDIX}


def _cut_front(page: list[_Item], model: QualityModel, geometry: bool) -> tuple[list[_Item], list[_Item]]:
    """The end of the front matter printed on the first theme page, and the rest: what follows
    a heading of the front (the overall impression) up to the theme's name or its first box —
    or, without coordinates, everything before them."""
    start = next((index for index, item in enumerate(page) if item.kind is not None), None)
    if start is None:
        return [], page
    heads = [index for index, item in enumerate(page[:start])
             if item.kind is None and part_heading(item.block.text) & _FRONT_PARTS]
    if heads:
        cut = next(index for index in range(heads[-1] + 1, len(page))
                   if page[index].kind is not None or _names_theme(page[index], model))
    elif geometry:
        return [], page
    else:
        cut = start
        while cut > 0 and page[cut - 1].kind is None and _names_theme(page[cut - 1], model):
            cut -= 1
    return page[:cut], page[cut:]


def _cut_back(page: list[_Item], geometry: bool, model: QualityModel) -> tuple[list[_Item], list[_Item]]:
    """The last theme page, and the beginning of the back matter printed on it: from a heading of
    the back (the assessment, the conclusion) below the last box on — or, without coordinates,
    everything after the last box but the cells right after it that name its theme (a table's
    title cell last)."""
    boxed = [index for index, item in enumerate(page) if item.kind is not None]
    if not boxed:
        return page, []
    if not geometry:
        end = boxed[-1] + 1
        while end < len(page) and page[end].region is not None and _names_theme(page[end], model):
            end += 1
        return page[:end], page[end:]
    bottom = max(page[index].block.bbox[3] for index in boxed)  # type: ignore[index]
    heads = [item.block.bbox[1] for item in page if item.kind is None  # type: ignore[index]
             and item.block.bbox[1] >= bottom - 1 and part_heading(item.block.text) & _BACK_PARTS]
    if not heads:
        return page, []
    top = min(heads)
    below = [item for item in page if item.kind is None and item.block.bbox[1] >= top - 1]  # type: ignore[index]
    return [item for item in page if item not in below], below


def _box_rest_before_back(page: list[_Item], margins: Collection[int]) -> tuple[list[_Item], list[_Item]]:
    """Running text above the first heading of the page the back matter begins on — the rest of
    the last theme's box, which a word processor broke onto that page — and the back matter.
    The back holds nothing before its first heading (the assessment, the conclusion): text there
    would be lost; a theme page takes it as the rest of a box. Nothing when that text holds a
    heading or no sentence, or the page no back heading; a verdict over its heading stays. (Only
    where pages are laid out: a stream's page holds a box whole, and a line before the back's
    heading there is a running header.)"""
    def heads(item: _Item) -> bool:  # ("Bedømmelse" and its verdict may be one block)
        return any(part_heading(line) for line in item.block.text.split("\n"))

    first = next((index for index, item in enumerate(page)
                  if part_heading(item.block.text.split("\n")[0]) & _BACK_PARTS), None)
    if first is None:
        return [], page
    rest = [item for item in page[:first] if id(item) not in margins and item.block.text.strip()
            and not VERDICT_LINE.fullmatch(fold(item.block.text))]  # a verdict printed over its heading
    if not any(_prose(item.block.text) for item in rest) or any(
            item.labels or item.kind is not None or heads(item) for item in rest):
        return [], page
    kept = {id(item) for item in rest}
    return rest, [item for item in page if id(item) not in kept]


def _carry_widowed_headings(pages: list[list[_Item]], model: QualityModel, margins: Collection[int]) -> None:
    """A theme's name printed at the foot of a page, under every box of it (the box's cell or
    fill, not only its text: a slide's theme cell beside the last box is no foot) and within their
    width, whose boxes begin on the next page (a document flowing without a page break before
    each theme): it names the next page's theme, and moves there — also where the reading order
    put it before a column that ends higher up. (A theme column beside the boxes, its text
    turned up the page's foot, stays; and a template that names the first theme under its boxes
    names every page's theme at its own foot.)"""
    first = next(((page, bounds) for page in pages if (bounds := _boxes_bounds(page)) is not None), None)
    if first is not None:
        page, bounds = first
        named = [item for item in page if id(item) not in margins and item.kind is None and _names_theme(item, model)]
        if named and all(_below(item.block.bbox, bounds) for item in named):
            return
    moved: set[int] = set()
    """Names moved onto the page they head (their bounds are the page's before): no page's foot."""
    for page, following in zip(pages, pages[1:]):
        bounds = _boxes_bounds(page)
        if bounds is None:
            continue
        tail: list[_Item] = []
        for item in reversed(page):
            if id(item) in margins or not item.block.text.strip():
                continue
            if item.kind is not None or not _below(item.block.bbox, bounds) or not _names_theme(item, model):
                break
            tail.insert(0, item)
        if not tail:  # read before a column of boxes that ends higher up (the cut reads the left columns first)
            lowest = max((item for item in page if id(item) not in margins and item.block.text.strip()
                          and item.block.bbox is not None and id(item) not in moved),
                         key=lambda item: item.block.bbox[3], default=None)
            if lowest is not None and lowest.kind is None and _below(lowest.block.bbox, bounds) \
                    and _names_theme(lowest, model):
                tail = [lowest]
        if tail:
            for item in tail:
                page.remove(item)
                moved.add(id(item))
            following[:0] = tail


def _boxes_bounds(page: list[_Item]) -> BBox | None:
    """The bounds of a page's boxes (their cells or fills), None on a page without boxes."""
    boxed = [extent for item in page if item.kind is not None and (extent := _extent(item)) is not None]
    if not boxed:
        return None
    bounds = boxed[0]
    for box in boxed[1:]:
        bounds = _union_box(bounds, box)
    return bounds


def _continue_fragments(part: list[_Item], before: list[_Item], model: QualityModel,
                        margins: Collection[int] = ()) -> list[_Item]:
    """Regions without a label that carry on a box, in its fill: a box a browser broke from one
    column into the next draws its fill under every fragment and its label over the first only,
    and a table row broken over a page goes on at the top of the next, above every label.

    Within a page, only text read right after the box is its fragment (a heading between them,
    "Kerneopgaven" over a box of its own in the same colour, says it is not). At the top of a
    page — nothing read before it, or above every label — a fragment carries on the box of its
    fill on the page before (``before``: that part's boxed items); those fragments are returned,
    for the page before's section."""
    label_tops = [item.block.bbox[1] for item in part if item.labels and item.block.bbox is not None]
    carried: list[_Item] = []
    for region in _regions_in_order(part):
        members = [item for item in part if item.region == region]
        if any(item.kind is not None or item.labels for item in members):
            continue
        first = part.index(members[0])
        read = [item for item in part[:first] if id(item) not in margins and item.block.text.strip()]
        bounds = members[0].block.region.bbox  # type: ignore[union-attr]
        fill = members[0].block.region.fill  # type: ignore[union-attr]
        top = not read or (bounds is not None and label_tops and bounds[3] <= min(label_tops) + _EDGE)
        if top:
            previous = next((item for item in reversed(before)
                             if item.block.region is not None and item.block.region.fill == fill), None)
        else:
            previous = read[-1] if read[-1].kind is not None and not read[-1].labels else None
            if previous is None or previous.block.region is None or previous.block.region.fill != fill:
                previous = _column_beside(part, bounds, fill)
        if previous is None or previous.block.region is None or previous.block.region.fill != fill:
            continue
        text = " ".join(item.block.text for item in members)
        if _theme_column_text(text, model) or _has_part_heading(members):
            continue
        for item in members:
            item.kind, item.how = previous.kind, "fragment"
        if top and before:
            carried += members
    return carried


def _column_beside(part: list[_Item], bounds: BBox | None, fill: RGB | None) -> _Item | None:
    """A boxed item in a region of the same fill whose top is level with ``bounds``' and that
    stands beside it: the box's text set in columns, each column shaded on its own (a Word
    column section's paragraph shading), read after the boxes below the first column."""
    if bounds is None:
        return None
    for item in part:
        region = item.block.region
        if (item.kind is None or item.labels or region is None or region.fill != fill or region.bbox is None
                or abs(region.bbox[1] - bounds[1]) > _EDGE):
            continue
        if region.bbox[2] <= bounds[0] or bounds[2] <= region.bbox[0]:
            return item
    return None


def _regions_in_order(part: list[_Item]) -> list[int]:
    """The filled regions of a part, in the order their first blocks are read."""
    order: dict[int, None] = {}
    for item in part:
        if item.region is not None and item.block.region.fill is not None:  # type: ignore[union-attr]
            order.setdefault(item.region, None)
    return list(order)


def _runs_over(part: list[_Item], margins: Collection[int], model: QualityModel) -> bool:
    """Whether a page between theme pages holds nothing but running text: no box, label, fill,
    theme or heading, only lines — the end of a box without fill or frame that a browser or word
    processor broke onto the next page. Its text carries on the box the page before ended in."""
    text = [item for item in part if id(item) not in margins and item.block.text.strip()]
    return bool(text) and not any(
        item.kind is not None or item.labels or (item.block.fill is not None and not _on_tinted_page(item))
        or _names_theme(item, model) or part_heading(item.block.text) for item in text)


def _lead_run_on(part: list[_Item], margins: Collection[int], model: QualityModel,
                 label_open: bool = False) -> list[_Item]:
    """Running text at the top of a page, before its first label, on a page that names no theme
    — or names it only below that text (a table's row broken over the page, the next theme's
    name under its rest): the end of a box of the page before (a word processor broke the box,
    the next box's label follows on this page). Nothing when the text is a part's heading.
    Running text read after the first label or theme name but standing above every one of them
    belongs to it too: a column's rest beside an empty cell, which the reading order took after
    the name of the theme under the left column's rest. When a box's label ended the page before
    (``label_open``), a continuation mark opening the page in the box's type ("Tema 4 fortsat
    fra side 8.", not set bold as a page's heading) is that box's own first line."""
    text = [item for item in part if id(item) not in margins and item.block.text.strip()]
    mark = text[0] if label_open and text and CONTINUED.search(fold(text[0].block.text)) \
        and not text[0].block.bold and not _opens_theme(text[0], model) else None

    def names_theme(item: _Item) -> bool:
        folded = fold(item.block.text)
        return item is not mark and (_opens_theme(item, model) or (item.kind is None and (_names_theme(item, model) or (
            _begins_with_theme_word(folded, model) and bool(CONTINUED.search(folded))))))

    def running(item: _Item) -> bool:
        return not part_heading(item.block.text) and (item.block.fill is None or _on_tinted_page(item))

    def ends_lead(item: _Item) -> bool:
        return bool(item.labels) or item.kind is not None or names_theme(item)

    stop = next((index for index, item in enumerate(text) if ends_lead(item)), len(text))
    lead = text[:stop]
    if not all(running(item) for item in lead):
        return []
    if lead and all(item.block.bbox is not None for item in text):
        top = min((item.block.bbox[1] for item in text[stop:] if ends_lead(item)), default=None)  # type: ignore[index]
        lead += [item for item in text[stop:] if top is not None and item.block.bbox[3] <= top + _EDGE  # type: ignore[index]
                 and not ends_lead(item) and running(item)]
    if not lead or len(lead) == len(part):
        return []
    themes = [item for item in part if id(item) not in margins and names_theme(item)]
    bottom = max((item.block.bbox[3] for item in lead if item.block.bbox is not None), default=None)
    if any(bottom is None or theme.block.bbox is None or theme.block.bbox[1] < bottom - _EDGE for theme in themes):
        return []  # a theme's label beside or above it, however long ("Tema 1: … (fortsat) Tema 2: …"), in a box or not
    if themes and not any(_prose(item.block.text) for item in lead):
        return []  # a line over the theme's name is its heading's ("T E M A 3 A – F O R T S AT", "Kvalitetsmodel 3.0")
    purposes = Purposes(model)
    if any(purposes.printed_in(" ".join(item.block.text.split())) for item in lead):
        return []  # the theme's purpose under its title: the page's own
    return lead


def _ends_on_label(items: list[_Item]) -> bool:
    """Whether the lowest of a part's boxed items is a label at the page's foot: a box's label
    ended the page, and its text begins on the next. (An empty box's label higher up ends
    nothing; a stream without positions holds a box whole.)"""
    if not items or not all(item.block.bbox is not None and item.block.page_size for item in items):
        return False
    lowest = max(items, key=lambda item: item.block.bbox[3])  # type: ignore[index]
    return bool(lowest.labels) and lowest.block.bbox[3] >= (1 - 2 * MARGIN) * lowest.block.page_size[1]  # type: ignore[index]


def _prose(text: str) -> bool:
    """Whether a text holds a sentence's worth of words (four of three letters or more), not a
    heading's mark or a letter-spaced line."""
    return sum(sum(character.isalpha() for character in word) >= 3 for word in text.split()) >= 4


TINTED_PAGE = 0.5
"""Share of the page a filled region covers at least to be the page's tint, not a box: a white
card on a tinted page is paper, its text on the tint."""


def _on_tinted_page(item: _Item) -> bool:
    """Whether an item's fill is the page's own tint (a region covering most of the page)."""
    region, size = item.block.region, item.block.page_size
    if region is None or region.bbox is None or size is None:
        return False
    x0, y0, x1, y1 = region.bbox
    return (x1 - x0) * (y1 - y0) >= TINTED_PAGE * size[0] * size[1]


def _box_run_over(part: list[_Item], margins: Collection[int], before: list[_Item], last: BoxKind) -> BoxKind:
    """The box of the page before that running text carries on: of the boxes whose text stands
    in the same column as the running text, the one that reaches lowest — two boxes one above
    the other, the text goes on under the lower; boxes side by side, each column's text under
    the box of its column. Without positions, the box read last."""
    text = [item.block.bbox for item in part if id(item) not in margins and item.block.bbox is not None]
    if not text:
        return last
    left, right = min(box[0] for box in text), max(box[2] for box in text)
    lowest: dict[BoxKind, float] = {}
    for item in before:
        bbox = item.block.bbox
        if item.kind is not None and bbox is not None and min(right, bbox[2]) - max(left, bbox[0]) > 0:
            lowest[item.kind] = max(lowest.get(item.kind, 0.0), bbox[3])
    return max(lowest, key=lambda kind: lowest[kind]) if lowest else last


def _overflow(items: list[_Item], page: PageDraft, before: PageDraft, model: QualityModel) -> bool:
    """Whether a page only carries on the theme page before it: no theme named but the page
    before's (a spread: the grey box on one page, the purple and yellow on the next, the theme's
    title over both), and no label of a box that page already has — what a browser or word
    processor prints when boxes run over the end of a page (the next box, label and all, may
    start below them)."""
    named = named_themes("\n".join(page.column), model)
    if named[0] and named != named_themes("\n".join(before.column), model):
        return False
    if not named[0] and any(CONTINUED.search(text) for text in page.column):
        return False
    return all(not before.boxes[kind] for item in items for kind in item.labels)


MARGIN = 0.1
"""Share of the page's height at its top and at its bottom where running headers and footers stand."""
_DIGITS = re.compile(r"\d+")


def _running_warnings(pages: list[list[_Item]], margins: Collection[int]) -> list[ImportWarning]:
    """One warning per running header or footer, quoting it: it is left out of the boxes and of
    the cover, side box and back matter (where it would pass for a field's value)."""
    seen: dict[str, list[int]] = {}
    for page in pages:
        for item in page:
            if id(item) in margins:
                seen.setdefault(_DIGITS.sub("#", fold(item.block.text)), []).append(item.block.page)
    warnings = []
    for key, on in seen.items():
        text = next(fold(item.block.text) for page in pages for item in page
                    if id(item) in margins and _DIGITS.sub("#", fold(item.block.text)) == key)
        warnings.append(ImportWarning(
            message=f"running header or footer left out: '{text}' (on {len(on)} pages, {on[0]}–{on[-1]})",
            page=on[0], code="page-furniture"))
    return warnings


def _running_margins(pages: list[list[_Item]]) -> set[int]:
    """Items (by ``id``) of a running header or footer: a line in the top or bottom margin of the
    page that recurs — digits aside ("Side 4 af 15") — at the same height on three pages or more,
    and is no sentence or also stands on a page without boxes (a box's stock sentence may recur
    at one place on theme pages). Decided before any box is: below a box without a fill or
    frame, a footer would otherwise be read as that box's last line."""
    seen: dict[tuple[str, int], list[_Item]] = {}
    boxed = {item.block.page for page in pages for item in page if item.labels}
    for page in pages:
        for item in page:
            block = item.block
            if item.labels or block.bbox is None or block.page_size is None or not block.text.strip():
                continue
            height = block.page_size[1]
            if MARGIN * height < block.bbox[1] and block.bbox[3] < (1 - MARGIN) * height:
                continue
            key = (_DIGITS.sub("#", " ".join(block.text.split())), round(block.bbox[1] / 4))
            seen.setdefault(key, []).append(item)
    return {id(item) for (text, _), found in seen.items() if len({item.block.page for item in found}) >= 3
            and (not text.endswith((".", "!", "?")) or any(item.block.page not in boxed for item in found))
            for item in found}


def _running_text(pages: list[list[_Item]]) -> set[str]:
    """Text outside the boxes that repeats on three theme pages or more: a running header or
    footer ("Kvalitet i SOF 2017"), page furniture rather than content."""
    counts: dict[str, int] = {}
    for page in pages:
        for text in {item.block.text.strip() for item in page if item.kind is None and not item.labels}:
            counts[text] = counts.get(text, 0) + 1
    return {text for text, count in counts.items() if count >= 3}


def _warn_outside(page: PageDraft, running: set[str], model: QualityModel, warnings: list[ImportWarning]) -> None:
    """Text outside the boxes that names no theme is left out of the sections: say so, quoting
    it whole, so nothing is lost without a trace."""
    left = [text for text in page.column if text not in running and not named_themes(text, model)[0]
            and not CONTINUED.search(text) and not model.is_template_line(text)]
    if left:
        quoted = " / ".join(" ".join(text.split()) for text in left)
        warnings.append(ImportWarning(message=f"text outside the boxes left out of the section: “{quoted}”",
                                      page=page.page, code="text-outside-boxes"))
