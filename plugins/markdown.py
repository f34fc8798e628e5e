"""Markdown exporter: one CommonMark/GFM document per visit that reads like the printed report.

Every piece of report text is escaped, so a '*', '#', '|' or '<' in a paragraph stays a
character and never becomes emphasis, a heading, a table cell or HTML: the only markup in the
output is the markup this module writes. Headings follow the report: the visit (h1), its parts
and theme pages (h2), the three boxes under their Danish labels (h3), topic headings (h4).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from kvalitet_core import (
    Box,
    Item,
    Options,
    PartsExporter,
    PluginHost,
    QualityModel,
    Visit,
    field_label,
    hookimpl,
)
from kvalitet_plugins.report_view import (
    CONTRIBUTES_LEAD,
    Block,
    blocks,
    danish_date,
    display_name,
    emphasis,
    facts,
    has_text,
    notes,
    page_title,
    shown_items,
    text_blocks,
    theme_refs,
    unplaced_cards,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
"""Characters that can start inline markup (or a table cell, an entity, a closing '#') anywhere."""
_LIST_OR_BLOCK_START = re.compile(r"^(?:(\d{1,9})([.)])|([-+=]))")
"""What turns the start of a line into a list item, a setext underline or a thematic break."""

DOCUMENT_SEPARATOR = "\n---\n\n"
"""Between visits written to one stream: a thematic break after a blank line."""


def escape(text: str) -> str:
    """Text as a Markdown paragraph that renders to exactly that text, whitespace folded."""
    return _escape_start(_escape_inline(" ".join(text.split())))


def escape_inline(text: str) -> str:
    """Text inside a heading or a table cell, where the start of the line cannot open a list."""
    return _escape_inline(" ".join(text.split()))


def _escape_inline(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _escape_start(escaped: str) -> str:
    match = _LIST_OR_BLOCK_START.match(escaped)
    if not match:
        return escaped
    if match.group(1):
        return f"{match.group(1)}\\{match.group(2)}{escaped[match.end():]}"
    return "\\" + escaped


def _with_cards(text: str, cards: Sequence[str]) -> str:
    """Escaped text with the blue-card words in bold."""
    runs = emphasis(" ".join(text.split()), cards)
    out = "".join(f"**{_escape_inline(piece)}**" if bold else _escape_inline(piece) for piece, bold in runs)
    return _escape_start(out)


def _block(block: Block, cards: Sequence[str] = ()) -> str:
    if block.kind == "bullets":
        return "\n".join(f"- {_with_cards(entry, cards)}" for entry in block.entries)
    if block.kind == "numbers":
        return "\n".join(f"{number}. {_with_cards(entry, cards)}"
                         for number, entry in zip(block.numbers, block.entries))
    return _with_cards(block.entries[0], cards)


def _item(item: Item) -> Iterable[str]:
    if item.heading:
        yield f"#### {escape_inline(item.heading)}"
    for block in blocks(item.paragraphs):
        yield _block(block, item.cards)
    missing = unplaced_cards(item)
    if missing:
        yield "Kort: " + ", ".join(f"**{escape_inline(card)}**" for card in missing)


def _box(label: str, box: Box) -> Iterable[str]:
    yield f"### {escape_inline(label)}"
    items = shown_items(box)
    if not has_text(items):
        yield "*(ingen tekst)*"
    for item in items:
        yield from _item(item)


def _metadata(visit: Visit) -> Iterable[str]:
    yield f"## {field_label('metadata')}"
    rows = ["| Oplysning | Værdi |", "| --- | --- |"]
    rows += [f"| {escape_inline(label)} | {escape_inline(value)} |" for label, value in facts(visit)]
    yield "\n".join(rows)
    for label, paragraphs in notes(visit):
        yield f"**{escape_inline(label)}:** {escape_inline(paragraphs[0])}"
        yield from (escape(paragraph) for paragraph in paragraphs[1:])


def _text(heading: str, text: str) -> Iterable[str]:
    if text.strip():
        yield f"## {heading}"
        yield from (_block(block) for block in text_blocks(text))


def document(visit: Visit, model: QualityModel | None) -> str:
    """One visit as a Markdown document, in the order of the printed report; ``model`` (the
    visit's quality model) gives the theme titles."""
    parts: list[str] = [f"# {escape_inline(display_name(visit))}"]
    subtitle = "Skriftlig feedback fra kvalitetsbesøg"
    if visit.visit_date:
        subtitle += f" den {danish_date(visit.visit_date)}"
    if visit.series:
        subtitle += f" ({visit.series})"
    parts.append(escape(subtitle))
    parts.extend(_metadata(visit))
    parts.extend(_text(field_label("overall_impression"), visit.overall_impression))
    for section in visit.sections:
        parts.append(f"## {escape_inline(page_title(model, section))}")
        for kind, box in section.boxes():
            parts.extend(_box(kind.label, box))
    if visit.core_task and visit.core_task.strip():
        parts += [f"## {field_label('core_task')}", f"> {escape(visit.core_task)}"]
    if visit.assessment and visit.assessment.strip():
        parts += [f"## {field_label('assessment')}", escape(visit.assessment)]
    parts.extend(_text(field_label("conclusion"), visit.conclusion))
    if visit.contributes_to:
        if not visit.conclusion.strip():
            parts.append(f"## {field_label('conclusion')}")
        parts.append(escape(CONTRIBUTES_LEAD))
        refs = theme_refs(model, [c.theme for c in visit.contributes_to])
        parts.append("\n".join(f"- **{escape_inline(ref.label)}** – {escape_inline(c.text)}"
                               for ref, c in zip(refs, visit.contributes_to)))
    return "\n\n".join(parts) + "\n"


class MarkdownExporter(PartsExporter):
    """Writes each visit as a Markdown document; several visits are separated by a rule."""

    name = "markdown"
    version = "1"
    extension = ".md"
    media_type = "text/markdown"

    def __init__(self, host: PluginHost) -> None:
        self.host = host

    def render_part(self, visit: Visit, options: Options) -> bytes:
        return document(visit, self.host.quality_model(visit.quality_model)).encode("utf-8")

    def join_parts(self, parts: Iterable[bytes], stream: BinaryIO, options: Options) -> None:
        for index, part in enumerate(parts):
            if index:
                stream.write(DOCUMENT_SEPARATOR.encode())
            stream.write(part)


@hookimpl
def register_exporters(register, host):
    register(MarkdownExporter(host))
