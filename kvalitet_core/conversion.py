"""Converting many inputs at once: import in worker processes, export, write atomically.

A bad input is reported and skipped while the rest go on (unless ``fail_fast``). With an output
folder each visit becomes its own file, rendered inside the worker so that exporting runs on all
cores, and written there too, complete, under a hidden staging name (so flushing to disk runs in
parallel as well); the main process only names each file after its visit, free of collisions,
and renames it into place. With one output stream (stdout or a file) the workers import and the
exporter writes all visits together at the end, so a ``fail_fast`` stop leaves nothing
half-written.

Memory does not grow with the number of inputs: at most a few chunks of work are in flight at a
time, and visits the main process must see again (for a single output stream, or a folder's
index) wait in a temporary spool file, not in memory, and are read back one at a time.
"""

from __future__ import annotations

import gc
import io
import os
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, overload

from kvalitet_core.errors import KvalitetError, OutputError, UsageError
from kvalitet_core.formats import Exporter, Options
from kvalitet_core.model import Visit
from kvalitet_core.plugins import PluginHost, get_host
from kvalitet_core.reading import STDIN, build_options, read_visits
from kvalitet_core.writing import atomic_write, atomic_write_bytes, unique_names

if TYPE_CHECKING:
    from concurrent.futures import Future

CHUNKS_IN_FLIGHT_PER_JOB = 4
"""How many chunks each worker may have queued ahead: enough to keep every core busy, few
enough that finished-but-not-yet-written results stay a small, fixed amount of memory."""
MAX_CHUNK = 8
"""Inputs per chunk at most: large enough to amortise the hand-over, small enough that the
workers finish close together."""


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
class _Job:
    """What a worker needs to know, without the list of inputs (sent once per chunk, kept small)."""

    to: str
    from_: str | None
    importer_options: dict[str, Any]
    exporter_options: dict[str, Any]
    folder: Path | None
    """For folder output: render each visit in the worker and stage it in this folder."""
    keep_visits: bool
    """Send the visits back too (one output stream, or a folder index)."""


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What a worker hands back for one input: staged files, visits as JSON, or the error."""

    location: str
    staged: list[tuple[str, Path]] = field(default_factory=list)
    """(visit id, complete file under a hidden temporary name) for each visit, folder output only."""
    visits: list[bytes] = field(default_factory=list)
    error: KvalitetError | None = None


class VisitSpool(Sequence[Visit]):
    """Visits parked in a temporary file and read back one at a time, in the order added.

    Exporters receive it as their ``Sequence[Visit]``; iterating it holds one visit in memory.
    """

    def __init__(self) -> None:
        self._file: BinaryIO = tempfile.TemporaryFile(prefix="kvalitet-")  # type: ignore[assignment]
        self._spans: list[tuple[int, int]] = []

    def add(self, data: bytes) -> None:
        """Append one visit, serialised as JSON."""
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        self._spans.append((offset, len(data)))

    def __len__(self) -> int:
        return len(self._spans)

    @overload
    def __getitem__(self, index: int) -> Visit: ...
    @overload
    def __getitem__(self, index: slice) -> list[Visit]: ...

    def __getitem__(self, index: int | slice) -> Visit | list[Visit]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        offset, size = self._spans[index]
        self._file.seek(offset)
        return Visit.model_validate_json(self._file.read(size))

    def close(self) -> None:
        self._file.close()


def resolve_exporter(host: PluginHost, name: str, values: Mapping[str, Any]) -> tuple[Exporter, Options]:
    try:
        exporter = host.exporters[name]
    except KeyError:
        known = ", ".join(sorted(host.exporters)) or "none"
        raise UsageError(f"unknown output format '{name}' (known: {known})") from None
    return exporter, build_options(exporter.options_model, values, f"exporter '{name}'")


def _convert_one(host: PluginHost, job: _Job, exporter: Exporter, options: Options, location: str) -> _Outcome:
    """Import one input and, for folder output, render and stage each of its visits."""
    staged: list[tuple[str, Path]] = []
    try:
        visits = read_visits(host, location, explicit=job.from_, options=job.importer_options)
        if job.folder is not None:
            for visit in visits:
                staged.append((visit.id, _stage(job.folder, visit.id, _render(exporter, visit, options, location))))
    except KvalitetError as error:
        _discard(staged)
        return _Outcome(location, error=error)
    kept = [visit.model_dump_json().encode() for visit in visits] if job.keep_visits else []
    return _Outcome(location, staged=staged, visits=kept)


def _stage(folder: Path, stem: str, data: bytes) -> Path:
    """Write a complete file under a hidden name in the output folder, for renaming into place."""
    path = folder / f".{stem}.{os.urandom(8).hex()}.part"
    atomic_write_bytes(path, data)
    return path


def _discard(staged: list[tuple[str, Path]]) -> None:
    for _, path in staged:
        path.unlink(missing_ok=True)


def _render(exporter: Exporter, visit: Visit, options: Options, location: str) -> bytes:
    """One visit in the output format; an exporter's crash fails this input, not the batch."""
    buffer = io.BytesIO()
    try:
        exporter.write([visit], buffer, options)
    except KvalitetError:
        raise
    except Exception as error:
        message = f"exporter '{exporter.name}' failed on visit '{visit.id}': {type(error).__name__}: {error}"
        raise KvalitetError(message.splitlines()[0], location) from error
    return buffer.getvalue()


def _convert_chunk(job: _Job, locations: list[str]) -> list[_Outcome]:
    """Worker body: one chunk of inputs, with the worker's plugins (inherited, or loaded once)."""
    host = get_host()
    exporter, options = resolve_exporter(host, job.to, job.exporter_options)
    return [_convert_one(host, job, exporter, options, location) for location in locations]


