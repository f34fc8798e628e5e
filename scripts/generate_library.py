"""Generate a realistic library of visit files from the four fixture reports, for tests and benchmarks.

    python scripts/generate_library.py OUTDIR --count 1000 --seed 7

Real libraries hold the same offers visited again every two years or so, each report a revision
of the previous one: some topics dropped, new ones added, paragraphs reworded, the assessment
sometimes changing. So every offer gets a fixture as its first report (with the fixture's offer
name replaced by its own), and each later visit is the previous one perturbed. Offers reuse the
fixtures' real offer and unit names plus invented ones. The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kvalitet_core.model import BoxKind, Visit, slugify, visit_id_for
from kvalitet_core.native import dump_yaml, load_yaml, visit_to_data

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

ASSESSMENTS = ["Akkrediteret", "Akkrediteret med forbehold", "Ikke akkrediteret", None]
ASSESSMENT_WEIGHTS = [5, 4, 1, 1]
PREFIXES = ["Bostedet", "Værestedet", "Botilbuddet", "Dagtilbuddet", "Café", "Projekt", "Skolen", "Kollegiet",
            "Huset", "Klubben", "Fællesskabet", "Opgangen"]
PLACES = ["Lærkereden", "Østerbro", "Ågården", "Solsikken", "Fælledhuset", "Nørrebro", "Havnen", "Kløverbladet",
          "Æblehaven", "Valby", "Amager", "Bispebjerg", "Sølyst", "Strandvejen", "Tårnet", "Grønnegården",
          "Møllen", "Egebladet", "Hjortø", "Bøgely", "Sundby", "Vesterbro", "Kastanjen", "Fyrtårnet"]
UNITS = [None, None, None, "Afdeling Nord", "Afdeling Syd", "Snekken", "Skibet", "Ankeret", "Kajen"]
ORGANISATIONS = [None, None, "WeShelter", "Kirkens Korshær", "KFUM's Sociale Arbejde", "Blå Kors"]
AUDITORS = ["Dorte Valentiner-Branth", "Janne Andersen", "Søren Østergaard", "Åse Mørk", "Mette Kjær",
            "Jørgen Ærø", "Birgitte Holm", "Lars Bøgh", "Anne Ravn"]
SYNONYMS = {
    "medarbejderne": "personalet", "lederen": "ledelsen", "brugerne": "borgerne", "fortæller": "beskriver",
    "oplever": "erfarer", "vigtigt": "væsentligt", "fælles": "fællesskabets", "behov": "ønske",
    "arbejde": "indsats", "struktur": "rammer", "fokus": "opmærksomhed", "tydelige": "klare",
}
NO_FEEDBACK = "Besøget gav ikke anledning til særlig feedback på dette tema."
CROSS_REFERENCE = "Feedback af relevans for temaet indgår i feedback under andre temaer. Se tema {theme}."


def load_fixtures() -> list[Visit]:
    return [load_yaml(path.read_text("utf-8"), str(path))[0] for path in sorted(FIXTURES.glob("*.yaml"))]


def _offers(rng: random.Random, fixtures: list[Visit]) -> Iterator[tuple[Visit, str, str | None, str | None]]:
    """Template, offer, unit and organisation of each new offer: the fixtures' own first, then invented.

    Offers never repeat (by slug), so visit ids built from offer, unit and date are unique.
    """
    seen = set()
    for fixture in fixtures:
        seen.add(slugify(f"{fixture.offer} {fixture.unit or ''}"))
        yield fixture, fixture.offer, fixture.unit, fixture.organisation
    while True:
        offer = f"{rng.choice(PREFIXES)} {rng.choice(PLACES)}"
        if rng.random() < 0.3:
            offer = f"{offer} {rng.randint(2, 99)}"
        unit = rng.choice(UNITS)
        key = slugify(f"{offer} {unit or ''}")
        if key not in seen:
            seen.add(key)
            yield rng.choice(fixtures), offer, unit, rng.choice(ORGANISATIONS)


def _replace_text(data: Any, old: str, new: str) -> Any:
    """Every string in nested data with ``old`` replaced (the template's offer name in its prose)."""
    if isinstance(data, str):
        return data.replace(old, new)
    if isinstance(data, list):
        return [_replace_text(value, old, new) for value in data]
    if isinstance(data, dict):
        return {key: _replace_text(value, old, new) for key, value in data.items()}
    return data


def _reword(rng: random.Random, paragraph: str) -> str:
    """A paragraph with a word swapped for a synonym, or a sentence dropped — an editor's revision."""
    sentences = [s for s in paragraph.split(". ") if s]
    if len(sentences) > 2 and rng.random() < 0.4:
        del sentences[rng.randrange(len(sentences))]
        return ". ".join(sentences)
    words = paragraph.split(" ")
    candidates = [i for i, word in enumerate(words) if word.lower().strip(".,") in SYNONYMS]
    if not candidates:
        return paragraph
    index = rng.choice(candidates)
    bare = words[index].strip(".,")
    replacement = SYNONYMS[bare.lower()]
    words[index] = words[index].replace(bare, replacement.capitalize() if bare[0].isupper() else replacement)
    return " ".join(words)


def _perturb_box(rng: random.Random, items: list[dict], donors: list[dict], kind: BoxKind, theme: str) -> list[dict]:
    """Drop, add, shuffle and reword items of one box, the way a revisit's report differs."""
    kept = [item for item in items if rng.random() > 0.12]
    if donors and rng.random() < 0.3:
        kept.insert(rng.randint(0, len(kept)), copy.deepcopy(rng.choice(donors)))
    for item in kept:
        if len(item["paragraphs"]) > 1 and rng.random() < 0.15:
            rng.shuffle(item["paragraphs"])
        item["paragraphs"] = [_reword(rng, p) if rng.random() < 0.2 else p for p in item["paragraphs"]]
    if kind is BoxKind.POINTS_TO:
        roll = rng.random()
        if roll < 0.06:
            kept = [{"heading": None, "paragraphs": [NO_FEEDBACK], "cards": []}]
        elif roll < 0.1:
            other = rng.choice([t for t in ("3a", "4", "5") if t != theme])
            kept = [{"heading": None, "paragraphs": [CROSS_REFERENCE.format(theme=other)], "cards": []}]
    return kept


def _donor_items(fixtures: list[Visit]) -> dict[BoxKind, list[dict]]:
    """Items of every fixture per box kind: the pool new topics of a revisit are drawn from."""
    donors: dict[BoxKind, list[dict]] = {kind: [] for kind in BoxKind}
    for fixture in fixtures:
        for section in fixture.sections:
            for kind, box in section.boxes():
                donors[kind] += [item.model_dump() for item in box.items if item.heading]
    return donors


def _revisit(rng: random.Random, previous: dict, donors: dict[BoxKind, list[dict]], when: date) -> dict:
    data = copy.deepcopy(previous)
    data["visit_date"] = when.isoformat()
    data["auditors"] = rng.sample(AUDITORS, 2)
    if data.get("employees_total") is not None:
        data["employees_total"] = max(1, data["employees_total"] + rng.randint(-3, 3))
    if rng.random() < 0.45:
        data["assessment"] = rng.choices(ASSESSMENTS, ASSESSMENT_WEIGHTS)[0]
    for section in data["sections"]:
        theme = section["themes"][0]
        for kind in BoxKind:
            box = section[kind.value]
            box["items"] = _perturb_box(rng, box["items"], donors[kind], kind, theme)
    if rng.random() < 0.3:
        paragraphs = data["overall_impression"].split("\n\n")
        rng.shuffle(paragraphs)
        data["overall_impression"] = "\n\n".join(paragraphs)
    return data


def generate_visits(count: int, seed: int) -> list[Visit]:
    """``count`` visits, two to seven per offer, each offer visited every two years or so."""
    rng = random.Random(seed)
    fixtures = load_fixtures()
    donors = _donor_items(fixtures)
    offers = _offers(rng, fixtures)
    visits: list[Visit] = []
    while len(visits) < count:
        template, offer, unit, organisation = next(offers)
        data = _replace_text(visit_to_data(template), template.offer, offer)
        data.update(offer=offer, unit=unit, organisation=organisation,
                    provenance={"source_file": None, "source_sha256": None, "importer": None,
                                "importer_version": None, "pages": {}, "warnings": []})
        when = date(rng.randint(2008, 2016), rng.randint(1, 12), rng.randint(1, 28))
        for _ in range(min(rng.randint(2, 7), count - len(visits))):
            data = _revisit(rng, data, donors, when)
            data["id"] = visit_id_for(offer, unit, when)
            visits.append(Visit.model_validate(data))
            when += timedelta(days=730 + rng.randint(-75, 75))
    return visits


def write_library(outdir: Path, visits: list[Visit]) -> list[Path]:
    """One YAML file per visit, in a folder per offer: ``OUTDIR/<offer>/<visit id>.yaml``."""
    written = []
    for visit in visits:
        folder = outdir / slugify(f"{visit.offer} {visit.unit or ''}")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{visit.id}.yaml"
        path.write_text(dump_yaml([visit]), "utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args(argv)
    written = write_library(arguments.outdir, generate_visits(arguments.count, arguments.seed))
    print(f"wrote {len(written)} visits to {arguments.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
