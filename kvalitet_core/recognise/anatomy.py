"""The printed landmarks of a written-feedback report: box labels, part headings, theme labels.

Every reader recognises the report by these, whatever order an extractor put them in. Matching
is tolerant by construction — of case, whitespace and line breaks, of the punctuation around
"at" and after a label (… / ... / , / :) — because templates, producers and extractors differ
in exactly those details. This module is the one place that knows the spellings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from enum import StrEnum
from functools import lru_cache

from kvalitet_core.model import BoxKind
from kvalitet_core.quality_model import QualityModel
from kvalitet_core.recognise.symbol_fonts import MARKER_GLYPHS

_TRAILER = r"(?:\s*(?:…|\.{2,}|:|\.))*"
"""What may follow a label: an ellipsis (one character or dots), a colon, a full stop."""
_AT = r"(?:\s*,?\s*at)?"
"""The "at" of "peger på at", with or without a comma before it, or missing."""
LABEL_PATTERNS: dict[BoxKind, re.Pattern[str]] = {
    BoxKind.TALKED_ABOUT: re.compile(r"vi\s+talte\s+om" + _TRAILER, re.IGNORECASE),
    BoxKind.POINTS_TO: re.compile(r"dette\s+peger\s+på" + _AT + _TRAILER, re.IGNORECASE),
    BoxKind.SUGGESTIONS: re.compile(r"ledere\s+og\s+medarbejdere\s+peger\s+på" + _AT + _TRAILER,
                                    re.IGNORECASE),
}


def _any_of(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One case-insensitive regex that matches where any of ``patterns`` does.

    Readers ask about every line whether it is a label or a heading, and nearly none is: one
    match on the line as it is rules it out before it is folded and tried landmark by landmark.
    (Landmarks spell whitespace as ``\\s``, so they match a line wherever they match it folded.)
    """
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns), re.IGNORECASE)


_ANY_LABEL = _any_of(LABEL_PATTERNS.values())
_ORDINAL = re.compile(
    rf"^(?:[\u2460-\u2473\u24f5-\u24fe\u2776-\u2793]|\(?\d{{1,2}}(?:\.\d{{1,2}})*(?:[.)]|(?=\s))|[{MARKER_GLYPHS}])\s*")
"""What may stand before a label: a circled or plain number ("①", "1.", "(2)"), a numbered
heading's section number ("4.1 Vi talte om": Word numbers a "Heading 2" under heading 4 so), a
bullet or a pointer."""
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+(?=\D)")
"""A numbered heading's section number ("3 Samlede indtryk", "4.2. Bedømmelse")."""


def unnumbered(heading: str) -> str:
    """A heading without the section number a numbered heading style sets before it."""
    return _SECTION_NUMBER.sub("", heading.lstrip(), count=1)
_ICON_CATEGORIES = frozenset({"So", "Sm", "Sk", "Co", "Pi", "Pf", "Po"})
"""Unicode categories of an icon set before a label in its line: a dingbat or emoji ("❝", "➜",
"★"), an icon font's private-use glyph, an ornamental quotation mark."""
_ICON_JOINERS = frozenset("\ufe0f\u200d")
"""An emoji's presentation selector and joiner, which travel with it."""
ICON_LENGTH = 3
"""At most this many characters of icon before a label."""


def _unmarked(text: str) -> str:
    """``text`` without the number, marker or icon set before it."""
    found = _ORDINAL.match(text)
    if found:
        return text[found.end():]
    end = 0
    while end < min(len(text), ICON_LENGTH) and (text[end] in _ICON_JOINERS
                                                  or unicodedata.category(text[end]) in _ICON_CATEGORIES):
        end += 1
    return text[end:].lstrip() if end else text


class Part(StrEnum):
    """Headings that open a part of the report outside the theme pages."""

    METHOD = "method"
    SIDE_BOX = "side_box"
    OVERALL = "overall_impression"
    INTRODUCTION = "introduction"
    ASSESSMENT = "assessment"
    CONCLUSION = "conclusion"
    APPENDIX = "appendix"


