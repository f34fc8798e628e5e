"""What ``pip install .`` (not editable) installs: every package of the source tree.

The package list in pyproject.toml is written out by hand (the built-in plugins and the UI are
installed under other names than their folders), so a new subpackage missing from it would work
in the editable checkout and be absent from every real installation.
"""

from __future__ import annotations

import tomllib

from conftest import ROOT


def test_every_source_package_is_installed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {folder: package for package, folder in config["package-dir"].items()}
    found = set()
    for folder, package in folders.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder).parts
            if "__pycache__" not in relative:
                found.add(".".join((package, *relative)))
    assert found == set(config["packages"])
