"""The cover and the side box "Oplysninger om besøget": who visited, when, whom they spoke with.

The side box is a small form whose field names vary between templates ("Dato", "Dato og
tidsrum"; "Konsulenter" or "Auditorer"; a value on the label's line or on the lines below), so
fields are found by their names and a field's value runs until the next field name.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from kvalitet_core.recognise.anatomy import Part, fold, part_heading
from kvalitet_core.recognise.draft import Line
from kvalitet_core.recognise.line_paragraphs import paragraphs

_MONTHS = {
    name: number for number, names in enumerate(
        [("januar", "jan"), ("februar", "feb"), ("marts", "mar"), ("april", "apr"), ("maj",), ("juni", "jun"),
         ("juli", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("oktober", "okt"),
         ("november", "nov"), ("december", "dec")], start=1)
    for name in names
}
_FIELDS: dict[str, re.Pattern[str]] = {
    "date": re.compile(r"^dato\b(?:\s+og\s+tidsrum)?\s*:?\s*", re.IGNORECASE),
    "auditors": re.compile(r"^(konsulenter|auditorer)\s*:?\s*", re.IGNORECASE),
    "participants": re.compile(r"^deltagere\s*:?\s*$", re.IGNORECASE),
    "employees": re.compile(r"^antal\s+ansatte(?:\s+i\s+alt)?(?:\s+på\s+tilbuddet)?\s*:?\s*", re.IGNORECASE),
    "spoke_with": re.compile(r"^vi\s+talte\s+med\s*:?\s*", re.IGNORECASE),
    "focus": re.compile(r"^temaer\s*(?::\s*|$)", re.IGNORECASE),
    "terminology": re.compile(r"^en\s+opmærksomhed\s*(?::\s*|$)", re.IGNORECASE),
    "series": re.compile(r"^serie\s*(?::\s*|$)", re.IGNORECASE),
    "offer": re.compile(r"^tilbud(?:det)?\s*(?::\s*|$)", re.IGNORECASE),
    "unit": re.compile(r"^(?:enhed|afdeling)\s*(?::\s*|$)", re.IGNORECASE),
    "organisation": re.compile(r"^organisation\s*(?::\s*|$)", re.IGNORECASE),
    "time": re.compile(r"^(?:tidsrum|tidspunkt)\s*(?::\s*|$)", re.IGNORECASE),
}
"""Fields of the side box by the label printed before their value. Templates that print the
side box as a table of keys and values name the offer, unit, organisation and series there too."""
_TIME_RANGE = re.compile(r"(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})")


def parse_date(text: str) -> date | None:
    """A Danish date in any of the forms reports use: 28.09.17, 19.6. 2018, 26/10-17, 5.10.2017,
    "19. juni 2018"."""
    match = re.search(r"(\d{1,2})\.\s*([a-zæøå]+)\.?\s+(\d{4})", text, re.IGNORECASE)
    if match and match.group(2).casefold() in _MONTHS:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).casefold()], int(match.group(3))
    else:
        match = re.search(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]?\s*(\d{4}|\d{2})(?!\d)", text)
        if not match:
            return None
        day, month, year = (int(group) for group in match.groups())
        year += 2000 if year < 100 else 0
    try:
        return date(year, month, day)
    except ValueError:
        return None


def time_range(text: str) -> str | None:
    """"Kl. 09:00 – 14:30" → "09:00-14:30"."""
    match = _TIME_RANGE.search(text)
    if not match:
        return None
    start_hour, start_minute, end_hour, end_minute = match.groups()
    return f"{int(start_hour):02d}:{start_minute}-{int(end_hour):02d}:{end_minute}"


@dataclass(slots=True)
class SideBox:
    """The fields of "Oplysninger om besøget"."""

    visit_date: date | None = None
    time_range: str | None = None
    auditor_title: str | None = None
    auditors: list[str] = field(default_factory=list)
    employees_total: int | None = None
    employees_note: str | None = None
    spoke_with: list[str] = field(default_factory=list)
    focus_note: str | None = None
    terminology_note: str | None = None
    series: str | None = None
    offer: str | None = None
    unit: str | None = None
    organisation: str | None = None


def _field_of(line: str) -> tuple[str, str] | None:
    text = line.strip()
    for name, pattern in _FIELDS.items():
        match = pattern.match(text)
        if match:
            return name, text[match.end():]
    return None


@dataclass(slots=True)
class _Field:
    """A side box field as printed: its label, its value's lines, and whether the value starts
    on the label's line ("Konsulenter: Janne Andersen og …")."""

    label: str
    lines: list[str]
    inline: bool


