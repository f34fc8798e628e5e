"""A report exported to HTML, printed to PDF by a browser and imported again is the same visit.

People print the HTML pages this tool writes and file the PDFs; those PDFs come back as input.
The browser is another producer with its own ways: every letter its own text run, list markers
drawn as shapes, a line height of 1.5, boxes that run over a page break without their label,
and the side box as a table of keys and values. Skipped, with the reason, only when no chromium
is installed (``.ci/run`` installs it; ``KVALITET_CHROMIUM`` may name another binary).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURE_YAMLS, run_kvalitet
from kvalitet_core.native import load_yaml
from kvalitet_core.plugins import get_host
from kvalitet_core.reading import read_visits
from kvalitet_core.scoring import score_visit

CHROMIUM = os.environ.get("KVALITET_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
METADATA = ("offer", "visit_date", "auditors", "employees_total", "employees_note", "spoke_with", "assessment")


@pytest.mark.parametrize("reference", FIXTURE_YAMLS, ids=lambda p: p.stem)
def test_an_exported_report_printed_by_a_browser_imports_again(reference: Path, tmp_path: Path) -> None:
    page = tmp_path / "visit.html"
    assert run_kvalitet("convert", str(reference), "--to", "html", "-o", str(page)).returncode == 0
    printed = tmp_path / "visit.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={printed}", page.as_uri()],
                   check=True, capture_output=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})
    expected = load_yaml(reference.read_text(encoding="utf-8"))[0]
    [visit] = read_visits(get_host(), printed)
    for name in METADATA:
        assert getattr(visit, name) == getattr(expected, name), name
    assert [s.themes for s in visit.sections] == [s.themes for s in expected.sections]
    score = score_visit(visit, expected)
    # The HTML page leaves out the "Tema 4 fortsat fra side 8." line a continued box starts with
    # (its column says "(fortsat)"), so a continued box may miss those few words.
    poor = [(text.part, round(text.similarity, 3)) for text in score.texts
            if text.similarity < (0.95 if _continued(expected, text.section) else 0.98)]
    assert not poor, poor


def _continued(visit, section: int | None) -> bool:  # noqa: ANN001 - a Visit
    return section is not None and visit.sections[section].continued
