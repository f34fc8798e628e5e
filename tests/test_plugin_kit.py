"""The plugin authors' test kit, run on every built-in plugin — and shown to catch broken ones.

Every built-in importer and exporter passes the same contract checks a third party's plugin
runs (``kvalitet_core.testing``), the exporters against golden files of the sample visits
and the four fixture reports (``tests/golden/<format>/``: an intended change of an exporter's
output shows there as a diff to review; ``KVALITET_UPDATE_GOLDEN=1 pytest tests/test_plugin_kit.py``
writes them anew).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

from kvalitet_core import (
    Exporter,
    Importer,
    InputError,
    Options,
    PluginHost,
    SourceInfo,
    Visit,
    hookimpl,
    load_yaml,
    sample_paths,
)
from kvalitet_core.plugins import get_host
from kvalitet_core.testing import check_exporter, check_importer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_VISITS = [visit for path in [*sorted(FIXTURES.glob("*.yaml")), sample_paths()[-1]]
                 for visit in load_yaml(path.read_bytes())]
"""The four fixture reports and the made-up sample of edge cases."""

IMPORTER_SAMPLES = {
    "yaml": sample_paths()[0],
    "pdf": FIXTURES / "pdf" / "pegasus-2017-09-28.pdf",
    "docx": FIXTURES / "docx" / "pegasus-2017-09-28.docx",
    "pptx": next((FIXTURES / "wild" / "pptx").glob("*.pptx")),
    "text": next((FIXTURES / "text").glob("*.txt")),
}


def _html_text(data: bytes) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", " ", data.decode("utf-8")))


def _markdown_text(data: bytes) -> str:
    return re.sub(r"\\(.)", r"\1", data.decode("utf-8").replace("**", ""))


def _csv_text(data: bytes) -> str:
    return " ".join(cell.lstrip("'") for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row)


TEXT_OF: dict[str, Callable[[bytes], str]] = {
    "yaml": lambda data: " ".join(str(v) for v in load_yaml(data)[0].model_dump().values()) + data.decode(),
    "markdown": _markdown_text,
    "html": _html_text,
    "csv": _csv_text,
}
"""How to read a reader's text out of each built-in text format, for the check that no heading or
paragraph is left out; the binary formats (xlsx) are read back in their own tests."""


def test_every_built_in_importer_is_checked() -> None:
    assert set(get_host().importers) - {"json"} == set(IMPORTER_SAMPLES)


def test_every_built_in_exporter_has_golden_files() -> None:
    assert {path.name for path in GOLDEN.iterdir()} == set(get_host().exporters)


@pytest.mark.parametrize("name", sorted(IMPORTER_SAMPLES))
def test_built_in_importer_keeps_the_contract(name: str) -> None:
    check_importer(get_host().importers[name], IMPORTER_SAMPLES[name])


def test_json_importer_keeps_the_contract(tmp_path: Path) -> None:
    from kvalitet_core import dump_json

    sample = tmp_path / "sample.json"
    sample.write_text(dump_json(load_yaml(sample_paths()[0].read_bytes())))
    check_importer(get_host().importers["json"], sample)


@pytest.mark.parametrize("name", sorted(get_host().exporters))
def test_built_in_exporter_keeps_the_contract(name: str, kvalitet_update_golden: bool) -> None:
    check_exporter(get_host().exporters[name], GOLDEN / name, visits=GOLDEN_VISITS, update=kvalitet_update_golden,
                   text_of=TEXT_OF.get(name))


# -- the kit catches what it should ----------------------------------------------------------

class _Nosy(Importer):
    name = "nosy"
    extensions = (".nosy",)

    def accepts(self, source: SourceInfo, head: bytes) -> bool:
        with open(source.name, "rb") as handle:  # reads the file: against the contract
            return handle.read(1) == b"s"

    def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> list[Visit]:
        return load_yaml(stream.read(), source.name)


class _Careless(Importer):
    name = "careless"
    extensions = (".yaml",)

    def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> list[Visit]:
        text = stream.read().decode("utf-8")  # garbage raises UnicodeDecodeError, not InputError
        return load_yaml(text, source.name)


class _Restless(Exporter):
    name = "restless"
    extension = ".txt"
    count = 0

    def write(self, visits: list[Visit], stream: BinaryIO, options: Options) -> None:
        type(self).count += 1
        stream.write(f"{self.count}: {', '.join(v.id for v in visits)}".encode())


class _Forgetful(Exporter):
    name = "forgetful"
    extension = ".txt"

    def write(self, visits: list[Visit], stream: BinaryIO, options: Options) -> None:
        stream.write("\n".join(section.talked_about.text for v in visits for section in v.sections[:1]).encode())


def test_check_importer_catches_file_access_in_accepts(tmp_path: Path) -> None:
    sample = tmp_path / "sample.nosy"
    sample.write_bytes(sample_paths()[0].read_bytes())
    with pytest.raises(AssertionError, match="opened a file"):
        check_importer(_Nosy(), sample)


def test_check_importer_catches_the_wrong_error_type() -> None:
    with pytest.raises(AssertionError, match="UnicodeDecodeError"):
        check_importer(_Careless(), sample_paths()[0])


def test_check_exporter_catches_nondeterminism() -> None:
    with pytest.raises(AssertionError, match="not deterministic"):
        check_exporter(_Restless())


def test_check_exporter_catches_left_out_text() -> None:
    with pytest.raises(AssertionError, match="left out"):
        check_exporter(_Forgetful(), text_of=bytes.decode)


def test_check_exporter_compares_and_writes_golden_files(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="no golden file"):
        check_exporter(get_host().exporters["markdown"], tmp_path)
    check_exporter(get_host().exporters["markdown"], tmp_path, update=True)
    check_exporter(get_host().exporters["markdown"], tmp_path)
    golden = next(tmp_path.iterdir())
    golden.write_bytes(golden.read_bytes() + b"changed")
    with pytest.raises(AssertionError, match="differs from"):
        check_exporter(get_host().exporters["markdown"], tmp_path)


# -- the fixtures ----------------------------------------------------------------------------

class _Shout:
    """A plugin object registering one exporter, as a test registers a plugin for itself."""

    class Exporter(Exporter):
        name = "shout"
        extension = ".txt"

        def write(self, visits: list[Visit], stream: BinaryIO, options: Options) -> None:
            stream.write("\n".join(visit.offer.upper() for visit in visits).encode())

    @hookimpl
    def register_exporters(self, register: Callable[[Exporter], None], host: PluginHost) -> None:
        assert isinstance(host, PluginHost)
        register(self.Exporter())


def test_kvalitet_host_loads_nothing_but_the_native_formats(kvalitet_host: PluginHost) -> None:
    assert set(kvalitet_host.importers) == set(kvalitet_host.exporters) == {"yaml", "json"}
    assert "sof-kvalitetsmodel-3.0" in kvalitet_host.quality_models


def test_kvalitet_cli_runs_with_the_test_host(kvalitet_host: PluginHost, kvalitet_cli, sample_visit_paths) -> None:
    kvalitet_host.add(_Shout())
    done = kvalitet_cli("convert", str(sample_visit_paths[0]), "--to", "shout")
    assert done.exit_code == 0, done.stderr
    assert done.output == "PEGASUS"
    unknown = kvalitet_cli("convert", str(sample_visit_paths[0]), "--to", "markdown")
    assert unknown.exit_code != 0 and "markdown" in unknown.stderr and "\n" not in unknown.stderr.strip()


def test_a_plugin_that_fails_to_register_is_an_error_in_the_test_host(kvalitet_host: PluginHost) -> None:
    from kvalitet_core import PluginError

    class Broken:
        @hookimpl
        def register_exporters(self, register):
            register("not an exporter")

    with pytest.raises(PluginError, match="not a Exporter|not an Exporter"):
        kvalitet_host.add(Broken())


def test_sample_visits_cover_what_exporters_get_wrong(sample_visits: list[Visit]) -> None:
    edge = next(visit for visit in sample_visits if visit.id == "sample-edge-cases")
    assert any(len(section.themes) > 1 for section in edge.sections)
    assert any(section.continued for section in edge.sections)
    assert any(box.is_empty for section in edge.sections for _, box in section.boxes())
    paragraphs = [p for s in edge.sections for _, b in s.boxes() for i in b.items for p in i.paragraphs]
    assert any(p.startswith("- ") for p in paragraphs) and any(re.match(r"\d+\. ", p) for p in paragraphs)
    assert edge.visit_date is None and edge.assessment is None and not edge.conclusion


def test_input_error_is_public() -> None:
    assert issubclass(InputError, Exception)


# -- no hidden globals: a host's plugins reach the batch workers -----------------------------

def test_convert_with_a_custom_host_in_two_worker_processes(tmp_path: Path) -> None:
    import kvalitet_plugins.native
    from kvalitet_core.conversion import ConversionRequest, convert

    host = PluginHost(strict=True)
    host.add(kvalitet_plugins.native)
    host.add(_Shout())
    assert "shout" not in get_host().exporters  # known to this host only
    (tmp_path / "out").mkdir()
    inputs = [str(path) for path in sample_paths()]
    result = convert(ConversionRequest(inputs=inputs, to="shout", output=tmp_path / "out", output_is_folder=True,
                                       jobs=2), host)
    assert result.failures == []
    written = sorted(path.read_text() for path in (tmp_path / "out").iterdir())
    assert written == ["BOSTEDET EKSEMPEL", "PEGASUS", "PROJEKT OFF-SIDE"]


def test_library_reads_with_the_host_it_was_given(tmp_path: Path) -> None:
    from kvalitet_core.library.index import Library

    folder = tmp_path / "library"
    folder.mkdir()
    for path in sample_paths():
        (folder / path.name).write_bytes(path.read_bytes())
        (folder / f"{path.stem}.shout").write_bytes(path.read_bytes())

    class ShoutImporter(Importer):
        name = "shout-in"
        extensions = (".shout",)

        def load(self, stream: BinaryIO, source: SourceInfo, options: Options) -> list[Visit]:
            return [visit.model_copy(update={"id": f"{visit.id}-shout"}) for visit in load_yaml(stream.read())]

    class Plugin:
        @hookimpl
        def register_importers(self, register):
            register(ShoutImporter())

    host = PluginHost(strict=True)
    host.add(Plugin())
    with Library.open(folder, cache_dir=tmp_path / "cache", jobs=2, host=host) as library:
        ids = sorted(visit.id for visit in library.visits())
    assert ids == ["pegasus-2017-09-28-shout", "projekt-off-side-2017-10-26-shout", "sample-edge-cases-shout"]


def test_plugins_json_names_the_api_and_schema_versions() -> None:
    import json

    from conftest import run_kvalitet
    from kvalitet_core import PLUGIN_API_VERSION, SCHEMA_VERSION

    listing = json.loads(run_kvalitet("plugins", "--json").stdout)
    assert listing["plugin_api_version"] == PLUGIN_API_VERSION
    assert listing["visit_schema"] == {"name": "kvalitet/visit", "version": SCHEMA_VERSION}
