"""The library index: a SQLite file that mirrors a folder of visit files, updated incrementally.

Importing is the expensive part (a PDF takes seconds), so a file is imported only when its
content changed: a file whose modification time and size are as recorded is trusted without
reading it; otherwise it is hashed, and only a new hash means a new import. Each imported visit
is stored as JSON (re-opening it is a fast pydantic parse, not an import) together with its
searchable passages in an FTS5 table. Imports may run in worker processes; every database write
happens here, in the calling process, inside one transaction, so a crash leaves the previous
index intact. A file that fails to import stays in the index with its error so that it can be
listed — nothing in the folder is silently dropped; a file that is no visit at all (a JSON file
of something else) is listed as skipped, not as a failure.

Any number of processes may use one index at once, one of them refreshing it (SQLite in WAL
mode: readers never wait for the writer). A refresh holds the index's refresh lock (a lock file
beside it) while it imports and writes, and writes in one ``BEGIN IMMEDIATE`` transaction;
a second refresher waits, then finds the work done. Every open library holds the index's lock
file shared, so the database file is only ever deleted — to rebuild a damaged index — by a
process holding it exclusively, when no other process has the database open.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kvalitet_core.errors import InputError, KvalitetError, NotAVisitError
from kvalitet_core.library.locations import index_path
from kvalitet_core.library.passages import Passage, passages
from kvalitet_core.model import Visit, slugify
from kvalitet_core.plugins import PluginHost, get_host
from kvalitet_core.workers import worker_host, worker_pool
from kvalitet_core.reading import read_visits

SCHEMA_VERSION = 5
"""Bumped whenever the tables or what they record change (5: which copy of a visit counts); an
index of another version is rebuilt from scratch."""

BUSY_TIMEOUT = 60.0
"""Seconds to wait for another process that is refreshing the same index."""

Progress = Callable[[int, int], None]
"""Told ``(files imported, files to import)`` while a refresh imports (see :meth:`Library.refresh`)."""

TOKENIZER = "unicode61 remove_diacritics 0"
"""Case-folding Unicode words; diacritics kept, so that æ, ø and å stay letters of their own."""

_SCHEMA = f"""
CREATE TABLE files (
    path TEXT PRIMARY KEY,          -- relative to the library root, '/'-separated
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    error TEXT,                     -- NULL when the file imported
    skipped INTEGER NOT NULL DEFAULT 0 -- 1 when the error says the file is no visit at all
);
CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
    position INTEGER NOT NULL,      -- the visit's place in its file
    visit_id TEXT NOT NULL,
    offer TEXT NOT NULL,
    offer_key TEXT NOT NULL,        -- see offer_key()
    offer_unit_key TEXT NOT NULL,
    unit TEXT,
    visit_date TEXT,
    assessment TEXT,
    preferred INTEGER NOT NULL DEFAULT 0, -- 1 for the copy of a visit id that counts, see _prefer()
    source_file TEXT,               -- the file name its provenance says it was imported from
    edited INTEGER NOT NULL DEFAULT 0, -- 1 when saved from the visit of a file beside it, see _prefer()
    data TEXT NOT NULL              -- the visit as JSON
);
CREATE INDEX visits_by_path ON visits(path);
CREATE INDEX visits_by_offer ON visits(offer_key, visit_date);
CREATE INDEX visits_by_visit_id ON visits(visit_id);
CREATE TABLE passages (
    id INTEGER PRIMARY KEY,         -- also the rowid of the passage's text in passage_text
    visit INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    part TEXT NOT NULL,
    themes TEXT NOT NULL,           -- ',3a,4,' so that one theme is matched with LIKE '%,3a,%'
    section INTEGER,
    item INTEGER,
    heading TEXT
);
CREATE INDEX passages_by_visit ON passages(visit);
CREATE VIRTUAL TABLE passage_text USING fts5(text, tokenize = '{TOKENIZER}');
"""


@dataclass(frozen=True, slots=True)
class FileFailure:
    """A file of the library that did not import, and the one-line reason."""

    path: str
    error: str


@dataclass(frozen=True, slots=True)
class VisitEntry:
    """What the index knows of one visit without parsing it."""

    key: int
    path: str
    visit_id: str
    offer: str
    unit: str | None
    visit_date: date | None
    assessment: str | None
    edited: bool = False
    """The visit was corrected and saved as a file of its own beside the file it was imported
    from; this copy is the one listed (see :meth:`Library._prefer`)."""


@dataclass(slots=True)
class RefreshReport:
    """What one refresh did, per file (paths relative to the root)."""

    imported: list[str] = field(default_factory=list)
    """Files read by an importer: new ones and those whose content changed."""
    rehashed: list[str] = field(default_factory=list)
    """Files whose time or size changed and which were hashed (imported too if the hash changed)."""
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    """Files imported in this refresh that failed."""
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.imported or self.rehashed or self.removed)


@dataclass(frozen=True, slots=True)
class _Stat:
    path: str
    mtime_ns: int
    size: int


@dataclass(frozen=True, slots=True)
class _IndexedVisit:
    """One imported visit as the index stores it, prepared in the worker so the main process only writes."""

    visit_id: str
    offer: str
    unit: str | None
    visit_date: str | None
    assessment: str | None
    data: str
    passages: list[Passage]
    source_file: str | None = None

    @classmethod
    def of(cls, visit: Visit) -> _IndexedVisit:
        return cls(visit.id, visit.offer, visit.unit, visit.visit_date.isoformat() if visit.visit_date else None,
                   visit.assessment, visit.model_dump_json(by_alias=True), passages(visit),
                   visit.provenance.source_file)


@dataclass(frozen=True, slots=True)
class _Imported:
    """A worker's answer for one file: the visits ready to insert, or the error."""

    path: str
    visits: list[_IndexedVisit] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False
    """The error says the file is no visit at all: listed as skipped, not as failed."""


