"""Probe the text importer with dumps of every committed report PDF, as users keep them.

Each PDF of ``fixtures/wild/manifest.yaml`` (Chromium, LibreOffice, Word and PowerPoint designs,
WeasyPrint, Ghostscript, reportlab layouts) is dumped four ways — pdftotext in its reading
order, ``-layout`` and ``-raw``, and pdfminer.six — and each dump is imported as a user's text
file would be and judged against the PDF's reference by the shared criterion. Only a handful of
these dumps are committed fixtures; the rest are a test set the text reader has not learned.
One line per failing dump, then totals per dump kind and producer.

    python scripts/probe_dumps.py
    python scripts/probe_dumps.py --kind pdfminer --match tables
    python scripts/probe_dumps.py --kind pypdf              # with pypdf installed
    python scripts/probe_dumps.py --show office-pdf/pegasus-2017-09-28.pptx_tints.pdf:pdfminer

Needs pdftotext (poppler-utils) and pdfminer.six, which the test dependencies bring.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from fixture_builder.dumps import DUMPERS, MORE_DUMPERS, dump
from fixture_builder.probing import ROOT, attempt, load_visit, show

WILD = ROOT / "fixtures/wild"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", action="append", choices=DUMPERS + MORE_DUMPERS,
                        help=f"only these dump kinds (repeatable; {', '.join(MORE_DUMPERS)} when installed)")
    parser.add_argument("--match", action="append", help="only PDFs whose path contains this (repeatable)")
    parser.add_argument("--keep", type=Path, help="write every dump to this folder")
    parser.add_argument("--show", metavar="PDF:KIND",
                        help="print the imported and expected boxes of one dump (PDF relative to fixtures/wild)")
    args = parser.parse_args(argv)
    if args.show:
        pdf_name, kind = args.show.rsplit(":", 1)
        args.match, args.kind = [pdf_name], [kind]
    entries = yaml.safe_load((WILD / "manifest.yaml").read_text(encoding="utf-8"))["files"]
    pdfs = [entry for entry in entries if entry["format"] == "pdf"
            and (not args.match or any(part in entry["path"] for part in args.match))]
    kinds = args.kind or DUMPERS
    tally: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with tempfile.TemporaryDirectory(prefix="kvalitet-dumps-") as folder:
        work = args.keep or Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        for entry in pdfs:
            pdf, expected = ROOT / entry["path"], load_visit(ROOT / entry["reference"])
            for kind in kinds:
                target = work / f"{pdf.parent.name}.{pdf.stem}.{kind}.txt"
                target.write_text(dump(pdf, kind), encoding="utf-8")
                result, detail, visits = attempt(target, expected)
                tally[(kind, entry["producer"])][result] += 1
                if result != "PASS" or args.show:
                    print(f"{result:<5} {kind:<16} {pdf.relative_to(WILD)}  {detail}", flush=True)
                if args.show and visits:
                    show(visits[0], expected)
    print("totals (pass/dumps per dump kind and producer):")
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for (kind, producer), counts in sorted(tally.items()):
        by_kind[kind]["PASS"] += counts["PASS"]
        by_kind[kind]["ALL"] += sum(counts.values())
        print(f"  {kind:<16} {producer:<20} {counts['PASS']:>3}/{sum(counts.values())}")
    for kind, counts in by_kind.items():
        print(f"  {kind:<16} {'all producers':<20} {counts['PASS']:>3}/{counts['ALL']}")
    print(f"  {'total':<37} {sum(c['PASS'] for c in by_kind.values()):>3}/{sum(c['ALL'] for c in by_kind.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
