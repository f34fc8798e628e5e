"""An editing session: one visit's draft, its problems, its history, and saving it safely.

The draft is the visit as plain data (``visit_to_data``), changed only through the operations
here — set a field, insert, remove or move an entry of a list — each of which records an undo
step and validates the result (:mod:`.validation`). Saving needs a valid draft; a draft equal to
the visit read is never written, so an unchanged file stays byte for byte as it was.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kvalitet_core.compare.engine import Comparison, compare_visits
from kvalitet_core.editing import journal
from kvalitet_core.editing.document import VisitDocument, new_document, open_document
from kvalitet_core.editing.history import History
from kvalitet_core.editing.paths import (
    FieldPath,
    differences,
    first_difference,
    format_path,
    get,
    set_value,
    within,
)
from kvalitet_core.editing.validation import Problems, validate
from kvalitet_core.errors import KvalitetError
from kvalitet_core.model import Contribution, Item, Section, Visit
from kvalitet_core.native import visit_to_data
from kvalitet_core.plugins import PluginHost
from kvalitet_core.quality_model import QualityModel

SECTIONS: FieldPath = ("sections",)


class InvalidVisitError(KvalitetError):
    """The draft has problems; it is not saved until they are fixed."""


def blank_item() -> dict[str, Any]:
    return Item().model_dump(mode="json")


def blank_contribution(theme: str) -> dict[str, Any]:
    return Contribution(theme=theme, text="").model_dump(mode="json")


def blank_section(themes: list[str], continued: bool = False) -> dict[str, Any]:
    return Section(themes=themes, continued=continued).model_dump(mode="json")


class EditSession:
    """One visit being edited. Create it with :meth:`open` (a file) or :meth:`create` (a new visit)."""

    def __init__(self, document: VisitDocument, models: Mapping[str, QualityModel]) -> None:
        self.document = document
        self.models = models
        self.data: dict[str, Any] = visit_to_data(document.original)
        self.history = History()
        self.version = 0
        """Bumped by every change, undo and redo: a front end redraws when it moves."""
        self.visit: Visit | None = None
        self.problems: Problems = {}
        self._validate()

    @classmethod
    def open(cls, host: PluginHost, path: Path, visit_id: str | None = None,
             imported: Visit | None = None) -> EditSession:
        return cls(open_document(host, path, visit_id, imported), host.quality_models)

    @classmethod
    def create(cls, folder: Path, visit: Visit, models: Mapping[str, QualityModel]) -> EditSession:
        return cls(new_document(folder, visit), models)

    # -- state -------------------------------------------------------------------------------

    @property
    def original(self) -> Visit:
        """The visit as on disk (as last read or saved)."""
        return self.document.original

    @property
    def is_new(self) -> bool:
        """Whether nothing of the visit is on disk yet under its target name: a visit written by
        hand, or an imported one not yet saved as YAML."""
        return self.document.seen is None

    @property
    def dirty(self) -> bool:
        """Whether there is anything to save: the draft differs from the visit on disk (an
        imported visit is not dirty until edited: its source is its saved form)."""
        if self.visit is None:
            return True
        if self.is_new and self.document.source is None:
            return True
        return self.visit != self.original

    def value(self, path: FieldPath) -> Any:
        return get(self.data, path)

    def problems_within(self, path: FieldPath) -> list[tuple[FieldPath, str]]:
        return [(where, message) for where, message in self.problems.items() if within(where, path)]

    def model(self) -> QualityModel | None:
        return self.models.get(str(self.data.get("quality_model")))

    def _state(self) -> str:
        return json.dumps(self.data, ensure_ascii=False)

    def _restore(self, state: str) -> None:
        self.data = json.loads(state)
        self._validate()
        self.version += 1

    def _validate(self) -> None:
        self.visit, self.problems = validate(self.data, self.models)

    def _change(self, key: object) -> None:
        """Record the undo step for a change about to be made (``key`` joins typing into one)."""
        self.history.record(self._state(), key)

    def _changed(self) -> None:
        self._validate()
        self.version += 1

    # -- operations --------------------------------------------------------------------------

    def set(self, path: FieldPath, value: Any) -> bool:
        """Set one field; changes to the same field in a row are one undo step until sealed."""
        if get(self.data, path) == value:
            return False
        self._change(("set", path))
        set_value(self.data, path, value)
        self._changed()
        return True

    def insert(self, path: FieldPath, index: int, value: Any) -> None:
        """Insert an entry into the list at ``path`` (an item, a section, a contribution)."""
        self._change(None)
        entries = get(self.data, path)
        index = max(0, min(index, len(entries)))
        entries.insert(index, value)
        if path == SECTIONS:
            self._renumber_pages(lambda n: n + 1 if n >= index else n)
        self._changed()

    def remove(self, path: FieldPath, index: int) -> Any:
        """Remove an entry (it comes back with undo)."""
        self._change(None)
        removed = get(self.data, path).pop(index)
        if path == SECTIONS:
            self._renumber_pages(lambda n: None if n == index else n - 1 if n > index else n)
        self._changed()
        return removed

    def move(self, path: FieldPath, index: int, to: int) -> bool:
        """Move an entry within its list; False when it is already at that end."""
        entries = get(self.data, path)
        if not 0 <= to < len(entries) or to == index:
            return False
        self._change(None)
        entries.insert(to, entries.pop(index))
        if path == SECTIONS:
            order = list(range(len(entries)))
            order.insert(to, order.pop(index))
            self._renumber_pages(order.index)
        self._changed()
        return True

    def _renumber_pages(self, renumber: Any) -> None:
        """Keep the provenance's page of each theme page (``sections.N``) with its page when
        pages are inserted, removed or moved; a removed page's entry goes with it."""
        pages = self.data.get("provenance", {}).get("pages")
        if not isinstance(pages, dict):
            return
        kept: dict[str, Any] = {}
        for part, page in pages.items():
            name, _, number = part.partition(".")
            if name == "sections" and number.isdigit():
                moved = renumber(int(number))
                if moved is not None:
                    kept[f"sections.{moved}"] = page
            else:
                kept[part] = page
        self.data["provenance"]["pages"] = kept

    def replace_all(self, data: dict[str, Any]) -> None:
        """Make ``data`` the draft in one undo step (recovered edits, a reload from disk)."""
        self._change(None)
        self.data = json.loads(json.dumps(data, ensure_ascii=False))
        self._changed()

    def seal(self) -> None:
        """End the current typing step: the next change is an undo step of its own."""
        self.history.seal()

    def undo(self) -> bool:
        state = self.history.undo(self._state())
        if state is None:
            return False
        self._restore(state)
        return True

    def redo(self) -> bool:
        state = self.history.redo(self._state())
        if state is None:
            return False
        self._restore(state)
        return True

    # -- reviewing and saving ----------------------------------------------------------------

    def comparison(self) -> Comparison | None:
        """The changes against the visit on disk, by the compare engine (None while invalid)."""
        return compare_visits(self.original, self.visit) if self.visit is not None else None

    def changed_fields(self) -> list[FieldPath]:
        """Every field that differs from the visit on disk — also what the compare engine does not
        show (it aligns pages by theme: a page moved or marked 'continued' is no change to it)."""
        return list(differences(visit_to_data(self.original), visit_to_data(self.visit))) if self.visit else []

    def save(self, *, overwrite: bool = False) -> bool:
        """Write the visit when it changed; True when a file was written.

        Raises :class:`InvalidVisitError` while the draft has problems, and the document's
        ExternalChangeError when the file changed on disk (unless ``overwrite``).
        """
        if self.visit is None:
            where, message = next(iter(self.problems.items()))
            count = len(self.problems)
            more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
            raise InvalidVisitError(f"not saved: {format_path(where)}: {message}{more}")
        if not self.dirty:
            self.discard_journal()
            return False
        self.document.write(self.visit, overwrite=overwrite)
        self.discard_journal()
        return True

    def save_as(self, target: Path) -> bool:
        """Save to another file (a new one: an existing file is an ExternalChangeError)."""
        journal.remove_journal(self.journal_path)
        self.document = self.document.moved_to(target)
        return self.save()

    def reload(self, host: PluginHost) -> None:
        """Read the file again and make its content the draft — one undo step, so the edits
        made before can still be taken back."""
        self.document = open_document(host, self.document.target, self.original.id)
        self.replace_all(visit_to_data(self.document.original))

    # -- the recovery journal ----------------------------------------------------------------

    @property
    def journal_path(self) -> Path:
        """The recovery journal of this visit, named after the file it was opened from."""
        return journal.journal_path(self.document.origin, self.original.id)

    def write_journal(self) -> None:
        """Keep the unsaved draft in the recovery journal (none when there is nothing unsaved)."""
        if self.dirty and (self.visit is None or self.visit != self.original):
            seen = self.document.seen
            journal.write_journal(self.journal_path, self.data, seen.sha256 if seen else None)
        else:
            self.discard_journal()

    def discard_journal(self) -> None:
        journal.remove_journal(self.journal_path)

    def recovery(self) -> journal.Recovery | None:
        """Unsaved edits a previous session left for this visit, if they differ from it."""
        found = journal.read_journal(self.journal_path)
        return found if found is not None and found.data != self.data else None

    def recover(self, recovery: journal.Recovery) -> FieldPath:
        """Make the recovered edits the draft; returns where they begin (to open the form there)."""
        before = self.data
        self.replace_all(recovery.data)
        return first_difference(before, self.data) or ()
