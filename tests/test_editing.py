"""The editing core without the TUI: validation at the field, undo/redo over the whole visit, safe
saving (atomic, backup, byte-identical when unchanged), the external-change guard, the recovery
journal, imported visits saved as YAML beside their source, and visits from the template."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_kvalitet
from kvalitet_core.editing import EditSession, ExternalChangeError, InvalidVisitError, backup_path, new_visit
from kvalitet_core.editing.fields import Kind, from_text, to_text
from kvalitet_core.editing.journal import journal_path
from kvalitet_core.editing.paths import first_difference, format_path, parse_path
from kvalitet_core.editing.session import blank_item, blank_section
from kvalitet_core.library.index import Library
from kvalitet_core.errors import InputError
from kvalitet_core.native import dump_json, dump_yaml, load_json, load_yaml
from kvalitet_core.plugins import get_host

PEGASUS = "pegasus-2017-09-28.yaml"
HEADING = ("sections", 0, "talked_about", "items", 0, "heading")


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("KVALITET_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def visit_file(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return Path(shutil.copy(FIXTURES / PEGASUS, folder / PEGASUS))


def open_session(path: Path) -> EditSession:
    return EditSession.open(get_host(), path)


def test_an_unchanged_visit_is_not_written(visit_file: Path) -> None:
    before, stat = visit_file.read_bytes(), visit_file.stat()
    session = open_session(visit_file)
    assert not session.dirty and session.problems == {}
    assert session.save() is False
    session.set(HEADING, "Something else")
    session.set(HEADING, session.original.sections[0].talked_about.items[0].heading)  # typed back
    assert not session.dirty and session.save() is False
    assert visit_file.read_bytes() == before and visit_file.stat().st_mtime_ns == stat.st_mtime_ns
    assert not backup_path(visit_file).exists()


def test_a_saved_edit_is_in_the_file_the_old_version_in_the_backup(visit_file: Path) -> None:
    before = visit_file.read_bytes()
    session = open_session(visit_file)
    session.set(HEADING, "Noget at stå op til, rettet.")
    assert session.dirty
    assert session.save() is True
    saved = load_yaml(visit_file.read_text(encoding="utf-8"))[0]
    assert saved.sections[0].talked_about.items[0].heading == "Noget at stå op til, rettet."
    assert saved == session.visit and not session.dirty
    assert backup_path(visit_file).read_bytes() == before
    assert not list(visit_file.parent.glob(".*.part"))  # no temporary file left behind
    session.set(HEADING, "Second save")
    session.save()
    assert backup_path(visit_file).read_bytes() == before, "the backup keeps the version before the session"
    done = run_kvalitet("validate", str(visit_file))
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("path", "value", "message"), [
    (("visit_date",), "2017-02-30", "day value is outside expected range"),
    (("employees_total",), -3, "greater than or equal to 0"),
    (("employees_total",), "tre", "valid integer"),
    (("sections", 2, "themes"), ["3a", "9"], "'9' is not a theme of sof-kvalitetsmodel-3.0"),
    (("time_range",), "om formiddagen", "two times of day"),
    (("offer",), None, "valid string"),
])
def test_an_invalid_value_is_named_at_its_field_and_refused(visit_file: Path, path: tuple, value: object,
                                                            message: str) -> None:
    before = visit_file.read_bytes()
    session = open_session(visit_file)
    session.set(path, value)
    problems = session.problems_within(path)
    assert problems and message in problems[0][1]
    assert session.visit is None
    with pytest.raises(InvalidVisitError, match=format_path(problems[0][0]).replace("[", r"\[").replace("]", r"\]")):
        session.save()
    assert visit_file.read_bytes() == before
    session.undo()
    assert session.problems == {} and not session.dirty


def test_every_problem_shows_at_once(visit_file: Path) -> None:
    session = open_session(visit_file)
    session.set(("visit_date",), "2017-02-30")
    session.set(("sections", 2, "themes"), ["3a", "9"])
    session.set(("contributes_to", 1, "theme"), "12")
    assert set(session.problems) == {("visit_date",), ("sections", 2, "themes", 1), ("contributes_to", 1, "theme")}


def test_undo_and_redo_span_fields_and_structure(visit_file: Path) -> None:
    session = open_session(visit_file)
    original = session.visit
    for text in ("N", "Ny", "Ny titel"):  # typing: one step
        session.set(HEADING, text)
    session.seal()
    session.set(("offer",), "Pegasus II")
    removed = session.remove(("sections",), 3)
    assert len(session.visit.sections) == len(original.sections) - 1
    assert session.undo() and session.visit.sections[3].model_dump(mode="json") == removed
    assert session.undo() and session.visit.offer == "Pegasus"
    assert session.undo() and session.visit == original
    assert not session.undo()
    assert session.redo() and session.value(HEADING) == "Ny titel"
    assert session.redo() and session.redo() and len(session.visit.sections) == len(original.sections) - 1
    assert not session.redo()
    session.undo()
    session.set(("unit",), "Café")  # a new change forgets what was undone
    assert not session.redo()


def test_pages_keep_their_page_numbers_when_moved(visit_file: Path) -> None:
    session = open_session(visit_file)
    session.set(("provenance", "pages"), {"overall_impression": 2, "sections.0": 3, "sections.1": 4, "sections.2": 5})
    session.move(("sections",), 0, 2)
    assert session.value(("provenance", "pages")) == {"overall_impression": 2, "sections.2": 3, "sections.0": 4,
                                                      "sections.1": 5}
    session.remove(("sections",), 0)
    assert session.value(("provenance", "pages")) == {"overall_impression": 2, "sections.1": 3, "sections.0": 5}
    session.insert(("sections",), 0, blank_section(["1"]))
    assert session.value(("provenance", "pages")) == {"overall_impression": 2, "sections.2": 3, "sections.1": 5}


def test_a_file_changed_on_disk_is_never_silently_overwritten(visit_file: Path) -> None:
    session = open_session(visit_file)
    session.set(HEADING, "Mine")
    theirs = visit_file.read_text(encoding="utf-8").replace("offer: Pegasus", "offer: Pegasus (theirs)")
    visit_file.write_text(theirs, encoding="utf-8")
    with pytest.raises(ExternalChangeError, match="changed by someone else"):
        session.save()
    assert visit_file.read_text(encoding="utf-8") == theirs
    assert session.save(overwrite=True)
    assert load_yaml(visit_file.read_text(encoding="utf-8"))[0].sections[0].talked_about.items[0].heading == "Mine"
    assert backup_path(visit_file).read_text(encoding="utf-8") == theirs


def test_a_touched_but_unchanged_file_is_no_conflict(visit_file: Path) -> None:
    session = open_session(visit_file)
    session.set(HEADING, "Mine")
    visit_file.write_bytes(visit_file.read_bytes())  # same content, new time
    assert session.save()


def test_reload_takes_the_disk_version_and_undo_brings_the_edits_back(visit_file: Path) -> None:
    session = open_session(visit_file)
    session.set(HEADING, "Mine")
    visit_file.write_text(visit_file.read_text(encoding="utf-8").replace("offer: Pegasus", "offer: Theirs"),
                          encoding="utf-8")
    session.reload(get_host())
    assert session.value(("offer",)) == "Theirs" and not session.dirty
    session.undo()
    assert session.value(HEADING) == "Mine"
    assert session.save(), "the reloaded file is what the save now replaces"


def test_save_as_writes_a_new_file_and_leaves_the_old_one(visit_file: Path) -> None:
    before = visit_file.read_bytes()
    session = open_session(visit_file)
    session.set(HEADING, "Mine")
    other = visit_file.with_name("pegasus-edited.yaml")
    assert session.save_as(other)
    assert visit_file.read_bytes() == before
    assert load_yaml(other.read_text(encoding="utf-8"))[0] == session.visit
    with pytest.raises(ExternalChangeError):
        session.save_as(visit_file)  # an existing file is never replaced by "save as"


def test_unsaved_edits_are_recovered_in_the_next_session(visit_file: Path) -> None:
    session = open_session(visit_file)
    session.set(HEADING, "Typed before the crash")
    session.remove(("sections",), 1)
    session.write_journal()
    assert session.journal_path.exists() and session.journal_path.parent.name == "recovery"
    later = open_session(visit_file)
    recovery = later.recovery()
    assert recovery is not None and recovery.base_sha256 == later.document.seen.sha256
    assert later.recover(recovery) == HEADING, "the form opens where the recovered edits begin"
    assert later.visit == session.visit and later.dirty
    later.save()
    assert not later.journal_path.exists()
    assert open_session(visit_file).recovery() is None


def test_a_damaged_journal_is_ignored(visit_file: Path) -> None:
    session = open_session(visit_file)
    session.journal_path.parent.mkdir(parents=True)
    session.journal_path.write_text("{not json", encoding="utf-8")
    assert session.recovery() is None


def test_an_imported_visit_is_saved_as_yaml_beside_its_source_and_listed_once(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    source = Path(shutil.copy(FIXTURES / "text" / "000_5c1aa34d02230079.txt", folder / "pegasus.txt"))
    before = source.read_bytes()
    with Library.open(folder) as library:
        [entry] = library.entries()
        imported = library.load([entry])[0]
    session = EditSession.open(get_host(), source, imported.id, imported=imported)
    assert session.document.target == folder / "pegasus.yaml" and not session.dirty
    assert session.journal_path == journal_path(source, imported.id), "found again when the source is reopened"
    assert session.save() is False and not (folder / "pegasus.yaml").exists()
    session.set(("offer",), "Pegasus (rettet)")
    session.save()
    assert source.read_bytes() == before
    saved = load_yaml((folder / "pegasus.yaml").read_text(encoding="utf-8"))[0]
    assert saved.offer == "Pegasus (rettet)"
    assert saved.provenance.source_file == "pegasus.txt"
    assert saved.provenance.source_sha256 == imported.provenance.source_sha256
    with Library.open(folder) as library:
        entries = library.entries()
        assert [(e.path, e.offer, e.edited) for e in entries] == [("pegasus.yaml", "Pegasus (rettet)", True)]
        assert len(library.entries(duplicates=True)) == 2
        source.touch()  # the source changing later does not win over the edited copy
        library.refresh()
        assert [(e.path, e.edited) for e in library.entries()] == [("pegasus.yaml", True)]


def test_a_new_visit_from_the_template(tmp_path: Path) -> None:
    host = get_host()
    model = host.quality_models["sof-kvalitetsmodel-3.0"]
    visit = new_visit(model, "Nyt Tilbud", unit="Huset")
    assert [s.themes for s in visit.sections] == [[theme] for theme in model.theme_ids]
    assert all(box.is_empty for s in visit.sections for _, box in s.boxes())
    session = EditSession.create(tmp_path, visit, host.quality_models)
    assert session.dirty and session.is_new
    session.insert(("sections", 0, "talked_about", "items"), 0, blank_item())
    session.set(("sections", 0, "talked_about", "items", 0, "heading"), "Første emne")
    session.save()
    path = tmp_path / "nyt-tilbud-huset.yaml"
    assert load_yaml(path.read_text(encoding="utf-8"))[0] == session.visit
    assert not session.dirty and not session.is_new


@pytest.mark.parametrize(("kind", "value"), [
    (Kind.TEXT, "Pegasus"), (Kind.OPTIONAL, None), (Kind.OPTIONAL, "WeShelter"), (Kind.DATE, "2017-09-28"),
    (Kind.DATE, None), (Kind.COUNT, 5), (Kind.COUNT, None), (Kind.LINES, ["1 leder", "3 medarbejdere"]),
    (Kind.PARAGRAPHS, ["Et afsnit.", "- en punkt", "1. et nummer"]), (Kind.CARDS, ["Tid", "Brugernes sted"]),
    (Kind.THEMES, ["3a", "4"]), (Kind.LONG, "To linjer\nher"),
])
def test_field_text_reads_back_as_the_value(kind: Kind, value: object) -> None:
    assert from_text(kind, to_text(kind, value)) == value


def test_paths_are_written_as_validate_writes_them() -> None:
    path = ("sections", 3, "themes", 0)
    assert format_path(path) == "sections[3].themes[0]" and parse_path(format_path(path)) == path


def test_the_first_difference_of_two_drafts() -> None:
    old = {"offer": "A", "sections": [{"themes": ["1"]}, {"themes": ["2"]}]}
    assert first_difference(old, old) is None
    assert first_difference(old, {**old, "sections": [{"themes": ["1"]}, {"themes": ["3"]}]}) == (
        "sections", 1, "themes", 0)
    assert first_difference(old, {**old, "sections": old["sections"][:1]}) == ("sections", 1)


def test_the_changed_fields_include_what_the_comparison_does_not_show(visit_file: Path) -> None:
    session = open_session(visit_file)
    session.set(("sections", 5, "continued"), False)
    session.move(("sections",), 1, 2)
    assert not session.comparison().changed  # the engine aligns pages by theme
    fields = session.changed_fields()
    assert ("sections", 1, "themes", 0) in fields and ("sections", 5, "continued") in fields
    session.undo()
    session.undo()
    assert session.changed_fields() == []


def test_a_file_of_several_visits_keeps_the_others(tmp_path: Path) -> None:
    visits = [load_yaml(path.read_text(encoding="utf-8"))[0] for path in sorted(FIXTURES.glob("*.yaml"))[:2]]
    path = tmp_path / "two.yaml"
    path.write_text(dump_yaml(visits), encoding="utf-8")
    session = EditSession.open(get_host(), path, visits[1].id)
    session.set(("offer",), "Rettet")
    session.save()
    first, second = load_yaml(path.read_text(encoding="utf-8"))
    assert first == visits[0] and second.offer == "Rettet" and second.id == visits[1].id
    with pytest.raises(InputError, match="holds no visit 'gone'"):
        EditSession.open(get_host(), path, "gone")


def test_a_json_visit_is_saved_as_json(tmp_path: Path) -> None:
    visit = load_yaml((FIXTURES / PEGASUS).read_text(encoding="utf-8"))[0]
    path = tmp_path / "pegasus.json"
    path.write_text(dump_json([visit]), encoding="utf-8")
    session = EditSession.open(get_host(), path)
    session.set(("unit",), "Køkkenet")
    session.save()
    assert load_json(path.read_text(encoding="utf-8"))[0].unit == "Køkkenet"


def test_assessments_are_chosen_from_the_quality_model() -> None:
    from kvalitet_core.editing import assessment_choices
    from kvalitet_core.quality_model import builtin_quality_models

    models = {model.id: model for model in builtin_quality_models()}
    sof = models["sof-kvalitetsmodel-3.0"]
    assert assessment_choices(sof, None) == ["Akkrediteret", "Akkrediteret med forbehold", "Ikke akkrediteret"]
    assert assessment_choices(sof, "Godkendt")[-1] == "Godkendt"  # a visit's own value stays choosable
    assert assessment_choices(models["kvalitet-i-botilbud-2024"], None) is None  # names none: free text
    assert assessment_choices(None, "Akkrediteret") is None
