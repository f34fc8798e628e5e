"""Reading ahead: spare processes read PDFs into blocks while a batch loads, and nothing changes.

What a user must never see is a difference: the same files, bytes and errors with read-ahead as
without it. What makes it worth having is that a block reader needs nothing heavy, so that is
checked too.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, run_kvalitet
from kvalitet_plugins.pdf_reader.document import pdf_blocks

from kvalitet_core.plugins import get_host
from kvalitet_core.read_ahead import ENABLE_ENV, ReadAhead, load_blocks
from kvalitet_core.reading import read_visits

PDFS = sorted((FIXTURES / "pdf").glob("*.pdf"))


def _wait_for(ahead: ReadAhead, count: int, timeout: float = 30) -> None:
    """Until the readers have finished ``count`` inputs (they are killed at ``stop``)."""
    assert ahead.folder is not None
    deadline = time.monotonic() + timeout
    while sum(path.name.isdigit() for path in ahead.folder.iterdir()) < count:
        assert time.monotonic() < deadline, "the readers finished too little in time"
        time.sleep(0.02)


def test_readers_give_the_blocks_the_importer_reads(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(PDFS[0].read_bytes()[:5000])
    candidates = [str(PDFS[0]), str(broken), str(tmp_path / "missing.pdf"), "notes.txt", str(PDFS[1])]
    with ReadAhead.start(candidates, processes=2) as ahead:
        assert len(ahead.processes) == 2
        _wait_for(ahead, 2)
        time.sleep(0.2)  # time enough to have written anything else, were it to
        finished = ahead.stop()
        assert ahead.processes == []
        assert set(finished) == {str(PDFS[0]), str(PDFS[1])}, "failed, missing and non-PDF inputs are left alone"
        for location, path in finished.items():
            importer, blocks = load_blocks(path)
            assert importer == "pdf"
            assert blocks == list(pdf_blocks(Path(location).read_bytes(), location))
        folder = ahead.folder
    assert folder is not None and not folder.exists(), "closing removes what the readers wrote"


def test_a_reader_reads_only_what_it_registered_for(tmp_path: Path) -> None:
    """``--from docx`` names no reader, so nothing is read, even from a PDF."""
    with ReadAhead.start([str(PDFS[0])], processes=1, explicit="docx") as ahead:
        [pid] = ahead.processes
        os.waitpid(pid, 0)  # it ends on its own: nothing to read
        assert ahead.stop() == {}


def test_nothing_starts_without_a_spare_process_or_consent(monkeypatch: pytest.MonkeyPatch) -> None:
    candidates = [str(path) for path in PDFS]
    assert ReadAhead.start(candidates, processes=0).processes == []
    assert ReadAhead.start([], processes=1).processes == []
    monkeypatch.setenv(ENABLE_ENV, "0")
    idle = ReadAhead.start(candidates, processes=1)
    assert idle.processes == [] and idle.folder is None and idle.stop() == {}


def test_blocks_of_another_importer_are_ignored(tmp_path: Path) -> None:
    """Read-ahead never decides the importer: blocks from a reader the input's importer does not
    own (here: nonsense labelled 'docx') are passed over and the file is read as usual."""
    foreign = tmp_path / "0"
    foreign.write_bytes(pickle.dumps(("docx", ["not blocks"])))
    host = get_host()
    [expected] = read_visits(host, PDFS[0])
    [visit] = read_visits(host, PDFS[0], read_ahead=foreign)
    assert visit == expected


def test_blocks_read_ahead_are_what_the_importer_recognises(tmp_path: Path) -> None:
    """A worker given blocks does not read the PDF again: blocks of another report, labelled as
    the PDF reader's, make that other report's visit."""
    other = tmp_path / "0"
    other.write_bytes(pickle.dumps(("pdf", list(pdf_blocks(PDFS[1].read_bytes(), str(PDFS[1]))))))
    host = get_host()
    [expected] = read_visits(host, PDFS[1])
    [visit] = read_visits(host, PDFS[0], read_ahead=other)
    assert visit.sections == expected.sections and visit.offer == expected.offer
    assert visit.offer != read_visits(host, PDFS[0])[0].offer


def test_a_batch_with_read_ahead_writes_what_one_without_writes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    inputs = [Path(shutil.copy(path, folder / f"{index:02d}-{path.name}")) for index, path in
              enumerate(PDFS * 2)]
    (folder / "truncated.pdf").write_bytes(PDFS[0].read_bytes()[:4000])
    (folder / "image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    shutil.copy(min((FIXTURES / "docx").glob("*.docx")), folder / "report.docx")
    arguments = [*map(str, inputs), str(folder / "truncated.pdf"), str(folder / "image.pdf"),
                 str(folder / "report.docx"), "--to", "yaml", "-j", "2"]
    left_before = set(Path(tempfile.gettempdir()).glob("kvalitet-read-ahead-*"))
    ahead = run_kvalitet("convert", *arguments, "-o", f"{tmp_path / 'ahead'}/")
    plain = run_kvalitet("convert", *arguments, "-o", f"{tmp_path / 'plain'}/", env={ENABLE_ENV: "0"})
    assert ahead.returncode == plain.returncode == 1
    assert ahead.stderr == plain.stderr
    assert b"truncated.pdf" in ahead.stderr and b"image.pdf" in ahead.stderr
    written = sorted(path.name for path in (tmp_path / "ahead").iterdir())
    assert written == sorted(path.name for path in (tmp_path / "plain").iterdir())
    assert len(written) == 2 * len(PDFS) + 1, "every PDF copy and the Word file, each under its own name"
    for name in written:
        assert (tmp_path / "ahead" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes(), name
    assert set(Path(tempfile.gettempdir()).glob("kvalitet-read-ahead-*")) <= left_before, "nothing left behind"


def test_the_pdf_reader_loads_nothing_of_the_model() -> None:
    """The premise of reading ahead: a PDF becomes blocks without pydantic or the model."""
    code = ("import sys\nfrom kvalitet_plugins.pdf_reader.document import pdf_blocks\n"
            f"blocks = list(pdf_blocks(open({str(PDFS[0])!r}, 'rb').read(), 'x.pdf'))\n"
            "heavy = sorted(name for name in sys.modules if name.split('.')[0] in ('pydantic', 'yaml', 'pluggy')"
            " or name in ('kvalitet_core.model', 'kvalitet_core.formats'))\n"
            "print(len(blocks), heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, heavy = result.stdout.split(" ", 1)
    assert int(count) > 0 and heavy.strip() == "[]"
