"""Cold start of the command line, against the interpreter's own start-up in the same run.

    python benchmarks/bench_cli.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from compiled import compile_project

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "pegasus-2017-09-28.yaml"
REPORT_PDF = ROOT / "fixtures" / "pdf" / "pegasus-2017-09-28.pdf"


def median_seconds(command: list[str], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    compile_project()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    cli = [sys.executable, "-m", "kvalitet_core.cli.main"]
    cases = {
        "python -c pass (reference)": [sys.executable, "-c", "pass"],
        "kvalitet --help": [*cli, "--help"],
        "kvalitet convert <fixture>.yaml --to json": [*cli, "convert", str(FIXTURE), "--to", "json"],
        "kvalitet convert <report>.pdf --to yaml": [*cli, "convert", str(REPORT_PDF), "--to", "yaml"],
    }
    reference = None
    print(f"{'command':45} {'median ms':>10} {'× python':>9}")
    for label, command in cases.items():
        seconds = median_seconds(command, runs)
        reference = reference or seconds
        print(f"{label:45} {seconds * 1000:10.1f} {seconds / reference:9.1f}")


if __name__ == "__main__":
    main()
