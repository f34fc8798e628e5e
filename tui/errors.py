"""Unexpected errors in event handlers and actions: one line on the screen, the traceback in a log.

Textual treats an exception that escapes a message handler or an action as fatal: the app exits
and prints the traceback over the terminal, and the user loses their place. The app and its
screens mix in :class:`GuardedHandlers` instead: the error is appended with its traceback to
``$XDG_STATE_HOME/kvalitet/tui.log`` and shown as a one-line notification, and the app carries
on (the handler's message pump keeps running). Workers' errors are handled the same way.
``kvalitet --debug tui`` keeps Textual's behaviour — stop and show the full traceback — for
developers.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.message import Message
from textual.message_pump import MessagePump

from kvalitet_core.cli.main import debug_enabled
from kvalitet_core.control_chars import visible
from kvalitet_core.errors import KvalitetError
from kvalitet_tui.config import state_path


def log_path() -> Path:
    return state_path().with_name("tui.log")


def one_line(error: BaseException) -> str:
    """The error as the notification shows it: its first line, control characters made visible."""
    message = error.message if isinstance(error, KvalitetError) else f"{type(error).__name__}: {error}"
    return visible((message.splitlines() or [""])[0])


def handle(app: App, error: BaseException, where: str) -> None:
    """Report the error; with ``--debug``, raise it again for Textual to show in full and stop."""
    if debug_enabled():
        raise error
    report(app, error, where)


def report(app: App, error: BaseException, where: str) -> None:
    """Notify the error in one line. A :class:`KvalitetError` says all there is to say (a file
    that cannot be read, a visit not found); anything else is a bug, so its traceback is logged
    too (best effort) and the notification says where."""
    title = "Error"
    if not isinstance(error, KvalitetError):
        app.log.error(where, error)
        path = log_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as log:
                log.write(f"{datetime.now().isoformat(timespec='seconds')} {where}\n")
                log.write("".join(traceback.format_exception(error)))
            title = f"Unexpected error (details in {path})"
        except OSError:
            title = "Unexpected error"
    app.notify(one_line(error), title=title, severity="error", timeout=8)


class GuardedHandlers(MessagePump):
    """Mixin: an error escaping one of this node's message handlers is reported, not fatal."""

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)
        except Exception as error:
            handle(self.app, error, f"{type(self).__name__} handling {type(message).__name__}")


class GuardedApp(GuardedHandlers):
    """Mixin of the app: its handlers, and every action wherever it was started (a key, a click,
    the command palette), report their errors instead of ending the app."""

    async def _dispatch_action(self, namespace: DOMNode, action_name: str, params: Any) -> bool:
        try:
            return await super()._dispatch_action(namespace, action_name, params)  # type: ignore[misc]
        except Exception as error:
            handle(self.app, error, f"action {action_name} of {type(namespace).__name__}")
            return True
