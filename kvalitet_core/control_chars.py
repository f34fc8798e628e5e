"""Control characters: kept out of visits, and made harmless wherever text reaches a terminal.

Report text and file names are data from outside. A NUL or a stray control code from a broken
dump means nothing in a report and breaks the files written from it; an escape sequence printed
to a terminal can retitle the window, clear the screen, hide text or plant a link. Both are
handled here, once: :func:`clean_visit` strips C0 and C1 controls (except newline and tab) from
every text of an imported visit, and :func:`visible` turns them into printable stand-ins for
anything printed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # the terminal side of this module is loaded by every command: keep it light
    from pydantic import BaseModel

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but newline and tab, DEL, and the C1 controls (their 8-bit CSI and OSC included)."""

Model = TypeVar("Model", bound="BaseModel")


def strip_controls(text: str) -> str:
    """``text`` without control characters (newline and tab kept)."""
    return CONTROL.sub("", text)


def visible(text: str) -> str:
    """``text`` safe for a terminal: each control character shown as a printable escape
    (``\\x1b`` for ESC), so that it is seen, not obeyed. Newline and tab are kept."""
    return CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


SOFT_HYPHEN = "\u00ad"
"""Where a word may break: printed only at a line end, where the readers join the word again
(:func:`kvalitet_core.recognise.line_paragraphs.join_lines`); inside a stored text it means nothing."""


def clean_visit(visit: Model) -> Model:
    """The visit, or a copy of it without control characters or soft hyphens in any of its texts."""
    data = visit.model_dump(by_alias=True)
    cleaned, changed = _clean(data)
    return type(visit).model_validate(cleaned) if changed else visit


def _clean(value: Any) -> tuple[Any, bool]:
    if isinstance(value, str):
        stripped = CONTROL.sub("", value).replace(SOFT_HYPHEN, "")
        return stripped, stripped != value
    if isinstance(value, dict):
        pairs = [(_clean(key), _clean(item)) for key, item in value.items()]
        return {key: item for (key, _), (item, _) in pairs}, any(a or b for (_, a), (_, b) in pairs)
    if isinstance(value, list):
        items = [_clean(item) for item in value]
        return [item for item, _ in items], any(changed for _, changed in items)
    return value, False
