"""Sample visits shipped with the core, for plugin authors' tests and examples.

Two are real reports (Pegasus 2017 and Projekt Off Side 2017, the repository's fixtures); the
third, ``sample-edge-cases``, is made up to hold what an exporter most often gets
wrong: a page naming two themes, a continuation page, empty boxes, bullets and numbered points,
blue-card words, a cross-reference and a no-feedback box, no date, assessment or conclusion, and
text beginning with ``=``, ``+``, ``-`` and ``@`` or holding markup characters.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kvalitet_core.model import Visit
from kvalitet_core.native import load_yaml

_FOLDER = "sample_visits"


def sample_paths() -> list[Path]:
    """The sample visits' YAML files, in name order."""
    folder = resources.files("kvalitet_core") / _FOLDER
    return sorted((Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".yaml")),
                  key=lambda path: path.name)


def sample_visits() -> list[Visit]:
    """The sample visits, read afresh on each call (a test may change its copy)."""
    return [visit for path in sample_paths() for visit in load_yaml(path.read_bytes(), str(path))]
