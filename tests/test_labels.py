"""Human output names fields with the Danish labels of one table in the core; --json keeps names."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from conftest import FIXTURE_YAMLS, run_kvalitet
from kvalitet_core.labels import FIELD_LABELS, field_label
from kvalitet_core.model import Visit
from kvalitet_core.native import dump_yaml, load_yaml

ENV = {"KVALITET_PLUGINS": "native,markdown,html", "COLUMNS": "160"}
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def test_every_field_a_person_sees_has_a_label() -> None:
    shown = set(Visit.model_fields) - {"schema_name", "schema_version", "sections", "provenance"}
    assert shown <= set(FIELD_LABELS)
    assert field_label("visit_date") == "Dato" and field_label("points_to") == "Dette peger på at…"


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    old = load_yaml(FIXTURE_YAMLS[1].read_text(encoding="utf-8"))[0]
    new = old.model_copy(update={"overall_impression": old.overall_impression + " Et nyt ord.",
                                 "visit_date": date(2030, 1, 2), "focus_note": "Noget andet."})
    paths = tmp_path / "old.yaml", tmp_path / "new.yaml"
    paths[0].write_text(dump_yaml([old]), encoding="utf-8")
    paths[1].write_text(dump_yaml([new]), encoding="utf-8")
    return paths


def test_diff_names_fields_in_danish_in_every_human_format(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    for to in ("text", "markdown", "html"):
        done = run_kvalitet("diff", str(old), str(new), "--to", to, env=ENV)
        text = done.stdout.decode()
        assert done.returncode == 7
        assert field_label("overall_impression") in text and field_label("focus_note") in text
        assert not {"overall_impression", "visit_date", "focus_note"} & set(SNAKE.findall(text)), to
    machine = json.loads(run_kvalitet("diff", str(old), str(new), "--to", "json", env=ENV).stdout)
    assert "visit_date" in {change["label"] for change in machine["fields"]}


def test_show_uses_the_labels() -> None:
    done = run_kvalitet("show", str(FIXTURE_YAMLS[1]), env=ENV)
    text = done.stdout.decode()
    assert field_label("metadata") in text and field_label("offer") in text
    assert not set(SNAKE.findall(text)) & set(FIELD_LABELS)
