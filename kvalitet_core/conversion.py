"""Converting many inputs at once: import in worker processes, export, write atomically.

A bad input is reported and skipped while the rest go on (unless ``fail_fast``). Everything an
exporter can do with one visit alone happens in the worker that imported it, so that exporting
runs on all cores too: with an output folder each visit is rendered there, in every format asked
for, and written complete under a hidden staging name (so flushing to disk runs in parallel as
well), along with its entry for the folder's index; the main process only names each file after
its visit, free of collisions, and renames it into place. With one output stream (stdout or a
file) the workers render each visit's part of it where the exporter builds its stream from parts
(a table's rows, a series of documents), or else hand the visit back; the stream is written once
every input is done, so a ``fail_fast`` stop leaves nothing half-written.

Memory does not grow with the number of inputs: at most a few chunks of work are in flight at a
time, and what the main process must keep until the end (parts, visits, index entries) waits in
a temporary spool file, not in memory, and is read back one record at a time.
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import stat
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Generic, TypeVar, overload

from kvalitet_core.errors import ImportFailedError, KvalitetError, OutputError, OwnInputError, UsageError
from kvalitet_core.formats import INDEX_HEAD_BYTES, Exporter, Options, PartsExporter
from kvalitet_core.model import Visit
from kvalitet_core.plugins import PluginHost
from kvalitet_core.processes import orphaned
from kvalitet_core.reading import STDIN, build_options, read_visits, refuse_uncertain, warning_lines
from kvalitet_core.workers import worker_host, worker_pool
from kvalitet_core.writing import RUN_TAG, atomic_write, place_staged, remove_staged, unique_names, write_staged

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

CHUNKS_IN_FLIGHT_PER_JOB = 4
"""How many chunks each worker may have queued ahead: enough to keep every core busy, few
enough that finished-but-not-yet-written results stay a small, fixed amount of memory."""
MAX_CHUNK = 8
"""Inputs per chunk at most: large enough to amortise the hand-over, small enough that the
workers finish close together."""

Record = TypeVar("Record")


@dataclass(frozen=True, slots=True)
class ConversionRequest:
    """What to convert, from and to what, and where to."""

    inputs: Sequence[str]
    to: str | Sequence[str]
    """One output format, or several: each visit is then written in each of them (a folder only)."""
    output: Path | None = None
    """None writes to stdout; a folder (existing, or named with a trailing '/') gets one file per visit."""
    output_is_folder: bool = False
    from_: str | None = None
    importer_options: Mapping[str, Any] = field(default_factory=dict)
    exporter_options: Mapping[str, Any] = field(default_factory=dict)
    """Options by name; each format takes those its options model knows."""
    jobs: int = 1
    fail_fast: bool = False
    strict: bool = False
    """An input imported with warnings fails (and nothing of it is written)."""

    @property
    def formats(self) -> list[str]:
        return [self.to] if isinstance(self.to, str) else list(self.to)


@dataclass(slots=True)
class ConversionResult:
    written: list[Path] = field(default_factory=list)
    failures: list[KvalitetError] = field(default_factory=list)
    visits: int = 0
    warned: dict[str, list[str]] = field(default_factory=dict)
    """Input → the warnings its import recorded, for inputs with any."""


@dataclass(frozen=True, slots=True)
class _Job:
    """What a worker needs to know, without the list of inputs (sent once per chunk, kept small)."""

    formats: tuple[str, ...]
    from_: str | None
    importer_options: dict[str, Any]
    exporter_options: dict[str, Any]
    folder: Path | None
    """For folder output: render each visit in the worker, in every format, and stage it here."""
    strict: bool = False
    parent: int = field(default_factory=os.getpid)
    """The batch process: a worker that outlives it stops."""
    tag: str = RUN_TAG
    """The batch's mark on its staged files (see :data:`kvalitet_core.writing.RUN_TAG`)."""


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What a worker hands back for one input: its visits' staged files and index entries, or
    their records for the one output stream, or the error."""

    location: str
    visits: int = 0
    staged: list[tuple[int, str, Path]] = field(default_factory=list)
    """(format, visit id, complete file under a hidden temporary name), folder output only."""
    entries: list[tuple[int, bytes]] = field(default_factory=list)
    """(format, pickled index entry) for each visit and each format with an index, folder output."""
    records: list[bytes] = field(default_factory=list)
    """One output stream: each visit's rendered part, or the visit as JSON for ``write``."""
    error: KvalitetError | None = None
    warnings: list[str] = field(default_factory=list)
    """What the import was unsure of (see :func:`~kvalitet_core.reading.warning_lines`)."""