def side_box_fields(lines: list[Line]) -> dict[str, _Field]:
    """Field name → the field as printed, for the first side box in ``lines``."""
    fields: dict[str, _Field] = {}
    current: list[str] | None = None
    wrapped = False
    for index, line in enumerate(lines):
        if wrapped:  # the second line of a label wrapped in a narrow side box
            wrapped = False
            continue
        found = _field_of(line.text)
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        whole = _field_of(f"{line.text.strip()} {following.strip()}") if line.text.strip() and following.strip() else None
        if whole and not whole[1].strip():
            found, wrapped = whole, True  # "Antal ansatte i alt på" / "tilbuddet", "Antal ansatte i alt" / "på …"
            line = Line(f"{line.text.strip()} {following.strip()}", line.page)
        if found and found[0] not in fields:
            name, rest = found
            label = line.text.strip()[: len(line.text.strip()) - len(rest)].strip(" :")
            current = [rest] if rest.strip() else []
            fields[name] = _Field(label, current, bool(rest.strip()))
        elif current is not None:
            current.append(line.text)
    return _label_rest_apart(fields)


_STAFF_LABEL = "antal ansatte i alt på tilbuddet"
"""The number of employees' label in full, which a template may print shorter."""


def _label_rest_apart(fields: dict[str, _Field]) -> dict[str, _Field]:
    """A field label justified over lines and printed apart from its start (pdfminer's order:
    "Antal ansatte" … a value … "i alt på" … "tilbuddet"): the rest of the label is no value,
    and its last word ("tilbuddet") no field of its own — its lines go back to the field before."""
    staff = fields.get("employees")
    if staff is None:
        return fields
    printed = fold(staff.label).casefold().split()
    full = _STAFF_LABEL.split()
    if full[:len(printed)] != printed or len(printed) == len(full):
        return fields
    rest = full[len(printed):]
    pieces = {" ".join(rest[start:end]) for start in range(len(rest)) for end in range(start + 1, len(rest) + 1)}
    kept: dict[str, _Field] = {}
    for name, printed_field in fields.items():
        lines = [line for line in printed_field.lines if fold(line).casefold() not in pieces]
        if fold(printed_field.label).casefold() in pieces and kept:
            next(reversed(kept.values())).lines.extend(lines)
            continue
        kept[name] = _Field(printed_field.label, lines, printed_field.inline)
    return kept


def _join_lines(lines: list[str]) -> str:
    text = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        text = text + line if re.search(r"[^\W\d_]-$", text) else f"{text} {line}".strip()
    return " ".join(text.split())


def _paragraph_text(lines: list[str]) -> str | None:
    """A free-text field: its paragraphs, joined by a blank line."""
    return "\n\n".join(paragraphs(lines)) or None


def _names(lines: list[str], inline: bool = False) -> list[str]:
    """Names separated by commas, "og" or line ends (a line ending in a hyphen carries on). A
    value that starts on its label's line ("Konsulenter: Janne Andersen og Dorte") wraps like
    running text, so its line ends separate nothing."""
    entries = _running_names(lines) if inline else _entries_by_line(lines)
    return [name.strip() for line in entries for name in _NAME_SEPARATORS.split(line) if name.strip()]


def _running_names(lines: list[str]) -> list[str]:
    """A value begun on its label's line, joined like running text — except where a line that is
    a whole name follows a line that ends with one: a list of names, one per line ("Konsulenter:
    Janne Andersen" / "Dorte Valentiner-Branth"), read with the label's line as its first."""
    entries: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        last = _NAME_SEPARATORS.split(entries[-1])[-1].strip() if entries else ""
        if entries and not (_PERSON.match(last) and _PERSON.match(line)):
            entries[-1] = _join_lines([entries[-1], line])
        else:
            entries.append(line)
    return entries


