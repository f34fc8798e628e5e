"""Probe the importers with reports drawn in the styles an office's own template reaches for.

Every reference visit (the four seeds and the invented wild references) is drawn in every design
of :mod:`fixture_builder.style_probe` — borders without fills, gradients and shadows,
transparency over a tinted page, labels on a box's edge or in a dark strip, two columns with
the theme's purpose, particulars as a table on page 1, running header and footer, boxes broken
over a page, Word paragraph shading, a Word 2×2 grid, PowerPoint shapes with overlapping label
boxes — and handed to every producer that starts from the design's form: headless Chromium and
WeasyPrint for HTML, the python-docx/python-pptx file itself and LibreOffice's PDF of it. Each
file is imported as a user's would be and judged by the shared criterion; then every PDF's text
dumps (pdftotext in three modes, pdfminer) are imported as .txt files and judged too. One line
per file, then totals per design and producer, and per dump kind. A PDF whose text lacks some of
the boxes' words is marked "lost N%": the producer dropped or clipped text (no importer's fault).
Failing files are kept with their source and the visit they should read as.

    python scripts/probe_styles.py
    python scripts/probe_styles.py --design pill --producer chromium --reference nabo-2017-10-05
    python scripts/probe_styles.py --no-dumps                           # files only
    python scripts/probe_styles.py --show pill:chromium:nabo-2017-10-05            # imported vs expected
    python scripts/probe_styles.py --show pill:chromium+pdfminer:nabo-2017-10-05   # one text dump
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixture_builder.dumps import DUMPERS, dump
from fixture_builder.probing import (
    attempt,
    keep_failure,
    load_visit,
    lost_note,
    print_totals,
    reference_paths,
    rendered,
    show,
)
from fixture_builder.style_probe import DESIGNS, PRODUCERS, source_for

KEEP = Path("/tmp/style-failures")
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--design", action="append", help="only these designs (repeatable)")
    parser.add_argument("--producer", action="append", help="only these producers (repeatable)")
    parser.add_argument("--reference", action="append", help="only these reference ids (repeatable)")
    parser.add_argument("--dump", action="append", choices=DUMPERS, help="only these dump kinds (repeatable)")
    parser.add_argument("--no-dumps", action="store_true", help="import the files only, not their text dumps")
    parser.add_argument("--keep", type=Path, default=KEEP, help=f"where failing files go (default {KEEP})")
    parser.add_argument("--show", metavar="DESIGN:PRODUCER[+DUMP]:REFERENCE",
                        help="print the imported and expected boxes of one case")
    args = parser.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font-descriptor warnings are not results
    show_dump = None
    if args.show:
        design_name, producer_name, ref_id = args.show.split(":")
        producer_name, _, show_dump = producer_name.partition("+")
        args.design, args.producer, args.reference = [design_name], [producer_name], [ref_id]
        args.no_dumps = not show_dump
        args.dump = [show_dump] if show_dump else None
    kinds = [kind for kind in DUMPERS if not args.dump or kind in args.dump]
    designs = [d for d in DESIGNS if not args.design or d.name in args.design]
    producers = [p for p in PRODUCERS if not args.producer or p.name in args.producer]
    references = [load_visit(path) for path in reference_paths()]
    references = [r for r in references if not args.reference or r.id in args.reference]
    files: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    dumps: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    per_kind: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kvalitet-styles-") as folder:
        for case in rendered(designs, producers, references, Path(folder), source_for):
            design, producer, reference, expected, path = (case.design, case.producer, case.reference,
                                                           case.expected, case.path)
            label = f"{design.name:<10} {producer.name:<27} {reference.id:<40}"
            stem = f"{design.name}.{producer.name}.{reference.id}"
            if path is None:
                print(f"{label} ERROR producer: {case.error}", flush=True)
                files[(design.name, producer.name)]["ERROR"] += 1
                continue
            lost = ""
            texts: dict[str, str] = {}
            if path.suffix == ".pdf":
                texts["pdftotext"] = dump(path, "pdftotext")
                lost = lost_note(texts["pdftotext"], expected)
            if not show_dump:
                result, detail, visits = attempt(path, expected)
                files[(design.name, producer.name)][result] += 1
                files[(design.name, producer.name)]["LOST"] += bool(lost)
                print(f"{label} {result:<5} {detail}{lost}", flush=True)
                if args.show and visits:
                    show(visits[0], expected)
                if result != "PASS":
                    keep_failure(args.keep, stem, [(path, path.suffix), (case.source, f".source{case.suffix}")],
                                 expected)
            if path.suffix != ".pdf" or args.no_dumps:
                continue
            for kind in kinds:
                text = texts.get(kind) or dump(path, kind)
                text_path = case.case / f"{stem}.{kind}.txt"
                text_path.write_text(text, encoding="utf-8")
                result, detail, visits = attempt(text_path, expected)
                name = f"{producer.name}+{kind}"
                dumps[(design.name, name)][result] += 1
                per_kind[("all", kind)][result] += 1
                print(f"{design.name:<10} {name:<27} {reference.id:<40} {result:<5} {detail}{lost}", flush=True)
                if args.show and visits:
                    show(visits[0], expected)
                if result != "PASS":
                    keep_failure(args.keep, f"{design.name}.{name}.{reference.id}", [(text_path, ".txt"),
                                 (path, ".pdf")], expected)
    if files:
        print_totals("totals, files (pass/files per design and producer):", files, 27)
    if dumps:
        print_totals("totals, text dumps (pass/files per design, producer and dump kind):", dumps, 27)
        print_totals("totals, text dumps per dump kind:", per_kind, 16)
    print(f"({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
