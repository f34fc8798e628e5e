"""The native formats: lossless YAML and JSON, the schema, and the fixtures against the reference."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, run_kvalitet
from kvalitet_core.errors import InputError
from kvalitet_core.model import Box, Contribution, ImportWarning, Item, Provenance, Section, Visit
from kvalitet_core.native import dump_json, dump_yaml, json_schema, load_json, load_yaml


def test_convert_to_yaml_reproduces_fixture_byte_for_byte(fixture_yaml):
    result = run_kvalitet("convert", str(fixture_yaml), "--to", "yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout == fixture_yaml.read_bytes()


def test_json_output_validates_against_printed_schema(fixture_yaml):
    schema = json.loads(run_kvalitet("schema").stdout)
    result = run_kvalitet("convert", str(fixture_yaml), "--to", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema).validate(document)
    broken = dict(document, employees_total="many")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_json_round_trips_to_the_same_yaml(fixture_yaml):
    visits = load_yaml(fixture_yaml.read_text(encoding="utf-8"))
    assert dump_yaml(load_json(dump_json(visits))) == fixture_yaml.read_text(encoding="utf-8")


REFERENCE_FIELDS = [
    "id", "series", "offer", "unit", "organisation", "time_range", "auditor_title", "auditors",
    "employees_total", "employees_note", "spoke_with", "focus_note", "terminology_note",
    "overall_impression", "assessment", "conclusion",
]


@pytest.mark.parametrize("reference", sorted((FIXTURES / "reference").glob("*.json")), ids=lambda p: p.stem)
def test_every_reference_field_is_in_the_fixture(reference):
    data = json.loads(reference.read_text(encoding="utf-8"))
    visit = load_yaml((FIXTURES / f"{data['id']}.yaml").read_text(encoding="utf-8"))[0]
    for field in REFERENCE_FIELDS:
        assert getattr(visit, field) == data[field], field
    assert visit.visit_date == date.fromisoformat(data["visit_date"])
    assert visit.provenance.source_file == data["source"]
    assert [c.model_dump() for c in visit.contributes_to] == data["contributes_to"]
    assert len(visit.sections) == len(data["sections"])
    for section, expected in zip(visit.sections, data["sections"]):
        assert section.themes == expected["themes"]
        assert section.continued == expected["continued"]
        for kind in ("talked_about", "points_to", "suggestions"):
            assert getattr(section, kind).text == expected[kind]


# -- property test: YAML and JSON are lossless for any visit ------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_line = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30).filter(str.strip)
_items = st.builds(Item, heading=st.none() | _text, paragraphs=st.lists(_text, max_size=3),
                   cards=st.lists(_line, max_size=2))
_box = st.builds(Box, items=st.lists(_items, max_size=3))
_theme = st.sampled_from(["1", "2", "3a", "3b", "4", "5", "6", "7"])
_sections = st.builds(Section, themes=st.lists(_theme, min_size=1, max_size=3), continued=st.booleans(),
                      talked_about=_box, points_to=_box, suggestions=_box)
_visits = st.builds(
    Visit,
    id=st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True),
    series=st.none() | _text,
    offer=_text,
    unit=st.none() | _text,
    visit_date=st.none() | st.dates(),
    time_range=st.none() | st.sampled_from(["09:00-14:30", "8.30 - 15.00"]),
    auditors=st.lists(_line, max_size=3),
    employees_total=st.none() | st.integers(min_value=0, max_value=10_000),
    employees_note=st.none() | _text,
    spoke_with=st.lists(_line, max_size=3),
    overall_impression=_text,
    sections=st.lists(_sections, max_size=3),
    assessment=st.none() | _text,
    conclusion=_text,
    contributes_to=st.lists(st.builds(Contribution, theme=_theme, text=_text), max_size=2),
    provenance=st.builds(Provenance, warnings=st.lists(
        st.builds(ImportWarning, message=_text, page=st.none() | st.integers(1, 500)), max_size=2)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_visits, min_size=1, max_size=3))
def test_yaml_and_json_are_lossless(visits):
    text = dump_yaml(visits)
    assert load_yaml(text) == visits
    assert dump_yaml(load_yaml(text)) == text
    assert load_json(dump_json(visits)) == visits


def test_schema_names_itself_and_its_version():
    schema = json_schema()
    assert schema["properties"]["schema"]["const"] == "kvalitet/visit"
    assert schema["properties"]["schema_version"]["const"] == 1


PEGASUS = FIXTURES / "pegasus-2017-09-28.yaml"


def test_a_key_given_twice_is_refused_with_its_line():
    text = PEGASUS.read_text(encoding="utf-8").replace("offer: Pegasus\n", "offer: Pegasus\noffer: Pegasus 2\n")
    with pytest.raises(InputError, match=r"duplicate key 'offer' \(line 7\)"):
        load_yaml(text, "hand-edited.yaml")


@pytest.mark.parametrize(("edit", "hint"), [
    (("offer: Pegasus\n", "offer: no\n"), "put the text in quotes, e.g. 'no'"),
    (("- themes:\n  - '1'\n", "- themes: [1]\n"), "put it in quotes, e.g. '1'"),
])
def test_an_unquoted_number_or_yes_no_gets_a_hint_to_quote_it(edit, hint):
    text = PEGASUS.read_text(encoding="utf-8").replace(*edit, 1)
    with pytest.raises(InputError) as raised:
        load_yaml(text, "hand-edited.yaml")
    assert hint in str(raised.value)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_messages_never_show_python_internals(tmp_path, suffix):
    path = tmp_path / f"hand-edited{suffix}"
    huge = "9" * 5000
    if suffix == ".yaml":
        path.write_text(f"schema: kvalitet/visit\nid: Pegasus 2017\noffer: a\nemployees_total: {huge}\n", "utf-8")
    else:
        path.write_text(f'{{"schema": "kvalitet/visit", "id": "x", "offer": "a", "employees_total": {huge}}}', "utf-8")
    done = run_kvalitet("validate", str(path), env={"KVALITET_PLUGINS": "native"})
    message = done.stderr.decode()
    assert done.returncode == 3 and "a number is far too long" in message
    for internal in ("set_int_max_str_digits", "ValueError", "Errno", "^[", "pattern"):
        assert internal not in message


def test_a_pattern_is_said_in_words():
    text = (FIXTURES / "pegasus-2017-09-28.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_yaml(text.replace("id: pegasus-2017-09-28", "id: Pegasus 2017"), "x.yaml")
    assert str(raised.value) == ("x.yaml: id: not in the expected form (lower-case letters, digits, '.', '_' and '-', "
                                 "starting with a letter or digit)")
