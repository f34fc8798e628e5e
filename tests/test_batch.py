"""Batch conversion as pipelines use it: one file per visit, unique names, bad inputs skipped
(or fatal with --fail-fast), exit codes, atomic outputs and a quiet stderr in a pipe."""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import pytest

from conftest import FIXTURE_YAMLS, private_environment, run_kvalitet
from kvalitet_core.conversion import ConversionRequest, convert
from kvalitet_core.formats import Exporter, Options, PartsExporter
from kvalitet_core.hookspecs import hookimpl
from kvalitet_core.model import Visit
from kvalitet_core.native import dump_yaml, load_yaml
from kvalitet_core.plugins import PluginHost
from kvalitet_plugins import native

ENV = {"KVALITET_PLUGINS": "native,markdown,html,csv"}


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """The fixtures, a copy of the first under another name (same visit id), and a bad file."""
    folder = tmp_path / "in"
    folder.mkdir()
    paths = [Path(shutil.copy(path, folder)) for path in FIXTURE_YAMLS]
    twin = folder / "twin.yaml"
    shutil.copy(FIXTURE_YAMLS[0], twin)
    return [*paths, twin]


def bad_file(folder: Path) -> Path:
    path = folder / "broken.yaml"
    path.write_text("schema: kvalitet/visit\nid: [unclosed\n", encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".part") or p.name.startswith("."))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_file_per_visit_with_unique_names(tmp_path: Path, inputs: list[Path], jobs: str) -> None:
    index_visit = load_yaml(FIXTURE_YAMLS[1].read_text(encoding="utf-8"))[0]
    index_visit.id = "index"  # must not overwrite the folder's index.html
    (tmp_path / "in" / "index.yaml").write_text(dump_yaml([index_visit]), encoding="utf-8")
    out = tmp_path / "out"
    done = run_kvalitet("convert", *map(str, inputs), str(tmp_path / "in" / "index.yaml"), "--to", "html",
                        "-o", f"{out}/", "-j", jobs, env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    first = load_yaml(FIXTURE_YAMLS[0].read_text(encoding="utf-8"))[0].id
    expected = {f"{p.stem}.html" for p in FIXTURE_YAMLS} | {f"{first}-2.html", "index-2.html", "index.html"}
    assert {p.name for p in out.iterdir()} == expected
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}"' in index for name in expected - {"index.html"})
    assert leftovers(out) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_file_is_reported_and_skipped(tmp_path: Path, inputs: list[Path], jobs: str) -> None:
    bad = bad_file(tmp_path / "in")
    out = tmp_path / "out"
    done = run_kvalitet("convert", str(inputs[0]), str(bad), *map(str, inputs[1:]), "--to", "markdown",
                        "-o", f"{out}/", "-j", jobs, env=ENV)
    assert done.returncode == 1
    errors = done.stderr.decode().splitlines()
    assert errors[0].startswith(f"kvalitet: error: {bad}")
    assert errors[-1] == f"kvalitet: 1 of {len(inputs) + 1} inputs failed"
    assert len(list(out.glob("*.md"))) == len(inputs)
    assert leftovers(out) == []


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path, inputs: list[Path]) -> None:
    bad = bad_file(tmp_path / "in")
    out = tmp_path / "out"
    done = run_kvalitet("convert", str(bad), *map(str, inputs), "--to", "markdown", "-o", f"{out}/",
                        "-j", "1", "--fail-fast", env=ENV)
    assert done.returncode == 1
    assert done.stderr.decode().count("error:") == 1
    assert list(out.iterdir()) == []


def test_fail_fast_with_workers_leaves_only_complete_files(tmp_path: Path, inputs: list[Path]) -> None:
    bad = bad_file(tmp_path / "in")
    out = tmp_path / "out"
    many = [str(path) for path in inputs] * 6  # enough chunks that some are in flight at the stop
    done = run_kvalitet("convert", *many[:3], str(bad), *many[3:], "--to", "html", "-o", f"{out}/",
                        "-j", "2", "--fail-fast", env=ENV)
    assert done.returncode == 1
    assert leftovers(out) == []
    assert len(list(out.iterdir())) < len(many)  # stopped: the rest was not written


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_failed_stream_output_leaves_the_old_file_untouched(tmp_path: Path, inputs: list[Path], jobs: str) -> None:
    bad = bad_file(tmp_path / "in")
    target = tmp_path / "table.csv"
    target.write_text("old\n", encoding="utf-8")
    done = run_kvalitet("convert", *map(str, inputs), str(bad), "--to", "csv", "-o", str(target), "-j", jobs,
                        "--fail-fast", env=ENV)
    assert done.returncode == 1
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_pipe_gets_no_progress_text(inputs: list[Path]) -> None:
    done = run_kvalitet("convert", *map(str, inputs), "--to", "csv", "-j", "2", env=ENV)
    assert done.returncode == 0
    assert done.stderr == b""
    assert done.stdout.startswith(b"visit_id,") and b"\x1b" not in done.stdout


def test_terminal_gets_a_progress_bar(inputs: list[Path], tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "kvalitet_core.cli.main", "convert", *map(str, inputs),
                               "--to", "markdown", "-o", f"{tmp_path}/out/"],
                              stdout=subprocess.PIPE, stderr=terminal,
                              env={**private_environment(tmp_path / "private"), **ENV, "TERM": "xterm", "COLUMNS": "80"},
                              timeout=60)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert done.returncode == 0
    assert b"converting" in shown


