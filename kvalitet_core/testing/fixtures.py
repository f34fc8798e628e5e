"""pytest fixtures for plugin authors, loaded through the ``pytest11`` entry point ``kvalitet``.

- ``kvalitet_host``: a plugin host that loads nothing by itself but the native YAML and JSON
  formats (and the built-in quality models), and turns a plugin that fails to register into an
  error; add plugins with ``kvalitet_host.add(module_or_object)`` — they live as long as the test.
- ``kvalitet_cli``: runs ``kvalitet ARGS`` in-process with ``kvalitet_host``'s plugins:
  ``kvalitet_cli("convert", "in.yaml", "--to", "mine")`` returns exit code, stdout and stderr.
- ``sample_visits`` / ``sample_visit_paths``: the sample visits shipped with kvalitet.
- ``kvalitet_update_golden``: whether ``--kvalitet-update-golden`` was given (or the variable
  ``KVALITET_UPDATE_GOLDEN``), to pass to ``check_exporter(update=...)``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kvalitet_core.model import Visit
from kvalitet_core.plugins import PluginHost
from kvalitet_core.samples import sample_paths
from kvalitet_core.samples import sample_visits as load_samples
from kvalitet_core.testing.contracts import golden_update_requested
from kvalitet_core.testing.runner import CliResult, run_cli


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("kvalitet").addoption(
        "--kvalitet-update-golden", action="store_true",
        help="write the golden files of kvalitet exporter checks anew instead of comparing with them")


@pytest.fixture
def kvalitet_host() -> PluginHost:
    host = PluginHost(strict=True)
    host.load_entry_points(only={"native"})  # YAML and JSON: what visits are saved in
    return host


@pytest.fixture
def kvalitet_cli(kvalitet_host: PluginHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """A runner of the command line with the test's host; the cache and temporary files of what
    it runs stay in the test's own folder."""
    for name in ("HOME", "XDG_CACHE_HOME", "KVALITET_CACHE_DIR", "TMPDIR"):
        place = tmp_path / f".{name.lower()}"
        place.mkdir(exist_ok=True)
        monkeypatch.setenv(name, str(place))

    def run(*args: str, input: bytes = b"") -> CliResult:
        return run_cli(args, kvalitet_host, input=input)

    return run


@pytest.fixture
def sample_visits() -> list[Visit]:
    return load_samples()


@pytest.fixture
def sample_visit_paths() -> list[Path]:
    return sample_paths()


@pytest.fixture
def kvalitet_update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--kvalitet-update-golden")) or golden_update_requested()
