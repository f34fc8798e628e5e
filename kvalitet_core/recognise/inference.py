"""Naming the offer and its organisation when no cover page survived.

The offer is what the auditors keep naming: the most frequent proper noun of the overall
impression and the conclusion (a capitalised word the document never writes in lower case),
with a capitalised word that precedes it every time it is introduced ("Projekt …"). The
organisation is a proper noun the text speaks of as an owner ("under X", "X's vision", "ophæng
i X", or a contact "… - X" in the side box). Both are guesses and are recorded as such.
"""

from __future__ import annotations

import re
from collections import Counter

_NAME = re.compile(r"[A-ZÆØÅ](?<![\w.].)(?:(?:\.[A-ZÆØÅ])+\.?|\w*(?:-[A-ZÆØÅ]?\w+)*)")
"""A capitalised word or initials ("Marianelund", "Nord-Vest", "N.A.B.O") not inside a word or
after a dot. The capital comes first and the look back after it, so that the regex engine skips
straight from capital to capital instead of trying every position of a report's text."""
_LOWER = re.compile(r"[a-zæøå](?<![\w.].)[\w-]*")
"""A word written in lower case, found the same way."""
_OWNER_CONTEXTS = (
    r"\b(?:under|ophæng i|omstilling af|omorganisering af|en del af|drives af|ejet af|fra både)\s+{name}\b",
    r"{name}(?:s?\s+(?:vision|struktur|strategi|værdier|ledelse|organisation)|\s+har\s+varslet)\b",
)
"""Owner phrases: before the name, or after it. A name needs no ``\\b`` before it, as its own
look back already implies one; phrases after a name share one pattern, so the text is scanned
for names once for all of them."""


def _proper_nouns(text: str) -> Counter[str]:
    """Capitalised words never written in lower case in ``text``, genitive "s" folded away."""
    # Lower-case words are looked for in the distinct whitespace-separated tokens only: a word
    # never spans whitespace, and its look back sees the same character (a space or its own
    # token's), so the set is the same as over the whole text, for a fraction of the scanning.
    lower = {word.casefold() for word in _LOWER.findall(" ".join(set(text.split())))}
    found = Counter(name for name in _NAME.findall(text) if name.casefold() not in lower and len(name) > 1)
    folded: Counter[str] = Counter()
    for name, count in found.items():
        base = name[:-1] if name.endswith("s") and name[:-1] in found else name
        folded[base] += count
    return folded


def infer_offer(overall: str, conclusion: str, everything: str) -> str | None:
    """The offer's name as the overall impression and the conclusion use it, or None."""
    text = f"{overall}\n{conclusion}"
    names = _proper_nouns(everything)
    counts = Counter({name: count for name, count in _proper_nouns(text).items() if name in names})
    if not counts:
        return None
    name, _ = counts.most_common(1)[0]
    before = re.findall(rf"(?<![\w.])([A-ZÆØÅ]\w+)\s+{re.escape(name)}", text)
    if before and len(before) >= 2 and len(set(before)) == 1 and before[0] in names:
        return f"{before[0]} {name}"
    return name


_OWNER_PATTERNS = tuple(re.compile(context.format(name=f"({_NAME.pattern})")) for context in _OWNER_CONTEXTS)
_CONTACT = re.compile(rf"\s[-–]\s*({_NAME.pattern})$")


def infer_organisation(everything: str, offer: str | None, contacts: list[str]) -> str | None:
    """The organisation the offer belongs to, when the text names one as such; else None.

    Each owner phrase is matched once over the whole text with a generic name in it, so the cost
    does not grow with the number of proper nouns the document has.
    """
    names = _proper_nouns(everything)
    excluded = set((offer or "").split()) | {offer}

    def known(name: str) -> str | None:
        if name not in names and name.endswith("s") and name[:-1] in names:
            name = name[:-1]
        return name if name in names and name not in excluded else None

    scores: Counter[str] = Counter()
    for pattern in _OWNER_PATTERNS:
        for match in pattern.finditer(everything):
            if name := known(match.group(1)):
                scores[name] += 1
    for contact in contacts:
        if (match := _CONTACT.search(contact)) and (name := known(match.group(1))):
            scores[name] += 2
    best = [(name, score) for name, score in scores.most_common(1) if score >= 2]
    return best[0][0] if best else None
