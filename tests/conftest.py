"""Shared test helpers: where the fixtures are, and running the CLI in-process or as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
FIXTURE_YAMLS = sorted(FIXTURES.glob("*.yaml"))
TEXT_FIXTURES = sorted((FIXTURES / "text").glob("*.txt"))


def run_kvalitet(*args: str, input: bytes | None = None, cwd: Path | None = None,
                 env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the installed ``kvalitet`` command in a subprocess, as a pipeline would."""
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kvalitet_core.cli.main", *args],
        input=input, capture_output=True, cwd=cwd, env=environment, timeout=timeout,
    )


@pytest.fixture(params=FIXTURE_YAMLS, ids=lambda p: p.stem)
def fixture_yaml(request: pytest.FixtureRequest) -> Path:
    return request.param
