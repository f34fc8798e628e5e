"""The themes' purposes ("Formål: I Socialforvaltningen arbejder vi …") where a template prints
them on the theme pages, under the theme's title and above its boxes.

The purpose is the quality model's text, the same in every report: on a theme page it is page
furniture, never a box's. A reader that knows where boxes begin (a PDF's regions) leaves it
outside them anyway; a text dump puts it in the run before the first label, which would go to
the first box — so lines of that run that print a purpose are told by their words.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from kvalitet_core.quality_model import QualityModel

_WORD = re.compile(r"\w+")
_LEAD = re.compile(r"^\s*formål\s*:?", re.IGNORECASE)
"""The word a printed purpose opens with."""
SHARE = 0.8
"""Share of a line's words that must stand, in order, in one purpose for the line to print it
(a word hyphenated at the line's end is two words that match nothing)."""
_SENTENCE_END = (".", "!", "?")
MIN_LINES = 3
"""Lines of a purpose printed without its "Formål" beyond which no box's text echoes it."""
MIN_WORDS = 4
"""Words below which a line says too little to be told from a box's sentence."""


class Purposes:
    """One quality model's theme purposes, as word sequences."""

    def __init__(self, model: QualityModel) -> None:
        self._texts = [_words(theme.purpose) for theme in model.themes if theme.purpose]
        self._vocabulary = {word for text in self._texts for word in text}

    def lines_of(self, lines: list[str]) -> set[int]:
        """Which of a run's lines print a purpose: runs of lines that do by their words, with
        the short lines of the same sentence that the purposes' words make up — a wrapped
        purpose's last word or two — when the run opens with "Formål" or holds
        :data:`MIN_LINES` lines or more (a box's sentence may echo a purpose's words). A layout
        dump's blank line between two lines of one paragraph does not part them."""
        found = {index for index, line in enumerate(lines) if self.printed_in(line)}
        for start in sorted(found):
            for step in (-1, 1):
                index = start
                while (following := _next_line(lines, index, step)) is not None and following not in found:
                    upper, lower = (lines[index], lines[following]) if step > 0 else (lines[following], lines[index])
                    if upper.rstrip().endswith(_SENTENCE_END) or \
                            not all(word in self._vocabulary for word in _words(lines[following])):
                        break
                    found.add(following)
                    index = following
        runs: list[list[int]] = []
        for index in sorted(found):
            if runs and _next_line(lines, runs[-1][-1], 1) == index:
                runs[-1].append(index)
            else:
                runs.append([index])
        return {index for run in runs if len(run) >= MIN_LINES or _LEAD.match(lines[run[0]]) for index in run}

    def printed_in(self, line: str) -> bool:
        """Whether a line is (part of) a theme's purpose as the template prints it."""
        words = _words(_LEAD.sub("", line))
        if len(words) < MIN_WORDS or sum(word in self._vocabulary for word in words) < SHARE * len(words):
            return False
        return any(_in_order(words, text) >= SHARE * len(words) for text in self._texts)


def _next_line(lines: list[str], index: int, step: int) -> int | None:
    """The next line of text from ``index`` on in direction ``step``, over one blank line at most."""
    for distance in (1, 2):
        at = index + step * distance
        if not 0 <= at < len(lines):
            return None
        if lines[at].strip():
            return at
    return None


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _in_order(words: list[str], text: list[str]) -> int:
    """How many of ``words`` stand in ``text`` in their order."""
    return sum(block.size for block in SequenceMatcher(None, words, text, autojunk=False).get_matching_blocks())
