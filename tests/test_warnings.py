"""What an importer was unsure of is said: counted by convert, listed by validate and --verbose,
and a failure with --strict."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, run_kvalitet

ENV = {"KVALITET_PLUGINS": "native,pdf,text"}
GUESSED = FIXTURES / "pdf" / "pegasus-2017-09-28.pdf"
"""Its organisation is inferred from the text: one warning."""
CERTAIN = FIXTURES / "pegasus-2017-09-28.yaml"
WARNING = "organisation 'WeShelter' inferred from the text"


def test_convert_counts_the_warnings_of_each_input(tmp_path: Path) -> None:
    done = run_kvalitet("convert", str(GUESSED), str(CERTAIN), "--to", "yaml", "-o", f"{tmp_path}/", env=ENV)
    assert done.returncode == 0
    assert done.stderr.decode().splitlines() == [f"kvalitet: warning: {GUESSED}: 1 warning (--verbose lists them)"]


def test_convert_verbose_lists_them() -> None:
    done = run_kvalitet("convert", str(GUESSED), "--to", "yaml", "--verbose", env=ENV)
    assert done.returncode == 0
    assert done.stderr.decode().splitlines() == [f"kvalitet: warning: {GUESSED}: {WARNING}"]


def test_validate_lists_them() -> None:
    done = run_kvalitet("validate", str(GUESSED), str(CERTAIN), env=ENV)
    assert done.returncode == 0
    assert done.stderr.decode().splitlines() == [f"kvalitet: warning: {GUESSED}: {WARNING}"]
    assert done.stdout.decode().splitlines() == [f"{GUESSED}: ok (1 visit, 1 warning)", f"{CERTAIN}: ok (1 visit)"]


def test_strict_makes_a_guess_a_failure_with_its_own_exit_code(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_kvalitet("convert", str(GUESSED), str(CERTAIN), "--to", "yaml", "-o", f"{out}/", "--strict", env=ENV)
    assert done.returncode == 6
    assert done.stderr.decode().splitlines() == [
        f"kvalitet: error: {GUESSED}: imported with 1 warning (--strict), the first: {WARNING}",
        "kvalitet: 1 of 2 inputs failed",
    ]
    assert [path.name for path in out.iterdir()] == [f"{CERTAIN.stem}.yaml"]
    assert run_kvalitet("validate", "--strict", str(GUESSED), env=ENV).returncode == 6
    assert run_kvalitet("validate", "--strict", str(CERTAIN), env=ENV).returncode == 0
