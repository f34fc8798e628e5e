"""Text dumps made by other extractors and layouts: each page read in its own order, nothing lost.

Small dumps are made here by hand, one per class of trouble: the boxes of a page side by side
on the same lines (pdftotext -layout), pages of one dump in different orders, a box's heading
pulled up to its label, text no order can place, running headers and footers, theme labels
wrapped over several lines, "tema 7." wrapped into running text, a title line wrapped before
its dash, bullets printed apart from their items — and the size limit. The committed wild
dumps (``fixtures/wild/``) are scored as ``scripts/score_wild.py`` scores them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from kvalitet_core.errors import InputError
from kvalitet_core.model import Visit
from kvalitet_core.plugins import get_host
from kvalitet_core.reading import read_visits
from kvalitet_core.recognise.glyphs import hanging_items, restore_lines
from kvalitet_core.recognise.text_columns import carry_over, unweave_page

ROOT = Path(__file__).resolve().parent.parent
FRONT = """Skriftlig feedback
Testhuset
Besøg den 3. marts 2020
\fOplysninger om besøget
Dato
3.3.2020
Auditorer
Anne Andersen
Bo Berg
Antal ansatte i alt på tilbuddet
12
\fSamlede indtryk af tilbuddet
Et hus med en god stemning og mange aktiviteter.
"""
BACK = """\fBedømmelse
Akkrediteret
Konklusion
Vi konkluderer, at huset arbejder godt med brugerne.
"""
GREY_TEXT = ("Medarbejderne fortæller om hverdagen i huset og om de mange aktiviteter, som\n"
             "brugerne selv har sat i gang i løbet af det seneste år.")
PURPLE_TEXT = "At beskrive, hvordan brugerne inddrages i planlægningen af aktiviteterne."
YELLOW_TEXT = "At holde et fast brugermøde hver måned."


def import_dump(tmp_path: Path, *pages: str) -> Visit:
    """A dump of the report's front pages, the given theme pages and its back pages, imported."""
    path = tmp_path / "dump.txt"
    path.write_text(FRONT + "".join(f"\f{page}\n" for page in pages) + BACK, encoding="utf-8")
    (visit,) = read_visits(get_host(), path)
    return visit


def _label_first(theme: str, grey: str = GREY_TEXT, purple: str = PURPLE_TEXT, yellow: str = YELLOW_TEXT) -> str:
    return (f"{theme}\nVi talte om\nRelationer\n{grey}\nDette peger på, at...\n{purple}\n"
            f"Ledere og medarbejdere peger på …\n{yellow}")


def _boxes(visit: Visit, index: int) -> tuple[str, str, str]:
    section = visit.sections[index]
    return section.talked_about.text, section.points_to.text, section.suggestions.text


def test_boxes_side_by_side_are_read_column_by_column(tmp_path: Path) -> None:
    grey = ["Relationer", "Medarbejderne fortæller om hverdagen i huset og om",
            "de mange aktiviteter i løbet af året."]
    purple = ["At beskrive, hvordan brugerne inddrages i", "planlægningen af aktiviteterne."]
    rows = [f"{'Vi talte om':<60}Dette peger på, at..."]
    rows += [f"{left:<60}{right}" for left, right in zip(grey, [*purple, ""])]
    page = "\n".join(["Tema 1: Uddannelse og beskæftigelse", *rows, "",
                      f"{'':<60}Ledere og medarbejdere peger på …",
                      f"{'':<60}{YELLOW_TEXT}"])
    visit = import_dump(tmp_path, page)
    talked, points, suggestions = _boxes(visit, 0)
    assert talked == ("Relationer\n\nMedarbejderne fortæller om hverdagen i huset og om de mange aktiviteter "
                      "i løbet af året.")
    assert points == "At beskrive, hvordan brugerne inddrages i planlægningen af aktiviteterne."
    assert suggestions == YELLOW_TEXT
    assert visit.sections[0].themes == ["1"]


def test_letters_a_pdf_rewriter_shifted_into_cjk_are_read_back(tmp_path: Path) -> None:
    """Ghostscript's broken map for a ligature puts "ff" in the PDF's text as U+6600 twice; every
    extractor's dump of it carries them, in the offer's name as in the boxes."""
    shifted = "\u6600\u6600"
    page = _label_first("Tema 1: Uddannelse og beskæftigelse",
                        purple=PURPLE_TEXT.replace("aktiviteterne", f"a{shifted}ærerne"))
    path = tmp_path / "dump.txt"
    path.write_text(FRONT.replace("Testhuset", f"Projekt O{shifted}-Side") + f"\f{page}\n" + BACK, encoding="utf-8")
    (visit,) = read_visits(get_host(), path)
    assert visit.offer == "Projekt Off-Side"
    assert _boxes(visit, 0)[1] == PURPLE_TEXT.replace("aktiviteterne", "affærerne")


def test_a_verdict_read_before_its_heading_is_the_assessment(tmp_path: Path) -> None:
    """A slide's verdict box printed above the slide's heading (pdfminer orders by text box): the
    verdict is the assessment, not the last theme box's last line."""
    path = tmp_path / "dump.txt"
    back = BACK.replace("\fBedømmelse\nAkkrediteret\n", "\fAkkrediteret med forbehold.\n\nBedømmelse\n\n12\n")
    page = _label_first("Tema 1: Uddannelse og beskæftigelse")
    path.write_text(FRONT + f"\f{page}\n" + back, encoding="utf-8")
    (visit,) = read_visits(get_host(), path)
    assert visit.assessment == "Akkrediteret med forbehold"
    assert _boxes(visit, 0)[2] == YELLOW_TEXT


def test_a_column_is_where_cells_start_again_and_a_hanging_indent_stays_in_it() -> None:
    lines = [f"{'Vi talte om':<22}Dette peger på at…", f"{'Tekst til venstre':<22}•   Et punkt som fortsætter",
             f"{'mere tekst':<26}på næste linje"]
    assert unweave_page(lines) == ["Vi talte om", "Tekst til venstre", "mere tekst", "",
                                   "Dette peger på at…", "• Et punkt som fortsætter", "    på næste linje", ""]
    single = ["Ingen kolonner her,   kun et stort mellemrum"]
    assert unweave_page(single) == single


def test_a_label_centred_over_its_box_belongs_to_the_column_below_it() -> None:
    """Labels centred above their boxes start right of the boxes' text; each still heads the box
    it stands over — and a label over an empty box, beside the text before, keeps its own."""
    lines = [f"{'':<12}{'Dette peger på at …':<40}Vi talte om …",
             f"{'At tage stilling til, hvilken':<36}Noget at stå op til.",
             f"{'kultur man ønsker.':<36}Brugerne fortæller om en",
             f"{'':<36}meningsfuld hverdag og om",
             f"{'':<36}aktiviteterne i huset."]
    every_page = Counter({12: 9, 36: 40, 52: 9})  # the labels stand where they stand on every page
    assert [line.strip() for line in unweave_page(lines, every_page) if line.strip()] == [
        "Dette peger på at …", "At tage stilling til, hvilken", "kultur man ønsker.",
        "Vi talte om …", "Noget at stå op til.", "Brugerne fortæller om en", "meningsfuld hverdag og om",
        "aktiviteterne i huset."]
    empty = [f"{'Vi talte om':<36}Dette peger på at…{'':<18}Ledere og medarbejdere peger på…",
             f"{'Brugerne fortæller om':<36}Besøget gav ikke anledning til",
             f"{'en meningsfuld hverdag.':<36}feedback på dette tema."]
    assert unweave_page(empty, Counter({36: 40, 72: 9}))[-2:] == ["Ledere og medarbejdere peger på…", ""]


