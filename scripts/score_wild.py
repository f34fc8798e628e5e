"""Score the project's importers on reports they have not learned.

Every file in ``fixtures/wild/manifest.yaml`` (made by other producers: LibreOffice, Chromium,
Word-style documents, PowerPoint, text dumps) is imported exactly as a user's file would be and
compared with its reference visit; ``--fuzz N`` adds N randomised reportlab layouts of every
reference, rendered in-process (``--fuzz-dumps`` their text dumps too), and ``--fuzz-office N``
N random Word and PowerPoint templates. One line per file or failing layout, then totals per producer.

Pass (see ``fixture_builder/criterion.py``): every box ≥ 0.98 word similarity, exact
``visit_date``, ``auditors``, ``employees_total`` and ``assessment``, and exact theme ids for
every section. A format no importer reads yet is reported as "no importer", not as a crash.

    python scripts/score_wild.py                 # the committed files
    python scripts/score_wild.py --fuzz 200      # and 200 layouts of each reference
    python scripts/score_wild.py --only fuzz --fuzz 20 --fuzz-dumps pdftotext,pdftotext-raw
    python scripts/score_wild.py --only fuzz --fuzz-office 20   # random Word and PowerPoint templates
    python scripts/score_wild.py --only fuzz --fuzz 50 --seed-start 1000 --keep-failures /tmp/failed
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402

from fixture_builder.criterion import Verdict, import_bytes, import_file, judge  # noqa: E402
from fixture_builder.dumps import DUMPERS, dump  # noqa: E402
from fixture_builder.fuzz import random_template, render  # noqa: E402
from fixture_builder.pages import quality_model_for  # noqa: E402
from fixture_builder.slides import deck, random_slide_template  # noqa: E402
from fixture_builder.word_wild import random_word_template, word_document  # noqa: E402
from kvalitet_core.errors import NoImporterError  # noqa: E402
from kvalitet_core.model import Visit  # noqa: E402
from kvalitet_core.native import dump_yaml, load_yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WILD = ROOT / "fixtures" / "wild"
MANIFEST = WILD / "manifest.yaml"


def load_visit(path: Path) -> Visit:
    """A reference visit from its YAML file."""
    return load_yaml(path.read_text(encoding="utf-8"), str(path))[0]


def reference_paths() -> list[Path]:
    """The reference visits the fuzzer renders: the four seeds and the invented reports."""
    return sorted((ROOT / "fixtures").glob("*.yaml")) + sorted((WILD / "references").glob("*.yaml"))


def manifest_entries() -> list[dict[str, str]]:
    """The committed files, each with its reference, producer, format and template."""
    if not MANIFEST.exists():
        return []
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["files"]


class Tally:
    """Passes and failures per producer, and failure kinds over everything."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.kinds: Counter[str] = Counter()

    def add(self, producer: str, outcome: str, kinds: Iterable[str] = ()) -> None:
        self.counts[producer][outcome] += 1
        self.kinds.update(set(kinds))

    def summary(self) -> list[str]:
        lines = []
        for producer, counts in sorted(self.counts.items()):
            total = sum(counts.values())
            rest = ", ".join(f"{counts[key]} {key}" for key in ("fail", "error", "no importer") if counts[key])
            lines.append(f"  {producer:<34} {counts['pass']:>4}/{total:<4} pass" + (f"  ({rest})" if rest else ""))
        passed = sum(counts["pass"] for counts in self.counts.values())
        total = sum(sum(counts.values()) for counts in self.counts.values())
        lines.append(f"  {'total':<34} {passed:>4}/{total:<4} pass")
        if self.kinds:
            lines.append("commonest failure kinds (files or layouts showing each):")
            lines += [f"  {count:>5}  {kind}" for kind, count in self.kinds.most_common(12)]
        return lines


def outcome(imported: list[Visit] | Exception, reference: Visit) -> tuple[str, str, Verdict | None]:
    """('pass' | 'fail' | 'error' | 'no importer', the detail, the verdict)."""
    if isinstance(imported, NoImporterError):
        return "no importer", str(imported), None
    if isinstance(imported, Exception):
        return "error", f"{type(imported).__name__}: {imported}".splitlines()[0], None
    if len(imported) != 1:
        return "error", f"{len(imported)} visits in one report", None
    verdict = judge(imported[0], reference)
    return ("pass" if verdict.passed else "fail"), verdict.line(), verdict


def attempt(read: Callable[[], list[Visit]]) -> list[Visit] | Exception:
    """The import, or the exception it raised: one bad file must not stop the scoring, and an
    importer crash is a result to report like any other."""
    try:
        return read()
    except Exception as error:  # noqa: BLE001
        return error


def score_files(tally: Tally) -> None:
    """Every committed file, one line each, passing or not."""
    for entry in manifest_entries():
        path = ROOT / entry["path"]
        reference = load_visit(ROOT / entry["reference"])
        producer = f"{entry['producer']} ({entry['format']})"
        result, detail, verdict = outcome(attempt(lambda path=path: import_file(path)), reference)
        tally.add(producer, result, verdict.kinds if verdict else [result])
        print(f"{result.upper():<11} {entry['path']}  {detail}")


