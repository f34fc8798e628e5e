"""The ``kvalitet tui`` command, registered through the plugin system like any plugin's command.

Every plugin module is imported whenever the plugin host loads (a library refresh loads them all
to learn the importers' extensions), so this module imports nothing heavy: Textual and the app
load only when the command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from kvalitet_core.hookspecs import hookimpl


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``kvalitet tui``."""
    cli.add_command(tui)


@click.command()
@click.argument("library", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--compare", nargs=2, metavar="A B",
              help="Open two visits side by side: visit ids of the library or visit files.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the library index lives (default: $KVALITET_CACHE_DIR, else the XDG cache folder).")
def tui(library: Path | None, compare: tuple[str, str] | None, cache_dir: Path | None) -> None:
    """Browse, read, search and compare the visits in LIBRARY in a terminal UI.

    Without LIBRARY the last library opened is used, else the bundled fixtures. Keys are listed
    in the footer and by `?`; they can be remapped in $XDG_CONFIG_HOME/kvalitet/tui.toml.
    """
    from kvalitet_tui.app import KvalitetApp
    from kvalitet_tui.config import choose_library, load_settings, remember_library

    root = choose_library(library)
    settings = load_settings()
    remember_library(root)
    KvalitetApp(root, cache_dir=cache_dir, settings=settings, compare=compare).run()
