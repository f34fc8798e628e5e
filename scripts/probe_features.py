"""Probe the Word and PowerPoint importers with one real-world OOXML feature at a time.

Each feature of :mod:`fixture_builder.feature_probe` (tracked changes, comments, fields,
footnotes, hidden text, grouped shapes, hidden slides, merged cells …) is added to a probe
template's report of every reference visit; the base report is imported and judged first, so a
failure is the feature's and not the template's. A case passes when the judge passes it, every
phrase check holds (leaked comment or field words can hide under the judge's 0.98 word
similarity), no exactly compared field differs where the base report had it right, and the
import neither raised nor printed a traceback. Box structure (a paragraph split by a soft line
break) is reported as a note, not failed. Failing files are kept with their expected visit.

    python scripts/probe_features.py
    python scripts/probe_features.py --feature w_tracked_delete --reference pegasus-2017-09-28
    python scripts/probe_features.py --show w_comments:pegasus-2017-09-28   # imported vs expected
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import logging
import sys
import traceback
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixture_builder.criterion import import_bytes, judge
from fixture_builder.feature_probe import FEATURES, Case, Check, Feature, Skip, norm
from fixture_builder.office_probe import TEMPLATES
from fixture_builder.probing import load_visit, reference_paths, show

from kvalitet_core.errors import KvalitetError, NoImporterError
from kvalitet_core.model import BoxKind, Visit
from kvalitet_core.native import dump_yaml
from kvalitet_core.scoring import box_words, score_visit, tokens

KEEP = Path("/tmp/feature-failures")


class _Records(logging.Handler):
    """Log records an import emits: a logged exception is a crash the caller never sees."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Imported:
    """One import: the visits or the error, and whatever it printed or logged on the way."""

    visits: list[Visit] | None = None
    error: str = ""
    no_importer: bool = False
    refused: bool = False
    """The importer stopped with one of the project's own errors (a message, not a crash)."""
    noise: list[str] = field(default_factory=list)
    """A traceback printed, an exception logged, or a Python warning raised."""


def run_import(data: bytes, suffix: str) -> Imported:
    """Import bytes as a user's file, capturing stdout, stderr, log records and warnings."""
    out, err, handler = io.StringIO(), io.StringIO(), _Records()
    root = logging.getLogger()
    root.addHandler(handler)
    result = Imported()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result.visits = import_bytes(data, suffix)
            except NoImporterError as error:
                result.no_importer, result.error = True, str(error).splitlines()[0]
            except KvalitetError as error:
                result.refused, result.error = True, f"{type(error).__name__}: {error}".splitlines()[0]
            except Exception as error:  # noqa: BLE001 - an importer crash is a result to report
                result.error = f"{type(error).__name__}: {error}".splitlines()[0]
                result.noise.append("raised: " + traceback.format_exc().strip().splitlines()[-1])
    finally:
        root.removeHandler(handler)
    printed = out.getvalue() + err.getvalue()
    if "Traceback" in printed:
        result.noise.append("printed a traceback: " + printed.strip().splitlines()[-1][:120])
    for record in handler.records:
        if record.exc_info or record.levelno >= logging.ERROR:
            result.noise.append(f"logged {record.levelname}: {record.getMessage()[:120]}")
    for warning in caught:
        result.noise.append(f"warning {warning.category.__name__}: {str(warning.message)[:120]}")
    return result


