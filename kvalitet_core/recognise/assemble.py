"""From a cut-up report (:class:`DocumentDraft`) to a :class:`Visit`: the anatomy interpreted once.

Front matter gives the cover, the side box and the overall impression; theme pages give the
sections; back matter gives the assessment, the conclusion and its "leve op til" list. Whatever
had to be guessed — an offer named by inference, a theme taken from page order — is recorded
as a warning on the visit's provenance.
"""

from __future__ import annotations

import re
from pathlib import Path

from kvalitet_core.conservation import template_words, words
from kvalitet_core.model import (
    Box,
    BoxKind,
    Contribution,
    ImportWarning,
    Provenance,
    Section,
    Visit,
    visit_id_for,
)
from kvalitet_core.paragraphs import items_from_paragraphs
from kvalitet_core.quality_model import QualityModel
from kvalitet_core.recognise.anatomy import (
    ASSESSMENTS,
    CONTRIBUTION_LEAD,
    EMPTY_BOX,
    VERDICT_LINE,
    Part,
    appendix_begins,
    fold,
    part_heading,
    unnumbered,
)
from kvalitet_core.recognise.draft import DocumentDraft, Line, PageDraft, Paragraph
from kvalitet_core.recognise.inference import infer_offer, infer_organisation
from kvalitet_core.recognise.line_paragraphs import paragraphs
from kvalitet_core.recognise.metadata import read_cover, read_side_box, side_box_start
from kvalitet_core.recognise.themes import PageThemes, assign_themes

_CORE_TASK = re.compile(r"kerneopgave\w*\s*:\s*[`'\"”„“‘’]\s*(.+?)\s*[´'\"”“’]\s*\.?\s*$", re.IGNORECASE)
_ASSESSMENT_LINE = re.compile(r"^bedømmelse\s*:?\s*(.*)$", re.IGNORECASE)


def _first(lines: list[Line], parts: set[Part], start: int = 0) -> int | None:
    return next((i for i in range(start, len(lines)) if part_heading(lines[i].text) & parts), None)


def _texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


def _box(paragraph_list: list[Paragraph]) -> Box:
    texts = [p.text for p in paragraph_list]
    known = [p.heading for p in paragraph_list]
    headings = {i for i, heading in enumerate(known) if heading} if any(h is not None for h in known) else None
    items = items_from_paragraphs(texts, headings)
    position = 0
    for item in items:
        size = (1 if item.heading else 0) + len(item.paragraphs)
        item.cards = [card for p in paragraph_list[position:position + size] for card in p.cards]
        position += size
    return Box(items=items)