def test_each_page_is_read_in_its_own_order(tmp_path: Path) -> None:
    """Page 1 prints each label before its text; page 2 prints the labels together, the grey
    text after them and the purple box's stock sentence first; page 3 prints the purple box
    before the theme and the grey box."""
    together = ("Tema 2: Selvstændighed og relationer\nVi talte om\n\nDette peger på, at...\n\n"
                "Besøget gav ikke anledning til særlig feedback på dette tema.\n\n"
                f"{GREY_TEXT}\n\nLedere og medarbejdere peger på …\n{YELLOW_TEXT}")
    purple_first = (f"Dette peger på, at...\n{PURPLE_TEXT}\n\nTema 3a: Målgruppe, metoder og resultater – "
                    f"Fælles fagligt fundament\nVi talte om\n{GREY_TEXT}\nLedere og medarbejdere peger på …\n"
                    f"{YELLOW_TEXT}")
    visit = import_dump(tmp_path, _label_first("Tema 1: Uddannelse og beskæftigelse"), together, purple_first)
    assert [s.themes for s in visit.sections] == [["1"], ["2"], ["3a"]]
    folded_grey = " ".join(GREY_TEXT.split())
    assert _boxes(visit, 0) == (f"Relationer\n\n{folded_grey}", PURPLE_TEXT, YELLOW_TEXT)
    no_feedback = "Besøget gav ikke anledning til særlig feedback på dette tema."
    assert _boxes(visit, 1) == (folded_grey, no_feedback, YELLOW_TEXT)
    assert _boxes(visit, 2) == (folded_grey, PURPLE_TEXT, YELLOW_TEXT)


def test_a_heading_pulled_up_to_its_label_gets_its_text_back(tmp_path: Path) -> None:
    page = ("Tema 2: Selvstændighed og relationer\nVi talte om\n\nÆldre og sårbar målgruppe\n\n"
            "Dette peger på, at...\n\n"
            "Besøget gav ikke anledning til særlig feedback på dette tema.\n\n"
            f"{GREY_TEXT}\n\nLedere og medarbejdere peger på …\n{YELLOW_TEXT}")
    visit = import_dump(tmp_path, page)
    talked, points, _ = _boxes(visit, 0)
    assert talked == "Ældre og sårbar målgruppe\n\n" + " ".join(GREY_TEXT.split())
    assert points == "Besøget gav ikke anledning til særlig feedback på dette tema."


def test_a_grey_heading_gets_its_text_back_past_empty_boxes(tmp_path: Path) -> None:
    """A Word 2×2 grid whose purple and yellow boxes are empty, read row by row: the labels' row,
    the grey box's heading, the yellow label, then the grey box's text, in the grey box's voice."""
    body = ("Medicinen håndteres af social- og sundhedsassistenterne. Der er gode\n"
            "procedurer, og medarbejderne fortæller, at de føler sig trygge ved\nopgaven.")
    page = (f"Tema 7: Sundhed\nVi talte om\n\nDette peger på, at …\n\nMedicin og dokumentation\n\n"
            f"Ledere og medarbejdere peger på, at …\n\n{body}")
    visit = import_dump(tmp_path, page)
    assert _boxes(visit, 0) == ("Medicin og dokumentation\n\n" + " ".join(body.split()), "", "")


def test_text_no_order_places_is_kept_with_a_warning_naming_its_page(tmp_path: Path) -> None:
    page = "Et afsnit, som står før sidens første etiket.\n\n" + _label_first("Tema 1: Uddannelse og beskæftigelse")
    visit = import_dump(tmp_path, page)
    assert visit.sections[0].talked_about.text.startswith("Et afsnit, som står før sidens første etiket.")
    warning = next(w for w in visit.provenance.warnings if "before the page's first label" in w.message)
    assert warning.page == 4


def test_text_between_the_grey_and_purple_labels_is_never_dropped(tmp_path: Path) -> None:
    """pdftotext's order of the seeds' template, with one page whose labels stand apart."""
    seed_order = (f"{YELLOW_TEXT}\n\n{GREY_TEXT}\nVi talte om\n\nDette peger på at…\n{PURPLE_TEXT}\n"
                  "Ledere og medarbejdere peger på…")
    apart = ("Vi talte om\nEn tekst mellem etiketterne.\nDette peger på at…\nEn lilla tekst.\n"
             "Ledere og medarbejdere peger på…")
    visit = import_dump(tmp_path, seed_order, apart)
    words = " ".join(box.text for section in visit.sections for _, box in section.boxes())
    assert "En tekst mellem etiketterne." in words and "En lilla tekst." in words


def test_running_headers_and_footers_leave_the_boxes_and_are_quoted_once(tmp_path: Path) -> None:
    pages = [f"Skriftlig feedback · Testhuset\n{_label_first(theme)}\nSide {n} af 9"
             for n, theme in enumerate(["Tema 1: Uddannelse og beskæftigelse", "Tema 2: Selvstændighed og relationer",
                                        "Tema 4: Organisation og ledelse"], start=4)]
    visit = import_dump(tmp_path, *pages)
    assert all("Side" not in box.text and "·" not in box.text for s in visit.sections for _, box in s.boxes())
    quoted = [w.message for w in visit.provenance.warnings if w.code == "page-furniture"]
    assert len(quoted) == 2 and any("Skriftlig feedback · Testhuset" in m for m in quoted)


def test_a_page_number_glued_to_the_running_header_is_furniture_too(tmp_path: Path) -> None:
    """An extractor writing runs in drawing order may glue the footer's "Side 4 af 9" to the
    header's title; the glued line ends in a full stop and has six words, yet is no sentence."""
    pages = [f"Side {n} af 9Skriftlig feedback · N.A.B.O.\n{_label_first(theme)}"
             for n, theme in enumerate(["Tema 1: Uddannelse og beskæftigelse", "Tema 2: Selvstændighed og relationer",
                                        "Tema 4: Organisation og ledelse"], start=4)]
    visit = import_dump(tmp_path, *pages)
    assert [s.themes for s in visit.sections] == [["1"], ["2"], ["4"]]
    assert all("Side" not in box.text and "N.A.B.O" not in box.text for s in visit.sections for _, box in s.boxes())
    assert _boxes(visit, 0)[1:] == (PURPLE_TEXT, YELLOW_TEXT)


def test_a_theme_label_wrapped_over_several_lines_stays_on_its_page(tmp_path: Path) -> None:
    first = _label_first("Tema 1: Uddannelse og beskæftigelse")
    wrapped = _label_first("Tema 3a:\nMålgruppe,\nmetoder og\nresultater – Fælles\nfagligt fundament")
    visit = import_dump(tmp_path, first, wrapped)
    assert [s.themes for s in visit.sections] == [["1"], ["3a"]]
    assert "Målgruppe" not in visit.sections[0].suggestions.text + visit.sections[1].talked_about.text


def test_several_titled_theme_labels_wrapped_in_a_narrow_column_name_every_theme(tmp_path: Path) -> None:
    """"Tema 1 – … / Tema 2 – … / Tema 3b – …" over seven lines is one column naming three
    themes, and none of its lines is box text."""
    column = ("Tema 1 – Uddannelse og\nbeskæftigelse / Tema 2 –\nSelvstændighed og\nrelationer / Tema 3b –\n"
              "Målgruppe, metoder og\nresultater – Inddragelse\nog indflydelse\n")
    visit = import_dump(tmp_path, _label_first(column))
    assert visit.sections[0].themes == ["1", "2", "3b"]
    assert visit.sections[0].talked_about.text.startswith("Relationer")


