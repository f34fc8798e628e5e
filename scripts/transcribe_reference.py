"""Turn the reference transcriptions (shared/reference/*.json) into native YAML fixtures.

The reference JSON writes each box as one text; here each box becomes items, a short line that
titles the paragraphs after it becoming the item's heading. Re-run after a reference changes:

    python scripts/transcribe_reference.py ../shared/reference fixtures
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import date
from pathlib import Path

from kvalitet_core.model import Box, Contribution, Provenance, Section, Visit
from kvalitet_core.native import dump_yaml
from kvalitet_core.paragraphs import items_from_text

CORE_TASKS = {
    # The core-task definitions formulated on the day, as the reports quote them.
    "pegasus-2017-09-28": "Vi er her for at bringe stabilitet, indhold og fællesskab ind i folks liv – "
    "gennem relationsarbejde (+ brobygning, + ressource/udvikling)",
}


def visit_from_reference(data: dict, seeds: Path) -> Visit:
    seed = seeds / data["source"]
    return Visit(
        id=data["id"],
        series=data["series"],
        offer=data["offer"],
        unit=data["unit"],
        organisation=data["organisation"],
        visit_date=date.fromisoformat(data["visit_date"]) if data["visit_date"] else None,
        time_range=data["time_range"],
        auditor_title=data["auditor_title"],
        auditors=data["auditors"],
        employees_total=data["employees_total"],
        employees_note=data["employees_note"],
        spoke_with=data["spoke_with"],
        focus_note=data["focus_note"],
        terminology_note=data["terminology_note"],
        overall_impression=data["overall_impression"],
        core_task=CORE_TASKS.get(data["id"]),
        sections=[
            Section(
                themes=s["themes"],
                continued=s["continued"],
                **{kind: Box(items=items_from_text(s[kind])) for kind in ("talked_about", "points_to", "suggestions")},
            )
            for s in data["sections"]
        ],
        assessment=data["assessment"],
        conclusion=data["conclusion"],
        contributes_to=[Contribution(**c) for c in data["contributes_to"]],
        provenance=Provenance(
            source_file=data["source"],
            source_sha256=hashlib.sha256(seed.read_bytes()).hexdigest() if seed.exists() else None,
        ),
    )


def main(reference: Path, out: Path) -> None:
    seeds = reference.parent / "seeds"
    for path in sorted(reference.glob("*.json")):
        visit = visit_from_reference(json.loads(path.read_text(encoding="utf-8")), seeds)
        target = out / f"{visit.id}.yaml"
        target.write_text(dump_yaml([visit]), encoding="utf-8")
        print(f"{path.name} -> {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
