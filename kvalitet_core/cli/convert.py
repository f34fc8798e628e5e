"""``kvalitet convert``: many inputs to one format (or several), for people and pipelines."""

from __future__ import annotations

import gc
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kvalitet_core.cli.main import debug_enabled, warn
from kvalitet_core.errors import ExitCode, KvalitetError, OutputError, UncertainImportError, UsageError
from kvalitet_core.terminal_text import echo, console as safe_console

if TYPE_CHECKING:
    from kvalitet_core.formats import Exporter, Options
    from kvalitet_core.plugins import PluginHost


def split_format_options(words: tuple[str, ...], *models: type[Options]) -> tuple[list[str], dict[str, Any]]:
    """Separate input paths from the output formats' own options among the leftover words.

    Exporter options become command-line flags without the core knowing them: ``--name value``,
    ``--name=value``, or ``--name`` alone for a yes/no option. The exporters' options models say
    which names exist and which are yes/no, so ``--table visits a.yaml`` is read unambiguously.
    """
    fields = {name: field for model in models for name, field in model.model_fields.items()}
    inputs: list[str] = []
    values: dict[str, Any] = {}
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if not word.startswith("--") or word == "--":
            inputs.append(word)
            continue
        name, has_value, value = word[2:].partition("=")
        key = name.replace("-", "_")
        if key not in fields:
            known = ", ".join(f"--{n.replace('_', '-')}" for n in fields) or "none"
            whose = "this output format" if len(models) == 1 else "these output formats"
            raise UsageError(f"unknown option --{name} for {whose} (options: {known})")
        if has_value:
            values[key] = value
        elif fields[key].annotation is bool:
            values[key] = True
        elif index < len(words):
            values[key] = words[index]
            index += 1
        else:
            raise UsageError(f"option --{name} needs a value")
    return inputs, values


