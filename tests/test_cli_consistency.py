"""What a pipeline relies on: format names and aliases everywhere, the format from -o's extension,
a warning for a mismatched one, the output formats' options in convert --help, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE_YAMLS, run_kvalitet

ENV = {"KVALITET_PLUGINS": "native,markdown,html,csv"}
VISIT = str(FIXTURE_YAMLS[0])


@pytest.mark.parametrize(("alias", "name"), [("md", "markdown"), ("yml", "yaml"), ("MARKDOWN", "markdown")])
def test_aliases_mean_their_format(alias: str, name: str) -> None:
    assert run_kvalitet("convert", VISIT, "--to", alias, env=ENV).stdout == \
        run_kvalitet("convert", VISIT, "--to", name, env=ENV).stdout


def test_from_takes_aliases_too() -> None:
    done = run_kvalitet("convert", VISIT, "--from", "yml", "--to", "json", env=ENV)
    assert done.returncode == 0, done.stderr.decode()


def test_diff_takes_the_same_names() -> None:
    for name in ("markdown", "md"):
        assert run_kvalitet("diff", VISIT, VISIT, "--to", name, env=ENV).returncode == 0


@pytest.mark.parametrize(("name", "first_line"), [("visit.md", b"# "), ("visit.yml", b"schema: kvalitet/visit"),
                                                  ("visit.html", b"<!DOCTYPE html>")])
def test_the_format_follows_the_output_extension_when_to_is_omitted(tmp_path: Path, name: str,
                                                                   first_line: bytes) -> None:
    done = run_kvalitet("convert", VISIT, "-o", str(tmp_path / name), env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / name).read_bytes().startswith(first_line)


@pytest.mark.parametrize("output", [None, "x.unknown", "folder/"])
def test_without_to_an_output_that_names_no_format_is_a_usage_error(tmp_path: Path, output: str | None) -> None:
    done = run_kvalitet("convert", VISIT, *(["-o", str(tmp_path / output)] if output else []), env=ENV)
    assert done.returncode == 2
    assert "name the output format with --to" in done.stderr.decode()


def test_a_mismatched_extension_is_warned_about(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    done = run_kvalitet("convert", VISIT, "--to", "html", "-o", str(target), env=ENV)
    assert done.returncode == 0
    assert done.stderr.decode() == (f"kvalitet: warning: {target}: '.md' is the extension of markdown, "
                                    "but --to html writes .html files\n")
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")
    quiet = run_kvalitet("convert", VISIT, "--to", "yaml", "-o", str(tmp_path / "report.yml"), env=ENV)
    assert quiet.stderr == b""


def test_convert_help_lists_each_formats_own_options() -> None:
    done = run_kvalitet("convert", "--help", env=ENV)
    text = done.stdout.decode()
    section = text[text.index("Output formats and their options:"):]
    assert "csv" in section and "--table" in section and "--dialect" in section
    assert "--indent" in section and "int | None" not in section
