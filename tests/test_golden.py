"""Golden files: every exporter's output for every fixture, byte for byte.

An intended change of an exporter's output shows up here as a diff to review. To accept it,
regenerate the files and review them with ``git diff tests/golden``:

    KVALITET_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from kvalitet_core.native import load_yaml
from kvalitet_core.plugins import get_host

from conftest import FIXTURE_YAMLS, ROOT

GOLDEN = ROOT / "tests" / "golden"
EXPORTERS = ("markdown", "html", "csv")
UPDATE = os.environ.get("KVALITET_UPDATE_GOLDEN", "") not in ("", "0")


def render(exporter_name: str, fixture: Path) -> bytes:
    exporter = get_host().exporters[exporter_name]
    buffer = io.BytesIO()
    exporter.write(load_yaml(fixture.read_text(encoding="utf-8")), buffer, exporter.options_model())
    return buffer.getvalue()


@pytest.mark.parametrize("exporter_name", EXPORTERS)
@pytest.mark.parametrize("fixture", FIXTURE_YAMLS, ids=lambda p: p.stem)
def test_output_matches_golden_file(exporter_name: str, fixture: Path) -> None:
    exporter = get_host().exporters[exporter_name]
    golden = GOLDEN / exporter_name / f"{fixture.stem}{exporter.extension}"
    produced = render(exporter_name, fixture)
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(produced)
    assert golden.exists(), f"no golden file {golden.relative_to(ROOT)}; create it with KVALITET_UPDATE_GOLDEN=1"
    assert produced == golden.read_bytes(), (
        f"{exporter_name} output for {fixture.name} differs from {golden.relative_to(ROOT)}; "
        "if the change is intended: KVALITET_UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    )
