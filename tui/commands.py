"""The command palette (ctrl+p): every action of the current screen, and every visit by name.

Actions come from the live bindings of the screen the palette was opened from, so each key's
action is also reachable by typing its description; visits open by typing part of their title,
and "New visit" starts one from a quality model's template.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from kvalitet_core.control_chars import visible
from kvalitet_tui.dialogs.help import binding_rows

if TYPE_CHECKING:
    from kvalitet_tui.app import KvalitetApp


class KvalitetCommands(Provider):
    """Screen actions by their description and visits by their title."""

    def _actions(self) -> list[tuple[str, str, str]]:
        """(description, keys, action) of the bindings of the screen under the palette."""
        screen = self.screen
        found = []
        for keys, description, _ in binding_rows(screen):
            binding = next((b.binding for b in screen.active_bindings.values()
                            if b.binding.description == description), None)
            if binding is not None:
                found.append((description, keys, binding.action))
        return found

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    def _app_commands(self) -> list[tuple[str, str, str]]:
        """(name, keys, app action) of the app's commands that have no place in any footer."""
        return [("New visit", "ctrl+n", "new_visit")]

    async def _run_app(self, action: str) -> None:
        await self.app.run_action(action)

    async def discover(self) -> Hits:
        for description, keys, action in self._actions():
            yield DiscoveryHit(description, partial(self._run, action), help=f"key: {keys}")
        for name, keys, action in self._app_commands():
            yield DiscoveryHit(name, partial(self._run_app, action), help=f"key: {keys}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for description, keys, action in self._actions():
            score = matcher.match(description)
            if score > 0:
                yield Hit(score, matcher.highlight(description), partial(self._run, action), help=f"key: {keys}")
        for name, keys, action in self._app_commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run_app, action), help=f"key: {keys}")
        app = cast("KvalitetApp", self.app)
        for row in app.rows:
            name = f"Open {row.title}"
            score = matcher.match(name)
            if score > 0:
                yield Hit(score * 0.9, matcher.highlight(name), partial(app.open_visit, row.key),
                          help=visible(row.path))
