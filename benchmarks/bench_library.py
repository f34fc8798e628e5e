"""Benchmark of the visit library on a generated library (not a test: it prints figures).

    python benchmarks/bench_library.py [--count 1000] [--seed 1] [--jobs N] [--keep DIR]

Measures a cold index build, re-opening the unchanged library (the case every command pays),
search latency over realistic queries, a diff of two full reports, and stats over everything.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kvalitet_core.analytics import library_stats
from kvalitet_core.compare import compare_visits
from kvalitet_core.compare.render import render_html
from kvalitet_core.compare.timeline import timelines
from kvalitet_core.processes import available_cores
from kvalitet_core.library.index import Library
from kvalitet_core.library.search import SearchFilters, search
from kvalitet_core.plugins import get_host

from compiled import compile_project

ROOT = Path(__file__).resolve().parent.parent

QUERIES: list[tuple[str, SearchFilters]] = [
    ("kerneopgave*", SearchFilters()),
    ("kerneopgaven", SearchFilters(theme="4")),
    ('"fælles faglig*"', SearchFilters()),
    ('"fælles fagligt fundament"', SearchFilters(part="points_to")),
    ("struktur", SearchFilters()),
    ("struktur AND mad", SearchFilters()),
    ("medarbejderne", SearchFilters()),
    ("brugerne OR borgerne", SearchFilters(part="talked_about")),
    ("økonomi*", SearchFilters()),
    ("Ældre", SearchFilters()),
    ("sundhed NOT mad", SearchFilters(theme="7")),
    ("kompetence*", SearchFilters(since=date(2015, 1, 1))),
    ("dokumentation", SearchFilters(assessment="Akkrediteret med forbehold")),
    ("ledelse*", SearchFilters(offer="Pegasus")),
    ("N.A.B.O.", SearchFilters()),
    ("frivillige", SearchFilters()),
    ("low arousal", SearchFilters()),
    ("pårørende*", SearchFilters()),
    ("værdier", SearchFilters(part="conclusion")),
    ("trivsel arbejdsglæde", SearchFilters()),
]


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("generate_library", ROOT / "scripts" / "generate_library.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(folder: Path, cache: Path, count: int, seed: int, jobs: int) -> list[tuple[str, str, str]]:
    """Every measurement as (what, figure, target)."""
    rows: list[tuple[str, str, str]] = []
    generator = _generator()
    seconds = _timed(lambda: generator.write_library(folder, generator.generate_visits(count, seed)))
    rows.append((f"generate {count} YAML visits", f"{seconds:.2f} s", ""))
    get_host()
    seconds = _timed(lambda: Library.open(folder, cache_dir=cache, jobs=jobs).close())
    rows.append((f"cold index build ({jobs} jobs)", f"{seconds:.2f} s", ""))
    reopen = [_timed(lambda: Library.open(folder, cache_dir=cache, jobs=jobs).close()) for _ in range(7)]
    rows.append(("re-open unchanged library (median of 7)", f"{statistics.median(reopen) * 1000:.0f} ms",
                 "< 300 ms"))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kvalitet_core.cli.main", "library", str(folder), "--cache-dir", str(cache)],
                   check=True, capture_output=True)
    rows.append(("`kvalitet library` unchanged, whole process", f"{(time.perf_counter() - started) * 1000:.0f} ms", ""))
    with Library.open(folder, cache_dir=cache, refresh=False) as library:
        latencies: list[float] = []
        hits = 0
        for _ in range(10):
            for query, filters in QUERIES:
                started = time.perf_counter()
                hits += len(search(library, query, filters, limit=20))
                latencies.append(time.perf_counter() - started)
        rows.append((f"search, {len(QUERIES)} queries × 10, p50", f"{_percentile(latencies, 0.5) * 1000:.1f} ms", ""))
        rows.append(("search p95", f"{_percentile(latencies, 0.95) * 1000:.1f} ms", "< 50 ms"))
        rows.append(("search max", f"{max(latencies) * 1000:.1f} ms", ""))
        visits = _timed(library.visits)
        rows.append((f"load all {count} visits from the index", f"{visits:.2f} s", ""))
        all_visits = library.visits()
        pegasus = library.visits("pegasus")
        first, second = pegasus[0], pegasus[1]
        diffs = [_timed(lambda: compare_visits(first, second)) for _ in range(10)]
        rows.append(("diff of two full reports (median of 10)", f"{statistics.median(diffs) * 1000:.1f} ms",
                     "< 200 ms"))
        rendered = [_timed(lambda: render_html(compare_visits(first, second))) for _ in range(5)]
        rows.append(("diff + HTML rendering (median of 5)", f"{statistics.median(rendered) * 1000:.1f} ms", ""))
        rows.append((f"stats over {count} visits", f"{_timed(lambda: library_stats(all_visits)):.2f} s", ""))
        seconds = _timed(lambda: timelines(pegasus))
        rows.append((f"timeline of one offer ({len(pegasus)} visits)", f"{seconds * 1000:.0f} ms", ""))
    return rows


def main() -> int:
    compile_project()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=available_cores())
    parser.add_argument("--keep", type=Path, help="Generate into this (empty) folder and keep it.")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = arguments.keep or Path(scratch) / "library"
        rows = run(folder, Path(scratch) / "cache", arguments.count, arguments.seed, arguments.jobs)
    width = max(len(what) for what, _, _ in rows)
    print(f"| {'measurement':<{width}} | figure     | target   |")
    print(f"| {'-' * width} | ---------- | -------- |")
    for what, figure, target in rows:
        print(f"| {what:<{width}} | {figure:>10} | {target:<8} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