class _BreaksMidway(Exporter):
    """Writes half of its output, then fails: on one visit, or on the whole stream."""

    name = "breaks"
    extension = ".txt"

    def write(self, visits: Sequence[Visit], stream: BinaryIO, options: Options) -> None:
        for visit in visits:
            stream.write(f"{visit.id}\n".encode() * 1000)
            if visit.id.startswith("nabo") or len(visits) > 1:
                raise RuntimeError("disk on fire")


class _Plugin:
    @hookimpl
    def register_exporters(self, register):  # noqa: ANN001 - pluggy hook
        register(_BreaksMidway())


def _host() -> PluginHost:
    return PluginHost([(None, native), (None, _Plugin())])


def test_exporter_failure_fails_only_that_visit_and_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    request = ConversionRequest(inputs=[str(p) for p in FIXTURE_YAMLS], to="breaks", output=out,
                                output_is_folder=True)
    result = convert(request, _host())
    assert [str(error).split(":")[0] for error in result.failures] == [str(p) for p in FIXTURE_YAMLS
                                                                        if p.stem.startswith("nabo")]
    assert "disk on fire" in str(result.failures[0])
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.txt" for p in FIXTURE_YAMLS
                                                          if not p.stem.startswith("nabo"))


def test_stream_exporter_failure_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "all.txt"
    request = ConversionRequest(inputs=[str(p) for p in FIXTURE_YAMLS], to="breaks", output=target)
    with pytest.raises(RuntimeError):
        convert(request, _host())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_several_formats_in_one_run_match_separate_runs(tmp_path: Path, inputs: list[Path], jobs: str) -> None:
    together = tmp_path / "together"
    done = run_kvalitet("convert", *map(str, inputs), "--to", "markdown,html,csv", "--table", "visits",
                        "-o", f"{together}/", "-j", jobs, env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    for to in ("markdown", "html", "csv"):
        alone = tmp_path / to
        extra = ("--table", "visits") if to == "csv" else ()
        assert run_kvalitet("convert", *map(str, inputs), "--to", to, *extra, "-o", f"{alone}/", env=ENV).returncode == 0
        for path in alone.iterdir():
            assert (together / path.name).read_bytes() == path.read_bytes(), path.name
    stems = {p.stem for p in FIXTURE_YAMLS} | {f"{load_yaml(FIXTURE_YAMLS[0].read_text(encoding='utf-8'))[0].id}-2"}
    expected = {f"{stem}{ext}" for stem in stems for ext in (".md", ".html", ".csv")} | {"index.html"}
    assert {p.name for p in together.iterdir()} == expected
    assert leftovers(together) == []


def test_several_formats_need_a_folder_and_known_options(tmp_path: Path, inputs: list[Path]) -> None:
    no_folder = run_kvalitet("convert", *map(str, inputs), "--to", "markdown,csv", env=ENV)
    assert no_folder.returncode == 2
    assert b"several output formats need an output folder" in no_folder.stderr
    unknown = run_kvalitet("convert", *map(str, inputs), "--to", "markdown,csv", "--indent", "2",
                           "-o", f"{tmp_path}/out/", env=ENV)
    assert unknown.returncode == 2
    assert b"unknown option --indent for these output formats" in unknown.stderr
    twice = run_kvalitet("convert", *map(str, inputs), "--to", "csv,csv", "-o", f"{tmp_path}/out/", env=ENV)
    assert twice.returncode == 2 and b"name each output format once" in twice.stderr


@pytest.mark.parametrize(("to", "extra"), [("csv", ()), ("csv", ("--dialect", "excel-da")), ("yaml", ()),
                                           ("json", ()), ("json", ("--indent", "4")), ("markdown", ())])
def test_parallel_stream_equals_serial_stream(tmp_path: Path, inputs: list[Path], to: str,
                                              extra: tuple[str, ...]) -> None:
    """A stream built from parts rendered in workers is byte for byte the stream of one process."""
    outputs = []
    for jobs in ("1", "2"):
        done = run_kvalitet("convert", *map(str, inputs), "--to", to, *extra, "-j", jobs, env=ENV)
        assert done.returncode == 0, done.stderr.decode()
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    first = load_yaml(inputs[0].read_text(encoding="utf-8"))[0]
    marker = f"# {first.offer}" if to == "markdown" else first.id
    assert outputs[0].count(marker.encode()) >= 2  # the first fixture and its twin


@pytest.mark.parametrize("name", ["yaml", "json", "csv", "markdown"])
@pytest.mark.parametrize("count", [1, 2, 4])
def test_parts_joined_equal_the_exporters_own_stream(name: str, count: int) -> None:
    from kvalitet_core.plugins import get_host

    exporter = get_host().exporters[name]
    options = exporter.options_model()
    visits = [load_yaml(path.read_text(encoding="utf-8"))[0] for path in FIXTURE_YAMLS[:count]]
    written, joined = io.BytesIO(), io.BytesIO()
    exporter.write(visits, written, options)
    exporter.join_parts([exporter.render_part(visit, options) for visit in visits], joined, options)
    assert isinstance(exporter, PartsExporter) and joined.getvalue() == written.getvalue()


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path, inputs: list[Path]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    existing = out / f"{inputs[1].stem}.md"
    existing.write_text("old", encoding="utf-8")
    existing.chmod(0o600)
    done = run_kvalitet("convert", str(inputs[1]), str(inputs[2]), "--to", "markdown", "-o", f"{out}/", "-j", "2",
                        env=ENV)
    assert done.returncode == 0, done.stderr.decode()
    assert existing.read_text(encoding="utf-8").startswith("#") and existing.stat().st_mode & 0o777 == 0o600
    fresh = out / f"{inputs[2].stem}.md"
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert leftovers(out) == []


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
