"""The plugin host a command works with.

The command line is where the process-wide host is chosen: ``main(argv, host=...)`` runs the
commands with a given host (the test kit's CLI runner, an application embedding kvalitet), and
otherwise they use the installed plugins. Commands ask :func:`cli_host` and pass what it gives
down explicitly; nothing below the command line looks a host up by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from kvalitet_core.plugins import PluginHost


def cli_host() -> PluginHost:
    """The host this run was given, else the installed plugins (loaded on first use)."""
    from kvalitet_core.plugins import PluginHost, get_host

    context = click.get_current_context(silent=True)
    given = context.find_root().obj if context is not None else None
    return given if isinstance(given, PluginHost) else get_host()
