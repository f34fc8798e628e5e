"""Probe the importers with scanned reports that carry an OCR text layer, as archives hold them.

Each reference visit's born-digital PDF (the four seeds' renders in ``fixtures/pdf``, and one
Chromium render from ``fixtures/wild/manifest.yaml`` for each invented wild reference) is printed
and scanned in every variant of :mod:`fixture_builder.scan_probe` — clean 300 dpi, 200 dpi skewed
with noise and JPEG artefacts, colour, deskewed by OCRmyPDF — and given a Danish text layer by
``ocrmypdf``. Each OCR'd PDF is imported as a user's would be and judged by the shared criterion.
One line per file, with the share of the born-digital text's words OCR misread ("ocr N%", from the
text layer in Tesseract's own order), so an OCR error is told from an importer's, and the share lost
when the layer is read by position (pdftotext's default order: a skewed page's words break up and
its lines interleave); then totals per variant. OCR is slow (seconds a page, one core); the OCR'd
files are cached in /tmp/scan-cache, so a rerun or ``--show`` is quick. Failing files are kept with
their OCR text and the visit they should read as.

    python scripts/probe_scans.py
    python scripts/probe_scans.py --variant clean --reference nabo-2017-10-05
    python scripts/probe_scans.py --show skewed:nabo-2017-10-05      # imported vs expected, OCR's misreadings
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from fixture_builder.dumps import dump
from fixture_builder.probing import ROOT, attempt, load_visit, reference_paths, show
from fixture_builder.scan_probe import VARIANTS, scan, word_errors

from kvalitet_core.model import Visit
from kvalitet_core.native import dump_yaml

KEEP = Path("/tmp/scan-failures")
RESULTS = ("FAIL", "ERROR", "NO IMPORTER")
WILD_SOURCES = {
    "fyrtaarnet-2019-03-14": "fixtures/wild/chromium/fyrtaarnet-2019-03-14.grid.pdf",
    "kastanjehaven-lyset-2021-11-02": "fixtures/wild/chromium/kastanjehaven-lyset-2021-11-02.stacked.pdf",
}
"""One printout per invented wild reference: a landscape grid and a portrait stack, two layouts
the seeds' renders do not have."""


def source_pdf(reference: Path) -> Path:
    """The born-digital PDF that is printed and scanned for ``reference``: a seed's own render, or
    the chosen Chromium render, checked against the manifest so a renamed fixture fails loudly."""
    if reference.parent == ROOT / "fixtures":
        return ROOT / "fixtures/pdf" / f"{reference.stem}.pdf"
    manifest = yaml.safe_load((ROOT / "fixtures/wild/manifest.yaml").read_text(encoding="utf-8"))["files"]
    path = WILD_SOURCES[reference.stem]
    entries = [entry for entry in manifest if entry["path"] == path]
    if not entries or ROOT / entries[0]["reference"] != reference:
        raise RuntimeError(f"{path} is not in fixtures/wild/manifest.yaml as a render of {reference.name}")
    return ROOT / path


def _keep(keep: Path, stem: str, path: Path, text: str, expected: Visit) -> None:
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, keep / f"{stem}.pdf")
    (keep / f"{stem}.ocr.txt").write_text(text, encoding="utf-8")
    (keep / f"{stem}.expected.yaml").write_text(dump_yaml([expected]), encoding="utf-8")


def _totals(tally: dict[str, Counter[str]], misread: dict[str, list[float]]) -> None:
    print("totals (pass/files per variant; mean share of the born-digital words OCR misread):")
    passed = total = 0
    for name, counts in tally.items():
        count = sum(counts[key] for key in ("PASS", *RESULTS))
        passed += counts["PASS"]
        total += count
        rest = ", ".join(f"{counts[key]} {key.lower()}" for key in RESULTS if counts[key])
        shares = misread[name]
        ocr = f"ocr {100 * sum(shares) / len(shares):.1f}%" if shares else "ocr -"
        print(f"  {name:<10} {counts['PASS']:>3}/{count}  {ocr}" + (f"  ({rest})" if rest else ""))
    print(f"  {'total':<10} {passed:>3}/{total}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", action="append", choices=[v.name for v in VARIANTS],
                        help="only these scan variants (repeatable)")
    parser.add_argument("--reference", action="append",
                        help="only these reference ids or reference file stems (repeatable)")
    parser.add_argument("--keep", type=Path, default=KEEP, help=f"where failing files go (default {KEEP})")
    parser.add_argument("--show", metavar="VARIANT:REFERENCE",
                        help="print the imported and expected boxes of one case, and OCR's commonest misreadings")
    args = parser.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font-descriptor warnings are not results
    if args.show:
        variant_name, ref_id = args.show.split(":")
        args.variant, args.reference = [variant_name], [ref_id]
    variants = [v for v in VARIANTS if not args.variant or v.name in args.variant]
    references = [(path, load_visit(path)) for path in reference_paths()]
    references = [(path, visit) for path, visit in references
                  if not args.reference or {visit.id, path.stem} & set(args.reference)]
    for variant in variants:
        print(variant.line())
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    misread: dict[str, list[float]] = defaultdict(list)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kvalitet-scans-") as folder:
        work = Path(folder)
        for variant in variants:
            for reference, expected in references:
                label = f"{variant.name:<10} {expected.id:<40}"
                source = source_pdf(reference)
                try:
                    path = scan(source, variant, work)
                except (RuntimeError, subprocess.SubprocessError, OSError) as error:
                    print(f"{label} ERROR scan: {error}", flush=True)
                    tally[variant.name]["ERROR"] += 1
                    continue
                printed = dump(source, "pdftotext")
                text = dump(path, "pdftotext-raw")
                share, missing, extra = word_errors(printed, text)
                by_position = word_errors(printed, dump(path, "pdftotext"))[0]
                misread[variant.name].append(share)
                result, detail, visits = attempt(path, expected)
                tally[variant.name][result] += 1
                print(f"{label} {result:<5} {detail} [ocr {100 * share:.1f}% words misread, "
                      f"{100 * by_position:.1f}% read by position]", flush=True)
                if args.show:
                    print(f"OCR lacks {missing}\nOCR invents {extra}")
                    if visits:
                        show(visits[0], expected)
                if result != "PASS":
                    _keep(args.keep, f"{variant.name}.{expected.id}", path, text, expected)
    if tally:
        _totals(tally, misread)
    print(f"({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
