"""Importing report PDFs: in-process time of one 12-page report, and a 50-file batch against pdftotext.

    python benchmarks/bench_import.py [--runs 20] [--files 50] [--pairs 5] [--markitdown PYTHON]

(a) One report PDF of 12 pages (a rendered fixture, trimmed from its end to 12 pages if it is
    longer) is imported in-process — pages to blocks to visit — ``--runs`` times; the median is
    reported, also per page and split into block extraction and recognition.
(b) The CPU time per fixture PDF of its two stages (blocks, recognition), in-process.
(c) ``--files`` copies of the fixture PDFs are converted to YAML in ONE ``kvalitet convert`` run
    (all cores), then the same files are given to ``pdftotext`` one by one; this pair is run
    ``--pairs`` times, and the pair with the median ratio is printed (wall and CPU time of each),
    with every pair's ratio.
(d) With ``--markitdown PYTHON`` (an interpreter that has ``markitdown[pdf]``, kept out of this
    project's environment: ``python3 -m venv /tmp/md && /tmp/md/bin/pip install 'markitdown[pdf]'``),
    the fixture PDFs are converted by MarkItDown in that interpreter and imported here, in turns,
    three rounds; in each round each side's time is the best of ``PASSES`` passes over all the
    PDFs (one pass of ours takes a tenth of a second, where a pause of the machine weighs; both
    sides are timed the same way). Per-page times and their ratio (median round) are printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compiled import compile_project

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted((ROOT / "fixtures" / "pdf").glob("*.pdf"))
PAGES = 12


def twelve_page_report(folder: Path) -> Path:
    """A rendered report with exactly 12 pages: the shortest fixture with at least 12, cut after page 12."""
    import pypdfium2 as pdfium

    counts = {path: len(pdfium.PdfDocument(path)) for path in PDFS}
    source = min((p for p, n in counts.items() if n >= PAGES), key=counts.get)
    document = pdfium.PdfDocument(source)
    trimmed = pdfium.PdfDocument.new()
    trimmed.import_pages(document, list(range(PAGES)))
    target = folder / f"{source.stem}-12-pages.pdf"
    trimmed.save(target)
    return target


def in_process(path: Path, runs: int) -> dict[str, float]:
    from kvalitet_plugins.pdf_reader.document import pdf_blocks

    from kvalitet_core.plugins import get_host
    from kvalitet_core.recognise import recognise

    model = get_host().quality_model("sof-kvalitetsmodel-3.0")
    data = path.read_bytes()
    extract, total = [], []
    for _ in range(runs + 1):
        started = time.perf_counter()
        blocks = list(pdf_blocks(data, str(path)))
        extracted = time.perf_counter()
        recognise(blocks, source_name=str(path), quality_model=model)
        extract.append(extracted - started)
        total.append(time.perf_counter() - started)
    return {"extract": statistics.median(extract[1:]), "total": statistics.median(total[1:])}


def per_file_stages() -> dict[str, float]:
    """Mean CPU milliseconds per fixture PDF, in-process on one core: blocks, then recognition."""
    from kvalitet_plugins.pdf_reader.document import pdf_blocks

    from kvalitet_core.plugins import get_host
    from kvalitet_core.recognise import recognise

    model = get_host().quality_model("sof-kvalitetsmodel-3.0")
    extract = recognition = 0.0
    for path in PDFS:
        data = path.read_bytes()
        started = time.process_time()
        blocks = list(pdf_blocks(data, str(path)))
        extracted = time.process_time()
        recognise(blocks, source_name=str(path), quality_model=model)
        extract += extracted - started
        recognition += time.process_time() - extracted
    return {"extract": extract / len(PDFS), "recognise": recognition / len(PDFS)}


def pages_of(paths: list[Path]) -> int:
    import pypdfium2 as pdfium

    return sum(len(pdfium.PdfDocument(path)) for path in paths)


PASSES = 3


def ours_seconds(paths: list[Path]) -> float:
    """In-process import of every PDF, the best of ``PASSES`` passes (after one warm-up), in seconds."""
    from kvalitet_core.plugins import get_host
    from kvalitet_core.reading import read_visits

    host = get_host()
    read_visits(host, paths[0])
    best = float("inf")
    for _ in range(PASSES):
        started = time.perf_counter()
        for path in paths:
            read_visits(host, path)
        best = min(best, time.perf_counter() - started)
    return best


_MARKITDOWN = """
import sys, time
from markitdown import MarkItDown
converter = MarkItDown()
converter.convert(sys.argv[2])
best = float("inf")
for _ in range(int(sys.argv[1])):
    started = time.perf_counter()
    for path in sys.argv[2:]:
        converter.convert(path)
    best = min(best, time.perf_counter() - started)