_NAME_SEPARATORS = re.compile(r",|\s+og\s+|\s*&\s*")


_DASHED = re.compile(r"[-–]\s")
"""A line that opens with a dash and a space."""


def _entries_by_line(lines: list[str]) -> list[str]:
    """One entry per line; a line that ends in a hyphen, "og" or a comma, or is followed by a
    line in lower case, carries on — and so does one followed by a line opening with a dash,
    unless it opened with one itself ("Chef for botilbud" / "- Behandlingsskolerne" is one
    entry wrapped before its dash; "- 1 leder" / "- 2 medarbejdere" are a list)."""
    entries: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        dashed = _DASHED.match(line) and not _DASHED.match(entries[-1]) if entries else False
        if entries and (entries[-1].endswith((" og", ",", "-")) or line[0].islower() or dashed):
            entries[-1] = _join_lines([entries[-1], line])
        else:
            entries.append(line)
    return entries


def _entries(lines: list[str]) -> list[str]:
    """"1 leder, 3 medarbejdere og 3 borgere" or one entry per line (a line may wrap)."""
    result: list[str] = []
    for entry in _entries_by_line(lines):
        result.extend(part.strip(" ,.") for part in re.split(r",\s*|\s+og\s+(?=\d)", entry) if part.strip(" ,."))
    return result


def _employees(lines: list[str]) -> tuple[int | None, str | None]:
    text = _join_lines(lines)
    match = re.match(r"(\d+)\s*,?\s*(.*)$", text)
    if not match:
        return None, None
    note = match.group(2).strip(" .") or None
    return int(match.group(1)), note


_PAGE_NUMBER = re.compile(r"\s*\d{1,3}\s*")


def _value_lines(lines: list[str]) -> list[str]:
    """A field's value: its non-blank lines up to the next field or heading, page numbers left out.

    Values may sit on the label's line, on the lines below, or one per paragraph (Word), so
    blank lines do not end a value.
    """
    value: list[str] = []
    for line in _until_part(lines):
        if line.strip() and not (value and _PAGE_NUMBER.fullmatch(line)):
            value.append(line)
    return value


def side_box_start(lines: list[Line]) -> int:
    """Where the side box's fields begin (its first field, usually the date); ``len(lines)`` if absent."""
    return next((i for i, line in enumerate(lines) if _field_of(line.text)), len(lines))


def _unstacked(fields: dict[str, _Field]) -> dict[str, _Field]:
    """A form read column by column (an extractor that takes the field names' column, then the
    values'): two field names or more in a row with nothing between them, then the values of
    all of them under the last. Each name then takes its value from those lines by its kind, in order — a
    date, names of persons, a count — and the last field keeps the rest."""
    names = list(fields)
    for end, name in enumerate(names):
        pool = _stacked_values(fields[name].lines)
        empty: list[str] = []
        for other in reversed(names[:end]):
            if _value_lines(fields[other].lines):
                break
            empty.insert(0, other)
        if not pool or sum(other in _KINDS for other in empty) < 2 \
                or not all(other in _KINDS or other == "participants" for other in empty):
            continue  # one field left empty is just that
        for other in empty:
            taken = _KINDS[other](pool) if other in _KINDS else []
            if taken:
                fields[other] = _Field(fields[other].label, taken, False)
                pool = [line for line in pool if line not in taken]
        fields[name] = _Field(fields[name].label, pool, False)
    return fields


def _stacked_values(lines: list[str]) -> list[str]:
    """The values of a form read column by column: a number alone among them is a count ("7"),
    not a page number, unless nothing but numbers follows it."""
    value = [line for line in _until_part(lines) if line.strip()]
    while len(value) > 1 and _PAGE_NUMBER.fullmatch(value[-1]):
        value.pop()
    return value


def _dated(lines: list[str]) -> list[str]:
    return next(([line] for line in lines if parse_date(line)), [])


def _persons(lines: list[str]) -> list[str]:
    start = next((index for index, line in enumerate(lines) if _PERSON.match(line.strip())), None)
    if start is None:
        return []
    end = start
    while end < len(lines) and _PERSON.match(lines[end].strip()):
        end += 1
    return lines[start:end]