def test_themes_named_by_badge_numbers_and_titles_above_the_labels(tmp_path: Path) -> None:
    """A template that prints a theme's number in a badge and its title beside it, the word
    "Tema" nowhere; the labels letter-spaced, as pdfminer writes them."""
    column = "2\n\nSelvstændighed og relationer\n3b\nMålgruppe, metoder og resultater – Inddragelse og\nindflydelse\n"
    page = (f"{column}\nV I   TA LT E   O M\n\nMedarbejderne fortæller om huset.\n\n"
            "D E T T E   P E G E R   P Å ,   AT   . . .\n\nAt skabe ro.\n\n"
            f"L E D E R E   O G   M E D A R B E J D E R E   P E G E R   P Å   . . .\n\n{YELLOW_TEXT}")
    visit = import_dump(tmp_path, _label_first("Tema 1: Uddannelse og beskæftigelse"), "\f" + page)
    assert [section.themes for section in visit.sections] == [["1"], ["2", "3b"]]
    second = visit.sections[1]
    assert (second.talked_about.text, second.points_to.text) == ("Medarbejderne fortæller om huset.", "At skabe ro.")


def test_a_theme_title_printed_apart_from_its_label_is_no_box_text(tmp_path: Path) -> None:
    """pdfminer prints a column's "Tema 3b" and its wrapped title as blocks of their own, after
    the grey box's text."""
    grey = ("Medarbejderne fortæller om huset.\n\nTema 3b\n\nMålgruppe, metoder og\nresultater – Inddragelse og\n"
            "indflydelse\n")
    visit = import_dump(tmp_path, _label_first("Tema 1: Uddannelse og beskæftigelse"),
                        "\fVi talte om\n" + grey + "\nDette peger på, at...\nAt skabe ro.\n"
                        f"Ledere og medarbejdere peger på …\n{YELLOW_TEXT}")
    assert visit.sections[1].themes == ["3b"]
    assert visit.sections[1].talked_about.text == "Medarbejderne fortæller om huset."


def test_tema_7_wrapped_into_running_text_is_no_theme_label(tmp_path: Path) -> None:
    grey = "Medarbejderne fortæller om sundhed, som også er beskrevet under\ntema 7.\nDet fylder meget i hverdagen."
    visit = import_dump(tmp_path, _label_first("Tema 1: Uddannelse og beskæftigelse", grey=grey))
    assert visit.sections[0].themes == ["1"]
    assert "under tema 7." in visit.sections[0].talked_about.text
    spaced = "Et behov for at kvalificere det faglige sprog, jf. feedback i\n\nTema 3a.\n\nEt behov for mere tid."
    visit = import_dump(tmp_path, _label_first("Tema 5: Kompetencer", purple=spaced))  # pdfminer's blank line
    assert visit.sections[0].themes == ["5"]
    assert "Tema 3a." in visit.sections[0].points_to.text


@pytest.mark.parametrize("dash", ["–", "—"])
def test_a_title_wrapped_before_its_dash_is_no_bullet(dash: str) -> None:
    lines = ["Målgruppe, metoder og resultater", f"{dash} Fælles fagligt fundament", "", "Vi ser på:",
             f"{dash} et punkt", f"{dash} et andet punkt"]
    assert restore_lines(lines) == ["Målgruppe, metoder og resultater", f"{dash} Fælles fagligt fundament", "",
                                    "Vi ser på:", "- et punkt", "- et andet punkt"]


def test_a_dashed_item_under_a_topic_heading_is_a_bullet_and_a_dingbat_arrow_the_arrow(tmp_path: Path) -> None:
    """Only a theme title wraps before its dash; a topic heading followed by "– …" opens a list.
    "➔" is an extractor's name for a symbol font's arrow, read as the arrow the PDF reader gives."""
    yellow = "Fagligt sprog\n– I den fælles dialog tales om en opgradering.\n– Historie ➔ Fremtid."
    visit = import_dump(tmp_path, _label_first("Tema 3a: Målgruppe, metoder og resultater\n– Fælles fagligt fundament",
                                               yellow=yellow))
    assert visit.sections[0].themes == ["3a"]
    assert visit.sections[0].suggestions.text == ("Fagligt sprog\n\n- I den fælles dialog tales om en opgradering."
                                                  "\n\n- Historie → Fremtid.")


def test_a_word_broken_at_a_soft_hyphen_is_joined_without_one(tmp_path: Path) -> None:
    """A browser breaks "prio­riteres" at its soft hyphen and draws U+2010 there; pdftotext keeps
    the soft hyphen inside words it did not break. Neither is a character of the text."""
    grey = "Medarbejderne fortæller, hvordan der prio\u2010\nriteres, og om Bru\u00adgerne i huset."
    visit = import_dump(tmp_path, _label_first("Tema 1: Uddannelse og beskæftigelse", grey=grey))
    assert "hvordan der prioriteres, og om Brugerne i huset." in visit.sections[0].talked_about.text


def test_a_broken_word_with_a_space_before_its_hyphen_is_joined(tmp_path: Path) -> None:
    """pdfminer keeps a justified line's stretched gap before the hyphen a browser drew where it
    broke a word ("kommu ‐"); a dash between words stays as it is."""
    grey = ("Flere beboere kommu \u2010\nnikerer uden ord, og nogle bruger tegn \u2013\nog piktogrammer i "
            "aften- og\nnattevagten.")
    visit = import_dump(tmp_path, _label_first("Tema 1: Uddannelse og beskæftigelse", grey=grey))
    assert ("Flere beboere kommunikerer uden ord, og nogle bruger tegn \u2013 og piktogrammer i aften- og "
            "nattevagten.") in visit.sections[0].talked_about.text


def test_a_run_of_lone_bullets_marks_as_many_items() -> None:
    lines = ["\uf0b7", "\uf0b7", "\uf0b7", "", "Første punkt", "Andet punkt, som er så langt at det", "brydes om",
             "Tredje punkt", "Et afsnit efter listen", "", "Næste afsnit"]
    assert restore_lines(lines) == ["", "", "", "", "- Første punkt", "- Andet punkt, som er så langt at det",
                                    "brydes om", "- Tredje punkt", "Et afsnit efter listen", "", "Næste afsnit"]


def test_a_box_broken_over_a_page_gets_its_rest_back_from_the_next_page_top() -> None:
    """In a layout dump the rest of a box broken over a page stands at the next page's top, at
    its column's indent and without a label: it goes back to that column, up to the next theme."""
    page = [f"{'Vi talte om':<30}Dette peger på at…", f"{'Brugerne fortæller om':<30}At skabe ro i huset.",
            f"{'hverdagen, og det er':<30}At tale om maden.", "", f"{'':<60}Side 4 af 9"]
    following = ["", "hvad de savner om aftenen.", "", "Tema 2: Selvstændighed og relationer",
                 f"{'Vi talte om':<30}Dette peger på at…"]
    before, after = carry_over(page, following)
    assert after == following[3:]
    assert [line.strip() for line in unweave_page(before) if line.strip()][:4] == [
        "Vi talte om", "Brugerne fortæller om", "hverdagen, og det er", "hvad de savner om aftenen."]
    ended = [*page[:2], f"{'hverdagen.':<30}At tale om maden."]
    assert carry_over(ended, following) == (ended, following)  # a box that ended its sentence ended there


def test_the_rest_of_boxes_side_by_side_goes_back_to_their_columns_wherever_the_next_page_prints_them() -> None:
    """A layout dump places each page from that page's own extent: the rests of the grey box
    (left) and the yellow box (right, under the purple) can stand columns away from where their
    boxes began. As many columns as the page before had are its columns, in their order."""
    page = [f"  {'Vi talte om':<40}Dette peger på at…", f"  {'Brugerne fortæller om hverdagen':<40}At skabe ro.",
            f"  {'':<40}Ledere og medarbejdere peger på…", f"  {'og om, hvordan de har det, og':<40}• Faste måltider.",
            f"  {'om hvad de savner, når de':<40}• Kortere"]
    following = [f"{'holder fri om aftenen.':<28}  åbningstider.", f"{'':<28}• Flere på arbejde.", "",
                 "Tema 2: Selvstændighed og relationer"]
    before, after = carry_over(page, following)
    assert after == following[3:]
    read = [line.strip() for line in unweave_page(before) if line.strip()]
    assert read[read.index("om hvad de savner, når de") + 1] == "holder fri om aftenen."
    assert read[-3:] == ["• Kortere", "åbningstider.", "• Flere på arbejde."]


