"""No text is lost: every word of every fixture ends up in the visit, in a warning, or in the
template's own text (labels, headings, method, appendix) — whatever the format or producer."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import FIXTURES
from kvalitet_core.conservation import lost_words
from kvalitet_core.model import Visit
from kvalitet_core.plugins import get_host
from kvalitet_core.reading import read_visits
from kvalitet_core import unshift_letters

SOURCES = sorted(
    path for pattern in ("pdf*/*.pdf", "docx*/*.docx", "text/*.txt", "wild/*/*.pdf", "wild/*/*.docx",
                         "wild/*/*.pptx", "wild/*/*.txt")
    for path in FIXTURES.glob(pattern)
)


def source_text(path: Path) -> str:
    """The input's text as an independent reader sees it: pdfium's own text for a PDF, every
    paragraph, cell and text box for Word and PowerPoint, the file itself for a dump."""
    if path.suffix == ".pdf":  # letters a broken character map shifted into CJK count as the letters they are
        document = pdfium.PdfDocument(path.read_bytes())
        try:
            return unshift_letters("\n".join(document[index].get_textpage().get_text_range()
                                         for index in range(len(document))))
        finally:
            document.close()
    if path.suffix == ".docx":
        import docx

        body = docx.Document(str(path)).element.body
        lines: dict[object, list[str]] = {}
        for node in body.iter():
            if node.tag.endswith("}t") and node.getparent().tag.endswith("}r") and not _in_fallback(node):
                paragraph = next(a for a in node.iterancestors() if a.tag.endswith("}p"))
                lines.setdefault(paragraph, []).append(node.text or "")
        return "\n".join("".join(parts) for parts in lines.values())
    if path.suffix == ".pptx":
        from pptx import Presentation

        texts = []
        for slide in Presentation(str(path)).slides:
            texts += [node.text or "" for node in slide.shapes._spTree.iter() if node.tag.endswith("}t")]
        return "\n".join(texts)
    return path.read_text(encoding="utf-8", errors="replace")


def _in_fallback(element) -> bool:  # noqa: ANN001 - an lxml element
    """Word keeps a second copy of every text box in ``mc:Fallback``; it is read once."""
    parent = element.getparent()
    while parent is not None:
        if parent.tag.endswith("}Fallback"):
            return True
        parent = parent.getparent()
    return False


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_word_of_the_input_is_kept(path: Path) -> None:
    host = get_host()
    visits: list[Visit] = read_visits(host, path)
    model = host.quality_model(visits[0].quality_model)
    lost = lost_words(source_text(path), visits, model)
    assert not lost, f"{sum(lost.values())} word(s) lost: {dict(lost.most_common(15))}"


def test_the_check_catches_a_paragraph_that_vanishes() -> None:
    path = FIXTURES / "pdf" / "pegasus-2017-09-28.pdf"
    host = get_host()
    [visit] = read_visits(host, path)
    box = visit.sections[0].talked_about
    gone = box.items[0].paragraphs.pop()
    lost = lost_words(source_text(path), [visit], host.quality_model(visit.quality_model))
    assert lost and set(lost) <= {word.casefold() for word in gone.split()} | set(lost)
    assert sum(lost.values()) >= 5, gone
