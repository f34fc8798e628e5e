"""The report's landmarks as other templates print them: letter-spaced labels, themes named by a
badge and a one-word title."""

from __future__ import annotations

import pytest

from kvalitet_core.model import BoxKind
from kvalitet_core.quality_model import builtin_quality_models
from kvalitet_core.recognise.anatomy import (
    Part,
    continuation,
    labels_in,
    named_themes,
    part_heading,
    run_in_lines,
    theme_column,
)

MODEL = next(model for model in builtin_quality_models() if model.id == "sof-kvalitetsmodel-3.0")


@pytest.mark.parametrize(("line", "kinds"), [
    ("VI TALTE O M", [BoxKind.TALKED_ABOUT]),
    ("V I TA LT E O M", [BoxKind.TALKED_ABOUT]),
    ("D E T T E P E G E R P Å , AT . . .", [BoxKind.POINTS_TO]),
    ("LEDERE OG M EDARBEJDERE PEGER PÅ …", [BoxKind.SUGGESTIONS]),
    ("Vi talte om Dette peger på at…", [BoxKind.TALKED_ABOUT, BoxKind.POINTS_TO]),
    ("Vi talte om det hele", []),
    ("Vitalteomdethele", []),
])
def test_letter_spaced_labels_are_labels_and_running_text_is_not(line: str, kinds: list[BoxKind]) -> None:
    assert labels_in(line) == tuple(kinds)


def test_a_badge_and_a_one_word_title_name_their_theme_only_as_a_line_of_their_own() -> None:
    assert named_themes("6\nFysiske rammer\n7\nSundhed", MODEL)[0] == ["6", "7"]
    assert named_themes("7 Sundhed", MODEL)[0] == ["7"]
    assert named_themes("Sundhed i hverdagen", MODEL)[0] == []
    assert named_themes("Fysiske rammer / Sundhed", MODEL)[0] == ["6", "7"]
    assert named_themes("Kompetencer · Sundhed", MODEL)[0] == ["5", "7"]
    assert named_themes("Sundhed/trivsel", MODEL)[0] == []


def test_a_letter_spaced_theme_mark_names_its_themes() -> None:
    """A band's "TEMA 6 · TEMA 7" set with letter spacing, which a reader keeps as spaces."""
    assert named_themes("T E M A 6 · T E M A 7", MODEL)[0] == ["6", "7"]
    assert named_themes("T E M A 3 A", MODEL)[0] == ["3a"]
    assert named_themes("Tema 6 | Tema 7", MODEL)[0] == ["6", "7"]
    assert named_themes("T E M A 3 A – F O R T S AT", MODEL) == (["3a"], True)
    assert named_themes("Tema 3a: Målgruppe", MODEL) == (["3a"], False)


def test_theme_labels_one_after_the_other_without_a_separator_name_each_theme() -> None:
    assert theme_column("Tema 5: Kompetencer Tema 6: Fysiske rammer", MODEL) == ["5", "6"]
    assert theme_column("Tema 1 – Uddannelse og beskæftigelse / Tema 2 –", MODEL) == ["1", "2"]
    assert theme_column("Tema 4 fortsat", MODEL) == []


@pytest.mark.parametrize(("line", "kinds"), [
    ("① Vi talte om", [BoxKind.TALKED_ABOUT]),
    ("2. Dette peger på at…", [BoxKind.POINTS_TO]),
    ("(3) Ledere og medarbejdere peger på:", [BoxKind.SUGGESTIONS]),
    ("► Vi talte om ② Dette peger på at", [BoxKind.TALKED_ABOUT, BoxKind.POINTS_TO]),
    ("1. Vi talte om det hele", []),
    # an icon a browser sets in the label's line: a dingbat, an icon font's private-use glyph, an emoji
    ("❝ Vi talte om", [BoxKind.TALKED_ABOUT]),
    ("➜ Dette peger på at…", [BoxKind.POINTS_TO]),
    ("★Ledere og medarbejdere peger på…", [BoxKind.SUGGESTIONS]),
    ("\uf075 Vi talte om", [BoxKind.TALKED_ABOUT]),
    ("💬\ufe0f Vi talte om ★ Dette peger på at", [BoxKind.TALKED_ABOUT, BoxKind.POINTS_TO]),
    ("★ Vi talte om det hele", []),
    ("Tre ★ Vi talte om", []),
    # a numbered heading's section number (Word's outline numbering of "Heading 2")
    ("4.1 Vi talte om", [BoxKind.TALKED_ABOUT]),
    ("11.3. Ledere og medarbejdere peger på…", [BoxKind.SUGGESTIONS]),
    ("2019 Vi talte om", []),
])
def test_numbered_or_marked_labels_are_labels(line: str, kinds: list[BoxKind]) -> None:
    assert labels_in(line) == tuple(kinds)


