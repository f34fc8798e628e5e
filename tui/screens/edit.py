"""The edit screen: every field of one visit in a form, checked by the domain model as you type.

The form edits an :class:`~kvalitet_core.editing.EditSession`; this screen only lays it out and
turns keys into the session's operations. Undo and redo are the session's (the whole visit, a
removed page included); a change of structure — an item or page added, removed or moved, or
undone — rebuilds only the boxes whose items changed in number, and rewrites the other fields
only where they do not already show the value. Unsaved edits go to the recovery journal every
second; saving shows the changes first (the core compare engine), and every way out of the
screen with unsaved changes asks first. Like the visit screen, the form shows at once what fills
the first screen and mounts the other theme pages just after, two at a time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Header, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option, OptionDoesNotExist

from kvalitet_core.control_chars import visible
from kvalitet_core.editing import EditSession, ExternalChangeError, format_path
from kvalitet_core.editing.fields import METADATA, TEXTS, Kind
from kvalitet_core.editing.paths import FieldPath, within
from kvalitet_core.editing.session import blank_contribution, blank_item, blank_section
from kvalitet_core.editing.template import assessment_choices
from kvalitet_core.errors import KvalitetError
from kvalitet_core.labels import field_label
from kvalitet_core.model import Visit
from kvalitet_tui.screens.base import AppScreen
from kvalitet_tui.screens.visit import VimOptionList
from kvalitet_tui.widgets.edit_fields import (
    BoxEditor,
    ContributionEditor,
    EditArea,
    EditInput,
    EditSelect,
    EmptySlot,
    FieldWidget,
    SectionEditor,
    contribution_editors,
    item_editors,
)
from kvalitet_tui.widgets.keybar import KeyBar
from kvalitet_tui.widgets.report import theme_name

JOURNAL_SECONDS = 1.0
"""How often unsaved edits are written to the recovery journal (and typing closes an undo step)."""


def list_position(path: FieldPath) -> tuple[FieldPath, int | None] | None:
    """The list an item-like entry belongs to, and its index there, for a field path inside it:
    a box item (``sections[2].points_to.items[1]…``) or a 'leve op til' line. A path that is the
    list itself (an empty slot) has no index."""
    if len(path) >= 4 and path[0] == "sections" and path[3] == "items":
        return path[:4], path[4] if len(path) > 4 else None  # type: ignore[return-value]
    if path and path[0] == "contributes_to":
        return path[:1], path[1] if len(path) > 1 else None  # type: ignore[return-value]
    return None


@dataclass(frozen=True, slots=True)
class Saved:
    """What the edit screen leaves behind: the visit as on disk, and its file."""

    visit: Visit
    path: Path
    edited: bool
    """Saved beside the file it was imported from (see ``Library._prefer``)."""


class EditScreen(AppScreen):
    """One visit's form. Dismissed with the visit as now on disk (a :class:`Saved`), or None."""

    AUTO_FOCUS = None
    """Focus goes to the field the form was opened at (see _focus_first)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="edit.save", tooltip="Review the changes, then save"),
        Binding("ctrl+z", "undo", "Undo", id="edit.undo"),
        Binding("ctrl+y", "redo", "Redo", id="edit.redo", show=False),
        Binding("ctrl+r", "review", "Review", id="edit.review", tooltip="The changes against the file on disk"),
        Binding("alt+n", "add", "New item", id="edit.add"),
        Binding("alt+d", "remove", "Delete item", id="edit.remove"),
        Binding("alt+up", "move(-1)", "Move item up", id="edit.up", show=False),
        Binding("alt+down", "move(1)", "Move item down", id="edit.down", show=False),
        Binding("alt+p", "add_page", "New theme page", id="edit.add_page", show=False),
        Binding("alt+x", "remove_page", "Delete theme page", id="edit.remove_page", show=False),
        Binding("alt+pageup", "move_page(-1)", "Move page up", id="edit.page_up", show=False),
        Binding("alt+pagedown", "move_page(1)", "Move page down", id="edit.page_down", show=False),
        Binding("f8", "next_problem", "Next problem", id="edit.problem"),
        Binding("escape", "leave", "Back", id="edit.back"),
    ]

    def __init__(self, session: EditSession, focus: FieldPath = ()) -> None:
        super().__init__()
        self.session = session
        self.focus_on = focus
        self._journalled = session.version
        self._ticked = session.version
        self._pending: list[int] = []
        """Theme pages not mounted yet (see _mount_rest)."""
        self._told_changed = False
        """Whether the person was told the file changed on disk since it was read."""
        self._journal_failed = False

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        data = self.session.data
        yield Header()
        with Horizontal():
            toc = VimOptionList(*self._contents(), id="edit-toc")
            toc.border_title = "Contents"
            yield toc
            with VerticalScroll(id="form"):
                with Vertical(classes="form-part", id="edit-meta") as meta:
                    meta.border_title = field_label("metadata")
                    for spec in METADATA:
                        kind = EditArea if spec.kind in (Kind.LINES, Kind.OPTIONAL_LONG) else EditInput
                        yield kind((spec.name,), spec.kind, data[spec.name], spec.label, hint=spec.hint)
                for spec in TEXTS:
                    with Vertical(classes="form-part", id=f"edit-{spec.name.replace('_', '-')}") as part:
                        part.border_title = spec.label
                        yield EditArea((spec.name,), spec.kind, data[spec.name], spec.label)
                count = len(data["sections"])
                opened_at = self.focus_on
                first = min(count, int(opened_at[1]) + 1 if len(opened_at) > 1 and opened_at[0] == "sections" else 1)
                self._pending = list(range(first, count))
                yield Vertical(*self._section_editors(range(first)), id="edit-sections")
                with Vertical(classes="form-part", id="edit-assessment") as assessment:
                    assessment.border_title = field_label("assessment")
                    choices = assessment_choices(self.session.models.get(data["quality_model"]), data["assessment"])
                    if choices is None:
                        yield EditInput(("assessment",), Kind.OPTIONAL, data["assessment"], field_label("assessment"))
                    else:
                        yield EditSelect(("assessment",), choices, data["assessment"], field_label("assessment"))
                with Vertical(classes="form-part", id="edit-conclusion") as conclusion:
                    conclusion.border_title = field_label("conclusion")
                    yield EditArea(("conclusion",), Kind.LONG, data["conclusion"], field_label("conclusion"))
                    yield Static(Text(field_label("contributes_to") + ":", style="bold"))
                    yield Vertical(*contribution_editors(data["contributes_to"], self._theme_ids()), id="edit-contributions")
        yield Static(id="edit-status")
        yield KeyBar()

    def _section_title(self, index: int) -> str:
        section = self.session.data["sections"][index]
        model = self.session.model()
        themes = section.get("themes") or []
        names = " · ".join(theme_name(str(theme), model) for theme in themes) or "(no theme)"
        count = len(self.session.data["sections"])
        return f"{names}{' (continued)' if section.get('continued') else ''}  — page {index + 1} of {count}"

    def _section_editors(self, indexes: Iterable[int] | None = None) -> list[Widget]:
        sections = self.session.data["sections"]
        return [SectionEditor(index, sections[index], self._section_title(index), self._theme_ids())
                for index in (range(len(sections)) if indexes is None else indexes)]

    def _theme_ids(self) -> list[str]:
        """The ids the visit's quality model knows, offered while a theme id is typed."""
        model = self.session.model()
        return model.theme_ids if model else []

    def _contents(self) -> list[Option]:
        options = [Option(field_label("metadata"), id="edit-meta"),
                   Option("Samlede indtryk", id="edit-overall-impression"),
                   Option("Kerneopgaven", id="edit-core-task")]
        for index, section in enumerate(self.session.data["sections"]):
            label = "Tema " + ", ".join(map(str, section.get("themes") or [])) + (
                " (fortsat)" if section.get("continued") else "")
            options.append(Option(label, id=f"edit-section-{index}"))
        options += [Option("Bedømmelse", id="edit-assessment"), Option("Konklusion", id="edit-conclusion")]
        return options

    def on_mount(self) -> None:
        self.set_interval(JOURNAL_SECONDS, self._tick)
        self._show_state()
        self.call_after_refresh(self._focus_first, self.focus_on)
        self.set_timer(0.05, lambda: self.run_worker(self._mount_rest(), group="edit-mount", exit_on_error=False))

    @property
    def complete(self) -> bool:
        """Whether every theme page of the form is mounted."""
        return not self._pending and not any(w.node is self and w.group == "edit-mount" and not w.is_finished
                                             for w in self.workers)

    async def _mount_rest(self) -> None:
        """Mount the theme pages left out of the first paint, two at a time."""
        while self._pending:
            batch, self._pending = self._pending[:2], self._pending[2:]
            await self.query_one("#edit-sections", Vertical).mount_all(self._section_editors(batch))
            self._show_state()
            await asyncio.sleep(0.005)  # let keys and a frame through between pages

    async def ensure_mounted(self) -> None:
        """Mount every remaining page now: a change of structure or a jump needs the whole form."""
        if self._pending:
            batch, self._pending = self._pending, []
            await self.query_one("#edit-sections", Vertical).mount_all(self._section_editors(batch))

    # -- the fields and the session ----------------------------------------------------------

    def fields(self) -> list[Widget]:
        return [widget for widget in self.query("*") if isinstance(widget, FieldWidget | EmptySlot)]

    def _focus_first(self, prefix: FieldPath, top: bool = True) -> None:
        """Focus the first field at or inside ``prefix`` (the whole form for an empty one), at
        the top of the form (where the form opens) or just scrolled into view (after a change)."""
        for widget in self.fields():
            if within(widget.path, prefix):  # type: ignore[attr-defined]
                widget.focus(scroll_visible=not top)
                if top and prefix:  # the form's start shows as it is, its first part's title too
                    self.call_after_refresh(self._scroll_to, widget)
                return

    def _scroll_to(self, widget: Widget) -> None:
        """Bring a field to the top of the form (after the layout has placed it)."""
        self.query_one("#form", VerticalScroll).scroll_to_widget(widget, top=True, animate=False)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    def _field_changed(self, event: Any) -> None:
        widget = event.control
        if not isinstance(widget, FieldWidget):
            return
        event.stop()
        if not self._exists(widget.path):
            return  # a field of an entry just removed (its widgets are on their way out)
        if widget.shows(self.session.value(widget.path)):
            return  # the screen showed the session's value; nothing was typed
        if self.session.set(widget.path, widget.draft_value()):
            if len(widget.path) == 3 and widget.path[0] == "sections":  # themes or continued
                self._retitle(int(widget.path[1]))
            self._show_state()

    def on_descendant_focus(self) -> None:
        """Moving to another field ends the typing step, the status line names its problem, and
        the table of contents shows the part it is in."""
        self.session.seal()
        self._show_state()
        path = self.focused_path()
        if path:
            toc = self.query_one("#edit-toc", OptionList)
            part = {"overall_impression": "edit-overall-impression", "core_task": "edit-core-task",
                    "sections": f"edit-section-{path[1]}" if len(path) > 1 else "edit-sections",
                    "assessment": "edit-assessment", "conclusion": "edit-conclusion",
                    "contributes_to": "edit-conclusion"}.get(str(path[0]), "edit-meta")
            try:
                toc.highlighted = toc.get_option_index(part)
            except OptionDoesNotExist:  # a page just added: the contents catch up on the next sync
                pass

    def _retitle(self, index: int) -> None:
        editor = self.query_one(f"#edit-section-{index}", SectionEditor)
        editor.query_one(".section-title", Static).update(Text(self._section_title(index), style="bold"))
        self._refresh_contents()

    def _refresh_contents(self) -> None:
        toc = self.query_one("#edit-toc", OptionList)
        highlighted = toc.highlighted
        toc.clear_options()
        toc.add_options(self._contents())
        if highlighted is not None and highlighted < toc.option_count:
            toc.highlighted = highlighted

    def _show_state(self) -> None:
        """The title's unsaved mark, each field's problem, and the status line."""
        session = self.session
        self.title = ("● " if session.dirty else "") + "Edit: " + (session.visit or session.original).title
        document = session.document
        where = f"{document.source.name} → {document.target.name}" if document.source else document.target.name
        self.sub_title = visible(where) + (" (new)" if session.is_new else "") + (
            " · unsaved changes" if session.dirty else "")
        placed: set[FieldPath] = set()
        for widget in self.fields():
            if isinstance(widget, FieldWidget):
                found = session.problems_within(widget.path)
                placed.update(where for where, _ in found)
                message = found[0][1] if found else None
                if widget.problem != message:
                    widget.show_problem(message)
        status = self.query_one("#edit-status", Static)
        problems = session.problems
        if problems:
            focused = self.focused
            own = session.problems_within(focused.path) if isinstance(focused, FieldWidget) else []
            loose = [(where, message) for where, message in problems.items() if where not in placed]
            where, message = (own or loose or list(problems.items()))[0]
            text = Text(f"✗ {len(problems)} problem{'s' if len(problems) > 1 else ''}: not saved until fixed — "
                        f"{format_path(where)}: {message}  (f8: next)", style="bold")
            status.set_class(True, "-invalid")
        else:
            text = Text("● unsaved changes · ctrl+s saves" if session.dirty else "✓ no unsaved changes")
            status.set_class(False, "-invalid")
        status.update(text)

    def _tick(self) -> None:
        """Every second: a pause in typing ends its undo step, unsaved edits go to the journal,
        and a change of the file on disk is told at once (not only when saving)."""
        session = self.session
        try:
            changed = session.document.changed_on_disk()
        except KvalitetError:  # unreadable now: saving will say so
            changed = True
        if changed and not self._told_changed:
            self.notify(visible(f"{session.document.target.name} was changed on disk by another program; saving "
                                "will ask whether to reload, save as or overwrite"), severity="warning", timeout=8)
        self._told_changed = changed
        if session.version == self._ticked:
            session.seal()
        self._ticked = session.version
        if session.version != self._journalled:
            try:
                session.write_journal()
            except (OSError, KvalitetError) as error:
                if not self._journal_failed:  # once: the same reason would come every second
                    self.notify(visible(f"cannot keep a recovery copy of unsaved edits: {error}"),
                                severity="warning", timeout=8)
                self._journal_failed = True
            self._journalled = session.version

    async def sync(self, focus: FieldPath | None = None) -> None:
        """Show the session's draft: rebuild the lists whose length changed, then rewrite each
        field that does not show its value; then focus the field at ``focus``."""
        await self.ensure_mounted()
        data = self.session.data
        sections = self.query_one("#edit-sections", Vertical)
        editors = list(sections.query_children(SectionEditor))
        if len(editors) != len(data["sections"]):
            await sections.remove_children()
            await sections.mount_all(self._section_editors())
            self._refresh_contents()
        else:
            for index, editor in enumerate(editors):
                for box in editor.query(BoxEditor):
                    items = data["sections"][index][box.kind.value]["items"]
                    if len(box.query_children(".item-editor")) != len(items) or (
                            not items and not box.query_children(EmptySlot)):
                        await box.remove_children()
                        await box.mount_all(item_editors(box.path, items))
                editor.query_one(".section-title", Static).update(Text(self._section_title(index), style="bold"))
            self._refresh_contents()
        contributions = self.query_one("#edit-contributions", Vertical)
        shown = len(contributions.query_children(ContributionEditor))
        if shown != len(data["contributes_to"]) or (not data["contributes_to"] and shown == 0
                                                    and not contributions.query_children(EmptySlot)):
            await contributions.remove_children()
            await contributions.mount_all(contribution_editors(data["contributes_to"], self._theme_ids()))
        for widget in self.fields():
            if isinstance(widget, FieldWidget):
                value = self.session.value(widget.path)
                if not widget.shows(value):
                    widget.show(value)
        self._show_state()
        if focus is not None:
            self.call_after_refresh(self._focus_first, focus, False)

    def focused_path(self) -> FieldPath:
        focused = self.focused
        return getattr(focused, "path", ()) if focused is not None else ()

    # -- undo, redo and structure ------------------------------------------------------------

    async def action_undo(self) -> None:
        await self._travel(self.session.undo, "Nothing to undo")

    async def action_redo(self) -> None:
        await self._travel(self.session.redo, "Nothing to redo")

    async def _travel(self, step: Callable[[], bool], nothing: str) -> None:
        """Undo or redo, and keep the focus on its field (on the nearest one when it is gone)."""
        where = self.focused_path()
        if not step():
            self.notify(nothing)
            return
        await self.sync()
        focused = self.focused
        if focused is None or not focused.is_attached:
            while where and not self._exists(where):
                where = where[:-1]
            self.call_after_refresh(self._focus_first, where, False)

    def _exists(self, path: FieldPath) -> bool:
        try:
            self.session.value(path)
        except (KeyError, IndexError, TypeError):
            return False
        return bool(path)

    async def action_add(self) -> None:
        """A new item after the focused one (a new 'leve op til' line there)."""
        found = list_position(self.focused_path())
        if found is None:
            self.notify("Move to a box item (or an empty box) or a 'leve op til' line first", severity="warning")
            return
        list_path, index = found
        at = 0 if index is None else index + 1
        if list_path == ("contributes_to",):
            themes = self.session.visit.theme_ids() if self.session.visit else []
            self.session.insert(list_path, at, blank_contribution(themes[0] if themes else "1"))
        else:
            self.session.insert(list_path, at, blank_item())
        await self.sync((*list_path, at))

    async def action_remove(self) -> None:
        found = list_position(self.focused_path())
        if found is None or found[1] is None:
            self.notify("Move to the item to delete first", severity="warning")
            return
        list_path, index = found
        self.session.remove(list_path, index)
        remaining = len(self.session.value(list_path))
        await self.sync((*list_path, min(index, remaining - 1)) if remaining else list_path)
        self.notify("Deleted; ctrl+z brings it back")

    async def action_move(self, step: int) -> None:
        path = self.focused_path()
        found = list_position(path)
        if found is None or found[1] is None:
            self.notify("Move to an item first", severity="warning")
            return
        list_path, index = found
        if self.session.move(list_path, index, index + step):
            await self.sync((*list_path, index + step, *path[len(list_path) + 1:]))

    def _page(self) -> int | None:
        path = self.focused_path()
        return int(path[1]) if len(path) > 1 and path[0] == "sections" else None

    async def action_add_page(self) -> None:
        """A new theme page after the focused one: the same theme(s), continued."""
        index = self._page()
        data = self.session.data["sections"]
        if index is None and data:
            index = len(data) - 1
        themes = list(data[index]["themes"]) if index is not None else []
        model = self.session.model()
        if not themes and model is not None:
            themes = model.theme_ids[:1]
        at = 0 if index is None else index + 1
        self.session.insert(("sections",), at, blank_section(themes, continued=index is not None))
        await self.sync(("sections", at))

    async def action_remove_page(self) -> None:
        index = self._page()
        if index is None:
            self.notify("Move to a theme page first", severity="warning")
            return
        self.session.remove(("sections",), index)
        remaining = len(self.session.data["sections"])
        await self.sync(("sections", min(index, remaining - 1)) if remaining else ())
        self.notify("Theme page deleted; ctrl+z brings it back")

    async def action_move_page(self, step: int) -> None:
        index = self._page()
        if index is not None and self.session.move(("sections",), index, index + step):
            await self.sync(("sections", index + step, *self.focused_path()[2:]))

    async def action_next_problem(self) -> None:
        await self.ensure_mounted()
        problems = list(self.session.problems)
        if not problems:
            self.notify("No problems: the visit is valid")
            return
        current = self.focused_path()
        later = [where for where in problems if where > current and not within(current, where)] if current else []
        self._focus_nearest((later or problems)[0])

    def _focus_nearest(self, path: FieldPath) -> None:
        """Focus the field of a problem (or the closest field containing it)."""
        while path:
            for widget in self.fields():
                if within(path, widget.path) or within(widget.path, path):  # type: ignore[attr-defined]
                    widget.focus()
                    return
            path = path[:-1]

    @on(OptionList.OptionSelected, "#edit-toc")
    async def _toc_selected(self, event: OptionList.OptionSelected) -> None:
        await self.ensure_mounted()
        target = self.query_one(f"#{event.option.id}")
        self.query_one("#form", VerticalScroll).scroll_to_widget(target, top=True, animate=False)
        first = next((w for w in target.query("*") if isinstance(w, FieldWidget | EmptySlot)), None)
        if first is not None:
            first.focus(scroll_visible=False)

    # -- reviewing, saving and leaving ---------------------------------------------------------

    def action_review(self) -> None:
        from kvalitet_tui.dialogs.review import ReviewDialog

        comparison = self.session.comparison()
        if comparison is None:
            self.notify("Fix the problems first (f8): an invalid visit cannot be compared", severity="warning")
            return
        self.app.push_screen(ReviewDialog(comparison, target=self.session.document.target.name, confirm=False,
                                          fields=self._changed_fields()))

    def _changed_fields(self) -> list[str]:
        return [format_path(path) for path in self.session.changed_fields()]

    def action_save(self) -> None:
        """Review the changes, then save (nothing is written for a visit without changes)."""
        self.request_save(lambda saved: None)

    def request_save(self, then: Callable[[bool], None], *, review: bool = True) -> None:
        """Save after the review (when asked); ``then`` learns whether the visit is saved now."""
        from kvalitet_tui.dialogs.review import ReviewDialog

        session = self.session
        if session.visit is None:
            self.notify(f"Not saved: {len(session.problems)} problem(s) to fix first (f8 goes to each)",
                        severity="error")
            self.run_worker(self.action_next_problem(), group="edit-problem")
            then(False)
            return
        if not session.dirty:
            self.notify("No changes to save: the file is as it was")
            then(True)
            return
        comparison = session.comparison()
        if review and comparison is not None:
            self.app.push_screen(ReviewDialog(comparison, target=session.document.target.name, confirm=True,
                                              fields=self._changed_fields()),
                                 lambda confirmed: self._write(then) if confirmed else then(False))
        else:
            self._write(then)

    def _write(self, then: Callable[[bool], None], *, overwrite: bool = False) -> None:
        session = self.session
        try:
            session.save(overwrite=overwrite)
        except ExternalChangeError:
            self._told_changed = True  # the dialog tells it now
            self._external_change(then)
            return
        except KvalitetError as error:
            self.notify(visible(str(error)), title="Not saved", severity="error", timeout=8)
            then(False)
            return
        self._saved(then)

    def _saved(self, then: Callable[[bool], None]) -> None:
        from kvalitet_core.editing import backup_path

        document = self.session.document
        backup = backup_path(document.target)
        kept = f" (previous version: {backup.name})" if document.backed_up and backup.exists() else ""
        self.notify(visible(f"Saved {document.target.name}{kept}"), title="Saved")
        self._journalled = self.session.version
        self._show_state()
        self.kv.refresh_library()
        then(True)

    def _external_change(self, then: Callable[[bool], None]) -> None:
        from kvalitet_tui.dialogs.choice import ChoiceDialog

        target = self.session.document.target
        message = Text.assemble(
            (visible(target.name), "bold"), " was changed on disk since you opened it (by another program or "
            "person). Saving now would replace that version.\n\n",
            ("Reload", "bold"), ": read the file again (your edits stay in undo: ctrl+z)\n",
            ("Save as", "bold"), ": keep both, yours under a new name\n",
            ("Overwrite", "bold"), ": replace the file with your version (the other version goes to the backup)")
        choices = [("r", "Reload", "reload"), ("a", "Save as", "save_as"), ("o", "Overwrite", "overwrite")]

        def answered(choice: str | None) -> None:
            if choice == "reload":
                self.run_worker(self._reload(), exclusive=True, group="edit-reload")
                then(False)
            elif choice == "save_as":
                self._save_as(then)
            elif choice == "overwrite":
                self.session.document.backed_up = False  # keep the other version as the backup
                self._write(then, overwrite=True)
            else:
                then(False)

        self.app.push_screen(ChoiceDialog("Changed on disk", message, choices), answered)

    async def _reload(self) -> None:
        try:
            self.session.reload(self.kv.host())
        except KvalitetError as error:
            self.notify(visible(str(error)), severity="error")
            return
        await self.sync(self.focused_path())
        self.notify("Reloaded from disk; ctrl+z goes back to your edits")

    def _save_as(self, then: Callable[[bool], None]) -> None:
        from kvalitet_tui.dialogs.save_as import SaveAsDialog

        target = self.session.document.target
        suggested = f"{target.stem}-edited{target.suffix or '.yaml'}"

        def chosen(path: Path | None) -> None:
            if path is None:
                then(False)
                return
            try:
                self.session.save_as(path)
            except KvalitetError as error:
                self.notify(visible(str(error)), title="Not saved", severity="error")
                then(False)
                return
            self._saved(then)

        self.app.push_screen(SaveAsDialog(target, suggested), chosen)

    def action_leave(self) -> None:
        self.confirm_leave(lambda leave: self.dismiss(self.result()) if leave else None)

    def result(self) -> Saved | None:
        """The visit as it is on disk now, or None when nothing of it was written."""
        document = self.session.document
        if document.seen is None:
            return None
        return Saved(self.session.original, document.target, edited=document.source is not None)

    def confirm_leave(self, then: Callable[[bool], None]) -> None:
        """Ask about unsaved changes (save / discard / cancel); ``then`` learns whether to go."""
        from kvalitet_tui.dialogs.choice import ChoiceDialog

        if not self.session.dirty:
            self.session.discard_journal()
            then(True)
            return
        invalid = "" if self.session.visit is not None else " It has problems: saving needs them fixed first."
        message = f"{self.session.document.target.name} has unsaved changes.{invalid}"
        choices = [("s", "Save", "save"), ("d", "Discard", "discard")]

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.request_save(then, review=False)
            elif choice == "discard":
                self.session.discard_journal()
                then(True)
            else:
                then(False)

        self.app.push_screen(ChoiceDialog("Unsaved changes", message, choices), answered)