def test_a_heading_centred_over_its_box_and_a_footer_across_the_columns_stay_whole() -> None:
    """Each box's heading centred over its text stands at places the other pages share, yet
    inside its column: the text below runs across it. A footer whose pieces stand under two
    columns is one line, not a piece of each box."""
    grey = ["Under besøget taler vi om dilemmaer, der er i at", "samarbejde med elever, der over tid taber funktion."]
    purple = ["Vi (auditorerne) bliver optagede af elevernes", "særlige vilkår og hvad de betyder for praksis."]
    page = [f"   {'Vi talte om':<68}{'Dette peger på at…':<70}Ledere og medarbejdere peger på…", "",
            f"{'':<19}{'Tab af funktion':<63}{'Tab af funktion':<58}• Et fast punkt",
            *(f" {left:<70}{right}" for left, right in zip(grey, purple)), "", "",
            f"{'Testhuset · Skriftlig feedback':<150}Side 6"]
    document = Counter({71: 30, 82: 6, 141: 30})
    read = [line.strip() for line in unweave_page(page, document, lambda line: "Skriftlig feedback" in line) if line.strip()]
    assert read[read.index("Dette peger på at…"):][:4] == ["Dette peger på at…", "Tab af funktion", *purple]
    assert read[-1].split() == ["Testhuset", "·", "Skriftlig", "feedback", "Side", "6"]


def test_labels_run_in_before_their_text_open_their_boxes(tmp_path: Path) -> None:
    """A form's field names set on the line of their value, or a bold label at the start of a
    paragraph: "Vi talte om: …", wrapped in a narrow column or not, or with its ellipsis wrapped
    onto the text's line."""
    page = ("Tema 1: Uddannelse og beskæftigelse\nVI TALTE OM: Medarbejderne fortæller om hverdagen i\n"
            "huset og om aktiviteterne.\n\nDETTE PEGER PÅ AT\n... der er behov for at beskrive\n"
            "aktiviteterne.\n\nLedere og medarbejdere\npeger på: Se tema 4")
    talked, points, suggestions = _boxes(import_dump(tmp_path, page), 0)
    assert talked == "Medarbejderne fortæller om hverdagen i huset og om aktiviteterne."
    assert points == "der er behov for at beskrive aktiviteterne."
    assert suggestions == "Se tema 4"


def test_the_themes_purpose_printed_above_the_boxes_is_no_box_text(tmp_path: Path) -> None:
    """A template that prints the theme's "Formål" under its title, above the boxes: the model's
    text, wrapped as the page wraps it, is page furniture, not the first box's."""
    purpose = ("Formål: I Socialforvaltningen arbejder vi for, at borgerne kan leve et så værdigt og\n"
               "selvstændigt liv som muligt på egne præmisser. Arbejdet med uddannelse, beskæftigelse,\n"
               "aktiviteter og samvær skal bidrage til, at alle borgere har en meningsfuld hverdag, som\n"
               "hjælper dem til at opretholde eller udvikle deres kompetencer. Samtidig skal deltagelse i\n"
               "uddannelse, beskæftigelse eller aktiviteter give borgerne mulighed for at danne relationer\n"
               "og indgå i samfundets fællesskaber på en måde, som kan bidrage til inklusion og\nlivskvalitet.\n\n")
    page = "Tema 1: Uddannelse og beskæftigelse\n\n" + purpose + _label_first("")[1:]
    talked, _, _ = _boxes(import_dump(tmp_path, page), 0)
    assert talked.startswith("Relationer") and "Formål" not in talked and "livskvalitet" not in talked
    drawn_after = ("Tema 1: Uddannelse og beskæftigelse\nVi talte om\nRelationer\n" + GREY_TEXT + "\n" + purpose
                   + "Dette peger på, at...\n" + PURPLE_TEXT + "\nLedere og medarbejdere peger på …\n" + YELLOW_TEXT)
    talked, _, _ = _boxes(import_dump(tmp_path, drawn_after), 0)  # drawn after the grey box: read after its text
    assert talked.endswith("det seneste år.") and "Formål" not in talked


def test_a_theme_flowing_over_a_page_break_keeps_its_later_boxes(tmp_path: Path) -> None:
    """A document flowing without a page per theme: the yellow box's label falls on the next
    page, under no theme of its own, and is still this theme's; the next theme, after it on the
    same page, is its own."""
    first = ("Tema 1: Uddannelse og beskæftigelse\nVi talte om\nRelationer\nMedarbejderne fortæller om "
             "hverdagen.\nDette peger på, at...\nAt beskrive aktiviteterne.")
    second = (f"Ledere og medarbejdere peger på …\n{YELLOW_TEXT}\n\n"
              "Tema 2: Selvstændighed og relationer\nVi talte om\nBrugerne fortæller om ture.\n"
              "Dette peger på, at...\nAt skabe ro.\nLedere og medarbejdere peger på …\nAt holde møder.")
    visit = import_dump(tmp_path, first, second)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    assert visit.sections[0].suggestions.text == YELLOW_TEXT
    assert visit.sections[1].suggestions.text == "At holde møder."


def test_a_run_of_list_numbers_printed_apart_numbers_as_many_items() -> None:
    """Items set at a tab stop after their numbers come out as a column of numbers, then the items;
    one number alone is the end of a wrapped line, not a marker."""
    lines = ["herunder:", "1.", "2.", "", "Hvordan brugerne inddrages.", "Hvordan der følges op på", "målene.",
             "", "Et afsnit (se side", "8)"]
    assert restore_lines(lines) == ["herunder:", "", "", "", "1. Hvordan brugerne inddrages.",
                                    "2. Hvordan der følges op på", "målene.", "", "Et afsnit (se side", "8)"]


def test_lone_bullets_printed_after_their_items_mark_no_label_or_next_page(tmp_path: Path) -> None:
    """pdfminer prints a list's markers as text boxes of their own after the column: they meet the
    next label, or the next page's theme label, before any item, and are left out."""
    grey = "Visuel tilgang\nMedarbejderne fortæller, at overblikket fungerer godt.\n\n\uf0b7\n\n\uf0b7\n"
    yellow = "At det er vigtigt at signalere, at her hjælpes vi ad.\n\n\uf0b7\n\n\uf0b7\n"
    text = _label_first("Tema 1: Uddannelse og beskæftigelse", grey=grey, yellow=yellow)
    text += "\f" + _label_first("Tema 2: Selvstændighed og relationer")
    visit = import_dump(tmp_path, text)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    first = visit.sections[0]
    assert "Visuel tilgang" in first.talked_about.text
    assert first.points_to.text and "Dette peger" not in first.talked_about.text
    assert "- " not in first.suggestions.text + visit.sections[1].talked_about.text


def test_lone_bullets_after_their_items_mark_them_back() -> None:
    """A run of markers that meets a label before any item marks the paragraphs it followed —
    and none when it outnumbers them (it cannot say which)."""
    label = "Ledere og medarbejdere peger på…".__eq__
    lines = ["Løbende efteruddannelse", "", "Flere kurser", "", "\uf0b7", "", "\uf0b7", "Ledere og medarbejdere peger på…"]
    assert restore_lines(lines, label) == ["- Løbende efteruddannelse", "", "- Flere kurser", "", "", "", "",
                                           "Ledere og medarbejdere peger på…"]
    too_many = ["Et punkt", "", "\uf0b7", "", "\uf0b7", "Ledere og medarbejdere peger på…"]
    assert restore_lines(too_many, label)[0] == "Et punkt"


