"""Property tests of the editing core: any sequence of edits, saved and read back, is the edited
visit; and a visit saved without edits is the file byte for byte."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_YAMLS
from kvalitet_core.editing import EditSession
from kvalitet_core.editing.session import blank_item, blank_section
from kvalitet_core.model import BoxKind
from kvalitet_core.native import load_yaml
from kvalitet_core.plugins import get_host

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\n\t "), max_size=40)
BOXES = [kind.value for kind in BoxKind]


def apply(session: EditSession, operation: tuple, draw: st.DataObject) -> None:
    """One random edit of the kind a person makes in the form, on whatever the visit holds now."""
    sections = session.data["sections"]
    kind = operation[0]
    if kind in ("undo", "redo"):
        getattr(session, kind)()
        return
    if kind == "field":
        name, value = operation[1:]
        session.set((name,), value)
        return
    if not sections:
        session.insert(("sections",), 0, blank_section(["1"]))
        return
    page = draw.draw(st.integers(0, len(sections) - 1))
    if kind == "move_page":
        session.move(("sections",), page, draw.draw(st.integers(0, len(sections) - 1)))
    elif kind == "remove_page":
        session.remove(("sections",), page)
    elif kind == "add_page":
        session.insert(("sections",), page, blank_section(draw.draw(st.sampled_from([["1"], ["3a", "3b"], ["7"]]))))
    elif kind == "continued":
        session.set(("sections", page, "continued"), not sections[page]["continued"])
    else:
        items_path = ("sections", page, draw.draw(st.sampled_from(BOXES)), "items")
        items = session.value(items_path)
        if kind == "add_item" or not items:
            session.insert(items_path, draw.draw(st.integers(0, len(items))), blank_item())
            return
        index = draw.draw(st.integers(0, len(items) - 1))
        if kind == "remove_item":
            session.remove(items_path, index)
        elif kind == "move_item":
            session.move(items_path, index, draw.draw(st.integers(0, len(items) - 1)))
        else:
            part, value = operation[1:]
            session.set((*items_path, index, part), value)


OPERATIONS = st.one_of(
    st.tuples(st.sampled_from(["undo", "redo", "move_page", "remove_page", "add_page", "continued",
                               "add_item", "remove_item", "move_item"])),
    st.tuples(st.just("field"), st.sampled_from(["offer", "conclusion", "overall_impression"]), TEXT),
    st.tuples(st.just("field"), st.sampled_from(["unit", "core_task", "employees_note"]), st.none() | TEXT),
    st.tuples(st.just("field"), st.just("employees_total"), st.none() | st.integers(0, 500)),
    st.tuples(st.just("field"), st.just("assessment"),
              st.sampled_from([None, "Akkrediteret", "Akkrediteret med forbehold", "Ikke akkrediteret"])),
    st.tuples(st.just("field"), st.sampled_from(["auditors", "spoke_with"]),
              st.lists(TEXT.filter(str.strip), max_size=3)),
    st.tuples(st.just("item"), st.just("heading"), st.none() | TEXT),
    st.tuples(st.just("item"), st.sampled_from(["paragraphs", "cards"]), st.lists(TEXT, max_size=3)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fixture=st.sampled_from(FIXTURE_YAMLS), operations=st.lists(OPERATIONS, max_size=25), data=st.data())
def test_random_edits_saved_and_read_back_are_the_edited_visit(fixture: Path, operations: list, data: st.DataObject,
                                                               ) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(shutil.copy(fixture, Path(folder) / fixture.name))
        before = path.read_bytes()
        session = EditSession.open(get_host(), path)
        for operation in operations:
            apply(session, operation, data)
        assert session.visit is not None, session.problems  # every edit above is a valid one
        written = session.save()
        assert written == (session.visit != load_yaml(before)[0])
        assert load_yaml(path.read_text(encoding="utf-8"))[0] == session.visit
        if not written:
            assert path.read_bytes() == before


@pytest.mark.parametrize("fixture", FIXTURE_YAMLS, ids=lambda p: p.stem)
def test_a_save_without_edits_leaves_the_file_byte_identical(fixture: Path, tmp_path: Path) -> None:
    path = Path(shutil.copy(fixture, tmp_path / fixture.name))
    before = path.read_bytes()
    session = EditSession.open(get_host(), path)
    assert session.save() is False
    assert path.read_bytes() == before