class ConvertCommand(click.Command):
    """``convert``, whose help also lists each output format's own options (they are plain flags,
    known only once the plugins are loaded, so click cannot list them itself)."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from kvalitet_core.formats import describe_options
        from kvalitet_core.cli.host import cli_host

        rows = []
        for name, exporter in sorted(cli_host().exporters.items()):
            options = describe_options(exporter.options_model)
            rows.append((name, f"({exporter.extension})" + ("" if options else " no options of its own")))
            rows += [(f"  --{option.replace('_', '-')}", text) for option, text in options.items()]
        with formatter.section("Output formats and their options"):
            formatter.write_dl(rows)
        super().format_epilog(ctx, formatter)


@click.command(cls=ConvertCommand, context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("words", nargs=-1, required=True, metavar="INPUT...")
@click.option("--to", "-t", "to", metavar="FORMAT[,FORMAT…]",
              help="Output format (see below; md and yml work too); several, comma-separated, write each visit "
                   "in each of them to an output folder, importing every input once. Default: the format whose "
                   "extension -o's file has.")
@click.option("--from", "-f", "from_", metavar="FORMAT", help="Input format; by default chosen from content and extension.")
@click.option("-o", "--output", metavar="PATH",
              help="Output file, or a folder (existing, or ending in '/') for one file per visit. Default: stdout.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first input that fails.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal).")
@click.option("-I", "--import-option", "import_options", multiple=True, metavar="KEY=VALUE",
              help="An option for the importer.")
@click.option("-v", "--verbose", is_flag=True, help="List each warning of an import, not just their number.")
@click.option("--strict", is_flag=True,
              help="An input imported with warnings (the importer had to guess) fails, exit code 6.")
@click.pass_context
def convert(ctx: click.Context, words: tuple[str, ...], to: str | None, from_: str | None, output: str | None,
            jobs: int | None, fail_fast: bool, progress: bool | None, import_options: tuple[str, ...],
            verbose: bool, strict: bool) -> None:
    """Convert each INPUT (a file, or - for stdin) to another format.

    Options of the output format are passed as flags, e.g. `--table visits` for CSV.
    """
    from kvalitet_core.processes import available_cores

    words += tuple(ctx.args)
    jobs = jobs or available_cores()
    gc.disable()  # loading set off 75 collector passes (12–13 ms) for no memory worth freeing
    try:
        from kvalitet_core.conversion import ConversionRequest, convert as run, resolve_exporter
        from kvalitet_core.formats import canonical_format
        from kvalitet_core.cli.host import cli_host

        host = cli_host()
    finally:
        gc.enable()
    for failure in host.failures:
        warn(str(failure))
    target = Path(output) if output else None
    is_folder = bool(output) and (output.endswith(("/", "\\")) or Path(output).is_dir())
    file_target = None if is_folder else target
    formats = _output_formats(host, to, file_target)
    exporters = [resolve_exporter(host, name, {})[0] for name in formats]
    if file_target is not None and to is not None:
        _warn_on_other_extension(host, file_target, exporters[0])
    from_ = canonical_format(from_) if from_ is not None else None
    if from_ is not None and from_ not in host.importers:
        raise UsageError(f"unknown input format '{from_}' (known: {', '.join(sorted(host.importers))})")
    inputs, exporter_options = split_format_options(words, *(exporter.options_model for exporter in exporters))
    if not inputs:
        raise UsageError("no input given (use - for standard input)")
    importer_options = {}
    for pair in import_options:
        key, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(f"-I expects KEY=VALUE, got '{pair}'")
        importer_options[key.replace("-", "_")] = value
    if is_folder and target is not None and not target.exists():
        try:
            target.mkdir(parents=True)
        except OSError as error:
            raise OutputError(f"cannot create the folder: {error.strerror or type(error).__name__}", target) from None
    if target is not None:
        _clean_up_if_killed(target if is_folder else target.parent)
    request = ConversionRequest(
        inputs=inputs, to=formats, output=target, output_is_folder=is_folder, from_=from_,
        importer_options=importer_options, exporter_options=exporter_options,
        jobs=jobs, fail_fast=fail_fast, strict=strict,
    )
    show_progress = progress if progress is not None else (sys.stderr.isatty() and len(inputs) > 1)
    result = _run_reporting(run, request, host, show_progress, verbose)
    if result.failures:
        echo(f"kvalitet: {len(result.failures)} of {len(inputs)} inputs failed", err=True)
        uncertain_only = all(isinstance(failure, UncertainImportError) for failure in result.failures)
        ctx.exit(ExitCode.UNCERTAIN if uncertain_only else ExitCode.FAILED_INPUTS)


def _formats_of_extension(host: PluginHost, suffix: str) -> list[str]:
    """The output formats whose files have this extension (``.yml`` counts as YAML's)."""
    from kvalitet_core.formats import canonical_format

    suffix = suffix.lower()
    alias = canonical_format(suffix.lstrip("."))
    return sorted(name for name, exporter in host.exporters.items() if exporter.extension == suffix or name == alias)


def _output_formats(host: PluginHost, to: str | None, target: Path | None) -> list[str]:
    """The formats ``--to`` names (aliases resolved), else the one ``-o``'s extension names."""
    from kvalitet_core.formats import canonical_format

    if to is not None:
        return [canonical_format(name) for name in to.split(",") if name.strip()]
    if target is None:
        raise UsageError("name the output format with --to (needed for standard output and for a folder)")
    found = _formats_of_extension(host, target.suffix)
    if len(found) != 1:
        what = f"'{target.suffix}' names no output format" if not found else f"'{target.suffix}' fits {', '.join(found)}"
        raise UsageError(f"{target}: {what}; name the output format with --to")
    return found


def _warn_on_other_extension(host: PluginHost, target: Path, exporter: Exporter) -> None:
    """``-o report.md --to html`` is most likely a slip: say so (the file is still written)."""
    others = [name for name in _formats_of_extension(host, target.suffix) if name != exporter.name]
    if others and exporter.name not in _formats_of_extension(host, target.suffix):
        warn(f"{target}: '{target.suffix}' is the extension of {others[0]}, but --to {exporter.name} "
             f"writes {exporter.extension} files")


def _clean_up_if_killed(folder: Path) -> None:
    """Have a watchdog remove this run's staged files from ``folder`` should the run be killed
    before it can (SIGKILL); every other way of stopping removes them itself."""
    from functools import partial

    from kvalitet_core.processes import start_watchdog
    from kvalitet_core.writing import RUN_TAG, remove_staged

    start_watchdog(partial(remove_staged, folder, RUN_TAG))


def _report(failure: KvalitetError, echo: Any) -> None:
    if debug_enabled():
        traceback.print_exception(failure)
    echo(f"kvalitet: error: {failure}")


def _report_warnings(location: str, warnings: Sequence[str], verbose: bool, echo: Any) -> None:
    """One line per input whose import had to guess; with ``verbose``, one line per guess."""
    if not warnings:
        return
    if verbose:
        for warning in warnings:
            echo(f"kvalitet: warning: {location}: {warning}")
    else:
        count = f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
        echo(f"kvalitet: warning: {location}: {count} (--verbose lists them)")


def _run_reporting(run: Any, request: Any, host: Any, show: bool, verbose: bool) -> Any:
    """Run the conversion, reporting each failed input the moment it fails and each import with
    warnings (stderr), with a progress bar when asked. The bar refreshes on progress only: no
    background thread runs while worker processes are forked, and nothing but error and warning
    lines reaches a pipe."""
    if not show:
        def report(location: str, error: KvalitetError | None, warnings: Sequence[str]) -> None:
            if error is not None:
                _report(error, lambda line: echo(line, err=True))
            _report_warnings(location, warnings, verbose, lambda line: echo(line, err=True))

        return run(request, host, on_progress=report)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = safe_console(stderr=True)
    columns = (TextColumn("converting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True, auto_refresh=False) as bar:
        task = bar.add_task("convert", total=len(request.inputs))

        def advance(location: str, error: KvalitetError | None, warnings: Sequence[str]) -> None:
            if error is not None:
                _report(error, lambda line: console.print(line, markup=False, highlight=False))
            _report_warnings(location, warnings, verbose, lambda line: console.print(line, markup=False, highlight=False))
            bar.advance(task)
            bar.refresh()

        return run(request, host, on_progress=advance)
