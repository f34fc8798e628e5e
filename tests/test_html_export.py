"""The HTML export without a browser: structure, accessibility markup, self-containment,
escaping and the folder index's theme × visit matrix. (tests/test_html_browser.py renders it.)"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURE_YAMLS, run_kvalitet
from test_html_browser import HOSTILE, hostile_visit
from kvalitet_core.model import Box, BoxKind, Item, Visit
from kvalitet_core.native import load_yaml
from kvalitet_core.plugins import get_host
from kvalitet_plugins.html import HtmlExporter
from kvalitet_plugins.html.index import Cell, FocusState, box_state, summarise

ENV = {"KVALITET_PLUGINS": "native,html"}


class Outline(HTMLParser):
    """Collects tags, headings with their text, attributes and text content of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.text: list[str] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []
            self.headings.append((int(tag[1]), ""))

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            level, _ = self.headings[-1]
            self.headings[-1] = (level, "".join(self._heading))
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)


def page(visits: list[Visit]) -> str:
    buffer = io.BytesIO()
    HtmlExporter(get_host()).write(visits, buffer, HtmlExporter.options_model())
    return buffer.getvalue().decode("utf-8")


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def load(path: Path) -> Visit:
    return load_yaml(path.read_text(encoding="utf-8"))[0]


def assert_accessible_structure(html: str) -> Outline:
    assert re.search(r'<html lang="da">', html)
    found = outline(html)
    for landmark in ("header", "nav", "main"):
        assert found.tags.count(landmark) == 1, landmark
    levels = [level for level, _ in found.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading order skips from h{before} to h{after}"
    ids = [attrs["id"] for _, attrs in found.attributes if attrs.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    return found


def test_report_structure_and_accessibility(fixture_yaml: Path) -> None:
    visit = load(fixture_yaml)
    html = page([visit])
    found = assert_accessible_structure(html)
    h3 = [text for level, text in found.headings if level == 3]
    for kind in BoxKind:
        assert h3.count(kind.label) == len(visit.sections)
        assert html.count(f'class="box box--{kind.value}"') == len(visit.sections)
    h4 = [text for level, text in found.headings if level == 4]
    assert h4 == [item.heading for s in visit.sections for _, box in s.boxes() for item in box.items if item.heading]
    assert sum(level == 2 and text.startswith("Tema") for level, text in found.headings) == len(visit.sections)


def test_page_is_self_contained_and_printable(fixture_yaml: Path) -> None:
    html = page([load(fixture_yaml)])
    found = outline(html)
    assert not {"script", "link", "img", "iframe", "object"} & set(found.tags)
    for _, attrs in found.attributes:
        assert "src" not in attrs
        assert not (attrs.get("href") or "#").startswith(("http:", "https:", "//"))
    assert "url(" not in html and "@import" not in html
    assert re.search(r"@page\s*\{\s*size:\s*A4 landscape", html)
    assert re.search(r"\.page\s*\{[^}]*break-before:\s*page", html)
    assert "Content-Security-Policy" in html


def test_hostile_text_is_escaped() -> None:
    html = page([hostile_visit()])
    found = outline(html)
    assert not {"script", "img", "b"} & set(found.tags)
    assert not any(name.startswith("on") for _, attrs in found.attributes for name in attrs)
    text = "".join(found.text)
    for value in HOSTILE:
        assert value in text
    assert "49" not in text  # templates are not evaluated twice


def test_index_matrix_states() -> None:
    pegasus = load(next(p for p in FIXTURE_YAMLS if p.stem.startswith("pegasus")))
    entry = summarise(pegasus, get_host().quality_model(pegasus.quality_model))
    assert entry.cell("1").state is FocusState.FOCUS
    assert entry.cell("2").state is FocusState.NONE
    assert entry.cell("5").state is FocusState.CROSS and entry.cell("5").references == ("3a", "4")
    assert entry.cell("4").state is FocusState.FOCUS  # on two pages, the more telling state wins
    assert entry.cell("vaerdier").state is FocusState.ABSENT


def test_pointer_and_continuation_marker_are_not_focus() -> None:
    defers = Box(items=[Item(paragraphs=["Feedback af relevans for temaet indgår i feedback under andre temaer."])])
    assert box_state(defers) == Cell(FocusState.CROSS)
    marker_only = Box(items=[Item(paragraphs=["Tema 4 fortsat fra side 8."])])
    assert box_state(marker_only) == Cell(FocusState.EMPTY)


def test_folder_gets_an_index_linking_every_page(tmp_path: Path) -> None:
    done = run_kvalitet("convert", *map(str, FIXTURE_YAMLS), "--to", "html", "-o", f"{tmp_path}/", env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert_accessible_structure(index)
    links = [attrs["href"] for tag, attrs in outline(index).attributes
             if tag == "a" and not attrs["href"].startswith("#")]
    assert sorted(links) == sorted(f"{p.stem}.html" for p in FIXTURE_YAMLS)
    assert all((tmp_path / link).exists() for link in links)
    rows = re.findall(r"<tr>.*?</tr>", index, re.S)[1:]
    assert len(rows) == len(FIXTURE_YAMLS)
    assert "state--focus" in index and "state--none" in index and "state--cross" in index


def test_several_visits_need_a_folder(tmp_path: Path) -> None:
    done = run_kvalitet("convert", *map(str, FIXTURE_YAMLS[:2]), "--to", "html", env=ENV)
    assert done.returncode == 2
    assert b"-o" in done.stderr


@pytest.mark.parametrize("unit", [None, "Snekken"])
def test_title_names_offer_and_unit(unit: str | None) -> None:
    visit = Visit(id="x", offer="Tilbud", unit=unit)
    assert outline(page([visit])).headings[0] == (1, "Tilbud" + (", Snekken" if unit else ""))
