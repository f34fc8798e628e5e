"""The Markdown export, read back with a real CommonMark parser (markdown-it-py, GFM tables).

Structure is asserted on the parser's tokens — headings, list items, the table — and text on
what the parser makes of the escaped source: every paragraph of the model must come back as
exactly its own text, so nothing in a report can turn into markup.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from kvalitet_core.model import Box, BoxKind, Contribution, Item, Section, Visit
from kvalitet_core.native import load_yaml
from kvalitet_core.plugins import get_host
from kvalitet_plugins.markdown import document as markdown_document
from kvalitet_plugins.report_view import shown_items

HOSTILE = ("*not emphasis* _nor this_ `code` [link](http://example.org) <b>html</b> &amp; "
           "# hash | pipe \\ backslash ~~strike~~ ![img](x.png) <http://example.org> ***")
LINE_STARTS = ("# heading?", "2) list?", "1.5 list?", "-bullet?", "+ bullet?", "* bullet?", "> quote?",
               "=== underline?", "--- rule?", "    indented code?", "<script>alert(1)</script>", "```fence?")
"""Paragraph starts that Markdown would read as structure ("- " and "1. " are the model's own
list conventions, tested on the fixtures)."""


def document(visit: Visit) -> str:
    return markdown_document(visit, get_host().quality_model(visit.quality_model))


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(text)


def plain(token: Token) -> str:
    """The plain text of an inline token, escapes resolved, as a reader sees it."""
    return "".join(child.content for child in token.children or []
                   if child.type in ("text", "code_inline", "softbreak"))


def inline_texts(tokens: list[Token]) -> list[str]:
    return [plain(token) for token in tokens if token.type == "inline"]


def headings(tokens: list[Token], tag: str) -> list[str]:
    return [plain(tokens[i + 1]) for i, token in enumerate(tokens)
            if token.type == "heading_open" and token.tag == tag]


def load(path: Path) -> Visit:
    return load_yaml(path.read_text(encoding="utf-8"))[0]


def test_headings_follow_the_report(fixture_yaml: Path) -> None:
    visit = load(fixture_yaml)
    tokens = parse(document(visit))
    assert len(headings(tokens, "h1")) == 1
    h2 = headings(tokens, "h2")
    assert h2[0] == "Oplysninger om besøget"
    theme_pages = [h for h in h2 if h.startswith("Tema ")]
    assert len(theme_pages) == len(visit.sections)
    model = get_host().quality_model(visit.quality_model)
    for heading, section in zip(theme_pages, visit.sections):
        for theme in section.themes:
            assert model.theme(theme).title in heading
    assert headings(tokens, "h3")[:3] == [kind.label for kind in BoxKind]
    assert len(headings(tokens, "h3")) == 3 * len(visit.sections)
    expected_topics = [item.heading for section in visit.sections for _, box in section.boxes()
                       for item in box.items if item.heading]
    assert headings(tokens, "h4") == [" ".join(h.split()) for h in expected_topics]
    if visit.assessment:
        assert "Bedømmelse" in h2


def test_bullets_and_numbered_points_become_list_items(fixture_yaml: Path) -> None:
    visit = load(fixture_yaml)
    tokens = parse(document(visit))
    paragraphs = [p for section in visit.sections for _, box in section.boxes()
                  for item in box.items for p in item.paragraphs]
    bullets = sum(p.startswith("- ") for p in paragraphs) + sum(
        p.startswith("- ") for text in (visit.overall_impression, visit.conclusion)
        for p in text.split("\n\n")) + len(visit.contributes_to)
    numbered = sum(p[:1].isdigit() and ". " in p[:4] for p in paragraphs)
    list_items = [t for t in tokens if t.type == "list_item_open"]
    bullet_items = sum(1 for t in list_items if t.markup == "-")
    assert bullet_items == bullets
    assert len(list_items) - bullet_items == numbered


def test_metadata_is_a_table(fixture_yaml: Path) -> None:
    visit = load(fixture_yaml)
    tokens = parse(document(visit))
    assert sum(t.type == "table_open" for t in tokens) == 1
    cells = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "td_open"]
    assert cells[cells.index("Tilbud") + 1] == visit.offer
    assert ", ".join(visit.auditors) in cells


def test_every_paragraph_comes_back_as_its_own_text(fixture_yaml: Path) -> None:
    visit = load(fixture_yaml)
    texts = inline_texts(parse(document(visit)))
    for section in visit.sections:
        for _, box in section.boxes():
            for item in shown_items(box):
                for paragraph in item.paragraphs:
                    folded = " ".join(paragraph.split())
                    stripped = folded[2:] if folded.startswith("- ") else folded.split(". ", 1)[-1] \
                        if folded[:1].isdigit() and ". " in folded[:4] else folded
                    assert stripped in texts


def hostile_visit() -> Visit:
    item = Item(heading=HOSTILE, paragraphs=[HOSTILE, *LINE_STARTS, f"- {HOSTILE}"], cards=["code"])
    return Visit(
        id="hostile", offer=HOSTILE, unit="| a | b |", auditors=[HOSTILE], spoke_with=["# x"],
        focus_note=HOSTILE, overall_impression="\n\n".join([HOSTILE, *LINE_STARTS]),
        core_task=HOSTILE, assessment="1. " + HOSTILE, conclusion="\n\n".join(LINE_STARTS),
        sections=[Section(themes=["1"], talked_about=Box(items=[item]), points_to=Box(items=[item]),
                          suggestions=Box(items=[item]))],
        contributes_to=[Contribution(theme="1", text=HOSTILE)],
    )


def test_markdown_special_characters_stay_text() -> None:
    tokens = parse(document(hostile_visit()))
    kinds = {child.type for token in tokens if token.type == "inline" for child in token.children or []}
    assert kinds <= {"text", "strong_open", "strong_close", "softbreak"}, kinds
    texts = inline_texts(tokens)
    assert HOSTILE.replace("  ", " ") in texts
    for line in LINE_STARTS:
        assert " ".join(line.split()) in texts
    block_types = {t.type for t in tokens}
    assert "html_block" not in block_types and "code_block" not in block_types and "hr" not in block_types
    assert sum(t.type == "blockquote_open" for t in tokens) == 1  # only the core task's own quote


def test_blue_cards_are_bold() -> None:
    visit = Visit(id="cards", offer="O", sections=[Section(themes=["4"], points_to=Box(items=[
        Item(paragraphs=["Vi taler om kerneopgaven og fælles sprog."], cards=["kerneopgaven", "Tavs viden"])]))])
    tokens = parse(document(visit))
    bold = [children[i + 1].content for token in tokens if token.type == "inline"
            for children in [token.children or []] for i, child in enumerate(children)
            if child.type == "strong_open"]
    assert "kerneopgaven" in bold
    assert "Tavs viden" in bold  # not in the text: listed after it, never lost


def test_several_visits_are_separate_documents(tmp_path: Path) -> None:
    visits = [load(path) for path in sorted(Path(__file__).parent.parent.joinpath("fixtures").glob("*.yaml"))]
    buffer = io.BytesIO()
    get_host().exporters["markdown"].write(visits, buffer, get_host().exporters["markdown"].options_model())
    tokens = parse(buffer.getvalue().decode())
    assert len(headings(tokens, "h1")) == len(visits)
    assert sum(t.type == "hr" for t in tokens) == len(visits) - 1


@pytest.mark.parametrize("text", ["Tema 4 #", "a\\", "x |"])
def test_heading_text_edge_cases(text: str) -> None:
    visit = Visit(id="edge", offer=text)
    assert headings(parse(document(visit)), "h1") == [text]
