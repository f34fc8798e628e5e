"""docs/plugins.md is run, not just read.

- Every ``python`` snippet without a file name is executed on its own.
- The walk-through is followed from a kvalitet checkout, as a reader would: each ``console``
  command runs in order in a temporary folder (with a throwaway environment for the plugin:
  ``pip`` installs into it offline, ``pytest`` and ``kvalitet`` run in it), each ``python
  file=PATH`` snippet is written to that path, and the output printed under a command must be
  what the command prints first.
- Every hook is documented where it is declared and has a section on the page.
"""

from __future__ import annotations

import inspect
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURE_YAMLS, ROOT
from kvalitet_core import hookspecs
from plugin_venv import PluginVenv

DOCS = ROOT / "docs" / "plugins.md"
_FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Snippet:
    language: str
    file: str | None
    text: str
    line: int


def snippets() -> list[Snippet]:
    text = DOCS.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        file = re.search(r"file=(\S+)", match.group(2))
        found.append(Snippet(match.group(1), file.group(1) if file else None, match.group(3),
                             text.count("\n", 0, match.start()) + 1))
    return found


STANDALONE = [snippet for snippet in snippets() if snippet.language == "python" and snippet.file is None]


def test_the_page_has_snippets_of_every_kind() -> None:
    kinds = {(snippet.language, snippet.file is not None) for snippet in snippets()}
    assert {("python", False), ("python", True), ("console", False), ("toml", False)} <= kinds
    assert len(STANDALONE) >= 8


@pytest.mark.parametrize("snippet", STANDALONE, ids=lambda snippet: f"line-{snippet.line}")
def test_python_snippet_runs(snippet: Snippet) -> None:
    exec(compile(snippet.text, f"{DOCS}:{snippet.line}", "exec"), {"__name__": f"docs_line_{snippet.line}"})


def test_every_hook_is_documented_where_declared_and_on_the_page() -> None:
    page = DOCS.read_text(encoding="utf-8")
    hooks = [function for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
             if hasattr(function, "kvalitet_spec")]
    assert len(hooks) >= 4
    for hook in hooks:
        assert len(inspect.getdoc(hook) or "") > 80, f"{hook.__name__} has no real docstring"
        arguments = ", ".join(inspect.signature(hook).parameters)
        assert f"### {hook.__name__}({arguments})" in page, f"{hook.__name__} has no section in {DOCS.name}"


def _shims(folder: Path, venv: PluginVenv) -> Path:
    """``kvalitet``, ``pip`` and ``pytest`` as the walk-through's reader has them, for the
    throwaway environment: pip installs into it without an index."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    commands = {
        "kvalitet": f'exec "{venv.python}" -m kvalitet_core.cli.main "$@"',
        "pytest": f'exec "{venv.python}" -m pytest -p no:cacheprovider "$@"',
        "pip": f'exec "{sys.executable}" -m pip --python "{venv.python}" "$@" --quiet --no-deps '
               f"--no-build-isolation --no-index",
    }
    for name, line in commands.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{line}\n")
        (bin_dir / name).chmod(0o755)
    return bin_dir


def test_the_walk_through_works_as_written(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "fixtures").mkdir(parents=True)
    for path in FIXTURE_YAMLS:
        shutil.copy(path, checkout / "fixtures" / path.name)
    venv = PluginVenv(tmp_path / "env")
    env = {**venv.env, "PATH": f"{_shims(tmp_path, venv)}:/usr/bin:/bin"}
    cwd = checkout
    walk_through = DOCS.read_text(encoding="utf-8").split("## Walk-through", 1)[1].split("\n## ", 1)[0]
    steps = [snippet for snippet in snippets() if snippet.text in walk_through]
    commands = 0
    for snippet in steps:
        if snippet.file is not None:
            target = cwd / snippet.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(snippet.text, encoding="utf-8")
            continue
        if snippet.language != "console":
            continue
        for command, expected in _commands(snippet.text):
            commands += 1
            if command.startswith("cd "):
                cwd = cwd / command.removeprefix("cd ")
                continue
            done = subprocess.run(["/bin/sh", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                                  timeout=600)
            assert done.returncode == 0, f"$ {command}\n{done.stdout}{done.stderr}"
            printed = done.stdout.splitlines()
            assert printed[:len(expected)] == expected, f"$ {command}\n{done.stdout}"
    assert commands >= 7


def _commands(block: str) -> list[tuple[str, list[str]]]:
    """The ``$ `` commands of a console block, each with the output lines shown under it."""
    found: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found:
            found[-1][1].append(line)
    return found