class Spool(Sequence[Record], Generic[Record]):
    """Records parked in a temporary file and read back one at a time, in the order added.

    Exporters receive it as their ``Sequence`` of visits or of index entries; iterating it holds
    one record in memory.
    """

    def __init__(self, decode: Callable[[bytes], Record]) -> None:
        self._decode = decode
        self._file: BinaryIO = tempfile.TemporaryFile(prefix="kvalitet-")  # type: ignore[assignment]
        self._spans: list[tuple[int, int]] = []
        self._end = 0
        self._reading = False

    def add(self, data: bytes) -> None:
        """Append one record, already serialised."""
        if self._reading:  # a read moved the position: back to the end (a seek flushes the buffer)
            self._file.seek(self._end)
            self._reading = False
        self._file.write(data)
        self._spans.append((self._end, len(data)))
        self._end += len(data)

    def __len__(self) -> int:
        return len(self._spans)

    @overload
    def __getitem__(self, index: int) -> Record: ...
    @overload
    def __getitem__(self, index: slice) -> list[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | list[Record]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        offset, size = self._spans[index]
        self._reading = True
        self._file.seek(offset)
        return self._decode(self._file.read(size))

    def close(self) -> None:
        self._file.close()


def resolve_exporter(host: PluginHost, name: str, values: Mapping[str, Any]) -> tuple[Exporter, Options]:
    """The exporter of a format and its options, from those of ``values`` its options model knows."""
    try:
        exporter = host.exporters[name]
    except KeyError:
        known = ", ".join(sorted(host.exporters)) or "none"
        raise UsageError(f"unknown output format '{name}' (known: {known})") from None
    own = {key: value for key, value in values.items() if key in exporter.options_model.model_fields}
    return exporter, build_options(exporter.options_model, own, f"exporter '{name}'")


def _exporters(host: PluginHost, job: _Job) -> list[tuple[Exporter, Options]]:
    return [resolve_exporter(host, name, job.exporter_options) for name in job.formats]


def _convert_one(host: PluginHost, job: _Job, exporters: list[tuple[Exporter, Options]],
                 location: str) -> _Outcome:
    """Import one input and do every export step that needs only its own visits."""
    staged: list[tuple[int, str, Path]] = []
    entries: list[tuple[int, bytes]] = []
    records: list[bytes] = []
    try:
        visits = read_visits(host, location, explicit=job.from_, options=job.importer_options)
        if job.strict:
            refuse_uncertain(visits, location)
        for visit in visits:
            if job.folder is None:
                exporter, options = exporters[0]
                records.append(_call(exporter, visit, location, exporter.render_part, options)
                               if isinstance(exporter, PartsExporter) else visit.model_dump_json().encode())
                continue
            for number, (exporter, options) in enumerate(exporters):
                data = _call(exporter, visit, location, _rendering(exporter), options)
                staged.append((number, visit.id, write_staged(job.folder, visit.id, data, job.tag)))
                if exporter.index_filename:
                    entry = _call(exporter, visit, location, exporter.index_entry, options)
                    entries.append((number, pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)))
    except KvalitetError as error:
        _discard(staged)
        return _Outcome(location, error=error)
    return _Outcome(location, len(visits), staged, entries, records, warnings=warning_lines(visits))


def _discard(staged: Sequence[tuple[int, str, Path]]) -> None:
    for _, _, path in staged:
        path.unlink(missing_ok=True)


def _rendering(exporter: Exporter) -> Callable[[Visit, Options], bytes]:
    """How the exporter renders one visit as a file of its own."""
    def render(visit: Visit, options: Options) -> bytes:
        buffer = io.BytesIO()
        exporter.write([visit], buffer, options)
        return buffer.getvalue()

    return render


def _call(exporter: Exporter, visit: Visit, location: str, method: Callable[[Visit, Options], Any],
          options: Options) -> Any:
    """Run one of the exporter's per-visit methods; its crash fails this input, not the batch."""
    try:
        return method(visit, options)
    except KvalitetError:
        raise
    except Exception as error:
        message = f"exporter '{exporter.name}' failed on visit '{visit.id}': {type(error).__name__}: {error}"
        raise KvalitetError(message.splitlines()[0], location) from error


