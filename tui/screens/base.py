"""What every screen of the app shares: typed access to the app and its library, handlers whose
unexpected errors are reported instead of ending the app (see kvalitet_tui.errors), and results
of a keystroke drawn in the keystroke's own frame."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from kvalitet_tui.errors import GuardedHandlers

if TYPE_CHECKING:
    from kvalitet_tui.app import KvalitetApp


class AppScreen(GuardedHandlers, Screen):
    """A screen of the kvalitet app."""

    @property
    def kv(self) -> KvalitetApp:
        """The app, typed: its library, rows and openers."""
        return cast("KvalitetApp", self.app)

    def repaint_with_keystroke(self) -> None:
        """Draw what a keystroke changed in the same frame as the key's echo in the input box.

        A widget's refresh reaches the screen through the widget's own message queue, after the
        frame that draws the typed character; the table or list it changed then waits for the
        next frame, 1/60 s later. Repainting the whole screen puts both in the next frame.
        """
        self.refresh()
