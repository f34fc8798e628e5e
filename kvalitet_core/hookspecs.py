"""The hooks a kvalitet plugin can implement.

Every hook is a ``register_*`` hook: the plugin is handed a ``register`` callback and calls it
once per thing it contributes, so one plugin can offer several importers or exporters and the
core decides what to do with them (no first-result races between plugins).

A hook implementation names only the arguments it uses (pluggy passes just those), so
``def register_exporters(register)`` and ``def register_exporters(register, host)`` are both
valid. ``host`` is the :class:`~kvalitet_core.plugins.PluginHost` the plugin is being loaded
into: an importer or exporter that needs the quality models (theme titles, the model a report
follows) keeps the host it was registered with and asks it, rather than a process-wide
registry, so that two hosts in one process never see each other's plugins.

``docs/plugins.md`` shows each hook at work; a test fails when a hook here has no docstring or
is missing from that page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from kvalitet_core.formats import Exporter, Importer
    from kvalitet_core.plugins import PluginHost
    from kvalitet_core.quality_model import QualityModel

PROJECT_NAME = "kvalitet"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_importers(register: Callable[[Importer], None], host: PluginHost) -> None:
    """Register importers: call ``register(importer)`` for each input format this plugin reads.

    Called once, when the plugin is loaded into ``host``. ``register`` refuses an object that is
    not an :class:`~kvalitet_core.Importer` and a name another plugin already registered; the
    error makes the whole plugin fail to load (and is reported by ``kvalitet plugins``), never
    half of it. Example::

        @hookimpl
        def register_importers(register, host):
            register(MyImporter(host))
    """


@hookspec
def register_exporters(register: Callable[[Exporter], None], host: PluginHost) -> None:
    """Register exporters: call ``register(exporter)`` for each output format this plugin writes.

    Called once, when the plugin is loaded into ``host``; the same rules as
    :func:`register_importers`. The exporter's ``name`` is what ``kvalitet convert --to`` takes.
    Example::

        @hookimpl
        def register_exporters(register):
            register(MyExporter())
    """


@hookspec
def register_quality_models(register: Callable[[QualityModel], None]) -> None:
    """Register quality models (frameworks of themes): call ``register(model)`` for each.

    A quality model is data — its themes, their ids, titles and purposes, and the assessment
    values — so a plugin usually loads it from a YAML file with
    :func:`~kvalitet_core.load_quality_model` and registers it. Its ``id`` must be new.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``kvalitet`` command line: ``@cli.command()`` on your functions.

    Called the first time the command line needs plugin commands (never for ``kvalitet
    --help``, so a slow or broken plugin cannot slow down or break the built-in commands). A
    command that fails to register is removed again and reported as a plugin failure. Raise
    :class:`~kvalitet_core.KvalitetError` subclasses for one-line errors with an exit code.
    """