class _Assembler:
    """One visit's assembly; collects the pages and warnings as the parts are read."""

    def __init__(self, draft: DocumentDraft, model: QualityModel, source_name: str) -> None:
        self.draft = draft
        self.model = model
        self.source_name = source_name
        self.warnings: list[ImportWarning] = list(draft.warnings)
        self.pages: dict[str, int] = {}

    def front(self) -> tuple[str, list[Line]]:
        """The overall impression and the lines before it (cover, method, side box)."""
        lines = self.draft.front
        start = _first(lines, {Part.OVERALL})
        if start is None:
            start = _first(lines, {Part.INTRODUCTION}, 1)
        if start is None:
            return "", lines
        body = [line for line in lines[start + 1:] if not part_heading(line.text)]
        content = next((line for line in body if line.text.strip()), None)
        if content:
            self.pages["overall_impression"] = content.page
        return "\n\n".join(paragraphs(_texts(body))), lines[:start]

    def back(self) -> tuple[str | None, str, list[Contribution]]:
        """Assessment, conclusion and the "leve op til" list from the back matter."""
        lines = self.draft.back
        texts = _texts(lines)
        end = next((i for i, line in enumerate(lines) if part_heading(line.text) & {Part.APPENDIX}
                    or appendix_begins(texts, i, self.model)), len(lines))
        lines = lines[:end]
        self._warn_before_heading(lines)
        assessment = self._assessment(lines)
        conclusion, contributions = "", []
        at = _first(lines, {Part.CONCLUSION})
        if at is not None:
            body = [line for line in lines[at + 1:] if not part_heading(line.text)]
            lead = next((i for i, line in enumerate(body) if CONTRIBUTION_LEAD.fullmatch(fold(line.text))), len(body))
            content = next((line for line in body if line.text.strip()), None)
            if content:
                self.pages["conclusion"] = content.page
            conclusion = "\n\n".join(paragraphs(_texts(body[:lead])))
            contributions = self._contributions(body[lead + 1:])
        return assessment, conclusion, contributions

    def _warn_before_heading(self, lines: list[Line]) -> None:
        """Text before the back matter's first heading has no field to go in (a verdict printed
        over its heading is the assessment's): say so, quoting it, so nothing is lost unseen."""
        first = _first(lines, {Part.ASSESSMENT, Part.CONCLUSION})
        left = [line for line in lines[:first] if line.text.strip() and not VERDICT_LINE.fullmatch(fold(line.text))
                and not self.model.is_template_line(line.text)] if first is not None else []
        if left:
            quoted = " / ".join(" ".join(line.text.split()) for line in left)
            self.warnings.append(ImportWarning(message=f"text before the assessment and conclusion left out: “{quoted}”",
                                               page=left[0].page, code="back-text-left-out"))

    def _assessment(self, lines: list[Line]) -> str | None:
        """The verdict under "Bedømmelse" (or on its line: "Bedømmelse: Akkrediteret"); failing
        that, a line on the heading's page that is a verdict and nothing else — a slide or page
        may print the verdict beside or above its heading, and the reader's order put it first."""
        for index, line in enumerate(lines):
            inline = _ASSESSMENT_LINE.match(unnumbered(fold(line.text)))
            if not inline:
                continue
            following = [inline.group(1)] if inline.group(1) else [
                other.text for other in lines[index + 1:] if other.text.strip()][:1]
            verdict = ASSESSMENTS.match(fold(following[0])) if following else None
            if verdict is None and not inline.group(1):
                verdict = next((found for other in lines if other.page == line.page
                                and (found := VERDICT_LINE.fullmatch(fold(other.text)))), None)
            if verdict:
                self.pages["assessment"] = line.page
                return fold(verdict.group(1)).capitalize()
        return None

    def _contributions(self, lines: list[Line]) -> list[Contribution]:
        found = []
        for paragraph in paragraphs(_texts(lines)):
            match = re.match(rf"^(?:- )?{re.escape(self.model.theme_word)}\s+(\d+\s*\.?\s*[a-z]?)[.:]?\s+(.*)$",
                             paragraph, re.IGNORECASE)
            theme = self.model.resolve(match.group(1).replace(" ", "")) if match else None
            if match and theme:
                found.append(Contribution(theme=theme, text=self._without_title(theme, match.group(2))))
            elif found:
                text = f"{found[-1].text} {paragraph}" if found[-1].text else paragraph
                found[-1] = Contribution(theme=found[-1].theme, text=text)
        return [contribution for contribution in found if contribution.text]

    def _without_title(self, theme: str, text: str) -> str:
        """A contribution's sentence without the theme's title before it, which some templates
        print ("Tema 4. Organisation og ledelse: Fremme struktur …"); empty when the line holds
        the title alone (the sentence follows on the next line)."""
        title = self.model.theme(theme)
        if title is None:
            return text
        key = fold(title.title)
        if fold(text).casefold().startswith(key.casefold()):
            return fold(text)[len(key):].lstrip(" :.–-")
        return text

    def sections(self) -> list[Section]:
        themes, warnings = assign_themes(self.draft.pages, self.model)
        self.warnings.extend(warnings)
        kept: list[tuple[PageDraft, PageThemes]] = []
        for page, result in zip(self.draft.pages, themes):
            if result.source == "run-over" and kept:
                kept[-1][0].carry_on(page.boxes)
            else:
                kept.append((page, result))
        sections: list[Section] = []
        for page, result in kept:
            self.pages[f"sections.{len(sections)}"] = page.page
            for kind in BoxKind:
                placeholder = [p.text for p in page.boxes[kind]]
                if placeholder and all(EMPTY_BOX.match(text.strip()) for text in placeholder):
                    page.boxes[kind] = []
                    self.warnings.append(ImportWarning(
                        message=f"the {kind.label} box only says “{' '.join(placeholder)}”: read as empty",
                        page=page.page, code="empty-box"))
            sections.append(Section(
                themes=result.themes or [self.model.theme_ids[0]], continued=result.continued,
                **{kind.value: _box(page.boxes[kind]) for kind in BoxKind},
            ))
        return sections

    def _without_template(self, lines: list[Line]) -> list[Line]:
        """Lines without the template's fixed text (the method text beside the side box): a line
        of it, or the end of its sentence wrapped onto a line of its own ("… konklusioner på" /
        "besøget."). After a line that ended its sentence, only a line of the template's words
        goes on its text (a heading, "Konklusion"): a field's value printed there ("7", "5, alle på
        deltid") is no part of it."""
        kept: list[Line] = []
        previous = ""
        for line in lines:
            template = self.model.is_template_line(line.text) or bool(
                previous and self._goes_on(previous, line.text) and self.model.is_template_line(f"{previous} {line.text}"))
            previous = line.text.strip() if template else ""
            if not template:
                kept.append(line)
        return kept

    def _goes_on(self, previous: str, line: str) -> bool:
        """Whether ``line`` may carry on the template's text from ``previous`` (see above)."""
        own = words(line)
        return bool(own) and (not previous.endswith((".", "?", "!")) or own.keys() <= template_words(self.model))

    def visit(self) -> Visit:
        overall, before = self.front()
        side_start = side_box_start(before)
        side = read_side_box(self._without_template(before[side_start:]))
        method = _first(before, {Part.METHOD, Part.SIDE_BOX})
        cover = read_cover(before[:method if method is not None else side_start])
        sections = self.sections()
        assessment, conclusion, contributions = self.back()
        everything = "\n".join(line.text for line in self.draft.front + self.draft.back) + "\n" + "\n".join(
            p.text for page in self.draft.pages for kind in BoxKind for p in page.boxes[kind])
        offer = (cover.offer if cover else None) or side.offer
        if offer is None:
            offer = infer_offer(overall, conclusion, everything)
            if offer:
                self.warnings.append(ImportWarning(
                    message=f"no cover: offer '{offer}' inferred from the overall impression and conclusion",
                    code="offer-inferred"))
        if offer is None:
            offer = Path(self.source_name).stem
            self.warnings.append(ImportWarning(message="offer not found; named after the file", code="offer-missing"))
        organisation = side.organisation or infer_organisation(everything, offer, side.spoke_with)
        if organisation and not side.organisation:
            self.warnings.append(ImportWarning(message=f"organisation '{organisation}' inferred from the text",
                                               code="organisation-inferred"))
        visit_date = side.visit_date or (cover.visit_date if cover else None)
        unit = (cover.unit if cover else None) or side.unit
        fields = [offer, unit, organisation, side.time_range, side.auditor_title, *side.auditors, side.employees_note,
                  str(side.employees_total or ""), *side.spoke_with, side.focus_note, side.terminology_note,
                  cover.series if cover else None, side.series]
        unread = _unread(before, fields, self.model)
        if unread:
            self.warnings.append(ImportWarning(
                message=f"front matter read into no field: “{' / '.join(fold(line.text) for line in unread)}”",
                page=unread[0].page, code="front-unread"))
        return Visit(
            id=visit_id_for(offer, unit, visit_date), quality_model=self.model.id,
            series=(cover.series if cover else None) or side.series, offer=offer, unit=unit, organisation=organisation,
            visit_date=visit_date, time_range=side.time_range, auditor_title=side.auditor_title,
            auditors=side.auditors, employees_total=side.employees_total, employees_note=side.employees_note,
            spoke_with=side.spoke_with, focus_note=side.focus_note, terminology_note=side.terminology_note,
            overall_impression=overall, core_task=self._core_task(sections), sections=sections,
            assessment=assessment, conclusion=conclusion, contributes_to=contributions,
            provenance=Provenance(pages=self.pages, warnings=self.warnings),
        )

    @staticmethod
    def _core_task(sections: list[Section]) -> str | None:
        """A core-task definition quoted inside a box ("… definition af kerneopgaven: `…´")."""
        for section in sections:
            for _, box in section.boxes():
                for item in box.items:
                    for paragraph in item.paragraphs:
                        match = _CORE_TASK.search(paragraph)
                        if match:
                            return match.group(1)
        return None


def _unread(lines: list[Line], fields: list[str | None], model: QualityModel) -> list[Line]:
    """Lines of the cover and side box with a word that no field read and the template does not
    print — a value a side box scrambled past reading (a text dump that interleaves it with the
    method text) left behind. They are quoted, never dropped."""
    known = words("\n".join(field for field in fields if field))
    template = template_words(model)
    unread = []
    for line in lines:
        if not line.text.strip() or part_heading(line.text) or model.is_template_line(line.text):
            continue
        if any(word not in known and word not in template for word in words(line.text)):
            unread.append(line)
    return unread


def assemble(draft: DocumentDraft, model: QualityModel, source_name: str) -> Visit:
    """The visit a cut-up report describes."""
    return _Assembler(draft, model, source_name).visit()