print(best)
"""


def markitdown_seconds(python: str, paths: list[Path]) -> float:
    """MarkItDown's conversion of every PDF, the best of ``PASSES`` passes (after one warm-up), in
    its own interpreter."""
    result = subprocess.run([python, "-c", _MARKITDOWN, str(PASSES), *map(str, paths)], check=True,
                            capture_output=True, text=True)
    return float(result.stdout.split()[-1])


def against_markitdown(python: str) -> list[tuple[float, float]]:
    """Three rounds of (ours, MarkItDown) seconds per page on the fixture PDFs, by ratio."""
    pages = pages_of(PDFS)
    rounds = [(ours_seconds(PDFS) / pages, markitdown_seconds(python, PDFS) / pages) for _ in range(3)]
    return sorted(rounds, key=lambda pair: pair[1] / pair[0])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


Timing = tuple[float, float]
"""Wall and CPU seconds."""


def convert_all(inputs: list[str], out: Path) -> Timing:
    """One ``kvalitet convert`` of all inputs to a folder of YAML files."""
    shutil.rmtree(out, ignore_errors=True)
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "kvalitet_core.cli.main", "convert", *inputs, "--to", "yaml",
                    "-o", f"{out}/"], check=True, capture_output=True)
    return time.perf_counter() - started, _children_cpu() - cpu


def batch(folder: Path, files: int) -> tuple[Timing, Timing]:
    """One ``kvalitet convert`` of all files, then pdftotext file by file."""
    inputs = []
    for index in range(files):
        source = PDFS[index % len(PDFS)]
        target = folder / f"{index:03d}-{source.name}"
        shutil.copyfile(source, target)
        inputs.append(str(target))
    ours = convert_all(inputs, folder / "out")
    text_out = folder / "text.txt"
    cpu, started = _children_cpu(), time.perf_counter()
    for name in inputs:
        subprocess.run(["pdftotext", name, str(text_out)], check=True, capture_output=True)
    return ours, (time.perf_counter() - started, _children_cpu() - cpu)


def batches(folder: Path, files: int, pairs: int) -> list[tuple[Timing, Timing]]:
    """Several batch/pdftotext pairs, one after the other: this machine's speed drifts by a fifth
    within minutes, so a ratio means something only within its pair, and the median pair is quoted."""
    return sorted((batch(folder, files) for _ in range(pairs)), key=lambda pair: pair[0][0] / pair[1][0])


def main() -> None:
    compile_project()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--pairs", type=int, default=5, help="batch/pdftotext pairs (the median is quoted)")
    parser.add_argument("--markitdown", metavar="PYTHON", help="an interpreter with markitdown[pdf] installed")
    arguments = parser.parse_args()
    if shutil.which("pdftotext") is None:
        raise SystemExit("bench_import: pdftotext not found (apt-get install poppler-utils)")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        report = twelve_page_report(folder)
        one = in_process(report, arguments.runs)
        stages = per_file_stages()
        load = os.getloadavg()[0]
        pairs = batches(folder, arguments.files, arguments.pairs)
        markitdown = against_markitdown(arguments.markitdown) if arguments.markitdown else []
    (ours, ours_cpu), (theirs, theirs_cpu) = pairs[len(pairs) // 2]
    ratios = ", ".join(f"{ours[0] / theirs[0]:.2f}" for ours, theirs in pairs)
    print(f"cores: {os.cpu_count()}, load average before the batch: {load:.2f}")
    print(f"{'measure':<46} {'value':>12}")
    print(f"{'-' * 46} {'-' * 12}")
    print(f"{f'12-page report, in-process (median of {arguments.runs})':<46} {one['total'] * 1000:>9.1f} ms")
    print(f"{'  of which PDF → blocks':<46} {one['extract'] * 1000:>9.1f} ms")
    print(f"{'  per page':<46} {one['total'] * 1000 / PAGES:>9.2f} ms")
    print(f"{'per fixture PDF, CPU: PDF → blocks':<46} {stages['extract'] * 1000:>9.1f} ms")
    print(f"{'per fixture PDF, CPU: recognise':<46} {stages['recognise'] * 1000:>9.1f} ms")
    print(f"{f'{arguments.files} PDFs, one kvalitet convert (all cores)':<46} {ours:>10.2f} s  (CPU {ours_cpu:.2f} s)")
    print(f"{f'{arguments.files} PDFs, pdftotext one by one':<46} {theirs:>10.2f} s  (CPU {theirs_cpu:.2f} s)")
    print(f"{'ratio kvalitet / pdftotext, wall time':<46} {ours / theirs:>11.2f}×  (median pair of {len(pairs)}: {ratios})")
    if markitdown:
        mine, md = markitdown[len(markitdown) // 2]
        spread = ", ".join(f"{m / o:.0f}" for o, m in markitdown)
        print(f"{'fixture PDFs, in-process, per page':<46} {mine * 1000:>9.2f} ms")
        print(f"{'the same with MarkItDown, per page':<46} {md * 1000:>9.2f} ms")
        print(f"{'ratio MarkItDown / kvalitet, per page':<46} {md / mine:>11.1f}×  (median of 3 rounds: {spread})")


if __name__ == "__main__":
    main()
