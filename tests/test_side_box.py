"""The side box "Oplysninger om besøget" read where an extractor interleaved it with the method
text beside it: values then stand after the wrong label, and their shape tells where they go."""

from __future__ import annotations

from kvalitet_core.quality_model import builtin_quality_models
from kvalitet_core.recognise.draft import Line
from kvalitet_core.recognise.metadata import read_side_box


def _box(text: str, template_lines_out: bool = False):
    lines = [Line(line, 2) for line in text.strip("\n").split("\n")]
    if template_lines_out:
        model = next(m for m in builtin_quality_models() if m.id == "sof-kvalitetsmodel-3.0")
        lines = [line for line in lines if not model.is_template_line(line.text)]
    return read_side_box(lines)


def test_values_in_their_places_are_read_as_printed() -> None:
    box = _box("""
Dato og tidsrum
19.06.2018, kl. 09:00 – 14:30
Auditorer
Dorte Valentiner-Branth
Mike Schwarmat
Vi talte med
Tilbudsleder
2 medarbejdere
""")
    assert box.auditors == ["Dorte Valentiner-Branth", "Mike Schwarmat"]
    assert box.spoke_with == ["Tilbudsleder", "2 medarbejdere"]
    assert box.time_range == "09:00-14:30"


def test_values_after_the_wrong_label_go_where_their_shape_says() -> None:
    """pdftotext's order of a two-column method page: a name under the date, people the visitors
    spoke with under the auditors, the time after a heading."""
    box = _box("""
Dato og tidsrum
19.06.2018
Mike Schwarmat
Vi talte med
Chef for ungdomsuddannelse og botilbud
Konklusion
Kl. 09:00 – 14:30
Auditorer
Dorte Valentiner-Branth
Tilbudsleder
2 medarbejdere
""")
    assert box.auditors == ["Dorte Valentiner-Branth", "Mike Schwarmat"]
    assert box.spoke_with == ["Chef for ungdomsuddannelse og botilbud", "Tilbudsleder", "2 medarbejdere"]
    assert box.time_range == "09:00-14:30"


def test_fragments_of_the_method_text_are_no_values() -> None:
    """A fragment cut from a sentence of the method text, its full stop left behind, is still
    the template's: it is no person the visitors spoke with."""
    box = _box("""
Vi talte med
I den lilla boks fremgår de fokusområder, som konsulenterne retter tilbuddets
opmærksomhed mod.
3 medarbejdere
Konsulenter
Janne Andersen
1 leder
""", template_lines_out=True)
    assert box.auditors == ["Janne Andersen"]
    assert box.spoke_with == ["3 medarbejdere", "1 leder"]


def test_labels_wrapped_in_a_narrow_side_box_keep_their_values() -> None:
    box = _box("""
Antal ansatte i alt på
tilbuddet
5, alle på deltid
Vi talte
med
1 leder
Konsulenter
Janne Andersen
""")
    assert (box.employees_total, box.employees_note) == (5, "alle på deltid")
    assert box.spoke_with == ["1 leder"] and box.auditors == ["Janne Andersen"]


def test_a_label_wrapped_after_a_blank_line_keeps_its_value() -> None:
    """A reader that marks paragraphs with blank lines: the label's two lines come after one."""
    box = _box("""
Janne Andersen

Antal ansatte i alt
på tilbuddet

5, alle på deltid
""")
    assert (box.employees_total, box.employees_note) == (5, "alle på deltid")


