"""The app: one library, its rows kept in step with the folder, and the screens that show them.

The app owns the library (an index connection for the UI thread), the rows of its visits and the
background refresh; screens watch :attr:`KvalitetApp.data_version` and redraw when it changes.
Everything slow — refreshing the index (imports run in worker processes), parsing many visits,
comparing, analytics — runs in thread workers that open their own index connection (SQLite
connections belong to one thread) and hand results back with ``call_from_thread``.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from kvalitet_core.control_chars import visible
from kvalitet_core.errors import KvalitetError
from kvalitet_core.library.index import FileFailure, Library, Progress, RefreshReport, VisitEntry, describe
from kvalitet_core.model import Visit
from kvalitet_core.plugins import PluginHost, get_host
from kvalitet_core.quality_model import QualityModel, builtin_quality_models
from kvalitet_tui.commands import KvalitetCommands
from kvalitet_tui.config import Settings
from kvalitet_tui.data import Details, VisitRow, compute_details, display_root, row_of, with_details
from kvalitet_tui.errors import GuardedApp, handle
from kvalitet_tui.screens.library import LibraryScreen


INDEXING_DELAY = 0.3
"""Seconds a refresh runs before the library screen says it is indexing."""
PROGRESS_PERIOD = 0.1
"""Seconds between two updates of the import count shown while indexing."""


@cache
def _builtin_models() -> dict[str, QualityModel]:
    """The core's own quality models, read once (used until the plugins have loaded)."""
    return {model.id: model for model in builtin_quality_models()}


