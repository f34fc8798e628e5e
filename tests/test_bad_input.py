"""Bad input: one line naming the file and the problem, a non-zero exit, fast, and nothing written."""

from __future__ import annotations

import os

import pytest

from conftest import FIXTURES, run_kvalitet

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
    f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
    for n in range(8)
)


def _valid_yaml_with(**replacements: str) -> str:
    text = (FIXTURES / "pegasus-2017-09-28.yaml").read_text(encoding="utf-8")
    for old, new in replacements.items():
        text = text.replace(old, new, 1)
    return text


CASES = {
    "yaml-bomb": ("bomb.yaml", BOMB.encode(), "aliases"),
    "python-tag": ("tag.yaml", b"schema: kvalitet/visit\nx: !!python/object/apply:os.system ['true']\n", "python/object"),
    "wrong-type": ("types.yaml", _valid_yaml_with(**{"employees_total: 5": "employees_total: many"}).encode(),
                   "employees_total"),
    "unknown-field": ("typo.yaml", _valid_yaml_with(**{"offer: Pegasus": "ofer: Pegasus"}).encode(), "ofer"),
    "bad-theme-shape": ("theme.yaml", _valid_yaml_with(**{"continued: false": "continued: perhaps"}).encode(),
                        "sections[0].continued"),
    "not-a-visit": ("list.yaml", b"- 1\n- 2\n", "mapping"),
    "newer-schema": ("new.yaml", _valid_yaml_with(**{"schema_version: 1": "schema_version: 9"}).encode(), "newer"),
    "binary-json": ("random.json", b"\xff\xfe" + os.urandom(4096), "UTF-8"),
    "unknown-extension": ("notes.xyz", b"hello", "no importer"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_gets_one_line_and_no_output(name, tmp_path):
    filename, content, expected = CASES[name]
    source = tmp_path / filename
    source.write_bytes(content)
    target = tmp_path / "out.json"
    result = run_kvalitet("convert", str(source), "--to", "json", "-o", str(target), timeout=60)
    stderr = result.stderr.decode()
    assert result.returncode != 0
    lines = stderr.strip().splitlines()
    assert any(str(source) in line and expected in line for line in lines), stderr
    assert "Traceback" not in stderr
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_missing_file_and_directory(tmp_path):
    missing = run_kvalitet("convert", str(tmp_path / "nope.yaml"), "--to", "yaml")
    assert missing.returncode == 1 and b"nope.yaml: no such file" in missing.stderr
    folder = run_kvalitet("convert", str(tmp_path), "--to", "yaml")
    assert folder.returncode == 1 and b"is a directory" in folder.stderr


def test_fifty_megabytes_of_random_bytes_fail_fast(tmp_path):
    source = tmp_path / "random.yaml"
    with open(source, "wb") as handle:
        for _ in range(50):
            handle.write(os.urandom(1 << 20))
    result = run_kvalitet("convert", str(source), "--to", "yaml", "-o", str(tmp_path / "out.yaml"), timeout=60)
    assert result.returncode == 1
    errors = [line for line in result.stderr.decode().splitlines() if "random.yaml" in line]
    assert len(errors) == 1 and "UTF-8" in errors[0]
    assert not (tmp_path / "out.yaml").exists()


def test_failed_conversion_leaves_an_existing_output_untouched(tmp_path):
    target = tmp_path / "keep.yaml"
    target.write_text("precious\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: kvalitet/visit\n")
    result = run_kvalitet("convert", str(bad), "--to", "yaml", "-o", str(target))
    assert result.returncode == 1
    assert target.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "keep.yaml"]


def test_debug_shows_the_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: kvalitet/visit\n")
    result = run_kvalitet("--debug", "convert", str(bad), "--to", "yaml")
    assert result.returncode != 0 and b"Traceback" in result.stderr