def test_a_cover_wrapped_in_a_narrow_column_is_read_whole() -> None:
    from kvalitet_core.recognise.metadata import read_cover

    lines = [Line(text, 1) for text in ("Pegasus · Skriftlig feedback", "", "Kvalitet i SOF 2021", "", "Skriftlig",
                                        "Feedback", "", "Bostedet", "Kastanjehaven,", "Lyset", "", "Besøg den 2.",
                                        "november 2021", "", "Oplysninger om besøget")]
    cover = read_cover(lines)
    assert cover is not None
    assert (cover.series, cover.offer, cover.unit, str(cover.visit_date)) == (
        "Kvalitet i SOF 2021", "Bostedet Kastanjehaven", "Lyset", "2021-11-02")
    official = read_cover([Line(text, 1) for text in ("Kvalitet i SOF 2017", "Skriftlig Feedback",
                                                       "Marianelund, Snekken", "Besøg den 19. juni 2018")])
    assert official is not None and (official.offer, official.unit) == ("Marianelund", "Snekken")


def test_a_form_read_names_first_then_values_gives_each_name_its_value_by_kind() -> None:
    """An extractor that reads a two-column form column by column: the field names, then all
    the values under the last name. Each name takes the value of its kind, in order."""
    box = _box("""
Konsulenter:
Dato:
Deltagere
Dorte Valentiner-Branth
Janne Andersen

28.09.17
Antal ansatte i alt på tilbuddet:
5, alle på deltid
Vi talte med:
1 leder, 3 medarbejdere og 3 borgere
""")
    assert box.auditors == ["Dorte Valentiner-Branth", "Janne Andersen"]
    assert str(box.visit_date) == "2017-09-28"
    assert box.employees_total == 5
    empty_staff = _box("""
Konsulenter:
Janne Andersen
Dato:
05.10.17
Antal ansatte i alt på tilbuddet:
Vi talte med:
4 medarbejdere og 1 leder
""")
    assert empty_staff.employees_total is None and empty_staff.spoke_with == ["4 medarbejdere", "1 leder"]


def test_a_count_alone_among_a_column_of_values_is_the_staff_count_not_a_page_number() -> None:
    """A layout dump of a form read column by column prints the staff count as a number alone
    among the values; only a number that nothing but numbers follows is a page's."""
    box = _box("""
Auditorer:
Dato:
Antal ansatte i alt på tilbuddet:
Vi talte med:
Temaer
Dorte Vanetiner-Branth
Mie Madsen
26.10.17
7
1 leder og 5 ansatte
Under besøget var det især emner, som kredser om Tema 3a og tema 4, som fyldte.
3
""")
    assert box.auditors == ["Dorte Vanetiner-Branth", "Mie Madsen"]
    assert box.employees_total == 7
    assert box.spoke_with == ["1 leder", "5 ansatte"]
    assert box.focus_note == "Under besøget var det især emner, som kredser om Tema 3a og tema 4, som fyldte."


def test_values_printed_under_the_next_field_name_go_back_to_their_own_by_kind() -> None:
    """An extractor that orders the side box's blocks among the method text beside it prints a
    field name, then another field's value, and the name's own value further down: each value
    goes to the field of its kind (names, a count, counted roles); a date wrapped over two lines
    stays the date's."""
    box = _box("""
Dato og tidsrum
2/11-21
Kl. 08:30 – 15:00
Konsulenter
Skriftlig feedback
34, heraf 6 faste nattevagter
Vi talte med
Hvert tema er delt op i tre farver: grå, lilla og gul.
Anne-Mette Kjærgaard
Søren Bech Nielsen
Antal ansatte i alt på tilbuddet
2 ledere
7 medarbejdere

1 pårørende
""")
    assert box.auditors == ["Anne-Mette Kjærgaard", "Søren Bech Nielsen"]
    assert (box.employees_total, box.spoke_with[:3]) == (34, ["2 ledere", "7 medarbejdere", "1 pårørende"])
    kept = " ".join(box.spoke_with[3:])  # what stood under the name is kept after its value, never dropped
    assert "Hvert tema er delt op i tre farver" in kept
    wrapped_date = _box("""
Dato og tidsrum
19.
juni 2018
Auditorer
Dorte Valentiner-Branth
Antal ansatte i alt på tilbuddet
Vi talte med
2 medarbejdere
""")
    assert (str(wrapped_date.visit_date), wrapped_date.employees_total) == ("2018-06-19", None)
    after_the_date = _box("""
Dato og tidsrum
2.11.2021
34, heraf 6 faste nattevagter
Vi talte med
2 ledere
Antal ansatte
""")
    assert (str(after_the_date.visit_date), after_the_date.employees_total) == ("2021-11-02", 34)
    assert after_the_date.spoke_with == ["2 ledere"]


