"""Concurrency: eight library commands at once on a folder that changes between rounds.

    python benchmarks/library_concurrency.py [--rounds 50] [--visits 200] [--seed 1]

A generated library of ``--visits`` YAML visits (plus the fixtures) gets, every round, one
visit changed, one added and one removed; then eight commands start at the same moment on it,
sharing one index: two ``library`` (one ``--json``), two ``search``, two ``stats``, a
``timeline`` and a ``search --json``. Every one of them must exit 0 with nothing on stderr but
the refresh summary of ``library``. Before the first round the index does not exist, so the
first round also races eight processes to create it. Prints the figures; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generator():  # noqa: ANN202 - the script module
    spec = importlib.util.spec_from_file_location("generate_library", ROOT / "scripts" / "generate_library.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def commands(library: Path) -> list[list[str]]:
    folder = str(library)
    return [["library", folder], ["library", folder, "--json"], ["search", folder, "mad"],
            ["search", folder, "kerneopgave*", "--theme", "4"], ["stats", folder, "--to", "json"],
            ["stats", folder, "--to", "csv"], ["timeline", folder, "Pegasus"], ["search", folder, "ledelse", "--json"]]


def change(library: Path, rng: random.Random, visits: list, round_: int) -> None:
    """One visit changed, one added, one removed."""
    generator = _generator()
    files = sorted(library.rglob("generated-*.yaml"))
    changed = rng.choice(files)
    changed.write_text(changed.read_text(encoding="utf-8") + f"# changed in round {round_}\n", encoding="utf-8")
    extra = rng.choice(visits).model_copy(update={"id": f"added-{round_}"})
    generator.write_library(library / f"round-{round_}", [extra])
    if round_ >= 2:
        shutil.rmtree(library / f"round-{round_ - 2}", ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--visits", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    generator = _generator()
    failures: list[str] = []
    durations: list[float] = []
    with tempfile.TemporaryDirectory(prefix="kvalitet-concurrency-") as temporary:
        work = Path(temporary)
        library = work / "library"
        visits = generator.generate_visits(arguments.visits, arguments.seed)
        for index, path in enumerate(generator.write_library(library, visits)):
            path.rename(path.with_name(f"generated-{index:04d}.yaml"))
        for fixture in sorted((ROOT / "fixtures").glob("*.yaml")):
            shutil.copy(fixture, library)
        for name in ("home", "cache", "tmp"):
            (work / name).mkdir()
        environment = {**os.environ, "HOME": str(work / "home"), "KVALITET_CACHE_DIR": str(work / "cache"),
                       "XDG_CACHE_HOME": str(work / "cache"), "TMPDIR": str(work / "tmp"),
                       "KVALITET_PLUGINS": "native"}
        for round_ in range(arguments.rounds):
            if round_:
                change(library, rng, visits, round_)
            started = time.monotonic()
            running = [(command, subprocess.Popen([sys.executable, "-m", "kvalitet_core.cli.main", *command],
                                                  env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
                       for command in commands(library)]
            for command, process in running:
                stdout, stderr = process.communicate(timeout=600)
                lines = [line for line in stderr.decode().splitlines() if not line.startswith(f"{library}:")]
                if process.returncode != 0 or lines:
                    failures.append(f"round {round_ + 1}: {' '.join(command[:1] + command[2:])}: "
                                    f"exit {process.returncode}: {' | '.join(lines)[:300]} {stdout.decode()[:300]}")
            durations.append(time.monotonic() - started)
    total = arguments.rounds * len(commands(library))
    print(f"{arguments.rounds} rounds × {len(commands(library))} commands at once = {total} runs on a library of "
          f"{arguments.visits + 4} visits, changing every round: {len(failures)} failed")
    print(f"round wall time: first (index built by the race) {durations[0]:.2f} s, later rounds median "
          f"{statistics.median(durations[1:] or durations):.2f} s, max {max(durations[1:] or durations):.2f} s")
    for failure in failures:
        print(f"FAILED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
