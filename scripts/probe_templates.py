"""Probe the importers with report templates they have never seen.

Every reference visit (the four seeds and the invented wild references) is drawn in every design
of :mod:`fixture_builder.template_probe` — labels run into the box's first sentence or set as a
heading above the box, cards with only a coloured top border and spaced-capital labels, the
yellow box first as a sidebar, a box's text in two columns, a photo-like cover with "Nøgle:
værdi" particulars, the Word and PowerPoint counterparts — and handed to every producer that
starts from the design's form: headless Chromium and WeasyPrint for HTML, the python-docx /
python-pptx file itself and LibreOffice's PDF of it. Each file is imported as a user's would be
and judged by the shared criterion. One line per file, then totals per design and producer. A
PDF whose text lacks some of the boxes' words is marked "lost N%": the producer dropped or
clipped text (no importer's fault). Failing files are kept with their source and the visit they
should read as.

    python scripts/probe_templates.py
    python scripts/probe_templates.py --design leadin --producer chromium --reference nabo-2017-10-05
    python scripts/probe_templates.py --show leadin:chromium:nabo-2017-10-05      # imported vs expected
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixture_builder.probing import load_visit, probe_designs, reference_paths
from fixture_builder.template_probe import DESIGNS, PRODUCERS, source_for

KEEP = Path("/tmp/template-failures")
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--design", action="append", help="only these designs (repeatable)")
    parser.add_argument("--producer", action="append", help="only these producers (repeatable)")
    parser.add_argument("--reference", action="append", help="only these reference ids (repeatable)")
    parser.add_argument("--keep", type=Path, default=KEEP, help=f"where failing files go (default {KEEP})")
    parser.add_argument("--show", metavar="DESIGN:PRODUCER:REFERENCE",
                        help="print the imported and expected boxes of one case")
    args = parser.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font-descriptor warnings are not results
    if args.show:
        design_name, producer_name, ref_id = args.show.split(":")
        args.design, args.producer, args.reference = [design_name], [producer_name], [ref_id]
    designs = [d for d in DESIGNS if not args.design or d.name in args.design]
    producers = [p for p in PRODUCERS if not args.producer or p.name in args.producer]
    references = [load_visit(path) for path in reference_paths()]
    references = [r for r in references if not args.reference or r.id in args.reference]
    probe_designs(designs, producers, references, source_for, args.keep, show_cases=bool(args.show),
                  prefix="kvalitet-templates-")
    return 0


if __name__ == "__main__":
    sys.exit(main())
