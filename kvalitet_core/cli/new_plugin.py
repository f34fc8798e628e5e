"""``kvalitet new-plugin``: start a plugin package (see :mod:`kvalitet_core.scaffold`)."""

from __future__ import annotations

from pathlib import Path

import click

from kvalitet_core.terminal_text import echo


@click.command("new-plugin")
@click.argument("name")
@click.option("--directory", "-d", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Where to create the package's folder.")
def new_plugin(name: str, directory: Path) -> None:
    """Create a plugin package NAME: an importer and an exporter of an example format, tests using
    kvalitet's test kit, and a README on developing and publishing it (docs/plugins.md)."""
    from kvalitet_core.cli.host import cli_host
    from kvalitet_core.scaffold import new_plugin as scaffold

    host = cli_host()
    target = scaffold(name, directory, taken=set(host.importers) | set(host.exporters))
    echo(f"created {target}")
    echo(f"next: cd {target} && pip install -e '.[test]' && pytest")