@dataclass(frozen=True, slots=True)
class _Plan:
    """A refresh found but not yet done: its report so far, and the files to import and to touch."""

    report: RefreshReport
    known: dict[str, tuple[int, int, str]]
    to_import: list[tuple[_Stat, str]]
    touched: list[tuple[_Stat, str]]


def is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite's error means the file is damaged, rather than busy or misused."""
    text = str(error).lower()
    return isinstance(error, sqlite3.DatabaseError) and any(
        sign in text for sign in ("malformed", "not a database", "disk image", "vtable constructor failed"))


class _IndexLocks:
    """The lock files beside an index: ``.lock`` (shared while open, exclusive to delete the
    database) and ``.refresh.lock`` (exclusive while one process refreshes)."""

    def __init__(self, db_path: Path) -> None:
        self.open_lock = os.open(f"{db_path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        self.refresh_lock = os.open(f"{db_path}.refresh.lock", os.O_RDWR | os.O_CREAT, 0o644)
        self.db_path = db_path
        _lock(self.open_lock, fcntl.LOCK_SH, db_path)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """No other process has the index open while this lasts (then shared again)."""
        fcntl.flock(self.open_lock, fcntl.LOCK_UN)
        try:
            _lock(self.open_lock, fcntl.LOCK_EX, self.db_path,
                  "the library index is damaged and open in another kvalitet process: close it and try again")
            yield
        finally:
            fcntl.flock(self.open_lock, fcntl.LOCK_UN)
            _lock(self.open_lock, fcntl.LOCK_SH, self.db_path)

    @contextmanager
    def refreshing(self) -> Iterator[None]:
        _lock(self.refresh_lock, fcntl.LOCK_EX, self.db_path)
        try:
            yield
        finally:
            fcntl.flock(self.refresh_lock, fcntl.LOCK_UN)

    def close(self) -> None:
        os.close(self.open_lock)  # releases its locks
        os.close(self.refresh_lock)


def _lock(descriptor: int, kind: int, db_path: Path,
          busy: str = "the library index is busy in another kvalitet process: try again") -> None:
    """Take a lock, waiting up to ``BUSY_TIMEOUT`` seconds for other processes to let go."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            fcntl.flock(descriptor, kind | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise InputError(busy, db_path) from None
            time.sleep(0.02)


@contextmanager
def _immediate(connection: sqlite3.Connection) -> Iterator[None]:
    """A write transaction that takes SQLite's write lock at its start (``BEGIN IMMEDIATE``), so
    that it waits for another writer up front instead of failing half-way as "locked"."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


class Library:
    """A folder of visit files and its index. Use :meth:`open`; close it (or use ``with``)."""

    def __init__(self, root: Path, connection: sqlite3.Connection, db_path: Path,
                 locks: _IndexLocks | None = None, rebuilt: str | None = None,
                 host: PluginHost | None = None) -> None:
        self.root = root
        self.host = host if host is not None else get_host()
        """The plugins that read the folder's files: which files count, and how they import."""
        self.connection = connection
        self.db_path = db_path
        self.locks = locks
        self.rebuilt = rebuilt
        """Why the index was rebuilt from scratch when it was opened (damaged), else None."""
        self.last_refresh: RefreshReport | None = None
        """What the latest :meth:`refresh` did; None until one ran."""

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, root: str | Path, *, cache_dir: Path | None = None, refresh: bool = True,
             jobs: int = 1, host: PluginHost | None = None) -> Library:
        """Open the library at ``root``, creating its index if needed and (by default) refreshing it.

        ``host`` reads the files; without one, the installed plugins do."""
        root = Path(root)
        if not root.is_dir():
            raise InputError("not a folder (a library is a folder of visit files)", root)
        db_path = index_path(root, cache_dir)
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            locks = _IndexLocks(db_path)
        except OSError as error:
            raise InputError(f"cannot open the library index: {error.strerror or error}", db_path) from None
        try:
            connection, rebuilt = _connect(db_path, locks)
        except sqlite3.Error as error:
            locks.close()
            raise InputError(f"cannot open the library index: {error}", db_path) from None
        except BaseException:
            locks.close()
            raise
        library = cls(root.resolve(), connection, db_path, locks, rebuilt, host)
        if refresh:
            try:
                library.refresh(jobs=jobs)
            except BaseException:
                library.close()
                raise
        return library

    @classmethod
    def rebuild(cls, root: str | Path, error: sqlite3.Error, *, cache_dir: Path | None = None,
                jobs: int = 1, host: PluginHost | None = None) -> Library:
        """Open the library after ``error`` showed its index damaged: the index is deleted (once
        no other process has it open) and built again from the folder."""
        db_path = index_path(Path(root), cache_dir)
        locks = _IndexLocks(db_path)
        try:
            with locks.exclusive():
                _delete_database(db_path)
        finally:
            locks.close()
        library = cls.open(root, cache_dir=cache_dir, jobs=jobs, host=host)
        library.rebuilt = str(error)
        return library

    def close(self) -> None:
        self.connection.close()
        if self.locks is not None:
            self.locks.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- keeping the index in step -----------------------------------------------------------

    def refresh(self, *, jobs: int = 1, on_progress: Progress | None = None) -> RefreshReport:
        """Bring the index in step with the folder; only new or changed files are imported.

        The files are those with an extension some installed importer reads, hidden ones aside.
        Finding what changed needs no lock; importing and writing it happen under the refresh
        lock, after looking again (another process may have done the work meanwhile).

        Importing is the slow part (a first refresh may import thousands of files), so
        ``on_progress`` is told ``(0, n)`` before the first of n imports and ``(done, n)`` as
        each result arrives — in this process and thread, whatever the number of jobs. It is
        not called when nothing needs importing.
        """
        plan = self._changes()
        if not plan.report.changed or self.locks is None:
            return self._apply(plan, jobs, on_progress)
        with self.locks.refreshing():
            return self._apply(self._changes(), jobs, on_progress)

    def _changes(self) -> _Plan:
        """What differs between the folder and the index: a refresh not yet done."""
        report = RefreshReport()
        known = {row[0]: row[1:] for row in self.connection.execute(
            "SELECT path, mtime_ns, size, sha256 FROM files")}
        on_disk = {stat.path: stat for stat in _scan(self.root, _extensions(self.host))}
        report.removed = sorted(set(known) - set(on_disk))
        to_import: list[tuple[_Stat, str]] = []
        touched: list[tuple[_Stat, str]] = []
        for path, stat in sorted(on_disk.items()):
            recorded = known.get(path)
            if recorded is not None and recorded[0] == stat.mtime_ns and recorded[1] == stat.size:
                report.unchanged += 1
                continue
            digest = _hash(self.root / path)
            if recorded is not None:
                report.rehashed.append(path)
                if recorded[2] == digest:
                    touched.append((stat, digest))
                    continue
            to_import.append((stat, digest))
        return _Plan(report, known, to_import, touched)

    def _apply(self, plan: _Plan, jobs: int, on_progress: Progress | None) -> RefreshReport:
        """Import and record what :meth:`_changes` found."""
        report, known, to_import, touched = plan.report, plan.known, plan.to_import, plan.touched
        if not (to_import or touched or report.removed):
            self.last_refresh = report
            return report
        imported = _import_all(self.host, self.root, [stat.path for stat, _ in to_import], jobs, on_progress)
        with _immediate(self.connection):
            for path in report.removed:
                self._forget(path)
            self.connection.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in report.removed])
            self.connection.executemany(
                "UPDATE files SET mtime_ns = ?, size = ? WHERE path = ?",
                [(stat.mtime_ns, stat.size, stat.path) for stat, _ in touched])
            next_passage = self.connection.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()[0]
            for (stat, digest), outcome in zip(to_import, imported):
                if stat.path in known:
                    self._forget(stat.path)
                next_passage = self._store(stat, digest, outcome, next_passage)
                report.imported.append(stat.path)
                if outcome.error is not None and not outcome.skipped:
                    report.failed.append(stat.path)
            self._prefer()
        self.last_refresh = report
        return report

    def _prefer(self) -> None:
        """Mark one copy of each visit as the one that counts: an edited copy, else a copy in a
        native format (YAML, JSON), else the copy from the most recently changed file.

        A folder often holds one visit twice — the PDF and the YAML converted (and perhaps
        corrected) from it; counting both would double it in search hits, stats and timelines.
        A copy is *edited* when it was saved beside the file it was imported from: its
        provenance names a file in its own folder that holds the same visit (the editor saves a
        PDF's visit as YAML there). That copy is the person's corrected version and wins
        whichever file changed last. A native copy is the visit itself, where a document's is
        what an importer read in it; and files' times say little once a folder has been copied
        or checked out, so they decide only between copies alike in both respects.
        """
        native = sorted({extension.lower() for importer in self.host.importers.values()
                         if not importer.records_provenance for extension in importer.extensions})
        is_native = " OR ".join(["lower(v.path) LIKE ?"] * len(native)) or "0"
        self.connection.execute(
            "UPDATE visits SET edited = (source_file IS NOT NULL AND EXISTS (SELECT 1 FROM visits s "
            "WHERE s.visit_id = visits.visit_id AND s.path != visits.path "
            "AND s.path = rtrim(visits.path, replace(visits.path, '/', '')) || visits.source_file))")
        self.connection.execute("UPDATE visits SET preferred = 0 WHERE preferred = 1")
        self.connection.execute(
            "UPDATE visits SET preferred = 1 WHERE id IN (SELECT id FROM (SELECT v.id, row_number() OVER ("
            f"PARTITION BY v.visit_id ORDER BY v.edited DESC, ({is_native}) DESC, f.mtime_ns DESC, v.path, "
            "v.position) AS rank FROM visits v JOIN files f ON f.path = v.path) WHERE rank = 1)",
            [f"%{extension}" for extension in native])

    def _forget(self, path: str) -> None:
        """Remove a file's visits and their passages (FTS rows have no foreign keys to cascade)."""
        self.connection.execute(
            "DELETE FROM passage_text WHERE rowid IN (SELECT p.id FROM passages p JOIN visits v "
            "ON v.id = p.visit WHERE v.path = ?)", (path,))
        self.connection.execute("DELETE FROM visits WHERE path = ?", (path,))

    def _store(self, stat: _Stat, digest: str, outcome: _Imported, next_passage: int) -> int:
        """Record one imported file; passages are numbered from ``next_passage`` (returned advanced)
        so that both passage tables are filled with one ``executemany`` each."""
        self.connection.execute(
            "INSERT INTO files (path, mtime_ns, size, sha256, error, skipped) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET mtime_ns = excluded.mtime_ns, size = excluded.size, "
            "sha256 = excluded.sha256, error = excluded.error, skipped = excluded.skipped",
            (stat.path, stat.mtime_ns, stat.size, digest, outcome.error, outcome.skipped))
        for position, visit in enumerate(outcome.visits):
            cursor = self.connection.execute(
                "INSERT INTO visits (path, position, visit_id, offer, offer_key, offer_unit_key, unit, "
                "visit_date, assessment, data, source_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (stat.path, position, visit.visit_id, visit.offer, offer_key(visit.offer),
                 offer_key(f"{visit.offer} {visit.unit or ''}"), visit.unit, visit.visit_date, visit.assessment,
                 visit.data, visit.source_file))
            ids = range(next_passage, next_passage + len(visit.passages))
            next_passage = ids.stop
            self.connection.executemany(
                "INSERT INTO passages (id, visit, part, themes, section, item, heading) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(number, cursor.lastrowid, passage.part, f",{','.join(passage.themes)},", passage.section,
                  passage.item, passage.heading) for number, passage in zip(ids, visit.passages)])
            self.connection.executemany("INSERT INTO passage_text (rowid, text) VALUES (?, ?)",
                                        [(number, passage.text) for number, passage in zip(ids, visit.passages)])
        return next_passage

    # -- reading -----------------------------------------------------------------------------

    def entries(self, offer: str | None = None, *, duplicates: bool = False) -> list[VisitEntry]:
        """The indexed visits (of one offer, see :func:`offer_key`, when given), by date then id.

        A visit id found in several files is listed once (see :meth:`_prefer`) unless
        ``duplicates`` asks for every copy.
        """
        sql = "SELECT id, path, visit_id, offer, unit, visit_date, assessment, edited FROM visits WHERE "
        sql += "1" if duplicates else "preferred = 1"
        parameters: tuple[str, ...] = ()
        if offer is not None:
            sql += " AND (offer_key = ? OR offer_unit_key = ?)"
            parameters = (offer_key(offer),) * 2
        sql += " ORDER BY visit_date IS NULL, visit_date, visit_id, path, position"
        return [VisitEntry(key, path, visit_id, offer_, unit, date.fromisoformat(day) if day else None, assessment,
                           bool(edited))
                for key, path, visit_id, offer_, unit, day, assessment, edited
                in self.connection.execute(sql, parameters)]

    def load(self, entries: Sequence[VisitEntry]) -> list[Visit]:
        """The visits of these entries, parsed from the stored JSON (no file is read)."""
        keys = json.dumps([entry.key for entry in entries])  # one parameter, however many entries
        data = dict(self.connection.execute(
            "SELECT id, data FROM visits WHERE id IN (SELECT value FROM json_each(?))", (keys,)))
        return [Visit.model_validate_json(data[entry.key]) for entry in entries]

    def visits(self, offer: str | None = None) -> list[Visit]:
        """Every indexed visit (or one offer's), by date."""
        return self.load(self.entries(offer))

    def failures(self) -> list[FileFailure]:
        """The files that did not import, with their errors, by path (not those skipped)."""
        return [FileFailure(path, error) for path, error in self.connection.execute(
            "SELECT path, error FROM files WHERE error IS NOT NULL AND NOT skipped ORDER BY path")]

    def skipped(self) -> list[FileFailure]:
        """The files that are no visits at all (of a readable kind, holding something else), by path."""
        return [FileFailure(path, error) for path, error in self.connection.execute(
            "SELECT path, error FROM files WHERE skipped ORDER BY path")]

    def file_count(self) -> int:
        return self.connection.execute("SELECT count(*) FROM files").fetchone()[0]


