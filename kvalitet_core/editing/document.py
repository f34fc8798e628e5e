"""The file a visit is edited from and saved to: what was read, and whether it changed since.

A native file (YAML or JSON) is saved in place, in its own format, with the other visits it may
hold left as they were. A visit imported from any other format (PDF, Word, PowerPoint, a text
dump) is saved as YAML beside its source, which is never touched; the YAML keeps the source's
name and hash in its provenance, so the library lists the edited visit in its stead.

The fingerprint taken when the file was read (modification time, size, SHA-256) tells whether
someone else changed it since: a save never silently overwrites such a file. Before the first
save of a session the file as it was is copied to a backup, ``NAME~`` beside it (the editors'
convention; the library ignores it), so a save can always be taken back by hand.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from kvalitet_core.errors import InputError, KvalitetError
from kvalitet_core.formats import HEAD_BYTES, SourceInfo
from kvalitet_core.model import Visit
from kvalitet_core.native import dump_json, dump_yaml
from kvalitet_core.plugins import PluginHost
from kvalitet_core.reading import build_options, choose_importer, import_bytes
from kvalitet_core.writing import atomic_write_bytes, unique_names

NATIVE = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
"""Extensions saved in place, and the format each is written in."""


class ExternalChangeError(KvalitetError):
    """The file was changed (or created, or removed) by someone else since it was read."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a file was when read; None for a file that did not exist."""

    mtime_ns: int
    size: int
    sha256: str


def fingerprint(path: Path) -> Fingerprint | None:
    try:
        stat = path.stat()
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path) from None
    return Fingerprint(stat.st_mtime_ns, stat.st_size, hashlib.sha256(data).hexdigest())


def backup_path(path: Path) -> Path:
    """Where the version before a session's first save is kept: ``visit.yaml~``."""
    return path.with_name(path.name + "~")


@dataclass(slots=True)
class VisitDocument:
    """One visit's place on disk: the file it is saved to, the visits around it there, and the
    fingerprint of that file as last read or written."""

    target: Path
    """The file a save writes: the visit's own file when native, else the YAML beside the source."""
    position: int
    """The visit's place among the visits of ``target``."""
    visits: list[Visit]
    """Every visit of ``target`` as read (the edited one at ``position``); one for a new file."""
    seen: Fingerprint | None
    """``target`` as last read or written; None when it did not exist."""
    source: Path | None = None
    """The imported file the visit came from, when it is not ``target`` (never written)."""
    backed_up: bool = field(default=False)
    """Whether this session already kept the previous version (only the first save does)."""

    @property
    def original(self) -> Visit:
        return self.visits[self.position]

    @property
    def origin(self) -> Path:
        """The file the visit was opened from: its source when imported, else its own file."""
        return self.source or self.target

    @property
    def format(self) -> str:
        return NATIVE.get(self.target.suffix.lower(), "yaml")

    def changed_on_disk(self) -> bool:
        """Whether ``target`` differs from what was read or last written (the hash decides when
        the time or size moved: a touch is not a change)."""
        try:
            stat = self.target.stat()
        except FileNotFoundError:
            return self.seen is not None
        if self.seen is None:
            return True
        if (stat.st_mtime_ns, stat.st_size) == (self.seen.mtime_ns, self.seen.size):
            return False
        now = fingerprint(self.target)
        return now is None or now.sha256 != self.seen.sha256

    def render(self, visit: Visit) -> bytes:
        """The target's new content: the other visits as they were, this one as edited."""
        visits = [*self.visits]
        visits[self.position] = visit
        text = dump_json(visits) if self.format == "json" else dump_yaml(visits)
        return text.encode("utf-8")

    def write(self, visit: Visit, *, overwrite: bool = False) -> None:
        """Save ``visit`` atomically; the file as it was goes to the backup first (once).

        Raises :class:`ExternalChangeError` when the file changed since it was read, unless
        ``overwrite`` says the person confirmed replacing it.
        """
        if not overwrite and self.changed_on_disk():
            exists = self.target.exists()
            what = "was changed by someone else" if exists and self.seen else (
                "was created meanwhile" if exists else "was removed")
            raise ExternalChangeError(f"{what} since it was opened", self.target)
        data = self.render(visit)
        if not self.backed_up and self.target.exists():
            try:
                atomic_write_bytes(backup_path(self.target), self.target.read_bytes())
            except OSError as error:
                raise InputError(f"cannot read: {error.strerror or error}", self.target) from None
            self.backed_up = True
        atomic_write_bytes(self.target, data)
        self.visits[self.position] = visit
        self.seen = fingerprint(self.target)

    def moved_to(self, target: Path) -> VisitDocument:
        """The document to save under another name ("save as"): a new file holding this visit
        only — expected absent, so an existing file there is refused, never replaced."""
        return replace(self, target=target, position=0, visits=[self.original], seen=None, backed_up=False)


def open_document(host: PluginHost, path: Path, visit_id: str | None = None,
                  imported: Visit | None = None) -> VisitDocument:
    """Read the file of a visit for editing (the visit ``visit_id``, else its first).

    A native file is parsed anew (fast, and the truth on disk). Another format is imported again
    only when ``imported`` (the library's copy) does not match the file's hash: a PDF takes
    seconds. Its save target is a YAML file beside it not yet taken by another file.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path) from None
    digest = hashlib.sha256(data).hexdigest()
    native = path.suffix.lower() in NATIVE
    if not native and imported is not None and imported.provenance.source_sha256 == digest:
        visits = [imported]
    else:
        source = SourceInfo(name=str(path), path=path, size=len(data))
        importer = choose_importer(host, source, data[:HEAD_BYTES])
        visits = import_bytes(importer, data, source, build_options(importer.options_model, {}, importer.name))
    position = next((i for i, visit in enumerate(visits) if visit.id == visit_id), None if visit_id else 0)
    if position is None:
        raise InputError(f"holds no visit '{visit_id}' any more (changed since it was listed): reopen it", path)
    if native:
        stat = os.stat(path)
        return VisitDocument(path, position, visits, Fingerprint(stat.st_mtime_ns, stat.st_size, digest))
    target = sibling_yaml(path, visits[position].id if len(visits) > 1 else path.stem)
    return VisitDocument(target, 0, [visits[position]], None, source=path)


def sibling_yaml(source: Path, stem: str) -> Path:
    """A YAML file beside ``source`` named after ``stem`` that no file takes yet."""
    taken = {entry.name for entry in source.parent.iterdir()} if source.parent.is_dir() else set()
    return source.parent / unique_names([stem], ".yaml", taken)[0]


def new_document(folder: Path, visit: Visit) -> VisitDocument:
    """A document for a visit written by hand, saved as ``<id>.yaml`` in ``folder`` (a free name)."""
    taken = {entry.name for entry in folder.iterdir()} if folder.is_dir() else set()
    return VisitDocument(folder / unique_names([visit.id], ".yaml", taken)[0], 0, [visit], None)
