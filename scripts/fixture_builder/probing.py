"""What the probe scripts share: the reference visits, one file's import and verdict, and the
imported-beside-expected view of a failing case."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fixture_builder.criterion import import_file, judge
from kvalitet_core.errors import NoImporterError
from kvalitet_core.model import BoxKind, Visit
from kvalitet_core.native import dump_yaml, load_yaml
from kvalitet_core.scoring import score_visit

ROOT = Path(__file__).resolve().parent.parent.parent
RESULTS = ("FAIL", "ERROR", "NO IMPORTER")
"""The verdicts of :func:`attempt` other than PASS."""


def reference_paths() -> list[Path]:
    """The references ``score_wild.py`` renders: the seeds and the invented wild reports."""
    return sorted((ROOT / "fixtures").glob("*.yaml")) + sorted((ROOT / "fixtures/wild/references").glob("*.yaml"))


def load_visit(path: Path) -> Visit:
    return load_yaml(path.read_text(encoding="utf-8"), str(path))[0]


def reasons(imported: Visit, expected: Visit) -> tuple[bool, str]:
    """Pass or fail, and why: every box under the threshold with its score, and the verdict's
    metadata, section-count and theme-id differences."""
    verdict = judge(imported, expected)
    if verdict.passed:
        return True, f"worst {verdict.worst_similarity:.3f} {verdict.worst_box}"
    score = score_visit(imported, expected)
    low = [f"{text.part}={text.similarity:.2f}" for text in score.texts
           if text.box is not None and text.similarity < 0.98]
    parts = [f"low boxes: {', '.join(low)}"] if low else []
    parts += verdict.differences
    return False, "; ".join(parts)


def attempt(path: Path, expected: Visit) -> tuple[str, str, list[Visit] | None]:
    """('PASS' | 'FAIL' | 'ERROR' | 'NO IMPORTER', detail, visits read)."""
    try:
        visits = import_file(path)
    except NoImporterError as error:
        return "NO IMPORTER", str(error).splitlines()[0], None
    except Exception as error:  # noqa: BLE001 - an importer crash is a result to report
        return "ERROR", f"{type(error).__name__}: {error}".splitlines()[0], None
    if len(visits) != 1:
        return "ERROR", f"{len(visits)} visits in one report", visits
    passed, detail = reasons(visits[0], expected)
    return ("PASS" if passed else "FAIL"), detail, visits


def show(imported: Visit, expected: Visit) -> None:
    """Each section's theme ids and the start of every differing box, imported beside expected."""
    print(f"sections: imported {len(imported.sections)}, expected {len(expected.sections)}")
    for field in ("visit_date", "auditors", "employees_total", "assessment", "offer", "unit"):
        left, right = getattr(imported, field), getattr(expected, field)
        if left != right:
            print(f"  {field}: imported {left!r} expected {right!r}")
    for index in range(max(len(imported.sections), len(expected.sections))):
        got = imported.sections[index] if index < len(imported.sections) else None
        want = expected.sections[index] if index < len(expected.sections) else None
        print(f"section {index}: themes imported {got.themes if got else None} "
              f"(continued {got.continued if got else None}) expected {want.themes if want else None} "
              f"(continued {want.continued if want else None})")
        for kind in BoxKind:
            left = got.box(kind).text if got else ""
            right = want.box(kind).text if want else ""
            if left != right:
                print(f"  {kind.value}:\n    imported: {left[:300]!r}\n    expected: {right[:300]!r}")


def keep_failure(keep: Path, stem: str, files: list[tuple[Path, str]], expected: Visit) -> None:
    """Copy a failing case's files to ``keep`` (each as ``stem`` + its suffix), with the visit
    it should read as, so that it can be reproduced."""
    keep.mkdir(parents=True, exist_ok=True)
    for path, suffix in files:
        shutil.copy(path, keep / f"{stem}{suffix}")
    (keep / f"{stem}.expected.yaml").write_text(dump_yaml([expected]), encoding="utf-8")


@dataclass
class Rendered:
    """One reference drawn in one design and handed to one producer."""

    design: Any
    producer: Any
    reference: Visit
    expected: Visit
    source: Path
    """The design's own file (HTML, .docx, .pptx)."""
    suffix: str
    case: Path
    """The folder the case was produced in."""
    path: Path | None
    """What the producer made (None when it failed: ``error`` says why)."""
    error: str = ""


