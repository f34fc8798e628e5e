"""Probe the Word and PowerPoint importers with reports built in other offices' templates.

Every reference visit (the four seeds and the invented wild references, as ``score_wild.py``
renders them) is drawn in every template of :mod:`fixture_builder.office_probe`, imported as a
user's .docx/.pptx would be, then converted to PDF by LibreOffice headless and imported again.
One line per file (template, reference, format, PASS/FAIL and, for a failure, each low box with
its score and each metadata or theme-id difference), then totals per template and format.
Failing files are kept, with the visit they should read as, so a failure can be reproduced.

    python scripts/probe_office.py
    python scripts/probe_office.py --template word_grid --reference fyrtaarnet-2019-03-14 --no-pdf
    python scripts/probe_office.py --show word_grid:nabo-2017-10-05:docx   # imported vs expected boxes
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

from fixture_builder.office_probe import TEMPLATES, OfficeTemplate
from fixture_builder.probing import attempt, load_visit, reference_paths, show
from fixture_builder.producer_probe import lo_convert

from kvalitet_core.native import dump_yaml

KEEP = Path("/tmp/probe-failures")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", action="append", help="only these templates (repeatable)")
    parser.add_argument("--reference", action="append", help="only these reference ids (repeatable)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice PDFs")
    parser.add_argument("--keep", type=Path, default=KEEP, help=f"where failing files go (default {KEEP})")
    parser.add_argument("--show", metavar="TEMPLATE:REFERENCE:FORMAT",
                        help="print the imported and expected boxes of one case (format docx, pptx or pdf)")
    args = parser.parse_args(argv)
    templates: list[OfficeTemplate] = [t for t in TEMPLATES if not args.template or t.name in args.template]
    references = [load_visit(path) for path in reference_paths()]
    references = [r for r in references if not args.reference or r.id in args.reference]
    if args.show:
        name, ref_id, fmt = args.show.split(":")
        templates = [t for t in TEMPLATES if t.name == name]
        references = [r for r in references if r.id == ref_id]
        args.no_pdf = fmt != "pdf"
    tally: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with tempfile.TemporaryDirectory(prefix="kvalitet-probe-") as folder:
        work = Path(folder)
        for template in templates:
            for reference in references:
                data, expected = template.make(reference)
                source = work / f"{template.name}.{reference.id}{template.suffix}"
                source.write_bytes(data)
                files = [(template.suffix[1:], source)]
                if not args.no_pdf:
                    try:
                        files.append(("pdf", lo_convert(source, "pdf", work, "pdf")))
                    except (RuntimeError, subprocess.SubprocessError) as error:
                        print(f"{template.name:<17} {reference.id:<36} pdf   ERROR conversion: {error}")
                        tally[(template.name, "pdf")]["ERROR"] += 1
                for fmt, path in files:
                    if args.show and fmt != args.show.split(":")[2]:
                        continue
                    result, detail, visits = attempt(path, expected)
                    tally[(template.name, fmt)][result] += 1
                    print(f"{template.name:<17} {reference.id:<36} {fmt:<5} {result:<5} {detail}", flush=True)
                    if args.show and visits:
                        show(visits[0], expected)
                    if result != "PASS":
                        args.keep.mkdir(parents=True, exist_ok=True)
                        shutil.copy(path, args.keep / path.name)
                        shutil.copy(source, args.keep / source.name)
                        (args.keep / f"{template.name}.{reference.id}.expected.yaml").write_text(
                            dump_yaml([expected]), encoding="utf-8")
    print("totals (pass/files per template and format):")
    passed = total = 0
    for (name, fmt), counts in sorted(tally.items()):
        count = sum(counts.values())
        passed += counts["PASS"]
        total += count
        rest = ", ".join(f"{counts[key]} {key.lower()}" for key in ("FAIL", "ERROR", "NO IMPORTER") if counts[key])
        print(f"  {name:<17} {fmt:<5} {counts['PASS']:>2}/{count}" + (f"  ({rest})" if rest else ""))
    print(f"  {'total':<23} {passed:>2}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