def test_counted_roles_under_the_staff_count_s_name_are_whom_they_spoke_with() -> None:
    """A dump that lost "Vi talte med" prints its value under the staff count's name: "4
    medarbejdere" is no count of staff but whom the visitors spoke with."""
    box = _box("""
Konsulenter
Janne Andersen
Antal ansatte i alt på tilbuddet
4 medarbejdere
1 leder
""")
    assert (box.employees_total, box.spoke_with) == (None, ["4 medarbejdere", "1 leder"])


def test_names_under_a_note_s_name_go_back_to_the_auditors() -> None:
    """pdftotext's order of a side box beside the method text, rotated by one: the counted roles
    under "Konsulenter", the names under "Temaer", the note under "Vi talte med". The names go
    back to the auditors and the roles to whom the visitors spoke with; the note's words stay."""
    box = _box("""
Konsulenter
4 medarbejdere
1 leder
Temaer
Janne Andersen
Dorte Valentiner-Branth
Vi talte med
Under besøget var det især emnerne mental sundhed og tid, der optog medarbejderne.
""")
    assert box.auditors == ["Janne Andersen", "Dorte Valentiner-Branth"]
    assert box.spoke_with[:2] == ["4 medarbejdere", "1 leder"]
    assert "mental sundhed" in " ".join(box.spoke_with[2:])  # the note, kept where it was printed


def test_the_rest_of_a_label_printed_apart_from_it_is_no_value_and_no_field() -> None:
    """pdfminer's order of a label justified over three lines in a narrow side box: "Antal
    ansatte" before its (empty) value, "i alt på" among the auditors' names, "tilbuddet" alone."""
    box = _box("""
Konsulenter
Janne Andersen

Dorte Valentiner-Branth

i  alt  på

Antal  ansatte
tilbuddet

Vi talte med
4 medarbejdere
""")
    assert box.auditors == ["Janne Andersen", "Dorte Valentiner-Branth"]
    assert (box.employees_total, box.offer, box.spoke_with) == (None, None, ["4 medarbejdere"])


def test_names_one_per_line_after_a_name_on_the_label_line_are_several_auditors() -> None:
    """A value begun on its label's line wraps like running text, unless a whole name follows a
    line that ends with one: then the lines are a list (a definition list read line by line)."""
    listed = _box("""
Konsulenter: Janne Andersen
Dorte Valentiner-Branth
Dato: 05.10.17
""")
    assert listed.auditors == ["Janne Andersen", "Dorte Valentiner-Branth"]
    wrapped = _box("""
Konsulenter: Janne Andersen og Dorte
Valentiner-Branth
Dato: 05.10.17
""")
    assert wrapped.auditors == ["Janne Andersen", "Dorte Valentiner-Branth"]
    broken = _box("""
Konsulenter: Anne-Mette Kjærgaard, Søren
Bech Nielsen
Dato: 05.10.17
""")
    assert broken.auditors == ["Anne-Mette Kjærgaard", "Søren Bech Nielsen"]


def test_an_entry_wrapped_before_its_dash_is_one_entry_and_a_dashed_list_is_a_list() -> None:
    box = _box("""
Vi talte med
Tilbudsleder
Chef for ungdomsuddannelse og botilbud
- Behandlingsskolerne
2 medarbejdere
""")
    assert box.spoke_with == ["Tilbudsleder", "Chef for ungdomsuddannelse og botilbud - Behandlingsskolerne",
                              "2 medarbejdere"]
    listed = _box("""
Vi talte med
- 1 leder
- 2 medarbejdere
""")
    assert len(listed.spoke_with) == 2
