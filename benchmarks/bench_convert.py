"""Batch conversion: speed-up with two worker processes, and peak memory against input count.

    python benchmarks/bench_convert.py [--visits 200] [--runs 3]

Generates visits as YAML in a temporary folder (the fixtures, each copy with its own id),
converts them to markdown and html (``-o DIR``, one file per visit plus the index), to csv
(one table), and to all three formats in one run (``--to markdown,html,csv -o DIR``: each input
imported once), with ``-j 1`` and ``-j 2`` in the same run, and reports the best wall time of each,
their ratio, and the CPU time of the process tree (which shows the cost of parallelism even
when other work shares the machine). The same command on one input measures the fixed start-up
(interpreter, imports, plugins), which no number of workers shortens; the last column is the
speed-up of the rest. Then it converts 50 and 200 (``--visits``) inputs with
``-j 2`` while sampling the resident memory of the whole process tree from /proc, and reports
the peak: it must not grow with the number of inputs. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from compiled import compile_project

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {"markdown": "md/", "html": "html/", "csv": "table.csv"}
ALL_IN_ONE_RUN = ("markdown,html,csv", "all/")
"""All three formats from one run: each input imported once, each visit written in each format."""


def generate(folder: Path, count: int) -> list[str]:
    """Write ``count`` visits as YAML files, cycling through the fixtures with fresh ids."""
    from kvalitet_core.native import dump_yaml, load_yaml

    fixtures = [load_yaml(path.read_text(encoding="utf-8"))[0] for path in sorted((ROOT / "fixtures").glob("*.yaml"))]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        visit = fixtures[number % len(fixtures)].model_copy(deep=True)
        visit.id = f"{visit.id}-{number:05d}"
        path = folder / f"{visit.id}.yaml"
        path.write_text(dump_yaml([visit]), encoding="utf-8")
        paths.append(str(path))
    return paths


def command(inputs: list[str], to: str, target: str, folder: Path, jobs: int) -> list[str]:
    """The conversion of ``inputs`` to ``to``, into ``folder``/``target`` (a trailing "/": a folder)."""
    return [sys.executable, "-m", "kvalitet_core.cli.main", "convert", *inputs, "--to", to,
            "-o", str(folder / target.rstrip("/")) + ("/" if target.endswith("/") else ""), "-j", str(jobs)]


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                    stack.extend(int(child) for child in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv: list[str], sample_memory: bool = False) -> tuple[float, float, int]:
    """Run one conversion; return its wall time, the CPU time of its whole process tree and
    (when sampled) the tree's peak RSS. Timed runs are not sampled: the sampler takes CPU."""
    peak = 0
    cpu = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    if sample_memory:
        sampler.start()
    _, errors = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    if sample_memory:
        sampler.join()
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(argv[:6])} …\n{errors.decode()}")
    return elapsed, _children_cpu() - cpu, peak


def timed(inputs: list[str], to: str, target: str, workspace: Path, runs: int) -> tuple[dict, dict]:
    """Best wall and CPU seconds of the conversion with one job (1), two jobs (2) and of the same
    command on a single input (0: the fixed cost — interpreter, imports, plugins)."""
    best = {0: float("inf"), 1: float("inf"), 2: float("inf")}
    cpu = {0: float("inf"), 1: float("inf"), 2: float("inf")}
    for _ in range(runs):
        for jobs in (0, 1, 2):  # interleaved, so drift in the machine's load hits all alike
            shutil.rmtree(workspace / "out", ignore_errors=True)
            (workspace / "out").mkdir()
            seconds, used, _ = run(command(inputs[:1] if jobs == 0 else inputs, to, target, workspace / "out",
                                           max(jobs, 1)))
            best[jobs] = min(best[jobs], seconds)
            cpu[jobs] = min(cpu[jobs], used)
    return best, cpu


def row(label: str, best: dict, cpu: dict | None) -> str:
    used = f"{cpu[1]:9.2f} {cpu[2]:9.2f}" if cpu else f"{'':9} {'':9}"
    return (f"{label:22} {best[1]:8.2f} {best[2]:8.2f} {best[1] / best[2]:8.2f}× {used} "
            f"{best[0]:11.2f} {(best[1] - best[0]) / (best[2] - best[0]):23.2f}×")


def main() -> None:
    compile_project()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visits", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per case; the best counts")
    arguments = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="kvalitet-bench-"))
    try:
        inputs = generate(workspace / "in", arguments.visits)
        load = os.getloadavg()[0]
        print(f"{arguments.visits} visits, {os.cpu_count()} cores, load average {load:.2f} at the start\n")
        print(f"{'format':22} {'-j 1 s':>8} {'-j 2 s':>8} {'speed-up':>9} {'CPU -j 1':>9} {'CPU -j 2':>9} "
              f"{'start-up s':>11} {'speed-up after start-up':>24}")
        totals = {0: 0.0, 1: 0.0, 2: 0.0}
        for to, target in FORMATS.items():
            best, cpu = timed(inputs, to, target, workspace, arguments.runs)
            for jobs in totals:
                totals[jobs] += best[jobs]
            print(row(to, best, cpu))
        print(row("sum of the three runs", totals, None))
        bound = totals[1] / (totals[0] + (totals[1] - totals[0]) / 2)
        print(f"(two perfectly parallel workers after the same start-up would give {bound:.2f}×)")
        to, target = ALL_IN_ONE_RUN
        best, cpu = timed(inputs, to, target, workspace, arguments.runs)
        print(row("all three in one run", best, cpu) + "   ← --to markdown,html,csv -o DIR/\n")

        print(f"{'format':10} {'inputs':>6} {'peak RSS MiB (-j 2, process tree)':>36}")
        for to, target in FORMATS.items():
            for count in (50, arguments.visits):
                shutil.rmtree(workspace / "out", ignore_errors=True)
                (workspace / "out").mkdir()
                argv = command(inputs[:count], to, target, workspace / "out", 2)
                _, _, peak = run(argv, sample_memory=True)
                print(f"{to:10} {count:6d} {peak / 2**20:36.1f}")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
