"""Text-dump import against input size: it must grow linearly, and a dump beyond the limit is refused.

    python benchmarks/bench_text_import.py [--sizes 1,9,18,50] [--runs 3]

Two shapes of dump are made from the seed ``fixtures/text/000_5c1aa34d02230079.txt`` at each
size (in MB): **one long report** (its theme pages repeated between one front and one back —
a single visit with thousands of sections, the worst case for anything that scans a report
per page) and **many reports** (the whole dump repeated: one visit per copy). Each is imported
by ``kvalitet_core.reading.read_visits``, as ``kvalitet convert`` does, in a fresh process per
measurement (peak memory is that process's own high-water mark, ``VmHWM``, which a fork from
this script does not inflate as ``ru_maxrss`` would); the best of ``--runs`` is printed with its
throughput and peak resident memory. A size above ``plugins/text.py``'s ``MAX_MEGABYTES`` is
refused: its row times the refusal.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from compiled import compile_project

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "text" / "000_5c1aa34d02230079.txt"
FRONT_LINES, BACK_LINE = 114, 513
"""Where the seed's theme pages begin (after the overall impression) and where its back matter
("Bedømmelse") begins."""

MEASURE = """
import json, sys, time
from kvalitet_core.errors import InputError
from kvalitet_core.plugins import get_host
from kvalitet_core.reading import read_visits
host = get_host()
began = time.perf_counter()
try:
    outcome = f"{len(read_visits(host, sys.argv[1]))} visit(s)"
except InputError as error:
    outcome = error.message
elapsed = time.perf_counter() - began
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print(json.dumps({"seconds": elapsed, "outcome": outcome, "peak_mb": int(status) / 1024}))
"""


def long_report(megabytes: float) -> bytes:
    """One report whose theme pages are repeated until the dump has about ``megabytes``."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    front, pages, back = lines[:FRONT_LINES], "\n".join(lines[FRONT_LINES:BACK_LINE]) + "\n", lines[BACK_LINE:]
    copies = max(1, round(megabytes * 10**6 / len(pages.encode())))
    return ("\n".join(front) + "\n" + pages * copies + "\n".join(back)).encode()


def many_reports(megabytes: float) -> bytes:
    """The whole seed repeated until the dump has about ``megabytes``."""
    seed = SEED.read_bytes()
    return seed * max(1, round(megabytes * 10**6 / len(seed)))


def measure(path: Path, runs: int) -> dict[str, float | str]:
    """The best of ``runs`` imports of ``path``, each in a fresh interpreter."""
    results = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True,
                              cwd=ROOT, check=True)
        results.append(json.loads(done.stdout))
    return min(results, key=lambda result: result["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,9,18,50", help="dump sizes in MB, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="imports per size and shape (best is shown)")
    args = parser.parse_args()
    compile_project()
    print(f"{'shape':<14} {'size':>8} {'time':>9} {'MB/s':>6} {'s/MB':>6} {'peak RSS':>9}  outcome")
    with tempfile.TemporaryDirectory(prefix="kvalitet-bench-text-") as folder:
        for shape, make in (("one report", long_report), ("many reports", many_reports)):
            for size in (float(text) for text in args.sizes.split(",")):
                path = Path(folder) / f"dump-{size:g}.txt"
                path.write_bytes(make(size))
                megabytes = path.stat().st_size / 10**6
                result = measure(path, args.runs)
                seconds = float(result["seconds"])
                print(f"{shape:<14} {megabytes:>6.1f}MB {seconds:>8.2f}s {megabytes / seconds:>6.2f} "
                      f"{seconds / megabytes:>6.2f} {result['peak_mb']:>7.0f}MB  {result['outcome']}", flush=True)
                path.unlink()


if __name__ == "__main__":
    main()
