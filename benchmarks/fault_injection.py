"""Fault injection: a 200-file batch stopped at random moments must leave nothing half-done.

    python benchmarks/fault_injection.py [--runs 20] [--files 200] [--seed 1] [--jobs 2]

The batch converts 150 generated YAML visits and 50 copies of the fixture PDFs to HTML and
Markdown in a folder (pages, an ``index.html``, staged files in flight). First it runs once
uninterrupted: that folder is the reference. Then, ``--runs`` times for each fault:

- ``SIGINT``, ``SIGTERM``, ``SIGKILL``: the batch's main process gets the signal at a random
  moment within the first 60 % of the reference run's duration (the reference runs first, with
  cold caches, so later batches are faster and a later moment would often find them done);
- ``ENOSPC``: the output folder is a tmpfs too small for the whole result (a random fraction of
  it, where this process may mount one, as root; else the run is reported as skipped).

After each stop it checks that no process of the batch is alive (its workers and watchdog
included, found by the run's private folder in their command line), that no ``.part``, hidden
or temporary file is left (in the folder and in the batch's private ``TMPDIR``), that every
file present equals the reference's file of that name (complete, never half-written), and that
running the batch again, uninterrupted, into the same folder gives exactly the reference
folder. It prints a table of figures and exits 1 if any check failed.

Every batch runs the committed code (``git archive HEAD``, unpacked into the run's folder), not
the working tree: a checkout that is being edited while the runs go on would otherwise make a
later batch's output differ from the reference for reasons of its own.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAULTS = ("SIGINT", "SIGTERM", "SIGKILL", "ENOSPC")


@dataclass
class Tally:
    """What the runs of one fault came to."""

    runs: int = 0
    failed: list[str] = field(default_factory=list)
    exit_codes: Counter[int] = field(default_factory=Counter)
    files_present: list[int] = field(default_factory=list)
    skipped: str | None = None


def make_inputs(folder: Path, files: int, seed: int) -> list[str]:
    """``files`` inputs: three quarters generated YAML visits, a quarter copies of the fixture PDFs."""
    spec = importlib.util.spec_from_file_location("generate_library", ROOT / "scripts" / "generate_library.py")
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    pdfs = sorted((ROOT / "fixtures" / "pdf").glob("*.pdf"))
    yamls = files * 3 // 4
    written = [str(path) for path in generator.write_library(folder / "yaml", generator.generate_visits(yamls, seed))]
    (folder / "pdf").mkdir()
    for index in range(files - len(written)):
        source = pdfs[index % len(pdfs)]
        written.append(str(shutil.copy(source, folder / "pdf" / f"{index:03d}-{source.name}")))
    return written


CODE: Path | None = None
"""The committed code every batch runs (see the module docstring); set by :func:`main`."""


def snapshot_code(folder: Path) -> Path:
    """``kvalitet_core`` and the plugins (as ``kvalitet_plugins``) of git HEAD, unpacked in ``folder``."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", "kvalitet_core", "plugins"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    (folder / "plugins").rename(folder / "kvalitet_plugins")
    return folder


def environment(private: Path) -> dict[str, str]:
    for name in ("home", "cache", "tmp"):
        (private / name).mkdir(parents=True, exist_ok=True)
    return {**os.environ, "HOME": str(private / "home"), "XDG_CACHE_HOME": str(private / "cache"),
            "KVALITET_CACHE_DIR": str(private / "cache"), "TMPDIR": str(private / "tmp"),
            "PYTHONPATH": str(CODE), "KVALITET_PLUGINS": "native,pdf,html,markdown"}