def _counted(lines: list[str]) -> list[str]:
    return next(([line] for line in lines if _COUNT.match(line) and not parse_date(line)
                 and not _ROLES.match(line)), [])


_COUNT = re.compile(r"\s*\d+\s*(?:$|[,(]|[^\W\d_])")
"""A count of staff: a number alone, or before a comma, a bracket or a word ("34, heraf 6 faste
nattevagter", "5 ansatte") — not a number and a full stop, the day of a date wrapped ("19." /
"juni 2018")."""


def _roles(lines: list[str]) -> list[str]:
    """The first run of counted roles, one per line ("2 ledere" / "7 medarbejdere"), blank lines
    between them left out."""
    start = next((index for index, line in enumerate(lines) if _ROLES.match(line)), None)
    if start is None:
        return []
    run = itertools.takewhile(lambda line: not line.strip() or _ROLES.match(line), lines[start:])
    return [line for line in run if line.strip()]


_ROLES = re.compile(r"\s*\d+\s+(?:ledere?|medarbejdere?|borgere?|brugere?|beboere?|elever|frivillige?|pårørende)\b",
                    re.IGNORECASE)
"""Whom the visitors spoke with, counted ("1 leder, 3 medarbejdere og 3 borgere"): not a count of staff."""
_KINDS = {"date": _dated, "auditors": _persons, "employees": _counted, "spoke_with": _roles}
"""How a field's value is told among a column of values: by its kind."""


def _misplaced(fields: dict[str, _Field]) -> dict[str, _Field]:
    """A value printed under another field's name, found by its kind: an extractor that orders
    the side box's blocks among the method text's beside it may print a name, then another
    field's value, and the name's own value further down. A field of a kind (:data:`_KINDS`)
    whose value holds nothing of that kind takes the first run of its kind printed under
    another such field whose value holds nothing of its own kind either — or else, for a
    one-line kind (a date, a count), printed after the value of one that does, and for the
    auditors' names, under a note's name. (Whom the visitors spoke with may be titles without
    a count, which no kind tells from other text.)"""
    misfits = [name for name in fields if name in _KINDS and not _holds_kind(name, _value_lines(fields[name].lines))]
    left = {name: list(fields[name].lines) for name in misfits}  # as printed, less what was taken
    for name in misfits:
        for other in misfits:
            found = _KINDS[name](left[other]) if other != name else []
            if found:
                left[other] = [line for line in left[other] if line not in found]
                _move(fields, found, other, name)
                break
        else:  # a one-line value after the value of a field that holds its own: "2.11.2021" / "34, heraf …"
            donors = [other for other in fields if name in _ONE_LINE and other in _KINDS and other not in misfits]
            if name == "auditors":  # names under a note's name ("Temaer" / "Janne Andersen"): no note names people
                donors = [other for other in _NOTES if other in fields]
            for other in donors:
                found = _KINDS[name]([line for line in fields[other].lines
                                      if not (other in _KINDS and _KINDS[other]([line]))
                                      and not time_range(line) and not parse_date(line)])
                if found:
                    _move(fields, found, other, name)
                    break
    return fields


def _move(fields: dict[str, _Field], found: list[str], source: str, target: str) -> None:
    """A value moved from the field it was printed under to its own: there first, then what was
    printed under the target's name, kept (another field's value, the text beside the box —
    nothing printed is dropped)."""
    moved, given = fields[source], fields[target]
    fields[source] = _Field(moved.label, [line for line in moved.lines if line not in found], moved.inline)
    fields[target] = _Field(given.label, [*found, *(line for line in given.lines if line.strip() and line not in found)],
                            False)


_NOTES = ("focus", "terminology")
"""Fields of free text: sentences, never a list of persons' names."""
_ONE_LINE = {"date", "employees"}
"""Fields whose value is one line of a kind no other text has: a date, a count."""


def _holds_kind(name: str, lines: list[str]) -> bool:
    """Whether a field's value holds something of its kind: a date, wrapped or not ("19." /
    "juni 2018"), or a line of the kind."""
    return parse_date(_join_lines(lines)) is not None if name == "date" else bool(_KINDS[name](lines))


