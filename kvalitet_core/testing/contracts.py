"""Contract checks for importers and exporters: what the core relies on, checked in one call.

Each check raises ``AssertionError`` naming the plugin and what it got wrong, so a failing test
reads as advice. They need no pytest: any test runner, or a script, can call them.
"""

from __future__ import annotations

import builtins
import io
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kvalitet_core.errors import KvalitetError
from kvalitet_core.formats import HEAD_BYTES, Exporter, Importer, Options, PartsExporter, SourceInfo
from kvalitet_core.model import Visit
from kvalitet_core.native import dump_json, dump_yaml, load_json, load_yaml
from kvalitet_core.samples import sample_visits

GOLDEN_ENV = "KVALITET_UPDATE_GOLDEN"
"""Set to ``1`` to (re)write the golden files ``check_exporter`` compares with, instead of
comparing (or pass ``--kvalitet-update-golden`` to pytest)."""

_LIST_MARKER = re.compile(r"^(?:- |\d{1,9}[.)] )")

GARBAGE = bytes(range(256)) * 8
"""What ``check_importer`` feeds an importer when no garbage of its own format is given."""


@contextmanager
def _no_file_access(what: str) -> Iterator[None]:
    """Make every way of opening a file fail while the block runs: ``accepts`` must decide from
    the name and the head it is given."""
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"{what} opened a file ({args[0] if args else '?'}): it must decide "
                             f"from the source's name and the head bytes it is given")

    saved = builtins.open, io.open, os.open
    builtins.open = io.open = os.open = refuse  # type: ignore[assignment]
    try:
        yield
    finally:
        builtins.open, io.open, os.open = saved


def check_importer(importer: Importer, sample: Path, *, garbage: bytes = GARBAGE,
                   options: Options | None = None) -> list[Visit]:
    """Check ``importer`` against the importer contract on ``sample``, a file it reads, and
    return the visits it read:

    - ``accepts`` answers from the name and head alone, opening no file, and accepts the sample;
    - ``load`` returns valid visits, each surviving a YAML and a JSON round trip unchanged;
    - garbage under the sample's name fails with the project's error type (an ``InputError`` or
      another ``KvalitetError``), in one line that names the input — never another exception.
    """
    who = f"importer '{importer.name}'"
    options = options if options is not None else importer.options_model()
    data = sample.read_bytes()
    source = SourceInfo(name=str(sample), path=sample, size=len(data))
    with _no_file_access(f"{who}.accepts"):
        accepted = importer.accepts(source, data[:HEAD_BYTES])
    assert accepted is True, f"{who} does not accept its own sample {sample.name} (accepts returned {accepted!r})"

    loaded = importer.load(io.BytesIO(data), source, options)
    visits = [loaded] if isinstance(loaded, Visit) else list(loaded)
    assert visits, f"{who} read no visit from {sample.name}"
    for visit in visits:
        assert isinstance(visit, Visit), f"{who} returned {type(visit).__name__}, not a Visit"
        assert load_yaml(dump_yaml([visit])) == [visit], f"{who}: visit '{visit.id}' changes in a YAML round trip"
        assert load_json(dump_json([visit])) == [visit], f"{who}: visit '{visit.id}' changes in a JSON round trip"

    bad = SourceInfo(name=f"garbage{sample.suffix}", size=len(garbage))
    try:
        importer.load(io.BytesIO(garbage), bad, options)
    except KvalitetError as error:
        message = str(error)
        assert "\n" not in message, f"{who}: the error for garbage spans several lines: {message!r}"
        assert bad.name in message, f"{who}: the error for garbage does not name the input: {message!r}"
    except Exception as error:
        raise AssertionError(f"{who} fails on garbage with {type(error).__name__}: {error} — raise "
                             f"kvalitet_core.InputError(message, source.name) instead") from error
    else:
        raise AssertionError(f"{who} read garbage without an error")
    return visits


def golden_update_requested() -> bool:
    """Whether ``KVALITET_UPDATE_GOLDEN`` asks for golden files to be written anew."""
    return os.environ.get(GOLDEN_ENV, "") not in ("", "0")


