"""What an importer or an exporter is: the two contracts plugins implement.

An importer says what it accepts (extensions, media types, a priority) and answers ``accepts``
cheaply from the file name and its first bytes, without parsing; ``load`` then turns the stream
into visits. An exporter says its name, extension and media type and writes visits to a stream.
Options are pydantic models that reject unknown keys, so a misspelt option is an error.
"""

from __future__ import annotations

import mimetypes
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

from pydantic import BaseModel, ConfigDict

from kvalitet_core.model import Visit

HEAD_BYTES = 4096
"""How many leading bytes ``accepts`` is shown."""
FORMAT_ALIASES = {"md": "markdown", "yml": "yaml", "htm": "html", "txt": "text"}
"""Other names of formats, accepted wherever a format is named (``--to``, ``--from``, ``diff --to``)."""


def canonical_format(name: str) -> str:
    """The format's own name for one of its aliases (``md`` → ``markdown``), any case."""
    name = name.strip().lower()
    return FORMAT_ALIASES.get(name, name)


INDEX_HEAD_BYTES = 65536
"""How many leading bytes of an existing file ``index_entry_of_file`` is shown."""


class Options(BaseModel):
    """Base for importer and exporter options: unknown keys are rejected."""

    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What is known about an input before it is read."""

    name: str
    """How to name the input in messages: its path, or ``<stdin>``."""
    path: Path | None = None
    size: int | None = None

    @property
    def extension(self) -> str:
        """The lower-case extension with its dot (``".pdf"``), or ``""``."""
        return Path(self.name).suffix.lower() if self.name != "<stdin>" else ""

    @property
    def media_type(self) -> str | None:
        return mimetypes.guess_type(self.name)[0]

    @classmethod
    def for_path(cls, path: Path) -> SourceInfo:
        return cls(name=str(path), path=path, size=path.stat().st_size)


class Importer(ABC):
    """Turns one input stream into one or more visits."""

    name: ClassVar[str]
    """Short name, used with ``--from``."""
    version: ClassVar[str] = "0"
    extensions: ClassVar[tuple[str, ...]] = ()
    """Extensions this importer reads, with the dot: ``(".pdf",)``."""
    media_types: ClassVar[tuple[str, ...]] = ()
    priority: ClassVar[int] = 0
    """Among importers that accept the same input, the highest priority is used."""
    options_model: ClassVar[type[Options]] = Options
    records_provenance: ClassVar[bool] = True
    """Whether the core stamps source file, hash and importer on what ``load`` returns. Native
    formats turn this off: a YAML visit is the visit itself, and re-saving it must not change it."""

    def accepts(self, source: SourceInfo, head: bytes) -> bool:
        """Whether this importer can read the input. Must be cheap and pure: no parsing, no I/O.

        The default accepts by extension; override to sniff ``head`` (the first bytes) as well.
        """
        return source.extension in self.extensions

    @abstractmethod
    def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> Visit | list[Visit]:
        """Read the stream and return the visit(s) it holds; raise ``InputError`` for bad input."""


class Exporter(ABC):
    """Writes visits to a stream in one output format."""

    name: ClassVar[str]
    """Short name, used with ``--to``."""
    version: ClassVar[str] = "0"
    extension: ClassVar[str]
    """Extension of the files it writes, with the dot: ``".md"``."""
    media_type: ClassVar[str] = "application/octet-stream"
    options_model: ClassVar[type[Options]] = Options
    many_per_stream: ClassVar[bool] = True
    """Whether several visits can share one output stream (a CSV table can; an HTML page not)."""

    @abstractmethod
    def write(self, visits: Sequence[Visit], stream: BinaryIO, options: Options) -> None:
        """Write the visits to the binary stream."""

    def prepare(self, options: Options) -> None:
        """Load now what rendering will need (modules, compiled templates), once.

        A batch calls this before it starts its worker processes, which then inherit what was
        loaded instead of each loading it again. Default: nothing to load.
        """

    index_filename: ClassVar[str | None] = None
    """Set (e.g. ``"index.html"``) when a folder of per-visit outputs gets an index file."""

    def index_entry(self, visit: Visit, options: Options) -> Any:
        """What the folder index needs to know of one visit (``index_filename`` only).

        It is made where the visit was read — in a worker process, during a batch — and kept
        until the index is written, so it should be small and must be picklable; a summary rather
        than the visit lets the index of thousands of visits cost little. Default: the visit.
        """
        return visit

    def write_index(self, entries: Sequence[Any], filenames: Sequence[str], stream: BinaryIO,
                    options: Options) -> None:
        """Write the index of a folder written with ``-o DIR``: ``entries`` are what
        ``index_entry`` made of each visit, ``filenames`` the files the visits were written to."""
        raise NotImplementedError

    def index_entry_of_file(self, head: bytes) -> Any | None:
        """The index entry of a file of this format already in the folder, from its first bytes
        (``INDEX_HEAD_BYTES``), or None when it holds none.

        A folder is often written by several runs; the index lists every visit file in it, so the
        files earlier runs wrote must say what their entry is (an HTML page carries it in a
        ``<meta>`` tag). Default: None — the index lists this run's files only.
        """
        return None


class PartsExporter(Exporter):
    """An exporter whose stream of many visits is one part per visit put together — a table's
    rows, a series of documents. Implement ``render_part`` and ``join_parts``; ``write`` follows
    from them. A batch then renders the parts in its worker processes, on every core, instead of
    handing all visits to ``write`` in one process at the end, and gets the same bytes."""

    def write(self, visits: Sequence[Visit], stream: BinaryIO, options: Options) -> None:
        self.join_parts((self.render_part(visit, options) for visit in visits), stream, options)

    @abstractmethod
    def render_part(self, visit: Visit, options: Options) -> bytes:
        """One visit's part of the stream, rendered on its own."""

    @abstractmethod
    def join_parts(self, parts: Iterable[bytes], stream: BinaryIO, options: Options) -> None:
        """Write the stream from the visits' parts, in order: whatever goes before, between and
        after them is this method's to add."""


def describe_options(model: type[Options]) -> dict[str, str]:
    """Option names with a short description each, for ``kvalitet plugins`` and error messages."""
    described = {}
    for name, field in model.model_fields.items():
        annotation = getattr(field.annotation, "__name__", str(field.annotation))
        described[name] = field.description or annotation
    return described
