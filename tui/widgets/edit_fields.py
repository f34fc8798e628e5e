"""The fields of the edit form: each knows the place in the visit's data it edits.

Every field widget carries a field path and the kind of value it holds (see
``kvalitet_core.editing.fields``). The edit screen turns each change of a widget into a change of
the session, and shows the session's state back in the widgets after undo, redo or a change of
structure: a widget is rewritten only when it does not already show the value, so typing is
never disturbed. A field's label is its border title, and the model's message about an invalid
value its border subtitle: no extra widgets per field, so a report of a hundred items opens fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.suggester import Suggester
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from kvalitet_core.editing.fields import Kind, from_text, to_text
from kvalitet_core.editing.paths import FieldPath
from kvalitet_core.model import BoxKind


def steady_cursor(fields: Iterable[Widget]) -> None:
    """Let text fields blink their cursor only when the user's settings say so (tests and
    snapshots turn blinking off)."""
    settings = None
    for widget in fields:
        settings = settings or getattr(widget.app, "settings", None)
        if settings is not None and isinstance(widget, Input | TextArea):
            widget.cursor_blink = settings.cursor_blink


class FieldWidget:
    """What the edit screen needs of a field: its path, its value in and out, and its problem."""

    path: FieldPath
    problem: str | None = None

    def titled(self, label: str, hint: str = "") -> None:
        """Show the field's label (and a hint on its form) in its top border."""
        self.border_title = f"{label} · {hint}" if hint else label  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        steady_cursor([self])  # type: ignore[list-item]

    def show_problem(self, message: str | None) -> None:
        """Mark the field invalid with the model's message (or clear the mark)."""
        self.problem = message
        self.border_subtitle = f"✗ {message}" if message else ""  # type: ignore[attr-defined]
        self.set_class(bool(message), "-invalid")  # type: ignore[attr-defined]

    def draft_value(self) -> Any:
        raise NotImplementedError

    def shows(self, value: Any) -> bool:
        raise NotImplementedError

    def show(self, value: Any) -> None:
        raise NotImplementedError


class EditInput(Input, FieldWidget):
    """A one-line field."""

    def __init__(self, path: FieldPath, kind: Kind, value: Any, label: str, *, hint: str = "",
                 placeholder: str = "", suggester: Suggester | None = None) -> None:
        super().__init__(to_text(kind, value), placeholder=placeholder, classes="field", suggester=suggester)
        self.path, self.kind = path, kind
        self.titled(label, hint)

    def draft_value(self) -> Any:
        return from_text(self.kind, self.value)

    def shows(self, value: Any) -> bool:
        return self.value == to_text(self.kind, value)

    def show(self, value: Any) -> None:
        self.value = to_text(self.kind, value)


class EditArea(TextArea, FieldWidget):
    """A field of several lines. Its undo and redo are the whole visit's: a change made elsewhere
    (a removed item) is taken back from here too."""

    def __init__(self, path: FieldPath, kind: Kind, value: Any, label: str, *, hint: str = "",
                 placeholder: str = "") -> None:
        super().__init__(to_text(kind, value), soft_wrap=True, tab_behavior="focus", placeholder=placeholder,
                         classes="field")
        self.path, self.kind = path, kind
        self.titled(label, hint)
        self._wrapped_for: tuple[int, object] | None = None
        """The layout width and the document the wrapped lines were last worked out for."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As tall as its text wrapped at the width the layout gives it. A text area wraps on
        its Resize event, and Textual does not always send one to a widget mounted while its
        container scrolls: on a busy machine the form's last pages kept their unwrapped height,
        so the form's length, and its scrollbar, depended on the timing of the mount."""
        if self.soft_wrap and self._wrapped_for != (width, self.wrapped_document):
            self.wrapped_document.wrap(max(0, width - self.gutter_width - 1), tab_width=self.indent_width)
            self._wrapped_for = (width, self.wrapped_document)
            self._line_cache.clear()  # lines drawn at another wrap width
            self.virtual_size = Size(0, self.wrapped_document.height)
        return super().get_content_height(container, viewport, width)

    def draft_value(self) -> Any:
        return from_text(self.kind, self.text)

    def shows(self, value: Any) -> bool:
        return self.text == to_text(self.kind, value)

    def show(self, value: Any) -> None:
        self.load_text(to_text(self.kind, value))

    async def action_undo(self) -> None:
        await self.screen.run_action("undo")

    async def action_redo(self) -> None:
        await self.screen.run_action("redo")


class EditCheck(Checkbox, FieldWidget):
    def __init__(self, path: FieldPath, label: str, value: bool) -> None:
        super().__init__(label, value, classes="field")
        self.path = path

    def draft_value(self) -> Any:
        return self.value

    def shows(self, value: Any) -> bool:
        return self.value == bool(value)

    def show(self, value: Any) -> None:
        self.value = bool(value)


class EditSelect(Select[str], FieldWidget):
    """A choice among fixed values (the assessment); blank stands for none."""

    def __init__(self, path: FieldPath, choices: list[str], value: str | None, label: str) -> None:
        super().__init__([(choice, choice) for choice in choices], value=value if value else Select.NULL,
                         allow_blank=True, prompt="(none)", classes="field")
        self.path = path
        self.titled(label)

    def draft_value(self) -> Any:
        return None if self.value is Select.NULL else self.value

    def shows(self, value: Any) -> bool:
        return self.draft_value() == value

    def show(self, value: Any) -> None:
        self.value = value if value else Select.NULL


