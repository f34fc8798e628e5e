"""The command line as pipelines and people meet it: stdin/stdout, exit codes, fast start."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from conftest import FIXTURES, FIXTURE_YAMLS, ROOT, run_kvalitet


def test_stdin_to_stdout():
    source = FIXTURE_YAMLS[0].read_bytes()
    result = run_kvalitet("convert", "-", "--to", "yaml", input=source)
    assert result.returncode == 0, result.stderr
    assert result.stdout == source


def test_many_inputs_to_one_stream_and_back(tmp_path):
    result = run_kvalitet("convert", *map(str, FIXTURE_YAMLS), "--to", "json", "-o", str(tmp_path / "all.json"))
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data] == [p.stem for p in FIXTURE_YAMLS]
    back = run_kvalitet("convert", str(tmp_path / "all.json"), "--to", "yaml")
    assert back.stdout == b"---\n".join(p.read_bytes() for p in FIXTURE_YAMLS).replace(b"schema:", b"---\nschema:", 1) \
        or back.stdout.count(b"schema: kvalitet/visit") == len(FIXTURE_YAMLS)


def test_explicit_from_wins_over_extension(tmp_path):
    disguised = tmp_path / "visit.txt"
    disguised.write_bytes(FIXTURE_YAMLS[0].read_bytes())
    result = run_kvalitet("convert", str(disguised), "--from", "yaml", "--to", "yaml")
    assert result.returncode == 0 and result.stdout == FIXTURE_YAMLS[0].read_bytes()
    unknown = run_kvalitet("convert", str(disguised), "--from", "nosuch", "--to", "yaml")
    assert unknown.returncode == 2 and b"unknown input format 'nosuch'" in unknown.stderr


def test_unknown_format_option_is_a_usage_error():
    result = run_kvalitet("convert", str(FIXTURE_YAMLS[0]), "--to", "json", "--colour", "red")
    assert result.returncode == 2
    assert b"colour" in result.stderr and b"Traceback" not in result.stderr
    indented = run_kvalitet("convert", str(FIXTURE_YAMLS[0]), "--to", "json", "--indent", "0")
    assert indented.returncode == 0 and indented.stdout.startswith(b'{\n"schema"')


def test_validate_reports_unknown_theme_with_its_path(tmp_path):
    good = run_kvalitet("validate", *map(str, FIXTURE_YAMLS))
    assert good.returncode == 0, good.stderr
    text = (FIXTURES / "pegasus-2017-09-28.yaml").read_text(encoding="utf-8").replace("- 3b\n", "- 9z\n", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run_kvalitet("validate", str(bad))
    assert result.returncode == 3
    assert b"sections[3].themes[0]: '9z' is not a theme" in result.stderr


def test_show_renders_the_boxes():
    result = run_kvalitet("show", str(FIXTURES / "pegasus-2017-09-28.yaml"), env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    output = result.stdout.decode()
    for label in ("Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…", "Akkrediteret med forbehold"):
        assert label in output


def test_models_lists_both_frameworks():
    result = json.loads(run_kvalitet("models", "--json").stdout)
    models = {m["id"]: m for m in result}
    sof = models["sof-kvalitetsmodel-3.0"]
    assert [t["id"] for t in sof["themes"]] == ["1", "2", "3a", "3b", "4", "5", "6", "7"]
    assert [w["title"] for w in sof["work_areas"]] == ["Værdier", "Ledelse", "Dokumentation", "Sundhed"]
    assert "kvalitet-i-botilbud-2024" in models


def test_help_is_fast_and_imports_no_plugin_libraries():
    code = ("import sys\nfrom kvalitet_core.cli.main import main\n"
            "try:\n main(['--help'])\n"
            "except SystemExit: pass\n"
            "heavy = [m for m in ('pypdfium2', 'docx', 'jinja2', 'textual', 'sqlite3', 'reportlab') if m in sys.modules]\n"
            "print('HEAVY', heavy, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30)
    assert b"convert" in result.stdout
    assert b"HEAVY []" in result.stderr, result.stderr


def test_core_never_imports_the_ui():
    """The core is a library the TUI builds on, never the other way round."""
    offenders = []
    for path in (ROOT / "kvalitet_core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("textual", "kvalitet_tui")]
    assert offenders == []
