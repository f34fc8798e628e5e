"""Undo and redo over the whole visit, as snapshots of its draft data.

A snapshot is the draft serialised to JSON: compact, immutable, and restored exactly (an edited
visit is a few tens of kilobytes, so a long history costs a few megabytes). Typing in one field
makes one step, not one per key: consecutive changes with the same key (the field's path) join
the step before them until :meth:`History.seal` ends it — the front end seals when focus moves
or typing pauses.
"""

from __future__ import annotations

from collections.abc import Hashable

LIMIT = 500
"""Undo steps kept; the oldest are dropped beyond this."""


class History:
    """Snapshots before each step (undo) and after each undone step (redo)."""

    def __init__(self) -> None:
        self.undo_stack: list[str] = []
        self.redo_stack: list[str] = []
        self.open_key: Hashable | None = None
        """The key of the step still open to more changes of the same field, if any."""

    def record(self, before: str, key: Hashable | None) -> None:
        """A change is about to be made to the state ``before``; ``key`` None never joins."""
        self.redo_stack.clear()
        if key is not None and key == self.open_key:
            return
        self.undo_stack.append(before)
        del self.undo_stack[:-LIMIT]
        self.open_key = key

    def seal(self) -> None:
        self.open_key = None

    def undo(self, current: str) -> str | None:
        """The state to go back to, or None when there is nothing to undo."""
        self.seal()
        if not self.undo_stack:
            return None
        self.redo_stack.append(current)
        return self.undo_stack.pop()

    def redo(self, current: str) -> str | None:
        self.seal()
        if not self.redo_stack:
            return None
        self.undo_stack.append(current)
        return self.redo_stack.pop()
