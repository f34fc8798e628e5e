"""The Word importer: a .docx → text blocks → the core's structure recogniser.

A Word report has no coordinates, but it has everything else the recogniser needs: the regions
text sits in (table cells and text boxes) with their shading, shaded paragraphs, bold runs, list
paragraphs and page breaks. The body is walked in document order with a little XPath:

- regions: every cell of a top-level table and every text box is a region (a cell of a table
  nested in a cell belongs to the outer cell's region unless it is shaded itself); which region
  is which report box is the recogniser's business, decided by the labels;
- shading: paragraph ``w:shd``, else the cell's ``w:tcPr/w:shd``, else the table's or its
  table style's shading, else the fill of the text box the paragraph sits in;
- text boxes: ``w:txbxContent`` is read from ``mc:Choice`` only — Word stores a second copy of
  every text box in ``mc:Fallback``, and reading both would double the text;
- bold: the run's own ``w:b``, else its character style, else the paragraph style chain, else
  the document defaults;
- lists: ``w:numPr`` on the paragraph or its style (bullets; decimal lists get their number),
  or a leading symbol-font glyph or bullet character typed by hand.

Zip bombs, random bytes and ZIP files that are not Word documents are refused before any XML is
parsed, from the archive's directory alone.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kvalitet_core import (
    ARROW,
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
    labels_in,
    open_zip,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
_w = f"{{{W}}}".__add__

_MAX_UNPACKED = 200 * 1024 * 1024
"""A written-feedback report unpacks to a few megabytes; more than this is refused unread."""
_MAX_RATIO = 200
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def check_archive(data: bytes, source_name: str) -> zipfile.ZipFile:
    """Open the ZIP after checking, from its directory alone, that it is a sane Word document."""
    if not data:
        raise InputError("empty file (0 bytes)", source_name)
    if data.startswith(_OLE_MAGIC):
        raise InputError("a Word 97-2003 .doc file, not .docx: save it as .docx first", source_name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError("not a Word document: not a ZIP archive", source_name) from None
    unpacked = sum(member.file_size for member in members)
    ratio = unpacked / max(1, sum(member.compress_size for member in members))
    if unpacked > _MAX_UNPACKED or (unpacked > 10 * 1024 * 1024 and ratio > _MAX_RATIO):
        raise InputError(f"refused: the archive unpacks to {unpacked / 2**20:,.0f} MiB "
                         f"({ratio:,.0f}× its size), a zip bomb", source_name)
    if "word/document.xml" not in archive.namelist() and _main_part(archive) is None:
        raise InputError("not a Word document: a ZIP archive without word/document.xml", source_name)
    return archive


_MAIN_DOCUMENT = re.compile(rb'Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"|Target="/?([^"]+)"[^>]*Type="[^"]*/officeDocument"')


def _main_part(archive: zipfile.ZipFile) -> str | None:
    """The main document part that the package's relationships name, if it is in the archive
    (Word names it ``word/document.xml``; other writers may not)."""
    try:
        relationships = archive.read("_rels/.rels")
    except KeyError:
        return None
    match = _MAIN_DOCUMENT.search(relationships)
    name = (match.group(1) or match.group(2)).decode("utf-8", "replace") if match else None
    return name if name in archive.namelist() else None


def _on(element: Any | None) -> bool | None:
    """The value of a toggle property such as ``w:b``: absent → None, no value → True."""
    if element is None:
        return None
    return element.get(_w("val"), "true").lower() not in ("0", "false", "off", "none")


@dataclass
class _Styles:
    """Bold and list-ness by style id, with ``basedOn`` chains resolved once."""

    elements: dict[str, Any]
    default_bold: bool
    table_fills: dict[str, str]
    cache: dict[tuple[str, str], Any] = field(default_factory=dict)

    @classmethod
    def read(cls, styles_root: Any | None) -> _Styles:
        if styles_root is None:
            return cls({}, False, {})
        elements = {s.get(_w("styleId")): s for s in styles_root.iter(_w("style"))}
        default = styles_root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}/{_w('b')}")
        fills = {}
        for style_id, style in elements.items():
            shd = style.find(f"{_w('tcPr')}/{_w('shd')}")
            if shd is not None and _fill_value(shd):
                fills[style_id] = _fill_value(shd)
        return cls(elements, bool(_on(default)), fills)

    def lookup(self, style_id: str | None, path: str) -> Any | None:
        """The first element at ``path`` in the style or the styles it is based on."""
        key = (style_id or "", path)
        if key not in self.cache:
            found, seen = None, set()
            while style_id and style_id not in seen and found is None:
                seen.add(style_id)
                style = self.elements.get(style_id)
                if style is None:
                    break
                found = style.find(path)
                based = style.find(_w("basedOn"))
                style_id = based.get(_w("val")) if based is not None else None
            self.cache[key] = found
        return self.cache[key]


def _fill_value(shd: Any) -> str | None:
    fill = shd.get(_w("fill"))
    return fill if fill and fill.lower() != "auto" else None


def _rgb(hex_value: str | None) -> tuple[int, int, int] | None:
    if not hex_value:
        return None
    value = hex_value.lstrip("#")
    if len(value) != 6:
        return None
    try:
        return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
    except ValueError:
        return None


def _hex(rgb: tuple[int, int, int] | None) -> str | None:
    return "".join(f"{channel:02X}" for channel in rgb) if rgb is not None else None


@dataclass
class _Numbering:
    """List formats by numId and level — ``bullet``, ``decimal``, …, the first number and the
    text around it ("%1.", "%1)") — and running counters."""

    formats: dict[tuple[str, str], tuple[str, int, str]]
    counters: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Any | None) -> _Numbering:
        if root is None:
            return cls({})
        abstract = {a.get(_w("abstractNumId")): a for a in root.iter(_w("abstractNum"))}
        formats = {}
        for num in root.iter(_w("num")):
            ref = num.find(_w("abstractNumId"))
            definition = abstract.get(ref.get(_w("val"))) if ref is not None else None
            if definition is None:
                continue
            overrides = {override.get(_w("ilvl")): override.find(_w("startOverride"))
                         for override in num.iter(_w("lvlOverride"))}
            for level in definition.iter(_w("lvl")):
                number = level.get(_w("ilvl"))
                fmt, start, text = level.find(_w("numFmt")), level.find(_w("start")), level.find(_w("lvlText"))
                start = overrides.get(number) if overrides.get(number) is not None else start
                formats[(num.get(_w("numId")), number)] = (
                    fmt.get(_w("val")) if fmt is not None else "bullet",
                    int(start.get(_w("val"), "1")) if start is not None and start.get(_w("val"), "1").isdigit() else 1,
                    text.get(_w("val"), "%1.") if text is not None else "%1.",
                )
        return cls(formats)

    def marker(self, num_id: str, level: str) -> str | None:
        """None for a bullet; "3. " for the third item of a decimal list (or the item its start
        value makes it: Word turns a typed "5. oktober" into a list that starts at 5). A level's
        text names the counters of the levels above it too ("%1.%2": "4.1 " under heading 4), an
        item restarts the levels below it, and each counter is written in its level's format
        ("a)", "iv.")."""
        fmt, start, text = self.formats.get((num_id, level), ("bullet", 1, ""))
        if fmt in ("bullet", "none"):
            return None
        depth = int(level) if level.isdigit() else 0
        self.counters[(num_id, level)] = self.counters.get((num_id, level), start - 1) + 1
        for key in [key for key in self.counters if key[0] == num_id and key[1].isdigit() and int(key[1]) > depth]:
            del self.counters[key]

        def counter(match: re.Match[str]) -> str:
            key = (num_id, str(int(match.group(1)) - 1))
            own_format, own_start, _ = self.formats.get(key, ("decimal", 1, ""))
            return _counted(self.counters.get(key, own_start), own_format)

        label = re.sub(r"%([1-9])", counter, text) if "%" in text else f"{self.counters[(num_id, level)]}."
        return f"{label} "


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _counted(value: int, fmt: str) -> str:
    """A list counter written as its level's ``numFmt`` says; Arabic numerals for any other."""
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman, rest = "", value
        for amount, numeral in _ROMAN:
            count, rest = divmod(rest, amount)
            roman += numeral * count
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


