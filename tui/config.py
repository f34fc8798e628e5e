"""Settings and state of the TUI: the user's config file and the last library opened.

Both live where the XDG base-directory spec puts them, so that tests (and users) can point
``XDG_CONFIG_HOME``/``XDG_STATE_HOME`` elsewhere and nothing is ever read from a fixed home path.

The config file, ``$XDG_CONFIG_HOME/kvalitet/tui.toml``, is TOML::

    theme = "textual-light"          # any Textual theme; "textual-dark" is the default
    refresh_seconds = 2              # how often the library folder is checked; 0 turns it off

    [keymap]                         # binding id = comma-separated keys (ids are listed by `?`)
    "library.filter" = "slash,ctrl+f"
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kvalitet_core.errors import UsageError

BUNDLED_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
"""The repository's fixture reports, present when kvalitet runs from a source checkout."""


@dataclass
class Settings:
    """What the user may configure; the defaults are what a test wants too, except for ``cursor_blink``."""

    theme: str = "textual-dark"
    keymap: dict[str, str] = field(default_factory=dict)
    refresh_seconds: float = 2.0
    """Interval of the background check of the library folder; 0 checks only at start and on `r`."""
    cursor_blink: bool = True
    problem: str | None = None
    """Why the config file was (partly) ignored; shown as a notification, never a crash."""


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable)
    return Path(value).expanduser() if value else Path.home() / fallback


def config_path() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / "kvalitet" / "tui.toml"


def state_path() -> Path:
    return _xdg("XDG_STATE_HOME", ".local/state") / "kvalitet" / "tui.json"


def load_settings(path: Path | None = None) -> Settings:
    """The settings of the config file; a missing file gives the defaults, a broken one the
    defaults plus the reason (the app reports it and starts anyway)."""
    path = path or config_path()
    settings = Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return settings
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        settings.problem = f"{path}: {error}"
        return settings
    problems: list[str] = []
    if isinstance(data.get("theme"), str):
        settings.theme = data["theme"]
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict) and all(isinstance(v, str) for v in keymap.values()):
        settings.keymap = dict(keymap)
    else:
        problems.append("[keymap] must map binding ids to key strings")
    refresh = data.get("refresh_seconds", settings.refresh_seconds)
    if isinstance(refresh, int | float) and refresh >= 0:
        settings.refresh_seconds = float(refresh)
    else:
        problems.append("refresh_seconds must be a number >= 0")
    unknown = set(data) - {"theme", "keymap", "refresh_seconds"}
    if unknown:
        problems.append(f"unknown settings: {', '.join(sorted(unknown))}")
    if problems:
        settings.problem = f"{path}: " + "; ".join(problems)
    return settings


def remember_library(root: Path) -> None:
    """Record the library opened, for the next start without an argument (best effort)."""
    path = state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"last_library": str(root.resolve())}), encoding="utf-8")
    except OSError:
        pass  # a read-only home must not stop the app; the next start just asks for a folder


def choose_library(given: Path | None) -> Path:
    """The library to open: the one given, else the last one opened, else the bundled fixtures."""
    if given is not None:
        return given
    try:
        last = Path(json.loads(state_path().read_text(encoding="utf-8"))["last_library"])
    except (OSError, ValueError, KeyError, TypeError):
        last = None
    if last is not None and last.is_dir():
        return last
    if BUNDLED_FIXTURES.is_dir():
        return BUNDLED_FIXTURES
    raise UsageError("no library given and none opened before: kvalitet tui FOLDER")