def score_fuzz(tally: Tally, count: int, start: int, verbose: bool, keep: Path | None = None,
               dumps: Sequence[str] = ()) -> None:
    """``count`` layouts from ``start`` of every reference; failures (or all) with their template.
    ``dumps`` also scores each layout's text dumps of those kinds (pdftotext, pdfminer …). With
    ``keep``, each failing layout's PDF and the visit it should read as are written there."""
    references = [load_visit(path) for path in reference_paths()]
    began = time.perf_counter()
    for seed in range(start, start + count):
        template = random_template(seed)
        for reference in references:
            data, expected = render(reference, quality_model_for(reference), template)
            inputs: list[tuple[str, Callable[[], list[Visit]]]] = [
                ("reportlab fuzzer (pdf)", lambda data=data: import_bytes(data, ".pdf"))]
            inputs += [(f"{kind} of fuzzer (text)", lambda data=data, kind=kind: import_bytes(
                _dump_bytes(data, kind), ".txt")) for kind in dumps]
            failed = False
            for producer, read in inputs:
                result, detail, verdict = outcome(attempt(read), expected)
                tally.add(producer, result, verdict.kinds if verdict else [result])
                failed = failed or result != "pass"
                if verbose or result != "pass":
                    print(f"{result.upper():<11} fuzz {producer.split()[0]} {reference.id} {template.describe()}\n"
                          f"            {detail}")
            if keep and failed:
                keep.mkdir(parents=True, exist_ok=True)
                (keep / f"{reference.id}.seed{seed}.pdf").write_bytes(data)
                (keep / f"{reference.id}.seed{seed}.yaml").write_text(dump_yaml([expected]), encoding="utf-8")
    elapsed = time.perf_counter() - began
    print(f"fuzzer: {count} layouts × {len(references)} references in {elapsed:.1f} s")


def score_office_fuzz(tally: Tally, count: int, start: int, verbose: bool) -> None:
    """``count`` seeded Word and PowerPoint templates from ``start`` of every reference, each
    document imported as it is (.docx, .pptx): the Word and PowerPoint importers' own fuzzer."""
    references = [load_visit(path) for path in reference_paths()]
    began = time.perf_counter()
    for seed in range(start, start + count):
        producers = [("python-docx fuzzer (docx)", random_word_template(seed), word_document, ".docx"),
                     ("python-pptx fuzzer (pptx)", random_slide_template(seed), deck, ".pptx")]
        for producer, template, make, suffix in producers:
            for reference in references:
                data = make(reference, template)
                result, detail, verdict = outcome(attempt(lambda data=data, suffix=suffix: import_bytes(data, suffix)),
                                                  reference)
                tally.add(producer, result, verdict.kinds if verdict else [result])
                if verbose or result != "pass":
                    print(f"{result.upper():<11} fuzz {suffix[1:]} {reference.id} {template.describe()}\n"
                          f"            {detail}")
    elapsed = time.perf_counter() - began
    print(f"office fuzzer: {count} Word and {count} PowerPoint templates × {len(references)} references "
          f"in {elapsed:.1f} s")


def _dump_bytes(pdf: bytes, kind: str) -> bytes:
    """A text dump of an in-memory PDF (the extractors read files)."""
    with tempfile.TemporaryDirectory(prefix="kvalitet-dump-") as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        return dump(path, kind).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzz", type=int, default=0, metavar="N", help="N seeded layouts of every reference")
    parser.add_argument("--seed-start", type=int, default=0, help="the first fuzzer seed (default 0)")
    parser.add_argument("--only", choices=["files", "fuzz"], help="score only the files or only the fuzzer")
    parser.add_argument("--fuzz-office", type=int, default=0, metavar="N",
                        help="N seeded Word and PowerPoint templates of every reference (.docx, .pptx as they are)")
    parser.add_argument("--fuzz-dumps", default="", metavar="KINDS",
                        help=f"also score each layout's text dumps: comma-separated, of {', '.join(DUMPERS)}")
    parser.add_argument("-v", "--verbose", action="store_true", help="print passing layouts too")
    parser.add_argument("--keep-failures", type=Path, metavar="DIR",
                        help="write each failing fuzzer layout (PDF and expected YAML) to DIR")
    args = parser.parse_args(argv)
    tally = Tally()
    if args.only != "fuzz":
        score_files(tally)
    if args.fuzz and args.only != "files":
        dumps = [kind for kind in args.fuzz_dumps.split(",") if kind]
        unknown = set(dumps) - set(DUMPERS)
        if unknown:
            parser.error(f"unknown dump kind(s): {', '.join(sorted(unknown))}")
        score_fuzz(tally, args.fuzz, args.seed_start, args.verbose, args.keep_failures, dumps)
    if args.fuzz_office and args.only != "files":
        score_office_fuzz(tally, args.fuzz_office, args.seed_start, args.verbose)
    print("summary (pass = every box ≥ 0.98, exact date/auditors/employees/assessment/offer/unit and theme ids):")
    print("\n".join(tally.summary()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
