"""The PowerPoint importer: slides → positioned text blocks and the regions they sit in → recogniser.

Reports laid out as landscape pages of coloured boxes are often made in PowerPoint, and people
keep the decks. A slide is one page. Every paragraph of a shape's text frame (auto shapes, text
boxes, placeholders, shapes inside groups at any depth) and of every table cell becomes one
:class:`TextBlock`; the shape or cell it is printed in becomes its :class:`Region` when the shape
is visibly drawn (a solid fill or an outline), and a text box without fill laid over a drawn
shape — the usual way such slides are built — takes the smallest drawn shape under its centre.
Which region is which report box is the recogniser's business (by its label), never decided here.
A slide shows its layout's and master's own shapes behind its own (templates draw boxes and
labels there), so those are read too; hidden slides and shapes, notes, pictures, charts and
SmartArt are not (SmartArt keeps its text in diagram parts this reader does not open).

What PowerPoint would show is resolved the way PowerPoint resolves it:

- colours: scheme colours through the master's theme (``a:clrScheme``) and colour map, with the
  ``lumMod``/``lumOff``/``satMod`` (HSL) and ``tint``/``shade`` (linear RGB) modifiers the colour
  picker writes for "Office theme tints"; a shape without its own fill takes its style's
  ``fillRef`` from the theme's fill styles. A colour that cannot be resolved leaves ``fill``
  ``None`` rather than a guess;
- text properties: the run, then the paragraph, then the list styles of the shape, of the layout
  and master placeholders it inherits from, the master's text styles and the presentation's
  default text style — for size, bold, typeface and bullets alike;
- geometry: offsets in EMU (12700 to a point), group transforms composed through each group's
  child coordinate space. A .pptx stores no line layout, so a paragraph's box is estimated from
  its text frame, the text length and the font size; good for reading order and containment,
  not for typesetting.

List paragraphs (``buChar``/``buAutoNum``, from the paragraph or the list styles it inherits)
are bullets, numbered ones carrying their number ("1. ") in the text as the Word importer
writes them; a bullet typed by hand or drawn with a Symbol/Wingdings glyph is a bullet too.

Bad input is refused in one line, most of it before python-pptx sees it: OLE files (encrypted
decks and PowerPoint 97-2003), non-ZIP data, ZIPs that are not presentations, zip bombs (from the
directory, and again while unpacking: python-pptx only sees a copy made by the size-capped
reader of :mod:`kvalitet_core.archives`, which counts what it inflates), decks of far more slides
or shapes than a report has, and damaged XML.
"""

from __future__ import annotations

import colorsys
import io
import math
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Any

from kvalitet_core import (
    ARROW,
    RGB,
    BBox,
    Glyph,
    InputError,
    Region,
    ReportImporter,
    SourceInfo,
    TextBlock,
    capped_copy,
    classify,
    hookimpl,
    is_symbol_font,
    is_text_marker,
    open_zip,
)

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_a = f"{{{A}}}".__add__
_p = f"{{{P}}}".__add__

EMU_PER_POINT = 12700
_MAX_UNPACKED = 200 * 1024 * 1024
"""A deck of a written-feedback report unpacks to a few megabytes, photos included; more than
this is refused. It also caps each member: a deck may embed a large photo or video."""
_MAX_RATIO = 200
_MAX_MEMBERS = 20_000
_MAX_SLIDES = 500
"""A report is a dozen or two slides; reading costs about 10 ms a slide."""
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_LEGACY_STREAM = "PowerPoint Document".encode("utf-16-le")

_MIN_REGION = 12.0
"""Drawn shapes narrower or lower than this (points) are rules and connectors, not boxes."""
_BACKGROUND = 0.85
"""A drawn shape covering this share of the slide is a background: text laid over it is not
'in' it."""
_LINE_HEIGHT = 1.2
_CHAR_WIDTH = 0.5
"""Average advance of a character in em, for estimating where a paragraph wraps."""
_DEFAULT_SIZE = 18.0
"""PowerPoint's size when no style says one."""
_MAX_SLIDE_SHAPES = 1_000
_MAX_DECK_SHAPES = 20_000
"""A report slide has a few dozen shapes and a report deck a few hundred. Placing text among
shapes costs time with the square of a slide's shapes, so a deck made of tens of thousands of
tiny shapes — a few hundred kilobytes zipped — is refused rather than read for minutes."""


# --- refusing bad input ------------------------------------------------------------------------