def _convert_chunk(job: _Job, inputs: list[str]) -> list[_Outcome]:
    """Worker body: one chunk of inputs, with the host the batch was given."""
    host = worker_host()
    exporters = _exporters(host, job)
    outcomes = []
    for location in inputs:
        if orphaned(job.parent):  # where the kernel cannot kill it with its parent
            os._exit(1)
        outcomes.append(_convert_one(host, job, exporters, location))
    return outcomes


def _outcomes(request: ConversionRequest, job: _Job, host: PluginHost,
              exporters: list[tuple[Exporter, Options]]) -> Iterator[_Outcome]:
    """Outcomes in input order, computed by ``request.jobs`` processes with bounded look-ahead.

    One job (or standard input) runs in this process with ``host`` and ``exporters``; worker
    processes fork with ``host`` and make their own exporters from it.
    A worker killed from outside (the kernel's out-of-memory killer) breaks the pool and every
    chunk in flight: the pool is started again, the chunk that was being waited for is converted
    one input at a time, so that only the input that kills its worker again fails, and the
    other chunks are sent again.
    """
    inputs = list(request.inputs)
    jobs = max(1, min(request.jobs, len(inputs)))
    if jobs == 1 or STDIN in inputs:
        for location in inputs:
            yield _convert_one(host, job, exporters, location)
        return
    from concurrent.futures.process import BrokenProcessPool

    for exporter, options in exporters:
        exporter.prepare(options)
    chunks = _chunks(inputs, jobs)
    pool = _Pool(jobs, host)
    pending: deque[tuple[list[str], Future[list[_Outcome]]]] = deque()
    finished = False
    gc.freeze()  # what workers inherit is left alone: no collector scans, no copy-on-write of the heap
    try:
        while True:
            while len(pending) < jobs * CHUNKS_IN_FLIGHT_PER_JOB and (chunk := next(chunks, None)):
                pending.append((chunk, pool.submit(job, chunk)))
            if not pending:
                finished = True
                break
            chunk, future = pending.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                pool.restart()
                outcomes = [pool.alone(job, location) for location in chunk]
                pending = deque((waiting, pool.submit(job, waiting)) for waiting, _ in pending)
            yield from outcomes
    finally:
        pool.stop(kill=not finished)  # stopped early (fail-fast, an error, ^C): work in flight is moot
        gc.unfreeze()


