"""Repair of words that rotated pages broke apart, and nothing else.

The damaged text is made here from real sentences the way a rotated-page extraction breaks
them: a run ends after certain glyphs ("m", "æ") and the rest of the word follows on a later
line; a real line end keeps its trailing space and a real word start its leading space.
"""

from __future__ import annotations

import re

from kvalitet_core.recognise.repair import break_glyphs, repair_lines

SENTENCES = [
    "Medarbejderne fortæller om dilemmaer i hverdagen og om samarbejdet med brugerne.",
    "Vi møder et tilbud, hvor der lægges stor vægt på fællesskab og medbestemmelse.",
    "Lederen beskriver, hvordan temaerne i kvalitetsmodellen bruges som ramme for møderne.",
    "Medarbejderne er optaget af, hvordan man møder den enkelte bruger med respekt.",
    "Det er vigtigt for medarbejderne at have tid til faglige drøftelser om metoderne.",
    "Samlet set fremstår tilbuddet som et sted med mange muligheder for brugerne.",
]
GLYPHS = "mæ"


def rotate_damage(text: str) -> list[str]:
    """Lines as a rotated page yields them: cut after every "m"/"æ", blank lines between pieces.

    A cut inside a word leaves no whitespace on either side; a cut at a word boundary keeps the
    space at the start of the next piece; a real line end keeps its trailing space.
    """
    lines: list[str] = []
    piece = ""
    for index, char in enumerate(text):
        piece += char
        if char in GLYPHS and index + 1 < len(text):
            lines += [piece, ""]
            piece = ""
    lines.append(piece + " ")
    return lines


def _words(lines: list[str]) -> list[str]:
    return re.findall(r"\S+", " ".join(line for line in lines))


def test_broken_words_are_joined() -> None:
    damaged = [line for sentence in SENTENCES for line in rotate_damage(sentence)]
    assert break_glyphs(damaged) >= {"m"}
    repaired = repair_lines(damaged)
    assert _words(repaired.lines) == _words(SENTENCES)
    assert repaired.joined


def test_real_boundaries_are_not_glued() -> None:
    damaged = [line for sentence in SENTENCES for line in rotate_damage(sentence)]
    # Two frames that end without a space, the next starting a new word or a label.
    damaged += ["Vi talte om", "", "Dette peger på at…", "om", "", "Medarbejderne fortæller om"]
    repaired = " ".join(repair_lines(damaged).lines)
    assert "Vi talte om Dette peger" in " ".join(repaired.split())
    assert "omMedarbejderne" not in repaired and "omDette" not in repaired


def test_undamaged_text_is_left_alone() -> None:
    wrapped = ["Brugerne fortæller, at det at komme på stedet i høj grad er med til at",
               "give dem en meningsfuld hverdag og noget at stå op til. Det fremstår som",
               "et rart sted med mange faste brugere, der kender hinanden godt."] * 4
    repaired = repair_lines(wrapped)
    assert repaired.lines == wrapped
    assert not repaired.joined


def test_joins_are_traced_to_input_lines() -> None:
    damaged = [line for sentence in SENTENCES for line in rotate_damage(sentence)]
    repaired = repair_lines(damaged)
    assert len(repaired.lines) == len(repaired.origins)
    assert all(0 <= index < len(damaged) for index, _ in repaired.joined)
    assert "medarbejderne" in {word.casefold() for _, word in repaired.joined}
