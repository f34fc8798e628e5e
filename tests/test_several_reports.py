"""Two reports in one file (PDFs joined, dumps concatenated) are two visits, never one mixing both."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import FIXTURES, run_kvalitet
from kvalitet_core.model import Visit
from kvalitet_core.plugins import get_host
from kvalitet_core.reading import read_visits


def _alone(path: Path) -> dict:
    [visit] = read_visits(get_host(), path)
    return _content(visit)


def _content(visit: Visit) -> dict:
    return visit.model_dump(exclude={"provenance"})


def _joined_pdf(paths: list[Path], target: Path) -> Path:
    joined = pdfium.PdfDocument.new()
    for path in paths:
        joined.import_pages(pdfium.PdfDocument(path.read_bytes()))
    joined.save(str(target))
    return target


def test_two_joined_pdfs_are_two_visits_each_as_imported_alone(tmp_path: Path) -> None:
    parts = [FIXTURES / "pdf" / "pegasus-2017-09-28.pdf", FIXTURES / "pdf-office" / "nabo-2017-10-05.pdf"]
    visits = read_visits(get_host(), _joined_pdf(parts, tmp_path / "both.pdf"))
    assert [_content(visit) for visit in visits] == [_alone(path) for path in parts]
    assert all(any(w.code == "several-reports" for w in visit.provenance.warnings) for visit in visits)


def test_two_concatenated_dumps_are_two_visits(tmp_path: Path) -> None:
    parts = [FIXTURES / "text" / "000_5c1aa34d02230079.txt", FIXTURES / "text" / "003_1bdd2fff71f33993.txt"]
    both = tmp_path / "both.txt"
    both.write_text("".join(path.read_text(encoding="utf-8") for path in parts), encoding="utf-8")
    visits = read_visits(get_host(), both)
    assert [_content(visit) for visit in visits] == [_alone(path) for path in parts]


def test_validate_names_both_visits_of_a_joined_file(tmp_path: Path) -> None:
    parts = [FIXTURES / "pdf" / "marianelund-snekken-2018-06-19.pdf", FIXTURES / "pdf" / "projekt-off-side-2017-10-26.pdf"]
    result = run_kvalitet("validate", str(_joined_pdf(parts, tmp_path / "both.pdf")))
    assert result.returncode == 0, result.stderr.decode()
    assert "2 visits" in result.stdout.decode() + result.stderr.decode()


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("pdf*/*.pdf")) + sorted(FIXTURES.glob("text/*.txt")),
                         ids=lambda p: str(p.relative_to(FIXTURES)))
def test_one_report_is_never_cut(path: Path) -> None:
    assert len(read_visits(get_host(), path)) == 1