class _Pool:
    """The worker processes of a batch: forked (where the system can) so that they inherit the
    batch's plugin host, set to die with the batch process, and started again after one was killed."""

    def __init__(self, jobs: int, host: PluginHost) -> None:
        self.jobs, self.host = jobs, host
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return worker_pool(self.jobs, self.host)  # forks at first submit

    def submit(self, job: _Job, chunk: list[str]) -> Future[list[_Outcome]]:
        """The chunk's future; where the pool broke already, one that says so when it is waited
        for, like the chunks in flight (so every chunk meets a broken pool in the same place)."""
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.executor.submit(_convert_chunk, job, chunk)
        except BrokenProcessPool as broken:
            failed: Future[list[_Outcome]] = Future()
            failed.set_exception(broken)
            return failed

    def alone(self, job: _Job, location: str) -> _Outcome:
        """Convert one input in a worker of its own; a killed worker fails this input only."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            [outcome] = self.submit(job, [location]).result()
        except BrokenProcessPool:
            self.restart()
            return _Outcome(location, error=ImportFailedError(
                "the worker process converting it was killed (out of memory?)", location))
        return outcome

    def restart(self) -> None:
        self.stop(kill=True)
        self.executor = self._start()

    def stop(self, kill: bool) -> None:
        """Shut the pool down; with ``kill``, end its workers at once instead of letting them
        finish what they are converting (they write nothing but staged files, removed after)."""
        if kill:  # the executor has no public way to end its workers before Python 3.14
            for process in list((self.executor._processes or {}).values()):
                process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)


def _chunks(inputs: list[str], jobs: int) -> Iterator[list[str]]:
    """The inputs in chunks that shrink as the batch nears its end ("guided" scheduling).

    A chunk is half of what remains divided among the chunks all workers may have in flight:
    large while much remains, so hand-overs are few, and single inputs at the end, so that the
    workers finish close together.
    """
    start = 0
    while start < len(inputs):
        size = max(1, min(MAX_CHUNK, (len(inputs) - start) // (jobs * CHUNKS_IN_FLIGHT_PER_JOB * 2)))
        yield inputs[start:start + size]
        start += size


def convert(request: ConversionRequest, host: PluginHost,
            on_progress: Callable[[str, KvalitetError | None, Sequence[str]], None] | None = None,
            stdout: Any = None) -> ConversionResult:
    """Run a conversion; failures are collected (or raised at once with ``fail_fast``).

    ``on_progress`` hears of each input as it is done: its error, or the warnings of its import.
    """
    formats = request.formats
    if not formats or len(set(formats)) != len(formats):
        raise UsageError("name each output format once")
    exporters = [resolve_exporter(host, name, request.exporter_options) for name in formats]
    _check_options(exporters, request.exporter_options)
    folder = request.output if request.output_is_folder else None
    if request.output_is_folder and folder is None:
        raise UsageError("an output folder needs -o")
    if folder is None and len(exporters) > 1:
        raise UsageError("several output formats need an output folder (e.g. -o out/)")
    exporter, options = exporters[0]
    if folder is None and not exporter.many_per_stream and len(request.inputs) > 1:
        raise UsageError(f"'{exporter.name}' writes one visit per file: pass a folder to -o (e.g. -o out/)")
    inputs = _input_identities(request.inputs)
    if folder is None:
        _refuse_own_input(request.output, inputs, stdout)
    job = _Job(tuple(formats), request.from_, dict(request.importer_options), dict(request.exporter_options),
               folder=folder, strict=request.strict)
    result = ConversionResult()
    records: Spool[Any] = Spool(bytes if isinstance(exporter, PartsExporter) else Visit.model_validate_json)
    indexes = [_FolderIndex(exporter) if exporter.index_filename and folder is not None else None
               for exporter, _ in exporters]
    taken = {index.filename for index in indexes if index is not None}
    outcomes = _outcomes(request, job, host, exporters)
    try:
        for outcome in outcomes:
            error = outcome.error
            if error is None and folder is not None:
                try:
                    _place(folder, exporters, outcome.staged, taken, indexes, result, inputs)
                except OwnInputError as refused:
                    error = refused
            if error is not None:
                # An output that cannot be written (a full disk, a read-only folder) fails every
                # input after it too: the batch stops, with exit code 4 and the path.
                if request.fail_fast or (isinstance(error, OutputError) and not isinstance(error, OwnInputError)):
                    raise error
                result.failures.append(error)
            else:
                for data in outcome.records:
                    records.add(data)
                for number, entry in outcome.entries:
                    indexes[number].entries.add(entry)  # type: ignore[union-attr]
                result.visits += outcome.visits
                if outcome.warnings:
                    result.warned[outcome.location] = outcome.warnings
            if on_progress:
                on_progress(outcome.location, error, outcome.warnings if error is None else [])
        if folder is not None:
            _write_indexes(folder, exporters, indexes, result)
        else:
            _write_stream(request, exporter, options, records, result, stdout)
    finally:
        outcomes.close()  # stops the workers at once, not at GC
        if folder is not None:
            remove_staged(folder, job.tag)  # what was staged and not put in place, by any process
        records.close()
        for index in indexes:
            if index is not None:
                index.entries.close()
    return result


_Identity = tuple[int, int]
"""A file's device and inode: the same for every name of it (symbolic and hard links)."""


def _identity(path: Path | str) -> _Identity | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _input_identities(inputs: Sequence[str]) -> dict[_Identity, str]:
    """Each input file by its identity (standard input has none)."""
    identities = {}
    for location in inputs:
        if location != STDIN and (identity := _identity(location)) is not None:
            identities.setdefault(identity, location)
    return identities


def _refuse_own_input(output: Path | None, inputs: Mapping[_Identity, str], stdout: Any) -> None:
    """Refuse, before anything is read, an output file that is one of the inputs under any name
    (a link, or stdout redirected onto it): the input would be replaced by its own conversion."""
    if output is not None:
        identity = _identity(output)
    else:
        try:
            descriptor = (stdout if stdout is not None else sys.stdout).fileno()
            status = os.fstat(descriptor)
        except (AttributeError, OSError, ValueError):  # not a real file (a test's buffer)
            return
        identity = (status.st_dev, status.st_ino) if stat.S_ISREG(status.st_mode) else None
    if identity in inputs:
        raise OwnInputError(f"the output is the input {inputs[identity]}: write elsewhere",
                            output if output is not None else "<stdout>")


