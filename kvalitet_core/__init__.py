"""kvalitet: the written feedback of quality visits as a clean, convertible domain model.

This package is the public API: what a plugin author imports, from here only (``from
kvalitet_core import Visit, Exporter, hookimpl``). Every other module is internal and may change
in any release; the names listed in ``_PUBLIC`` follow ``PLUGIN_API_VERSION`` — a minor version
adds names or optional arguments, only a major version removes or changes one (docs/plugins.md,
"Compatibility"). The built-in plugins import nothing else, and a test holds them to it.

The names load on first use, so that importing the package (as ``kvalitet --help`` does) costs
next to nothing.
"""

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

PLUGIN_API_VERSION = "1.3"
"""The version of this surface: ``kvalitet plugins --json`` shows it beside the visit schema's."""

_PUBLIC: dict[str, tuple[str, ...]] = {
    # the domain model
    "model": ("Box", "BoxKind", "Contribution", "ImportWarning", "Item", "Provenance", "Section", "Visit",
              "SCHEMA_NAME", "SCHEMA_VERSION"),
    "quality_model": ("QualityModel", "Theme", "load_quality_model"),
    "samples": ("sample_visits", "sample_paths"),
    # the contracts and the plugin machinery
    "formats": ("Exporter", "Importer", "Options", "PartsExporter", "SourceInfo", "HEAD_BYTES", "INDEX_HEAD_BYTES"),
    "hookspecs": ("hookimpl",),
    "plugins": ("PluginHost",),
    "errors": ("KvalitetError", "InputError", "NotAVisitError", "OutputError", "PluginError", "UsageError"),
    # reading documents: importers that hand text blocks to the core's recogniser
    "recognise.report": ("ReportImporter", "ReportOptions", "recognise_report"),
    "recognise.blocks": ("BBox", "RGB", "Region", "TextBlock"),
    "recognise.anatomy": ("begins_with_label", "labels_in"),
    "recognise.symbol_fonts": ("ARROW", "DASHES", "Glyph", "base_font_name", "classify", "is_symbol_font", "is_text_marker"),
    "recognise.text_dump": ("dump_blocks",),
    "recognise.glyphs": ("unshift_letters",),
    "archives": ("capped_copy", "open_zip", "read_member"),
    "text_decoding": ("decode_text",),
    "paragraphs": ("split_paragraphs",),
    # writing: the native formats, Danish labels, tables and the theme matrix
    "native": ("dump_json", "dump_yaml", "join_json_objects", "join_yaml_documents", "json_object",
               "load_json", "load_yaml", "yaml_document"),
    "labels": ("facts", "field_label"),
    "tables": ("CellValue", "ITEM_COLUMNS", "VISIT_COLUMNS", "cell_text", "item_rows", "visit_row"),
    "analytics": ("ThemeCell", "theme_cells"),
}
"""Module (under ``kvalitet_core``) → the public names it defines."""

_EXPORTS = {name: module for module, names in _PUBLIC.items() for name in names}

__all__ = [*_EXPORTS, "PLUGIN_API_VERSION", "__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f"kvalitet_core.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'kvalitet_core' has no attribute {name!r}")
