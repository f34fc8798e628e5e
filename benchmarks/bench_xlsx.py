"""The Excel workbook of many visits: time and peak memory against the CSV table of the same visits.

    python benchmarks/bench_xlsx.py [--visits 1000] [--small 100] [--runs 3]

Generates visits as YAML (the fixtures, each copy with its own id, as ``bench_convert.py``
does) and converts the first ``--small`` and then all ``--visits`` of them into one workbook
(``--to xlsx -o visits.xlsx``) and into one CSV table (``--to csv -o items.csv``, the
reference), each with ``-j 1`` (so that the one process holds everything: reading, rendering
and writing the file) and with ``-j 2``; the CSV runs alternate with the xlsx runs, so that the
machine's load hits both alike. Reported: the best wall time of ``--runs`` runs, the peak
resident memory sampled from /proc in a separate run (``-j 1``: the one process; ``-j 2``: the
whole process tree), and the output's size. The workbook's peak must not grow with the number
of visits, as the table's does not. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from bench_convert import command, generate, run
from compiled import compile_project

TARGETS = {"xlsx": "visits.xlsx", "csv": "items.csv"}


def measure(inputs: list[str], to: str, workspace: Path, jobs: int, runs: int) -> tuple[float, int, int]:
    """Best wall seconds of ``runs`` conversions, the peak RSS of one more (sampled) and the output's bytes."""
    target = workspace / "out" / TARGETS[to]
    argv = command(inputs, to, TARGETS[to], workspace / "out", jobs)
    best = min(run(argv)[0] for _ in range(runs))
    _, _, peak = run(argv, sample_memory=True)
    return best, peak, target.stat().st_size


def main() -> None:
    compile_project()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--small", type=int, default=100, help="the smaller batch the peak memory is compared with")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per case; the best counts")
    arguments = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="kvalitet-bench-"))
    try:
        inputs = generate(workspace / "in", arguments.visits)
        (workspace / "out").mkdir()
        print(f"{arguments.visits} visits, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start\n")
        print(f"{'format':6} {'visits':>6} {'jobs':>4} {'best s':>8} {'ms/visit':>9} {'peak RSS MiB':>13} {'output KiB':>11}")
        for count in (arguments.small, arguments.visits):
            for jobs in (1, 2):
                for to in TARGETS:
                    best, peak, size = measure(inputs[:count], to, workspace, jobs, arguments.runs)
                    print(f"{to:6} {count:6d} {jobs:4d} {best:8.2f} {1000 * best / count:9.2f} {peak / 2**20:13.1f} "
                          f"{size / 1024:11.0f}")
        print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
