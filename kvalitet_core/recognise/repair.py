"""Repairing words that rotated pages broke apart in a text dump.

When a PDF page is drawn turned 90°, text extractors cut runs after certain glyphs and print the
pieces on separate lines: "m\\n\\nedarbejderne", "tem\\n\\naer", "N\\n\\n.A.B.O". The text is all
there; what is lost is whether a line break sat inside a word or between two words.

The evidence used here comes from the document itself, never from a list of expected words:

- whitespace: a real line end keeps its trailing space and a real word start keeps its leading
  space, so a break without whitespace on either side is a candidate;
- break glyphs: the characters after which a damaged document breaks are far more frequent at
  unspaced line ends followed by a lower-case continuation than at the ends of the document's
  intact words (derived per document);
- vocabulary: the words the document (and the quality model's texts) spell out intact. A
  joined form that is known, or fragments that are not words on their own, are joined. Two
  fragments that are both known words ("frem" + "tiden", but also "om" + "Dette" where a label
  ends) are joined only at a break glyph and when the second goes on in lower case; a fragment
  in upper case only when the joined form is known or neither fragment is a word ("N" +
  "ABO"), so a new sentence, label or heading is never glued to the line before.

Within a damaged document a run cut at a word boundary (the next piece keeps its leading space)
is put back on one line as well, so the later stages see whole lines.

A line holding only a bullet glyph is never joined. Nothing is repaired in a document that
shows no such damage.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kvalitet_core.recognise.glyphs import is_lone_bullet

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
_CLOSING = ".,;:!?)]´’”'\"…"
"""Characters that never open a word: a fragment starting with one belongs to the line before."""
MIN_DAMAGE = 10
"""Unspaced breaks after break glyphs needed before a document counts as damaged."""
GLYPH_RATIO = 3.0
"""How much likelier than at a word end a character must be at an unspaced break."""


@dataclass(slots=True)
class Repair:
    """The outcome: the repaired lines, where each came from, and which joins were made."""

    lines: list[str]
    origins: list[int]
    """For each repaired line, the index of the first input line it was made from."""
    joined: list[tuple[int, str]] = field(default_factory=list)
    """(input line index, joined word) for every join made."""


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Lower-case word counts of some texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(word.casefold() for word in _WORD.findall(text))
    return counts


def _is_break(upper: str, lower: str) -> bool:
    return bool(upper) and bool(lower) and not upper[-1].isspace() and not lower[0].isspace()


def _unspaced_breaks(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of non-empty lines with only empty lines between and no whitespace at the cut."""
    pairs = []
    previous: int | None = None
    for index, line in enumerate(lines):
        if not line:
            continue
        if previous is not None and _is_break(lines[previous], line):
            pairs.append((previous, index))
        previous = index
    return pairs


def _intact_words(lines: Sequence[str], breaks: list[tuple[int, int]]) -> Counter[str]:
    """Words that no unspaced break touches: the document's own evidence of how words are spelt."""
    cut_end = {i for i, _ in breaks}
    cut_start = {j for _, j in breaks}
    counts: Counter[str] = Counter()
    for index, line in enumerate(lines):
        words = _WORD.findall(line)
        if not words:
            continue
        stripped = line.strip()
        start = 1 if index in cut_start and stripped.startswith(words[0]) else 0
        end = len(words) - 1 if index in cut_end and stripped.endswith(words[-1]) else len(words)
        counts.update(word.casefold() for word in words[start:end])
    return counts


def break_glyphs(lines: Sequence[str]) -> set[str]:
    """The (lower-case) characters after which this document breaks words; empty when undamaged."""
    breaks = _unspaced_breaks(lines)
    at_breaks = Counter(lines[i][-1].casefold() for i, j in breaks
                        if lines[i][-1].isalpha() and not lines[j][0].isupper())
    word_ends = Counter(word[-1] for word in _intact_words(lines, breaks).elements())
    total_breaks = sum(at_breaks.values()) or 1
    total_ends = sum(word_ends.values()) or 1
    glyphs = {
        glyph for glyph, count in at_breaks.items()
        if count >= 3 and count / total_breaks >= GLYPH_RATIO * (word_ends[glyph] + 1) / total_ends
    }
    damaged = sum(at_breaks[glyph] for glyph in glyphs)
    return glyphs if damaged >= MIN_DAMAGE else set()


def _known(word: str, known: Counter[str]) -> bool:
    word = word.casefold()
    return (len(word) > 1 or word in "iå") and known[word] > 0


def keeps_line_end_spaces(lines: Sequence[str]) -> bool:
    """Whether the dump keeps the space after a line's last word (pdftotext does; an editor that
    strips trailing whitespace does not), which tells a real line end from a cut word."""
    return any(line.endswith((" ", "\t")) for line in lines if line.strip())


def should_join(upper: str, lower: str, glyphs: set[str], known: Counter[str], spaced: bool = True) -> bool:
    """Whether the unspaced break between two lines sits inside a word.

    Without line-end spaces (``spaced`` false) every line end looks unspaced, so only a break
    after a break glyph is joined, and two fragments that are both words only when the joined
    form is itself a known word.
    """
    if not glyphs or not _is_break(upper, lower) or is_lone_bullet(upper) or is_lone_bullet(lower):
        return False
    if lower[0] in _CLOSING:
        return True
    tail_words = _WORD.findall(upper.split()[-1])
    head_words = _WORD.findall(lower.split()[0])
    if not tail_words or not head_words or upper[-1] in "-–":
        return False
    tail, head = tail_words[-1], head_words[0]
    if _known(tail + head, known):
        return True
    at_glyph = upper[-1].casefold() in glyphs
    tail_known, head_known = _known(tail, known), _known(head, known)
    if head[0].isupper():
        return not (tail_known or head_known) and (at_glyph or len(tail) == 1)
    if not spaced:
        return at_glyph and not (tail_known and head_known)
    if tail_known and head_known:
        return at_glyph
    return at_glyph or not (tail_known or head_known)


def _continues_run(upper: str, lower: str) -> bool:
    """A run cut at a word boundary: the upper line has no line end, the lower keeps its space."""
    return (bool(upper) and not upper[-1].isspace() and lower.startswith(" ")
            and len(lower) > 1 and lower[1].islower())


def repair_lines(lines: Sequence[str], extra_vocabulary: Iterable[str] = ()) -> Repair:
    """Join the lines whose break cuts a word; other lines are kept as they are."""
    glyphs = break_glyphs(lines)
    if not glyphs:
        return Repair(lines=list(lines), origins=list(range(len(lines))))
    known = _intact_words(lines, _unspaced_breaks(lines)) + vocabulary(extra_vocabulary)
    spaced = keeps_line_end_spaces(lines)
    result = Repair(lines=[], origins=[])
    last_content: int | None = None
    for index, line in enumerate(lines):
        if line and last_content is not None and _continues_run(result.lines[last_content], line):
            result.lines[last_content] += line
            del result.lines[last_content + 1:]
            del result.origins[last_content + 1:]
            continue
        if line and last_content is not None and should_join(result.lines[last_content], line, glyphs, known, spaced):
            upper = result.lines[last_content]
            word = upper.split()[-1] + line.split()[0]
            result.lines[last_content] = upper + line
            del result.lines[last_content + 1:]
            del result.origins[last_content + 1:]
            result.joined.append((index, word))
            continue
        result.lines.append(line)
        result.origins.append(index)
        if line:
            last_content = len(result.lines) - 1
    return result
