"""Where a library's index lives: one SQLite file per library root in the user's cache folder.

The index is a cache — deleting it costs one rebuild, never data — so it belongs under the XDG
cache folder, not beside the user's reports (which may be read-only or shared).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

CACHE_ENV = "KVALITET_CACHE_DIR"


def default_cache_dir() -> Path:
    """``$KVALITET_CACHE_DIR``, else ``$XDG_CACHE_HOME/kvalitet``, else ``~/.cache/kvalitet``."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "kvalitet"


def index_path(root: Path, cache_dir: Path | None = None) -> Path:
    """The index file of the library at ``root``, keyed by its resolved path.

    Two spellings of one folder (relative, through a symlink) share an index; two folders never do.
    """
    resolved = str(root.resolve())
    key = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:20]
    name = "".join(c if c.isalnum() else "-" for c in Path(resolved).name)[:40] or "root"
    return (cache_dir or default_cache_dir()) / f"library-{name}-{key}.sqlite3"