_PART_PATTERNS: dict[Part, re.Pattern[str]] = {
    Part.METHOD: re.compile(r"metode(?:\s+og\s+læsevejledning)?", re.IGNORECASE),
    Part.SIDE_BOX: re.compile(r"oplysninger\s+om\s+besøget", re.IGNORECASE),
    Part.OVERALL: re.compile(r"samlede?\s+indtryk(?:\s+af\s+tilbuddet)?", re.IGNORECASE),
    Part.INTRODUCTION: re.compile(r"indledning", re.IGNORECASE),
    Part.ASSESSMENT: re.compile(r"bedømmelse", re.IGNORECASE),
    Part.CONCLUSION: re.compile(r"konklusion", re.IGNORECASE),
    Part.APPENDIX: re.compile(r"temaer\s+og\s+formål.*", re.IGNORECASE),
}
_ANY_PART = _any_of(_PART_PATTERNS.values())

EMPTY_BOX = re.compile(r"^[(\[*]*\s*(?:ingen\s+tekst|tom|intet|ingen|blank)\s*[)\]*.]*$", re.IGNORECASE)
"""What an exporter prints in a box left empty ("(ingen tekst)"): the box is empty, not saying so."""
CONTRIBUTION_LEAD = re.compile(r"det\s+vil\s+bidrage\s+til,?\s+at\s+leve\s+op\s+til\s*:?", re.IGNORECASE)
MULTI_THEME_HINT = re.compile(r"\bdisse\s+temaer\b", re.IGNORECASE)
ASSESSMENTS = re.compile(r"(ikke\s+akkrediteret|akkrediteret(?:\s+med\s+forbehold)?)", re.IGNORECASE)
VERDICT_LINE = re.compile(ASSESSMENTS.pattern + r"\s*\.?", re.IGNORECASE)
"""A line that is a verdict and nothing else."""


def fold(text: str) -> str:
    """Whitespace folded to single spaces, ends stripped."""
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def labels_in(text: str) -> tuple[BoxKind, ...]:
    """The box labels a line consists of, in order; empty unless the line is labels only. A
    label may be numbered, marked or decorated ("① Vi talte om", "2. Dette peger på at",
    "► Ledere og …", "❝ Vi talte om": a browser sets an icon and its label as one line).

    Letter-spaced capitals ("V I  T A L T E  O M") come out of extractors with spaces inside
    and between words anywhere: a line that is no label as printed is tried once more without
    any spaces. Readers ask about the same lines again and again (a block, then the block
    joined to the next), so the answers are kept."""
    text = text.lstrip()
    if text[:1] and not text[0].isalpha():  # most lines begin with a letter: spare them the look
        text = _unmarked(text)
    if _ANY_LABEL.match(text):
        found = _label_sequence(fold(text), LABEL_PATTERNS)
        if found:
            return found
    if len(text) > 3 * SPACED_LABELS or text.lstrip()[:1] not in _LABEL_INITIALS:
        return ()
    squeezed = "".join(text.split())
    if len(squeezed) <= SPACED_LABELS and _ANY_SQUEEZED.match(squeezed):
        return _label_sequence(squeezed, _SQUEEZED_PATTERNS)
    return ()


def begins_with_label(text: str) -> bool:
    """Whether a line begins with a box label, whatever follows it: a reader's cue that a run
    may go on from a label's cell into the cell beside it (a typesetter sets a table row's line
    as one run)."""
    text = text.lstrip()
    if text[:1].isalpha():  # most lines: spare them the look for a mark
        return text[0] in _LABEL_INITIALS and bool(_ANY_LABEL.match(text))
    return bool(_ANY_LABEL.match(_unmarked(text)))


_LABEL_STEMS = [re.compile(pattern.pattern.removesuffix(_TRAILER), re.IGNORECASE)
                for pattern in LABEL_PATTERNS.values()]
"""The labels without what may follow them."""
_RUN_IN = re.compile(r"\s*(?:…|\.{3}|:)\s*(?=\S)")
"""What ends a label set in front of its box's text on one line ("Vi talte om: Brugerne …"):
a colon or an ellipsis, then the text. Without one, "Vi talte om, hvordan …" is a sentence."""


