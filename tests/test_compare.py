"""The compare engine: structure aligned first, then words; every kind of change reported."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES, FIXTURE_YAMLS, run_kvalitet
from kvalitet_core.compare import Comparison, compare_visits
from kvalitet_core.compare.engine import BoxChange, TextChange, align_items, word_diff
from kvalitet_core.compare.render import render_html, render_markdown, render_rich
from kvalitet_core.model import BoxKind, Item, Visit
from kvalitet_core.native import dump_yaml, load_yaml


def _pegasus() -> Visit:
    return load_yaml((FIXTURES / "pegasus-2017-09-28.yaml").read_text("utf-8"))[0]


@pytest.fixture
def perturbed() -> tuple[Visit, Visit, Comparison]:
    """Pegasus against a copy with one item removed, one focus area added, one word and the assessment changed."""
    old, new = _pegasus(), _pegasus()
    new.sections[0].talked_about.items.pop(2)  # "Spontane ture og aktiviteter"
    new.sections[4].points_to.items.append(Item(heading="Samarbejde", paragraphs=["Et behov for at samarbejde."]))
    item = new.sections[1].talked_about.items[0]  # "Ældre og sårbar målgruppe"
    item.paragraphs = [item.paragraphs[0].replace("en ældre brugergruppe", "en yngre brugergruppe")]
    new.assessment = "Akkrediteret"
    return old, new, compare_visits(old, new)


def _box(comparison: Comparison, theme: str, kind: BoxKind) -> BoxChange:
    section = next(s for s in comparison.sections if s.themes == [theme])
    return next(b for b in section.boxes if b.kind is kind)


def _changed(box: BoxChange) -> list[TextChange]:
    return [item for item in box.items if item.status != "unchanged"]


def test_removed_item_is_reported_in_its_place(perturbed):
    _, _, comparison = perturbed
    box = _box(comparison, "1", BoxKind.TALKED_ABOUT)
    assert [(c.label, c.status) for c in _changed(box)] == [("Spontane ture og aktiviteter", "removed")]
    assert [c.status for c in box.items] == ["unchanged", "unchanged", "removed"]


def test_added_focus_area_is_reported(perturbed):
    _, _, comparison = perturbed
    [added] = _changed(_box(comparison, "4", BoxKind.POINTS_TO))
    assert (added.label, added.status, added.focus_area) == ("Samarbejde", "added", True)
    assert (comparison.focus_areas_old, comparison.focus_areas_new) == (5, 6)


def test_changed_word_is_the_only_difference_inside_its_item(perturbed):
    _, _, comparison = perturbed
    [changed] = _changed(_box(comparison, "2", BoxKind.TALKED_ABOUT))
    assert changed.status == "changed" and changed.label == "Ældre og sårbar målgruppe"
    assert [(s.op, s.text) for s in changed.segments if s.op != "equal"] == [("delete", "ældre"), ("insert", "yngre")]
    assert changed.similarity > 0.95


def test_assessment_change_and_summary(perturbed):
    _, _, comparison = perturbed
    assessment = next(f for f in comparison.fields if f.label == "assessment")
    assert (assessment.status, assessment.old, assessment.new) == (
        "changed", "Akkrediteret med forbehold", "Akkrediteret")
    assert comparison.summary.startswith(
        "focus areas 5 → 6; assessment Akkrediteret med forbehold → Akkrediteret; theme 4 new focus area 'Samarbejde'")
    assert "items 1 changed, 1 removed" in comparison.summary


def test_nothing_else_is_reported(perturbed):
    _, _, comparison = perturbed
    changed_fields = [f.label for f in [*comparison.fields, *comparison.texts] if f.status != "unchanged"]
    assert changed_fields == ["assessment"]
    touched = {(tuple(s.themes), b.kind) for s in comparison.sections for b in s.boxes if b.changed}
    assert touched == {(("1",), BoxKind.TALKED_ABOUT), (("2",), BoxKind.TALKED_ABOUT), (("4",), BoxKind.POINTS_TO)}


def test_identical_visits_have_no_changes(fixture_yaml):
    visit = load_yaml(fixture_yaml.read_text("utf-8"))[0]
    comparison = compare_visits(visit, visit.model_copy(deep=True))
    assert comparison.summary == "no changes" and not comparison.changed


def test_continuation_pages_merge_into_their_theme():
    comparison = compare_visits(_pegasus(), _pegasus())
    assert [s.themes for s in comparison.sections].count(["4"]) == 1
    points_to = _box(comparison, "4", BoxKind.POINTS_TO)
    assert [i.label for i in points_to.items] == ["Pegasus: Historie → Fremtid", "Kerneopgave", "Struktur"]


def test_items_align_by_heading_then_by_similarity():
    old = [Item(heading="Mål", paragraphs=["a b c"]),
           Item(paragraphs=["der er behov for at definere den fælles kerneopgave for tilbuddet"]),
           Item(paragraphs=["helt andet indhold her"])]
    new = [Item(paragraphs=["der er et behov for at definere den fælles kerneopgave"]),
           Item(heading="mål.", paragraphs=["x y z"]),
           Item(paragraphs=["noget nyt som ingen har set"])]
    assert align_items(old, new) == [(1, 0), (0, 1), (2, None), (None, 2)]


def test_reordered_items_are_unchanged():
    old = _pegasus()
    new = old.model_copy(deep=True)
    new.sections[0].talked_about.items.reverse()
    box = _box(compare_visits(old, new), "1", BoxKind.TALKED_ABOUT)
    assert {c.status for c in box.items} == {"unchanged"}


words = st.lists(st.sampled_from(["mad", "og", "struktur", "kerneopgaven", "æble", "\n\n"]), max_size=30)


@given(words, words)
def test_word_diff_rebuilds_both_texts(a, b):
    old, new = " ".join(a), " ".join(b)
    segments = word_diff(old, new)
    normal = lambda text: " ".join(text.split())  # noqa: E731 - whitespace is normalised by design
    assert normal("".join(s.text for s in segments if s.op != "insert")) == normal(old)
    assert normal("".join(s.text for s in segments if s.op != "delete")) == normal(new)


def test_renderings_escape_report_text(perturbed):
    old, new, _ = perturbed
    new.sections[3].talked_about.items[0].paragraphs[0] += " <script>alert(1)</script> *stjerne*"
    comparison = compare_visits(old, new)
    page = render_html(comparison)
    assert "<script>" not in page and "&lt;script&gt;" in page and "<ins>" in page
    markdown = render_markdown(comparison)
    assert r"\<script\>" in markdown and r"\*stjerne\*" in markdown and "~~ældre~~ **yngre**" in markdown
    assert Comparison.model_validate_json(comparison.model_dump_json()) == comparison
    render_rich(comparison)


def test_two_full_reports_compare():
    visits = [load_yaml(path.read_text("utf-8"))[0] for path in FIXTURE_YAMLS]
    comparison = compare_visits(visits[0], visits[1])
    assert comparison.changed


def test_cli_diff_formats(perturbed, tmp_path):
    old, new, comparison = perturbed
    (tmp_path / "old.yaml").write_text(dump_yaml([old]), "utf-8")
    (tmp_path / "new.yaml").write_text(dump_yaml([new]), "utf-8")
    result = run_kvalitet("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--to", "json")
    assert result.returncode == 7, result.stderr  # differences found, as documented
    assert json.loads(result.stdout)["summary"] == comparison.summary
    written = run_kvalitet("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--to", "html",
                           "-o", str(tmp_path / "diff.html"))
    assert written.returncode == 7 and (tmp_path / "diff.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    same = run_kvalitet("diff", str(tmp_path / "old.yaml"), str(tmp_path / "old.yaml"), "--to", "markdown")
    assert same.returncode == 0 and same.stdout == run_kvalitet(
        "diff", str(tmp_path / "old.yaml"), str(tmp_path / "old.yaml"), "--to", "md").stdout