@pytest.mark.parametrize(("line", "restored"), [
    ("► Fælles platform", "- Fælles platform"),
    ("✓ Tjek", "- Tjek"),
    ("1) Nye tiltag", "1. Nye tiltag"),
    ("2019) står der", "2019) står der"),
    ("l Pauser afholdes inden klokken 13", "- Pauser afholdes inden klokken 13"),  # a disc read as "l"
    ("§ Tydelige aftaler", "- Tydelige aftaler"),  # Wingdings' small square
    ("q Tjekliste", "- Tjekliste"),  # Wingdings' box
    ("i Huset bor der", "i Huset bor der"),  # a word of one letter stays
    ("— Faste mad tider", "- Faste mad tider"),  # an em dash, as a Danish template may set lists
    ("⦁ Kortere åbningstider", "- Kortere åbningstider"),  # Word's bullet pasted as text
    ("❖ Frivillige", "- Frivillige"),
    ("∙ Snævrere fokus", "- Snævrere fokus"),
    ("—at fortsætte", "—at fortsætte"),  # a dash set close to a word is no bullet
])
def test_pointers_checks_and_symbol_letters_are_bullets_and_parenthesised_numbers_are_points(line: str, restored: str) -> None:
    from kvalitet_core.recognise.glyphs import restore_glyphs

    assert restore_glyphs(line) == restored


@pytest.mark.parametrize(("lines", "found"), [
    (["VI TALTE OM: I drøftelserne tales om"], (1, "VI TALTE OM:", "I drøftelserne tales om")),
    (["Dette peger på, at … der er behov for"], (1, "Dette peger på, at …", "der er behov for")),
    (["Ledere og", "medarbejdere peger", "på: Fagligt sprog"],
     (3, "Ledere og medarbejdere peger på:", "Fagligt sprog")),
    (["Vi talte om, hvordan huset bruges"], None),  # a sentence that begins with the label's words
    (["Vi talte om:", "Brugerne fortæller"], None),  # a label on a line of its own is no run-in label
    (["Dette peger på at…"], None),
    (["Brugerne fortæller om huset"], None),
])
def test_a_label_run_in_before_its_text_is_found_wrapped_or_not(lines: list[str], found: tuple | None) -> None:
    assert run_in_lines(lines) == found


def test_a_numbered_headings_section_number_hides_no_theme_or_part() -> None:
    assert theme_column("4 Tema 1: Uddannelse og beskæftigelse / Tema 2: Selvstændighed og relationer", MODEL) == ["1", "2"]
    assert theme_column("5.2 Tema 3a", MODEL) == ["3a"]
    assert theme_column("2 Selvstændighed og relationer", MODEL) == []  # a badge's number is the theme's, not a section's
    assert continuation("6 Tema 4 fortsat", MODEL) == "4"
    assert part_heading("3 Samlede indtryk af tilbuddet") == {Part.OVERALL}
    assert part_heading("12. Bedømmelse") == {Part.ASSESSMENT}
    assert part_heading("2 medarbejdere") == set()


def test_a_tables_numbered_caption_before_a_themes_name_names_the_theme() -> None:
    """Word processors and typesetters number a table's caption ("Tabel 3: …"): the theme named
    after the number is the table's; a sentence about a table names none."""
    from kvalitet_core.recognise.anatomy import continuation

    assert theme_column("Tabel 3: Tema 2: Selvstændighed og relationer", MODEL) == ["2"]
    assert theme_column("Figur 2. Tema 1", MODEL) == ["1"]
    assert theme_column("Tabel 4 viser tema 3a", MODEL) == []
    assert continuation("Table 12: Tema 4 fortsat", MODEL) == "4"


@pytest.mark.parametrize(("line", "restored"), [
    (". . . at skibsmetaforen kan fungere", "… at skibsmetaforen kan fungere"),
    ("Dette peger på at. . .", "Dette peger på at…"),
    ("s. 6 og s. 8", "s. 6 og s. 8"),
])
def test_an_ellipsis_set_as_spaced_full_stops_is_an_ellipsis(line: str, restored: str) -> None:
    from kvalitet_core.recognise.glyphs import restore_glyphs

    assert restore_glyphs(line) == restored


def test_a_line_beginning_with_a_label_is_told_whatever_follows() -> None:
    from kvalitet_core.recognise.anatomy import begins_with_label

    assert begins_with_label("Vi talte om   Opmærksomhed på dilemmaer")
    assert begins_with_label("② Dette peger på at… Faglig sparring")
    assert not begins_with_label("Medarbejderne fortæller, at vi talte om det")