def test_a_pages_numbers_and_bullets_printed_after_it_mark_their_lists_past_labels() -> None:
    """WeasyPrint's list markers come out after the whole page in ``pdftotext -raw``: the
    numbers of the purple box's list, then the yellow box's bullets. Numbers mark the points
    after the page's lead-in; bullets the paragraphs since the last label. A raw dump has no
    blank lines: a paragraph starts after a sentence's end or a short line."""
    from kvalitet_core.recognise.anatomy import labels_in

    lines = ["Dette peger på at…", "Der er behov for, at I beskriver tilgangen, herunder:",
             "Hvordan brugerne inddrages i at sætte egne mål", "Hvordan medarbejderne følger op på målene i",
             "hverdagen, og hvordan det dokumenteres, så viden ikke går tabt ved vagtskifte", "Ledere og medarbejdere peger på…",
             "At bruge temadagen i efteråret til at formulere tre fælles pejlemærker for det faglige arbejde og",
             "følge op på dem", "At holde et kort morgenmøde", "1.", "2.", "–", "–", "Tema 3a (fortsat)"]
    restored = restore_lines(lines, lambda line: bool(labels_in(line)), breaks={13})
    assert [line for line in restored if line] == [
        "Dette peger på at…", lines[1], "1. Hvordan brugerne inddrages i at sætte egne mål",
        "2. Hvordan medarbejderne følger op på målene i", lines[4], "Ledere og medarbejdere peger på…",
        "- " + lines[6], "følge op på dem", "- At holde et kort morgenmøde", "Tema 3a (fortsat)"]


def test_a_value_after_a_sentence_of_the_method_text_is_the_side_box_s(tmp_path: Path) -> None:
    """pdftotext's default order interleaves the side box with the method text beside it: a
    field's value can follow a line that ends a sentence of the template's text. It ends no
    sentence of the template's, so it stays a value; a heading of the template's there is its."""
    path = tmp_path / "dump.txt"
    for value, count in (("7", 7), ("5, alle på deltid", 5)):
        front = FRONT.replace("Antal ansatte i alt på tilbuddet\n12\n", "Antal ansatte i alt på tilbuddet\n"
                              f"bidrage til det videre arbejde med kvalitetsudvikling i tilbuddet.\n{value}\n")
        front = front.replace("Bo Berg\n", "Bo Berg\nblå kort, som besøgsteamet lavede på dagen.\nKonklusion\n"
                              "På næstsidste side fremgår konsulenternes samlede\n")  # a heading goes on the text
        path.write_text(front + f"\f{_label_first('Tema 1: Uddannelse og beskæftigelse')}\n" + BACK, encoding="utf-8")
        (visit,) = read_visits(get_host(), path)
        assert visit.employees_total == count
        assert visit.auditors == ["Anne Andersen", "Bo Berg"]


def test_a_form_feed_inside_a_line_opens_the_next_page(tmp_path: Path) -> None:
    """pdfminer may print a page's last text with no line break after it: the form feed and the
    next page's first line follow on the same line, and the page still ends there."""
    first = _label_first("Tema 1: Uddannelse og beskæftigelse", yellow="At holde et fast brugermøde.")
    second = _label_first("Tema 2: Selvstændighed og relationer")
    path = tmp_path / "dump.txt"
    path.write_text(f"{FRONT}\f{first}\f{second}\n{BACK}", encoding="utf-8")
    (visit,) = read_visits(get_host(), path)
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    assert visit.sections[0].suggestions.text == "At holde et fast brugermøde."


def test_a_theme_named_in_a_turned_strip_is_the_page_s_wherever_the_dump_prints_it(tmp_path: Path) -> None:
    """A theme's name set turned in a strip beside the boxes comes out where the strip's middle
    stands: between the purple and the yellow label, or after all labels ("Tema 1 –
    fortsættelse" on a short page). It names the page it is on."""
    def page(theme: str, after_purple: bool, grey: str) -> str:
        strip = f"\n{theme}\n\n"
        return (f"Vi talte om:\n{grey}\n\nDette peger på at:\n{PURPLE_TEXT}\n{strip if after_purple else ''}"
                f"Ledere og medarbejdere peger på:\n{YELLOW_TEXT}\n{'' if after_purple else strip}")
    visit = import_dump(tmp_path, page("TEMA 1: UDDANNELSE OG BESKÆFTIGELSE", True, GREY_TEXT),
                        page("Tema 1 – fortsættelse", False, "Relationer\nBrugerne fortæller om huset."),
                        page("TEMA 2: SELVSTÆNDIGHED OG RELATIONER", True, "Mad\nBrugerne fortæller om maden."))
    assert [section.themes for section in visit.sections] == [["1"], ["1"], ["2"]]
    assert [_boxes(visit, index)[2] for index in range(3)] == [YELLOW_TEXT] * 3
    assert visit.sections[2].talked_about.text.endswith("Brugerne fortæller om maden.")


def test_a_theme_turned_in_a_strip_and_printed_a_word_a_line_is_one_theme_line(tmp_path: Path) -> None:
    """``pdftotext -raw`` prints a theme's name turned upright one word a line, a continuation
    mark too ("Tema" / "1" / "–" / "fortsættelse"); a "Tema" alone inside running text stays."""
    def page(theme: str, grey: str) -> str:
        return ("\n".join(theme.split()) + f"\nLedere og medarbejdere peger på:\n{YELLOW_TEXT}\n"
                f"Dette peger på, at...\n{PURPLE_TEXT}\nVi talte om:\n{grey}")
    visit = import_dump(tmp_path, page("TEMA 1: UDDANNELSE OG BESKÆFTIGELSE", GREY_TEXT),
                        page("Tema 1 – fortsættelse", "Huset\nBrugerne fortæller om\nTema\nhuset."),
                        page("TEMA 2: SELVSTÆNDIGHED OG RELATIONER", "Mad\nBrugerne fortæller om maden."))
    assert [section.themes for section in visit.sections] == [["1"], ["1"], ["2"]]
    assert [_boxes(visit, index)[2] for index in range(3)] == [YELLOW_TEXT] * 3
    assert " ".join(visit.sections[1].talked_about.text.split()).endswith("Brugerne fortæller om Tema huset.")


def test_a_new_theme_after_another_theme_s_boxes_keeps_its_place(tmp_path: Path) -> None:
    """In a flowing document a theme begins below the last box of the one before, with its own
    labels after it: the pages are read as printed."""
    grey_and_purple = f"Vi talte om\n{GREY_TEXT}\nDette peger på, at...\n{PURPLE_TEXT}"
    visit = import_dump(tmp_path, f"Tema 1: Uddannelse og beskæftigelse\n{grey_and_purple}",
                        f"Ledere og medarbejdere peger på …\nNoget at stå op til.\n\n"
                        f"Tema 2: Selvstændighed og relationer\n\n{grey_and_purple}",
                        f"Ledere og medarbejdere peger på …\n{YELLOW_TEXT}")
    assert [section.themes for section in visit.sections] == [["1"], ["2"]]
    assert [_boxes(visit, index)[2] for index in range(2)] == ["Noget at stå op til.", YELLOW_TEXT]


def test_a_dump_beyond_the_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(21 * 10**6)
    with pytest.raises(InputError) as refused:
        read_visits(get_host(), huge)
    assert refused.value.message == "refused: 21 MB of text is far more than a report (limit 20 MB)"


def _wild_text_rows() -> list[dict[str, str]]:
    manifest = ROOT / "fixtures" / "wild" / "manifest.yaml"
    if not manifest.exists():
        return []
    rows = yaml.safe_load(manifest.read_text(encoding="utf-8"))["files"]
    return [row for row in rows if row["format"] == "text" and (ROOT / row["path"]).exists()]