def offer_key(name: str) -> str:
    """How an offer name is matched: its slug without separators, so "nabo" finds "N.A.B.O."
    and "projekt offside" finds "Projekt Off-Side"."""
    return slugify(name).replace("-", "")


def _connect(db_path: Path, locks: _IndexLocks) -> tuple[sqlite3.Connection, str | None]:
    """Open the index, and say why it was rebuilt if it was (it is a cache: rebuilding costs
    time, never data). An index of another schema version is emptied in place, in a write
    transaction, so that other processes reading it are not disturbed; a damaged one is deleted
    and made anew, once no other process has it open."""
    try:
        return _open_database(db_path, locks), None
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        with locks.exclusive():
            try:  # another process may have rebuilt it while this one waited
                return _open_database(db_path, locks), None
            except sqlite3.DatabaseError as again:
                if not is_damage(again):
                    raise
                _delete_database(db_path)
                return _open_database(db_path, locks), str(error)


def _open_database(db_path: Path, locks: _IndexLocks) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) to a usable index of this
    schema version; raises SQLite's error when the file is damaged."""
    connection = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            with locks.refreshing(), _immediate(connection):
                if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    _create_schema(connection)
        connection.execute("SELECT count(*) FROM files").fetchone()  # a damaged file fails here, not later
    except BaseException:
        connection.close()
        raise
    return connection


