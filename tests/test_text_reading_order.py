"""Reading order of text dumps whose extractor interleaves boxes side by side (pdftotext's
default order, pdfminer): each cue on a small dump made by hand.

- ligature glyphs (pdfminer's "deﬁnition") are read as their letters, an unnamed glyph
  ("(cid:212)") between words as the arrow these reports print there;
- a running header is furniture wherever a page's block order put it;
- in a run mixing boxes, a block that starts in lower case after a finished sentence is the next
  box's text, carrying on its label ("der er behov for …"), not the end of the paragraph above;
- headings in a row after labels printed together are the boxes' headings read across;
- "Tema 4 fortsat" marks read after the labels' row open one box each;
- when widths do not tell, a paragraph's voice does: the grey box reports what was said, the
  purple and yellow ones advise (:mod:`kvalitet_core.recognise.text_genre`) — whether the run
  is cut once, read block by block across the boxes, or read right-hand box first, and a
  report beyond doubt after a later label is the rest of the grey box;
- a list's hanging indent is no box width;
- another box's block between a list's lead-in and its first point shows the boxes were read
  across, and a paragraph with no blank line before it stays in its block's box; a point's rest
  split off in lower case breaks no list;
- a stock pointer whose line ends in an abbreviation ("ift.") stays whole;
- an advising box keeps its opening paragraph when the grey box's reports are given back;
- two boxes' lines printed in turns, each a block of its own (pdftotext's default order of
  columns at offset baselines), are taken apart into their columns; a one-line title that ends
  in a full stop stays with the text under it;
- justified text read a word or two a line stays one paragraph where a word breaks, a comma or
  lower case goes on; a justified heading read column by column gets its broken word's rest back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_text_dumps import YELLOW_TEXT
from test_text_dumps import import_dump as _import

from kvalitet_core.model import BoxKind, Visit
from kvalitet_core.plugins import get_host
from kvalitet_core.reading import read_visits
from kvalitet_core.recognise.text_genre import advice, evidence_for_second

THEME = "Tema 4: Organisation og ledelse"
YELLOW_LABEL = "Ledere og medarbejdere peger på …"


def _words(text: str) -> list[str]:
    """A box's words in order: paragraphs gathered from among another box's text may run
    together, which changes no word."""
    return text.split()


def _boxes(visit: Visit, index: int = 0) -> tuple[str, str, str]:
    section = visit.sections[index]
    return section.talked_about.text, section.points_to.text, section.suggestions.text


def test_ligature_glyphs_are_read_as_their_letters(tmp_path: Path) -> None:
    page = (f"{THEME}\nVi talte om\nEn deﬁnition af opgaven blev diﬀerentieret.\n"
            f"Dette peger på, at...\nAt ﬂere deltager.\n{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert talked == "En definition af opgaven blev differentieret." and points == "At flere deltager."


def test_a_glyph_the_extractor_could_not_name_is_read_as_an_arrow(tmp_path: Path) -> None:
    page = (f"{THEME}\nVi talte om\nHistorie (cid:212) Fremtid\nLederen fortæller om huset.\n"
            f"Dette peger på, at...\nAt skabe ro.\n{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, _, _ = _boxes(_import(tmp_path, page))
    assert talked.startswith("Historie → Fremtid")


def test_a_running_header_printed_among_the_boxes_is_furniture_there_too(tmp_path: Path) -> None:
    """A header found at the top of most pages is left out where an extractor that orders a
    page by blocks printed it between two boxes' text."""
    pages = [f"Skriftlig feedback · Testhuset\n{THEME}\nVi talte om\nLederen fortæller om huset.\n"
             f"Dette peger på, at...\nAt skabe ro.\n{YELLOW_LABEL}\n{YELLOW_TEXT}" for _ in range(3)]
    pages.append(f"{THEME}\nVi talte om\nLederen fortæller om huset.\nDette peger på, at...\nAt skabe ro.\n\n"
                 f"Skriftlig feedback · Testhuset\n\nAt holde møder.\n{YELLOW_LABEL}\n{YELLOW_TEXT}")
    visit = _import(tmp_path, *pages)
    assert all("Testhuset" not in box.text for section in visit.sections for _, box in section.boxes())
    assert any("Skriftlig feedback · Testhuset" in w.message and "(on 4 pages" in w.message
               for w in visit.provenance.warnings)