def start(inputs: list[str], out: Path, private: Path, jobs: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "kvalitet_core.cli.main", "convert", *inputs, "--to", "html,markdown",
               "-o", f"{out}/", "-j", str(jobs), "--no-progress"]
    return subprocess.Popen(command, env=environment(private), cwd=CODE,  # so that -m finds the snapshot first
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def processes_of(marker: str) -> list[int]:
    """Processes whose command line names ``marker`` (a run's private folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()} if folder.is_dir() else {}


def leftovers(*folders: Path) -> list[str]:
    """Staged, hidden or temporary files in the folders."""
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [str(path) for path in folder.rglob("*")
                      if path.name.endswith(".part") or path.name.startswith(".") or path.parent.name == "tmp"]
    return found


def check_stopped(process: subprocess.Popen, out: Path, private: Path, reference: dict[str, bytes],
                  tally: Tally, label: str) -> None:
    """The checks after a stop (see the module docstring)."""
    _, stderr = process.communicate(timeout=300)
    tally.exit_codes[process.returncode] += 1
    deadline = time.monotonic() + 10
    while processes_of(str(private)) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = processes_of(str(private))
    if alive:
        tally.failed.append(f"{label}: processes still alive: {alive}")
        for pid in alive:  # ours: this run's private folder is in their command line
            os.kill(pid, signal.SIGKILL)
    left = leftovers(out, private / "tmp")
    if left:
        tally.failed.append(f"{label}: left behind: {left[:3]}")
    present = snapshot(out)
    tally.files_present.append(len(present))
    wrong = [name for name, data in present.items() if reference.get(name) != data]
    if wrong:
        tally.failed.append(f"{label}: incomplete or foreign files: {wrong[:3]}")
    # -SIGTERM: the signal came while the interpreter was still starting, before the handler was
    # set; nothing had been written yet (the other checks say so).
    if process.returncode not in (0, 4, 130, 143, -signal.SIGKILL, -signal.SIGTERM):
        tally.failed.append(f"{label}: exit code {process.returncode}: {stderr.decode()[-300:]}")


def rerun_equals_reference(inputs: list[str], out: Path, private: Path, jobs: int, reference: dict[str, bytes],
                           tally: Tally, label: str) -> None:
    again = start(inputs, out, private, jobs)
    _, stderr = again.communicate(timeout=600)
    if again.returncode != 0:
        tally.failed.append(f"{label}: rerun exit code {again.returncode}: {stderr.decode()[-300:]}")
    elif snapshot(out) != reference:
        tally.failed.append(f"{label}: rerun differs from the uninterrupted result")


def can_mount() -> bool:
    probe = Path(tempfile.mkdtemp(prefix="kvalitet-mount-probe-"))
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True)
        if done.returncode == 0:
            subprocess.run(["umount", str(probe)], check=True)
        return done.returncode == 0
    except FileNotFoundError:
        return False
    finally:
        probe.rmdir()


def run_signal(fault: str, inputs: list[str], work: Path, jobs: int, reference: dict[str, bytes], duration: float,
               rng: random.Random, tally: Tally, number: int) -> None:
    private = work / f"{fault}-{number}"
    out = private / "out"
    process = start(inputs, out, private, jobs)
    time.sleep(rng.uniform(0.05, duration * 0.6))
    process.send_signal(getattr(signal, fault))
    label = f"{fault} #{number}"
    check_stopped(process, out, private, reference, tally, label)
    rerun_equals_reference(inputs, out, private, jobs, reference, tally, label)
    shutil.rmtree(private, ignore_errors=True)


def run_full_disk(inputs: list[str], work: Path, jobs: int, reference: dict[str, bytes], rng: random.Random,
                  tally: Tally, number: int) -> None:
    private = work / f"ENOSPC-{number}"
    out = private / "out"
    out.mkdir(parents=True)
    total = sum(len(data) for data in reference.values())
    size = max(64 * 1024, int(total * rng.uniform(0.05, 0.9)))
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(out)], check=True)
    label = f"ENOSPC #{number} ({size // 1024} KiB of {total // 1024})"
    try:
        process = start(inputs, out, private, jobs)
        check_stopped(process, out, private, reference, tally, label)
        if process.returncode != 4:
            tally.failed.append(f"{label}: exit code {process.returncode}, not 4")
        subprocess.run(["mount", "-o", f"remount,size={total * 3}", str(out)], check=True)  # room again
        rerun_equals_reference(inputs, out, private, jobs, reference, tally, label)
    finally:
        subprocess.run(["umount", str(out)], check=False)
    shutil.rmtree(private, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="runs per fault")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    arguments = parser.parse_args()
    global CODE
    rng = random.Random(arguments.seed)
    tallies = {fault: Tally() for fault in FAULTS}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kvalitet-faults-") as temporary:
        work = Path(temporary)
        CODE = snapshot_code(work / "code")
        inputs = make_inputs(work / "inputs", arguments.files, arguments.seed)
        first = time.monotonic()
        reference_run = start(inputs, work / "reference" / "out", work / "reference", arguments.jobs)
        _, stderr = reference_run.communicate(timeout=600)
        duration = time.monotonic() - first
        if reference_run.returncode != 0:
            print(f"the uninterrupted batch failed: {stderr.decode()}", file=sys.stderr)
            return 1
        reference = snapshot(work / "reference" / "out")
        mountable = can_mount()
        for number in range(1, arguments.runs + 1):
            for fault in FAULTS:
                tally = tallies[fault]
                if fault == "ENOSPC":
                    if not mountable:
                        tally.skipped = "no tmpfs can be mounted here (not root)"
                        continue
                    run_full_disk(inputs, work, arguments.jobs, reference, rng, tally, number)
                else:
                    run_signal(fault, inputs, work, arguments.jobs, reference, duration, rng, tally, number)
                tally.runs += 1
    print(f"{arguments.files} inputs ({len(reference)} output files), {arguments.jobs} workers, seed {arguments.seed}; "
          f"uninterrupted batch {duration:.2f} s; all runs {time.monotonic() - started:.0f} s")
    print(f"{'fault':<8} {'runs':>4} {'failed checks':>13}  {'exit codes':<28} files present after the stop (min/median/max)")
    for fault, tally in tallies.items():
        if tally.skipped:
            print(f"{fault:<8} skipped: {tally.skipped}")
            continue
        present = sorted(tally.files_present) or [0]
        codes = ", ".join(f"{code}×{count}" for code, count in sorted(tally.exit_codes.items()))
        print(f"{fault:<8} {tally.runs:>4} {len(tally.failed):>13}  {codes:<28} "
              f"{present[0]}/{present[len(present) // 2]}/{present[-1]}")
    failures = [failure for tally in tallies.values() for failure in tally.failed]
    for failure in failures:
        print(f"FAILED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
