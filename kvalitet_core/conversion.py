"""Converting many inputs at once: import in worker processes, export, write atomically.

A bad input is reported and skipped while the rest go on (unless ``fail_fast``). With an output
folder each visit becomes its own file, rendered inside the worker so that exporting runs on all
cores; with one output stream (stdout or a file) the workers import and the exporter writes all
visits together.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from kvalitet_core.errors import KvalitetError, UsageError
from kvalitet_core.formats import Exporter, Options
from kvalitet_core.model import Visit
from kvalitet_core.plugins import PluginHost, get_host
from kvalitet_core.reading import build_options, read_visits
from kvalitet_core.writing import atomic_write, atomic_write_bytes, unique_names


@dataclass(frozen=True, slots=True)
class ConversionRequest:
    """What to convert, from and to what, and where to."""

    inputs: Sequence[str]
    to: str
    output: Path | None = None
    """None writes to stdout; a folder (existing, or named with a trailing '/') gets one file per visit."""
    output_is_folder: bool = False
    from_: str | None = None
    importer_options: Mapping[str, Any] = field(default_factory=dict)
    exporter_options: Mapping[str, Any] = field(default_factory=dict)
    jobs: int = 1
    fail_fast: bool = False


@dataclass(slots=True)
class ConversionResult:
    written: list[Path] = field(default_factory=list)
    failures: list[KvalitetError] = field(default_factory=list)
    visits: int = 0


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What a worker hands back for one input: rendered files, visits, or the error."""

    location: str
    rendered: list[tuple[str, bytes]] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    error: KvalitetError | None = None


def resolve_exporter(host: PluginHost, name: str, values: Mapping[str, Any]) -> tuple[Exporter, Options]:
    try:
        exporter = host.exporters[name]
    except KeyError:
        known = ", ".join(sorted(host.exporters)) or "none"
        raise UsageError(f"unknown output format '{name}' (known: {known})") from None
    return exporter, build_options(exporter.options_model, values, f"exporter '{name}'")


def render(exporter: Exporter, visits: Sequence[Visit], options: Options) -> bytes:
    buffer = io.BytesIO()
    exporter.write(visits, buffer, options)
    return buffer.getvalue()


def _convert_one(location: str, request: ConversionRequest) -> _Outcome:
    """Worker body: import one input and, for folder output, render each visit."""
    host = get_host()
    try:
        visits = read_visits(host, location, explicit=request.from_, options=request.importer_options)
        if not request.output_is_folder:
            return _Outcome(location, visits=visits)
        exporter, options = resolve_exporter(host, request.to, request.exporter_options)
        return _Outcome(location, rendered=[(v.id, render(exporter, [v], options)) for v in visits],
                        visits=visits if exporter.index_filename else [])
    except KvalitetError as error:
        return _Outcome(location, error=error)


def _outcomes(request: ConversionRequest) -> Iterator[_Outcome]:
    jobs = max(1, min(request.jobs, len(request.inputs)))
    if jobs == 1 or "-" in request.inputs:
        for location in request.inputs:
            yield _convert_one(location, request)
        return
    get_host()  # load plugins once, before forking, so workers inherit them
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
        chunk = max(1, min(8, len(request.inputs) // (jobs * 4)))
        yield from pool.map(_convert_one, request.inputs, [request] * len(request.inputs), chunksize=chunk)


def convert(request: ConversionRequest, host: PluginHost,
            on_progress: Callable[[str, KvalitetError | None], None] | None = None,
            stdout: Any = None) -> ConversionResult:
    """Run a conversion; failures are collected (or raised at once with ``fail_fast``)."""
    exporter, options = resolve_exporter(host, request.to, request.exporter_options)
    if request.output_is_folder and request.output is None:
        raise UsageError("an output folder needs -o")
    if not request.output_is_folder and not exporter.many_per_stream and len(request.inputs) > 1:
        raise UsageError(f"'{exporter.name}' writes one visit per file: pass a folder to -o (e.g. -o out/)")
    result = ConversionResult()
    collected: list[Visit] = []
    folder_names: list[str] = []
    taken: set[str] = set()
    for outcome in _outcomes(request):
        if outcome.error is not None:
            if on_progress:
                on_progress(outcome.location, outcome.error)
            if request.fail_fast:
                raise outcome.error
            result.failures.append(outcome.error)
            continue
        if request.output_is_folder:
            assert request.output is not None
            names = unique_names((stem for stem, _ in outcome.rendered), exporter.extension, taken)
            for name, (_, data) in zip(names, outcome.rendered):
                target = request.output / name
                atomic_write_bytes(target, data)
                result.written.append(target)
                taken.add(name)
                folder_names.append(name)
            result.visits += len(outcome.rendered)
        else:
            result.visits += len(outcome.visits)
        collected.extend(outcome.visits)
        if on_progress:
            on_progress(outcome.location, None)
    if request.output_is_folder:
        if exporter.index_filename and collected:
            target = request.output / exporter.index_filename
            atomic_write(target, lambda stream: exporter.write_index(collected, folder_names, stream, options))
            result.written.append(target)
        return result
    if not collected:
        return result
    if request.output is None:
        out = stdout if stdout is not None else sys.stdout.buffer
        out.write(render(exporter, collected, options))
        out.flush()
    else:
        atomic_write(request.output, lambda stream: exporter.write(collected, stream, options))
        result.written.append(request.output)
    return result


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