def _check_options(exporters: list[tuple[Exporter, Options]], values: Mapping[str, Any]) -> None:
    """An option no output format knows is an error (each format takes only the options its
    model knows, so nothing else would notice)."""
    known = {name for exporter, _ in exporters for name in exporter.options_model.model_fields}
    unknown = sorted(set(values) - known)
    if unknown:
        names = ", ".join(exporter.name for exporter, _ in exporters)
        raise UsageError(f"no output format of {names} has an option '{unknown[0]}'")


class _FolderIndex:
    """One format's index of a folder: its entries, spooled, and the file each visit went to."""

    def __init__(self, exporter: Exporter) -> None:
        assert exporter.index_filename is not None
        self.filename: str = exporter.index_filename
        self.entries: Spool[Any] = Spool(pickle.loads)
        self.names: list[str] = []


def _place(folder: Path, exporters: list[tuple[Exporter, Options]], staged: list[tuple[int, str, Path]],
           taken: set[str], indexes: list[_FolderIndex | None], result: ConversionResult,
           inputs: Mapping[_Identity, str]) -> None:
    """Rename one input's staged files into place, named after their visit ids and never over a
    name this run already used (nor an index's), nor over an input: then none is placed."""
    moves: list[tuple[int, Path, Path]] = []
    for number, (exporter, _) in enumerate(exporters):
        own = [(stem, path) for format_number, stem, path in staged if format_number == number]
        chosen = unique_names((stem for stem, _ in own), exporter.extension, taken)
        moves += [(number, path, folder / name) for name, (_, path) in zip(chosen, own)]
    waiting = list(staged)
    try:
        for _, _, target in moves:
            if (identity := _identity(target)) in inputs:
                raise OwnInputError(f"would replace the input {inputs[identity]}: write elsewhere", target)
        for number, path, target in moves:
            place_staged(path, target)
            waiting = [item for item in waiting if item[2] != path]
            taken.add(target.name)
            result.written.append(target)
            if (index := indexes[number]) is not None:
                index.names.append(target.name)
    finally:
        _discard(waiting)  # whatever was not renamed, after an error


def _write_indexes(folder: Path, exporters: list[tuple[Exporter, Options]], indexes: list[_FolderIndex | None],
                   result: ConversionResult) -> None:
    """Each format's index of the folder, once every visit has its file: this run's files, then
    those earlier runs left in the folder (by name), so that no page is orphaned."""
    for (exporter, options), index in zip(exporters, indexes):
        if index is None or not len(index.entries):
            continue
        _add_earlier_files(folder, exporter, index)
        target = folder / index.filename
        atomic_write(target, partial(exporter.write_index, index.entries, index.names, options=options))
        result.written.append(target)


def _add_earlier_files(folder: Path, exporter: Exporter, index: _FolderIndex) -> None:
    """Add to the index the files of the exporter's format in the folder that this run did not
    write and that carry an index entry (a file that cannot be read is left out, not an error)."""
    written = {*index.names, index.filename}
    for path in sorted(folder.glob(f"*{exporter.extension}")):
        if path.name in written or path.name.startswith("."):
            continue
        try:
            with path.open("rb") as file:
                head = file.read(INDEX_HEAD_BYTES)
        except OSError:
            continue
        entry = exporter.index_entry_of_file(head)
        if entry is not None:
            index.entries.add(pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
            index.names.append(path.name)


def _write_stream(request: ConversionRequest, exporter: Exporter, options: Options, records: Spool[Any],
                  result: ConversionResult, stdout: Any) -> None:
    """The one output stream, from the visits' parts or from the visits."""
    if not len(records):
        return
    if not exporter.many_per_stream and len(records) > 1:
        raise UsageError(f"'{exporter.name}' writes one visit per file, and the input holds {len(records)}: "
                         "pass a folder to -o (e.g. -o out/)")

    def write(stream: BinaryIO) -> None:
        if isinstance(exporter, PartsExporter):
            exporter.join_parts(records, stream, options)
        else:
            exporter.write(records, stream, options)

    if request.output is None:
        out = stdout if stdout is not None else sys.stdout.buffer
        try:
            write(out)
            out.flush()
        except BrokenPipeError:
            raise
        except OSError as error:  # stdout redirected to a full disk
            raise OutputError(f"cannot write: {error.strerror or type(error).__name__}", "<stdout>") from None
    else:
        atomic_write(request.output, write)
        result.written.append(request.output)
