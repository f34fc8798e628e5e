"""The plain-text importer and the recogniser's reading of text without geometry.

The seeds are real pdftotext dumps; their accuracy is measured with the scorer against the
reference transcriptions. A second, synthetic stream prints every box label before its text —
another extractor's order — to show the recogniser reads the order from the stream.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_YAMLS, FIXTURES, run_kvalitet
from kvalitet_core.model import BoxKind, Visit
from kvalitet_core.plugins import get_host
from kvalitet_core.reading import read_visits
from kvalitet_core.recognise import TextBlock, recognise
from kvalitet_core.scoring import score_visit

THRESHOLD = 0.98


def _reference(path: Path) -> Visit:
    return Visit.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _seed_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for reference in FIXTURE_YAMLS:
        source = _reference(reference).provenance.source_file
        if source and (FIXTURES / "text" / source).exists():
            pairs.append((FIXTURES / "text" / source, reference))
    return pairs


@pytest.fixture(scope="module")
def model():
    return get_host().quality_model("sof-kvalitetsmodel-3.0")


@pytest.mark.parametrize(("text", "reference"), _seed_pairs(), ids=lambda p: p.stem)
def test_seed_scores_on_every_box_and_exact_fields(text: Path, reference: Path) -> None:
    (visit,) = read_visits(get_host(), text)
    score = score_visit(visit, _reference(reference))
    below = [(t.part, round(t.similarity, 4)) for t in score.texts if t.similarity < THRESHOLD]
    assert not below
    assert not [(c.field, c.imported, c.reference) for c in score.mismatches]
    assert visit.provenance.importer == "text"
    assert visit.provenance.pages["sections.0"] >= 1


def test_seed_records_uncertain_decisions(model) -> None:
    pairs = _seed_pairs()
    assert pairs
    visits = [read_visits(get_host(), text)[0] for text, _ in pairs]
    codes = {w.code for v in visits for w in v.provenance.warnings}
    assert {"theme-inferred", "box-by-position", "repaired-words"} <= codes
    assert all(w.page is not None for v in visits for w in v.provenance.warnings if w.code == "repaired-words")


def _paragraph_blocks(texts: list[str], page: int) -> list[TextBlock]:
    """Paragraph blocks separated by empty ones, as an extractor that writes paragraphs does."""
    blocks = []
    for text in texts:
        blocks += [TextBlock(text=text, page=page), TextBlock(text="", page=page)]
    return blocks


def _side_box(visit: Visit) -> list[str]:
    date = f"{visit.visit_date:%d.%m.%Y}" if visit.visit_date else ""
    lines = ["Oplysninger om besøget", f"Dato: {date}"]
    if visit.time_range:
        lines.append(f"Kl. {visit.time_range.replace('-', ' – ')}")
    lines += [f"{visit.auditor_title or 'Auditorer'}: " + " og ".join(visit.auditors)]
    total = "" if visit.employees_total is None else str(visit.employees_total)
    note = f", {visit.employees_note}" if visit.employees_note else ""
    lines += [f"Antal ansatte i alt på tilbuddet: {total}{note}", "Vi talte med:", *visit.spoke_with]
    return lines


def label_first_stream(visit: Visit, model, columns: bool = True) -> list[TextBlock]:
    """The visit printed with each box label before its text; with ``columns``, each page's
    theme column label before its boxes (without, the themes must follow from the anatomy)."""
    blocks: list[TextBlock] = []
    if visit.series:
        unit = f", {visit.unit}" if visit.unit else ""
        blocks += _paragraph_blocks([visit.series, "Skriftlig feedback", f"{visit.offer}{unit}",
                                     f"Besøg den {visit.visit_date:%d.%m.%Y}"], 1)
    blocks += [TextBlock(text=line, page=2) for line in _side_box(visit)] + [TextBlock(text="", page=2)]
    for title, note in (("Temaer", visit.focus_note), ("En opmærksomhed", visit.terminology_note)):
        if note:
            blocks += _paragraph_blocks([title, *note.split("\n\n")], 2)
    blocks += _paragraph_blocks(["Samlede indtryk af tilbuddet", *visit.overall_impression.split("\n\n")], 3)
    for number, section in enumerate(visit.sections, start=4):
        if columns and not section.continued:
            column = ", ".join(section.themes[:-1]) + " og " + section.themes[-1] if len(section.themes) > 1 \
                else f"{section.themes[0]}: {model.theme(section.themes[0]).title}"
            blocks += _paragraph_blocks([f"Tema {column}"], number)
        for kind in BoxKind:
            blocks += _paragraph_blocks([kind.label, *filter(None, section.box(kind).text.split("\n\n"))], number)
    back = 4 + len(visit.sections)
    if visit.assessment:
        blocks += _paragraph_blocks(["Bedømmelse", f"{visit.assessment}."], back)
    blocks += _paragraph_blocks(["Konklusion", *visit.conclusion.split("\n\n")], back + 1)
    if visit.contributes_to:
        blocks += _paragraph_blocks(["Det vil bidrage til, at leve op til:"] + [
            f"- Tema {item.theme}. {item.text}" for item in visit.contributes_to], back + 1)
    return blocks


@pytest.mark.parametrize("with_column", [True, False], ids=["theme-column", "no-theme-column"])
@pytest.mark.parametrize("reference", FIXTURE_YAMLS, ids=lambda p: p.stem)
def test_label_before_text_order_is_recognised(reference: Path, with_column: bool, model) -> None:
    expected = _reference(reference)
    blocks = label_first_stream(expected, model, columns=with_column)
    visit = recognise(blocks, source_name=reference.name, quality_model=model)
    score = score_visit(visit, expected)
    assert score.minimum >= THRESHOLD, [(t.part, t.similarity) for t in score.texts if t.similarity < THRESHOLD]
    assert not [(c.field, c.imported, c.reference) for c in score.mismatches]


def test_not_a_report_is_one_clear_line(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Kære Ole\n\nTak for sidst. Vi ses til mødet i næste uge.\n", encoding="utf-8")
    result = run_kvalitet("convert", str(letter), "--to", "yaml")
    assert result.returncode == 1
    message = result.stderr.decode().strip()
    assert "not a written-feedback report: no box labels found" in message
    assert len(message.splitlines()) == 1 or "failed" in message.splitlines()[-1]


def test_text_importer_converts_through_the_cli(tmp_path: Path) -> None:
    text, reference = _seed_pairs()[0]
    output = tmp_path / "visit.yaml"
    assert run_kvalitet("convert", str(text), "--to", "yaml", "-o", str(output)).returncode == 0
    result = run_kvalitet("score", str(output), str(reference), "--json")
    assert result.returncode == 0, result.stdout.decode()[-2000:]


@pytest.mark.parametrize(("text", "reference"), _seed_pairs(), ids=lambda p: p.stem)
def test_seed_without_trailing_spaces_still_imports(text: Path, reference: Path, tmp_path: Path) -> None:
    """Editors strip the line-end spaces that tell a cut word from a real line end; the rotated
    seed must still come out nearly whole and every other seed exactly as before."""
    stripped = tmp_path / text.name
    stripped.write_text("\n".join(line.rstrip() for line in text.read_text(encoding="utf-8").split("\n")),
                        encoding="utf-8")
    (visit,) = read_visits(get_host(), stripped)
    score = score_visit(visit, _reference(reference))
    assert min(t.similarity for t in score.texts) >= 0.9
    assert not [(c.field, c.imported, c.reference) for c in score.mismatches]
