"""The visit screen: one report as its readers know it, with a table of contents beside it.

Metadata ("Oplysninger om besøget"), the overall impression, every theme page with its three
boxes, the assessment and the conclusion with its "leve op til" list. Each import warning sits
where it belongs (the theme page or part printed on its page; the rest at the top), so a person
can check it against the source. A search hit opens the screen at its box with its words marked.
``e`` edits the visit (at the focused part); unsaved edits a crash left behind are offered back
when the visit is opened again.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from kvalitet_core.control_chars import visible
from kvalitet_core.editing import EditSession, FieldPath
from kvalitet_core.editing.journal import journal_path, read_journal
from kvalitet_core.errors import KvalitetError
from kvalitet_core.model import ImportWarning, Visit
from kvalitet_core.quality_model import QualityModel
from kvalitet_core.terminal_view import metadata_table
from kvalitet_tui.data import Target
from kvalitet_tui.screens.base import AppScreen
from kvalitet_tui.widgets.keybar import KeyBar
from kvalitet_tui.widgets.report import BoxView, Part, ThemeSection, highlight, theme_name, warning_text

if TYPE_CHECKING:
    from kvalitet_tui.screens.edit import Saved


class VimOptionList(OptionList):
    """An option list that also moves with j/k and g/G."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.cursor_down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.cursor_up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
    ]


def offset_in(widget: Widget, container: Widget) -> int:
    """How far down ``container``'s scrollable content a descendant starts."""
    offset = 0
    node: Widget | None = widget
    while node is not None and node is not container:
        offset += node.virtual_region.y
        node = node.parent if isinstance(node.parent, Widget) else None
    return offset


def place_warnings(visit: Visit) -> dict[str, list[ImportWarning]]:
    """Each warning under the part printed on its page ('sections.3', 'overall_impression', …);
    warnings without a page, or on a page no part claims, under 'top'."""
    by_page: dict[int, str] = {}
    for part, page in visit.provenance.pages.items():
        by_page.setdefault(page, part)
    placed: dict[str, list[ImportWarning]] = {}
    for warning in visit.provenance.warnings:
        part = by_page.get(warning.page, "top") if warning.page is not None else "top"
        placed.setdefault(part, []).append(warning)
    return placed


