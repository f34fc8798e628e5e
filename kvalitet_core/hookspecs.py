"""The hooks a kvalitet plugin can implement.

Every hook is a ``register_*`` hook: the plugin is handed a ``register`` callback and calls it
once per thing it contributes, so one plugin can offer several importers or exporters and the
core decides what to do with them (no first-result races between plugins).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from kvalitet_core.formats import Exporter, Importer
    from kvalitet_core.quality_model import QualityModel

PROJECT_NAME = "kvalitet"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register importers: call ``register(importer)`` for each one this plugin provides."""


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register exporters: call ``register(exporter)`` for each output format this plugin writes."""


@hookspec
def register_quality_models(register: Callable[[QualityModel], None]) -> None:
    """Register quality models (frameworks of themes): call ``register(model)`` for each."""


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``kvalitet`` command line: ``@cli.command()`` on your functions."""
