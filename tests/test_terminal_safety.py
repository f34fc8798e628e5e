"""Report text and file names cannot drive the terminal: every control character but newline and
tab that show, diff, search, validate or an error message would print is made visible."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURE_YAMLS, run_kvalitet
from kvalitet_core.control_chars import CONTROL
from kvalitet_core.native import dump_yaml, load_yaml
from kvalitet_core.terminal_text import json_text, visible

ENV = {"KVALITET_PLUGINS": "native"}
HOSTILE = "\x1b]0;owned\x07\x1b[2J\x1b]8;;http://evil.example\x1b\\\x9b31m"
"""Retitle the window, clear the screen, plant a link, and an 8-bit CSI."""
IN_A_NAME = "\x1b]0;owned\x07\x1b[2J\x9b31m"
"""The same without the link's slashes, which no file name can hold."""


def _hostile_visit(folder: Path, name: str = "hostile.yaml") -> Path:
    """A visit file whose offer and first box item carry escape sequences, written as YAML
    escapes, since the importer strips raw control characters (a file written by another tool
    could still hold them, and names always can)."""
    visit = load_yaml(FIXTURE_YAMLS[0].read_text(encoding="utf-8"))[0]
    text = re.sub(r"(?m)^offer: (.*)$", r'offer: "\1 \\e]0;owned\\a\\e[2J\\x9b31m"', dump_yaml([visit]), count=1)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _assert_safe(output: bytes) -> None:
    text = output.decode("utf-8")
    assert not CONTROL.search(text), repr(CONTROL.search(text))


def test_visible_keeps_newline_and_tab_and_shows_the_rest() -> None:
    assert visible(f"a\tb\n{HOSTILE}") == "a\tb\n\\x1b]0;owned\\x07\\x1b[2J\\x1b]8;;http://evil.example\\x1b\\\\x9b31m"
    assert json.loads(json_text({"offer": "\x9b\x7f"})) == {"offer": "\x9b\x7f"}
    assert not CONTROL.search(json_text({"offer": "\x9b\x7f"}))


def test_an_error_message_naming_a_hostile_file_is_safe(tmp_path: Path) -> None:
    name = tmp_path / f"report{IN_A_NAME}.yaml"
    name.write_text("- not a visit\n", encoding="utf-8")
    done = run_kvalitet("validate", str(name), env=ENV)
    assert done.returncode == 3
    _assert_safe(done.stderr)
    assert "\\x1b]0;owned" in done.stderr.decode()


def test_show_is_safe(tmp_path: Path) -> None:
    path = _hostile_visit(tmp_path)
    raw = load_yaml(path.read_text(encoding="utf-8"))  # the YAML itself decodes to real escapes…
    assert "\x1b" in raw[0].offer
    done = run_kvalitet("show", str(path), env={**ENV, "COLUMNS": "100"})
    assert done.returncode == 0, done.stderr.decode()
    _assert_safe(done.stdout)  # …the import strips them, and whatever is printed is made visible


def test_show_diff_and_search_never_print_a_control_character(tmp_path: Path) -> None:
    library = tmp_path / f"lib{IN_A_NAME}"
    library.mkdir()
    path = _hostile_visit(library, f"visit{IN_A_NAME}.yaml")
    other = library / "plain.yaml"
    other.write_bytes(FIXTURE_YAMLS[0].read_bytes())
    env = {**ENV, "KVALITET_CACHE_DIR": str(tmp_path / "cache")}
    for command in (["show", str(path)], ["diff", str(other), str(path)], ["search", str(library), "Pegasus"],
                    ["library", str(library), "--list"], ["search", str(library), "Pegasus", "--json"]):
        done = run_kvalitet(*command, env=env)
        assert done.returncode in (0, 7), (command, done.stderr.decode())
        _assert_safe(done.stdout)
        _assert_safe(done.stderr)


@pytest.mark.parametrize("text", ["plain", "line\nbreak\tand tab"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert visible(text) == text
