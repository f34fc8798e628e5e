"""``kvalitet new-plugin NAME``: a plugin package that works, is tested and can be published.

The package is made from the templates in ``plugin_template/`` (``string.Template``: ``$name``,
``$package``, …): a ``pyproject.toml`` with the entry point, one module registering a toy
importer and exporter, tests using the test kit, a sample input, golden files of the exporter's
output made by that very exporter, and a README. It is written into a hidden folder beside the
target and renamed into place only when complete, so a failure leaves nothing behind.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from kvalitet_core import __version__
from kvalitet_core.errors import OutputError, UsageError

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

_FILES = {
    "pyproject.toml": "pyproject.toml.tmpl",
    "README.md": "README.md.tmpl",
    "$package/__init__.py": "package__init__.py.tmpl",
    "tests/test_plugin.py": "tests/test_plugin.py.tmpl",
    "tests/samples/example$extension": "tests/samples/example.tmpl",
}
"""Where each file of the package comes from: its path (a template too) → its template."""


@dataclass(frozen=True, slots=True)
class PluginNames:
    """Every name the package uses, derived from the plugin's name."""

    name: str
    distribution: str
    package: str
    extension: str
    class_prefix: str

    @classmethod
    def of(cls, name: str) -> PluginNames:
        if not _NAME.match(name):
            raise UsageError(f"'{name}' cannot name a plugin: use lower-case letters, digits and '_', "
                             f"starting with a letter (it becomes the format's name and a module's)")
        return cls(name=name, distribution=f"kvalitet-{name.replace('_', '-')}", package=f"kvalitet_{name}",
                   extension=f".{name.replace('_', '')}",
                   class_prefix="".join(part.capitalize() for part in name.split("_")))

    def substitutions(self) -> dict[str, str]:
        return {"name": self.name, "distribution": self.distribution, "package": self.package,
                "extension": self.extension, "class_prefix": self.class_prefix, "kvalitet_version": __version__}


def new_plugin(name: str, parent: Path, taken: set[str] = frozenset()) -> Path:
    """Write the package of plugin ``name`` into a new folder in ``parent`` and return it.

    ``taken`` are the format names already registered (``--to yaml`` is the YAML exporter's): a
    plugin named like one of them would fail to load.
    """
    names = PluginNames.of(name)
    if name in taken:
        raise UsageError(f"a format named '{name}' is already registered: choose another name")
    target = parent / names.distribution
    if target.exists():
        raise OutputError("already exists; choose another name or folder", target)
    if not parent.is_dir():
        raise OutputError("folder does not exist", parent)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{names.distribution}.", suffix=".part", dir=parent))
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror}", parent) from None
    try:
        _write_files(staging, names)
        _write_golden_files(staging, names)
        staging.rename(target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"cannot write: {error.strerror}", target) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _write_files(folder: Path, names: PluginNames) -> None:
    templates = resources.files("kvalitet_core") / "plugin_template"
    values = names.substitutions()
    for path, template in _FILES.items():
        destination = folder / Template(path).substitute(values)
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = Template(templates.joinpath(template).read_text(encoding="utf-8")).substitute(values)
        destination.write_text(text, encoding="utf-8")


def _write_golden_files(folder: Path, names: PluginNames) -> None:
    """The exporter's output for the sample visits, made by the module just written — so the
    package's tests pass as generated, and fail once the output changes unintentionally."""
    from kvalitet_core.testing.contracts import check_exporter

    module_name = f"_scaffolded_{names.package}"
    spec = importlib.util.spec_from_file_location(module_name, folder / names.package / "__init__.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
        exporter = getattr(module, f"{names.class_prefix}Exporter")()
        check_exporter(exporter, folder / "tests" / "golden", update=True)
    finally:
        del sys.modules[module_name]
