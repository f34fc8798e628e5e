"""The plugin authors' test kit: contract checks any importer or exporter runs in one line, and
pytest fixtures (registered through pytest's ``pytest11`` entry point, so installing kvalitet is
enough to have them).

``check_importer`` and ``check_exporter`` are plain functions that raise ``AssertionError`` with
a message saying what a plugin got wrong; the core's own tests run them on every built-in plugin.
The fixtures live in :mod:`kvalitet_core.testing.fixtures`. docs/plugins.md shows both at work.
"""

from kvalitet_core.testing.contracts import GOLDEN_ENV, check_exporter, check_importer
from kvalitet_core.testing.runner import CliResult, run_cli

__all__ = ["GOLDEN_ENV", "CliResult", "check_exporter", "check_importer", "run_cli"]
