"""Everything ``kvalitet`` prints goes through here, so report text and file names cannot drive
the terminal: each C0/C1 control character but newline and tab is shown as a printable escape
(see :func:`kvalitet_core.control_chars.visible`), never sent as is. Plain lines go through
:func:`echo`, rich output through the console :func:`console` makes, JSON through :func:`json_text`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

import click

from kvalitet_core.control_chars import CONTROL, visible

if TYPE_CHECKING:  # rich loads only when rich output is made: plain commands start faster
    from rich.console import Console

__all__ = ["console", "echo", "json_text", "visible"]


def echo(message: str, err: bool = False) -> None:
    """One line on stdout (or stderr), control characters made visible."""
    click.echo(visible(message), err=err)


def json_text(data: Any, indent: int | None = 2, **options: Any) -> str:
    """JSON whose strings carry no raw control character: ``json`` escapes C0 itself and leaves
    DEL and C1 raw; those become ``\\u`` escapes here (still the same JSON value)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, **options)
    return CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def console(**options: Any) -> Console:
    """A rich console (same arguments as ``rich.console.Console``) that is safe for report text."""
    return _safe_console_class()(**options)


@cache
def _safe_console_class() -> type[Console]:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment

    class SafeConsole(Console):
        """A rich console whose rendered text has its control characters made visible; rich's own
        control segments (colours, cursor moves) are left alone."""

        def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
            for segment in super().render(renderable, options):
                if segment.control is None and CONTROL.search(segment.text):
                    yield Segment(visible(segment.text), segment.style)
                else:
                    yield segment

    return SafeConsole