class _Walker:
    """Walks the body in document order and yields a block per paragraph."""

    def __init__(self, styles: _Styles, numbering: _Numbering, headers: list[str] | None = None,
                 in_flow: list[bool] | None = None) -> None:
        self.styles, self.numbering = styles, numbering
        self.page = 1
        self.regions = 0
        self.headers = headers or []
        """Each section's header text, where the headers differ from section to section."""
        self.in_flow = in_flow or []
        """Whether each section goes on where the one before ends (a continuous or new-column
        break: a two-column stretch within a page) instead of starting a new page."""
        self.section = 0

    def header(self) -> Iterator[TextBlock]:
        """The current section's header as a block at its start: a header that changes from
        section to section names what the section is about ("Tema 3a (fortsat)")."""
        if self.section < len(self.headers) and self.headers[self.section]:
            yield TextBlock(text=self.headers[self.section], page=self.page, bold=True)

    def region(self, fill: str | None) -> Region:
        self.regions += 1
        return Region(self.regions, None, _rgb(fill))

    def body(self, container: Any, fill: str | None = None, region: Region | None = None) -> Iterator[TextBlock]:
        for child in container:
            tag = child.tag
            if tag == _w("p"):
                yield from self.paragraph(child, fill, region)
            elif tag == _w("tbl"):
                yield from self.table(child, region)
            elif tag in (_w("sdt"), _w("customXml"), _w("ins")):
                content = child.find(_w("sdtContent"))
                yield from self.body(content if content is not None else child, fill, region)

    def table(self, table: Any, outer: Region | None = None) -> Iterator[TextBlock]:
        properties = table.find(_w("tblPr"))
        table_fill = None
        if properties is not None:
            shd = properties.find(_w("shd"))
            style = properties.find(_w("tblStyle"))
            table_fill = (_fill_value(shd) if shd is not None else None) or \
                (self.styles.table_fills.get(style.get(_w("val"))) if style is not None else None)
        for row in table.iter(_w("tr")):
            if row.getparent() is not table:
                continue
            for cell in row.findall(_w("tc")):
                merge = cell.find(f"{_w('tcPr')}/{_w('vMerge')}")
                if merge is not None and merge.get(_w("val"), "continue") == "continue":
                    continue
                shd = cell.find(f"{_w('tcPr')}/{_w('shd')}")
                own = _fill_value(shd) if shd is not None else None
                fill = own or table_fill or (_hex(outer.fill) if outer is not None else None)
                region = self.region(fill) if outer is None or own is not None else outer
                yield from self.body(cell, fill, region)

    def paragraph(self, p: Any, fill: str | None, region: Region | None = None) -> Iterator[TextBlock]:
        properties = p.find(_w("pPr"))
        style_id = None
        if properties is not None:
            style = properties.find(_w("pStyle"))
            style_id = style.get(_w("val")) if style is not None else None
            if _on(properties.find(_w("pageBreakBefore"))):
                self.page += 1
            shd = properties.find(_w("shd"))
            fill = (_fill_value(shd) if shd is not None else None) or fill
        page = self.page
        parts: list[tuple[str, bool]] = []
        boxes: list[TextBlock] = []
        for run in p.iter(_w("r")):
            if _inside(run, p, (f"{{{MC}}}Fallback", _w("txbxContent"), _w("del"), _w("moveFrom"))):
                continue  # deleted, or the source of a move (its text stands where it was moved to)
            if self._hidden(run, style_id):
                continue
            bold = self._bold(run, style_id)
            font = _run_font(run)
            for child in run:
                tag = child.tag
                if tag == _w("t"):
                    text = child.text or ""
                    if font and is_symbol_font(font):
                        text = "".join(_glyph(char, font) for char in text)
                    parts.append((text, bold))
                elif tag == _w("sym"):
                    char = chr(int(child.get(_w("char"), "20"), 16))
                    parts.append((_glyph(char, child.get(_w("font"), font or "Symbol")), bold))
                elif tag in (_w("tab"), _w("noBreakHyphen")):
                    parts.append(("\t" if tag == _w("tab") else "-", bold))
                elif tag in (_w("br"), _w("cr")):
                    if child.get(_w("type")) == "page":
                        self.page += 1
                    else:
                        parts.append(("\n", bold))
                else:
                    boxes.extend(self._text_boxes(child))
        ends_section = properties is not None and properties.find(_w("sectPr")) is not None
        next_page = ends_section and not (self.section + 1 < len(self.in_flow) and self.in_flow[self.section + 1])
        if next_page:
            self.page += 1
        block = self._block(parts, page, fill, properties, style_id, region)
        if block is not None:
            yield block
        yield from boxes
        if ends_section:
            self.section += 1
        if next_page:
            yield from self.header()

    def _text_boxes(self, element: Any) -> Iterator[TextBlock]:
        """Text boxes inside a run's drawing or picture, from ``mc:Choice`` (never the Fallback)."""
        for content in element.iter(_w("txbxContent")):
            if _inside(content, element, (f"{{{MC}}}Fallback",)):
                continue
            if _inside(content, element, (_w("txbxContent"),)):
                continue  # nested: read with its outer box
            fill = _shape_fill(content)
            yield from self.body(content, fill, self.region(fill))

    def _hidden(self, run: Any, paragraph_style: str | None) -> bool:
        """Whether a run is hidden text (``w:vanish``): a note the author keeps out of print."""
        return bool(self._run_property(run, paragraph_style, "vanish"))

    def _bold(self, run: Any, paragraph_style: str | None) -> bool:
        bold = self._run_property(run, paragraph_style, "b")
        return bold if bold is not None else self.styles.default_bold

    def _run_property(self, run: Any, paragraph_style: str | None, name: str) -> bool | None:
        """A run's on/off property (bold, hidden) as Word resolves it: the run's own setting, else
        its character style's, else its paragraph style's; None where none says."""
        path = f"{_w('rPr')}/{_w(name)}"
        properties = run.find(_w("rPr"))
        if properties is not None:
            own = _on(properties.find(_w(name)))
            if own is not None:
                return own
            run_style = properties.find(_w("rStyle"))
            if run_style is not None:
                styled = _on(self.styles.lookup(run_style.get(_w("val")), path))
                if styled is not None:
                    return styled
        return _on(self.styles.lookup(paragraph_style, path))

    def _block(self, parts: list[tuple[str, bool]], page: int, fill: str | None, properties: Any | None,
               style_id: str | None, region: Region | None) -> TextBlock | None:
        text = "".join(part for part, _ in parts)
        head, tab, rest = text.partition("\t")
        if tab and rest.strip() and labels_in(head):
            text = f"{head}\n{rest}"  # "Vi talte om<TAB>Aktive brugere": a label set on its text's first line
        lines = [" ".join(line.replace("\t", " ").split()) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if not text:
            return None
        bullet = False
        first, _, rest = text.partition(" ")
        if rest and (first == "•" or is_text_marker(first)):
            text, bullet = rest.lstrip(), True
        numbering = properties.find(_w("numPr")) if properties is not None else None
        if numbering is None:
            numbering = self.styles.lookup(style_id, f"{_w('pPr')}/{_w('numPr')}")
        num_id = numbering.find(_w("numId")) if numbering is not None else None
        if num_id is not None and num_id.get(_w("val")) == "0":
            numbering = None  # the paragraph switches its style's numbering off
        if numbering is not None:
            level = numbering.find(_w("ilvl"))
            number = self.numbering.marker(num_id.get(_w("val")) if num_id is not None else "",
                                           level.get(_w("val")) if level is not None else "0")
            if number is None:
                bullet = True
            else:
                text = number + text
        visible = [(part, bold) for part, bold in parts if part.strip() and part not in (ARROW, "•")]
        bold = bool(visible) and all(b for _, b in visible)
        phrases: list[str] = []
        if not bold:
            run: list[str] = []
            for part, is_bold in parts + [("", False)]:
                if is_bold and part.strip():
                    run.append(part)
                elif run and not is_bold:
                    phrases.append(" ".join("".join(run).split()))
                    run = []
        return TextBlock(text=text, page=page, fill=_rgb(fill), region=region, bold=bold,
                         bold_phrases=tuple(p for p in phrases if p), bullet=bullet)


def _inside(element: Any, stop: Any, tags: tuple[str, ...]) -> bool:
    """Whether an ancestor of ``element`` below ``stop`` has one of ``tags``."""
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _run_font(run: Any) -> str | None:
    fonts = run.find(f"{_w('rPr')}/{_w('rFonts')}")
    if fonts is None:
        return None
    return fonts.get(_w("ascii")) or fonts.get(_w("hAnsi")) or fonts.get(_w("cs"))


def _glyph(char: str, font: str) -> str:
    return ARROW if classify(char, font) is Glyph.ARROW else "•"


def _shape_fill(content: Any) -> str | None:
    """The fill of the DrawingML shape or VML shape a text box belongs to."""
    node = content.getparent()
    while node is not None:
        if node.tag == "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}wsp":
            colour = node.find(f".//{{{A}}}solidFill/{{{A}}}srgbClr")
            return colour.get("val") if colour is not None else None
        if node.tag == f"{{{V}}}shape":
            return node.get("fillcolor") if node.get("filled", "t") not in ("f", "false") else None
        node = node.getparent()
    return None


def docx_blocks(data: bytes, source_name: str) -> Iterator[TextBlock]:
    """The document's paragraphs as text blocks, in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_archive(data, source_name)
    unpacked = capped_copy(open_zip(data, source_name), _MAX_UNPACKED)
    try:
        document = docx.Document(unpacked)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise InputError(f"damaged Word document: {str(error).splitlines()[0] if str(error) else type(error).__name__}",
                         source_name) from None
    except Exception as error:  # lxml's XMLSyntaxError and kin: a damaged part
        raise InputError(f"damaged Word document: {type(error).__name__}", source_name) from None
    part = document.part
    styles = _Styles.read(part._styles_part.element if part._styles_part is not None else None)
    try:
        numbering_root = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_root = None
    walker = _Walker(styles, _Numbering.read(numbering_root), _section_headers(document), _sections_in_flow(document))
    yield from walker.header()
    yield from walker.body(document.element.body)


def _sections_in_flow(document: Any) -> list[bool]:
    """Whether each section starts where the one before ends (``w:type`` continuous or
    nextColumn) rather than on a new page (nextPage, evenPage, oddPage, or no type)."""
    flows = []
    for section in document.sections:
        start = section._sectPr.find(_w("type"))
        flows.append(start is not None and start.get(_w("val")) in ("continuous", "nextColumn"))
    return flows


def _section_headers(document: Any) -> list[str]:
    """Each section's header text (its default header, or the one it inherits) where it differs
    from the section before's; nothing when every section has the same header (running
    furniture, which the body does not need) or none."""
    texts = []
    for section in document.sections:
        try:
            paragraphs = section.header.paragraphs
        except (KeyError, ValueError):
            paragraphs = []
        texts.append("\n".join(" ".join(p.text.split()) for p in paragraphs if p.text.strip()))
    if len(set(texts)) < 2:
        return []
    return [text if index == 0 or text != texts[index - 1] else "" for index, text in enumerate(texts)]


class DocxImporter(ReportImporter):
    """Reads written-feedback reports saved as Word .docx."""

    name = "docx"
    version = "1"
    extensions = (".docx", ".docm")
    media_types = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
    priority = 20

    def accepts(self, source: SourceInfo, head: bytes) -> bool:
        return source.extension in self.extensions or (head.startswith(b"PK\x03\x04") and b"word/" in head)

    def read_blocks(self, data: bytes, source: SourceInfo) -> Iterable[TextBlock]:
        return docx_blocks(data, source.name)


@hookimpl
def register_importers(register, host):
    register(DocxImporter(host))
