"""The accuracy scorer: word-level similarity per text part, exact metadata, the CLI verdict."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_YAMLS, run_kvalitet
from kvalitet_core.model import Box, Item, Visit
from kvalitet_core.native import dump_yaml
from kvalitet_core.scoring import box_words, score_visit, similarity, structure_score, tokens


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


def _first_long_paragraph(visit: Visit) -> tuple[Item, int]:
    for section in visit.sections:
        for _, box in section.boxes():
            for item in box.items:
                for number, paragraph in enumerate(item.paragraphs):
                    if len(paragraph.split()) >= 8:
                        return item, number
    raise AssertionError("no long paragraph")


def test_a_split_paragraph_is_found_though_every_word_is_there(reference: Visit) -> None:
    changed = reference.model_copy(deep=True)
    item, number = _first_long_paragraph(changed)
    words = item.paragraphs[number].split()
    item.paragraphs[number:number + 1] = [" ".join(words[:4]), " ".join(words[4:])]
    score = score_visit(changed, reference)
    assert score.minimum == 1.0
    [box] = [box for box in score.structures if box.problems]
    [problem] = box.problems
    assert problem.startswith(f"paragraph split at «{words[4]}")
    assert box.similarity < 1.0 and not score.passes(0.99)


def test_merged_paragraphs_are_found(reference: Visit) -> None:
    changed = reference.model_copy(deep=True)
    item = next(item for section in changed.sections for _, box in section.boxes() for item in box.items
                if len(item.paragraphs) >= 2)
    second = item.paragraphs[1]
    item.paragraphs[0:2] = [f"{item.paragraphs[0]} {second}"]
    score = score_visit(changed, reference)
    problems = [problem for box in score.structures for problem in box.problems]
    assert len(problems) == 1 and problems[0].startswith("paragraphs merged at «")
    assert problems[0][len("paragraphs merged at «"):].startswith(second.split()[0])


def test_a_lost_heading_is_found(reference: Visit) -> None:
    changed = reference.model_copy(deep=True)
    item = next(item for section in changed.sections for _, box in section.boxes() for item in box.items
                if item.heading and item.paragraphs)
    heading = item.heading
    item.heading = None
    item.paragraphs.insert(0, heading)
    score = score_visit(changed, reference)
    problems = [problem for box in score.structures for problem in box.problems]
    [problem] = problems
    assert problem.startswith(f"heading read as a paragraph at «{heading.split()[0]}")


def test_cli_lists_what_differs_in_structure(tmp_path: Path, reference: Visit) -> None:
    changed = reference.model_copy(deep=True)
    item, number = _first_long_paragraph(changed)
    words = item.paragraphs[number].split()
    item.paragraphs[number:number + 1] = [" ".join(words[:4]), " ".join(words[4:])]
    path = tmp_path / "split.yaml"
    path.write_text(dump_yaml([changed]), encoding="utf-8")
    done = run_kvalitet("score", str(path), str(FIXTURE_YAMLS[0]), env={"COLUMNS": "200"})
    assert done.returncode == 1
    assert "paragraph split at «" in done.stdout.decode()


def test_a_lost_list_marker_is_structure_not_a_word() -> None:
    """A dump of a PDF whose bullets are drawn shapes keeps the list's words and none of its
    markers: the words score whole, the structure names each item that lost its marker."""
    reference = Box(items=[Item(paragraphs=["At skabe ro.", "- Et punkt", "- Et andet punkt"])])
    imported = Box(items=[Item(paragraphs=["At skabe ro.", "Et punkt", "Et andet punkt"])])
    assert similarity(box_words(imported.text), box_words(reference.text)) == 1.0
    problems = structure_score("box", imported, reference).problems
    assert len(problems) == 2 and all(problem.startswith("list item read as a paragraph at «Et") for problem in problems)
