"""The pass criterion for a report from any producer, shared by ``score_wild.py`` and the tests.

An import passes when every box of every section reads back with a word similarity of at least
0.98 (a list item's marker is structure, scored apart: :mod:`kvalitet_core.scoring`), the
metadata that search, statistics and comparison rely on is exact, and every section names
exactly the reference's theme ids. One place, so the script's summary and the tests can
never disagree about what passing means.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kvalitet_core.model import Visit
from kvalitet_core.plugins import PluginHost
from kvalitet_core.scoring import score_visit

BOX_THRESHOLD = 0.98
EXACT = ("visit_date", "auditors", "employees_total", "assessment", "offer", "unit")


@dataclass
class Verdict:
    """Whether an import passes, its worst box, and what differs (one short phrase each, with a
    ``kind`` per phrase so failures can be counted by kind)."""

    passed: bool
    worst_box: str = ""
    worst_similarity: float = 1.0
    differences: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The verdict in one line: worst box, then what differs."""
        worst = f"worst {self.worst_similarity:.3f} {self.worst_box}" if self.worst_box else "no boxes"
        return "; ".join([worst, *self.differences])


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def judge(imported: Visit, reference: Visit) -> Verdict:
    """The verdict on one imported visit against its reference."""
    score = score_visit(imported, reference)
    boxes = [text for text in score.texts if text.box is not None]
    verdict = Verdict(passed=True)
    if boxes:
        worst = min(boxes, key=lambda text: text.similarity)
        verdict.worst_box, verdict.worst_similarity = worst.part, worst.similarity
    for text in boxes:
        if text.similarity < BOX_THRESHOLD:
            verdict.kinds.append(f"box {text.box} < {BOX_THRESHOLD}")
    low = [text for text in boxes if text.similarity < BOX_THRESHOLD]
    if low:
        verdict.differences.append(f"{len(low)} box(es) < {BOX_THRESHOLD}")
    if len(imported.sections) != len(reference.sections):
        verdict.differences.append(f"{len(imported.sections)} sections, reference {len(reference.sections)}")
        verdict.kinds.append("section count")
    for check in score.fields:
        if check.equal:
            continue
        name = check.field
        if name.endswith(" themes") and name.startswith("sections."):
            if check.imported is not None and check.reference is not None:
                verdict.differences.append(f"{name}: {check.imported} ≠ {check.reference}")
                verdict.kinds.append("theme ids")
        elif name in EXACT:
            verdict.differences.append(f"{name}: {_short(check.imported)} ≠ {_short(check.reference)}")
            verdict.kinds.append(f"field {name}")
    verdict.passed = not verdict.kinds
    return verdict


@cache
def plugin_host() -> PluginHost:
    """The plugin host, loaded once per process: loading the plugins costs more than a report."""
    from kvalitet_core.plugins import get_host

    return get_host()


def import_file(path: Path) -> list[Visit]:
    """The visits the project's importers read from a file (the importer chosen as for a user)."""
    from kvalitet_core.reading import read_visits

    return read_visits(plugin_host(), path)


def import_bytes(data: bytes, suffix: str) -> list[Visit]:
    """The visits read from bytes, through a temporary file so the importer sees a real path
    with the usual extension, exactly as a user's file."""
    with tempfile.TemporaryDirectory(prefix="kvalitet-wild-") as folder:
        path = Path(folder) / f"report{suffix}"
        path.write_bytes(data)
        return import_file(path)
