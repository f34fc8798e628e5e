"""The core never imports the TUI or Textual: pipelines and the command line must not pay for it.

Two checks that fail on a real violation: a static one (every import statement of every core
module, read with ast, including imports inside functions) and a dynamic one (a fresh
interpreter imports every core module and then looks at sys.modules).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "kvalitet_core"
FORBIDDEN = ("textual", "kvalitet_tui")


def imported_names(source: str) -> list[str]:
    """Every module an ``import`` or ``from … import`` statement of the source names, at any depth."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def forbidden(names: list[str]) -> list[str]:
    return [name for name in names if name.split(".")[0] in FORBIDDEN]


def core_modules() -> list[str]:
    return sorted(".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                  for path in CORE.rglob("*.py"))


def test_the_check_sees_a_violation() -> None:
    source = "def f():\n    from textual.app import App\nimport kvalitet_tui.app\nimport rich\n"
    assert sorted(forbidden(imported_names(source))) == ["kvalitet_tui.app", "textual.app"]


def test_no_core_module_imports_the_tui_or_textual() -> None:
    offenders = {str(path.relative_to(ROOT)): bad for path in sorted(CORE.rglob("*.py"))
                 if (bad := forbidden(imported_names(path.read_text(encoding="utf-8"))))}
    assert offenders == {}


def test_importing_every_core_module_loads_no_textual() -> None:
    script = (
        "import importlib, json, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    loaded = set(json.loads(done.stdout))
    assert "kvalitet_core" in loaded
    assert loaded.isdisjoint(FORBIDDEN)