def _create_schema(connection: sqlite3.Connection) -> None:
    """Drop whatever tables the index has and create this version's (inside the caller's transaction)."""
    tables = [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE TABLE ''%'")]  # an FTS table's shadow tables go with it
    for name in reversed(tables):  # those that refer to others first
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone():
            connection.execute(f'DROP TABLE "{name}"')
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _delete_database(db_path: Path) -> None:
    """Delete the index and its WAL files (only while holding its lock exclusively)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def _extensions(host: PluginHost) -> set[str]:
    """The extensions some importer reads: the files a library consists of."""
    return {extension.lower() for importer in host.importers.values() for extension in importer.extensions}


def _scan(root: Path, extensions: set[str]) -> Iterator[_Stat]:
    """Every candidate file under ``root``; hidden files and folders are skipped."""
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in names:
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in extensions:
                continue
            full = os.path.join(folder, name)
            try:
                stat = os.stat(full)
            except OSError:
                continue  # vanished between listing and stat: it is gone for this refresh
            yield _Stat(Path(full).relative_to(root).as_posix(), stat.st_mtime_ns, stat.st_size)


def _hash(path: Path) -> str:
    """The file's SHA-256; empty when it cannot be read (its import then fails and says why)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def _import_one(host: PluginHost | None, root: Path, path: str) -> _Imported:
    """Import one file (in-process with ``host``, or in a worker with the worker's host); the
    visits come back with their JSON."""
    try:
        visits = read_visits(host or worker_host(), root / path)
    except KvalitetError as error:  # the path is stored beside it
        return _Imported(path, error=error.message, skipped=isinstance(error, NotAVisitError))
    return _Imported(path, visits=[_IndexedVisit.of(visit) for visit in visits])


def _import_all(host: PluginHost, root: Path, paths: list[str], jobs: int,
                on_progress: Progress | None = None) -> list[_Imported]:
    """Import files in order: in up to ``jobs`` worker processes, in this one for a single file."""
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        return _collect((_import_one(host, root, path) for path in paths), len(paths), on_progress)
    with worker_pool(jobs, host) as pool:
        chunk = max(1, min(16, len(paths) // (jobs * 4)))
        return _collect(pool.map(_import_one, [None] * len(paths), [root] * len(paths), paths, chunksize=chunk),
                        len(paths), on_progress)


def _collect(results: Iterable[_Imported], total: int, on_progress: Progress | None) -> list[_Imported]:
    """The results as a list, ``on_progress`` told of each as it arrives (lazily, from the workers)."""
    if on_progress is None or not total:
        return list(results)
    on_progress(0, total)
    collected: list[_Imported] = []
    for result in results:
        collected.append(result)
        on_progress(len(collected), total)
    return collected


def describe(report: RefreshReport) -> str:
    """One line on what a refresh did."""
    parts = [f"{len(report.imported)} imported", f"{len(report.removed)} removed", f"{report.unchanged} unchanged"]
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    return ", ".join(parts)

