"""The library index: built once, then updated file by file; failures listed, never dropped."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import FIXTURE_YAMLS, ROOT, run_kvalitet
from kvalitet_core.errors import InputError
from kvalitet_core.library import index as index_module
from kvalitet_core.library.index import Library
from kvalitet_core.library.locations import default_cache_dir, index_path
from kvalitet_core.library.search import search
from kvalitet_core.native import dump_json, dump_yaml, load_yaml

_spec = importlib.util.spec_from_file_location("generate_library", ROOT / "scripts" / "generate_library.py")
assert _spec and _spec.loader
generator = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generator)


def make_library(folder: Path, count: int, seed: int = 11) -> list[Path]:
    """A generated library of ``count`` visits plus the four fixtures, as YAML files under ``folder``."""
    written = generator.write_library(folder, generator.generate_visits(count, seed))
    for fixture in FIXTURE_YAMLS:
        shutil.copy(fixture, folder / fixture.name)
        written.append(folder / fixture.name)
    return written


GENERATED = 30
FILES = GENERATED + len(FIXTURE_YAMLS)


@pytest.fixture(scope="module")
def library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "library"
    make_library(folder, GENERATED)
    return folder


@pytest.fixture
def library_dir(library_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the generated library for each test, which may change it."""
    return Path(shutil.copytree(library_template, tmp_path / "library"))