class KvalitetApp(GuardedApp, App[None]):
    """Browse, read, search and compare the visits of one library folder."""

    CSS_PATH = "app.tcss"
    TITLE = "kvalitet"
    COMMANDS = App.COMMANDS | {KvalitetCommands}
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", id="app.theme", show=False),
        Binding("ctrl+n", "new_visit", "", id="app.new_visit", show=False),  # listed by the palette
    ]

    data_version: reactive[int] = reactive(0)
    """Bumped whenever the rows or failures change; screens watch it."""
    indexing: reactive[bool] = reactive(False)
    """True while the background refresh imports files."""
    indexed: reactive[tuple[int, int] | None] = reactive(None)
    """(files imported, files to import) while the background refresh imports; None otherwise."""

    def __init__(self, root: Path, *, cache_dir: Path | None = None, settings: Settings | None = None,
                 compare: Sequence[str] | None = None, jobs: int | None = None) -> None:
        super().__init__()
        self.root = root.resolve()
        self.cache_dir = cache_dir
        self.settings = settings or Settings()
        self.compare_request = tuple(compare) if compare else None
        self.jobs = jobs or len(os.sched_getaffinity(0))
        self.library = Library.open(self.root, cache_dir=cache_dir, refresh=False)
        self.entries: dict[int, VisitEntry] = {}
        self.rows: list[VisitRow] = []
        self.failures: list[FileFailure] = []
        self.last_report: RefreshReport | None = None
        self._details: dict[int, Details] = {}
        self._host: PluginHost | None = None
        self._host_lock = threading.Lock()
        self.sub_title = display_root(self.root)
        self.load_rows()

    # -- the library -------------------------------------------------------------------------

    def host(self) -> PluginHost:
        """The plugin host, loaded once whichever thread asks first (``get_host`` is not thread-safe)."""
        with self._host_lock:
            if self._host is None:
                self._host = get_host()
            return self._host

    def quality_model(self, model_id: str) -> QualityModel | None:
        """A visit's quality model (its themes' titles and purposes); plugins' models once loaded."""
        if self._host is not None:
            return self._host.quality_model(model_id)
        return _builtin_models().get(model_id)

    def open_reader(self) -> Library:
        """A connection of its own to the index, for a worker thread."""
        return Library.open(self.root, cache_dir=self.cache_dir, refresh=False)

    def load_rows(self) -> None:
        """Read the rows and failures from the index (fast: no visit is parsed)."""
        entries = self.library.entries()
        self.entries = {entry.key: entry for entry in entries}
        self.rows = with_details(map(row_of, entries), self._details)
        self.failures = self.library.failures()
        self.data_version += 1

    def load_visit(self, key: int) -> Visit:
        return self.library.load([self.entries[key]])[0]

    def entry_for(self, visit_id: str) -> VisitEntry | None:
        return next((entry for entry in self.entries.values() if entry.visit_id == visit_id), None)

    def refresh_library(self) -> None:
        """Start a background refresh unless one is running (a slow import outlasts the interval)."""
        if not any(w.group == "refresh" and not w.is_finished for w in self.workers):
            self._refresh()

    @work(thread=True, group="refresh", exit_on_error=False)
    def _refresh(self) -> None:
        self.host()
        with self.open_reader() as reader:
            known = set(self._details)
            # the progress bar shows only when a refresh takes a while (imports), not on every check
            timer = self.call_from_thread(self.set_timer, INDEXING_DELAY, self._indexing_started)
            try:
                report = reader.refresh(jobs=self.jobs, on_progress=self._progress_relay())
            finally:
                self.call_from_thread(self._indexing_finished, timer)
            missing = [entry for entry in reader.entries() if entry.key not in known]
            details = compute_details(reader, missing) if missing else {}
        self.call_from_thread(self._refreshed, report, details)

    def _progress_relay(self) -> Progress:
        """A refresh's progress callback (called in the worker thread) that sets :attr:`indexed`
        at most every ``PROGRESS_PERIOD`` seconds and on the last file: a thousand imports cost
        the screen a few redraws, and the import seldom waits for the screen."""
        told = 0.0

        def tell(done: int, total: int) -> None:
            nonlocal told
            now = time.monotonic()
            if done == total or now - told >= PROGRESS_PERIOD:
                told = now
                self.call_from_thread(setattr, self, "indexed", (done, total))

        return tell

    def _indexing_started(self) -> None:
        self.indexing = True

    def _indexing_finished(self, timer: Timer) -> None:
        timer.stop()
        self.indexing = False
        self.indexed = None

    def _refreshed(self, report: RefreshReport, details: dict[int, Details]) -> None:
        first = self.last_report is None
        self.last_report = report
        if first and self.compare_request:
            self.open_comparison(*self.compare_request)  # its visits may be new to the index
        self._details.update(details)
        if report.changed or details:
            self.load_rows()
        if report.changed and not first:
            self.notify(describe(report), title="Library updated")
        elif report.failed and first:
            self.notify(f"{len(report.failed)} file(s) failed to import: listed below the table",
                        severity="warning")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed worker becomes a notification, never a traceback on the screen."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            handle(self, event.worker.error, f"worker {event.worker.name}")

    # -- app lifetime ------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return LibraryScreen()

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        if self.settings.problem:
            self.notify(self.settings.problem, title="Config ignored", severity="warning", timeout=8)
        self.refresh_library()
        if self.settings.refresh_seconds:
            self.set_interval(self.settings.refresh_seconds, self.refresh_library)

    def on_unmount(self) -> None:
        self.library.close()

    # -- actions -----------------------------------------------------------------------------

    def action_help(self) -> None:
        from kvalitet_tui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def open_visit(self, key: int, target: object = None) -> None:
        from kvalitet_tui.screens.visit import VisitScreen

        try:
            visit = self.load_visit(key)
        except (KeyError, KvalitetError, ValueError) as error:
            self.notify(visible(f"cannot open the visit: {error}"), severity="error")
            return
        entry = self.entries[key]
        self.push_screen(VisitScreen(visit, target=target, path=self.root / entry.path,  # type: ignore[arg-type]
                                     edited=entry.edited))

    def editing(self) -> list[Screen]:
        """The edit screens open, innermost last."""
        from kvalitet_tui.screens.edit import EditScreen

        return [screen for screen in self.screen_stack if isinstance(screen, EditScreen)]

    async def action_quit(self) -> None:
        """Quit, asking first about unsaved edits (save / discard / cancel)."""
        editors = [screen for screen in self.editing() if screen.session.dirty]  # type: ignore[attr-defined]
        if not editors:
            self.exit()
            return
        editors[-1].confirm_leave(lambda leave: self.exit() if leave else None)  # type: ignore[attr-defined]

    def action_new_visit(self) -> None:
        """Write a new visit by hand, from its quality model's template (saved into the library folder)."""
        from kvalitet_tui.dialogs.new_visit import NewVisitDialog

        if self.editing():
            self.notify("Finish editing this visit first", severity="warning")
            return
        self.push_screen(NewVisitDialog(list(self.host().quality_models.values())), self._create_visit)

    def _create_visit(self, visit: Visit | None) -> None:
        from kvalitet_core.editing import EditSession
        from kvalitet_tui.screens.edit import EditScreen

        if visit is not None:
            session = EditSession.create(self.root, visit, self.host().quality_models)
            self.push_screen(EditScreen(session, ("offer",)), lambda _result: self.refresh_library())

    def open_comparison(self, old: str, new: str) -> None:
        """Compare two visits named by id (in the library) or by file; the earlier one goes left."""
        self._comparison_from(old, new)

    @work(thread=True, group="compare", exit_on_error=False)
    def _comparison_from(self, old: str, new: str) -> None:
        from kvalitet_core.reading import read_visits

        visits: list[Visit] = []
        with self.open_reader() as reader:
            for name in (old, new):
                path = Path(name)
                if path.is_file():
                    visits.append(read_visits(self.host(), path)[0])
                    continue
                entry = next((e for e in reader.entries() if e.visit_id == name), None)
                if entry is None:
                    raise KvalitetError(f"no visit '{name}' in the library and no such file")
                visits.append(reader.load([entry])[0])
        self.call_from_thread(self.show_comparison, *visits)

    def show_comparison(self, first: Visit, second: Visit) -> None:
        from kvalitet_tui.screens.compare import CompareScreen

        self.push_screen(CompareScreen(first, second))
