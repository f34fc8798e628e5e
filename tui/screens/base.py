"""What every screen of the app shares: typed access to the app and its library, and handlers
whose unexpected errors are reported instead of ending the app (see kvalitet_tui.errors)."""

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