@pytest.fixture
def import_calls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the index hands to an importer (imports run in-process with jobs=1)."""
    calls: list[Path] = []
    real = index_module.read_visits

    def counting(host, location, **options):  # type: ignore[no-untyped-def]
        calls.append(Path(location))
        return real(host, location, **options)

    monkeypatch.setattr(index_module, "read_visits", counting)
    return calls


def _open(folder: Path, cache: Path) -> Library:
    return Library.open(folder, cache_dir=cache, jobs=1)


def test_generator_is_deterministic_and_ids_unique():
    first, second = generator.generate_visits(80, 5), generator.generate_visits(80, 5)
    assert [v.model_dump() for v in first] == [v.model_dump() for v in second]
    assert len({v.id for v in first}) == 80
    assert generator.generate_visits(80, 6)[10].model_dump() != first[10].model_dump()
    offers = {(v.offer, v.unit) for v in first}
    assert ("Pegasus", None) in offers and len(offers) < 40, "offers are visited repeatedly"


def test_cold_build_imports_every_file_once(library_dir, tmp_path, import_calls):
    with _open(library_dir, tmp_path / "cache") as library:
        files = sorted(p.relative_to(library_dir).as_posix() for p in library_dir.rglob("*.yaml"))
        assert library.file_count() == len(files) == FILES
        assert len(import_calls) == FILES
        assert len(library.entries()) == FILES
        assert library.failures() == []


def test_reopening_an_unchanged_library_imports_nothing(library_dir, tmp_path, import_calls):
    _open(library_dir, tmp_path / "cache").close()
    import_calls.clear()
    with Library.open(library_dir, cache_dir=tmp_path / "cache", refresh=False) as library:
        report = library.refresh(jobs=1)
    assert import_calls == []
    assert report.unchanged == FILES and not report.changed


def test_touching_a_file_rehashes_it_but_does_not_import_it(library_dir, tmp_path, import_calls):
    _open(library_dir, tmp_path / "cache").close()
    import_calls.clear()
    target = library_dir / FIXTURE_YAMLS[0].name
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 5_000_000_000))
    with Library.open(library_dir, cache_dir=tmp_path / "cache", refresh=False) as library:
        report = library.refresh(jobs=1)
        again = library.refresh(jobs=1)
    assert report.rehashed == [target.name] and report.imported == [] and import_calls == []
    assert not again.changed, "the new modification time was recorded"


def test_modifying_a_file_reimports_only_that_file(library_dir, tmp_path, import_calls):
    _open(library_dir, tmp_path / "cache").close()
    import_calls.clear()
    target = library_dir / "pegasus-2017-09-28.yaml"
    visit = load_yaml(target.read_text("utf-8"))[0]
    visit.assessment = "Akkrediteret"
    visit.overall_impression += "\n\nEt helt nyt ord: zebrafinke."
    target.write_text(dump_yaml([visit]), "utf-8")
    with Library.open(library_dir, cache_dir=tmp_path / "cache", refresh=False) as library:
        report = library.refresh(jobs=1)
        entry = next(e for e in library.entries() if e.visit_id == "pegasus-2017-09-28")
        found = library.connection.execute(
            "SELECT count(*) FROM passage_text WHERE passage_text MATCH 'zebrafinke'").fetchone()[0]
        assert library.load([entry])[0] == visit
    assert report.imported == [target.name] and import_calls == [target]
    assert entry.assessment == "Akkrediteret" and found == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_refresh_tells_its_progress_as_files_import(library_dir, tmp_path, jobs):
    """(0, n) first, then one call per file in order, in the calling process; nothing to import,
    no call."""
    calls: list[tuple[int, int, int]] = []
    with Library.open(library_dir, cache_dir=tmp_path / "cache", refresh=False) as library:
        library.refresh(jobs=jobs, on_progress=lambda done, total: calls.append((done, total, os.getpid())))
        assert calls == [(done, FILES, os.getpid()) for done in range(FILES + 1)]
        calls.clear()
        library.refresh(jobs=jobs, on_progress=lambda done, total: calls.append((done, total, os.getpid())))
    assert calls == []


def test_deleted_files_leave_the_index_with_their_passages(library_dir, tmp_path):
    _open(library_dir, tmp_path / "cache").close()
    (library_dir / "nabo-2017-10-05.yaml").unlink()
    with _open(library_dir, tmp_path / "cache") as library:
        assert all(e.visit_id != "nabo-2017-10-05" for e in library.entries())
        orphans = library.connection.execute(
            "SELECT count(*) FROM passage_text WHERE rowid NOT IN (SELECT id FROM passages)").fetchone()[0]
        passages = library.connection.execute(
            "SELECT count(*) FROM passages WHERE visit NOT IN (SELECT id FROM visits)").fetchone()[0]
    assert orphans == passages == 0


def test_added_file_is_the_only_import(library_dir, tmp_path, import_calls):
    _open(library_dir, tmp_path / "cache").close()
    import_calls.clear()
    visit = generator.generate_visits(1, 99)[0]
    target = library_dir / "new" / "added.yaml"
    target.parent.mkdir()
    target.write_text(dump_yaml([visit]), "utf-8")
    with _open(library_dir, tmp_path / "cache") as library:
        assert library.file_count() == FILES + 1
        assert visit.id in {e.visit_id for e in library.entries()}
    assert import_calls == [target]


def test_a_failing_file_is_listed_with_its_error_and_not_retried(library_dir, tmp_path, import_calls):
    broken = library_dir / "broken.yaml"
    broken.write_text("schema: kvalitet/visit\nschema_version: 1\nid: BAD ID\noffer: x\n", "utf-8")
    (library_dir / "notes.json").write_text("{not json", "utf-8")
    with _open(library_dir, tmp_path / "cache") as library:
        failures = {f.path: f.error for f in library.failures()}
        assert set(failures) == {"broken.yaml", "notes.json"}
        assert failures["broken.yaml"].startswith("id: not in the expected form (lower-case letters")
        assert "not valid JSON" in failures["notes.json"]
        assert len(library.entries()) == FILES
    import_calls.clear()
    with _open(library_dir, tmp_path / "cache") as library:
        assert len(library.failures()) == 2 and import_calls == []
    broken.write_text(dump_yaml(generator.generate_visits(1, 3)), "utf-8")
    with _open(library_dir, tmp_path / "cache") as library:
        assert [f.path for f in library.failures()] == ["notes.json"]


def test_hidden_and_foreign_files_are_not_part_of_the_library(library_dir, tmp_path):
    (library_dir / ".hidden").mkdir()
    shutil.copy(FIXTURE_YAMLS[0], library_dir / ".hidden" / "copy.yaml")
    (library_dir / "photo.jpg").write_bytes(b"\xff\xd8")
    with _open(library_dir, tmp_path / "cache") as library:
        assert library.file_count() == FILES


def test_an_index_of_another_schema_version_is_rebuilt(library_dir, tmp_path, import_calls):
    cache = tmp_path / "cache"
    _open(library_dir, cache).close()
    with sqlite3.connect(index_path(library_dir, cache)) as connection:
        connection.execute("PRAGMA user_version = 999")
    import_calls.clear()
    with _open(library_dir, cache) as library:
        assert len(library.entries()) == FILES
    assert len(import_calls) == FILES


def test_a_damaged_index_is_rebuilt(library_dir, tmp_path):
    cache = tmp_path / "cache"
    _open(library_dir, cache).close()
    index_path(library_dir, cache).write_bytes(b"this is not a database" * 100)
    with _open(library_dir, cache) as library:
        assert len(library.visits()) == FILES


def test_parallel_build_matches_serial_build(library_dir, tmp_path):
    with Library.open(library_dir, cache_dir=tmp_path / "serial", jobs=1) as serial, \
            Library.open(library_dir, cache_dir=tmp_path / "parallel", jobs=2) as parallel:
        assert [(e.path, e.visit_id, e.assessment) for e in serial.entries()] == \
               [(e.path, e.visit_id, e.assessment) for e in parallel.entries()]
        assert serial.visits() == parallel.visits()


def test_a_visit_in_two_files_counts_once_from_the_newer_file(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    older, newer = folder / "pegasus.yaml", folder / "pegasus-corrected.json"
    visit = load_yaml(FIXTURE_YAMLS[2].read_text("utf-8"))[0]
    older.write_text(dump_yaml([visit]), "utf-8")
    visit.assessment = "Akkrediteret"
    newer.write_text(dump_json([visit]), "utf-8")
    os.utime(older, ns=(1_000_000_000, 1_000_000_000))
    with _open(folder, tmp_path / "cache") as library:
        assert [(e.path, e.assessment) for e in library.entries()] == [(newer.name, "Akkrediteret")]
        assert len(library.entries(duplicates=True)) == 2
        hits = search(library, '"noget at stå op til"', limit=50)
        assert {hit.path for hit in hits} == {newer.name}
        newer.unlink()
        library.refresh()
        assert [e.path for e in library.entries()] == [older.name]


def test_a_native_copy_counts_before_a_newer_document(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    pdf = Path(shutil.copy(ROOT / "fixtures" / "pdf" / "pegasus-2017-09-28.pdf", folder / "pegasus.pdf"))
    yaml_copy = Path(shutil.copy(FIXTURE_YAMLS[2], folder / "pegasus.yaml"))
    os.utime(yaml_copy, ns=(1_000_000_000, 1_000_000_000))  # older than the PDF, as after a checkout may be
    with _open(folder, tmp_path / "cache") as library:
        assert [e.path for e in library.entries()] == [yaml_copy.name]
        assert len(library.entries(duplicates=True)) == 2
        yaml_copy.unlink()
        library.refresh()
        assert [e.path for e in library.entries()] == [pdf.name]


def test_stored_visits_equal_the_files(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    for fixture in FIXTURE_YAMLS:
        shutil.copy(fixture, folder)
    with _open(folder, tmp_path / "cache") as library:
        stored = {v.id: v for v in library.visits()}
    for fixture in FIXTURE_YAMLS:
        visit = load_yaml(fixture.read_text("utf-8"))[0]
        assert stored[visit.id] == visit


def test_cache_location_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("KVALITET_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "kvalitet"
    monkeypatch.setenv("KVALITET_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"
    (tmp_path / "a" / "lib").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    assert index_path(tmp_path / "a" / "lib") == index_path(tmp_path / "b" / ".." / "a" / "lib")
    assert index_path(tmp_path / "a" / "lib") != index_path(tmp_path / "b")
    assert index_path(tmp_path / "a" / "lib").parent == tmp_path / "mine"


def test_a_library_must_be_a_folder(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        Library.open(FIXTURE_YAMLS[0], cache_dir=tmp_path)


def test_cli_lists_failures_and_exits_1(library_dir, tmp_path):
    (library_dir / "broken.yaml").write_text("- just a list\n", "utf-8")
    environment = {"KVALITET_CACHE_DIR": str(tmp_path / "cache")}
    result = run_kvalitet("library", str(library_dir), "--errors", env=environment)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == ["broken.yaml: expected a mapping of visit fields, found list"]
    listing = run_kvalitet("library", str(library_dir), "--json", "--cache-dir", str(tmp_path / "other"))
    data = json.loads(listing.stdout)
    assert len(data["visits"]) == FILES and data["failures"][0]["path"] == "broken.yaml"
    assert data["refresh"]["imported"] and Path(data["index"]).parent == tmp_path / "other"