def _render(exporter: Exporter, visits: Sequence[Visit], options: Options) -> bytes:
    stream = io.BytesIO()
    exporter.write(list(visits), stream, options)
    return stream.getvalue()


def _joined(exporter: PartsExporter, visits: Sequence[Visit], options: Options) -> bytes:
    """The stream a batch makes: each visit's part rendered on its own, then joined."""
    stream = io.BytesIO()
    exporter.join_parts((exporter.render_part(visit, options) for visit in visits), stream, options)
    return stream.getvalue()


def check_exporter(exporter: Exporter, golden: Path | None = None, *, visits: Sequence[Visit] | None = None,
                   options: Options | None = None, update: bool | None = None,
                   text_of: Callable[[bytes], str] | None = None) -> dict[str, bytes]:
    """Check ``exporter`` against the exporter contract on the sample visits (or ``visits``) and
    return its output per visit id:

    - it writes every visit — empty boxes, bullets, several themes on a page, missing metadata —
      without an error, and not nothing;
    - the output is deterministic: the same visits give the same bytes;
    - a parts exporter writes the same bytes as its parts joined, as a batch's workers make them,
      and several visits share one stream where ``many_per_stream`` says they can;
    - with ``golden`` (a folder), each visit's output equals ``golden/<visit id><extension>``;
      ``update`` (default: the ``KVALITET_UPDATE_GOLDEN`` environment variable) writes them anew;
    - with ``text_of`` (output bytes → the text a reader sees), every heading and paragraph of the
      visit's boxes is in it (a continuation page's "Tema 4 fortsat fra side 8." line aside, and
      list markers, which a format may draw).
    """
    who = f"exporter '{exporter.name}'"
    visits = list(visits) if visits is not None else sample_visits()
    options = options if options is not None else exporter.options_model()
    update = update if update is not None else golden_update_requested()
    outputs: dict[str, bytes] = {}
    for visit in visits:
        first = _render(exporter, [visit], options)
        assert first, f"{who} wrote nothing for visit '{visit.id}'"
        assert _render(exporter, [visit], options) == first, f"{who} is not deterministic on visit '{visit.id}'"
        if isinstance(exporter, PartsExporter):
            assert _joined(exporter, [visit], options) == first, \
                f"{who}: render_part + join_parts differ from write on '{visit.id}'"
        if text_of is not None:
            _check_text(who, visit, text_of(first))
        outputs[visit.id] = first
    if exporter.many_per_stream and len(visits) > 1:
        together = _render(exporter, visits, options)
        assert together, f"{who} wrote nothing for {len(visits)} visits"
        if isinstance(exporter, PartsExporter):
            assert _joined(exporter, visits, options) == together, \
                f"{who}: parts joined differ from write for several visits"
    if golden is not None:
        _compare_golden(who, exporter, golden, outputs, update)
    return outputs


def _check_text(who: str, visit: Visit, text: str) -> None:
    said = " ".join(text.split())
    items = [item for section in visit.sections for _, box in section.boxes() for item in box.items
             if not item.is_continuation_marker]  # a page title may say "(fortsat)" instead
    expected = [item.heading for item in items if item.heading]
    expected += [paragraph for item in items for paragraph in item.paragraphs]
    for piece in expected:
        words = _LIST_MARKER.sub("", " ".join(piece.split()))  # a format may draw the marker
        assert words in said, f"{who} left out of visit '{visit.id}': {words[:80]!r}"


def _compare_golden(who: str, exporter: Exporter, golden: Path, outputs: dict[str, bytes], update: bool) -> None:
    if update:
        golden.mkdir(parents=True, exist_ok=True)
    for visit_id, output in outputs.items():
        path = golden / f"{visit_id}{exporter.extension}"
        if update:
            path.write_bytes(output)
            continue
        assert path.exists(), (f"{who}: no golden file {path}; write it with {GOLDEN_ENV}=1 "
                               f"(or pytest --kvalitet-update-golden) and review it")
        assert path.read_bytes() == output, (f"{who}: output for '{visit_id}' differs from {path}; if the change "
                                             f"is meant, write it anew with {GOLDEN_ENV}=1 and review the diff")
