"""The accuracy scorer: word-level similarity per text part, exact metadata, the CLI verdict."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_YAMLS, run_kvalitet
from kvalitet_core.model import Visit
from kvalitet_core.native import dump_yaml
from kvalitet_core.scoring import score_visit, similarity, tokens


def _load(path: Path) -> Visit:
    return Visit.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture
def reference() -> Visit:
    return _load(FIXTURE_YAMLS[0])


def _first_filled(visit: Visit) -> tuple[int, str]:
    for index, section in enumerate(visit.sections):
        for kind, box in section.boxes():
            if box.items and box.items[0].paragraphs:
                return index, kind.value
    raise AssertionError("no filled box")


def test_identical_visits_score_one(reference: Visit) -> None:
    score = score_visit(reference, reference)
    assert score.minimum == 1.0
    assert not score.mismatches
    assert score.passes(1.0)


def test_similarity_is_word_level() -> None:
    assert similarity("", "") == 1.0
    assert similarity("a b c d", "a b c d") == 1.0
    assert similarity("a b x d", "a b c d") == pytest.approx(0.75)
    assert tokens("N.A.B.O. er et sted.") == ["N.A.B.O", ".", "er", "et", "sted", "."]


def test_a_changed_word_is_found_in_its_box(reference: Visit) -> None:
    changed = reference.model_copy(deep=True)
    index, kind = _first_filled(changed)
    item = getattr(changed.sections[index], kind).items[0]
    words = item.paragraphs[0].split()
    words[0] = words[0] + "x"
    item.paragraphs[0] = " ".join(words)
    score = score_visit(changed, reference)
    worse = [t for t in score.texts if t.similarity < 1.0]
    assert [t.part for t in worse] == [f"sections.{index} [{'+'.join(reference.sections[index].themes)}] {kind}"]
    assert not score.passes(1.0)


def test_a_changed_date_is_a_mismatch(reference: Visit) -> None:
    changed = reference.model_copy(deep=True)
    changed.visit_date = date(1999, 1, 1)
    score = score_visit(changed, reference)
    assert [c.field for c in score.mismatches] == ["visit_date"]
    assert not score.passes(0.0)


def test_missing_section_scores_zero_and_flags_themes(reference: Visit) -> None:
    changed = reference.model_copy(deep=True)
    changed.sections.pop()
    score = score_visit(changed, reference)
    assert score.minimum < 1.0 or any(c.field.endswith("themes") for c in score.mismatches)
    assert any(c.field.endswith("themes") and c.imported is None for c in score.mismatches)


def test_cli_exit_codes_and_json(tmp_path: Path, reference: Visit) -> None:
    same = run_kvalitet("score", str(FIXTURE_YAMLS[0]), str(FIXTURE_YAMLS[0]), "--json")
    assert same.returncode == 0, same.stderr
    document = json.loads(same.stdout)
    assert document["passes"] and document["minimum"] == 1.0
    changed = reference.model_copy(deep=True)
    changed.visit_date = date(1999, 1, 1)
    path = tmp_path / "changed.yaml"
    path.write_text(dump_yaml([changed]), encoding="utf-8")
    worse = run_kvalitet("score", str(path), str(FIXTURE_YAMLS[0]))
    assert worse.returncode == 1
    assert "visit_date" in worse.stdout.decode() and "differs" in worse.stdout.decode()
