"""The recovery journal: unsaved edits kept on disk, so a crash or a killed terminal loses at most
the last seconds of typing.

The front end writes the draft every second or two while it has unsaved changes; a save or a
discard removes it. The journal lives in ``$XDG_STATE_HOME/kvalitet/recovery/`` (else
``~/.local/state/…``), never in the library folder (which may be read-only, or shared), one file
per visit file, named by the file's name and a hash of its full path. Opening the visit again
finds it and offers the edits back.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kvalitet_core.writing import atomic_write_bytes

FORMAT = "kvalitet/recovery"


def recovery_folder() -> Path:
    state = os.environ.get("XDG_STATE_HOME")
    base = Path(state).expanduser() if state else Path.home() / ".local" / "state"
    return base / "kvalitet" / "recovery"


def journal_path(target: Path, visit_id: str) -> Path:
    """The journal of one visit of one file (a file may hold several visits)."""
    key = hashlib.sha256(f"{target.resolve()}\0{visit_id}".encode()).hexdigest()[:16]
    return recovery_folder() / f"{target.name}.{key}.json"


@dataclass(frozen=True, slots=True)
class Recovery:
    """Edits found in a journal: the draft, and whether the file changed after they were made."""

    path: Path
    data: dict[str, Any]
    base_sha256: str | None
    """The hash of the file the edits were made on (None: it did not exist yet)."""


def write_journal(path: Path, data: dict[str, Any], base_sha256: str | None) -> None:
    """Write the draft atomically (a journal is whole or absent, never half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": FORMAT, "base_sha256": base_sha256, "data": data}
    atomic_write_bytes(path, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def read_journal(path: Path) -> Recovery | None:
    """The journal's edits, or None when there is none (or it is unreadable: it is only a safety
    copy, and a damaged one must not stop the visit from opening)."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT or not isinstance(payload.get("data"), dict):
        return None
    return Recovery(path, payload["data"], payload.get("base_sha256"))


def remove_journal(path: Path) -> None:
    path.unlink(missing_ok=True)
