"""Reading ahead: spare cores read a batch's first inputs into text blocks while the program loads.

A batch's main process spends its first quarter second on one core loading pydantic, the model
and the plugins, and only then forks its workers; the other cores would idle meanwhile. Reading
a PDF into :class:`~kvalitet_core.recognise.blocks.TextBlock` s needs none of that, so an importer
may register that first step as a *block reader* (a :class:`BlockReader` in the
``kvalitet.readers`` entry-point group, in a module that imports nothing heavy).
``kvalitet convert`` forks read-ahead processes before it loads anything else; they read their
share of the inputs in input order until the workers are about to start, and are then stopped.

Read-ahead never changes a result: a worker takes an input's blocks only when the importer
chosen for it in the usual way is the one the reader belongs to, and calls that importer's
``from_blocks`` — the same step its ``load`` runs after reading. An input a reader fails on is
left alone; its worker reads it again and reports the error.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Self

if TYPE_CHECKING:
    from kvalitet_core.recognise.blocks import TextBlock

ENTRY_POINT_GROUP = "kvalitet.readers"
ENABLE_ENV = "KVALITET_READ_AHEAD"
"""Set to ``0`` to turn reading ahead off (to compare, or where extra processes are unwelcome)."""


@dataclass(frozen=True)
class BlockReader:
    """An importer's first step, on its own: the bytes of one input → its text blocks."""

    importer: str
    """Name of the importer whose ``from_blocks`` takes what ``read`` returns."""
    extensions: tuple[str, ...]
    """Extensions of the inputs to read ahead, with the dot: ``(".pdf",)``."""
    read: Callable[[bytes, str], Iterable[TextBlock]]
    """(input bytes, input name) → blocks; raises for input it cannot read."""


def available_cores() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def load_blocks(path: Path) -> tuple[str, list[TextBlock]]:
    """The importer name and the blocks a read-ahead process saved."""
    with path.open("rb") as file:
        importer, blocks = pickle.load(file)
    return importer, blocks


class ReadAhead:
    """Read-ahead processes at work on a batch's inputs; :meth:`stop` collects what they read.

    A context manager: leaving it stops the readers and removes what they wrote.
    """

    def __init__(self, candidates: Sequence[str] = (), folder: Path | None = None) -> None:
        self.candidates = list(candidates)
        self.folder = folder
        self.processes: list[int] = []

    @classmethod
    def start(cls, candidates: Sequence[str], *, processes: int, explicit: str | None = None) -> ReadAhead:
        """Fork up to ``processes`` readers over ``candidates`` (paths; other words are skipped).

        Nothing starts where there is nothing to do: no spare process, no ``fork`` (not POSIX),
        or ``KVALITET_READ_AHEAD=0``. ``explicit`` is the ``--from`` format: it picks the reader
        by name, whatever the extensions. Call it before any thread starts (it forks), and as
        early as possible: even finding the registered readers is left to the readers, so that
        this process forks at once.
        """
        if processes < 1 or not candidates or not hasattr(os, "fork") or os.environ.get(ENABLE_ENV) == "0":
            return cls()
        started = cls(candidates, Path(tempfile.mkdtemp(prefix="kvalitet-read-ahead-")))
        for share in range(processes):
            pid = os.fork()
            if pid == 0:
                _read_share(started, share, processes, explicit)
            started.processes.append(pid)
        return started

    def stop(self) -> dict[str, Path]:
        """Stop the readers at once and return what they finished: input → file of its blocks.

        A reader renames a file into place only when it is whole, so a reader killed half-way
        through an input leaves nothing that could be mistaken for a result.
        """
        for pid in self.processes:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in self.processes:
            with suppress(ChildProcessError):  # already reaped, where SIGCHLD is ignored
                os.waitpid(pid, 0)
        self.processes = []
        if self.folder is None:
            return {}
        finished: dict[str, Path] = {}
        for path in self.folder.iterdir():
            if path.name.isdigit():
                finished.setdefault(self.candidates[int(path.name)], path)
        return finished

    def close(self) -> None:
        """Stop the readers (if still running) and remove everything they wrote."""
        self.stop()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _read_share(ahead: ReadAhead, first: int, step: int, explicit: str | None) -> NoReturn:
    """Body of one read-ahead process: read inputs ``first``, ``first + step``, … and never return.

    It writes nothing to the terminal and runs no exit handlers of the process it was forked
    from (``os._exit``); any failure simply ends its reading. Orphaned (the batch died without
    stopping it), it removes what it wrote and ends.
    """
    try:
        parent = os.getppid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(devnull, stream)
        assert ahead.folder is not None
        readers = _registered_readers(explicit)
        for index in range(first, len(ahead.candidates) if readers else 0, step):
            if os.getppid() != parent:
                shutil.rmtree(ahead.folder, ignore_errors=True)
                break
            location = ahead.candidates[index]
            reader = _reader_for(location, readers, by_name=explicit is not None)
            if reader is None:
                continue
            try:
                blocks = list(reader.read(Path(location).read_bytes(), location))
            except Exception:  # the worker reads it again and reports what is wrong
                continue
            partial = ahead.folder / f"{index}.partial"
            partial.write_bytes(pickle.dumps((reader.importer, blocks), pickle.HIGHEST_PROTOCOL))
            partial.rename(ahead.folder / str(index))
    finally:
        os._exit(0)


def _registered_readers(explicit: str | None) -> list[BlockReader]:
    """The block readers of the entry-point group (only the one ``--from`` names, if it does)."""
    from importlib.metadata import entry_points

    readers = []
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        if explicit is not None and entry_point.name != explicit:
            continue
        try:
            reader = entry_point.load()
        except Exception:  # a broken plugin is the plugin host's to report, not a reader's
            continue
        if isinstance(reader, BlockReader):
            readers.append(reader)
    return readers


def _reader_for(location: str, readers: list[BlockReader], *, by_name: bool) -> BlockReader | None:
    """The reader for an input: the one ``--from`` named, else the first that claims its extension."""
    if location.startswith("-"):
        return None
    extension = os.path.splitext(location)[1].lower()
    return next((reader for reader in readers if by_name or extension in reader.extensions), None)
