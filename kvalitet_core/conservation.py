"""Conservation of text: every word of a report ends up somewhere a person can find it.

An importer may place a paragraph in the wrong box — the accuracy scorer catches that against a
reference — but it must never lose one silently, whatever the cause: a region taken for page
furniture, a page skipped, text between two labels dropped. This check needs no reference: the
words of the input, counted, must reappear in the visit (its fields, or a warning that quotes
what could not be placed), unless they are the template's own words — the box labels, part
headings, the method text and the themes' titles and purposes, which every report prints.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from kvalitet_core.boxes import BOX_LABELS
from kvalitet_core.model import Visit
from kvalitet_core.quality_model import QualityModel

_APPENDIX = re.compile(r"^\s*(?:temaer\s+og\s+formål|formål\s*:)", re.IGNORECASE)
"""Where the appendix begins — its heading, or its first purpose (a text dump may print the
heading last): from there on the report prints the model, not the visit."""
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
"""A word: two letters or more (numbers are page numbers as often as data)."""
TEMPLATE_PHRASES = (
    "Skriftlig feedback", "Oplysninger om besøget", "Metode og læsevejledning", "Samlede indtryk af tilbuddet",
    "Indledning", "Bedømmelse", "Konklusion", "Temaer og formål", "Formål", "Obligatoriske arbejdsområder",
    "Dato og tidsrum", "Dato", "Tidsrum", "Konsulenter", "Auditorer", "Antal ansatte i alt på tilbuddet",
    "Vi talte med", "Deltagere", "Temaer", "En opmærksomhed", "Besøg den", "fortsat fra side", "fortsættelse", "forts",
    "Side af", "Det vil bidrage til, at leve op til", "Ledere og medarbejdere peger på at",
    "januar februar marts april maj juni juli august september oktober november december", "kl",
    "konsulenterne konsulenternes auditorerne auditorernes",
)
"""What the report template prints around the visit's data: headings, field names, markers."""


def words(text: str) -> Counter[str]:
    """The words of a text, case-folded, counted."""
    return Counter(word.casefold() for word in _WORD.findall(text))


def template_texts(model: QualityModel) -> list[str]:
    """Everything the template prints whatever the visit."""
    texts: list[str] = [model.template_text, model.name, model.theme_word, *TEMPLATE_PHRASES,
                        *BOX_LABELS.values()]
    for theme in model.themes:
        texts += [theme.title, theme.purpose, *theme.aliases]
    return texts + [area.title for area in model.work_areas]


_TEMPLATE_WORDS: dict[int, tuple[QualityModel, frozenset[str]]] = {}


def template_words(model: QualityModel) -> frozenset[str]:
    """Every word the template prints whatever the visit: kept out of the check. Remembered per
    model (models are frozen), as every import asks."""
    known = _TEMPLATE_WORDS.get(id(model))
    if known is None or known[0] is not model:
        known = (model, frozenset(word for text in template_texts(model) for word in words(text)))
        _TEMPLATE_WORDS[id(model)] = known
    return known[1]


def visit_words(visit: Visit) -> Counter[str]:
    """The words a visit holds anywhere, its warnings included."""
    return words(_strings(visit.model_dump(mode="json")))


def _strings(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "\n".join(_strings(item) for item in value.values())
    if isinstance(value, Iterable):
        return "\n".join(_strings(item) for item in value)
    return ""


def lost_words(source_text: str, visits: Iterable[Visit], model: QualityModel) -> Counter[str]:
    """Words the input has more often than the visits made of it and the template together.

    The appendix (from its heading "Temaer og formål" or its first "Formål:" on) prints the model, not the visit, and
    lines of the template's fixed text (the method), as the model knows it, are left out loosely (:meth:`QualityModel.is_template_line`), so that a report's slightly other
    wording of a purpose does not count as lost.

    A word an extractor broke apart ("m edarbejderne", on rotated pages) and the importer joined
    again is not lost: a word missing by count is looked for once more inside the visit's text,
    and the template's, with all whitespace removed — and hyphens, which a dump's extractor may
    have dropped at a line's end and the importer given back ("metaniveau", "meta-niveau")."""
    visits = list(visits)
    kept: Counter[str] = Counter()
    for visit in visits:
        kept += visit_words(visit)
    template = template_words(model)
    lines = source_text.splitlines()
    appendix = next((index for index, line in enumerate(lines) if _APPENDIX.match(line)), len(lines))
    source = words("\n".join(line for line in lines[:appendix] if not model.is_template_line(line)))
    missing = {word: count - kept[word] for word, count in source.items() if word not in template and count > kept[word]}
    if not missing:
        return Counter()
    texts = [_strings([visit.model_dump(mode="json") for visit in visits]), *template_texts(model)]
    squeezed = "".join("\n".join(texts).split()).replace("-", "").casefold()
    return Counter({word: count for word, count in missing.items() if word not in squeezed})