READ_WHOLE = ("pdftotext-layout", "pdftotext-raw")
"""Extractors whose dumps keep each box's text together (after column unweaving), so every row
of theirs must pass — except where a producer drew list markers as shapes, which leaves no
marker in any dump (Chromium)."""


@pytest.mark.parametrize("row", [row for row in _wild_text_rows() if row["producer"] in READ_WHOLE
                                 and "chromium" not in row["path"]], ids=lambda row: row["path"])
def test_wild_dumps_pass_the_wild_criterion(row: dict[str, str]) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from fixture_builder.criterion import judge

    from kvalitet_core.native import load_yaml

    reference = load_yaml((ROOT / row["reference"]).read_text(encoding="utf-8"), row["reference"])[0]
    (visit,) = read_visits(get_host(), ROOT / row["path"])
    verdict = judge(visit, reference)
    assert verdict.passed, verdict.line()


def test_list_items_drawn_as_shapes_keep_their_hanging_indent_in_a_layout_dump() -> None:
    lines = [" Fagligt sprog", "    I den fælles dialog tales om et ønske om et kursus", "    i low arousal.",
             "    Det er vigtigt at være sammen.", " Et afsnit efter listen."]
    assert hanging_items(lines) == [" Fagligt sprog", "    - I den fælles dialog tales om et ønske om et kursus",
                                    "    i low arousal.", "    - Det er vigtigt at være sammen.",
                                    " Et afsnit efter listen."]


def test_labels_printed_under_their_boxes_share_out_the_text_above_them(tmp_path: Path) -> None:
    """A label bar under the boxes: the boxes' text first, then all three labels on one line
    that wraps onto the next."""
    page = ("Tema 1\nUddannelse og beskæftigelse\n"
            f"{GREY_TEXT}\nBesøget gav ikke anledning til særlig feedback på dette tema.\n"
            "VI TALTE OM: Dette peger på, at… LEDERE OG MEDARBEJDERE\nPEGER PÅ...")
    visit = import_dump(tmp_path, page)
    assert visit.sections[0].themes == ["1"]
    talked, points, _ = _boxes(visit, 0)
    assert talked == " ".join(GREY_TEXT.split())
    assert points == "Besøget gav ikke anledning til særlig feedback på dette tema."


def test_a_stock_sentence_read_across_gives_the_rest_back_to_the_box_before(tmp_path: Path) -> None:
    page = ("Tema 1: Uddannelse og beskæftigelse\nVI TALTE OM\nDen første grå tekst, som står øverst i boksen.\n\n"
            f"DETTE PEGER PÅ, AT...\nBesøget gav ikke anledning til særlig feedback på dette tema.\n\n"
            f"{GREY_TEXT}\n\nLEDERE OG MEDARBEJDERE PEGER PÅ:\n{YELLOW_TEXT}")
    talked, points, suggestions = _boxes(import_dump(tmp_path, page), 0)
    assert talked.endswith(" ".join(GREY_TEXT.split())) and talked.startswith("Den første grå tekst")
    assert points == "Besøget gav ikke anledning til særlig feedback på dette tema."
    assert suggestions == YELLOW_TEXT


def test_a_page_mark_beside_a_label_and_a_label_wrapped_in_a_narrow_box(tmp_path: Path) -> None:
    first = _label_first("Tema 1: Uddannelse og beskæftigelse")
    continued = (f"fortsat fra side 4 VI TALTE OM\n{GREY_TEXT}\nDette peger på, at...\n{PURPLE_TEXT}\n"
                 f"Ledere og medarbejdere peger\npå…\n{YELLOW_TEXT}")
    visit = import_dump(tmp_path, first, continued)
    assert [s.themes for s in visit.sections] == [["1"], ["1"]] and visit.sections[1].continued
    assert _boxes(visit, 1) == (" ".join(GREY_TEXT.split()), PURPLE_TEXT, YELLOW_TEXT)


def test_labels_printed_after_their_boxes_head_the_box_before_them(tmp_path: Path) -> None:
    """A template whose labels are drawn after their boxes (a pill over the box's edge), dumped
    in the order the page was drawn: each label follows its box's text. Seen on most pages —
    text before the first label, nothing after the last — the whole dump is read so; a
    continued theme's column label over the first box is the page's, its "fortsat" mark the box's."""
    def page(theme: str, grey: str) -> str:
        return (f"{theme}\n{grey}\nVi talte om\n{PURPLE_TEXT}\nDette peger på, at...\n{YELLOW_TEXT}\n"
                "Ledere og medarbejdere peger på …")

    visit = import_dump(tmp_path, page("Tema 1: Uddannelse og beskæftigelse", GREY_TEXT),
                        page("Tema 2: Selvstændighed og relationer", GREY_TEXT),
                        page("Tema 2 (fortsat)", f"Tema 2 fortsat fra side 5.\n{GREY_TEXT}"))
    assert [section.themes for section in visit.sections] == [["1"], ["2"], ["2"]]
    assert visit.sections[2].continued
    for index, section in enumerate(visit.sections):
        talked, points, suggestions = _boxes(visit, index)
        assert talked.split()[-3:] == GREY_TEXT.split()[-3:] and "Tema 2 (fortsat)" not in talked
        assert (points, suggestions) == (PURPLE_TEXT, YELLOW_TEXT)
    assert visit.sections[2].talked_about.text.startswith("Tema 2 fortsat fra side 5.")
    assert sorted(warning.page for warning in visit.provenance.warnings
                  if "labels printed after their boxes" in warning.message) == [4, 5, 6]


def test_a_running_header_in_pieces_makes_no_columns_of_a_layout_dump() -> None:
    """A header printed on every page in pieces far apart ("K Ø B E N H AV N S   KO M M U N E   …")
    stands where the template puts it, not where a page's columns start: the method text and
    the particulars beside it are still written one after the other."""
    from kvalitet_core.recognise.text_dump import dump_blocks

    header = "K Ø B E N H AV N S          KO M M U N E                          Testhuset · Skriftlig feedback"
    left = ["Metode og læsevejledning", "", "Socialforvaltningens Kvalitetsmodel 3.0 danner rammen for besøget.",
            "Udgangspunktet er en forventning om, at tilbuddet lever op til", "",
            "Kvalitetsmodellen. Besøget sætter fokus på, hvad medarbejdere,", "",
            "ledere og eventuelt borgere er optaget af, og hvor de møder", ""]
    right = ["Oplysninger om besøget", "Konsulenter", "", "Anne Andersen", "Bo Berg", "",
             "Antal ansatte i alt på tilbuddet", "12", ""]
    page = [header, "", *(f"{a:<68}{b}" if b else a for a, b in zip(left, right))]
    other = [header, "", "Tema 1: Uddannelse og beskæftigelse", "Vi talte om", "Lederen fortæller om huset."]
    text = "\n".join(["Skriftlig feedback", *(f"\f{line}" if not n else line
                                               for lines in (page, other, other, other)
                                               for n, line in enumerate(lines))])
    lines = [block.text.strip() for block in dump_blocks(text) if block.page == 2 and block.text.strip()]
    konsulenter = lines.index("Konsulenter")
    assert lines[konsulenter:konsulenter + 4] == ["Konsulenter", "Anne Andersen", "Bo Berg",
                                                  "Antal ansatte i alt på tilbuddet"]


def test_a_hyphen_dropped_at_a_line_end_comes_back_where_the_dump_prints_the_word_whole() -> None:
    """pdftotext joins a word broken at a line's end and drops its hyphen, a real one too:
    "meta-" / "niveau" becomes "metaniveau". The dump's own spelling elsewhere gives it back;
    a word the dump never hyphenates stays as it is."""
    from kvalitet_core.recognise.text_dump import hyphens_restored

    text = "sparring på meta-niveau med henblik\nSe tema 3a ift. sparring på Metaniveau og et behov"
    assert hyphens_restored(text) == ("sparring på meta-niveau med henblik\n"
                                      "Se tema 3a ift. sparring på Meta-niveau og et behov")
    assert hyphens_restored("en god metode") == "en god metode"


