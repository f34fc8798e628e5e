"""Plain-text dumps of written-feedback reports (pdftotext and the like) as an importer.

The dump becomes one text block per line, paged by its form feeds (or, where they were replaced,
by a page's first line starting with a single space), with boxes printed side by side put one
after the other (:mod:`kvalitet_core.recognise.text_dump`); the core's recogniser does the rest.
A dump beyond :data:`MAX_MEGABYTES` is refused in one line. Imports are kept light: this module
is loaded at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import BinaryIO

from kvalitet_core import (
    Importer,
    ImportWarning,
    InputError,
    Options,
    PluginHost,
    ReportImporter,
    SourceInfo,
    TextBlock,
    Visit,
    decode_text,
    hookimpl,
)

_REPORT_MARKS = re.compile(rb"(?i)(vi talte om|dette peger p|ledere og m|skriftlig feedback|oplysninger om bes)")
MAX_MEGABYTES = 20
"""The largest dump read: a report's text is 20–40 kB, so 20 MB is hundreds of reports, and a
file beyond it is refused at once rather than read for minutes (README, notes under the commands)."""

class TextImporter(ReportImporter):
    """Reads a plain-text extraction of a written-feedback report."""

    name = "text"
    version = "1"
    extensions = (".txt", ".text")
    media_types = ("text/plain",)
    priority = 5

    def accepts(self, source: SourceInfo, head: bytes) -> bool:
        """A ``.txt`` file by its name (so a text that is no report gets a clear error from
        ``load``, not "no importer"); a nameless input only when its head looks like a report."""
        if source.extension in self.extensions or source.media_type == "text/plain":
            return True
        return not source.extension and b"\0" not in head and bool(_REPORT_MARKS.search(head))

    def read_blocks(self, data: bytes, source: SourceInfo) -> Iterable[TextBlock]:
        return _blocks(decode_text(data)[0])

    def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> list[Visit]:
        """As every report importer loads, with two additions: a dump beyond the limit is refused
        unread, and an encoding that had to be guessed is a warning on each visit."""
        limit = MAX_MEGABYTES * 10**6
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"refused: {_size(stream, len(data))} of text is far more than a report "
                             f"(limit {MAX_MEGABYTES} MB)", source.name)
        text, assumed = decode_text(data)
        visits = self.recognise(_blocks(text), source, options)
        if assumed:
            for visit in visits:
                visit.provenance.warnings.append(ImportWarning(message=f"text encoding: {assumed}", code="encoding"))
        return visits


def _blocks(text: str) -> list[TextBlock]:
    from kvalitet_core import dump_blocks  # here: this module is loaded at start-up, the reader is not

    return dump_blocks(text)


def _size(stream: BinaryIO, read: int) -> str:
    """The size of an oversized input in megabytes: all of it when the stream can tell, else
    what was read ("more than …"); the rest is never read."""
    try:
        total = stream.seek(0, 2)
    except (OSError, ValueError):
        return f"more than {read // 10**6} MB"
    return f"{round(total / 10**6)} MB"


@hookimpl
def register_importers(register: Callable[[Importer], None], host: PluginHost) -> None:
    register(TextImporter(host))
