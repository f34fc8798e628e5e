"""Reading inputs into visits: choosing the importer and recording provenance.

The core dispatches, not pluggy: an explicit ``--from`` wins; otherwise the importers that accept
the input are ranked by priority and the best one is used. An importer that accepted and then
failed is reported by name — there is no silent fall-through to a more generic importer.
"""

from __future__ import annotations

import hashlib
import io
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from kvalitet_core.control_chars import clean_visit
from kvalitet_core.errors import (
    ImportFailedError,
    InputError,
    KvalitetError,
    NoImporterError,
    UncertainImportError,
    UsageError,
    describe_validation_error,
)
from kvalitet_core.formats import HEAD_BYTES, Importer, Options, SourceInfo
from kvalitet_core.model import Visit
from kvalitet_core.plugins import PluginHost

STDIN = "-"


def choose_importer(host: PluginHost, source: SourceInfo, head: bytes,
                    explicit: str | None = None) -> Importer:
    """The importer for this input: the named one, else the highest-priority one that accepts."""
    if explicit:
        try:
            return host.importers[explicit]
        except KeyError:
            known = ", ".join(sorted(host.importers)) or "none"
            raise UsageError(f"unknown input format '{explicit}' (known: {known})") from None
    candidates = [imp for imp in host.importers.values() if imp.accepts(source, head)]
    if not candidates:
        what = f"'{source.extension}' files" if source.extension else "this content"
        raise NoImporterError(f"no importer reads {what}; name one with --from", source.name)
    return max(candidates, key=lambda imp: imp.priority)


def build_options(model: type[Options], values: Mapping[str, Any], owner: str) -> Options:
    """Validate option values against an options model; unknown keys are a usage error."""
    try:
        return model.model_validate(dict(values))
    except ValidationError as error:
        raise UsageError(f"{owner}: {describe_validation_error(error)}") from None


def read_visits(host: PluginHost, location: str | Path, *, explicit: str | None = None,
                options: Mapping[str, Any] | None = None) -> list[Visit]:
    """Import one input (a path, or ``-`` for standard input) into its visits."""
    data, source = _read_input(location)
    importer = choose_importer(host, source, data[:HEAD_BYTES], explicit)
    importer_options = build_options(importer.options_model, options or {}, f"importer '{importer.name}'")
    return import_bytes(importer, data, source, importer_options)


def import_bytes(importer: Importer, data: bytes, source: SourceInfo, options: Options) -> list[Visit]:
    """Run one importer on the input's bytes and stamp provenance on what it returns."""
    try:
        loaded = importer.load(io.BytesIO(data), source, options)
    except KvalitetError as error:
        error.source = error.source or source.name
        raise
    except ValidationError as error:
        raise ImportFailedError(
            f"importer '{importer.name}' produced an invalid visit: {describe_validation_error(error)}",
            source.name,
        ) from error
    except (MemoryError, RecursionError) as error:
        raise ImportFailedError(f"importer '{importer.name}' ran out of resources ({type(error).__name__})",
                                source.name) from error
    except Exception as error:
        raise ImportFailedError(
            f"importer '{importer.name}' failed: {type(error).__name__}: {error}".splitlines()[0], source.name
        ) from error
    visits = [clean_visit(visit) for visit in (loaded if isinstance(loaded, list) else [loaded])]
    if not importer.records_provenance:
        return visits
    digest = hashlib.sha256(data).hexdigest()
    for visit in visits:
        provenance = visit.provenance
        if provenance.importer is None:
            provenance.importer = importer.name
            provenance.importer_version = importer.version
            provenance.source_file = Path(source.name).name if source.path else source.name
            provenance.source_sha256 = digest
    return visits


def warning_lines(visits: Sequence[Visit]) -> list[str]:
    """Each warning the import recorded, as a line: where (visit, when several; page) and what."""
    lines = []
    for visit in visits:
        for warning in visit.provenance.warnings:
            where = [visit.id] if len(visits) > 1 else []
            where += [f"page {warning.page}"] if warning.page is not None else []
            lines.append(": ".join([*where, warning.message]))
    return lines


def refuse_uncertain(visits: Sequence[Visit], source: str) -> None:
    """``--strict``: an import with warnings is an error (for pipelines that accept no guesses)."""
    lines = warning_lines(visits)
    if lines:
        count = f"{len(lines)} warning{'s' if len(lines) != 1 else ''}"
        raise UncertainImportError(f"imported with {count} (--strict), the first: {lines[0]}", source)


def _read_input(location: str | Path) -> tuple[bytes, SourceInfo]:
    if str(location) == STDIN:
        data = _read_stdin()
        return data, SourceInfo(name="<stdin>", size=len(data))
    path = Path(location)
    try:
        if path.is_dir():
            raise InputError("is a directory, not a file", path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path) from None
    return data, SourceInfo(name=str(path), path=path, size=len(data))


def _read_stdin() -> bytes:
    stream: BinaryIO = sys.stdin.buffer
    return stream.read()
