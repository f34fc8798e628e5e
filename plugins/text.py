"""Plain-text dumps of written-feedback reports (pdftotext and the like) as an importer.

The dump becomes one text block per line, paged by the dump's page-boundary rule (a page's
first line starts with a single space, since form feeds were replaced), and the core's
recogniser does the rest. Imports are kept light: this module is loaded at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import BinaryIO

from pydantic import Field

from kvalitet_core.errors import InputError
from kvalitet_core.formats import Importer, Options, SourceInfo
from kvalitet_core.hookspecs import hookimpl
from kvalitet_core.model import Visit

_REPORT_MARKS = re.compile(rb"(?i)(vi talte om|dette peger p|ledere og m|skriftlig feedback|oplysninger om bes)")
_PAGE_START = re.compile(r"^[\f ]\S")
_LABELS_SQUEEZED = re.compile(r"vitalteom|dettepegerpå|ledereogmedarbejderepegerpå")
"""The box labels with all whitespace removed, so that words broken across lines still count."""


class TextOptions(Options):
    """Options of the plain-text importer."""

    quality_model: str = Field("sof-kvalitetsmodel-3.0", description="Id of the quality model the report uses.")


class TextImporter(Importer):
    """Reads a plain-text extraction of a written-feedback report."""

    name = "text"
    version = "1"
    extensions = (".txt", ".text")
    media_types = ("text/plain",)
    priority = 5
    options_model = TextOptions

    def accepts(self, source: SourceInfo, head: bytes) -> bool:
        """A ``.txt`` file by its name (so a text that is no report gets a clear error from
        ``load``, not "no importer"); a nameless input only when its head looks like a report."""
        if source.extension in self.extensions or source.media_type == "text/plain":
            return True
        return not source.extension and b"\0" not in head and bool(_REPORT_MARKS.search(head))

    def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> Visit:
        assert isinstance(options, TextOptions)
        from kvalitet_core.plugins import get_host
        from kvalitet_core.recognise import TextBlock, recognise

        data = stream.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if not _LABELS_SQUEEZED.search("".join(text.split()).casefold()):
            raise InputError("not a written-feedback report: no box labels found", source.name)
        model = get_host().quality_model(options.quality_model)
        if model is None:
            raise InputError(f"unknown quality model '{options.quality_model}'", source.name)
        blocks = []
        page = 1
        for index, line in enumerate(lines):
            if index and _PAGE_START.match(line):
                page += 1
            blocks.append(TextBlock(text=line.replace("\f", " "), page=page))
        return recognise(blocks, source_name=source.name, quality_model=model)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    register(TextImporter())
