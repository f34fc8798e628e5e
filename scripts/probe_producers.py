"""Probe the importers with reports in new designs, written by producers the project has not tried.

Every reference visit (the four seeds and the invented wild references) is drawn in every design
of :mod:`fixture_builder.producer_probe` and handed to every producer that starts from a form the
design has: HTML printed by WeasyPrint, by LibreOffice Writer/Web, and WeasyPrint's PDF
re-distilled by Ghostscript; python-docx files saved again by LibreOffice as .docx and exported
via .odt to PDF; python-pptx decks saved again by LibreOffice as .pptx and exported via .odp to
PDF. Each result is imported as a user's file would be and judged by the shared criterion. One
line per file, then totals per design and producer. Failing files are kept with the visit they
should read as, so a failure can be reproduced.

    python scripts/probe_producers.py
    python scripts/probe_producers.py --design banner --producer lo-docx --reference nabo-2017-10-05
    python scripts/probe_producers.py --show banner:lo-docx:nabo-2017-10-05   # imported vs expected boxes
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixture_builder.probing import attempt, load_visit, reference_paths, show
from fixture_builder.producer_probe import DESIGNS, PRODUCERS, source_for

from kvalitet_core.native import dump_yaml

KEEP = Path("/tmp/producer-failures")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--design", action="append", help="only these designs (repeatable)")
    parser.add_argument("--producer", action="append", help="only these producers (repeatable)")
    parser.add_argument("--reference", action="append", help="only these reference ids (repeatable)")
    parser.add_argument("--keep", type=Path, default=KEEP, help=f"where failing files go (default {KEEP})")
    parser.add_argument("--show", metavar="DESIGN:PRODUCER:REFERENCE",
                        help="print the imported and expected boxes of one case")
    args = parser.parse_args(argv)
    if args.show:
        design_name, producer_name, ref_id = args.show.split(":")
        args.design, args.producer, args.reference = [design_name], [producer_name], [ref_id]
    designs = [d for d in DESIGNS if not args.design or d.name in args.design]
    producers = [p for p in PRODUCERS if not args.producer or p.name in args.producer]
    references = [load_visit(path) for path in reference_paths()]
    references = [r for r in references if not args.reference or r.id in args.reference]
    tally: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with tempfile.TemporaryDirectory(prefix="kvalitet-producers-") as folder:
        work = Path(folder)
        for design in designs:
            for producer in producers:
                for reference in references:
                    made = source_for(design, producer.source, reference)
                    if made is None:
                        continue
                    data, suffix, expected = made
                    case = work / f"{design.name}.{producer.name}"
                    case.mkdir(exist_ok=True)
                    source = case / f"{design.name}.{reference.id}{suffix}"
                    source.write_bytes(data)
                    label = f"{design.name:<8} {producer.name:<11} {reference.id:<36}"
                    try:
                        path = producer.run(source, case)
                    except (RuntimeError, subprocess.SubprocessError, OSError) as error:
                        print(f"{label} ERROR producer: {error}", flush=True)
                        tally[(design.name, producer.name)]["ERROR"] += 1
                        continue
                    result, detail, visits = attempt(path, expected)
                    tally[(design.name, producer.name)][result] += 1
                    print(f"{label} {result:<5} {detail}", flush=True)
                    if args.show and visits:
                        show(visits[0], expected)
                    if result != "PASS":
                        args.keep.mkdir(parents=True, exist_ok=True)
                        stem = f"{design.name}.{producer.name}.{reference.id}"
                        shutil.copy(path, args.keep / f"{stem}{path.suffix}")
                        shutil.copy(source, args.keep / f"{stem}.source{suffix}")
                        (args.keep / f"{stem}.expected.yaml").write_text(dump_yaml([expected]), encoding="utf-8")
    print("totals (pass/files per design and producer):")
    passed = total = 0
    for (name, producer_name), counts in sorted(tally.items()):
        count = sum(counts.values())
        passed += counts["PASS"]
        total += count
        rest = ", ".join(f"{counts[key]} {key.lower()}" for key in ("FAIL", "ERROR", "NO IMPORTER") if counts[key])
        print(f"  {name:<8} {producer_name:<11} {counts['PASS']:>2}/{count}" + (f"  ({rest})" if rest else ""))
    print(f"  {'total':<20} {passed:>3}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