def trailer_end(text: str) -> int:
    """Where a line's text begins after a label's colon or ellipsis that wrapped onto it
    ("DETTE PEGER PÅ AT" / "... Besøget gav …"); 0 when the line opens with none — or when what
    follows goes on in lower case: "… at skibsmetaforen …" carries on the label's sentence, and
    its ellipsis is the box's text."""
    found = _RUN_IN.match(text)
    return found.end() if found and not text[found.end()].islower() else 0


def run_in_label(text: str) -> int | None:
    """Where the box's text begins in a line that opens with a box label run in before it
    ("VI TALTE OM: I drøftelserne …", "Dette peger på, at … der er behov for"): a form's field
    name and value, or a bold label at the start of a paragraph; None for any other line."""
    stripped = text.lstrip()
    if not _ANY_LABEL.match(stripped):
        return None
    for pattern in _LABEL_STEMS:
        match = pattern.match(stripped)
        if match:
            end = _RUN_IN.match(stripped, match.end())
            return len(text) - len(stripped) + end.end() if end else None
    return None


LABEL_WRAP = 3
"""Lines a label set in a narrow column may wrap over."""


def run_in_lines(lines: Sequence[str]) -> tuple[int, str, str] | None:
    """A label run in before its box's text at the start of ``lines``, wrapped or not
    ("Ledere og medarbejdere" / "peger på: Se tema 4"): how many lines it reaches over, the
    label, and the text after it on its last line; None when the lines open with no such label."""
    if not lines or lines[0].lstrip()[:1] not in _LABEL_INITIALS:  # most lines: spare them the joins
        return None
    for count in range(1, min(LABEL_WRAP, len(lines)) + 1):
        joined = " ".join(line.strip() for line in lines[:count])
        end = run_in_label(joined)
        before = len(joined) - len(lines[count - 1].strip())
        if end is not None:
            return (count, joined[:end].strip(), joined[end:]) if end > before else None
    return None


def _label_sequence(rest: str, patterns: dict[BoxKind, re.Pattern[str]]) -> tuple[BoxKind, ...]:
    found: list[BoxKind] = []
    while rest:
        for kind, pattern in patterns.items():
            match = pattern.match(rest)
            if match:
                found.append(kind)
                rest = _unmarked(rest[match.end():].lstrip())
                break
        else:
            return ()
    return tuple(found)


_LABEL_INITIALS = frozenset("vVdDlL")
"""The letters labels begin with: a line that begins otherwise is not tried without its spaces."""
SPACED_LABELS = 120
"""Characters (spaces left out) beyond which a line is too long to be labels, however spaced."""
_SQUEEZED_PATTERNS = {kind: re.compile(pattern.pattern.replace(r"\s+", "").replace(r"\s*", ""), re.IGNORECASE)
                      for kind, pattern in LABEL_PATTERNS.items()}
_ANY_SQUEEZED = _any_of(_SQUEEZED_PATTERNS.values())


def part_heading(text: str) -> set[Part]:
    """The part headings a line consists of ("Metode og læsevejledning Oplysninger om besøget")."""
    text = unnumbered(text)
    if not _ANY_PART.match(text):
        return set()
    rest = fold(text).rstrip(":")
    found: set[Part] = set()
    while rest:
        for part, pattern in _PART_PATTERNS.items():
            match = pattern.match(rest)
            if match and (match.end() == len(rest) or rest[match.end()] == " "):
                found.add(part)
                rest = rest[match.end():].lstrip()
                break
        else:
            return set()
    return found