def check_archive(data: bytes, source_name: str) -> zipfile.ZipFile:
    """Open the ZIP after checking, from its directory alone, that it is a sane presentation."""
    if not data:
        raise InputError("empty file (0 bytes)", source_name)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise InputError("encrypted or password-protected PowerPoint file: remove the password "
                             "in PowerPoint and save it again", source_name)
        if _LEGACY_STREAM in data:
            raise InputError("a PowerPoint 97-2003 .ppt file, not .pptx: save it as .pptx first", source_name)
        raise InputError("encrypted or password-protected PowerPoint file, or an Office 97-2003 file: "
                         "save it as .pptx without a password", source_name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        what = " (a PDF)" if data.startswith(b"%PDF") else ""
        raise InputError(f"not a PowerPoint file: not a ZIP archive{what}", source_name) from None
    unpacked = sum(member.file_size for member in members)
    ratio = unpacked / max(1, sum(member.compress_size for member in members))
    if len(members) > _MAX_MEMBERS or unpacked > _MAX_UNPACKED or (unpacked > 10 * 1024 * 1024 and ratio > _MAX_RATIO):
        raise InputError(f"refused: the archive unpacks to {unpacked / 2**20:,.0f} MiB in {len(members):,} "
                         f"files ({ratio:,.0f}× its size), a zip bomb", source_name)
    names = set(archive.namelist())
    if "ppt/presentation.xml" not in names:
        what = "a Word document" if "word/document.xml" in names else \
            "an Excel workbook" if "xl/workbook.xml" in names else "a ZIP archive"
        raise InputError(f"not a PowerPoint presentation: {what} without ppt/presentation.xml", source_name)
    slides = sum(1 for name in names if name.startswith("ppt/slides/slide") and name.endswith(".xml"))
    if slides > _MAX_SLIDES:
        raise InputError(f"refused: {slides:,} slides, far more than a report has", source_name)
    return archive


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


_SHOW_AND_TEMPLATE_TYPES = {
    b"presentationml.slideshow.main+xml": b"presentationml.presentation.main+xml",
    b"presentationml.template.main+xml": b"presentationml.presentation.main+xml",
    b"powerpoint.slideshow.macroEnabled.main+xml": b"powerpoint.presentation.macroEnabled.main+xml",
    b"powerpoint.template.macroEnabled.main+xml": b"powerpoint.presentation.macroEnabled.main+xml",
}


def _as_presentation(package: io.BytesIO) -> io.BytesIO:
    """The package with a slide show's (.ppsx) or template's (.potx) main part typed as a
    presentation's: the parts are the same, but python-pptx opens only presentations."""
    with zipfile.ZipFile(package) as archive:
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive.namelist() else b""
        if not any(kind in types for kind in _SHOW_AND_TEMPLATE_TYPES):
            package.seek(0)
            return package
        for kind, presentation in _SHOW_AND_TEMPLATE_TYPES.items():
            types = types.replace(kind, presentation)
        retyped = io.BytesIO()
        with zipfile.ZipFile(retyped, "w", zipfile.ZIP_STORED) as target:
            for info in archive.infolist():
                target.writestr(info.filename, types if info.filename == "[Content_Types].xml" else archive.read(info))
    retyped.seek(0)
    return retyped


def open_presentation(data: bytes, source_name: str) -> Any:
    """The python-pptx presentation, or a one-line ``InputError`` saying what is wrong."""
    from pptx import Presentation

    check_archive(data, source_name)
    # Every member re-read through the capped reader: what python-pptx unpacks was counted.
    unpacked = _as_presentation(capped_copy(open_zip(data, source_name), _MAX_UNPACKED, member_limit=_MAX_UNPACKED))
    try:
        return Presentation(unpacked)
    except Exception as error:  # lxml's XMLSyntaxError, KeyError for a missing part, ValueError, …
        raise InputError(f"damaged PowerPoint file: {_first_line(error)}", source_name) from None


# --- colours -----------------------------------------------------------------------------------

def _hex(value: str | None) -> RGB | None:
    if not value or len(value) != 6:
        return None
    try:
        return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
    except ValueError:
        return None


def _to_linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _to_srgb(channel: float) -> float:
    return channel * 12.92 if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


_HSL_MODIFIERS = frozenset(["lumMod", "lumOff", "lum", "satMod", "satOff", "sat", "hueMod", "hueOff", "hue"])
_IGNORED_MODIFIERS = frozenset(["alphaMod", "alphaOff"])


def _modified(base: RGB, element: Any) -> tuple[RGB, float] | None:
    """``base`` with the element's colour modifiers applied in order, and its alpha; None for a
    modifier this reader does not know (a guess would be worse than no colour)."""
    rgb = [channel / 255 for channel in base]
    alpha = 1.0
    for modifier in element:
        name = modifier.tag.rpartition("}")[2]
        value = int(modifier.get("val", "0")) / 100_000
        if name == "alpha":
            alpha = value
        elif name in _IGNORED_MODIFIERS:
            continue
        elif name in ("tint", "shade"):  # PowerPoint applies these in linear RGB
            linear = [_to_linear(channel) for channel in rgb]
            linear = [1 - (1 - c) * value if name == "tint" else c * value for c in linear]
            rgb = [_to_srgb(min(1.0, max(0.0, c))) for c in linear]
        elif name in _HSL_MODIFIERS:
            hue, lum, sat = colorsys.rgb_to_hls(*rgb)
            if name == "lumMod":
                lum *= value
            elif name == "lumOff":
                lum += value
            elif name == "lum":
                lum = value
            elif name == "satMod":
                sat *= value
            elif name == "satOff":
                sat += value
            elif name == "sat":
                sat = value
            else:  # hue values are in 60000ths of a degree: 21600000 is a full turn
                turn = int(modifier.get("val", "0")) / 21_600_000
                hue = hue * value if name == "hueMod" else hue + turn if name == "hueOff" else turn
                hue %= 1.0
            rgb = list(colorsys.hls_to_rgb(hue, min(1.0, max(0.0, lum)), min(1.0, max(0.0, sat))))
        else:
            return None
    return tuple(round(min(1.0, max(0.0, c)) * 255) for c in rgb), alpha  # type: ignore[return-value]


@dataclass
class _Theme:
    """A master's theme: its colours under the master's colour map, fonts and style lists."""

    slots: dict[str, RGB]
    """The scheme's own colours: dk1, lt1, dk2, lt2, accent1–6, hlink, folHlink."""
    colours: dict[str, RGB]
    """The slots and the names shapes use for them under the colour map (tx1, bg1, …)."""
    fonts: dict[str, str]
    fill_styles: list[Any]
    background_fill_styles: list[Any]
    line_styles: list[Any]

    @classmethod
    def read(cls, master: Any) -> _Theme:
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.oxml import parse_xml

        theme = cls({}, {}, {}, [], [], [])
        try:
            root = parse_xml(master.part.part_related_by(RT.THEME).blob)
        except KeyError:  # a master without a theme: nothing resolves, nothing is guessed
            return theme
        scheme = root.find(f".//{_a('clrScheme')}")
        for slot in scheme if scheme is not None else ():
            rgb = theme.colour(slot[0])[0] if len(slot) else None
            if rgb is not None:
                theme.slots[slot.tag.rpartition("}")[2]] = rgb
        theme.colours = theme.mapped(master.element.find(_p("clrMap")))
        for kind, key in (("majorFont", "+mj-lt"), ("minorFont", "+mn-lt")):
            latin = root.find(f".//{_a(kind)}/{_a('latin')}")
            if latin is not None and latin.get("typeface"):
                theme.fonts[key] = latin.get("typeface")
        for name, target in (("fillStyleLst", theme.fill_styles), ("bgFillStyleLst", theme.background_fill_styles),
                             ("lnStyleLst", theme.line_styles)):
            styles = root.find(f".//{_a(name)}")
            target.extend(styles if styles is not None else ())
        return theme

    def mapped(self, mapping: Any | None) -> dict[str, RGB]:
        """The slots and, under a colour map (``bg1="lt1"`` …), the names shapes use for them."""
        colours = dict(self.slots)
        if mapping is not None:
            colours.update({alias: self.slots[slot] for alias, slot in mapping.attrib.items() if slot in self.slots})
        return colours

    def for_slide(self, slide_element: Any) -> _Theme:
        """This theme under a slide's own colour map override, if it has one."""
        override = slide_element.find(f"{_p('clrMapOvr')}/{_a('overrideClrMapping')}")
        if override is None:
            return self
        return replace(self, colours=self.mapped(override))

    def colour(self, element: Any, placeholder: RGB | None = None) -> tuple[RGB | None, float]:
        """The RGB and alpha a colour element stands for; ``(None, 1)`` when it cannot be resolved.

        ``placeholder`` is the colour ``phClr`` stands for inside a theme style."""
        name = element.tag.rpartition("}")[2]
        base: RGB | None = None
        if name == "srgbClr":
            base = _hex(element.get("val"))
        elif name == "schemeClr":
            value = element.get("val")
            base = placeholder if value == "phClr" else self.colours.get(value or "")
        elif name == "sysClr":
            base = _hex(element.get("lastClr"))
        elif name == "scrgbClr":
            base = tuple(round(_to_srgb(min(1.0, max(0.0, int(element.get(c, "0")) / 100_000))) * 255)
                         for c in "rgb")  # type: ignore[assignment]
        elif name == "hslClr":
            hue = int(element.get("hue", "0")) / 21_600_000
            lum, sat = int(element.get("lum", "0")) / 100_000, int(element.get("sat", "0")) / 100_000
            base = tuple(round(c * 255) for c in colorsys.hls_to_rgb(hue % 1.0, lum, sat))  # type: ignore[assignment]
        if base is None:
            return (None, 1.0)
        return _modified(base, element) or (None, 1.0)


_FILL_TAGS = frozenset(_a(name) for name in ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill"))


@dataclass(frozen=True, slots=True)
class _Paint:
    """Whether a fill or outline shows, and its colour when it is one solid colour we resolved."""

    visible: bool
    colour: RGB | None = None


_NONE = _Paint(False)


def _paint(element: Any, theme: _Theme, group: _Paint, placeholder: RGB | None = None) -> _Paint:
    """What a fill element (``a:solidFill``, ``a:noFill`` …) paints."""
    tag = element.tag
    if tag == _a("noFill"):
        return _NONE
    if tag == _a("grpFill"):
        return group
    if tag != _a("solidFill"):
        return _Paint(True)  # gradient, picture or pattern: shows, but is no single colour
    if not len(element):
        return _Paint(True)
    rgb, alpha = theme.colour(element[0], placeholder)
    if alpha <= 0:
        return _NONE
    if rgb is not None and alpha < 1:  # shown over the white slide
        rgb = tuple(round(c * alpha + 255 * (1 - alpha)) for c in rgb)  # type: ignore[assignment]
    return _Paint(True, rgb)


def _style_reference(style: Any | None, name: str, theme: _Theme, styles: list[Any],
                     group: _Paint) -> _Paint:
    """What a shape style's ``fillRef``/``lnRef`` paints: the theme's style with its colour."""
    reference = style.find(_a(name)) if style is not None else None
    if reference is None:
        return _NONE
    index = int(reference.get("idx", "0"))
    if name == "fillRef" and index >= 1001:
        index, styles = index - 1000, theme.background_fill_styles
    if index < 1 or index > len(styles):
        return _NONE
    placeholder = theme.colour(reference[0])[0] if len(reference) else None
    chosen = styles[index - 1]
    if name == "lnRef":
        chosen = next((child for child in chosen if child.tag in _FILL_TAGS), None)
        if chosen is None:
            return _NONE
    return _paint(chosen, theme, group, placeholder)


def _shape_fill(properties: list[Any], style: Any | None, theme: _Theme, group: _Paint) -> _Paint:
    """The fill: the first of the shape's and its placeholders' ``spPr`` that says one, else the
    style's ``fillRef``."""
    for props in properties:
        for child in props:
            if child.tag in _FILL_TAGS:
                return _paint(child, theme, group)
    return _style_reference(style, "fillRef", theme, theme.fill_styles, group)


def _shape_line(properties: list[Any], style: Any | None, theme: _Theme, group: _Paint) -> _Paint:
    """The outline, found the way the fill is (``a:ln``, else the style's ``lnRef``)."""
    for props in properties:
        line = props.find(_a("ln"))
        if line is None:
            continue
        for child in line:
            if child.tag in _FILL_TAGS:
                return _paint(child, theme, group)
    return _style_reference(style, "lnRef", theme, theme.line_styles, group)


# --- geometry ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Transform:
    """Child coordinates (EMU) to slide points: ``x * scale_x + shift_x``."""

    scale_x: float = 1 / EMU_PER_POINT
    scale_y: float = 1 / EMU_PER_POINT
    shift_x: float = 0.0
    shift_y: float = 0.0

    def box(self, left: int, top: int, width: int, height: int, rotation: float = 0.0) -> BBox:
        x0, y0 = left * self.scale_x + self.shift_x, top * self.scale_y + self.shift_y
        x1, y1 = x0 + width * self.scale_x, y0 + height * self.scale_y
        if 45 <= rotation % 180 < 135:  # turned a quarter: the box stands on its side
            cx, cy, half_w, half_h = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
            x0, y0, x1, y1 = cx - half_h, cy - half_w, cx + half_h, cy + half_w
        return (x0, y0, x1, y1)

    def into_group(self, transform: Any) -> _Transform:
        """The transform for a group's children, from the group's ``a:xfrm`` (off/ext and the
        child space chOff/chExt)."""
        def pair(tag: str, first: str, second: str) -> tuple[int, int] | None:
            element = transform.find(_a(tag)) if transform is not None else None
            return None if element is None else (int(element.get(first, "0")), int(element.get(second, "0")))

        offset, extent = pair("off", "x", "y"), pair("ext", "cx", "cy")
        child_offset, child_extent = pair("chOff", "x", "y"), pair("chExt", "cx", "cy")
        if offset is None or extent is None:
            return self
        child_offset = child_offset or offset
        child_extent = child_extent or extent
        ratio_x = extent[0] / child_extent[0] if child_extent[0] else 1.0
        ratio_y = extent[1] / child_extent[1] if child_extent[1] else 1.0
        return _Transform(self.scale_x * ratio_x, self.scale_y * ratio_y,
                          self.shift_x + self.scale_x * (offset[0] - child_offset[0] * ratio_x),
                          self.shift_y + self.scale_y * (offset[1] - child_offset[1] * ratio_y))


def _area(box: BBox) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _union(boxes: Iterable[BBox]) -> BBox:
    x0s, y0s, x1s, y1s = zip(*boxes)
    return (min(x0s), min(y0s), max(x1s), max(y1s))


def _contains(outer: BBox, inner: BBox, slack: float = 1.0) -> bool:
    return (outer[0] - slack <= inner[0] and outer[1] - slack <= inner[1]
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


# --- text --------------------------------------------------------------------------------------

def _on(value: str | None) -> bool | None:
    return None if value is None else value.lower() in ("1", "true", "on")


@dataclass
class _TextStyles:
    """Where a paragraph's properties come from, most specific first: the shape's list style,
    the layout's and master's placeholder list styles, the master's text style for the
    placeholder's kind, the presentation's default text style."""

    lists: list[Any]
    body_properties: list[Any]
    fonts: dict[str, str]
    scale: float = 1.0
    """The share PowerPoint shrinks the text to when it fits it to its shape (``normAutofit``)."""

    def levels(self, paragraph_properties: Any | None, level: int) -> list[Any]:
        name = _a(f"lvl{level + 1}pPr")
        found = [paragraph_properties] if paragraph_properties is not None else []
        found.extend(element for element in (lst.find(name) for lst in self.lists) if element is not None)
        return found

    def body(self, attribute: str, default: str) -> str:
        for properties in self.body_properties:
            value = properties.get(attribute)
            if value is not None:
                return value
        return default


@dataclass(slots=True)
class _Part:
    text: str
    bold: bool
    font: str | None
    size: float
    symbol: bool


def _character(run_properties: Any | None, levels: list[Any], attribute: str) -> str | None:
    """A character property from the run, else the paragraph's and the levels' defaults."""
    if run_properties is not None and run_properties.get(attribute) is not None:
        return run_properties.get(attribute)
    for level in levels:
        defaults = level.find(_a("defRPr"))
        if defaults is not None and defaults.get(attribute) is not None:
            return defaults.get(attribute)
    return None


def _typeface(run_properties: Any | None, levels: list[Any], fonts: dict[str, str]) -> str | None:
    sources = [run_properties] + [level.find(_a("defRPr")) for level in levels]
    for source in sources:
        latin = source.find(_a("latin")) if source is not None else None
        if latin is not None and latin.get("typeface"):
            face = latin.get("typeface")
            return fonts.get(face, None if face.startswith("+") else face)
    return fonts.get("+mn-lt")


def _bullet_kind(levels: list[Any]) -> Any | None:
    """The bullet element that decides (``buChar``, ``buAutoNum``, ``buBlip``), None for none."""
    for level in levels:
        for child in level:
            if child.tag == _a("buNone"):
                return None
            if child.tag in (_a("buChar"), _a("buAutoNum"), _a("buBlip")):
                return child
    return None


@dataclass(slots=True)
class _Frame:
    """The blocks of one text frame (or of the part of it over one region), with where it is."""

    blocks: list[TextBlock]
    shape_box: BBox | None
    """The frame's bounds, for reading order; None for the part of a frame split over regions
    (its paragraphs' estimated boxes stand in)."""
    region: Region | None


@dataclass(slots=True)
class _Paragraph:
    """A paragraph as a block (without its box yet), its font size and its alignment."""

    block: TextBlock | None
    size: float
    align: float
    """Where a line shorter than the frame starts: 0 left, 0.5 centred, 1 right."""


_ALIGNMENT = {"ctr": 0.5, "r": 1.0}


def _frame_blocks(body: Any, box: BBox | None, styles: _TextStyles, page: int,
                  page_size: tuple[float, float], margins: tuple[float, float, float, float],
                  anchor: str) -> list[TextBlock]:
    """One block per paragraph of a ``txBody``, stacked down the frame by estimated height."""
    numbers: dict[int, int] = {}
    measured: list[tuple[_Paragraph, float, float]] = []  # paragraph, height, width
    left, top, right, bottom = margins
    text_width = max(1.0, (box[2] - box[0]) - left - right) if box is not None else 1.0
    wraps = styles.body("wrap", "square") != "none"
    for element in body.iterfind(_a("p")):
        paragraph = _paragraph(element, styles, numbers, page, page_size)
        lines, width = 1, 0.0
        if paragraph.block is not None:
            widths = [len(line) * _CHAR_WIDTH * paragraph.size for line in paragraph.block.text.split("\n")]
            lines = sum(max(1, math.ceil(w / text_width)) if wraps else 1 for w in widths)
            width = min(text_width, max(widths)) if wraps else max(widths)
        measured.append((paragraph, lines * paragraph.size * _LINE_HEIGHT, width))
    if box is None:
        return [paragraph.block for paragraph, _, _ in measured if paragraph.block is not None]
    total = sum(height for _, height, _ in measured)
    room = (box[3] - box[1]) - top - bottom
    y = box[1] + top + (room - total if anchor == "b" else (room - total) / 2 if anchor == "ctr" else 0)
    blocks = []
    for paragraph, height, width in measured:
        if paragraph.block is not None:
            start = box[0] + left + (text_width - width) * paragraph.align
            blocks.append(replace(paragraph.block, bbox=(start, y, start + width, y + height)))
        y += height
    return blocks


def _paragraph(paragraph: Any, styles: _TextStyles, numbers: dict[int, int], page: int,
               page_size: tuple[float, float]) -> _Paragraph:
    """One ``a:p``: its text with list marker or number, bold, blue cards, font and size."""
    properties = paragraph.find(_a("pPr"))
    level = int(properties.get("lvl", "0")) if properties is not None else 0
    levels = styles.levels(properties, level)
    align = _ALIGNMENT.get(next((lvl.get("algn") for lvl in levels if lvl.get("algn")), "l"), 0.0)
    parts: list[_Part] = []
    for child in paragraph:
        if child.tag == _a("br"):
            parts.append(_Part("\n", False, None, 0.0, False))
        elif child.tag in (_a("r"), _a("fld")):
            run_properties = child.find(_a("rPr"))
            if child.get("type") == "slidenum":  # the stored text is the number when last saved
                text = str(page)
            else:
                text = "".join(t.text or "" for t in child.iter(_a("t")))
            font = _typeface(run_properties, levels, styles.fonts)
            size = int(_character(run_properties, levels, "sz") or _DEFAULT_SIZE * 100) / 100 * styles.scale
            bold = bool(_on(_character(run_properties, levels, "b")))
            symbol = is_symbol_font(font)
            if symbol:
                text = "".join(ARROW if classify(char, font or "Symbol") is Glyph.ARROW else "•" for char in text)
            parts.append(_Part(text, bold, font, size, symbol))
    words = [part for part in parts if part.text.strip() and not part.symbol]
    size = words[0].size if words else \
        int(_character(paragraph.find(_a("endParaRPr")), levels, "sz") or _DEFAULT_SIZE * 100) / 100 * styles.scale
    for deeper in [key for key in numbers if key > level]:
        del numbers[deeper]
    lines = [" ".join(line.split()) for line in "".join(part.text for part in parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text:
        return _Paragraph(None, size, align)
    bullet = False
    first, _, rest = text.partition(" ")
    if rest and is_text_marker(first):
        text, bullet = rest.lstrip(), True
    elif text.startswith("•") and text.lstrip("• "):  # a symbol-font glyph right before the words
        text, bullet = text.lstrip("• "), True
    kind = _bullet_kind(levels)
    if kind is not None and kind.tag == _a("buAutoNum"):
        numbers[level] = numbers.get(level, int(kind.get("startAt", "1")) - 1) + 1
        text = f"{numbers[level]}. {text}"
    else:
        numbers.pop(level, None)
        bullet = bullet or kind is not None
    bold = bool(words) and all(part.bold for part in words)
    characters: dict[str, int] = {}
    for part in words:
        if part.font:
            characters[part.font] = characters.get(part.font, 0) + len(part.text)
    block = TextBlock(text=text, page=page, page_size=page_size, bold=bold,
                      bold_phrases=() if bold else _bold_phrases(parts),
                      font=max(characters, key=characters.__getitem__) if characters else None,
                      size=round(size, 1), bullet=bullet)
    return _Paragraph(block, size, align)


def _bold_phrases(parts: list[_Part]) -> tuple[str, ...]:
    """Runs of bold words inside a regular paragraph (the blue cards); spaces between two bold
    runs do not end a phrase."""
    phrases: list[str] = []
    run: list[str] = []
    for part in parts + [_Part("", False, None, 0.0, False)]:
        if part.symbol:
            continue
        if part.bold and part.text.strip():
            run.append(part.text)
        elif run and part.text.strip() or run and part.text == "":
            phrases.append(" ".join("".join(run).split()))
            run = []
        elif run:
            run.append(part.text)
    return tuple(phrase for phrase in phrases if phrase)


# --- slides ------------------------------------------------------------------------------------

_FURNITURE = frozenset(["sldNum", "dt"])
"""Placeholders that print the slide number and date: page furniture, not report text."""
_TITLE_TYPES = frozenset(["title", "ctrTitle"])
_OWN_KIND_TYPES = frozenset(["dt", "ftr", "sldNum", "hdr"])


@dataclass
class _Deck:
    """What the slides of one deck share: its text defaults, themes by master, region ids."""

    source_name: str
    default_text: Any | None
    themes: dict[int, _Theme] = field(default_factory=dict)
    regions: int = 0
    shapes: int = 0

    def theme(self, master: Any) -> _Theme:
        key = id(master.part)
        if key not in self.themes:
            self.themes[key] = _Theme.read(master)
        return self.themes[key]

    def region(self, box: BBox, fill: RGB | None) -> Region:
        self.regions += 1
        return Region(self.regions, box, fill)


def _base_kind(kind: str) -> str:
    """The master placeholder a layout placeholder of this kind inherits from."""
    return "title" if kind in _TITLE_TYPES else kind if kind in _OWN_KIND_TYPES else "body"


_SHAPE_TAGS = frozenset(_p(name) for name in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"))
_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"


def _in_z_order(shapes: Any, container: Any) -> Iterator[Any]:
    """The shapes python-pptx knows, and those PowerPoint wraps in ``mc:AlternateContent``
    (which python-pptx passes over), in drawing order. Of an alternate, the ``mc:Choice`` is
    read — the content PowerPoint itself shows — and never also the ``mc:Fallback``."""
    from pptx.shapes.shapetree import BaseShapeFactory

    known = iter(shapes)
    for child in container.iterchildren():
        if child.tag in _SHAPE_TAGS:
            shape = next(known, None)
            if shape is not None:
                yield shape
        elif child.tag == _ALTERNATE:
            choice = next((branch for branch in child if len(branch)), None)
            if choice is not None and choice[0].tag in _SHAPE_TAGS:
                yield BaseShapeFactory(choice[0], shapes)


def _hidden(element: Any) -> bool:
    """Whether a shape is hidden (the selection pane's eye): PowerPoint does not show it."""
    properties = element[0].find(_p("cNvPr")) if len(element) else None
    return properties is not None and _on(properties.get("hidden")) is True


def _font_scale(body_properties: list[Any]) -> float:
    """The font scale of the first ``bodyPr`` that says how its text fits, else 1."""
    for properties in body_properties:
        for fitting in ("normAutofit", "spAutoFit", "noAutofit"):
            element = properties.find(_a(fitting))
            if element is not None:
                return int(element.get("fontScale", "100000")) / 100_000
    return 1.0


def _shows_master_shapes(element: Any) -> bool:
    """Whether a slide or layout shows the shapes of the layout and master behind it."""
    return _on(element.get("showMasterSp")) is not False


def _placeholder_kind(element: Any) -> str | None:
    placeholder = element.find(f"{_p('nvSpPr')}/{_p('nvPr')}/{_p('ph')}")
    return None if placeholder is None else placeholder.get("type", "obj")


class _SlideReader:
    """Reads one slide: its text frames and table cells, the drawn shapes they sit in, and the
    reading order of both."""

    def __init__(self, deck: _Deck, slide: Any, page: int, page_size: tuple[float, float]) -> None:
        self.deck, self.slide, self.page, self.page_size = deck, slide, page, page_size
        self.master = slide.slide_layout.slide_master
        self.theme = deck.theme(self.master).for_slide(slide.element)
        self.drawn: list[Region] = []
        """Drawn shapes and cells a text box laid over them is read as sitting in."""
        self.frames: list[_Frame] = []
        self.shapes = 0

    def blocks(self) -> list[TextBlock]:
        """What the slide shows, in reading order: the master's and layout's own shapes behind
        the slide's (a template may draw the boxes and labels there), then the slide's shapes.
        Placeholders of the master and layout only lend their formatting; they are not drawn."""
        layout = self.slide.slide_layout
        layers = [(self.slide, True)]
        if _shows_master_shapes(self.slide.element):
            layers.insert(0, (layout, False))
            if _shows_master_shapes(layout.element):
                layers.insert(0, (self.master, False))
        for layer, placeholders in layers:
            tree = layer.element.find(f"{_p('cSld')}/{_p('spTree')}")
            if tree is not None:
                self.walk(layer.shapes, tree, _Transform(), _NONE, placeholders=placeholders)
        return _in_reading_order(self._placed_frames())

    def walk(self, shapes: Any, container: Any, transform: _Transform, group_fill: _Paint,
             placeholders: bool = True) -> None:
        """Shapes in z-order (``container`` is their ``p:spTree`` or ``p:grpSp``); groups are
        entered with their transform and fill; pictures, charts, connectors and media carry no
        report text and are passed over."""
        for shape in _in_z_order(shapes, container):
            self._count()
            if (not placeholders and shape.is_placeholder) or _hidden(shape.element):
                continue
            tag = shape.element.tag
            if tag == _p("grpSp"):
                properties = shape.element.find(_p("grpSpPr"))
                fill = group_fill
                for child in properties if properties is not None else ():
                    if child.tag in _FILL_TAGS:
                        fill = _paint(child, self.theme, group_fill)
                transform_element = properties.find(_a("xfrm")) if properties is not None else None
                self.walk(shape.shapes, shape.element, transform.into_group(transform_element), fill)
            elif tag == _p("graphicFrame") and shape.has_table:
                self.table(shape, transform)
            elif tag == _p("sp"):
                self.shape(shape, transform, group_fill)

    def _count(self) -> None:
        """Count a shape or cell against the caps, refusing a deck no report could be."""
        self.shapes += 1
        self.deck.shapes += 1
        if self.shapes > _MAX_SLIDE_SHAPES or self.deck.shapes > _MAX_DECK_SHAPES:
            where = f"on slide {self.page}" if self.shapes > _MAX_SLIDE_SHAPES else "in the deck"
            limit = _MAX_SLIDE_SHAPES if self.shapes > _MAX_SLIDE_SHAPES else _MAX_DECK_SHAPES
            raise InputError(f"refused: more than {limit:,} shapes {where}, far more than a report has",
                             self.deck.source_name)

    def _inherited(self, shape: Any) -> tuple[list[Any], str | None]:
        """The layout and master placeholders a slide placeholder inherits from, and its kind."""
        kind = _placeholder_kind(shape.element)
        if kind is None:
            return [], None
        inherited = []
        layout_placeholder = self.slide.slide_layout.placeholders.get(idx=shape.placeholder_format.idx)
        if layout_placeholder is not None:
            inherited.append(layout_placeholder.element)
            kind = _placeholder_kind(layout_placeholder.element) or kind
        base = _base_kind(kind)
        for placeholder in self.master.placeholders:
            if _base_kind(_placeholder_kind(placeholder.element) or "obj") == base:
                inherited.append(placeholder.element)
                break
        return inherited, kind

    def _text_styles(self, elements: list[Any], kind: str | None) -> _TextStyles:
        lists = [element.find(f"{_p('txBody')}/{_a('lstStyle')}") for element in elements]
        if kind is not None:
            name = "titleStyle" if kind in _TITLE_TYPES else "otherStyle" if kind in _OWN_KIND_TYPES else "bodyStyle"
            lists.append(self.master.element.find(f"{_p('txStyles')}/{_p(name)}"))
        lists.append(self.deck.default_text)
        body_properties = [props for props in (element.find(f"{_p('txBody')}/{_a('bodyPr')}") for element in elements)
                           if props is not None]
        return _TextStyles([lst for lst in lists if lst is not None], body_properties, self.theme.fonts,
                           _font_scale(body_properties))

    def shape(self, shape: Any, transform: _Transform, group_fill: _Paint) -> None:
        """An auto shape, text box or placeholder: maybe a region, maybe a text frame, or both."""
        inherited, kind = self._inherited(shape)
        if kind in _FURNITURE:
            return
        element = shape.element
        box = None
        if None not in (shape.left, shape.top, shape.width, shape.height):
            box = transform.box(shape.left, shape.top, shape.width, shape.height, shape.rotation)
        properties = [props for props in (e.find(_p("spPr")) for e in [element, *inherited]) if props is not None]
        style = element.find(_p("style"))
        fill = _shape_fill(properties, style, self.theme, group_fill)
        line = _shape_line(properties, style, self.theme, group_fill)
        region = None
        if box is not None and (fill.visible or line.visible):
            region = self.deck.region(box, fill.colour)
            self._may_lie_under(region)
        body = element.find(_p("txBody"))
        if body is None:
            return
        styles = self._text_styles([element, *inherited], kind)
        margins = tuple(int(styles.body(name, default)) / EMU_PER_POINT for name, default in
                        (("lIns", "91440"), ("tIns", "45720"), ("rIns", "91440"), ("bIns", "45720")))
        blocks = _frame_blocks(body, box, styles, self.page, self.page_size, margins,  # type: ignore[arg-type]
                               styles.body("anchor", "t"))
        if blocks:
            self.frames.append(_Frame(blocks, box, region))

    def _may_lie_under(self, region: Region) -> None:
        """Keep a drawn region as one a text box can lie on, unless it is a rule or background."""
        box = region.bbox
        assert box is not None
        if box[2] - box[0] < _MIN_REGION or box[3] - box[1] < _MIN_REGION:
            return
        if _area(box) >= _BACKGROUND * self.page_size[0] * self.page_size[1]:
            return
        self.drawn.append(region)

    def table(self, frame: Any, transform: _Transform) -> None:
        """Every cell of a table is a region (filled or not) with its own text frame.

        A cell's fill is its own ``a:tcPr`` fill; fills a table style gives are not resolved, so
        such cells report no fill rather than a guessed one."""
        table = frame.element.find(f".//{_a('tbl')}")
        if table is None or None in (frame.left, frame.top):
            return
        widths = [int(column.get("w", "0")) for column in table.iterfind(f"{_a('tblGrid')}/{_a('gridCol')}")]
        rows = table.findall(_a("tr"))
        heights = [int(row.get("h", "0")) for row in rows]
        x_starts = list(accumulate(widths, initial=0))
        y_starts = list(accumulate(heights, initial=0))
        styles = self._text_styles([], None)
        for row_index, row in enumerate(rows):
            for column_index, cell in enumerate(row.findall(_a("tc"))):
                self._count()  # a cell costs what a shape costs
                if _on(cell.get("hMerge")) or _on(cell.get("vMerge")) or column_index >= len(widths):
                    continue
                last_column = min(len(widths), column_index + int(cell.get("gridSpan", "1")))
                last_row = min(len(heights), row_index + int(cell.get("rowSpan", "1")))
                box = transform.box(frame.left + x_starts[column_index], frame.top + y_starts[row_index],
                                    x_starts[last_column] - x_starts[column_index],
                                    y_starts[last_row] - y_starts[row_index])
                properties = cell.find(_a("tcPr"))
                fill = _NONE
                for child in properties if properties is not None else ():
                    if child.tag in _FILL_TAGS:
                        fill = _paint(child, self.theme, _NONE)
                region = self.deck.region(box, fill.colour)
                self._may_lie_under(region)
                body = cell.find(_a("txBody"))
                if body is None:
                    continue

                def margin(name: str, default: int) -> float:
                    value = properties.get(name) if properties is not None else None
                    return int(value if value is not None else default) / EMU_PER_POINT

                cell_styles = replace(styles, lists=[lst for lst in [body.find(_a("lstStyle")), *styles.lists]
                                                     if lst is not None])
                anchor = properties.get("anchor", "t") if properties is not None else "t"
                blocks = _frame_blocks(body, box, cell_styles, self.page, self.page_size,
                                       (margin("marL", 91440), margin("marT", 45720), margin("marR", 91440),
                                        margin("marB", 45720)), anchor)
                if blocks:
                    self.frames.append(_Frame(blocks, box, region))

    def _placed_frames(self) -> list[_Frame]:
        """Every frame with its region: a frame not drawn itself is split over the drawn regions
        its paragraphs' centres fall in (the smallest one under each centre)."""
        placed: list[_Frame] = []
        # smallest first; of two the same size, the one drawn later (on top)
        drawn = [region for _, _, region in sorted((_area(region.bbox), -index, region)  # type: ignore[arg-type]
                                                   for index, region in enumerate(self.drawn))]
        for frame in self.frames:
            if frame.region is not None:
                placed.append(replace(frame, blocks=[replace(b, region=frame.region, fill=frame.region.fill)
                                                     for b in frame.blocks]))
                continue
            by_region: dict[int, _Frame] = {}
            for block in frame.blocks:
                region = self._under(block.bbox, drawn)
                key = region.id if region is not None else 0
                if key not in by_region:
                    by_region[key] = _Frame([], frame.shape_box, region)
                by_region[key].blocks.append(replace(block, region=region, fill=region.fill if region else None))
            if len(by_region) > 1:  # split: each part is read where its paragraphs are
                for part in by_region.values():
                    part.shape_box = None
            placed.extend(by_region.values())
        return placed

    def _under(self, box: BBox | None, drawn: list[Region]) -> Region | None:
        """The first of ``drawn`` (smallest first) under the box's centre."""
        if box is None:
            return None
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        for region in drawn:
            x0, y0, x1, y1 = region.bbox  # type: ignore[misc]
            if x0 <= x <= x1 and y0 <= y <= y1:
                return region
        return None


# --- reading order -----------------------------------------------------------------------------

@dataclass
class _Node:
    """A unit of reading order: a frame's blocks (a leaf), or a region and what lies in it."""

    box: BBox
    blocks: list[TextBlock] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


_TOUCH = 1.0
"""Boxes that touch or overlap by less than this (points) are still apart for reading order:
table cells and boxes drawn edge to edge."""


def _in_reading_order(frames: list[_Frame]) -> list[TextBlock]:
    """Regions are read as units, a region inside another within it; then recursive XY-cut:
    at each step the widest clear gap — a gutter between columns or between bands — decides."""
    regions: dict[int, tuple[Region, _Node]] = {}
    top: list[_Node] = []
    for frame in frames:
        boxes = [block.bbox for block in frame.blocks if block.bbox is not None]
        box = frame.shape_box or (_union(boxes) if boxes else (0.0, 0.0, 0.0, 0.0))
        leaf = _Node(box, list(frame.blocks))
        region = frame.region
        if region is None or region.bbox is None:
            top.append(leaf)
            continue
        if region.id not in regions:
            regions[region.id] = (region, _Node(region.bbox))
        regions[region.id][1].children.append(leaf)
    nodes = sorted(regions.values(), key=lambda item: _area(item[1].box))
    for index, (_, node) in enumerate(nodes):
        parent = next((outer for _, outer in nodes[index + 1:]
                       if _area(outer.box) > _area(node.box) and _contains(outer.box, node.box)), None)
        (parent.children if parent is not None else top).append(node)
    return list(_emit(top))


def _emit(nodes: list[_Node]) -> Iterator[TextBlock]:
    for node in _xy_cut(nodes):
        yield from node.blocks
        yield from _emit(node.children)


def _xy_cut(nodes: list[_Node]) -> list[_Node]:
    if len(nodes) <= 1:
        return nodes
    best: tuple[float, list[list[_Node]]] | None = None
    for axis in (1, 0):  # 1: cut between bands (first on a tie), 0: between columns
        ordered = sorted(nodes, key=lambda node: (node.box[axis], node.box[1 - axis]))
        groups, widest, reach = [[ordered[0]]], -_TOUCH, ordered[0].box[axis + 2]
        for node in ordered[1:]:
            gap = node.box[axis] - reach
            if gap > -_TOUCH:
                groups.append([])
                widest = max(widest, gap)
            groups[-1].append(node)
            reach = max(reach, node.box[axis + 2])
        if len(groups) > 1 and (best is None or widest > best[0]):
            best = (widest, groups)
    if best is None:
        return sorted(nodes, key=lambda node: (node.box[1], node.box[0]))
    return [node for group in best[1] for node in _xy_cut(group)]


# --- the importer ------------------------------------------------------------------------------

def pptx_blocks(data: bytes, source_name: str) -> list[TextBlock]:
    """The deck's paragraphs as text blocks, slide by slide (hidden slides and notes left out),
    each slide in reading order."""
    from lxml import etree
    from pptx.exc import PythonPptxError

    presentation = open_presentation(data, source_name)
    try:
        deck = _Deck(source_name, presentation.element.find(_p("defaultTextStyle")))
        page_size = ((presentation.slide_width or 0) / EMU_PER_POINT, (presentation.slide_height or 0) / EMU_PER_POINT)
        blocks: list[TextBlock] = []
        for number, slide in enumerate(presentation.slides, start=1):
            if _on(slide.element.get("show")) is False:
                continue
            blocks.extend(_SlideReader(deck, slide, number, page_size).blocks())
        return blocks
    except (ValueError, KeyError, IndexError, AttributeError, TypeError, RecursionError, PythonPptxError,
            etree.LxmlError) as error:
        # python-pptx reads lazily: a part whose XML is well-formed but wrong (an element in the
        # wrong namespace, a value of the wrong type) fails here, while the slides are read.
        raise InputError(f"damaged PowerPoint file: {_first_line(error)}", source_name) from None


class PptxImporter(ReportImporter):
    """Reads written-feedback reports made as PowerPoint decks (.pptx)."""

    name = "pptx"
    version = "1"
    extensions = (".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm", ".ppt")
    """``.ppt`` is accepted only to be refused with what to do about it."""
    media_types = ("application/vnd.openxmlformats-officedocument.presentationml.presentation",)
    priority = 21
    """Above the other document importers, which sniff content: a Word file or PDF named .pptx
    is then refused saying what it is, not imported as if its name were right."""

    def accepts(self, source: SourceInfo, head: bytes) -> bool:
        """By extension, or by a ZIP head naming ``ppt/``; never by parsing."""
        return source.extension in self.extensions or (head.startswith(b"PK\x03\x04") and b"ppt/" in head)

    def read_blocks(self, data: bytes, source: SourceInfo) -> Iterable[TextBlock]:
        return pptx_blocks(data, source.name)


@hookimpl
def register_importers(register, host):
    register(PptxImporter(host))
