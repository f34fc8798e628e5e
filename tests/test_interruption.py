"""A batch stopped in every way a process can be — ^C, SIGTERM, SIGKILL, a worker killed by the
kernel, a full disk — leaves no staged files and no processes, and says what happened."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_YAMLS, private_environment, run_kvalitet

ENV = {"KVALITET_PLUGINS": "native,markdown,html,csv"}

SLOW_BATCH = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # a suite started in the background ignores ^C
from kvalitet_core import conversion
real = conversion.read_visits
def read_visits(host, location, **options):
    if location.endswith(os.environ.get("KILL_WORKER_ON", "\\0")):
        os.kill(os.getpid(), signal.SIGKILL)  # what the out-of-memory killer does
    time.sleep(float(os.environ.get("SECONDS_PER_INPUT", "0")))
    return real(host, location, **options)
conversion.read_visits = read_visits
from kvalitet_core.cli.main import run
sys.argv[0] = "kvalitet"
run()
"""
"""``kvalitet`` with an importer slowed down (so a signal lands mid-batch) or killed on one input."""


@pytest.fixture
def batch(tmp_path: Path) -> list[str]:
    """Forty inputs: the fixtures under many names."""
    folder = tmp_path / "in"
    folder.mkdir()
    return [str(shutil.copy(FIXTURE_YAMLS[index % len(FIXTURE_YAMLS)], folder / f"visit-{index:02d}.yaml"))
            for index in range(40)]


def start(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen:
    environment = {**private_environment(tmp_path / "private"), **ENV, **env}
    return subprocess.Popen([sys.executable, "-c", SLOW_BATCH, *args], env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def processes_of(marker: str) -> list[int]:
    """Processes whose command line names ``marker`` (the test's own folder): the batch, its
    workers and its watchdog, and nothing else on the machine."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def gone(marker: str, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while processes_of(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not processes_of(marker)


def staged(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*") if path.name.endswith(".part") or path.name.startswith("."))


def wait_for_output(folder: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not any(folder.glob("*.html")):
        time.sleep(0.02)
    assert any(folder.glob("*.html")), "the batch never started writing"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the batch's processes through /proc")
@pytest.mark.parametrize(("sent", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGKILL, -9)])
def test_a_stopped_batch_leaves_no_staged_files_and_no_processes(tmp_path: Path, batch: list[str],
                                                                  sent: signal.Signals, code: int) -> None:
    out = tmp_path / "out"
    process = start(tmp_path, "convert", *batch, "--to", "html,markdown", "-o", f"{out}/", "-j", "2",
                    SECONDS_PER_INPUT="0.25")
    wait_for_output(out)
    process.send_signal(sent)
    process.communicate(timeout=30)
    assert process.returncode == code
    assert gone(str(tmp_path)), "a process of the batch is still running"
    assert staged(out) == []
    written = sorted(out.glob("*.html"))
    assert 0 < len(written) < len(batch)
    for page in written:
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_a_worker_killed_by_the_kernel_fails_only_its_input(tmp_path: Path, batch: list[str]) -> None:
    out = tmp_path / "out"
    victim = batch[17]
    process = start(tmp_path, "convert", *batch, "--to", "markdown", "-o", f"{out}/", "-j", "2",
                    KILL_WORKER_ON=Path(victim).name)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert stderr.decode().splitlines() == [
        f"kvalitet: error: {victim}: the worker process converting it was killed (out of memory?)",
        f"kvalitet: 1 of {len(batch)} inputs failed",
    ]
    assert len(list(out.glob("*.md"))) == len(batch) - 1
    assert staged(out) == []


def test_the_batch_goes_on_past_a_killed_worker(tmp_path: Path, batch: list[str]) -> None:
    whole, broken = tmp_path / "whole", tmp_path / "broken"
    assert run_kvalitet("convert", *batch[:17], *batch[18:], "--to", "markdown", "-o", f"{whole}/", "-j", "2",
                        env=ENV).returncode == 0
    process = start(tmp_path, "convert", *batch, "--to", "markdown", "-o", f"{broken}/", "-j", "2",
                    KILL_WORKER_ON=Path(batch[17]).name)
    process.communicate(timeout=120)
    assert {path.name: path.read_bytes() for path in broken.iterdir()} == \
        {path.name: path.read_bytes() for path in whole.iterdir()}


def test_a_full_disk_on_stdout_is_exit_4_with_the_path() -> None:
    with open("/dev/full", "wb") as full:
        done = run_kvalitet("convert", str(FIXTURE_YAMLS[0]), "--to", "yaml", env=ENV, stdout=full)
    assert done.returncode == 4
    assert done.stderr.decode() == "kvalitet: error: <stdout>: cannot write: No space left on device\n"


def _small_files_only() -> None:
    """In the child: files may not grow past 20 kB (a write past it fails, as on a full disk)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failed_write_stops_the_batch_with_exit_4_and_leaves_nothing_partial(tmp_path: Path, batch: list[str],
                                                                             jobs: str) -> None:
    out = tmp_path / "out"
    environment = {**private_environment(tmp_path / "private"), **ENV}
    done = subprocess.run([sys.executable, "-m", "kvalitet_core.cli.main", "convert", *batch, "--to", "html",
                           "-o", f"{out}/", "-j", jobs], env=environment, capture_output=True,
                          preexec_fn=_small_files_only, timeout=120)
    assert done.returncode == 4
    [line] = done.stderr.decode().splitlines()
    assert line == f"kvalitet: error: {out}: cannot write: File too large"
    assert staged(out) == []


def test_an_output_folder_that_cannot_be_created_is_exit_4(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = run_kvalitet("convert", str(FIXTURE_YAMLS[0]), "--to", "html", "-o", f"{blocker}/out/", env=ENV)
    assert done.returncode == 4
    assert done.stderr.decode() == f"kvalitet: error: {blocker}/out: cannot create the folder: Not a directory\n"