def test_a_suspended_compound_gets_its_hyphen_back_before_og() -> None:
    """"aften-" / "og nattevagter" joined at the line's end is "aftenog nattevagter": no Danish
    word ends so, while words that end in "og" after other letters stay."""
    from kvalitet_core.recognise.text_dump import hyphens_restored

    assert hyphens_restored("også aftenog nattevagter, får") == "også aften- og nattevagter, får"
    assert hyphens_restored("fra Børneog\nUngdomsforvaltningen") == "fra Børne- og\nUngdomsforvaltningen"
    assert hyphens_restored("en dialog og et katalog og en logbog og en bog og sprog") == (
        "en dialog og et katalog og en logbog og en bog og sprog")
    assert hyphens_restored("de deltog og foreslog i dag") == "de deltog og foreslog i dag"


def test_a_sentence_broken_over_a_page_goes_back_to_the_box_that_broke_it_off(tmp_path: Path) -> None:
    """The grey column runs over onto a page that holds no label; a dump gives the page to the
    last label's box. Its text opens in lower case, the yellow box ends with a pointer, and only
    the grey box ends mid-sentence: the text is the grey box's rest."""
    page = (f"Tema 1: Uddannelse og beskæftigelse\nVi talte om\n\nDette peger på, at...\n\n"
            "Medarbejderne fortæller om hverdagen i huset og om de mange aktiviteter, som\n"
            "brugerne selv har sat i gang i løbet af året. Senest er der igangsat et\n\n"
            f"{PURPLE_TEXT}\n\nLedere og medarbejdere peger på …\nSe tema 4")
    rest = "forløb med det lokale bibliotek om en læseklub.\n"
    visit = import_dump(tmp_path, page, rest, _label_first("Tema 2: Selvstændighed og relationer"))
    talked, points, suggestions = _boxes(visit, 0)
    assert talked.endswith("Senest er der igangsat et forløb med det lokale bibliotek om en læseklub.")
    assert (points, suggestions) == (PURPLE_TEXT, "Se tema 4")
    assert any("carries on the sentence" in warning.message for warning in visit.provenance.warnings)


def test_a_sentence_broken_over_a_page_goes_back_past_a_list_whose_items_end_without_stops(tmp_path: Path) -> None:
    """The yellow box ends in a list whose items end without a full stop now and then: its last
    item is finished as it is, so the lower-case rest at the next page's top is the grey box's."""
    page = (f"Tema 1: Uddannelse og beskæftigelse\nVi talte om\n\nDette peger på, at...\n\n"
            "Medarbejderne fortæller om hverdagen i huset og om de mange aktiviteter, som\n"
            "brugerne selv har sat i gang i løbet af året. Senest er der igangsat et\n\n"
            f"{PURPLE_TEXT}\n\nLedere og medarbejdere peger på …\n• Faste mad tider\n"
            "• Kortere åbningstider. Flere på arbejde af gangen.\n• Snævrere fokus")
    rest = "forløb med det lokale bibliotek om en læseklub.\n\n• Frivillige til cafépasning.\n"
    visit = import_dump(tmp_path, page, rest, _label_first("Tema 2: Selvstændighed og relationer"))
    talked, _, suggestions = _boxes(visit, 0)
    assert talked.endswith("Senest er der igangsat et forløb med det lokale bibliotek om en læseklub.")
    assert suggestions.endswith("- Snævrere fokus\n\n- Frivillige til cafépasning.")


def test_a_row_of_headings_under_the_labels_row_opens_each_box_with_its_own(tmp_path: Path) -> None:
    """Boxes side by side, each with a heading or a paragraph at its top, read row by row: the
    labels' row, the row of their first blocks, then the grey box's text. Each box opens with
    its own — but a point of advice is no grey heading, and nothing is shared out when the text
    after the row is not in the first box's voice."""
    page = ("Tema 1: Uddannelse og beskæftigelse\n\nVi talte om\n\nDette peger på at…\n\n"
            "Opmærksomhed på dilemmaer og behov for\nfordybelse\n\nFaglig sparring på meta-niveau\n\n"
            "Medarbejdere og leder fortæller, hvordan de har arbejdet grundigt og struktureret med\n"
            "modellen, og at der er et stort behov for tid og rum til at fordybe sig.\n\n"
            "At arbejde med, hvordan der kan skabes rum til, at få udviklet det fælles\n"
            "faglige fundament.\n\nLedere og medarbejdere peger på …\n" + YELLOW_TEXT)
    talked, points, _ = _boxes(import_dump(tmp_path, page), 0)
    assert " ".join(talked.split()).startswith("Opmærksomhed på dilemmaer og behov for fordybelse Medarbejdere og leder")
    assert points.startswith("Faglig sparring på meta-niveau\n\nAt arbejde med")
    paragraph_beside = (
        "Tema 4: Organisation og ledelse\nVi talte om\n\nDette peger på at…\n\nLedelse tæt på praksis\n\n"
        "At tydeliggøre, hvordan beslutninger træffes og formidles, så alle\n"
        "medarbejdere, også aften- og nattevagter, får samme information.\n\n"
        "Afdelingslederen har kontor i afdelingen og deltager jævnligt i\nhverdagen. Medarbejderne sætter pris på, at "
        "lederen er synlig og\ntilgængelig. Samtidig fortæller flere, at de oplever, at beslutninger ofte\n"
        "bliver truffet i en travl hverdag og ikke altid bliver meldt ud til alle.\nVagtplan og kontinuitet\n"
        "Vagtplanen lægges for fire uger ad gangen. Medarbejderne fortæller,\nat mange vagtbytter gør det svært for "
        "beboerne at vide, hvem der\nkommer.\n\nLedere og medarbejdere peger på …\n" + YELLOW_TEXT)
    talked, points, _ = _boxes(import_dump(tmp_path, paragraph_beside), 0)
    assert talked.startswith("Ledelse tæt på praksis\n\nAfdelingslederen")
    assert points.startswith("At tydeliggøre")
    purple_first = ("Tema 1: Uddannelse og beskæftigelse\n\nVi talte om\n\nDette peger på at…\n\n"
                    "Ledere og medarbejdere peger på …\n\nFaglig sparring på meta-niveau\n\n"
                    "At arbejde med, hvordan der kan skabes rum til, at få\nudviklet det fælles faglige fundament\n\n"
                    "Tid-prioritering\n\nAt afdække, hvordan der kan prioriteres i hverdagen, så der bliver mere plads\n"
                    "til faglig udvikling og faglige valg.\n\n" + GREY_TEXT)
    assert _boxes(import_dump(tmp_path, purple_first), 0)[0] == GREY_TEXT.replace("\n", " ")


def test_a_title_that_ends_in_a_full_stop_opens_the_row_of_three_boxes(tmp_path: Path) -> None:
    """Three boxes side by side (a table's cells, labels as its header row), read row by row:
    the labels, then each box's top (a title set with a full stop, "Noget at stå op til.", a
    purple paragraph, a yellow pointer), then the grey column, then the rest of the purple one.
    The title is the grey box's heading, so the purple box gets its rest back."""
    page = ("Tema 1: Uddannelse og beskæftigelse\nVi talte om:\n\nDette peger på at:\n\n"
            "Ledere og medarbejdere peger på:\n\nNoget at stå op til.\n\n"
            "At tage stilling til, hvilken kultur man ønsker, der hersker i huset\nfremadrettet.\n\n"
            "Se tema 4\n\n"
            "Brugerne fortæller, at det at komme i huset i høj grad er med til at give\n"
            "dem en meningsfuld hverdag. Medarbejderne er optagede af at brugerne\n"
            "overvejende er ældre, og lederen beskriver, hvordan aktiviteterne spænder bredt.\n\n"
            "Der er behov for at arbejde med at skabe en højere grad af struktur ift.\n"
            "opgaver og tiltag i huset (se under tema 4).")
    talked, points, suggestions = _boxes(import_dump(tmp_path, page), 0)
    assert talked.startswith("Noget at stå op til.\n\nBrugerne fortæller")
    assert points.startswith("At tage stilling til") and points.endswith("(se under tema 4).")
    assert suggestions == "Se tema 4"


