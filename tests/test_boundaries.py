"""The boundaries between the layers, enforced.

- The contracts in ``pyproject.toml`` (``[tool.importlinter]``), checked with import-linter: the
  core never imports the built-in plugins or the UI; the headless core (model, recogniser,
  library, compare engine, conversion) imports no click, rich or command-line module.
- Built-in plugins import only the public API — names from the ``kvalitet_core`` package itself,
  never one of its modules — so the built-ins prove that surface is enough for a plugin.
- Importing every core module at run time loads no Textual (a dynamic check beside the static
  ones, for imports the static graph cannot see).

Each check is also run on a small package made to break it, so that none can pass vacuously.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_PACKAGE = "kvalitet_core"


def run_import_linter(folder: Path) -> subprocess.CompletedProcess[str]:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    env = {"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"}
    return subprocess.run([str(lint_imports), "--config", str(folder / "pyproject.toml"), "--no-cache"],
                          cwd=folder, capture_output=True, text=True, timeout=300, env=env)


def test_the_layer_contracts_hold() -> None:
    done = run_import_linter(ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
    assert done.stdout.count("KEPT") == 3


def test_a_broken_contract_is_reported(tmp_path: Path) -> None:
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "__init__.py").write_text("")
    (tmp_path / "core" / "engine.py").write_text("def f():\n    import ui.app\n")
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "__init__.py").write_text("")
    (tmp_path / "ui" / "app.py").write_text("")
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent("""
        [tool.importlinter]
        root_packages = ["core", "ui"]
        [[tool.importlinter.contracts]]
        name = "core never imports ui"
        type = "forbidden"
        source_modules = ["core"]
        forbidden_modules = ["ui"]
    """))
    done = run_import_linter(tmp_path)
    assert done.returncode == 1 and "core.engine -> ui.app" in done.stdout


def imports_beside_the_public_api(plugins: str, public: str, *, folder: Path | None = None) -> dict[str, list[str]]:
    """Every module of ``plugins`` that imports a module inside ``public`` rather than the package,
    with what it imports; imports under ``if TYPE_CHECKING:`` count too."""
    if folder is not None:
        sys.path.insert(0, str(folder))
    try:
        graph = grimp.build_graph(plugins, public, cache_dir=None)
    finally:
        if folder is not None:
            sys.path.remove(str(folder))
    offenders: dict[str, list[str]] = {}
    for module in sorted(graph.find_descendants(plugins) | {plugins}):
        inside = sorted(name for name in graph.find_modules_directly_imported_by(module)
                        if name.startswith(f"{public}."))
        if inside:
            offenders[module] = inside
    return offenders


def test_built_in_plugins_import_only_the_public_api() -> None:
    assert imports_beside_the_public_api("kvalitet_plugins", PUBLIC_PACKAGE) == {}


def test_an_import_beside_the_public_api_is_found(tmp_path: Path) -> None:
    api = tmp_path / "api_pkg"
    (api / "inner").mkdir(parents=True)
    (api / "__init__.py").write_text("")
    (api / "model.py").write_text("class Visit: ...\n")
    (api / "inner" / "__init__.py").write_text("")
    users = tmp_path / "users_pkg"
    users.mkdir()
    (users / "__init__.py").write_text("")
    (users / "fine.py").write_text("from api_pkg import Visit\n")
    (users / "direct.py").write_text("from api_pkg.model import Visit\n")
    (users / "typed.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from api_pkg import inner\n")
    assert imports_beside_the_public_api("users_pkg", "api_pkg", folder=tmp_path) == {
        "users_pkg.direct": ["api_pkg.model"], "users_pkg.typed": ["api_pkg.inner"]}


def test_importing_every_core_module_loads_no_ui_and_no_plugin() -> None:
    modules = sorted(".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                     for path in (ROOT / "kvalitet_core").rglob("*.py"))
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    loaded = set(json.loads(done.stdout))
    assert "kvalitet_core" in loaded
    assert loaded.isdisjoint({"textual", "kvalitet_tui", "kvalitet_plugins"})
