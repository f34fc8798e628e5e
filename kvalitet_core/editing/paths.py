"""Field paths: where in a visit's data a value sits, as a tuple of keys and list indexes.

``("sections", 3, "talked_about", "items", 0, "heading")`` is written ``sections[3].talked_about
.items[0].heading``, the form ``kvalitet validate`` and pydantic's errors use, so that a problem
found by either lands on the field a person is editing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

FieldPath = tuple[str | int, ...]

_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def format_path(path: FieldPath) -> str:
    """``sections[3].themes[0]`` for ``("sections", 3, "themes", 0)``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def parse_path(text: str) -> FieldPath:
    """The path :func:`format_path` wrote (as ``kvalitet_core.checks`` reports problems)."""
    return tuple(int(index) if index else name for index, name in _PART.findall(text))


def get(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


def set_value(data: Any, path: FieldPath, value: Any) -> None:
    get(data, path[:-1])[path[-1]] = value


def within(path: FieldPath, prefix: FieldPath) -> bool:
    """Whether ``path`` is ``prefix`` or lies inside it."""
    return path[:len(prefix)] == prefix


def differences(old: Any, new: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    """Every place two drafts differ, in field order: a changed value, or the index from which
    two lists part (an entry added, removed or moved)."""
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in new:
            if key not in old:
                yield (*path, key)
            else:
                yield from differences(old[key], new[key], (*path, key))
        return
    if isinstance(old, list) and isinstance(new, list):
        for index, (before, after) in enumerate(zip(old, new)):
            yield from differences(before, after, (*path, index))
        if len(old) != len(new):
            yield (*path, min(len(old), len(new)))
        return
    yield path


def first_difference(old: Any, new: Any) -> FieldPath | None:
    """Where two drafts first differ (None when equal): where recovered edits are best opened."""
    return next(differences(old, new), None)
