"""The library commands: library, search, diff, stats and timeline.

Each is a thin shell over the core services (:mod:`kvalitet_core.library`,
:mod:`kvalitet_core.compare`, :mod:`kvalitet_core.analytics`), so that pipelines and the TUI get
the same answers; imports happen inside the commands to keep ``kvalitet --help`` fast.
"""

from __future__ import annotations

import functools
import io
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kvalitet_core.cli.main import warn
from kvalitet_core.errors import ExitCode, NotFoundError, UsageError
from kvalitet_core.terminal_text import echo, json_text, visible, console as safe_console

if TYPE_CHECKING:
    from rich.console import RenderableType

    from kvalitet_core.compare.engine import Comparison
    from kvalitet_core.library.index import Library
    from kvalitet_core.model import Visit


def _library_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that opens a library shares, and recovery from a damaged index."""
    command = _recovering(command)
    command = click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                           help="Where the index lives (default: $KVALITET_CACHE_DIR, else "
                                "$XDG_CACHE_HOME/kvalitet, else ~/.cache/kvalitet).")(command)
    command = click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                           help="Worker processes for importing changed files (default: all cores).")(command)
    return click.argument("library", type=click.Path(exists=True, file_okay=False))(command)


def _recovering(command: Callable[..., Any]) -> Callable[..., Any]:
    """Run a library command; should its index turn out damaged mid-way (SQLite finds a damaged
    page only when it reads it), rebuild the index from the folder, say so, and run it again."""
    @functools.wraps(command)
    def run(*args: Any, **options: Any) -> Any:
        import sqlite3

        from kvalitet_core.cli.host import cli_host
        from kvalitet_core.library.index import Library, is_damage
        from kvalitet_core.processes import available_cores

        try:
            return command(*args, **options)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            Library.rebuild(options["library"], error, cache_dir=options["cache_dir"],
                            jobs=options["jobs"] or available_cores(), host=cli_host()).close()
            _say_rebuilt(options["library"], options["cache_dir"], str(error))
            return command(*args, **options)

    return run


def _say_rebuilt(library: str, cache_dir: Path | None, reason: str) -> None:
    from kvalitet_core.library.locations import index_path

    warn(f"{index_path(Path(library), cache_dir)}: the library index was damaged ({reason}); rebuilt from the folder")


def _open(library: str, cache_dir: Path | None, jobs: int | None) -> Library:
    from kvalitet_core.cli.host import cli_host
    from kvalitet_core.library.index import Library
    from kvalitet_core.processes import available_cores

    opened = Library.open(library, cache_dir=cache_dir, jobs=jobs or available_cores(), host=cli_host())
    if opened.rebuilt:
        _say_rebuilt(library, cache_dir, opened.rebuilt)
    return opened


def _json(data: Any) -> None:
    click.echo(json_text(data, default=_json_default))


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _public(entry: dict[str, Any]) -> dict[str, Any]:
    """An index entry without its internal row key."""
    return {name: value for name, value in entry.items() if name != "key"}


@click.command(name="library")
@_library_options
@click.option("--errors", "errors_only", is_flag=True, help="List only the files that failed to import.")
@click.option("--list", "list_visits", is_flag=True, help="List every visit.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def library_command(ctx: click.Context, library: str, cache_dir: Path | None, jobs: int | None,
                    errors_only: bool, list_visits: bool, as_json: bool) -> None:
    """Index the visit files under LIBRARY (only new or changed files are imported) and report.

    Files that failed to import are listed with their errors; the exit code is then 1. Files
    that hold no visit at all (JSON or YAML of something else) are skipped with a note. A visit
    found in several files (a PDF and its YAML) is listed from each; search, stats and timeline
    use one copy: the one edited and saved beside the file it was imported from, else one in a
    native format (YAML, JSON), else the one in the most recently changed file.
    """
    from kvalitet_core.library.index import describe

    with _open(library, cache_dir, jobs) as opened:
        report = opened.last_refresh
        assert report is not None
        entries, failures, files = opened.entries(duplicates=True), opened.failures(), opened.file_count()
        skipped = opened.skipped()
        distinct = len({entry.visit_id for entry in entries})
        if as_json:
            _json({"root": str(opened.root), "index": str(opened.db_path), "files": files,
                   "refresh": {"imported": report.imported, "removed": report.removed,
                               "unchanged": report.unchanged, "failed": report.failed},
                   "visits": [] if errors_only else [_public(asdict(entry)) for entry in entries],
                   "failures": [asdict(failure) for failure in failures],
                   "skipped": [asdict(note) for note in skipped]})
        else:
            for note in skipped:
                echo(f"kvalitet: note: {note.path}: skipped, {note.error}", err=True)
            for failure in failures:
                echo(f"{failure.path}: {failure.error}")
            if not errors_only:
                if list_visits:
                    for entry in entries:
                        day = entry.visit_date.isoformat() if entry.visit_date else "—"
                        echo(f"{day}  {entry.visit_id}  {entry.assessment or '—'}  {entry.path}")
                echo(f"{opened.root}: {files} files, {len(entries)} visits ({distinct} distinct), "
                           f"{len(failures)} failed ({describe(report)})", err=True)
    if failures:
        ctx.exit(ExitCode.FAILED_INPUTS)


@click.command()
@_library_options
@click.argument("query")
@click.option("--theme", metavar="ID", help="Only passages of this theme (e.g. 3a).")
@click.option("--box", metavar="PART", help="Only this box or part: talked_about, points_to, suggestions, "
                                             "overall_impression, core_task, conclusion, contributes_to.")
@click.option("--offer", metavar="NAME", help="Only visits of this offer (matched ignoring case and punctuation).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only visits on or after this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only visits on or before this date.")
@click.option("--assessment", metavar="TEXT", help="Only visits with this assessment (ignoring case).")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True,
              help="At most this many hits.")
@click.option("--json", "as_json", is_flag=True, help="Hits as a JSON array (snippet plus highlight offsets).")
def search(library: str, cache_dir: Path | None, jobs: int | None, query: str, theme: str | None, box: str | None,
           offer: str | None, since: datetime | None, until: datetime | None, assessment: str | None, limit: int,
           as_json: bool) -> None:
    """Full-text search of the visits in LIBRARY.

    \b
    Words match any case; æ, ø and å are letters of their own.
      kerne*            prefix: kerneopgave, kerneopgaven, kerneopgaver …
      "fælles faglig"   phrase
      mad AND struktur  also OR, NOT and parentheses
    """
    from kvalitet_core.library.search import SearchFilters, search as run

    filters = SearchFilters(theme=theme, part=box, offer=offer, since=since.date() if since else None,
                            until=until.date() if until else None, assessment=assessment)
    with _open(library, cache_dir, jobs) as opened:
        hits = run(opened, query, filters, limit)
    if as_json:
        _json([hit.model_dump(mode="json") for hit in hits])
        return
    from rich.text import Text

    from kvalitet_core.labels import field_label

    console = safe_console(highlight=False)
    for hit in hits:
        where = " · ".join([*(f"Tema {t}" for t in hit.themes), field_label(hit.part)])
        console.print(Text.assemble((hit.title, "bold"), "  ", (where, "cyan"), "  ", (hit.path, "dim")))
        snippet = Text(hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize("bold yellow", start, end)
        snippet.pad_left(4)
        console.print(snippet)
    if not hits:
        echo("no hits", err=True)


def _one_visit(location: str) -> Visit:
    from kvalitet_core.cli.host import cli_host
    from kvalitet_core.reading import read_visits

    visits = read_visits(cli_host(), location)
    if len(visits) != 1:
        raise UsageError(f"{location}: holds {len(visits)} visits; diff compares files of one visit each")
    return visits[0]


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("--to", "-t", "to", type=click.Choice(["text", "json", "markdown", "md", "html"]), default="text",
              show_default=True, help="Output format; text is coloured on a terminal.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.pass_context
def diff(ctx: click.Context, old: str, new: str, to: str, output: Path | None) -> None:
    """Compare two visits (OLD and NEW, files in any importable format): what changed, theme by theme.

    The exit code is 0 when the visits are the same, 7 when they differ (like diff(1)'s 1).
    """
    from kvalitet_core.compare import compare_visits
    from kvalitet_core.formats import canonical_format

    comparison = compare_visits(_one_visit(old), _one_visit(new))
    _show_comparison(comparison, canonical_format(to), output)
    if comparison.changed:
        ctx.exit(ExitCode.DIFFERENT)


def _show_comparison(comparison: Comparison, to: str, output: Path | None) -> None:
    if to == "text":
        from kvalitet_core.compare.render import render_rich

        if output is None:
            safe_console(highlight=False).print(render_rich(comparison))
            return
        text = _plain(render_rich(comparison))
    elif to == "json":
        text = json_text(comparison.model_dump(mode="json")) + "\n"
    elif to == "markdown":
        from kvalitet_core.compare.render import render_markdown

        text = render_markdown(comparison)
    else:
        from kvalitet_core.compare.render import render_html

        text = render_html(comparison)
    _emit(text, output)


def _plain(renderable: RenderableType) -> str:
    """A rich renderable as plain text, for writing to a file."""
    buffer = io.StringIO()
    safe_console(file=buffer, highlight=False, width=100).print(renderable)
    return buffer.getvalue()


def _emit(text: str, output: Path | None) -> None:
    """Text to stdout (control characters made visible on a terminal), or written atomically to ``output``."""
    if output is None:
        sys.stdout.write(visible(text) if sys.stdout.isatty() else text)
        return
    from kvalitet_core.writing import atomic_write_bytes

    atomic_write_bytes(output, text.encode("utf-8"))


def _theme_order(visits: list[Visit]) -> list[str]:
    """The theme ids of the visits' quality models, in model order."""
    from kvalitet_core.cli.host import cli_host

    host = cli_host()
    order: list[str] = []
    for model_id in dict.fromkeys(v.quality_model for v in visits):
        model = host.quality_model(model_id)
        order += [t for t in (model.theme_ids if model else []) if t not in order]
    return order


@click.command()
@_library_options
@click.option("--to", "-t", "to", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="table: rich tables; csv: the theme × visit matrix, one row per visit and theme; json: everything.")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="How many topic headings.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
def stats(library: str, cache_dir: Path | None, jobs: int | None, to: str, top: int, output: Path | None) -> None:
    """Figures over LIBRARY: focus areas per theme and visit, assessments over time, frequent topics."""
    from kvalitet_core.analytics import library_stats, matrix_csv

    with _open(library, cache_dir, jobs) as opened:
        visits = opened.visits()
    result = library_stats(visits, _theme_order(visits), top)
    if to == "json":
        _emit(result.model_dump_json(indent=2) + "\n", output)
        return
    if to == "csv":
        _emit(matrix_csv(result), output)
        return
    from kvalitet_core.cli.stats_view import render_stats

    if output is None:
        safe_console(highlight=False).print(render_stats(result))
    else:
        _emit(_plain(render_stats(result)), output)


@click.command()
@_library_options
@click.argument("offer")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def timeline(library: str, cache_dir: Path | None, jobs: int | None, offer: str, as_json: bool) -> None:
    """The visits of OFFER in LIBRARY in date order, each with what changed since the one before.

    OFFER is matched ignoring case and punctuation ("nabo" finds N.A.B.O.), by offer or by offer and unit.
    """
    from kvalitet_core.compare.timeline import timelines

    with _open(library, cache_dir, jobs) as opened:
        visits = opened.visits(offer)
        if not visits:
            raise NotFoundError(f"no visits of '{offer}' in {library}{_suggest(opened, offer)}")
    found = timelines(visits)
    if as_json:
        _json([t.model_dump(mode="json") for t in found])
        return
    from rich.padding import Padding
    from rich.text import Text

    console = safe_console(highlight=False)
    for line in found:
        console.print(Text(line.offer, style="bold underline"))
        for entry in line.entries:
            day = entry.visit.visit_date.isoformat() if entry.visit.visit_date else "—"
            console.print(Text.assemble((day, "bold"), "  ", entry.visit.id, "  ",
                                        (entry.visit.assessment or "no assessment", "cyan"),
                                        f"  {entry.focus_areas} focus areas"))
            if entry.changes:
                console.print(Padding(Text(entry.changes, style="dim"), (0, 0, 0, 4)))
        console.print()


def _suggest(opened: Library, offer: str) -> str:
    """'; did you mean …' with the closest offer names, or nothing."""
    import difflib

    names = {entry.offer.lower(): entry.offer for entry in opened.entries()}
    close = difflib.get_close_matches(offer.lower(), sorted(names), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(repr(names[c]) for c in close)}?" if close else ""
