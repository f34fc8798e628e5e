"""What the probe scripts share: the reference visits, one file's import and verdict, and the
imported-beside-expected view of a failing case."""

from __future__ import annotations

from pathlib import Path

from fixture_builder.criterion import import_file, judge
from kvalitet_core.errors import NoImporterError
from kvalitet_core.model import BoxKind, Visit
from kvalitet_core.native import load_yaml
from kvalitet_core.scoring import score_visit

ROOT = Path(__file__).resolve().parent.parent.parent


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
