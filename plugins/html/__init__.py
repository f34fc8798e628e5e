"""HTML exporter: one self-contained page per visit that looks like the printed report.

The page needs nothing but itself: the stylesheet is inlined, there are no scripts, fonts or
images, and a Content-Security-Policy forbids loading anything. Text goes through Jinja2 with
autoescaping, so report text can never become markup. A folder of pages (``-o DIR``) also gets
an ``index.html`` with a theme × visit matrix; one page per file is the only sensible layout,
so several visits cannot share one stream.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, BinaryIO

from kvalitet_core import Exporter, Options, PluginHost, QualityModel, UsageError, Visit, hookimpl

if TYPE_CHECKING:
    from kvalitet_plugins.html.index import IndexEntry


class HtmlExporter(Exporter):
    """Writes a visit as an accessible, printable HTML page (A4 landscape, a theme per page)."""

    name = "html"
    version = "1"
    extension = ".html"
    media_type = "text/html"
    many_per_stream = False
    index_filename = "index.html"

    def __init__(self, host: PluginHost) -> None:
        self.host = host

    def _model(self, visit: Visit) -> QualityModel | None:
        return self.host.quality_model(visit.quality_model)

    def write(self, visits: Sequence[Visit], stream: BinaryIO, options: Options) -> None:
        from kvalitet_plugins.html.rendering import render_visit

        if len(visits) != 1:
            raise UsageError(f"an HTML page holds one visit, not {len(visits)}: write to a folder (-o out/)")
        stream.write(render_visit(visits[0], self._model(visits[0])).encode("utf-8"))

    def prepare(self, options: Options) -> None:
        from kvalitet_plugins.html.rendering import environment

        for template in environment().list_templates():
            environment().get_template(template)

    def index_entry(self, visit: Visit, options: Options) -> IndexEntry:
        from kvalitet_plugins.html.index import summarise

        return summarise(visit, self._model(visit))

    def write_index(self, entries: Sequence[IndexEntry], filenames: Sequence[str], stream: BinaryIO,
                    options: Options) -> None:
        from kvalitet_plugins.html.rendering import render_index

        linked = [replace(entry, filename=filename) for entry, filename in zip(entries, filenames)]
        stream.write(render_index(linked).encode("utf-8"))

    def index_entry_of_file(self, head: bytes) -> IndexEntry | None:
        from kvalitet_plugins.html.index import entry_of_page

        return entry_of_page(head)


@hookimpl
def register_exporters(register, host):
    register(HtmlExporter(host))