def test_interleaved_paragraphs_of_two_widths_and_a_lower_case_opening(tmp_path: Path) -> None:
    """pdftotext's default order of two boxes side by side: the headings' row, then the grey
    box's paragraphs (wide) and the purple box's (narrow) in turns; the purple text carries on
    its label in lower case right after a grey paragraph's full stop."""
    grey_one = ("Medarbejderne beskriver, hvordan de oplever at have stået i uvished i\n"
                "mere end fire år, og at det har præget hverdagen for både dem og brugerne\n"
                "i huset gennem hele perioden.")
    purple_one = ("der er et behov for, at huset bliver tydeligt i\n"
                  "forhold til, hvad de har fælles at stå på, og\n"
                  "hvordan de ser sig selv i fremtiden.")
    grey_two = ("Lederen fortæller, at der stadig er uvished om, hvordan huset skal\n"
                "organiseres, og at de først får vished til nytår om, hvad der skal ske med\n"
                "stedet og med de medarbejdere, der er ansat der nu.")
    purple_two = ("der er behov for at definere den fælles\n"
                  "kerneopgave, for at have noget at pejle efter\n"
                  "og skabe tydeligere mål for tilbuddet.")
    page = (f"{THEME}\nVi talte om\n\nDette peger på at…\n\nMål og retning\n\nHistorie og fremtid\n\n"
            f"{grey_one}\n\n{purple_one}\n\n{grey_two}\n\nKerneopgave\n{purple_two}\n\n{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, suggestions = _boxes(_import(tmp_path, page))
    assert talked.startswith("Mål og retning\n\nMedarbejderne beskriver") and "Lederen fortæller" in talked
    assert "behov" not in talked
    assert points.startswith("Historie og fremtid\n\nder er et behov") and points.endswith("mål for tilbuddet.")
    assert "Kerneopgave" in points and suggestions == YELLOW_TEXT


def test_a_row_of_headings_and_continuation_marks_open_one_box_each(tmp_path: Path) -> None:
    """pdfminer's order of three boxes side by side at nearly one width: labels, the marks'
    row, the headings' row, then each box's text whole."""
    first = (f"{THEME}\nVi talte om\nLedelse\nLederen fortæller om huset.\nDette peger på, at...\n"
             f"At skabe ro.\n{YELLOW_LABEL}\n{YELLOW_TEXT}")
    page = ("Vi talte om:\n\nDette peger på at…\n\nLedere og medarbejdere peger på…\n\n"
            "Tema 4 fortsat fra side 4.\n\nTema 4 fortsat fra side 4.\n\n"
            "Maden fylder\n\nStruktur\n\nStruktur\n\n"
            "Medarbejderne giver udtryk for, at det praktiske kan stå i vejen for de\n"
            "pædagogiske opgaver i hverdagen.\n\n"
            "At tage stilling til, hvordan der\nprioriteres i opgaverne.\n\n"
            "At holde et kort morgenmøde, hvor\ndagens opgaver fordeles.")
    visit = _import(tmp_path, first, page)
    talked, points, suggestions = _boxes(visit, 1)
    assert talked.startswith("Tema 4 fortsat fra side 4.\n\nMaden fylder\n\nMedarbejderne giver udtryk")
    assert points.startswith("Tema 4 fortsat fra side 4.") and "Struktur\n\nAt tage stilling" in points
    assert suggestions.startswith("Struktur\n\nAt holde et kort morgenmøde")


ACROSS_GREY = ("Planlægning og oprydning efter maden fylder i driften af huset og står for en stor del af dagen. "
               "Medarbejderne giver udtryk for, at det praktiske kan stå i vejen for de pædagogiske opgaver. "
               "Koordineringen af opgaverne er ikke rammesat, men aftales ad hoc først på dagen.")
ACROSS = {
    "numbered-list-broken": (
        ("Planlægning og oprydning efter maden fylder i driften af huset og\nstår for en stor del af dagen.\n\n"
         "På baggrund af den fælles kerneopgave er der behov for at tage\n"
         "stilling til, hvordan der kan arbejdes struktureret med:\n\n"
         "Medarbejderne giver udtryk for, at det praktiske kan stå i vejen for\nde pædagogiske opgaver.\n\n"
         "1. Nye tiltag og opgaver\n\n"
         "Koordineringen af opgaverne er ikke rammesat, men aftales ad\nhoc først på dagen.\n\n"
         "2. Prioritering af ressourcer\n3. Igangværende aktiviteter"),
        "1. Nye tiltag og opgaver 2. Prioritering af ressourcer 3. Igangværende aktiviteter"),
    "lead-in-parted-from-its-list": (
        ("Planlægning og oprydning efter maden fylder i driften af huset og\nstår for en stor del af dagen.\n\n"
         "På baggrund af den fælles kerneopgave er der behov for at tage\n"
         "stilling til, hvordan der kan arbejdes struktureret med:\n\n"
         "Medarbejderne giver udtryk for, at det praktiske kan stå i vejen for\nde pædagogiske opgaver.\n"
         "Koordineringen af opgaverne er ikke rammesat, men aftales ad\nhoc først på dagen.\n\n"
         "1. Nye tiltag og opgaver\n2. Prioritering af ressourcer"),
        "1. Nye tiltag og opgaver 2. Prioritering af ressourcer"),
}
"""pdftotext's order of a grey and a purple box of one width side by side, after their
headings' row: a paragraph of one beside a paragraph of the other (the grey box's text is
``ACROSS_GREY``), and the purple box's list after its lead-in."""


@pytest.mark.parametrize(("body", "points"), ACROSS.values(), ids=ACROSS.keys())
def test_two_boxes_read_across_paragraph_by_paragraph(tmp_path: Path, body: str, points: str) -> None:
    """Two boxes read across, paragraph by paragraph: shown by a numbered list whose next point
    comes after another paragraph, or by another box's block between a list's lead-in and its
    first point. Then the boxes take turns, the points of a list stay together, a sure voice
    decides, and a paragraph with no blank line before it stays in its block's box."""
    page = (f"{THEME}\nVi talte om\n\nDette peger på at…\n\nMaden og de praktiske opgaver fylder\n\nStruktur\n\n"
            f"{body}\n\n{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, purple, suggestions = _boxes(_import(tmp_path, page))
    assert _words(talked) == _words(f"Maden og de praktiske opgaver fylder {ACROSS_GREY}")
    assert _words(purple) == _words("Struktur På baggrund af den fælles kerneopgave er der behov for at tage stilling "
                                    f"til, hvordan der kan arbejdes struktureret med: {points}")
    assert suggestions == YELLOW_TEXT


def test_two_boxes_read_across_row_by_row_when_their_headings_stand_together_inside_the_run(
        tmp_path: Path) -> None:
    """pdfminer's order of a grey and a purple box of one width side by side: each label with its
    box's first heading, then rows of a grey paragraph beside a purple one, and a row of both
    boxes' next headings. Two headings together inside the run show it was read across; the
    paragraphs take turns, and the voices that are sure tell which box is on the left."""
    page = (f"{THEME}\nVi talte om\n\nNy leder og nye rammer\n\nDette peger på at…\n\nKerneopgaven\n\n"
            "Lederen har været ansat i otte måneder. Medarbejderne beskriver, at der er kommet\n"
            "mere struktur på møderne, og at de oplever at blive hørt.\n\n"
            "Under feedbacken blev der formuleret en første definition af kerneopgaven, som\n"
            "kan bruges som pejlemærke i hverdagens prioriteringer.\n\n"
            "Samspillet med de frivillige\n\nFrivillige og ansatte\n\n"
            "Huset har omkring 20 frivillige, som bl.a. står for køkkenet om aftenen og\n"
            "weekendåbningen.\n\n"
            "At beskrive rollefordelingen mellem frivillige og ansatte, herunder hvem der har\n"
            "ansvaret, når der opstår konflikter.\n\n"
            f"{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, suggestions = _boxes(_import(tmp_path, page))
    assert _words(talked) == _words("Ny leder og nye rammer Lederen har været ansat i otte måneder. Medarbejderne "
                                    "beskriver, at der er kommet mere struktur på møderne, og at de oplever at "
                                    "blive hørt. Samspillet med de frivillige Huset har omkring 20 frivillige, som "
                                    "bl.a. står for køkkenet om aftenen og weekendåbningen.")
    assert _words(points) == _words("Kerneopgaven Under feedbacken blev der formuleret en første definition af "
                                    "kerneopgaven, som kan bruges som pejlemærke i hverdagens prioriteringer. "
                                    "Frivillige og ansatte At beskrive rollefordelingen mellem frivillige og "
                                    "ansatte, herunder hvem der har ansvaret, når der opstår konflikter.")
    assert suggestions == YELLOW_TEXT


def test_a_stock_sentence_under_the_next_label_goes_back_to_its_empty_box(tmp_path: Path) -> None:
    """Two labels read across with nothing under the first, then the first box's stock sentence
    and the second box's text."""
    page = (f"{THEME}\nVi talte om\nLederen fortæller om huset.\n\n{YELLOW_LABEL}\n\nDette peger på at ...\n\n"
            "Der var under besøget ikke kommentarer eller forslag fra\nledere og medarbejdere.\n\n"
            "At tage stilling til, hvilken kultur man ønsker i huset.")
    _, points, suggestions = _boxes(_import(tmp_path, page))
    assert suggestions.startswith("Der var under besøget ikke kommentarer")
    assert points == "At tage stilling til, hvilken kultur man ønsker i huset."


def test_a_pointer_to_another_theme_is_no_heading() -> None:
    """"Se tema 4" alone under the yellow label, printed before the purple box (pdftotext's order
    of a template with yellow beside purple), is the yellow box's whole text, not a heading
    whose text the purple box's run would hold. The whole dump: the boxes' widths it teaches
    are what made the purple box's last paragraph look like that heading's."""
    dump = Path(__file__).parent.parent / "fixtures/wild/pdftotext/pegasus-2017-09-28.split.chromium.txt"
    visit = read_visits(get_host(), dump)[0]
    assert visit.sections[0].suggestions.text == "Se tema 4"
    assert visit.sections[0].points_to.text.endswith("tiltag i Pegasus (se under tema 4, s. 8)")


def test_the_voice_of_a_paragraph_cuts_where_widths_are_silent(tmp_path: Path) -> None:
    """Two boxes of one width read one after the other below their labels: the reports go to
    the grey box, a paragraph of neither voice stays with the one before it, and the advice
    starts the purple box."""
    page = (f"{THEME}\nVI TALTE OM\n\nDETTE PEGER PÅ, AT...\n\n"
            "Vi taler om, at målgruppen ændrer sig, og at der kommer flere yngre brugere.\n\n"
            "I drøftelserne tales om, at der ikke arbejdes med et fælles fagligt fundament.\n\n"
            "Den konstituerede leder har et ønske om at blive tydelig på målgruppen.\n\n"
            "Et behov for at tilbuddet styrker det fælles faglige fundament.\n\n"
            "At tilbuddet arbejder for en tydelig sammenhæng.\n\n"
            f"{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert talked.endswith("Den konstituerede leder har et ønske om at blive tydelig på målgruppen.")
    assert points.startswith("Et behov for at tilbuddet")


def test_a_report_after_the_purple_box_text_is_the_rest_of_the_grey_box(tmp_path: Path) -> None:
    """Boxes side by side at one width, read row by row, each label before its text: the grey
    box's second topic, surely a report (its subject the people met, a verb of telling), comes
    after the purple box's advice."""
    page = (f"{THEME}\nVI TALTE OM\nLedelse tæt på praksis\n"
            "Afdelingslederen har kontor i afdelingen og deltager jævnligt i\n"
            "hverdagen. Medarbejderne sætter pris på, at lederen er synlig og\n"
            "tilgængelig i det daglige arbejde.\n\n"
            "DETTE PEGER PÅ, AT...\n"
            "At tydeliggøre, hvordan beslutninger træffes og formidles, så alle\n"
            "medarbejdere, også nattevagterne, får den samme information.\n\n"
            "Vagtplan og kontinuitet\n"
            "Medarbejderne fortæller, at vagtplanen lægges for fire uger ad gangen,\n"
            "og at mange vagtbytter gør det svært for beboerne at vide, hvem der\n"
            "kommer.\n\n"
            f"LEDERE OG MEDARBEJDERE PEGER PÅ:\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert talked.startswith("Ledelse tæt på praksis") and talked.endswith("hvem der kommer.")
    assert "Vagtplan og kontinuitet" in talked
    assert points == ("At tydeliggøre, hvordan beslutninger træffes og formidles, så alle medarbejdere, "
                      "også nattevagterne, får den samme information.")


GREY_REPORT = ("Medarbejdere og leder fortæller, hvordan de har arbejdet grundigt og struktureret med modellen, "
               "og at der er opstået opmærksomhed på en række dilemmaer i hverdagen.")
GREY_SECOND = ("Medarbejderne giver udtryk for, at tid er et dilemma, der fylder, og at de hele tiden er til "
               "rådighed for brugerne.")
PURPLE_FIRST = "At arbejde med, hvordan der kan skabes rum til, at få udviklet det fælles faglige fundament."
PURPLE_SECOND = ("At afdække, hvordan der kan prioriteres i hverdagen, så der bliver mere plads til faglig udvikling "
                 "og faglige valg.")


def test_boxes_of_one_width_read_block_by_block_are_told_apart_by_voice(tmp_path: Path) -> None:
    """Two boxes side by side at one width, read block by block across both (pdftotext's
    default order): report, advice, report, advice — each paragraph to the box of its voice, a
    heading with the paragraph after it."""
    page = (f"{THEME}\nVI TALTE OM\n\nDETTE PEGER PÅ, AT...\n\nDilemmaer\n\nFaglig sparring\n\n"
            f"{GREY_REPORT}\n\n{PURPLE_FIRST}\n\nTid\n{GREY_SECOND}\n\nTid-prioritering\n{PURPLE_SECOND}\n\n"
            f"{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert _words(talked) == _words(f"Dilemmaer {GREY_REPORT} Tid {GREY_SECOND}")
    assert _words(points) == _words(f"Faglig sparring {PURPLE_FIRST} Tid-prioritering {PURPLE_SECOND}")


def test_a_run_that_reads_the_later_box_first_is_cut_the_other_way(tmp_path: Path) -> None:
    """Labels printed together, then the purple box's text whole before the grey box's (an
    extractor that takes the right-hand box first): the voices tell the order."""
    page = (f"{THEME}\nVI TALTE OM\n\nDETTE PEGER PÅ, AT...\n\n{PURPLE_FIRST}\n\n{PURPLE_SECOND}\n\n"
            f"{GREY_REPORT}\n\n{GREY_SECOND}\n\n{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert _words(talked) == _words(f"{GREY_REPORT} {GREY_SECOND}")
    assert _words(points) == _words(f"{PURPLE_FIRST} {PURPLE_SECOND}")


def test_the_grey_box_read_on_after_the_yellow_label_gets_its_reports_back(tmp_path: Path) -> None:
    """Three boxes side by side: the grey and purple labels' row, their text, then the yellow
    label at the top of its column — and the rest of the grey column after it. A paragraph that
    reports beyond doubt goes back to the grey box; the yellow box keeps its own text."""
    report = ("Et dilemma, der fylder i huset og som drøftes på dagen, er sammenlægningen. Medarbejderne "
              "fortæller om to kulturer, og lederen beskriver, hvordan der arbejdes med tonen.")
    page = (f"{THEME}\nVi talte om …\n\nDette peger på, at…\n\nSårbar målgruppe\n\n"
            "Besøget gav ikke anledning til særlig feedback på dette tema.\n\n"
            "Både ledere og medarbejdere fortæller om en ældre brugergruppe, og de beskriver, hvordan de har\n"
            "mistet brugere ved sammenlægningen.\n\n"
            f"Ledere og medarbejdere peger på …\n\nNy kultur\n{report}\n\n{YELLOW_TEXT}")
    talked, points, suggestions = _boxes(_import(tmp_path, page))
    assert talked.startswith("Sårbar målgruppe") and _words(talked)[-len(report.split()):] == report.split()
    assert "Ny kultur" in talked
    assert points == "Besøget gav ikke anledning til særlig feedback på dette tema."
    assert suggestions == YELLOW_TEXT


def test_an_advice_about_the_management_stays_in_its_box(tmp_path: Path) -> None:
    """A purple paragraph whose subject is the management but which reports nothing said
    ("Ledelsen fremstår …") is no report beyond doubt: it stays."""
    page = (f"{THEME}\nVI TALTE OM\nMedarbejderne fortæller, at lederen har mange opgaver, og de oplever travlhed.\n"
            "DETTE PEGER PÅ, AT...\nOrganisation i udvikling\n\nLedelsen fremstår ambitiøs og udviklingsorienteret.\n\n"
            f"Et behov for at definere den fælles kerneopgave.\nLEDERE OG MEDARBEJDERE PEGER PÅ:\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert talked == "Medarbejderne fortæller, at lederen har mange opgaver, og de oplever travlhed."
    assert "Ledelsen fremstår ambitiøs" in points


def test_an_advice_that_lists_what_to_discuss_stays_whole(tmp_path: Path) -> None:
    """A yellow list whose items name things to discuss ("Drøfte …") is no report: the items
    stay under their lead-in, and an advice that quotes what was said stays where it is."""
    page = (f"{THEME}\nVI TALTE OM\nMedarbejderne fortæller om møderne i huset.\n"
            "Dette peger på, at...\nEt behov for at styrke det fælles faglige fundament.\n\n"
            "Fx når der i samtalerne tales om støtte, hvad betyder det så konkret?\n"
            "Ledere og medarbejdere peger på…\nAt der skal arbejdes med:\n• Ny mødestruktur\n"
            "• Drøfte den fælles faglighed\n• Undervise hinanden")
    talked, points, suggestions = _boxes(_import(tmp_path, page))
    assert talked == "Medarbejderne fortæller om møderne i huset."
    assert points.endswith("hvad betyder det så konkret?")
    assert suggestions.startswith("At der skal arbejdes med:") and "- Drøfte den fælles faglighed" in suggestions


def test_voice_reports_and_advises_and_tells_only_grey_from_the_others() -> None:
    assert advice("Medarbejderne fortæller, at de oplever travlhed.") < 0
    assert advice("Den konstituerede leder har et ønske om at blive tydelig.") <= -2
    assert advice("At skabe et fast rum for faglig refleksion.") > 0
    assert advice("Der er behov for at definere kerneopgaven.") > 0
    assert advice("Drøfte den fælles faglighed") == 0
    assert advice("Huset ligger ved en park.") == 0
    assert advice("Hvordan medarbejderne følger op på målene i hverdagen.") == 0  # an advice's point, not a report
    assert advice("At være stolte af egen praksis fylder. Medarbejderne fortæller om det.") < \
        advice("At være stolte af egen praksis fylder. Det fortæller de om.")  # a later sentence about the people
    grey, purple, yellow = BoxKind.TALKED_ABOUT, BoxKind.POINTS_TO, BoxKind.SUGGESTIONS
    assert evidence_for_second(grey, purple, "At skabe ro.") == 1.0
    assert evidence_for_second(purple, grey, "At skabe ro.") == -1.0
    assert evidence_for_second(purple, yellow, "At skabe ro.") == 0


def test_a_lead_in_speaks_in_its_box_s_voice_however_short(tmp_path: Path) -> None:
    """Two boxes read block by block across (pdftotext's default order): a short lead-in line
    ("At tilbuddet arbejder for:") is no heading that may end in a full stop — it carries on
    its label, and what it introduces goes with it."""
    page = (f"{THEME}\nVi talte om\n\nDette peger på, at...\n\n"
            "Medarbejderne fortæller, at målgruppen ændrer sig, og at der kommer\nflere unge til huset.\n\n"
            "Et behov for at tilbuddet arbejder med at styrke det fælles\nfaglige fundament.\n\n"
            "Lederen beskriver, at der ikke arbejdes med et fælles fagligt\nfundament i huset.\n\n"
            "At tilbuddet arbejder for:\nEn tydelig sammenhæng i tilbuddet i\n"
            "forhold til de forskellige kompetencer og\n"
            "ressourcer som medarbejderne besidder\nAt skabe rum for meningsfuld\nvidendeling i huset.\n\n"
            f"{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert _words(points) == _words("Et behov for at tilbuddet arbejder med at styrke det fælles faglige fundament. "
                                    "At tilbuddet arbejder for: En tydelig sammenhæng i tilbuddet i forhold til "
                                    "de forskellige kompetencer og ressourcer som medarbejderne besidder "
                                    "At skabe rum for meningsfuld videndeling i huset.")
    assert "arbejder for" not in talked


def test_a_pointer_beside_a_heading_is_the_other_box_s_whole_text(tmp_path: Path) -> None:
    """The grey box's heading and the purple box's whole text ("Se tema 3a.") side by side, read
    across, then the grey text: a pointer is a box's whole text, never a heading's, so it is the
    purple box's although the run's voice is the grey box's throughout."""
    page = (f"{THEME}\nVi talte om\n\nDette peger på, at...\n\nBred faglighed\n\nSe tema 3a.\n\n"
            "Medarbejderne har forskellige faglige baggrunde. Lederen fremhæver\ndette som en værdi for huset.\n\n"
            f"{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert points == "Se tema 3a."
    assert talked.startswith("Bred faglighed") and talked.endswith("værdi for huset.")


_LEANING_GREY = ("At være stolte af egen praksis fylder i dagens drøftelser. Medarbejderne\n"
                 "fortæller om at have skabt noget helt særligt for målgrupperne.")
_SURE_GREY = ("Dagens drøftelser er fulde af energi. Lederen er optaget af en realistisk\n"
              "udvikling, og medarbejderne er optagede af deres egne ydelser.")
_SURE_PURPLE = ("At arbejde med, hvordan tilbuddene kan brandes, så de kan tiltrække\n"
                "borgere, og at afklare, hvem der skal formidles til.")


def test_a_grey_column_read_in_two_pieces_gets_its_rest_back_from_after_the_last_box(tmp_path: Path) -> None:
    """pdfminer's order of a grey column beside the purple and yellow boxes stacked: the grey
    label and heading, the purple and yellow boxes, then the rest of the grey column. The last
    box's run turns to the grey box's voice, and a paragraph whose later sentence opens with
    the people met leans to it too ("… drøftelser. Medarbejderne fortæller …")."""
    page = (f"{THEME}\nVi talte om\n\nVores model\n\nDette peger på, at...\n\nSynlighed\n\n{_SURE_PURPLE}\n\n"
            f"{YELLOW_LABEL}\n\nAt der med fordel kan arbejdes med tilbuddenes synlighed og en plan\n"
            f"for, hvad der skal formidles.\n\n{_LEANING_GREY}\n\n{_SURE_GREY}")
    talked, points, suggestions = _boxes(_import(tmp_path, page))
    assert _words(talked) == _words(f"Vores model {_LEANING_GREY} {_SURE_GREY}")
    assert _words(points) == _words(f"Synlighed {_SURE_PURPLE}")
    assert suggestions.startswith("At der med fordel") and suggestions.endswith("formidles.")


def test_an_opening_paragraph_leaning_to_a_voice_tells_the_boxes_were_read_across(tmp_path: Path) -> None:
    """pdftotext's default order of the same page: the two headings read across, then the grey
    box's first paragraph (leaning to its voice, not surely), the purple box's text (surely
    advising), and the grey box's rest (surely reporting): the boxes were read across, grey
    first — not the purple box first, as the sure voices alone would have it."""
    page = (f"{THEME}\nVi talte om\n\nDette peger på, at...\n\nVores model\n\nSynlighed\n\n{_LEANING_GREY}\n\n"
            f"{_SURE_PURPLE}\n\n{_SURE_GREY}\n\n{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert _words(talked) == _words(f"Vores model {_LEANING_GREY} {_SURE_GREY}")
    assert _words(points) == _words(f"Synlighed {_SURE_PURPLE}")


def test_a_numbered_point_split_into_two_blocks_breaks_no_list(tmp_path: Path) -> None:
    """pdfminer's order of the same boxes: the headings' row, then the grey box's text, then
    the purple box's, a point's second line in a block of its own ("2. Prioritering af
    ressourcer f.eks. i fht." / "produktion af mad …"). Text in lower case is the point's rest,
    not another box's paragraph between two points: the boxes were read one after the other."""
    page = (f"{THEME}\nVi talte om\n\nDette peger på at…\n\n"
            "Maden og de praktiske opgaver fylder\n\nStruktur\n\n"
            "Planlægning og oprydning efter maden fylder i driften af huset.\n\n"
            "Medarbejderne giver udtryk for, at det praktiske kan stå i vejen for\n"
            "de pædagogiske opgaver.\n\n"
            "På baggrund af den fælles kerneopgave er der behov for at tage\n"
            "stilling til, hvordan der kan arbejdes struktureret med:\n\n"
            "1. Nye tiltag og opgaver\n"
            "2. Prioritering af ressourcer f.eks. i fht.\n\n"
            "produktion af mad.\n\n"
            "3. Igangværende aktiviteter\n\n"
            f"{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert _words(talked) == _words("Maden og de praktiske opgaver fylder Planlægning og oprydning efter maden "
                                    "fylder i driften af huset. Medarbejderne giver udtryk for, at det praktiske "
                                    "kan stå i vejen for de pædagogiske opgaver.")
    assert _words(points) == _words("Struktur På baggrund af den fælles kerneopgave er der behov for at tage "
                                    "stilling til, hvordan der kan arbejdes struktureret med: 1. Nye tiltag og "
                                    "opgaver 2. Prioritering af ressourcer f.eks. i fht. produktion af mad. "
                                    "3. Igangværende aktiviteter")


def test_a_stock_pointer_ending_in_an_abbreviation_stays_whole(tmp_path: Path) -> None:
    """The purple box's stock pointer beside the grey box's heading, a line of it ending in
    "ift.": a sentence only seems to end there, as the line after it opens in lower case."""
    page = (f"{THEME}\nVi talte om\n\nDette peger på at…\n\nBredt fagligt sammensat\n\n"
            "Feedback af relevans for temaet indgår i\nfeedback under andre temaer. Se tema 3a\n"
            "ift. fælles faglig sprog og tema 4 ift.\nstrukturerede rum for faglig dialog og\nbeslutninger.\n\n"
            "Den lille medarbejderstab har meget forskellige kompetencer, og medarbejderne\n"
            "fortæller, at de udveksler viden.\n\n"
            f"{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert _words(points) == _words("Feedback af relevans for temaet indgår i feedback under andre temaer. Se "
                                    "tema 3a ift. fælles faglig sprog og tema 4 ift. strukturerede rum for faglig "
                                    "dialog og beslutninger.")
    assert talked.startswith("Bredt fagligt sammensat") and "strukturerede" not in talked


def test_the_yellow_box_keeps_its_opening_paragraph_however_it_reports(tmp_path: Path) -> None:
    """The grey box read on after the yellow box's text: the yellow run opens with its heading
    and a paragraph that tells what people said ("… tales om et ønske om …"), which stays; the
    reports beyond doubt after it go back to the grey box."""
    report = ("De forskellige faglige baggrunde er pædagogiske. Lederen beskriver, at fagligheden er at "
              "møde brugerne. Medarbejderne fortæller, at de lærer af hinanden.")
    page = (f"{THEME}\nVi talte om\n\nDette peger på at…\n\n"
            "Et behov for at udvikle et fælles fagligt sprog i huset.\n\n"
            f"{YELLOW_LABEL}\n\nFagligt sprog\n\n"
            "I den fælles dialog på baggrund af debatten tales om et ønske om at få\n"
            "en fælles faglig opgradering.\n\n"
            f"Retning og autonomi\n\n{report}")
    talked, points, suggestions = _boxes(_import(tmp_path, page))
    assert _words(suggestions) == _words("Fagligt sprog I den fælles dialog på baggrund af debatten tales om et "
                                         "ønske om at få en fælles faglig opgradering.")
    assert _words(talked) == _words(f"Retning og autonomi {report}")
    assert points == "Et behov for at udvikle et fælles fagligt sprog i huset."


def test_a_theme_line_set_letter_by_letter_is_closed_up(tmp_path: Path) -> None:
    """pdfminer prints a heading set with CSS letter spacing a letter a word ("T E M A   3 A"):
    closed up, it names the page's theme, and stays out of the boxes."""
    from kvalitet_core.recognise.text_dump import letters_closed_up

    assert letters_closed_up("T E M A   3 A") == "TEMA 3A"
    assert letters_closed_up("1 2 3 4") == "1 2 3 4"
    assert letters_closed_up("Se tema 4 i a") == "Se tema 4 i a"
    pages = [f"T E M A   {number}\n{title}\n\nVi talte om\n\nMedarbejderne fortæller om hverdagen i huset.\n\n"
             f"Dette peger på at…\n\nAt beskrive, hvordan brugerne inddrages.\n\n{YELLOW_LABEL}\n{YELLOW_TEXT}"
             for number, title in [("2", "Selvstændighed og relationer"), ("3 A", "Målgruppe, metoder og resultater – Fælles fagligt fundament")]]
    visit = _import(tmp_path, *pages)
    assert [section.themes for section in visit.sections] == [["2"], ["3a"]]
    assert all(section.talked_about.text == "Medarbejderne fortæller om hverdagen i huset."
               for section in visit.sections)


def test_two_labels_printed_together_below_the_grey_box_on_every_page_share_the_text_after_them(
        tmp_path: Path) -> None:
    """The grey box across the page, the yellow and purple boxes side by side under it (yellow on
    the left): pdfminer prints the grey label and text, then both labels, then the yellow box's
    text and the purple box's. On every page the yellow label stands right before the purple one,
    so the text after them is both boxes', in the labels' order: the purple box's first paragraph
    carries on its label in lower case."""
    def page(theme: str, yellow: str, purple: str) -> str:
        return (f"{theme}\n\nVi talte om\n\nMedarbejderne fortæller om hverdagen i huset.\n\n"
                f"{YELLOW_LABEL}\n\nDette peger på at …\n\n{yellow}\n\n{purple}")
    visit = _import(tmp_path,
                    page("Tema 1: Uddannelse og beskæftigelse", "Se tema 4",
                         "At tage stilling til, hvilken kultur man ønsker i huset."),
                    page("Tema 2: Selvstændighed og relationer",
                         "Fagligt sprog\n\nI den fælles dialog tales om et ønske om et kursus.\n\n"
                         "Kerneopgaven\n\nUnder feedbacken blev kerneopgaven formuleret.",
                         "der er et behov for, at huset bliver tydeligt i, hvad det står på."))
    assert _boxes(visit, 0)[1:] == ("At tage stilling til, hvilken kultur man ønsker i huset.", "Se tema 4")
    _, points, suggestions = _boxes(visit, 1)
    assert _words(suggestions) == _words("Fagligt sprog I den fælles dialog tales om et ønske om et kursus. "
                                         "Kerneopgaven Under feedbacken blev kerneopgaven formuleret.")
    assert points == "der er et behov for, at huset bliver tydeligt i, hvad det står på."


def test_a_continuation_mark_after_labels_printed_together_opens_the_box_whose_text_it_precedes(
        tmp_path: Path) -> None:
    """The same template on a continuation page where only the purple box goes on: one "fortsat"
    mark, then the purple box's text, after the pair of labels. The mark opens the purple box;
    the yellow box, with no mark of its own, is empty."""
    def page(theme: str, grey: str, yellow: str, purple: str) -> str:
        return f"{theme}\n\nVi talte om\n\n{grey}\n\n{YELLOW_LABEL}\n\nDette peger på at …\n\n{yellow}{purple}"
    mark = "Tema 2 fortsat fra side 5."
    visit = _import(tmp_path,
                    page("Tema 1: Uddannelse og beskæftigelse", "Medarbejderne fortæller om skolen.",
                         "Se tema 4\n\n", "At tage stilling til, hvilken kultur man ønsker i huset."),
                    page("Tema 2: Selvstændighed og relationer", "Medarbejderne fortæller om vennerne.",
                         "At holde flere møder.\n\n", "At beskrive, hvordan brugerne inddrages."),
                    page("Tema 2 fortsat fra side 5", f"{mark}\n\nLederen fortæller om dokumentationen.", "",
                         f"{mark}\n\nAt sikre en fælles praksis for logbogen."))
    _, points, suggestions = _boxes(visit, 2)
    assert suggestions == ""
    assert _words(points) == _words(f"{mark} At sikre en fælles praksis for logbogen.")


def test_a_box_left_empty_on_one_page_keeps_its_neighbour_s_text_off(tmp_path: Path) -> None:
    """A yellow box with nothing in it on one page only: its label stands right before the
    purple one there, but not on the other pages; the purple text stays the purple box's."""
    def page(theme: str, topic: str, yellow: str) -> str:
        return (f"{theme}\nVi talte om\n\nMedarbejderne fortæller om {topic}.\n\n{YELLOW_LABEL}\n\n{yellow}"
                f"Dette peger på at …\n\nAt beskrive, hvordan {topic} kan styrkes.\n\nAt følge op på {topic}.")
    visit = _import(tmp_path, page("Tema 1: Uddannelse og beskæftigelse", "skolen", f"{YELLOW_TEXT}\n\n"),
                    page("Tema 2: Selvstændighed og relationer", "vennerne", ""),
                    page("Tema 4: Organisation og ledelse", "møderne", "At holde flere møder.\n\n"))
    _, points, suggestions = _boxes(visit, 1)
    assert suggestions == ""
    assert _words(points) == _words("At beskrive, hvordan vennerne kan styrkes. At følge op på vennerne.")


WOVEN = ["Mål og retning", "Pegasus: Historie → Fremtid",
         "Medarbejderne beskriver, hvordan de oplever at have", "der er et behov for, at huset bliver tydeligt i fht.",
         "stået i uvished i mere end fire år. De fik oprindeligt at", "hvad de har fælles at stå på. Hvordan de ser sig selv i",
         "vide, at de skulle lægges sammen med et andet", "fremtiden, og hvilken del af deres historie, det er",
         "værested. De samarbejdede en tid på tværs for at", "vigtigt at bringe med ind i fremtiden.",
         "imødekomme sammenlægningen. Lederen fortæller, at der", "Kerneopgave",
         "stadig er uvished, og at det præger hverdagen. Det var", "der er behov for at definere den fælles kerneopgave."]
"""pdftotext's order of a grey and a purple box side by side, their lines at offset baselines:
a line (a block of its own) of one box, then of the other."""


def test_two_columns_printed_line_by_line_in_turns_are_read_one_after_the_other(tmp_path: Path) -> None:
    """The woven lines are dealt back to their columns: each line carries on the sentence two
    lines up ("… oplever at have" / "stået i uvished …"), a line ending in "fht." goes on too, and
    the grey column's sentence runs on into the block after the weave. Each box's heading stays
    apart from its text, the purple one's too though its text opens in lower case."""
    page = (f"{THEME}\nVi talte om\n\nDette peger på at…\n\n" + "\n\n".join(WOVEN) +
            f"\n\nen lettelse, da de blev lagt sammen.\n\n{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, suggestions = _boxes(_import(tmp_path, page))
    assert _words(talked) == _words(
        "Mål og retning Medarbejderne beskriver, hvordan de oplever at have stået i uvished i mere end fire år. De fik "
        "oprindeligt at vide, at de skulle lægges sammen med et andet værested. De samarbejdede en tid på tværs for at "
        "imødekomme sammenlægningen. Lederen fortæller, at der stadig er uvished, og at det præger hverdagen. Det var "
        "en lettelse, da de blev lagt sammen.")
    assert talked.startswith("Mål og retning\n\nMedarbejderne")
    assert _words(points) == _words(
        "Pegasus: Historie → Fremtid der er et behov for, at huset bliver tydeligt i fht. hvad de har fælles at stå "
        "på. Hvordan de ser sig selv i fremtiden, og hvilken del af deres historie, det er vigtigt at bringe med ind "
        "i fremtiden. Kerneopgave der er behov for at definere den fælles kerneopgave.")
    assert points.startswith("Pegasus: Historie → Fremtid\n\nder er et behov")
    assert suggestions == YELLOW_TEXT


def test_short_paragraphs_one_after_the_other_are_no_weave() -> None:
    """Headings and paragraphs of one box, each a block of its own, read in order: nothing moves
    — nor on a layout dump's page, whose lines keep their places."""
    from kvalitet_core.recognise.text_weave import columns_unwoven

    page = ["Vi talte om", "", "Relationer", "", "Medarbejderne fortæller om huset.", "", "Kerneopgaven", "",
            "Lederen beskriver kerneopgaven.", "", "Kompetencer", "", "Alle har været ansat længe."]
    assert columns_unwoven(page) == page
    woven = ["Vi talte om", "", *(piece for line in WOVEN for piece in (line, "")), "en lettelse, da de blev lagt sammen."]
    assert columns_unwoven(woven) != woven
    laid_out = [f"  {line}" for line in woven]
    assert columns_unwoven(laid_out) == laid_out


def test_a_one_line_title_ending_in_a_full_stop_stays_with_the_text_under_it(tmp_path: Path) -> None:
    """The purple box's text read before the grey one's, whose title ends in a full stop
    ("Noget at stå op til."): the cut falls before the title, which has no voice of its own."""
    page = (f"{THEME}\nVi talte om\n\nDette peger på at…\n\n"
            "At tage stilling til, hvilken kultur man ønsker, der hersker i huset fremadrettet, og\n"
            "hvordan den kan beskrives for nye medarbejdere.\n\n"
            "Noget at stå op til.\n\n"
            "Brugerne fortæller, at det at komme i huset i høj grad er med til at give dem en\n"
            "meningsfuld hverdag. Medarbejderne beskriver, at de møder brugerne i øjenhøjde.\n\n"
            f"{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, points, _ = _boxes(_import(tmp_path, page))
    assert talked.startswith("Noget at stå op til.")
    assert points.startswith("At tage stilling til") and "Noget" not in points


def test_a_justified_line_read_word_by_word_stays_one_paragraph() -> None:
    """Justified text whose words stand far apart comes out a word or two a line ("fortæller," /
    "at" / "intro­‐"): a line that breaks a word, ends in a comma, or opens in lower case ends no
    paragraph when the next line goes on in lower case."""
    from kvalitet_core.recognise.line_paragraphs import paragraphs

    lines = ["Medarbejderne fortæller om huset.", "Lederen", "fortæller,", "at", "intro\u00ad\u2010",
             "duktionen af nye kolleger foregår ved sidemandsoplæring."]
    assert paragraphs(lines) == ["Medarbejderne fortæller om huset.", "Lederen",
                                 "fortæller, at introduktionen af nye kolleger foregår ved sidemandsoplæring."]


def test_a_justified_heading_read_column_by_column_is_put_back_in_order(tmp_path: Path) -> None:
    """pdftotext reads a justified two-line heading with wide gaps column by column: the first
    line's first word, the second line, then the first line's other words, the last one broken
    ("Dagtilbud" / "viteter" / "og" / "meningsfulde" / "akti­‐"). The broken word's rest goes back
    after it; a run whose broken word the next line carries on stays as it is."""
    from kvalitet_core.recognise.text_weave import justified_heading_restored

    carried = ["Vi talte om", "Lederen", "fortæller,", "at", "intro\u00ad\u2010", "duktionen af nye kolleger."]
    assert justified_heading_restored(carried) == carried
    page = (f"{THEME}\nVi talte om\nDagtilbud\nviteter\n\nog\n\nmeningsfulde\n\nakti\u00ad\u2010\n\n"
            "De fleste beboere har et dagtilbud uden for huset, og de savner indhold i hverdagen.\n"
            f"Dette peger på at…\nAt beskrive dagens rytme.\n{YELLOW_LABEL}\n{YELLOW_TEXT}")
    talked, _, _ = _boxes(_import(tmp_path, page))
    assert talked.startswith("Dagtilbud og meningsfulde aktiviteter")


def test_a_column_as_tall_as_the_page_goes_on_past_the_next_label(tmp_path: Path) -> None:
    """The grey box down the page's left, the purple and yellow boxes stacked on its right: the
    lines of the grey box go on woven with the yellow box's after the yellow label. The grey
    column's rest carries on the sentence it broke off before the label, and goes back to it."""
    after = ["en lettelse, da de blev lagt sammen med et andet", "Brugerne vil også fremover have behov for de",
             "værested. Medarbejderne beskriver, at det har givet", "små, nære steder, som huset er et af.",
             "meget energi, men også uro i huset.", "Kerneopgaven kan udgøre en ramme for dialogen."]
    page = (f"{THEME}\nVi talte om\n\nDette peger på at…\n\n" + "\n\n".join(WOVEN) + f"\n\n{YELLOW_LABEL}\n\n" +
            "\n\n".join(after))
    talked, points, suggestions = _boxes(_import(tmp_path, page))
    assert talked.endswith("Det var en lettelse, da de blev lagt sammen med et andet værested. Medarbejderne "
                           "beskriver, at det har givet meget energi, men også uro i huset.")
    assert points.endswith("der er behov for at definere den fælles kerneopgave.")
    assert _words(suggestions) == _words("Brugerne vil også fremover have behov for de små, nære steder, som huset "
                                         "er et af. Kerneopgaven kan udgøre en ramme for dialogen.")


def test_two_columns_whose_lines_all_go_on_in_lower_case_are_told_by_their_row_of_tops() -> None:
    """Woven lines that each go on in lower case read as well one after the other; a run that
    opens with the boxes' tops in a row (the same "fortsat" mark twice, then two headings) and
    whose sentences go on two lines down, never breaking there, is two columns."""
    from kvalitet_core.recognise.text_weave import columns_unwoven

    mark = "Tema 4 fortsat fra side 8."
    grey = ["Planlægning, tilberedelse og oprydning efter maden og", "måltidet fylder i driften af huset. Herudover står",
            "medarbejderne også selv for rengøring. Stedets kokke", "laver maden, mens de andre opgaver løses i fællesskab."]
    purple = ["På baggrund af den fælles kerneopgave er der behov", "for at tage stilling til, hvordan der prioriteres i",
              "opgaver og aktiviteter, samt drøfte og undersøge, hvordan der",
              "kan arbejdes struktureret med nye tiltag."]
    woven = [mark, mark, "Maden og de praktiske opgaver fylder", "Struktur",
             *(line for pair in zip(grey, purple) for line in pair)]
    page = ["Vi talte om", "", "Dette peger på at…", "", *(piece for line in woven for piece in (line, ""))]
    assert columns_unwoven(page)[4:] == [mark, "", "Maden og de praktiske opgaver fylder", "", *grey, "",
                                         mark, "", "Struktur", "", *purple, ""]


def test_the_last_sentence_of_a_tall_column_after_the_next_label_goes_back_to_it(tmp_path: Path) -> None:
    """The same page where only the grey column's last sentence runs on past the yellow label,
    printed at the top of the yellow box's text: it goes back to the grey box."""
    stock = "Der var under besøget ikke konkrete forslag fra ledere\nog medarbejdere til dette tema."
    page = (f"{THEME}\nVi talte om\n\nDette peger på at…\n\n" + "\n\n".join(WOVEN) + f"\n\n{YELLOW_LABEL}\n\n"
            f"en lettelse, da de blev lagt sammen.\n{stock}")
    talked, _, suggestions = _boxes(_import(tmp_path, page))
    assert talked.endswith("Det var en lettelse, da de blev lagt sammen.")
    assert suggestions == " ".join(stock.split())
