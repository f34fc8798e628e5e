"""Shared test helpers: where the fixtures are, and running the CLI in-process or as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
FIXTURE_YAMLS = sorted(FIXTURES.glob("*.yaml"))
TEXT_FIXTURES = sorted((FIXTURES / "text").glob("*.txt"))


def private_environment(folder: Path) -> dict[str, str]:
    """This process's environment with a home, cache and temporary folder of the subprocess's
    own under ``folder``: nothing it does depends on, or leaves anything in, the machine's."""
    places = {name: folder / name.lower() for name in ("HOME", "XDG_CACHE_HOME", "KVALITET_CACHE_DIR", "TMPDIR")}
    for place in places.values():
        place.mkdir(parents=True, exist_ok=True)
    return {**os.environ, **{name: str(place) for name, place in places.items()}}


def run_kvalitet(*args: str, input: bytes | None = None, cwd: Path | None = None,
                 env: dict[str, str] | None = None, timeout: float = 60,
                 stdout: BinaryIO | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``kvalitet`` command in a subprocess, as a pipeline would, with a private
    home, cache and temporary folder (``env`` may name others)."""
    with tempfile.TemporaryDirectory(prefix="kvalitet-test-") as private:
        environment = {**private_environment(Path(private)), **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "kvalitet_core.cli.main", *args],
            input=input, stdout=stdout if stdout is not None else subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=cwd, env=environment, timeout=timeout,
        )


@pytest.fixture(params=FIXTURE_YAMLS, ids=lambda p: p.stem)
def fixture_yaml(request: pytest.FixtureRequest) -> Path:
    return request.param


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library folder of the fixture visits (and one broken file) for the TUI's tests, with
    the index cache, config and state in the test's own folder."""
    from tui_support import make_library

    monkeypatch.setenv("KVALITET_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return make_library(tmp_path / "library")


@pytest.fixture
def app(library: Path, tmp_path: Path):  # -> KvalitetApp; Textual is imported by the TUI's tests only
    from tui_support import make_app

    return make_app(library, tmp_path / "cache")
