"""The parts of a visit as widgets: boxes in their colours and with their Danish labels.

Each box is a focusable Static whose border carries the label printed on the report ("Vi talte
om", …), so the colour is never the only sign of which box it is, in a light or a dark theme.
Text is built as Rich ``Text``: topic headings bold, the blue-card words bold and underlined,
bullets as •, numbered points as printed, and a search hit's words reversed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from kvalitet_core.model import Box, BoxKind, ImportWarning, Item, Section
from kvalitet_core.quality_model import QualityModel

CARD_STYLE = "bold underline"
HIT_STYLE = "reverse bold"


def highlight(text: Text, words: Iterable[str]) -> Text:
    """Mark every occurrence of the words (any case) as a search hit."""
    for word in words:
        if word.strip():
            text.highlight_words([word], style=HIT_STYLE, case_sensitive=False)
    return text


def item_text(item: Item, words: Sequence[str] = ()) -> Text:
    """One box item: bold heading, paragraphs with their bullets and numbers, cards marked."""
    text = Text()
    if item.heading:
        text.append(item.heading, style="bold")
    for paragraph in item.paragraphs:
        if text:
            text.append("\n")
        if paragraph.startswith("- "):
            text.append("  • " + paragraph[2:])
        else:
            text.append(paragraph)
    for card in item.cards:
        text.highlight_words([card], style=CARD_STYLE)
    return highlight(text, words)


def theme_name(theme_id: str, model: QualityModel | None) -> str:
    theme = model.theme(theme_id) if model else None
    word = model.theme_word if model else "Tema"
    return f"{word} {theme_id}" + (f": {theme.title}" if theme else "")


def warning_text(warnings: Sequence[ImportWarning]) -> Text:
    """Import warnings, each with its page, so a reader can check them against the source."""
    text = Text()
    for warning in warnings:
        if text:
            text.append("\n")
        page = f"page {warning.page}: " if warning.page else ""
        text.append("⚠ ", style="bold")
        text.append(f"{page}{warning.message} ({warning.code})")
    return text


class BoxView(Static, can_focus=True):
    """One coloured box. Enter (or a click) on a box that points elsewhere jumps to that theme."""

    BINDINGS = [Binding("enter", "follow", "Go to theme", id="visit.follow", show=False)]

    class Follow(Message):
        """Asks the visit screen to jump to a theme a box refers to."""

        def __init__(self, theme: str) -> None:
            super().__init__()
            self.theme = theme

    def __init__(self, kind: BoxKind, box: Box, *, section: int, words: Sequence[str] = (),
                 hit_item: int | None = None, id: str | None = None) -> None:
        self.kind = kind
        self.box = box
        self.section = section
        classes = f"box -{kind.value.replace('_', '-')}"
        if box.no_feedback or box.defers or box.is_empty:
            classes += " -quiet"
        super().__init__(self._body(words, hit_item), classes=classes, id=id)
        self.border_title = kind.label
        if box.no_feedback:
            self.border_subtitle = "no particular feedback"
        elif box.cross_references:
            self.border_subtitle = "→ theme " + ", ".join(box.cross_references) + " (enter)"
        elif box.defers:
            self.border_subtitle = "→ feedback under other themes"

    def _body(self, words: Sequence[str], hit_item: int | None) -> Text:
        if self.box.is_empty:
            return Text("(empty)", style="italic")
        parts = [item_text(item, words if hit_item in (None, number) else ())
                 for number, item in enumerate(self.box.items)]
        return Text("\n\n").join(parts)

    @property
    def copy_text(self) -> str:
        """The box as a reader would paste it: its label, then its text."""
        return f"{self.kind.label}\n\n{self.box.text}"

    def action_follow(self) -> None:
        if self.box.cross_references:
            self.post_message(self.Follow(self.box.cross_references[0]))

    def on_click(self, event: Click) -> None:
        if event.chain == 1 and self.box.cross_references:
            self.action_follow()


class Part(Static, can_focus=True):
    """A free-text part of the report (impression, assessment, conclusion) in a titled frame."""

    def __init__(self, title: str, body: Text, *, id: str, classes: str = "") -> None:
        super().__init__(body, id=id, classes=f"part {classes}".strip())
        self.border_title = title
        self.body = body

    @property
    def copy_text(self) -> str:
        return f"{self.border_title}\n\n{self.body.plain}"


class ThemeSection(Vertical):
    """One theme page: its heading, the importer's warnings for its page, and its three boxes."""

    def __init__(self, index: int, section: Section, model: QualityModel | None, *,
                 warnings: Sequence[ImportWarning] = (), words: Sequence[str] = (),
                 hit: tuple[BoxKind | None, int | None] | None = None) -> None:
        super().__init__(id=f"section-{index}", classes="section")
        self.index = index
        self.section = section
        self.model = model
        self.warnings = warnings
        self.words = words
        self.hit = hit

    @property
    def title(self) -> str:
        names = " · ".join(theme_name(theme, self.model) for theme in self.section.themes)
        return names + (" (continued)" if self.section.continued else "")

    def compose(self) -> ComposeResult:
        yield Static(Text(self.title, style="bold"), classes="section-title")
        if self.warnings:
            yield Static(warning_text(self.warnings), classes="warnings")
        for kind, box in self.section.boxes():
            on_target = self.hit is not None and self.hit[0] in (None, kind)
            yield BoxView(kind, box, section=self.index, words=self.words if on_target else (),
                          hit_item=self.hit[1] if on_target and self.hit else None,
                          id=f"section-{self.index}-{kind.value}")