@lru_cache(maxsize=16)
def _theme_label(theme_word: str) -> re.Pattern[str]:
    """A theme-column label of a model's theme word, compiled once per word (it is matched against
    every line a reader considers)."""
    return re.compile(
        rf"^{re.escape(theme_word)}(?:er)?\s+((?:\d+\s*\.?\s*[a-z]?(?:\s*(?:,|og|&)\s*)?)+)\s*(?:[:.–-]\s*(.*))?$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=16)
def _next_label(theme_word: str) -> re.Pattern[str]:
    """Where the next of several labels in a row begins: the theme word and a number after a
    separator or a space ("… beskæftigelse / Tema 2 – …", "… relationer Tema 3b: …")."""
    return re.compile(rf"(?<=\S)\s*(?:/|,|&|\+|\bog\b|(?<=\s))\s*(?={re.escape(theme_word)}\s+\d)", re.IGNORECASE)


CONTINUED = re.compile(r"\bforts(?:at\b|ættelse\b|\.)", re.IGNORECASE)
"""The word that marks a continuation page: "fortsat", "(fortsat)", "fortsættelse", "forts."."""


@lru_cache(maxsize=16)
def _continuation(theme_word: str) -> re.Pattern[str]:
    """A "Tema 4 fortsat" marker of a model's theme word, compiled once per word."""
    return re.compile(rf"^{re.escape(theme_word)}\s+(\d+\s*\.?\s*[a-z]?)\W*(?:\s+\W*)?forts(?:at|ættelse|\.)",
                      re.IGNORECASE)


_ONE_NUMBER = r"\d+\s*\.?\s*[a-z]?(?![a-zæøå\d])"


def spaced_word(word: str) -> str:
    """A regex for a word, its letters perhaps set apart by a space each (letter spacing kept
    as spaces by a reader: "T E M A")."""
    return r"\s?".join(map(re.escape, word))


@lru_cache(maxsize=16)
def _theme_mention(theme_word: str) -> re.Pattern[str]:
    """Where a theme word and its numbers are printed ("Tema 1, 2 og 3b", "TEMA 4 (fortsat)",
    "TEMA 6 · TEMA 7"), the word perhaps letter-spaced ("T E M A 6": a reader that keeps the
    spacing as spaces)."""
    word = spaced_word(theme_word)
    joiner = rf"\s*(?:,|og|&|/|\+|–|-|·|\|)\s*(?:{word}\s+)?"
    return re.compile(rf"(?<![\w])(?:{word})(?:er|erne)?\s*({_ONE_NUMBER}(?:{joiner}{_ONE_NUMBER})*)", re.IGNORECASE)


_CROSS_REFERENCE = re.compile(r"(?:\bse(?:\s+\w+){0,2}|\bunder|\bi|\bjf\.?|\bjævnfør|\bog|\bfra|\btil)\s*$", re.IGNORECASE)
"""Words that make a theme mention a reference to another page ("se tema 3a")."""


def named_themes(text: str, model: QualityModel) -> tuple[list[str], bool]:
    """The themes a page's theme column or band names, read as one unit, and whether it marks a
    continuation.

    The column may wrap a title over several lines, name several themes ("Tema 1 … / Tema 2 …",
    "Temaerne 1, 2 og 3b") and say "fortsat" in any of its forms. Without a theme number, a full
    theme title names the theme: one of two words or more anywhere, one of a single word
    ("Sundhed") only as a line of its own, perhaps after its number (a badge: "7" / "7 Sundhed").
    """
    folded = fold(text)
    continued = bool(CONTINUED.search(folded) or CONTINUED.search(_LETTER_SPACE.sub("", folded)))
    found: list[str] = []
    for match in _theme_mention(model.theme_word).finditer(folded):
        if _CROSS_REFERENCE.search(folded[:match.start()]):
            continue
        resolved = [model.resolve(number.replace(" ", "")) for number in _THEME_NUMBERS.findall(match.group(1))]
        found.extend(theme for theme in resolved if theme is not None)
    if not found:
        key = folded.casefold()
        lines = {_BADGE.sub("", fold(line)).casefold() for line in _TITLE_PARTS.split(text)}
        for theme in model.themes:
            for spelling in [theme.title, *theme.aliases]:
                spelling = fold(spelling).casefold()
                if (len(spelling.split()) >= 2 and spelling in key) or spelling in lines:
                    found.append(theme.id)
                    break
    return [theme for theme in model.theme_ids if theme in found], continued


_LETTER_SPACE = re.compile(r"(?<=\b\w) (?=\w)")
"""A space after a letter standing alone: letter-spaced text ("F O R T S AT") closed up."""
_TITLE_PARTS = re.compile(r"\n|\s+[/·|]\s+")
"""Where a band's titles part: its lines, and a slash or middle dot between two titles on one
line ("Fysiske rammer / Sundhed")."""
_BADGE = re.compile(r"^\d+\s*\.?\s*[a-z]?[.:)–-]?\s+(?=\S)", re.IGNORECASE)
"""A theme number printed before its title on one line without the theme word ("7 Sundhed")."""


_THEME_NUMBERS = re.compile(r"\d+\s*\.?\s*[a-z]?(?![a-zæøå])", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:tabel|table|figur|figure|fig\.)\s*\d+(?:[.:-]\d+)*\s*[:.–-]?\s+", re.IGNORECASE)
"""A caption's own number before a theme's name ("Tabel 3: Tema 2: …"): word processors and
typesetters number the captions of tables and figures."""


def _uncaptioned(text: str, theme_word: str) -> str:
    """``text`` folded, without a caption's number before it, or a numbered heading's ("4 Tema
    1: …"; a number before anything but the theme word is a badge's theme number, kept)."""
    text = _CAPTION.sub("", fold(text), count=1)
    numbered = _SECTION_NUMBER.match(text)
    if numbered and text[numbered.end():numbered.end() + len(theme_word)].casefold() == theme_word.casefold():
        return text[numbered.end():]
    return text


def theme_column(text: str, model: QualityModel) -> list[str]:
    """Theme ids a theme-column label names ("Tema 3b: …", "Tema 1, 2 og 3b", "Tema 1 – … / Tema 2
    – …"); [] if it is not one.

    A label is the theme word, one or more theme numbers and optionally a title that matches
    the model — or several such labels in a row, each with its own title — perhaps a table's
    numbered caption ("Tabel 3: Tema 2: …"). Running text that merely mentions a theme ("Se
    tema 3a") is not a label.
    """
    folded = _uncaptioned(text, model.theme_word)
    parts = [part.strip(" /,&+") for part in _next_label(model.theme_word).split(folded)]
    if len(parts) > 1:
        found = [theme_column(part, model) for part in parts]
        return [theme for ids in found for theme in ids] if all(found) else []
    match = _theme_label(model.theme_word).match(folded)
    if not match:
        return []
    numbers = _THEME_NUMBERS.findall(match.group(1))
    ids = [model.resolve(number.replace(" ", "")) for number in numbers]
    if not ids or None in ids:
        return []
    title = (match.group(2) or "").strip()
    if title and (len(ids) != 1 or model.resolve(title) != ids[0]):
        return []
    return [theme for theme in ids if theme is not None]


def continuation(text: str, model: QualityModel) -> str | None:
    """The theme id of a "Tema 4 fortsat fra side 8" marker, or None."""
    match = _continuation(model.theme_word).match(_uncaptioned(text, model.theme_word))
    return model.resolve(match.group(1).replace(" ", "")) if match else None


def heading_theme(text: str, model: QualityModel) -> str | None:
    """The theme a topic heading is named after ("Fælles fagligt fundament – tilgange og metoder").

    Only a heading that starts with a full theme title or alias of two words or more counts, so
    a heading that merely shares a word with a title does not.
    """
    key = fold(text).casefold()
    for theme in model.themes:
        for spelling in [theme.title, *theme.aliases]:
            spelling = fold(spelling).casefold()
            if len(spelling.split()) >= 2 and (key == spelling or re.match(re.escape(spelling) + r"\s*[–\-:,]", key)):
                return theme.id
    return None


def appendix_begins(texts: Sequence[str], index: int, model: QualityModel) -> bool:
    """Whether line ``index`` opens the appendix: a theme label followed by its "Formål: …"."""
    if not theme_column(texts[index], model):
        return False
    following = next((text for text in texts[index + 1:] if text.strip()), "")
    return following.strip().casefold().startswith("formål")