def _outcomes(request: ConversionRequest, job: _Job, host: PluginHost) -> Iterator[_Outcome]:
    """Outcomes in input order, computed by ``request.jobs`` processes with bounded look-ahead.

    One job (or standard input) runs in this process with ``host``; worker processes use the
    process-wide host, which they inherit already loaded where processes fork.
    """
    inputs = list(request.inputs)
    jobs = max(1, min(request.jobs, len(inputs)))
    if jobs == 1 or STDIN in inputs:
        exporter, options = resolve_exporter(host, job.to, job.exporter_options)
        for location in inputs:
            yield _convert_one(host, job, exporter, options, location)
        return
    from concurrent.futures import ProcessPoolExecutor  # only now: a single job never needs it
    from multiprocessing import get_all_start_methods, get_context

    get_host()  # load plugins before forking, so workers inherit them instead of importing them again
    # Eight times as many chunks as may be in flight: the last chunk, which one worker finishes
    # alone, stays a small share of the batch (50 reports on two cores: one report per chunk).
    size = max(1, min(MAX_CHUNK, len(inputs) // (jobs * 8 * CHUNKS_IN_FLIGHT_PER_JOB)))
    chunks = (inputs[start:start + size] for start in range(0, len(inputs), size))
    method = "fork" if "fork" in get_all_start_methods() else None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=get_context(method))  # forks at first submit
    pending: deque[Future[list[_Outcome]]] = deque()
    current: deque[_Outcome] = deque()
    gc.freeze()  # what workers inherit is left alone: no collector scans, no copy-on-write of the heap
    try:
        while True:
            while len(pending) < jobs * CHUNKS_IN_FLIGHT_PER_JOB and (chunk := next(chunks, None)):
                pending.append(pool.submit(_convert_chunk, job, chunk))
            if not pending:
                break
            current.extend(pending.popleft().result())
            while current:
                yield current.popleft()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
        # Stopped early (fail-fast, an error, ^C): drop whatever was staged and not handed over.
        for outcome in current:
            _discard(outcome.staged)
        for future in pending:
            if not future.cancelled() and future.exception() is None:
                for outcome in future.result():
                    _discard(outcome.staged)


def convert(request: ConversionRequest, host: PluginHost,
            on_progress: Callable[[str, KvalitetError | None], None] | None = None,
            stdout: Any = None) -> ConversionResult:
    """Run a conversion; failures are collected (or raised at once with ``fail_fast``)."""
    exporter, options = resolve_exporter(host, request.to, request.exporter_options)
    folder = request.output if request.output_is_folder else None
    if request.output_is_folder and folder is None:
        raise UsageError("an output folder needs -o")
    if folder is None and not exporter.many_per_stream and len(request.inputs) > 1:
        raise UsageError(f"'{exporter.name}' writes one visit per file: pass a folder to -o (e.g. -o out/)")
    job = _Job(request.to, request.from_, dict(request.importer_options), dict(request.exporter_options),
               folder=folder,
               keep_visits=folder is None or exporter.index_filename is not None)
    result = ConversionResult()
    spool = VisitSpool()
    names: list[str] = []
    taken = {exporter.index_filename} if folder is not None and exporter.index_filename else set()
    outcomes = _outcomes(request, job, host)
    try:
        for outcome in outcomes:
            if outcome.error is not None:
                if request.fail_fast:
                    raise outcome.error
                result.failures.append(outcome.error)
                if on_progress:
                    on_progress(outcome.location, outcome.error)
                continue
            for data in outcome.visits:
                spool.add(data)
            if folder is not None:
                _place(folder, exporter, outcome.staged, taken, names, result)
            else:
                result.visits += len(outcome.visits)
            if on_progress:
                on_progress(outcome.location, None)
        _finish(request, exporter, options, spool, names, result, stdout)
    finally:
        outcomes.close()  # stops the workers and removes their staged files at once, not at GC
        spool.close()
    return result


def _place(folder: Path, exporter: Exporter, staged: list[tuple[str, Path]], taken: set[str],
           names: list[str], result: ConversionResult) -> None:
    """Rename one input's staged files into place, named after their visit ids and never over a
    name this run already used (nor the index's)."""
    try:
        chosen = unique_names((stem for stem, _ in staged), exporter.extension, taken)
        for name, (_, path) in zip(chosen, staged):
            target = folder / name
            try:
                os.replace(path, target)
            except OSError as error:
                raise OutputError(f"cannot write: {error.strerror or error}", target) from None
            taken.add(name)
            names.append(name)
            result.written.append(target)
            result.visits += 1
    finally:
        _discard(staged)  # whatever was not renamed, after an error


def _finish(request: ConversionRequest, exporter: Exporter, options: Options, spool: VisitSpool,
            names: list[str], result: ConversionResult, stdout: Any) -> None:
    """Write what comes after every input is done: a folder's index, or the one output stream."""
    if request.output_is_folder:
        assert request.output is not None
        if exporter.index_filename and len(spool):
            target = request.output / exporter.index_filename
            atomic_write(target, lambda stream: exporter.write_index(spool, names, stream, options))
            result.written.append(target)
        return
    if not len(spool):
        return
    if not exporter.many_per_stream and len(spool) > 1:
        raise UsageError(f"'{exporter.name}' writes one visit per file, and the input holds {len(spool)}: "
                         "pass a folder to -o (e.g. -o out/)")
    if request.output is None:
        out = stdout if stdout is not None else sys.stdout.buffer
        exporter.write(spool, out, options)
        out.flush()
    else:
        atomic_write(request.output, lambda stream: exporter.write(spool, stream, options))
        result.written.append(request.output)


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