def rendered(designs: Sequence[Any], producers: Sequence[Any], references: Sequence[Visit], work: Path,
             source_for: Callable[[Any, Visit], tuple[bytes, str, Visit]]) -> Iterator[Rendered]:
    """Every reference in every design, handed to every producer that starts from the design's
    form (``producer.sources`` holds ``design.kind``), in that order."""
    for design in designs:
        for producer in producers:
            if design.kind not in producer.sources:
                continue
            case = work / f"{design.name}.{producer.name}"
            case.mkdir(exist_ok=True)
            for reference in references:
                data, suffix, expected = source_for(design, reference)
                source = case / f"{design.name}.{reference.id}{suffix}"
                source.write_bytes(data)
                try:
                    path, error = producer.run(source, case), ""
                except (RuntimeError, subprocess.SubprocessError, OSError) as failure:
                    path, error = None, str(failure)
                yield Rendered(design, producer, reference, expected, source, suffix, case, path, error)


def lost_note(text: str, expected: Visit) -> str:
    """A note for a PDF whose text (pdftotext's) lacks some of the boxes' words: the producer
    dropped or clipped them, which no importer can read back. Empty when (nearly) all are there."""
    from fixture_builder.style_probe import box_coverage

    coverage = box_coverage(text, expected)
    return f" [lost {100 * (1 - coverage):.1f}% of box words in the PDF itself]" if coverage < 0.995 else ""


def print_totals(title: str, tally: dict[tuple[str, str], Counter[str]], width: int) -> None:
    """One line per (design, producer) of passes over cases, with what else they came to, then
    the total; ``width`` is the producer column's."""
    print(title)
    passed = total = 0
    for (name, producer), counts in tally.items():
        count = sum(counts[key] for key in ("PASS", *RESULTS))
        passed += counts["PASS"]
        total += count
        rest = ", ".join(f"{counts[key]} {key.lower()}" for key in (*RESULTS, "LOST") if counts[key])
        print(f"  {name:<10} {producer:<{width}} {counts['PASS']:>3}/{count}" + (f"  ({rest})" if rest else ""))
    print(f"  {'total':<{11 + width}} {passed:>3}/{total}")


def probe_designs(designs: Sequence[Any], producers: Sequence[Any], references: Sequence[Visit],
                  source_for: Callable[[Any, Visit], tuple[bytes, str, Visit]], keep: Path, *, show_cases: bool,
                  prefix: str) -> None:
    """Render, import and judge every case of a design probe: one line per file (with a note
    where the PDF itself lost words), the failing files kept with their source and the visit they
    should read as, then totals per design and producer and per producer."""
    import tempfile
    import time
    from collections import defaultdict

    from fixture_builder.dumps import dump

    files: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        for case in rendered(designs, producers, references, Path(folder), source_for):
            design, producer, reference, expected, path = (case.design, case.producer, case.reference,
                                                           case.expected, case.path)
            label = f"{design.name:<10} {producer.name:<11} {reference.id:<32}"
            if path is None:
                print(f"{label} ERROR producer: {case.error}", flush=True)
                files[(design.name, producer.name)]["ERROR"] += 1
                continue
            lost = lost_note(dump(path, "pdftotext"), expected) if path.suffix == ".pdf" else ""
            result, detail, visits = attempt(path, expected)
            files[(design.name, producer.name)][result] += 1
            files[(design.name, producer.name)]["LOST"] += bool(lost)
            print(f"{label} {result:<5} {detail}{lost}", flush=True)
            if show_cases and visits:
                show(visits[0], expected)
            if result != "PASS":
                kept = [(path, path.suffix)]
                if path != case.source:
                    kept.append((case.source, f".source{case.suffix}"))
                keep_failure(keep, f"{design.name}.{producer.name}.{reference.id}", kept, expected)
    if files:
        print_totals("totals (pass/files per design and producer):", files, 11)
        per_producer: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for (_, producer), counts in files.items():
            per_producer[("all", producer)].update(counts)
        print_totals("totals per producer:", per_producer, 11)
    print(f"({time.monotonic() - started:.0f} s)")
