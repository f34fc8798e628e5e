"""kvalitet: the written feedback of quality visits as a clean, convertible domain model.

What a plugin author needs is importable from here: the model, the importer and exporter
contracts, and the ``hookimpl`` marker. The names load on first use, so that importing the
package (as ``kvalitet --help`` does) costs next to nothing.
"""

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Box": "model", "BoxKind": "model", "Contribution": "model", "Item": "model", "Section": "model",
    "Visit": "model", "Exporter": "formats", "PartsExporter": "formats", "Importer": "formats", "Options": "formats",
    "SourceInfo": "formats", "InputError": "errors", "KvalitetError": "errors", "hookimpl": "hookspecs",
    "QualityModel": "quality_model", "Theme": "quality_model",
    "CellValue": "tables", "ITEM_COLUMNS": "tables", "VISIT_COLUMNS": "tables", "cell_text": "tables",
    "item_rows": "tables", "visit_row": "tables", "ThemeCell": "analytics", "theme_cells": "analytics",
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f"kvalitet_core.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'kvalitet_core' has no attribute {name!r}")
