"""Quality models as data: the themes (or tracks) a framework assesses against.

A framework is a YAML file, never code, so another municipality's model — or a later version of
this one — fits by adding a file. Plugins contribute models through ``register_quality_models``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Theme(_Strict):
    """One theme of a model, with the spellings reports use for it."""

    id: str
    title: str
    purpose: str = ""
    aliases: list[str] = Field(default_factory=list)


class WorkArea(_Strict):
    """A mandatory work area that runs across all themes."""

    id: str
    title: str


class QualityModel(_Strict):
    """A quality framework: id, name, version, its themes and mandatory work areas."""

    id: str
    name: str
    version: str
    owner: str | None = None
    theme_word: str = Field("Tema", description="What the framework calls a theme ('Tema', 'Spor').")
    template_text: str = Field(
        "", description="Fixed text of the report template (method, reading guide): never visit data.")
    themes: list[Theme]
    work_areas: list[WorkArea] = Field(default_factory=list)
    assessments: list[str] = Field(
        default_factory=list,
        description="The verdicts ('Bedømmelse') a visit of this model can get; empty: any text.")

    def is_template_line(self, line: str) -> bool:
        """Whether a line is part of the template's fixed text, so that a reader can leave it out
        where an extractor interleaved it with visit data (the method text beside the side box)."""
        words = _template_key(line).split()
        if len(words) < 2 or not self.template_text:
            return False
        template = _template_words(self.template_text)
        if len(words) < 4:
            return f" {' '.join(words)} " in f" {' '.join(template)} "
        trigrams = {tuple(words[i:i + 3]) for i in range(len(words) - 2)}
        return len(trigrams & _trigrams(self.template_text)) >= 0.6 * len(trigrams)

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    @property
    def theme_ids(self) -> list[str]:
        return [t.id for t in self.themes]

    def resolve(self, text: str, cutoff: float = 0.8) -> str | None:
        """The id of the theme that ``text`` names: an id, "Tema 3a", "3.a" or a title, spelled loosely."""
        return _resolve(self._spellings, text, cutoff)

    @cached_property
    def _spellings(self) -> _Spellings:
        """The normalised spellings ``resolve`` compares with, built once: the model is frozen,
        and readers ask for a theme hundreds of times per report."""
        return _Spellings(self)


class _Spellings:
    """A model's theme spellings, normalised: its theme word, its ids and its titles and aliases.

    Compared by identity, so that ``_resolve`` can remember its answers per model.
    """

    __slots__ = ("by_id", "theme_word", "title_keys", "titles")

    def __init__(self, model: QualityModel) -> None:
        self.theme_word = re.compile(rf"^{re.escape(_normalise(model.theme_word))}\s*")
        self.by_id = {_normalise(t.id).replace(".", ""): t.id for t in model.themes}
        self.titles: dict[str, str] = {}
        for theme in model.themes:
            for spelling in [theme.title, *theme.aliases]:
                self.titles[_normalise(spelling)] = theme.id
        self.title_keys = list(self.titles)


_THEME_NUMBER = re.compile(r"^(\d+)\s*\.?\s*([a-z])?(?=\W|$)")


@lru_cache(maxsize=4096)
def _resolve(spellings: _Spellings, text: str, cutoff: float) -> str | None:
    """``QualityModel.resolve``, remembered: reports name the same themes on page after page,
    and a loose match (difflib) costs far more than a lookup."""
    key = _normalise(text)
    if not key:
        return None
    key = spellings.theme_word.sub("", key)
    by_id = spellings.by_id
    head = _THEME_NUMBER.match(key)
    if head:
        candidate = head.group(1) + (head.group(2) or "")
        if candidate in by_id:
            return by_id[candidate]
        if head.group(1) in by_id:
            return by_id[head.group(1)]
        key = key[head.end():].lstrip(" :.-–")
    if key in spellings.titles:
        return spellings.titles[key]
    match = difflib.get_close_matches(key, spellings.title_keys, n=1, cutoff=cutoff)
    return spellings.titles[match[0]] if match else None


@lru_cache(maxsize=16)
def _template_words(text: str) -> tuple[str, ...]:
    return tuple(_template_key(text).split())


_PUNCTUATION = re.compile(r"(?<!\w)[^\w\s]+|[^\w\s]+(?!\w)")
"""Punctuation around words, not inside them ("3.0", "hvilke(t)" stay whole)."""


def _template_key(text: str) -> str:
    """Words as compared with the template text: without case or punctuation, so that a fragment
    a dump cut from a sentence ("opmærksomhed mod" of "… opmærksomhed mod.") matches."""
    return " ".join(_PUNCTUATION.sub(" ", _normalise(text)).split())


@lru_cache(maxsize=16)
def _trigrams(text: str) -> frozenset[tuple[str, ...]]:
    words = _template_words(text)
    return frozenset(words[i:i + 3] for i in range(len(words) - 2))


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip(" .:")


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it: every command that loads plugins reads the built-in
models, and the pure-Python loader took longer than the rest of plugin loading."""


def _parse(text: str) -> QualityModel:
    return QualityModel.model_validate(yaml.load(text, Loader=_SAFE_LOADER))


def load_quality_model(path: Path | str) -> QualityModel:
    """Read a quality model from a YAML file."""
    with open(path, encoding="utf-8") as handle:
        return _parse(handle.read())


def builtin_quality_models() -> list[QualityModel]:
    """The models shipped with the core, read from the package's data files."""
    folder = resources.files("kvalitet_core") / "quality_models"
    return [
        _parse(entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml")
    ]
