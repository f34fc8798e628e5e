"""Probe the importers with sixteen more report designs they have never seen.

Every reference visit (the four seeds and the invented wild references) is drawn in every design
of :mod:`fixture_builder.design_probe` — a magazine margin column with a huge theme number, boxes
as numbered steps on a timeline, one zebra-striped table per theme, landscape panels with rotated
tab labels, a Word outline of numbered Heading 1/Heading 2 paragraphs, a Word header-row table per
theme, slide cards with their labels above them, a 2×2 slide grid — and of
:mod:`fixture_builder.design_probe_more` — accordion panels with one header colour, a landscape
page in two halves, labels as marginal notes on the right, a three-column newsletter, Word labels
tabbed onto the first line, Word side-heads in frames, slide rows with rotated labels and the
theme at the bottom, a two-column slide table — and handed to every producer
that starts from the design's form: headless Chromium and WeasyPrint for HTML, the python-docx /
python-pptx file itself and LibreOffice's PDF of it (wkhtmltopdf only with ``--producer wk``).
Each file is imported as a user's would be and judged by the shared criterion. One line per file,
then totals per design and producer. A PDF whose text lacks some of the boxes' words is marked
"lost N%": the producer dropped or clipped text (no importer's fault). Failing files are kept
with their source and the visit they should read as (in /tmp/design-failures).

    python scripts/probe_designs.py
    python scripts/probe_designs.py --design magazine --producer chromium --reference nabo-2017-10-05
    python scripts/probe_designs.py --show magazine:chromium:nabo-2017-10-05      # imported vs expected
    python scripts/probe_designs.py --set more      # only design_probe_more's designs
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixture_builder import design_probe, design_probe_more
from fixture_builder.design_probe import DEFAULT_PRODUCERS, PRODUCERS, source_for
from fixture_builder.probing import load_visit, probe_designs, reference_paths

KEEP = Path("/tmp/design-failures")
SETS = {"first": design_probe.DESIGNS, "more": design_probe_more.DESIGNS}
"""The design modules' lists, by the name ``--set`` takes."""
DESIGNS = [*design_probe.DESIGNS, *design_probe_more.DESIGNS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--design", action="append", help="only these designs (repeatable)")
    parser.add_argument("--set", choices=sorted(SETS), action="append",
                        help="only the designs of design_probe ('first') or design_probe_more ('more')")
    parser.add_argument("--producer", action="append",
                        help=f"only these producers (repeatable; default {', '.join(DEFAULT_PRODUCERS)})")
    parser.add_argument("--reference", action="append", help="only these reference ids (repeatable)")
    parser.add_argument("--keep", type=Path, default=KEEP, help=f"where failing files go (default {KEEP})")
    parser.add_argument("--show", metavar="DESIGN:PRODUCER:REFERENCE",
                        help="print the imported and expected boxes of one case")
    args = parser.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font-descriptor warnings are not results
    if args.show:
        design_name, producer_name, ref_id = args.show.split(":")
        args.design, args.producer, args.reference = [design_name], [producer_name], [ref_id]
    pool = [d for name in args.set for d in SETS[name]] if args.set else DESIGNS
    designs = [d for d in pool if not args.design or d.name in args.design]
    unknown = set(args.design or ()) - {d.name for d in DESIGNS}
    if unknown:
        parser.error(f"unknown design(s): {', '.join(sorted(unknown))}")
    producers = [p for p in PRODUCERS if p.name in (args.producer or DEFAULT_PRODUCERS)]
    references = [load_visit(path) for path in reference_paths()]
    references = [r for r in references if not args.reference or r.id in args.reference]
    probe_designs(designs, producers, references, source_for, args.keep, show_cases=bool(args.show),
                  prefix="kvalitet-designs-")
    return 0


if __name__ == "__main__":
    sys.exit(main())
