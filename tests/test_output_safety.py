"""Outputs never replace their own inputs, and a folder's index lists every page in it."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_YAMLS, run_kvalitet

ENV = {"KVALITET_PLUGINS": "native,markdown,html,csv"}


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return Path(shutil.copy(FIXTURE_YAMLS[0], tmp_path / "report.yaml"))


@pytest.mark.parametrize("link", ["same", "symlink", "hardlink"])
@pytest.mark.parametrize("to", ["html", "yaml"])
def test_an_output_onto_its_own_input_is_refused(report: Path, link: str, to: str) -> None:
    target = report
    if link == "symlink":
        target = report.with_name("link.yaml")
        target.symlink_to(report.name)
    elif link == "hardlink":
        target = report.with_name("hard.yaml")
        os.link(report, target)
    before = report.read_bytes()
    done = run_kvalitet("convert", str(report), "--to", to, "-o", str(target), env=ENV)
    assert done.returncode == 4
    last = done.stderr.decode().splitlines()[-1]  # after a warning that '.yaml' is not HTML's extension
    assert last == f"kvalitet: error: {target}: the output is the input {report}: write elsewhere"
    assert report.read_bytes() == before


def test_stdout_appended_to_an_input_is_refused(report: Path) -> None:
    before = report.read_bytes()
    with report.open("ab") as appended:
        done = run_kvalitet("convert", str(report), "--to", "yaml", env=ENV, stdout=appended)
    assert done.returncode == 4
    assert report.read_bytes() == before


def test_a_folder_output_never_replaces_an_input_in_it(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    inside = Path(shutil.copy(FIXTURE_YAMLS[0], folder / f"{FIXTURE_YAMLS[0].stem}.yaml"))
    other = FIXTURE_YAMLS[1]
    before = inside.read_bytes()
    done = run_kvalitet("convert", str(inside), str(other), "--to", "yaml", "-o", f"{folder}/", env=ENV)
    assert done.returncode == 1
    assert f"would replace the input {inside}" in done.stderr.decode()
    assert inside.read_bytes() == before
    assert (folder / f"{other.stem}.yaml").exists()  # the batch went on
    assert not [path for path in folder.iterdir() if path.name.startswith(".")]


def _links(index: Path) -> list[str]:
    return sorted(re.findall(r'<a href="([^"#]+\.html)">', index.read_text(encoding="utf-8")))


def test_a_second_conversion_into_a_folder_keeps_the_first_in_its_index(tmp_path: Path) -> None:
    folder = f"{tmp_path}/site/"
    first, second = FIXTURE_YAMLS[:2], FIXTURE_YAMLS[2:]
    assert run_kvalitet("convert", *map(str, first), "--to", "html", "-o", folder, env=ENV).returncode == 0
    assert run_kvalitet("convert", *map(str, second), "--to", "html", "-o", folder, env=ENV).returncode == 0
    pages = sorted(path.name for path in Path(folder).glob("*.html") if path.name != "index.html")
    assert _links(Path(folder) / "index.html") == pages
    assert len(pages) == len(FIXTURE_YAMLS)
    together = tmp_path / "together"
    assert run_kvalitet("convert", *map(str, FIXTURE_YAMLS), "--to", "html", "-o", f"{together}/", env=ENV).returncode == 0
    assert _links(together / "index.html") == pages