def test_the_purple_column_s_rest_read_after_the_yellow_box_under_the_grey_one_goes_back(tmp_path: Path) -> None:
    """A grid: grey and purple side by side, the yellow box under the grey one, the purple box
    running down beside both. pdftotext reads the labels' row, the boxes' tops, the grey column,
    the yellow box (its label and text one block) and then, after a blank line, the purple
    column's rest: that is the purple box's. A yellow heading, lead-in or list item before the
    blank line keeps what follows, as does a theme strip's line after it or text that reports
    what was said (a tall grey box)."""
    def page(yellow: str, rest: str) -> str:
        return ("Tema 1: Uddannelse og beskæftigelse\nVi talte om\n\nDette peger på, at...\n\n"
                "Selvstændighed\n\nSelvstændighed\n\n"
                "Både ledere og medarbejdere taler om samarbejdet med eleverne som en\n"
                "dannelsesproces, hvor samarbejdet med elevernes nærmeste prioriteres.\n\n"
                "Feedback af relevans for disse temaer indgår under Tema 3a side 5.\n\n"
                "Leder og medarbejdere fortæller, at arbejdet med at understøtte elevernes\n"
                "selvstændighed tager udgangspunkt i elevernes kognitive niveau og dagsform. De\n"
                "fortæller, at dagsformen kan svinge meget i løbet af en dag.\n\n"
                f"Ledere og medarbejdere peger på …\n{yellow}\n\n{rest}")
    rest = ("Medbestemmelse\nEn mulighed kan bestå i, at de forskellige afdelinger i huset udveksler\n"
            "viden og erfaringer i arbejdet med at understøtte elevernes medbestemmelse.")
    stock = "Der var under besøget ikke konkrete forslag fra ledere og medarbejdere\ndirekte relateret til temaet."
    _, points, suggestions = _boxes(import_dump(tmp_path, page(stock, rest)), 0)
    assert points.startswith("Selvstændighed") and points.endswith("elevernes medbestemmelse.")
    assert "Medbestemmelse" in points and suggestions == " ".join(stock.split())
    for yellow in ("Fælles platform", "At der skal arbejdes med:"):
        _, points, suggestions = _boxes(import_dump(tmp_path, page(yellow, rest)), 0)
        assert "Medbestemmelse" not in points and suggestions.endswith("elevernes medbestemmelse.")
    strip = _boxes(import_dump(tmp_path, page(stock, f"Organisation og ledelse\n\n{rest}")), 0)
    assert "Medbestemmelse" not in strip[1]  # a theme strip's title, printed where the strip's middle stands
    reports = "Medarbejderne fortæller, at de oplever travlhed, og lederen beskriver, hvordan\nder arbejdes med det."
    assert "travlhed" not in _boxes(import_dump(tmp_path, page(stock, reports)), 0)[1]


def test_a_theme_printed_a_letter_a_line_from_a_turned_strip_names_its_page(tmp_path: Path) -> None:
    """pdfminer prints a theme turned upright in a strip beside the boxes one letter a line,
    last letter first when the strip reads upwards, with blank lines where its layout analysis
    parted the letters. The letters name the page's theme and stay out of the boxes."""
    def strip(theme: str, backwards: bool) -> str:
        letters = [letter for letter in theme if not letter.isspace()]
        letters = letters[::-1] if backwards else letters
        return "\n".join(letter + ("\n" if number % 7 == 6 else "") for number, letter in enumerate(letters))

    pages = [f"Vi talte om:\n{GREY_TEXT}\n\nDette peger på at:\n{PURPLE_TEXT}\n\n"
             f"Ledere og medarbejdere peger på:\n{YELLOW_TEXT}\n\n{strip(theme, backwards)}"
             for theme, backwards in (("Tema 1: Uddannelse og beskæftigelse", True),
                                      ("Tema 4: Organisation og ledelse", False))]
    visit = import_dump(tmp_path, *pages)
    assert [section.themes for section in visit.sections] == [["1"], ["4"]]
    assert all(_boxes(visit, index)[2] == YELLOW_TEXT for index in range(2))


def test_a_number_that_ends_a_sentence_on_a_line_of_its_own_is_no_part_of_the_next_label(tmp_path: Path) -> None:
    """A box's sentence whose last word, a page number in brackets, wrapped onto a line of its
    own right above the next label ("… (se under tema 4, s." / "8)" / "Ledere og medarbejdere
    peger på:"): the number stays the sentence's, and is not taken for the label's own number."""
    page = ("Tema 1: Uddannelse og beskæftigelse\nVi talte om:\n" + GREY_TEXT + "\nDette peger på at:\n"
            "Der er behov for at skabe en højere grad af struktur i huset (se under tema 4, s.\n8)\n"
            "Ledere og medarbejdere peger på:\n" + YELLOW_TEXT)
    _, points, suggestions = _boxes(import_dump(tmp_path, page), 0)
    assert points.endswith("(se under tema 4, s. 8)") and suggestions == YELLOW_TEXT


def test_bullets_printed_after_their_list_never_mark_the_running_header(tmp_path: Path) -> None:
    """WeasyPrint's PDF in drawing order: a list's items, then all its bullets, then the page's
    running header. The bullets meet the header before any item: they mark the items before
    them, never the header, which stays furniture."""
    header = "K Ø B E N H A V N S K O M M U N E Testhuset · Skriftlig feedback"
    themes = ["Tema 1: Uddannelse og beskæftigelse", "Tema 2: Selvstændighed og relationer",
              "Tema 4: Organisation og ledelse"]
    topics = ["maden", "ugen", "husmødet"]

    def page(theme: str, topic: str) -> str:
        bullets = "•\n•\n" if topic == "ugen" else ""  # a list on one page only: its header is the odd one out
        return (f"{theme}\nVi talte om\n{GREY_TEXT.replace('hverdagen', topic)}\nDette peger på, at...\n"
                f"At tale om {topic}.\nLedere og medarbejdere peger på …\nPauser før {topic}.\n"
                f"Faste tider for {topic}.\n{bullets}{header}\nSide 5 af 9")

    visit = import_dump(tmp_path, *map(page, themes, topics))
    for index, topic in enumerate(topics):
        suggestions = _boxes(visit, index)[2]
        marker = "- " if topic == "ugen" else ""
        assert suggestions.split() == f"{marker}Pauser før {topic}. {marker}Faste tider for {topic}.".split()


def test_a_heading_right_under_a_whole_theme_title_is_no_part_of_it(tmp_path: Path) -> None:
    """A theme's title wraps over several lines, so the lines under "Tema 3b: …" are read with
    it as long as they still name the theme; once the title is whole, the next line is the
    box's heading ("Husmøderne"), which stays in the box."""
    page = ("Tema 3b: Målgruppe, metoder og resultater – Inddragelse og indflydelse\nHusmøderne\n"
            f"{GREY_TEXT}\nVi talte om\n\n{PURPLE_TEXT}\nDette peger på, at...\n{YELLOW_TEXT}\n"
            "Ledere og medarbejdere peger på …")
    visit = import_dump(tmp_path, page)
    assert visit.sections[0].themes == ["3b"]
    assert "Husmøderne" in visit.sections[0].talked_about.text
