"""Third-party plugins: found through entry points, guarded per plugin, steered by the environment."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURE_YAMLS, ROOT, run_kvalitet

SHOUT_PLUGIN = '''
"""A third-party plugin: reads ".shout" files (one visit as KEY: VALUE lines), writes upper case."""
from kvalitet_core import Exporter, Importer, Visit, hookimpl


class ShoutImporter(Importer):
    name = "shout"
    extensions = (".shout",)

    def load(self, stream, source, options):
        fields = dict(line.split(": ", 1) for line in stream.read().decode().splitlines() if line)
        return Visit(id=fields["id"], offer=fields["offer"], assessment=fields.get("assessment"))


class ShoutExporter(Exporter):
    name = "shout"
    extension = ".shout"

    def write(self, visits, stream, options):
        for visit in visits:
            stream.write(f"{visit.offer.upper()} ({visit.id})\\n".encode())


@hookimpl
def register_importers(register):
    register(ShoutImporter())


@hookimpl
def register_exporters(register):
    register(ShoutExporter())
'''


def install_plugin(site: Path, distribution: str, entry_name: str, module: str, source: str) -> None:
    """Put a module and its distribution metadata (with the entry point) on a path of its own,
    exactly as pip would lay out an installed package."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{distribution.replace('-', '_')}-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text(f"[kvalitet.plugins]\n{entry_name} = {module}\n")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return tmp_path / "site"


def env_for(site: Path, **extra: str) -> dict[str, str]:
    return {"PYTHONPATH": str(site), **extra}


def test_third_party_importer_and_exporter_work_through_convert(site, tmp_path):
    install_plugin(site, "kvalitet-shout", "shout", "kvalitet_shout", SHOUT_PLUGIN)
    source = tmp_path / "visit.shout"
    source.write_text("id: test-visit\noffer: Pegasus\nassessment: Akkrediteret\n")
    to_yaml = run_kvalitet("convert", str(source), "--to", "yaml", env=env_for(site))
    assert to_yaml.returncode == 0, to_yaml.stderr
    assert b"offer: Pegasus" in to_yaml.stdout and b"importer: shout" in to_yaml.stdout
    shouted = run_kvalitet("convert", str(FIXTURE_YAMLS[0]), "--to", "shout", env=env_for(site))
    assert shouted.returncode == 0, shouted.stderr
    assert shouted.stdout.decode().isupper() or shouted.stdout.decode().split(" (")[0].isupper()

    listing = json.loads(run_kvalitet("plugins", "--json", env=env_for(site)).stdout)
    shout = next(p for p in listing["plugins"] if p["name"] == "shout")
    assert shout["distribution"] == "kvalitet-shout" and shout["version"] == "1.2.3"
    assert shout["importers"] == ["shout"] and shout["exporters"] == ["shout"]


def test_plugin_that_raises_on_import_is_named_and_the_rest_works(site):
    install_plugin(site, "kvalitet-broken", "broken", "kvalitet_broken", "raise RuntimeError('boom at import')\n")
    result = run_kvalitet("convert", str(FIXTURE_YAMLS[0]), "--to", "yaml", env=env_for(site))
    assert result.returncode == 0
    assert result.stdout == FIXTURE_YAMLS[0].read_bytes()
    warnings = [line for line in result.stderr.decode().splitlines() if "broken" in line]
    assert len(warnings) == 1
    assert "kvalitet-broken 1.2.3" in warnings[0] and "boom at import" in warnings[0]
    assert "Traceback" not in result.stderr.decode()

    help_result = run_kvalitet("--help", env=env_for(site))
    assert help_result.returncode == 0 and b"convert" in help_result.stdout

    listing = json.loads(run_kvalitet("plugins", "--json", env=env_for(site)).stdout)
    assert [f["plugin"] for f in listing["failures"]].count("broken") == 1


def test_strict_mode_turns_a_plugin_failure_into_an_error(site):
    install_plugin(site, "kvalitet-broken", "broken", "kvalitet_broken", "raise RuntimeError('boom')\n")
    result = run_kvalitet("convert", str(FIXTURE_YAMLS[0]), "--to", "yaml",
                          env=env_for(site, KVALITET_STRICT_PLUGINS="1"))
    assert result.returncode == 5
    assert b"broken" in result.stderr and result.stdout == b""


def test_unknown_hook_name_fails_loudly(site):
    install_plugin(site, "kvalitet-typo", "typo", "kvalitet_typo", """
        from kvalitet_core import hookimpl

        @hookimpl
        def register_importer(register):
            pass
    """)
    listing = json.loads(run_kvalitet("plugins", "--json", env=env_for(site)).stdout)
    failure = next(f for f in listing["failures"] if f["plugin"] == "typo")
    assert "register_importer" in failure["error"]


def test_environment_variable_loads_only_the_chosen_plugins(site):
    install_plugin(site, "kvalitet-shout", "shout", "kvalitet_shout", SHOUT_PLUGIN)
    listing = json.loads(run_kvalitet("plugins", "--json", env=env_for(site, KVALITET_PLUGINS="native")).stdout)
    assert [p["name"] for p in listing["plugins"]] == ["native"]
    assert sorted(listing["exporters"]) == ["json", "yaml"]


def test_plugin_contributes_a_quality_model_and_a_command(site):
    install_plugin(site, "kvalitet-extra", "extra", "kvalitet_extra", """
        import click
        from kvalitet_core import QualityModel, Theme, hookimpl

        @hookimpl
        def register_quality_models(register):
            register(QualityModel(id="national-7", name="National model", version="1",
                                  themes=[Theme(id=str(n), title=f"Tema {n}") for n in range(1, 8)]))

        @hookimpl
        def register_commands(cli):
            @cli.command()
            def hello():
                "Say hello."
                click.echo("hej")
    """)
    assert run_kvalitet("hello", env=env_for(site)).stdout == b"hej\n"
    models = json.loads(run_kvalitet("models", "--json", env=env_for(site)).stdout)
    assert "national-7" in [m["id"] for m in models]


def test_builtin_plugins_are_found_through_the_entry_point_group():
    from importlib.metadata import entry_points

    names = {entry.name for entry in entry_points(group="kvalitet.plugins")}
    assert {"native", "text", "pdf", "docx", "markdown", "html", "csv"} <= names
    listing = json.loads(run_kvalitet("plugins", "--json").stdout)
    assert listing["failures"] == []