class VisitScreen(AppScreen):
    """One visit, read top to bottom; the table of contents jumps between its parts."""

    AUTO_FOCUS = "#report"
    """Focus lands on the report at once: each focus change rebuilds the footer's keys."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="visit.back"),
        Binding("e", "edit", "Edit", id="visit.edit", tooltip="Edit the visit, at the focused part"),
        Binding("right_square_bracket", "next_theme", "Next theme", id="visit.next_theme"),
        Binding("left_square_bracket", "previous_theme", "Prev theme", id="visit.previous_theme"),
        Binding("p", "purpose", "Purpose", id="visit.purpose", tooltip="The theme's purpose (Formål)"),
        Binding("y", "copy", "Copy box", id="visit.copy"),
        Binding("w", "next_warning", "Warnings", id="visit.warnings"),
        Binding("T", "toggle_toc", "Contents", id="visit.toc"),
        Binding("j", "scroll('down')", "Scroll down", show=False, id="visit.down"),
        Binding("k", "scroll('up')", "Scroll up", show=False, id="visit.up"),
        Binding("g", "scroll('home')", "Top", show=False, id="visit.home"),
        Binding("G", "scroll('end')", "Bottom", show=False, id="visit.end"),
    ]

    def __init__(self, visit: Visit, target: Target | None = None, *, path: Path | None = None,
                 edited: bool = False) -> None:
        super().__init__()
        self.visit = visit
        self.target = target or Target()
        self.warnings = place_warnings(visit)
        self.path = path
        """The file the visit was read from (None: not from a file of the library)."""
        self.edited = edited

    def compose(self) -> ComposeResult:
        model = self.kv.quality_model(self.visit.quality_model)
        parts = self._report_parts(model)
        first = self._first_batch(parts)
        self._pending = parts[first:]
        yield Header()
        with Horizontal():
            toc = VimOptionList(*self._contents(model), id="toc")
            toc.border_title = "Contents"
            yield toc
            yield VerticalScroll(*parts[:first], id="report")
        yield KeyBar()

    def _report_parts(self, model: QualityModel | None) -> list[Widget]:
        """Every part of the report, top to bottom, as widgets not yet mounted."""
        visit, words = self.visit, self.target.words
        parts: list[Widget] = []
        count = len(visit.provenance.warnings)
        meta = Group(Text(visit.title, style="bold"), metadata_table(visit))
        meta_part = Static(meta, id="meta", classes="part")
        meta_part.border_title = "Oplysninger om besøget"
        parts.append(meta_part)
        if count:
            heading = Text(f"{count} import warning{'s' if count > 1 else ''}; "
                           "each is shown where it belongs (w: next)", style="bold")
            top = self.warnings.get("top", [])
            body = Text("\n").join([heading, warning_text(top)]) if top else heading
            parts.append(Static(body, id="warnings-top", classes="warnings"))
        for part, title in (("overall_impression", "Samlede indtryk af tilbuddet"), ("core_task", "Kerneopgaven")):
            text = getattr(visit, part)
            if text:
                parts += self._warnings_for(part)
                body = highlight(Text(text), words if self.target.part == part else ())
                parts.append(Part(title, body, id=part.replace("_", "-")))
        for index, section in enumerate(visit.sections):
            hit = (self.target.box, self.target.item) if self.target.section == index else None
            parts.append(ThemeSection(index, section, model, warnings=self.warnings.get(f"sections.{index}", ()),
                                      words=words if hit else (), hit=hit))
        if visit.assessment:
            parts += self._warnings_for("assessment")
            parts.append(Part("Bedømmelse", Text(visit.assessment, style="bold"), id="assessment"))
        if visit.conclusion or visit.contributes_to:
            parts += self._warnings_for("conclusion")
            parts.append(Part("Konklusion", self._conclusion(), id="conclusion"))
        return parts

    def _first_batch(self, parts: list[Widget]) -> int:
        """How many parts to mount before the first paint: what fills the first screen — up to the
        target's theme page, else up to the first theme page. The rest follow in small steps (see
        _mount_rest): laying out a whole report costs a few hundred milliseconds."""
        target = self.target
        if target.part in ("assessment", "conclusion", "contributes_to"):
            return len(parts)
        sections = [i for i, part in enumerate(parts) if isinstance(part, ThemeSection)]
        if not sections:
            return len(parts)
        wanted = target.section if target.section is not None else 0
        return sections[min(wanted, len(sections) - 1)] + (1 if target.section is not None else 0)

    def _warnings_for(self, part: str) -> list[Widget]:
        return [Static(warning_text(self.warnings[part]), classes="warnings")] if part in self.warnings else []

    @property
    def complete(self) -> bool:
        """Whether every part of the report is mounted."""
        return not self._pending and not any(w.node is self and w.group == "mount" and not w.is_finished
                                             for w in self.workers)

    def _start_mounting(self) -> None:
        self.run_worker(self._mount_rest(), group="mount", exit_on_error=False)

    async def _mount_rest(self) -> None:
        """Mount the parts left out of the first paint, a theme page at a time."""
        report = self.query_one("#report", VerticalScroll)
        while self._pending:
            batch, self._pending = self._pending[:2], self._pending[2:]
            await report.mount_all(batch)
            await asyncio.sleep(0.005)  # let keys and a frame through between pages

    async def ensure_mounted(self) -> None:
        """Mount every remaining part now: a jump needs its target in place."""
        if self._pending:
            batch, self._pending = self._pending, []
            await self.query_one("#report", VerticalScroll).mount_all(batch)

    def _conclusion(self) -> Text:
        visit, words = self.visit, self.target.words
        parts = [Text(visit.conclusion)] if visit.conclusion else []
        if visit.contributes_to:
            parts.append(Text("Det vil bidrage til, at leve op til:", style="bold"))
            parts += [Text(f"  • Tema {c.theme}. {c.text}") for c in visit.contributes_to]
        body = Text("\n").join(parts)
        return highlight(body, words if self.target.part in ("conclusion", "contributes_to") else ())

    def _contents(self, model: QualityModel | None) -> list[Option]:
        visit = self.visit
        options = [Option("Oplysninger om besøget", id="meta")]
        if visit.overall_impression:
            options.append(Option("Samlede indtryk", id="overall-impression"))
        if visit.core_task:
            options.append(Option("Kerneopgaven", id="core-task"))
        for index, section in enumerate(visit.sections):
            label = "Tema " + ", ".join(section.themes) + (" (fortsat)" if section.continued else "")
            warned = " ⚠" if f"sections.{index}" in self.warnings else ""
            options.append(Option(label + warned, id=f"section-{index}"))
        if visit.assessment:
            options.append(Option("Bedømmelse", id="assessment"))
        if visit.conclusion or visit.contributes_to:
            options.append(Option("Konklusion", id="conclusion"))
        return options

    def on_mount(self) -> None:
        self._show_title()
        self.watch(self.query_one("#report", VerticalScroll), "scroll_y", self._sync_contents, init=False)
        self.call_after_refresh(self._go_to_target)
        if self.path is not None and read_journal(journal_path(self.path, self.visit.id)) is not None:
            self.call_after_refresh(self._offer_recovery)

    def _show_title(self) -> None:
        self.title = self.visit.title
        source = visible(self.visit.provenance.source_file or self.visit.id)
        if self.path is None:
            self.sub_title = source
        elif self.edited:
            self.sub_title = f"edited · {visible(self.path.name)} (from {source})"
        else:  # the file the visit was read from, which is what a person opens or looks for
            self.sub_title = visible(self.path.name)

    def _sync_contents(self, _scroll_y: float) -> None:
        """Keep the table of contents on the part at the top of the report."""
        report = self.query_one("#report", VerticalScroll)
        toc = self.query_one("#toc", OptionList)
        current = 0
        for index in range(toc.option_count):
            option_id = toc.get_option_at_index(index).id
            found = report.query(f"#{option_id}")
            if found and offset_in(found.first(), report) <= report.scroll_y + 1:
                current = index
        if toc.highlighted != current:
            toc.highlighted = current

    def _go_to_target(self) -> None:
        self.set_timer(0.05, self._start_mounting)  # after the first paint has gone out
        target = self.target
        widget: Widget | None = None
        if target.section is not None:
            widget = self.query_one(f"#section-{target.section}", ThemeSection)
            if target.box is not None:
                widget = self.query_one(f"#section-{target.section}-{target.box.value}", BoxView)
        elif target.part is not None:
            part = "conclusion" if target.part == "contributes_to" else target.part
            found = self.query(f"#{part.replace('_', '-')}")
            widget = found.first() if found else None
        if widget is not None:
            self.scroll_to(widget)

    def scroll_to(self, widget: Widget) -> None:
        """Bring a part to the top of the report and focus it (or its first box)."""
        self.query_one("#report", VerticalScroll).scroll_to_widget(widget, top=True, animate=False)
        focusable = widget if widget.can_focus else next(iter(widget.query(BoxView)), None)
        if focusable is not None:
            focusable.focus(scroll_visible=False)

    # -- where the reader is ----------------------------------------------------------------

    def sections(self) -> list[ThemeSection]:
        return list(self.query(ThemeSection))

    def current_section(self) -> ThemeSection | None:
        """The theme page of the focused box, else the last one whose top is above the view's top."""
        focused = self.focused
        if isinstance(focused, BoxView):
            return self.query_one(f"#section-{focused.section}", ThemeSection)
        report = self.query_one("#report", VerticalScroll)
        current = None
        for section in self.sections():
            if offset_in(section, report) <= report.scroll_y + 1:
                current = section
        return current

    # -- actions -----------------------------------------------------------------------------

    async def action_scroll(self, where: str) -> None:
        if where == "end":
            await self.ensure_mounted()
        report = self.query_one("#report", VerticalScroll)
        {"down": report.scroll_down, "up": report.scroll_up,
         "home": report.scroll_home, "end": report.scroll_end}[where](animate=False)

    @on(OptionList.OptionSelected, "#toc")
    async def _toc_selected(self, event: OptionList.OptionSelected) -> None:
        await self.ensure_mounted()
        self.scroll_to(self.query_one(f"#{event.option.id}"))

    async def _step_theme(self, step: int) -> None:
        await self.ensure_mounted()
        sections = self.sections()
        if not sections:
            return
        current = self.current_section()
        index = sections.index(current) + step if current else 0
        self.scroll_to(sections[max(0, min(index, len(sections) - 1))])

    async def action_next_theme(self) -> None:
        await self._step_theme(1)

    async def action_previous_theme(self) -> None:
        await self._step_theme(-1)

    @on(BoxView.Follow)
    async def _follow(self, message: BoxView.Follow) -> None:
        await self.ensure_mounted()
        section = next((s for s in self.sections() if message.theme in s.section.themes), None)
        if section is None:
            self.notify(f"This report has no page for theme {message.theme}", severity="warning")
        else:
            self.scroll_to(section)

    def action_purpose(self) -> None:
        from kvalitet_tui.dialogs.purpose import PurposeScreen

        section = self.current_section()
        if section is None:
            self.notify("Move to a theme page first", severity="warning")
            return
        model = self.kv.quality_model(self.visit.quality_model)
        themes = [(theme_name(t, model), (model.theme(t).purpose if model and model.theme(t) else ""))
                  for t in section.section.themes]
        self.app.push_screen(PurposeScreen(themes))

    def action_copy(self) -> None:
        focused = self.focused
        if isinstance(focused, BoxView | Part):
            self.app.copy_to_clipboard(focused.copy_text)
            self.notify(f"Copied “{focused.border_title}” ({len(focused.copy_text)} characters)")
        else:
            self.notify("Focus a box (tab) to copy it; select text with the mouse and press ctrl+c",
                        severity="warning")

    async def action_next_warning(self) -> None:
        await self.ensure_mounted()
        warnings = list(self.query(".warnings"))
        if not warnings:
            self.notify("The importer recorded no warnings for this visit")
            return
        report = self.query_one("#report", VerticalScroll)
        later = [w for w in warnings if offset_in(w, report) > report.scroll_y + 1]
        target = later[0] if later else warnings[0]
        report.scroll_to_widget(target, top=True, animate=False)

    def action_toggle_toc(self) -> None:
        toc = self.query_one("#toc")
        toc.display = not toc.display

    # -- editing -----------------------------------------------------------------------------

    def _edit_focus(self) -> FieldPath:
        """Where the edit form opens: at the focused box or part, else at the current page."""
        focused = self.focused
        if isinstance(focused, BoxView):
            return ("sections", focused.section, focused.kind.value, "items")
        if isinstance(focused, Part) and focused.id:
            return (focused.id.replace("-", "_"),)
        section = self.current_section()
        return ("sections", section.index) if section is not None else ()

    def _session(self) -> EditSession | None:
        if self.path is None:
            self.notify("This visit is not from a file of the library: it cannot be edited here", severity="warning")
            return None
        try:
            return EditSession.open(self.kv.host(), self.path, self.visit.id, imported=self.visit)
        except KvalitetError as error:
            self.notify(visible(f"cannot edit: {error}"), severity="error")
            return None

    def action_edit(self) -> None:
        """Edit the visit at the focused part; edits left unsaved by an earlier session are
        offered first, never written over."""
        session = self._session()
        if session is not None:
            self._offer_recovery(session, focus=self._edit_focus())

    def edit(self, session: EditSession, focus: FieldPath = ()) -> None:
        from kvalitet_tui.screens.edit import EditScreen

        self.app.push_screen(EditScreen(session, focus), self._edited)

    async def _edited(self, saved: Saved | None) -> None:
        """Back from the form: show the visit as it is now on disk (and the file it is in)."""
        if saved is None or (saved.visit == self.visit and saved.path == self.path):
            return
        self.visit, self.path, self.edited = saved.visit, saved.path, self.edited or saved.edited
        self.warnings = place_warnings(saved.visit)
        self.target = Target()
        await self.recompose()
        self.query_one("#report", VerticalScroll).focus()  # the focused widget went with the old composition
        self._show_title()
        self.call_after_refresh(self._go_to_target)

    def _offer_recovery(self, session: EditSession | None = None, focus: FieldPath | None = None) -> None:
        """Offer the edits an earlier session left unsaved. ``focus`` given, the person asked to
        edit: the form opens in any case (with them, or without once they are discarded)."""
        from kvalitet_tui.dialogs.choice import ChoiceDialog

        session = session or self._session()
        if session is None:
            return
        recovery = session.recovery()
        if recovery is None:
            session.discard_journal()  # none, or the same as the file: nothing to offer
            if focus is not None:
                self.edit(session, focus)
            return
        seen = session.document.seen
        changed = (" The file was changed after those edits were made: review them before saving."
                   if seen is not None and recovery.base_sha256 not in (None, seen.sha256) else "")
        message = (f"Unsaved edits of this visit were kept when the editor stopped without saving "
                   f"(a crash or a closed terminal).{changed}")
        choices = [("r", "Recover and edit", "recover"), ("d", "Discard them", "discard")]

        def answered(choice: str | None) -> None:
            if choice == "recover":
                self.edit(session, session.recover(recovery))
            elif choice == "discard":
                session.discard_journal()
                if focus is not None:
                    self.edit(session, focus)

        self.app.push_screen(ChoiceDialog("Recover unsaved edits?", message, choices, cancel="later"), answered)
