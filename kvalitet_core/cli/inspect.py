"""Commands that look at visits and at the installation: validate, show, schema, plugins, models."""

from __future__ import annotations

import click

from kvalitet_core.cli.main import warn
from kvalitet_core.errors import ExitCode, KvalitetError
from kvalitet_core.terminal_text import echo, json_text, console as safe_console


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--from", "-f", "from_", metavar="FORMAT", help="Input format; by default chosen from the file.")
@click.option("--quiet", "-q", is_flag=True, help="Print problems only.")
@click.option("--strict", is_flag=True, help="A file imported with warnings fails too, exit code 6.")
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...], from_: str | None, quiet: bool, strict: bool) -> None:
    """Check that FILES import as valid visits of a known quality model, and list the warnings
    of each import (what the importer was unsure of)."""
    from kvalitet_core.checks import check_visit
    from kvalitet_core.cli.host import cli_host
    from kvalitet_core.reading import read_visits, warning_lines

    host = cli_host()
    failed = 0
    uncertain = 0
    for location in files:
        try:
            visits = read_visits(host, location, explicit=from_)
        except KvalitetError as error:
            echo(f"kvalitet: invalid: {error}", err=True)
            failed += 1
            continue
        problems = [f"{v.id}: {p}" for v in visits for p in check_visit(v, host.quality_models)]
        for problem in problems:
            echo(f"kvalitet: invalid: {location}: {problem}", err=True)
        warnings = warning_lines(visits)
        for warning in warnings:
            echo(f"kvalitet: warning: {location}: {warning}", err=True)
        failed += bool(problems)
        uncertain += bool(warnings)
        if not problems and not quiet:
            counts = [f"{len(visits)} visit{'s' if len(visits) != 1 else ''}"]
            counts += [f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"] if warnings else []
            echo(f"{location}: ok ({', '.join(counts)})")
    if failed:
        ctx.exit(ExitCode.INVALID)
    if strict and uncertain:
        ctx.exit(ExitCode.UNCERTAIN)


@click.command()
@click.argument("file")
@click.option("--from", "-f", "from_", metavar="FORMAT", help="Input format; by default chosen from the file.")
def show(file: str, from_: str | None) -> None:
    """Render the visit(s) in FILE in the terminal, boxes in their colours."""
    from kvalitet_core.cli.host import cli_host
    from kvalitet_core.reading import read_visits
    from kvalitet_core.terminal_view import render_visit

    host = cli_host()
    console = safe_console()
    for visit in read_visits(host, file, explicit=from_):
        console.print(render_visit(visit, host.quality_model(visit.quality_model)))


@click.command()
def schema() -> None:
    """Print the JSON Schema of a serialised visit."""
    from kvalitet_core.native import json_schema

    click.echo(json_text(json_schema()))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def plugins(as_json: bool) -> None:
    """List the plugins, what each provides, and those that failed to load."""
    from dataclasses import asdict

    from kvalitet_core.formats import describe_options
    from kvalitet_core.cli.host import cli_host

    host = cli_host()
    cli = click.get_current_context().find_root().command
    if hasattr(cli, "add_plugin_commands"):
        cli.add_plugin_commands()
    if as_json:
        from kvalitet_core import PLUGIN_API_VERSION, __version__
        from kvalitet_core.model import SCHEMA_NAME, SCHEMA_VERSION

        data = {
            "kvalitet": __version__,
            "plugin_api_version": PLUGIN_API_VERSION,
            "visit_schema": {"name": SCHEMA_NAME, "version": SCHEMA_VERSION},
            "plugins": [asdict(info) for info in host.plugins.values()],
            "importers": {n: {"plugin": _owner(host, "importers", n), "extensions": list(i.extensions),
                              "media_types": list(i.media_types), "priority": i.priority,
                              "options": describe_options(i.options_model)} for n, i in host.importers.items()},
            "exporters": {n: {"plugin": _owner(host, "exporters", n), "extension": e.extension,
                              "media_type": e.media_type, "options": describe_options(e.options_model)}
                          for n, e in host.exporters.items()},
            "failures": [asdict(f) for f in host.failures],
        }
        click.echo(json_text(data))
        return
    from rich.table import Table

    table = Table("plugin", "version", "importers", "exporters", "quality models", "commands")
    for info in host.plugins.values():
        table.add_row(info.name, info.version or "", ", ".join(info.importers), ", ".join(info.exporters),
                      ", ".join(info.quality_models), ", ".join(info.commands))
    console = safe_console()
    console.print(table)
    for failure in host.failures:
        console.print(f"[red]✗[/red] {failure}")


def _owner(host: object, kind: str, name: str) -> str | None:
    for info in host.plugins.values():  # type: ignore[attr-defined]
        if name in getattr(info, kind):
            return info.name
    return None


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def models(as_json: bool) -> None:
    """List the quality models (frameworks of themes) that are installed."""
    from kvalitet_core.cli.host import cli_host

    host = cli_host()
    for failure in host.failures:
        warn(str(failure))
    if as_json:
        click.echo(json_text([m.model_dump() for m in host.quality_models.values()]))
        return
    from rich.table import Table

    console = safe_console()
    for model in host.quality_models.values():
        table = Table("id", "title", title=f"{model.name} ({model.id}, version {model.version})", title_justify="left")
        for theme in model.themes:
            table.add_row(theme.id, theme.title)
        console.print(table)
        if model.work_areas:
            console.print("Obligatoriske arbejdsområder: " + ", ".join(w.title for w in model.work_areas))