class ItemEditor(Vertical):
    """One item of a box: its heading, its paragraphs (bullets and numbered points among them)
    and its blue-card words."""

    def __init__(self, path: FieldPath, item: dict[str, Any], number: int) -> None:
        super().__init__(classes="item-editor")
        self.path, self.item = path, item
        self.border_title = f"{BoxKind(path[2]).label} · item {number}"

    def compose(self) -> ComposeResult:
        yield EditInput((*self.path, "heading"), Kind.OPTIONAL, self.item["heading"], "Heading",
                        placeholder="(no heading)")
        yield EditArea((*self.path, "paragraphs"), Kind.PARAGRAPHS, self.item["paragraphs"], "Paragraphs",
                       hint="blank line between · '- ' bullet · '1. ' numbered")
        yield EditInput((*self.path, "cards"), Kind.CARDS, self.item["cards"], "Blue cards",
                        hint="separated by ;")


class EmptySlot(Static, can_focus=True):
    """Stands in an empty list (a box without items, no 'leve op til' lines) so that focus can
    rest there and alt+n adds the first entry."""

    def __init__(self, path: FieldPath, text: str) -> None:
        super().__init__(Text(text, style="italic"), classes="empty-slot")
        self.path = path


class BoxEditor(Vertical):
    """One coloured box of a theme page and its items."""

    def __init__(self, path: FieldPath, kind: BoxKind, items: list[dict[str, Any]]) -> None:
        super().__init__(classes=f"box-editor -{kind.value.replace('_', '-')}")
        self.path, self.kind, self.items = path, kind, items
        self.border_title = kind.label

    def compose(self) -> ComposeResult:
        yield from item_editors(self.path, self.items)


def item_editors(path: FieldPath, items: list[dict[str, Any]]) -> list[Widget]:
    """The editors of a box's items (``path`` ends in ``items``), or its empty slot."""
    if not items:
        return [EmptySlot(path, "(empty: alt+n adds an item)")]
    return [ItemEditor((*path, index), item, index + 1) for index, item in enumerate(items)]


class ThemeSuggester(Suggester):
    """Completes the theme id being typed (the last of a list such as "3a, 4") from the ids of
    the visit's quality model; right arrow or tab accepts it, as in any suggesting input."""

    def __init__(self, theme_ids: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.theme_ids = list(theme_ids)

    async def get_suggestion(self, value: str) -> str | None:
        typed = re.split(r"[,\s]+", value)[-1].casefold()
        if not typed:
            return None
        for theme_id in self.theme_ids:
            if theme_id.casefold().startswith(typed) and theme_id.casefold() != typed:
                return value + theme_id[len(typed):]
        return None


def themes_hint(theme_ids: Sequence[str]) -> str:
    """The ids a theme field takes, as its label's hint ("1, 2, 3a … 7")."""
    if not theme_ids:
        return "theme ids, e.g. 3a, 4"
    shown = ", ".join(theme_ids) if len(theme_ids) <= 10 else f"{', '.join(theme_ids[:8])} … {theme_ids[-1]}"
    return f"of {shown}"


class SectionEditor(Vertical):
    """One theme page: its theme ids, whether it continues a page before, and its three boxes."""

    def __init__(self, index: int, section: dict[str, Any], title: str, theme_ids: Sequence[str] = ()) -> None:
        super().__init__(classes="section-editor", id=f"edit-section-{index}")
        self.index, self.section = index, section
        self.title = title
        self.theme_ids = theme_ids

    def compose(self) -> ComposeResult:
        path: FieldPath = ("sections", self.index)
        yield Static(Text(self.title, style="bold"), classes="section-title")
        with Horizontal(classes="section-fields"):
            yield EditInput((*path, "themes"), Kind.THEMES, self.section["themes"], "Themes",
                            hint=themes_hint(self.theme_ids), suggester=ThemeSuggester(self.theme_ids))
            yield EditCheck((*path, "continued"), "continued from the page before", self.section["continued"])
        for kind in BoxKind:
            yield BoxEditor((*path, kind.value, "items"), kind, self.section[kind.value]["items"])


class ContributionEditor(Horizontal):
    """One line of the conclusion's 'leve op til' list: a theme id and its sentence."""

    def __init__(self, index: int, contribution: dict[str, Any], theme_ids: Sequence[str] = ()) -> None:
        super().__init__(classes="contribution-editor")
        self.index, self.contribution = index, contribution
        self.theme_ids = theme_ids

    def compose(self) -> ComposeResult:
        path: FieldPath = ("contributes_to", self.index)
        yield EditInput((*path, "theme"), Kind.TEXT, self.contribution["theme"], "Theme",
                        suggester=ThemeSuggester(self.theme_ids))
        yield EditInput((*path, "text"), Kind.TEXT, self.contribution["text"], "Sentence")


def contribution_editors(contributions: list[dict[str, Any]], theme_ids: Sequence[str] = ()) -> list[Widget]:
    if not contributions:
        return [EmptySlot(("contributes_to",), "(no lines: alt+n adds one)")]
    return [ContributionEditor(index, contribution, theme_ids) for index, contribution in enumerate(contributions)]