def read_side_box(lines: list[Line]) -> SideBox:
    """The side box fields found in the front matter's lines."""
    fields = _misplaced(_unstacked(side_box_fields(lines)))
    box = SideBox()
    if "date" in fields:
        text = _join_lines(_value_lines(fields["date"].lines))
        box.visit_date = parse_date(text)
        box.time_range = time_range(text)
    strays = [line for name in ("date", "employees", "time") if name in fields
              for line in _value_lines(fields[name].lines)[1:] if _PERSON.match(line.strip())]
    if "auditors" in fields:
        auditors = fields["auditors"]
        box.auditor_title = auditors.label.capitalize()
        box.auditors = _names(_value_lines(auditors.lines), inline=auditors.inline)
    roles: list[str] = []
    if "employees" in fields:
        value = _value_lines(fields["employees"].lines)
        if value and _ROLES.match(value[0]):  # "4 medarbejdere" / "1 leder": whom they spoke with, no staff count
            roles, value = _entries(value), []
        box.employees_total, box.employees_note = _employees(value)
        if box.employees_total is None:  # the count printed after a line of the text beside the box
            box.employees_total, box.employees_note = _employees(_counted(value))
    if "spoke_with" in fields:
        box.spoke_with = _entries(_value_lines(fields["spoke_with"].lines))
    box.spoke_with += [entry for entry in roles if entry not in box.spoke_with]
    if "auditors" in fields:
        box.auditors += [name.strip() for name in strays if name.strip() not in box.auditors]
        if "spoke_with" in fields:
            _roles_to_spoke_with(box)
    if box.time_range is None:
        box.time_range = next((found for printed in fields.values() for line in printed.lines
                               if (found := time_range(line))), None)
    box.spoke_with = [entry for entry in box.spoke_with if not time_range(entry) and not parse_date(entry)]
    if "focus" in fields:
        box.focus_note = _paragraph_text(_until_part(fields["focus"].lines))
        if "spoke_with" in fields:
            box.focus_note = _counted_first(box, box.focus_note)
    if "terminology" in fields:
        box.terminology_note = _paragraph_text(_until_part(fields["terminology"].lines))
    if "time" in fields and box.time_range is None:
        box.time_range = time_range(_join_lines(_value_lines(fields["time"].lines)))
    for name in ("series", "offer", "unit", "organisation"):
        if name in fields:
            setattr(box, name, _join_lines(_value_lines(fields[name].lines)) or None)
    return box


_PERSON = re.compile(r"^(?:[A-ZÆØÅ][^\W\d_]*(?:-[A-ZÆØÅ][^\W\d_]*)*\.?\s+)+[A-ZÆØÅ][^\W\d_]*(?:-[A-ZÆØÅ][^\W\d_]*)*$")
"""A person's name: two words or more, each capitalised ("Dorte Valentiner-Branth")."""


def _roles_to_spoke_with(box: SideBox) -> None:
    """Move entries that are no person's name out of the auditors and into whom the visitors
    spoke with ("1 leder", "Tilbudsleder", "Chef for …"). A text dump that interleaves the side
    box with the method text beside it prints values after the wrong label; the auditors' value
    is a list of names, so what is no name belongs to the other list of people. Names
    misplaced under the date or the number of employees come back to the auditors the same way."""
    roles = [name for name in box.auditors if not _PERSON.match(name)]
    if roles:
        box.auditors = [name for name in box.auditors if name not in roles]
        box.spoke_with += [entry for entry in roles if entry not in box.spoke_with]


_FRONT_PARTS = {Part.METHOD, Part.SIDE_BOX, Part.OVERALL, Part.INTRODUCTION}
"""Headings that end a side box field. The front matter's method text names the report's other
parts too ("Konklusion", "Bedømmelse": what the reader will find there), and a dump may print
those headings in the middle of a field's value."""


def _until_part(lines: list[str]) -> list[str]:
    """A free-text field runs to the next heading of the front matter."""
    value: list[str] = []
    for line in lines:
        if part_heading(line) & _FRONT_PARTS:
            break
        if not part_heading(line):
            value.append(line)
    return value


