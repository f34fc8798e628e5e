"""The library index under concurrency and damage: readers and a refresher at once, none failing;
a damaged index rebuilt and said; files that are no visits skipped with a note."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_YAMLS, FIXTURES, private_environment, run_kvalitet
from kvalitet_core.library.index import Library
from kvalitet_core.library.locations import index_path
from kvalitet_core.native import dump_yaml, load_yaml

ENV = {"KVALITET_PLUGINS": "native"}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for fixture in FIXTURE_YAMLS:
        shutil.copy(fixture, folder)
    return folder


def _damage(db: Path) -> None:
    """Overwrite the middle of every page but the first: SQLite opens the file and fails later."""
    data = bytearray(db.read_bytes())
    for offset in range(4096 * 2, len(data), 4096):
        data[offset:offset + 64] = b"\xde\xad" * 32
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("command", [("search", "Pegasus"), ("stats",), ("library",)])
def test_a_damaged_index_is_rebuilt_and_said_in_one_line(library: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    cache = tmp_path / "cache"
    environment = {**ENV, "KVALITET_CACHE_DIR": str(cache)}
    assert run_kvalitet("library", str(library), env=environment).returncode == 0
    db = index_path(library, cache)
    _damage(db)
    done = run_kvalitet(command[0], str(library), *command[1:], env=environment)
    assert done.returncode == 0, done.stderr.decode()
    [line] = [line for line in done.stderr.decode().splitlines() if "index was damaged" in line]
    assert line.startswith(f"kvalitet: warning: {db}: the library index was damaged (")
    assert line.endswith("); rebuilt from the folder")
    assert run_kvalitet(command[0], str(library), *command[1:], env=environment).stderr.decode().count("index was damaged") == 0


def test_files_that_are_no_visits_are_skipped_with_a_note(library: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "reference" / "000.json", library / "transcription.json")
    done = run_kvalitet("library", str(library), env={**ENV, "KVALITET_CACHE_DIR": str(tmp_path / "cache")})
    assert done.returncode == 0
    assert ("kvalitet: note: transcription.json: skipped, not a kvalitet visit (no 'schema' field, "
            f"expected 'kvalitet/visit')") in done.stderr.decode().splitlines()
    assert "0 failed" in done.stderr.decode()


def test_a_schema_upgrade_does_not_pull_the_database_from_under_a_reader(library: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    reader = Library.open(library, cache_dir=cache)
    try:
        with sqlite3.connect(index_path(library, cache)) as connection:
            connection.execute("PRAGMA user_version = 999")
        with Library.open(library, cache_dir=cache) as upgraded:
            assert len(upgraded.entries()) == len(FIXTURE_YAMLS)
        assert len(reader.entries()) == len(FIXTURE_YAMLS)  # same file, rebuilt in place: still readable
    finally:
        reader.close()


def test_library_commands_at_once_on_a_changing_folder_never_fail(library: Path, tmp_path: Path) -> None:
    environment = {**private_environment(tmp_path / "private"), **ENV}
    commands = [["library", str(library)], ["search", str(library), "mad"], ["stats", str(library), "--to", "json"],
                ["timeline", str(library), "Pegasus"]] * 2
    visit = load_yaml(FIXTURE_YAMLS[0].read_text(encoding="utf-8"))[0]
    for round_ in range(4):
        changed = visit.model_copy(update={"id": f"extra-{round_}", "assessment": f"runde {round_}"})
        (library / f"extra-{round_}.yaml").write_text(dump_yaml([changed]), encoding="utf-8")
        if round_:
            (library / f"extra-{round_ - 1}.yaml").unlink()
        running = [subprocess.Popen([sys.executable, "-m", "kvalitet_core.cli.main", *command, "-j", "1"],
                                    env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                   for command in commands]
        for command, process in zip(commands, running):
            _, stderr = process.communicate(timeout=120)
            assert process.returncode == 0, (command, stderr.decode())


def test_an_unknown_offer_in_a_timeline_is_a_clear_error(library: Path, tmp_path: Path) -> None:
    done = run_kvalitet("timeline", str(library), "Pegasu", env={**ENV, "KVALITET_CACHE_DIR": str(tmp_path / "c")})
    assert done.returncode == 1
    assert done.stderr.decode() == f"kvalitet: error: no visits of 'Pegasu' in {library}; did you mean 'Pegasus'?\n"
