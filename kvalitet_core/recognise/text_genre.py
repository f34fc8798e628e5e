"""Which box a paragraph's wording belongs to, when nothing in the dump's layout tells.

The boxes of a theme page are written in two voices. The grey box ("Vi talte om") reports what
was said on the day: leaders and staff *fortæller*, *beskriver*, *giver udtryk for*, it *drøftes*,
they *oplever*. The purple box ("Dette peger på at…") and the yellow one ("Ledere og
medarbejdere peger på…") advise: their paragraphs carry on their label's sentence ("At …",
"Et behov for …", "der er behov for …") or say what would help ("med fordel", "bør"). So when a
run holding a grey and an advising box must be cut and the lines' widths do not tell where, the
voice of each paragraph does. It is a weak cue — many paragraphs have neither voice — and is
only ever weighed where widths are silent.
"""

from __future__ import annotations

import re

from kvalitet_core.model import BoxKind

_REPORTING = re.compile(
    r"\b(?:fortæller|fortalte|fortælles|beskriver|beskrev|beskrives|giver\s+udtryk|udtrykker|"
    r"ta(?:ler|les|lte)\s+om|drøfte[rs]?|drøftelse\w*|oplever|opleves|nævner|fremhæver|forklarer|"
    r"optagede?\s+af|vi\s+(?:hører|møder))\b", re.IGNORECASE)
"""Verbs of a summary of what was said, as the grey box writes."""
_ADVICE_OPENING = re.compile(r"^(?:-\s+)?(?:at|et\s+behov|der\s+er\s+(?:et\s+)?behov|behov\s+for)\b", re.IGNORECASE)
"""A paragraph that carries on its box's label ("Dette peger på, at…" / "At …", "Et behov for …")."""
_ADVICE = re.compile(r"\b(?:med\s+fordel|anbefale\w*|bør|behov\s+for\s+at)\b", re.IGNORECASE)
"""Words that advise."""
ADVISING = {BoxKind.POINTS_TO, BoxKind.SUGGESTIONS}


def advice(text: str) -> float:
    """How surely a paragraph advises (> 0) rather than reports (< 0), in [-1, 1]; 0 when its
    wording shows neither voice or both as much."""
    advising = 2 * bool(_ADVICE_OPENING.match(text.lstrip())) + len(_ADVICE.findall(text))
    reporting = len(_REPORTING.findall(text))
    return max(-1.0, min(1.0, float(advising - reporting)))


def evidence_for_second(first: BoxKind, second: BoxKind, text: str) -> float:
    """How surely a paragraph belongs to the second of two boxes (> 0) or the first (< 0) by its
    voice: 0 unless exactly one of the two is the grey box."""
    if (first in ADVISING) == (second in ADVISING):
        return 0.0
    return advice(text) if second in ADVISING else -advice(text)