def _counted_first(box: SideBox, text: str | None) -> str | None:
    """A free-text field without the counted entries ("2 frivillige") that open it: whom the
    visitors spoke with, printed after the next label by a dump that interleaves the side box."""
    if text is None:
        return None
    paragraphs_ = text.split("\n\n")
    while paragraphs_ and _COUNTED.match(paragraphs_[0]):
        entry = paragraphs_.pop(0)
        if entry not in box.spoke_with:
            box.spoke_with.append(entry)
    return "\n\n".join(paragraphs_) or None


_COUNTED = re.compile(r"^\d+\s+[^\W\d_]+(?:\s+[^\W\d_]+)?$")
"""A counted entry of whom the visitors spoke with: "2 frivillige", "3 medarbejdere"."""


@dataclass(slots=True)
class Cover:
    """What a surviving cover page says."""

    series: str | None = None
    offer: str | None = None
    unit: str | None = None
    visit_date: date | None = None


_COVER_TITLE = re.compile(r"^skriftlig\s+feedback(?=$|\s*[·|:–-])", re.IGNORECASE)
"""The cover's title, alone on its line or before a separator and the series."""
_SERIES = re.compile(r"^(?=.*\b(?:19|20)\d\d\b)(?=.*\bkvalitet).{0,60}$", re.IGNORECASE)
"""A series line ("Kvalitet i SOF 2017"): the word kvalitet and a year, short."""


def read_cover(lines: list[Line]) -> Cover | None:
    """Series, offer/unit and date from a cover: "Kvalitet i SOF 2017 / Skriftlig Feedback /
    Marianelund, Snekken / Besøg den 19. juni 2018", in whatever order the cover's producer put
    its lines. None when no cover survived."""
    texts = _cover_lines(lines)
    marker = next((i for i, text in enumerate(texts[:12]) if _COVER_TITLE.match(text)), None)
    if marker is None:
        return None
    rest = _COVER_TITLE.sub("", texts[marker]).strip(" ·|:–-")
    if rest:  # "Skriftlig feedback · Kvalitet i SOF 2017": the title and the series on one line
        texts[marker + 1:marker + 1] = [rest]
    near = texts[max(0, marker - 3):marker] + texts[marker + 1:marker + 6]
    series = next((text for text in near if _SERIES.match(text) and parse_date(text) is None), None)
    cover = Cover(series=series)
    for text in texts[marker + 1: marker + 6] + texts[max(0, marker - 3):marker]:
        if text == series:
            continue
        visit = re.match(r"besøg(?:et|sdato)?\s*(?:den\s+|:\s*)?(.*)$", text, re.IGNORECASE)
        if visit or (cover.visit_date is None and parse_date(text)):
            cover.visit_date = cover.visit_date or parse_date(visit.group(1) if visit else text)
        elif cover.offer is None:
            name, _, unit = text.partition(",")
            cover.offer, cover.unit = name.strip(), unit.strip() or None
    return cover if cover.offer else None


def _cover_lines(lines: list[Line]) -> list[str]:
    """The cover's lines, a line wrapped in a narrow cover joined again ("Skriftlig" /
    "Feedback", "Bostedet" / "Kastanjehaven, Lyset", "Besøg den 2." / "november 2021"): within
    a paragraph (lines not parted by a blank one), a line carries on the one before unless that
    one is whole — a title, a series, a visit date — or it begins one itself."""
    texts: list[str] = []
    joinable = False
    for line in lines:
        text = fold(line.text)
        if not text:
            joinable = False
            continue
        if joinable and not _cover_item(text, whole=False):
            texts[-1] = f"{texts[-1]} {text}"
        else:
            texts.append(text)
        joinable = not _cover_item(texts[-1], whole=True)
    return texts


_VISIT_LINE = re.compile(r"^besøg(?:et|sdato)?\b", re.IGNORECASE)


def _cover_item(text: str, whole: bool) -> bool:
    """Whether a line is (``whole``) or begins (not ``whole``) one of the cover's own items."""
    if _COVER_TITLE.match(text) or _SERIES.match(text):
        return True
    if _VISIT_LINE.match(text):
        return not whole or parse_date(text) is not None
    return parse_date(text) is not None
