"""The native formats: YAML (human-editable, the default) and JSON, as importer and exporter."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from pydantic import Field

from kvalitet_core import (
    SCHEMA_NAME,
    Importer,
    InputError,
    Options,
    PartsExporter,
    SourceInfo,
    Visit,
    hookimpl,
    join_json_objects,
    join_yaml_documents,
    json_object,
    load_json,
    load_yaml,
    yaml_document,
)

_SCHEMA_MARK = SCHEMA_NAME.encode()


def _decode(stream: BinaryIO, source: SourceInfo) -> str:
    try:
        return stream.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text (byte {error.start})", source.name) from None


class YamlImporter(Importer):
    """Reads visits saved in kvalitet's YAML."""

    name = "yaml"
    version = "1"
    extensions = (".yaml", ".yml")
    media_types = ("application/yaml",)
    priority = 10
    records_provenance = False

    def accepts(self, source: SourceInfo, head: bytes) -> bool:
        return source.extension in self.extensions or (not source.extension and _SCHEMA_MARK in head)

    def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> list[Visit]:
        return load_yaml(_decode(stream, source), source.name)


class JsonImporter(Importer):
    """Reads visits saved as kvalitet JSON (one object, or an array of them)."""

    name = "json"
    version = "1"
    extensions = (".json",)
    media_types = ("application/json",)
    priority = 10
    records_provenance = False

    def accepts(self, source: SourceInfo, head: bytes) -> bool:
        return source.extension in self.extensions or (
            not source.extension and head.lstrip()[:1] in (b"{", b"[") and _SCHEMA_MARK in head
        )

    def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> list[Visit]:
        return load_json(_decode(stream, source), source.name)


class YamlExporter(PartsExporter):
    """Writes the native YAML; several visits become several YAML documents."""

    name = "yaml"
    version = "1"
    extension = ".yaml"
    media_type = "application/yaml"

    def render_part(self, visit: Visit, options: Options) -> bytes:
        return yaml_document(visit).encode("utf-8")

    def join_parts(self, parts: Iterable[bytes], stream: BinaryIO, options: Options) -> None:
        stream.write(join_yaml_documents(part.decode("utf-8") for part in parts).encode("utf-8"))


class JsonOptions(Options):
    indent: int | None = Field(2, description="spaces per level of indentation (default 2)")


class JsonExporter(PartsExporter):
    """Writes JSON that validates against ``kvalitet schema``; several visits become an array."""

    name = "json"
    version = "1"
    extension = ".json"
    media_type = "application/json"
    options_model = JsonOptions

    def render_part(self, visit: Visit, options: Options) -> bytes:
        assert isinstance(options, JsonOptions)
        return json_object(visit, indent=options.indent).encode("utf-8")

    def join_parts(self, parts: Iterable[bytes], stream: BinaryIO, options: Options) -> None:
        assert isinstance(options, JsonOptions)
        text = join_json_objects((part.decode("utf-8") for part in parts), indent=options.indent)
        stream.write(text.encode("utf-8"))


@hookimpl
def register_importers(register):
    register(YamlImporter())
    register(JsonImporter())


@hookimpl
def register_exporters(register):
    register(YamlExporter())
    register(JsonExporter())