def visit_strings(visit: Visit) -> list[str]:
    """Every string of the visit but its provenance: where a leaked word would show."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(visit.model_dump(mode="json", exclude={"provenance"}))
    return found


def part_text(visit: Visit, part: str) -> str | None:
    """The text a check looks in: the whole visit (``any``) or one box; None if it is missing."""
    if part == "any":
        return "\n".join(visit_strings(visit))
    _, index, kind = part.split(".")
    if int(index) >= len(visit.sections):
        return None
    return visit.sections[int(index)].box(BoxKind(kind)).text


def failed_checks(visit: Visit, checks: list[Check]) -> list[str]:
    """Each phrase check that does not hold, in words."""
    problems = []
    for check in checks:
        text = part_text(visit, check.part)
        if text is None:
            problems.append(f"{check.part} missing (looked for {check.phrase[:50]!r})")
            continue
        there = norm(box_words(check.phrase)) in norm(box_words(text))
        if check.present and not there:
            problems.append(f"{check.part} lacks {check.phrase[:70]!r}")
        elif not check.present and there:
            where = check.part
            if where == "any":
                where = next((f"{name}" for name, value in _named_strings(visit) if norm(check.phrase) in norm(value)),
                             "the visit")
            problems.append(f"{where} contains {check.phrase[:70]!r}")
    return problems


def _named_strings(visit: Visit) -> list[tuple[str, str]]:
    """(where, text): each box by section and kind, then each other text field."""
    named = [(f"sections.{i}.{kind.value}", section.box(kind).text)
             for i, section in enumerate(visit.sections) for kind in BoxKind]
    for name, value in visit.model_dump(mode="json", exclude={"provenance", "sections"}).items():
        named += [(name, text) for text in (value if isinstance(value, list) else [value]) if isinstance(text, str)]
        if name == "contributes_to":
            named += [(name, item["text"]) for item in value]
    return named


def word_diff(imported: str, expected: str, limit: int = 4) -> str:
    """The words that differ: '+«…»' read but not expected, '-«…»' expected but not read."""
    left, right = tokens(imported), tokens(expected)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            parts.append("+«" + _clip(" ".join(left[i1:i2])) + "»")
        if j2 > j1:
            parts.append("-«" + _clip(" ".join(right[j1:j2])) + "»")
    more = f" (+{len(parts) - limit} more)" if len(parts) > limit else ""
    return " ".join(parts[:limit]) + more


def _clip(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit // 2] + " … " + text[-limit // 2:]


def field_mismatches(imported: Visit, expected: Visit) -> dict[str, tuple[Any, Any]]:
    """Every exactly compared field (all of them, not only the judge's) that differs, with its
    imported and expected values."""
    return {check.field: (check.imported, check.reference)
            for check in score_visit(imported, expected).fields if not check.equal}


def structure_notes(imported: Visit, expected: Visit) -> set[str]:
    return {f"{s.part}: {problem}" for s in score_visit(imported, expected).structures for problem in s.problems}


@dataclass
class Outcome:
    result: str
    """PASS, FAIL, REFUSED (the project's own error: a message, not a crash), ERROR (any other
    exception: a crash), NO IMPORTER, SKIP or BASE FAIL."""
    verdict: str = ""
    details: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def evaluate(case: Case, suffix: str, base_fields: set[str] | None, base_structure: set[str],
             base_warnings: frozenset[str] = frozenset()) -> tuple[Outcome, Imported]:
    """Import a case and say why it passes or fails. ``base_fields`` are the exact fields the
    base report already got wrong (not the feature's doing); ``None`` judges a base report,
    where only the judge's verdict and a crash count."""
    imported = run_import(case.data, suffix)
    if imported.visits is None:
        result = "NO IMPORTER" if imported.no_importer else "REFUSED" if imported.refused else "ERROR"
        return Outcome(result, imported.error, imported.noise), imported
    if len(imported.visits) != 1:
        return Outcome("ERROR", f"{len(imported.visits)} visits in one report", imported.noise), imported
    visit, expected = imported.visits[0], case.expected
    verdict = judge(visit, expected)
    details: list[str] = []
    score = score_visit(visit, expected)
    for text in score.texts:
        if text.box is not None and text.similarity < 0.98:
            index = text.section or 0
            got = visit.sections[index].box(BoxKind(text.box)).text if index < len(visit.sections) else ""
            want = expected.sections[index].box(BoxKind(text.box)).text if index < len(expected.sections) else ""
            details.append(f"{text.part} {text.similarity:.2f}: {word_diff(got, want)}")
    for name, (got, want) in sorted(field_mismatches(visit, expected).items()):
        if base_fields is None or name in base_fields or name.endswith(" themes"):
            continue
        details.append(f"field {name}: {_clip(repr(got), 80)} ≠ {_clip(repr(want), 80)}")
    details += failed_checks(visit, case.checks)
    details += imported.noise
    notes = sorted(structure_notes(visit, expected) - base_structure)[:4]
    warned = [w.message for w in visit.provenance.warnings if w.message not in base_warnings]
    if warned:
        kinds = Counter(m[:100] for m in warned)
        notes.append(f"{len(warned)} new import warning(s): " + " | ".join(
            f"{m}" + (f" (×{n})" if n > 1 else "") for m, n in list(kinds.items())[:3]))
    passed = verdict.passed and not details
    return Outcome("PASS" if passed else "FAIL", verdict.line(), details, notes), imported


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feature", action="append", help="only these features (repeatable)")
    parser.add_argument("--reference", action="append", help="only these reference ids (repeatable)")
    parser.add_argument("--keep", type=Path, default=KEEP, help=f"where failing files go (default {KEEP})")
    parser.add_argument("--show", metavar="FEATURE:REFERENCE", help="print imported and expected boxes of one case")
    parser.add_argument("--list", action="store_true", help="list the features and exit")
    args = parser.parse_args(argv)
    if args.list:
        for feature in FEATURES:
            print(f"{feature.name:<24} {feature.base:<17} {feature.summary}")
        return 0
    features: list[Feature] = [f for f in FEATURES if not args.feature or f.name in args.feature]
    references = [load_visit(path) for path in reference_paths()]
    references = [r for r in references if not args.reference or r.id in args.reference]
    if args.show:
        name, ref_id = args.show.split(":")
        features = [f for f in FEATURES if f.name == name]
        references = [r for r in references if r.id == ref_id]
    templates = {t.name: t for t in TEMPLATES}
    bases: dict[tuple[str, str], tuple[bytes, Visit, Outcome, set[str], set[str], frozenset[str]]] = {}
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for feature in features:
        for reference in references:
            key = (feature.base, reference.id)
            if key not in bases:
                data, expected = templates[feature.base].make(reference)
                outcome, imported = evaluate(Case(data, expected), feature.suffix, None, set())
                visit = imported.visits[0] if imported.visits else None
                bases[key] = (data, expected, outcome,
                              set(field_mismatches(visit, expected)) if visit else set(),
                              structure_notes(visit, expected) if visit else set(),
                              frozenset(w.message for w in visit.provenance.warnings) if visit else frozenset())
            data, expected, base_outcome, base_fields, base_structure, base_warnings = bases[key]
            label = f"{feature.name:<24} {reference.id:<40}"
            if base_outcome.result != "PASS":
                tally[feature.name]["BASE FAIL"] += 1
                print(f"{label} BASE FAIL {feature.base}: {base_outcome.verdict} {base_outcome.details[:2]}")
                continue
            try:
                case = feature.apply(reference, data, expected)
            except Skip as reason:
                tally[feature.name]["SKIP"] += 1
                print(f"{label} SKIP  {reason}")
                continue
            outcome, imported = evaluate(case, feature.suffix, base_fields, base_structure, base_warnings)
            tally[feature.name][outcome.result] += 1
            print(f"{label} {outcome.result:<5} {outcome.verdict}", flush=True)
            for detail in outcome.details:
                print(f"    ✗ {detail}")
            for note in outcome.notes:
                print(f"    · {note}")
            if args.show and imported.visits:
                show(imported.visits[0], case.expected)
            if outcome.result != "PASS":
                args.keep.mkdir(parents=True, exist_ok=True)
                stem = f"{feature.name}.{reference.id}"
                (args.keep / f"{stem}{feature.suffix}").write_bytes(case.data)
                (args.keep / f"{stem}.expected.yaml").write_text(dump_yaml([case.expected]), encoding="utf-8")
    print("totals (pass/cases per feature):")
    passed = total = 0
    for feature in features:
        counts = tally[feature.name]
        count = sum(counts.values()) - counts["SKIP"]
        passed += counts["PASS"]
        total += count
        rest = ", ".join(f"{counts[k]} {k.lower()}" for k in ("FAIL", "REFUSED", "ERROR", "NO IMPORTER", "BASE FAIL", "SKIP")
                         if counts[k])
        print(f"  {feature.name:<24} {feature.base:<17} {counts['PASS']:>2}/{count}" + (f"  ({rest})" if rest else ""))
    print(f"  {'total':<42} {passed:>3}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
