"""``kvalitet new-plugin``: the package it writes installs, passes its own tests and is found."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_kvalitet
from plugin_venv import PluginVenv


def test_a_new_plugin_installs_passes_its_tests_and_is_listed(tmp_path: Path) -> None:
    done = run_kvalitet("new-plugin", "acme_tools", "--directory", str(tmp_path))
    assert done.returncode == 0, done.stderr
    package = tmp_path / "kvalitet-acme-tools"
    assert {path.relative_to(package).as_posix() for path in package.rglob("*") if path.is_file()} == {
        "pyproject.toml", "README.md", "kvalitet_acme_tools/__init__.py", "tests/test_plugin.py",
        "tests/samples/example.acmetools", "tests/golden/pegasus-2017-09-28.acmetools",
        "tests/golden/projekt-off-side-2017-10-26.acmetools", "tests/golden/sample-edge-cases.acmetools"}

    venv = PluginVenv(tmp_path / "env")
    venv.install(package)
    tests = venv.pytest(package)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert "4 passed" in tests.stdout
    listing = json.loads(venv.kvalitet("plugins", "--json").stdout)
    assert listing["failures"] == []
    plugin = next(info for info in listing["plugins"] if info["name"] == "acme_tools")
    assert plugin["distribution"] == "kvalitet-acme-tools"
    assert plugin["importers"] == ["acme_tools"] and plugin["exporters"] == ["acme_tools"]
    converted = venv.kvalitet("convert", str(package / "tests" / "samples" / "example.acmetools"), "--to", "yaml")
    assert converted.returncode == 0 and "offer: Bostedet Eksempel" in converted.stdout


def test_the_generated_tests_fail_when_the_output_changes(tmp_path: Path) -> None:
    run_kvalitet("new-plugin", "acme", "--directory", str(tmp_path))
    package = tmp_path / "kvalitet-acme"
    module = package / "kvalitet_acme" / "__init__.py"
    module.write_text(module.read_text().replace('f"# Tema ', 'f"# Theme '))
    venv = PluginVenv(tmp_path / "env")
    venv.install(package, editable=True)
    tests = venv.pytest(package)
    assert tests.returncode == 1 and "differs from" in tests.stdout


def test_new_plugin_refuses_what_it_cannot_make(tmp_path: Path) -> None:
    assert run_kvalitet("new-plugin", "acme", "--directory", str(tmp_path)).returncode == 0
    again = run_kvalitet("new-plugin", "acme", "--directory", str(tmp_path))
    assert again.returncode == 4 and b"already exists" in again.stderr
    for bad in ("Acme", "1acme", "ac-me", "yaml"):
        refused = run_kvalitet("new-plugin", bad, "--directory", str(tmp_path))
        assert refused.returncode == 2 and len(refused.stderr.splitlines()) == 1, refused.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kvalitet-acme"]  # nothing half-made left
