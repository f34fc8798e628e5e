"""Which box a paragraph's wording belongs to, when the dump's layout does not tell.

The boxes of a theme page are written in two voices. The grey box ("Vi talte om") reports what
was said on the day: leaders and staff *fortæller*, *beskriver*, *giver udtryk for*, it
*drøftes*, they *oplever*; its paragraphs open with the people met. The purple box ("Dette
peger på at…") and the yellow one ("Ledere og medarbejdere peger på…") advise: their paragraphs
carry on their label's sentence ("At …", "Et behov for …", "der er behov for …") or say what
would help ("med fordel", "bør"). So when a run holding a grey and an advising box must be
shared out, the voice of each paragraph is a cue beside the widths its lines wrap at. It is a
weak one — many paragraphs have neither voice, and an advice may quote what was said — so it
leads only where widths are silent, were only seen in the run itself, or see one box where
the voices surely hear two (:mod:`.text_split`).
"""

from __future__ import annotations

import re

from kvalitet_core.model import BoxKind

_REPORTING = re.compile(
    r"\b(?:fortæller|fortalte|fortælles|beskriver|beskrev|beskrives|giver\s+udtryk|udtrykker|"
    r"ta(?:ler|les|lte)\s+om|drøfte[rs]|drøftede|drøftelse\w*|oplever|opleves|nævner|fremhæver|forklarer|"
    r"optagede?\s+af|vi\s+(?:hører|møder))\b", re.IGNORECASE)
"""Verbs of a summary of what was said, as the grey box writes."""
_PEOPLE_OPENING = re.compile(
    r"^(?:-\s+)?(?:(?:den|de|en|flere|nogle|alle|både)\s+)?(?:(?!(?:hv\w+|om|at|og|for|til)\s)\w+\s+)?"
    r"(?:leder\w*|ledelse\w*|medarbejder\w*|"
    r"personale\w*|bruger\w*|borger\w*|beboer\w*|elev\w*|pårørende|kolleg\w*)\b", re.IGNORECASE)
"""A paragraph whose subject is the people met ("Den konstituerede leder har …", "Medarbejderne
…"): what they said or do, as the grey box tells it — a mark as sure as an advice's opening.
Not a question or clause about them ("Hvordan medarbejderne følger op …", an advice's point)."""
_ADVICE_OPENING = re.compile(r"^(?:-\s+)?(?:at|et\s+behov|der\s+er\s+(?:et\s+)?behov|behov\s+for)\b", re.IGNORECASE)
"""A paragraph that carries on its box's label ("Dette peger på, at…" / "At …", "Et behov for …")."""
_ADVICE = re.compile(r"\b(?:med\s+fordel|anbefale\w*|bør|behov\s+for\s+at)\b", re.IGNORECASE)
"""Words that advise."""
ADVISING = {BoxKind.POINTS_TO, BoxKind.SUGGESTIONS}


def advice(text: str) -> int:
    """The balance of a paragraph's voice: its marks of advice less its marks of report (> 0: it
    advises, < 0: it reports, 0: neither, or both as much). A later sentence that opens with
    the people met ("… drøftelser. Medarbejderne fortæller …") is one mark of report more."""
    sentences = _SENTENCE_START.split(text.strip())
    advising = 2 * bool(_ADVICE_OPENING.match(text.lstrip())) + len(_ADVICE.findall(text))
    reporting = (len(_REPORTING.findall(text)) + 2 * bool(_PEOPLE_OPENING.match(text.lstrip()))
                 + sum(bool(_PEOPLE_OPENING.match(sentence)) for sentence in sentences[1:]))
    return advising - reporting


_SENTENCE_START = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")
"""Where a sentence ends and the next begins."""


def voice_for_second(first: BoxKind, second: BoxKind, text: str) -> int:
    """The balance of a paragraph's voice for the second of two boxes (> 0) against the first
    (< 0): 0 unless exactly one of the two is the grey box."""
    if (first in ADVISING) == (second in ADVISING):
        return 0
    return advice(text) if second in ADVISING else -advice(text)


def evidence_for_second(first: BoxKind, second: BoxKind, text: str) -> float:
    """:func:`voice_for_second` as evidence in [-1, 1], to be weighed with a paragraph's width."""
    return float(max(-1, min(1, voice_for_second(first, second, text))))
