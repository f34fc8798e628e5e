"""Render the reference visits with independent producers into ``fixtures/wild/``.

The importers must hold on reports this project did not make, so every file here comes from a
code path of its own, the way such reports are made in the wild:

- ``reportlab/``: the layout fuzzer (``fixture_builder.fuzz``), one fixed seed per reference;
- ``chromium/``: HTML/CSS pages printed by headless Chromium (``fixture_builder.html``), each
  reference in two of its three templates, in rotation;
- ``word/`` and ``writer/``: Word documents as Word writes them (``fixture_builder.word_wild``,
  two of three templates per reference) and the PDFs LibreOffice Writer makes of them;
- ``pptx/`` and ``impress/``: PowerPoint decks (``fixture_builder.slides``, one of two templates
  per reference) and the PDFs LibreOffice Impress makes of them;
- ``office/`` and ``office-pdf/``: Word and PowerPoint reports in other offices' designs
  (``fixture_builder.office_probe``, each template drawn from the references in ``PROBED``) and
  their LibreOffice PDFs; ``office-expected/`` holds the visit a file must read as where its
  template split a long theme over a continuation page;
- ``producers/``: designs of ``fixture_builder.producer_probe`` written by other programs
  (WeasyPrint, Ghostscript, LibreOffice Writer/Web and LibreOffice re-saving .docx, .pptx, .odt,
  .odp), the pairs in ``PRODUCED``; ``producers-expected/`` as ``office-expected/``;
- ``styles/``: designs of ``fixture_builder.style_probe`` (no fills, translucent boxes, label
  strips, a Word grid with the theme last …) printed by Chromium, WeasyPrint or LibreOffice,
  the pairs in ``STYLED``; ``styles-expected/`` as ``office-expected/``;
- ``styles-dumps/``: text dumps of style-probe designs, the triples in ``STYLE_DUMPS`` (the
  PDFs are not kept); ``styles-dumps-expected/`` as ``office-expected/``;
- ``pdftotext/``, ``pdftotext-layout/``, ``pdftotext-raw/``, ``pdfminer/``: text dumps of one
  PDF per reference, a different producer's PDF for each.

References are ``fixtures/*.yaml`` and the invented reports in ``fixtures/wild/references/``.
Where a fuzzer template splits a long section over a continuation page, the visit the file must
read back as is written to ``fixtures/wild/expected/``. ``fixtures/wild/manifest.yaml`` lists
every file with its reference, producer, format and template; ``scripts/score_wild.py`` reads it.

    python scripts/build_wild_fixtures.py                    # everything (about a minute)
    python scripts/build_wild_fixtures.py --only chromium    # one producer; the manifest keeps the rest

Reportlab, python-docx and python-pptx output is byte-identical on a rebuild; the Chromium and
LibreOffice PDFs get fixed dates and ids, and are identical where those programs draw the same.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402

from fixture_builder import html, office_probe, producer_probe, slides, style_probe, word_wild  # noqa: E402
from fixture_builder.dumps import DUMPERS, dump, stabilise_pdf  # noqa: E402
from fixture_builder.fuzz import random_template, render  # noqa: E402
from fixture_builder.pages import quality_model_for  # noqa: E402
from fixture_builder.word import write_stable_zip  # noqa: E402
from kvalitet_core.model import Visit  # noqa: E402
from kvalitet_core.native import dump_yaml, load_yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WILD = ROOT / "fixtures" / "wild"
MANIFEST = WILD / "manifest.yaml"
FUZZ_SEEDS = [9001, 9002, 9003, 9004, 9005, 9006]
"""One fuzzer seed per reference, for the committed reportlab sample (and its text dumps)."""
PRODUCERS = ["reportlab", "chromium", "word", "pptx", "probe", "producers", "styles", "style-dumps", "dumps"]

Entry = dict[str, str]
T = TypeVar("T")


def rotation(templates: list[T], index: int, count: int) -> list[T]:
    """``count`` of the templates for the reference at ``index``, a different choice for each
    reference in turn: every template is used, and the sample stays a few megabytes."""
    return [templates[(index + offset) % len(templates)] for offset in range(min(count, len(templates)))]


def references() -> list[tuple[Path, Visit]]:
    """Every reference visit with its YAML path: the four seeds first, then the invented ones."""
    paths = sorted((ROOT / "fixtures").glob("*.yaml")) + sorted((WILD / "references").glob("*.yaml"))
    return [(path, load_yaml(path.read_text(encoding="utf-8"), str(path))[0]) for path in paths]


def entry(path: Path, reference: Path, producer: str, format_: str, template: str) -> Entry:
    return {"path": str(path.relative_to(ROOT)), "reference": str(reference.relative_to(ROOT)),
            "producer": producer, "format": format_, "template": template}


def _fresh(folder: Path) -> Path:
    """An emptied output folder: files of references or templates that are gone do not linger."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def build_reportlab(refs: list[tuple[Path, Visit]]) -> list[Entry]:
    out, expected_dir = _fresh(WILD / "reportlab"), _fresh(WILD / "expected")
    entries = []
    for (path, visit), seed in zip(refs, FUZZ_SEEDS, strict=False):
        template = random_template(seed)
        data, expected = render(visit, quality_model_for(visit), template)
        target = out / f"{path.stem}.seed{seed}.pdf"
        target.write_bytes(data)
        reference = path
        if expected.sections != visit.sections:
            reference = expected_dir / f"{path.stem}.seed{seed}.yaml"
            reference.write_text(dump_yaml([expected]), encoding="utf-8")
        entries.append(entry(target, reference, "reportlab", "pdf", f"reportlab fuzzer {template.describe()}"))
    return entries


ROTATED_TEMPLATES = 3
"""The first Chromium templates, two per reference in turn; the later ones are sampled below."""
SAMPLED: dict[str, tuple[str, ...]] = {
    "rule": ("nabo-2017-10-05", "pegasus-2017-09-28"),
    "bars": ("marianelund-snekken-2018-06-19",),
    "badge": ("fyrtaarnet-2019-03-14", "pegasus-2017-09-28"),
    "pairs": ("kastanjehaven-lyset-2021-11-02", "pegasus-2017-09-28"),
    "split": ("fyrtaarnet-2019-03-14", "pegasus-2017-09-28"),
    "sidebar": ("pegasus-2017-09-28", "projekt-off-side-2017-10-26"),
    "newspaper": ("kastanjehaven-lyset-2021-11-02", "nabo-2017-10-05"),
}
"""The later Chromium templates, each with the references it is rendered from; their PDFs are
dumped too (:func:`build_dumps`)."""


def build_chromium(refs: list[tuple[Path, Visit]]) -> list[Entry]:
    out = _fresh(WILD / "chromium")
    entries = []
    for index, (path, visit) in enumerate(refs):
        sampled = [t for t in html.TEMPLATES if path.stem in SAMPLED.get(t.name, ())]
        for template in rotation(html.TEMPLATES[:ROTATED_TEMPLATES], index, 2) + sampled:
            target = out / f"{path.stem}.{template.name}.pdf"
            html.print_pdf(html.report_html(visit, template), target)
            target.write_bytes(stabilise_pdf(target.read_bytes()))
            entries.append(entry(target, path, "chromium", "pdf", template.describe()))
    return entries


def _office(refs: list[tuple[Path, Visit]], source_dir: str, pdf_dir: str, suffix: str,
            variants: list[tuple[str, str, Callable[[Visit], bytes]]], per_reference: int, producer: str,
            pdf_producer: str) -> list[Entry]:
    """Write documents (``per_reference`` variants each, in rotation), convert them all in one
    LibreOffice run, and list both."""
    sources, pdfs = _fresh(WILD / source_dir), _fresh(WILD / pdf_dir)
    entries, written = [], []
    for index, (path, visit) in enumerate(refs):
        for name, description, make in rotation(variants, index, per_reference):
            stem = f"{path.stem}.{name}"
            target = sources / f"{stem}{suffix}"
            with tempfile.TemporaryDirectory() as folder:
                raw = Path(folder) / target.name
                raw.write_bytes(make(visit))
                write_stable_zip(raw.read_bytes(), target)
            written.append(target)
            entries.append(entry(target, path, producer, suffix.lstrip("."), description))
            entries.append(entry(pdfs / f"{stem}.pdf", path, pdf_producer, "pdf",
                                 f"{description}; converted by LibreOffice"))
    word_wild.convert_to_pdf(written, pdfs)
    for pdf in pdfs.glob("*.pdf"):
        pdf.write_bytes(stabilise_pdf(pdf.read_bytes()))
    return entries


def build_word(refs: list[tuple[Path, Visit]]) -> list[Entry]:
    variants = [(t.name, t.describe(), lambda visit, t=t: word_wild.word_document(visit, t))
                for t in word_wild.TEMPLATES]
    return _office(refs, "word", "writer", ".docx", variants, 2, "python-docx", "libreoffice-writer")


def build_pptx(refs: list[tuple[Path, Visit]]) -> list[Entry]:
    variants = [(t.name, t.describe(), lambda visit, t=t: slides.deck(visit, t)) for t in slides.TEMPLATES]
    return _office(refs, "pptx", "impress", ".pptx", variants, 1, "python-pptx", "libreoffice-impress")


def build_dumps(entries: list[Entry]) -> list[Entry]:
    """Four dumps of one PDF per reference, taking each reference's PDF from another producer."""
    pdfs = sorted((e for e in entries if e["format"] == "pdf"), key=lambda e: e["path"])
    probes = ({"office-probe-pdf"} | {producer.name for producer in producer_probe.PRODUCERS}
              | {f"styles-{producer.name}" for producer in style_probe.PRODUCERS})  # dumped by STYLE_DUMPS
    rotated = [e for e in pdfs if e["path"].rsplit(".", 2)[-2] not in SAMPLED and e["producer"] not in probes]
    producers = sorted({e["producer"] for e in rotated})
    by_reference: dict[str, list[Entry]] = {}
    for e in rotated:  # the sampled templates' PDFs are dumped below; they and the probe's do not shift this
        by_reference.setdefault(e["reference"].split("/")[-1].split(".")[0], []).append(e)
    folders = {kind: _fresh(WILD / kind) for kind in DUMPERS}
    out = []
    for index, (_, candidates) in enumerate(sorted(by_reference.items())):
        wanted = producers[index % len(producers)]
        source = next((e for e in candidates if e["producer"] == wanted), candidates[0])
        pdf = ROOT / source["path"]
        for kind in DUMPERS:
            out.append(_dump(pdf, source, kind, folders[kind]))
    for source in pdfs:  # the later Chromium templates' samples, in the two common dumps
        pdf = ROOT / source["path"]
        if source["producer"] == "chromium" and pdf.stem.rsplit(".", 1)[-1] in SAMPLED:
            for kind in ("pdftotext", "pdfminer"):
                out.append(_dump(pdf, source, kind, folders[kind]))
        for kind in EXTRA_DUMPS.get(source["path"].removeprefix("fixtures/wild/"), ()):
            out.append(_dump(pdf, source, kind, folders[kind]))
    return out


EXTRA_DUMPS: dict[str, tuple[str, ...]] = {
    "reportlab/projekt-off-side-2017-10-26.seed9004.pdf": ("pdfminer",),
}
"""Further dumps of committed PDFs, each for a class of its own: pdfminer prints the theme of
seed 9004's turned strip a letter a line, last letter first."""


def _dump(pdf: Path, source: Entry, kind: str, folder: Path) -> Entry:
    target = folder / f"{pdf.stem}.{source['producer']}.txt"
    target.write_text(dump(pdf, kind), encoding="utf-8")
    return entry(target, ROOT / source["reference"], kind, "text",
                 f"{kind} dump of {source['path']} ({source['template'][:80]})")


PROBED: dict[str, tuple[str, ...]] = {
    "word_cells": ("marianelund-snekken-2018-06-19", "fyrtaarnet-2019-03-14"),
    "word_header_rows": ("nabo-2017-10-05", "pegasus-2017-09-28"),
    "word_grid": ("projekt-off-side-2017-10-26", "kastanjehaven-lyset-2021-11-02"),
    "word_form": ("projekt-off-side-2017-10-26", "fyrtaarnet-2019-03-14"),
    "word_controls": ("marianelund-snekken-2018-06-19", "kastanjehaven-lyset-2021-11-02"),
    "pptx_table": ("nabo-2017-10-05", "fyrtaarnet-2019-03-14"),
    "pptx_layout": ("projekt-off-side-2017-10-26", "kastanjehaven-lyset-2021-11-02"),
    "pptx_tints": ("nabo-2017-10-05", "pegasus-2017-09-28"),
}
"""The probe templates of other offices' Word and PowerPoint designs, each with the references it
is drawn from (every template reaches the failures it first showed: repeated header rows over a
page break, a label column beside the text, a label/value side box, a verdict printed before
its heading)."""


def build_probe(refs: list[tuple[Path, Visit]]) -> list[Entry]:
    """The probe templates' documents, their LibreOffice PDFs, and the visit each must read as
    where a template split a long theme over a continuation page."""
    sources, pdfs, expected_dir = _fresh(WILD / "office"), _fresh(WILD / "office-pdf"), _fresh(WILD / "office-expected")
    entries, written = [], []
    for template in office_probe.TEMPLATES:
        for path, visit in refs:
            if path.stem not in PROBED.get(template.name, ()):
                continue
            data, expected = template.make(visit)
            stem = f"{path.stem}.{template.name}"
            target = sources / f"{stem}{template.suffix}"
            write_stable_zip(data, target)
            written.append(target)
            reference = path
            if expected.sections != visit.sections:
                reference = expected_dir / f"{stem}.yaml"
                reference.write_text(dump_yaml([expected]), encoding="utf-8")
            description = f"office probe {template.name}: {template.summary}"
            entries.append(entry(target, reference, "office-probe", template.suffix.lstrip("."), description))
            entries.append(entry(pdfs / f"{stem}.pdf", reference, "office-probe-pdf", "pdf",
                                 f"{description}; converted by LibreOffice"))
    word_wild.convert_to_pdf(written, pdfs)
    for pdf in pdfs.glob("*.pdf"):
        pdf.write_bytes(stabilise_pdf(pdf.read_bytes()))
    return entries


PRODUCED: dict[tuple[str, str], str] = {
    ("table3", "weasyprint"): "pegasus-2017-09-28",
    ("table3", "gs"): "projekt-off-side-2017-10-26",
    ("table3", "lo-web"): "pegasus-2017-09-28",
    ("tabs", "weasyprint"): "nabo-2017-10-05",
    ("tabs", "lo-pptx"): "marianelund-snekken-2018-06-19",
    ("banner", "weasyprint"): "pegasus-2017-09-28",
    ("banner", "lo-docx"): "fyrtaarnet-2019-03-14",
    ("gutter", "weasyprint"): "kastanjehaven-lyset-2021-11-02",
    ("gutter", "lo-odt-pdf"): "marianelund-snekken-2018-06-19",
    ("outline", "gs"): "nabo-2017-10-05",
    ("outline", "lo-odp-pdf"): "fyrtaarnet-2019-03-14",
}
"""Designs of :mod:`fixture_builder.producer_probe` written by other programs — WeasyPrint,
Ghostscript re-distilling a PDF, LibreOffice Writer/Web printing HTML, LibreOffice saving .docx,
.pptx, .odt and .odp — each pair with the reference it is drawn from (one per pair: the sample
stays small; every class its first run failed on is in it)."""


def build_producers(refs: list[tuple[Path, Visit]]) -> list[Entry]:
    """Each sampled design written by its producer, and the visit it must read as where the
    design split a long theme; needs WeasyPrint (``producer_probe.WEASYPRINT``), Ghostscript
    and LibreOffice, the tests none of them."""
    out, expected_dir = _fresh(WILD / "producers"), _fresh(WILD / "producers-expected")
    paths = {path.stem: (path, visit) for path, visit in refs}
    producers = {producer.name: producer for producer in producer_probe.PRODUCERS}
    entries = []
    for design in producer_probe.DESIGNS:
        for (design_name, producer_name), reference in PRODUCED.items():
            if design_name != design.name:
                continue
            path, visit = paths[reference]
            producer = producers[producer_name]
            made = producer_probe.source_for(design, producer.source, visit)
            assert made is not None, (design_name, producer_name)
            data, suffix, expected = made
            with tempfile.TemporaryDirectory() as folder:
                source = Path(folder) / f"{reference}.{design_name}{suffix}"
                source.write_bytes(data)
                result = producer.run(source, Path(folder))
                target = out / f"{reference}.{design_name}.{producer_name}{result.suffix}"
                if result.suffix == ".pdf":
                    target.write_bytes(stabilise_pdf(result.read_bytes()))
                else:
                    write_stable_zip(result.read_bytes(), target)
            expected_path = path
            if expected.sections != visit.sections:
                expected_path = expected_dir / f"{target.stem}.yaml"
                expected_path.write_text(dump_yaml([expected]), encoding="utf-8")
            entries.append(entry(target, expected_path, producer_name, result.suffix.lstrip("."),
                                 f"{design_name} by {producer_name}: {design.summary}; {producer.summary}"))
    return entries


STYLED: dict[tuple[str, str], str] = {
    ("ruled", "chromium"): "nabo-2017-10-05",
    ("glass", "chromium"): "marianelund-snekken-2018-06-19",
    ("strip", "chromium"): "pegasus-2017-09-28",
    ("twocol", "weasyprint"): "kastanjehaven-lyset-2021-11-02",
    ("flowbreak", "chromium"): "fyrtaarnet-2019-03-14",
    ("wgrid", "lo-pdf"): "projekt-off-side-2017-10-26",
    ("gradient", "chromium"): "nabo-2017-10-05",
}
"""Designs of :mod:`fixture_builder.style_probe` as their producers print them, each pair with the
reference it is drawn from: the classes its first run failed on (a "1" in Chromium's Type 3
fonts, a box with CSS opacity, "›" bullets, the theme named in a table's last cell, gradient
boxes whose shadows alone are read as fills, one of them broken over a page) and two that
passed. Its Word and PowerPoint files are made in the tests themselves."""


def _printed_style(design_name: str, producer_name: str, reference: tuple[Path, Visit],
                   folder: Path) -> tuple[Path, Visit, style_probe.Design]:
    """A style-probe design drawn from a reference visit and printed by its producer in
    ``folder``: the file, the visit it must read as and the design."""
    design = next(design for design in style_probe.DESIGNS if design.name == design_name)
    path, visit = reference
    data, suffix, expected = style_probe.source_for(design, visit)
    source = folder / f"{path.stem}.{design_name}{suffix}"
    source.write_bytes(data)
    producer = next(producer for producer in style_probe.PRODUCERS if producer.name == producer_name)
    return producer.run(source, folder), expected, design


def _expected_path(target: Path, expected: Visit, reference: tuple[Path, Visit], folder: Path) -> Path:
    """The reference's own file, or the visit a design changed written to ``folder``."""
    path, visit = reference
    if expected.model_dump() == visit.model_dump():
        return path
    written = folder / f"{target.stem}.yaml"
    written.write_text(dump_yaml([expected]), encoding="utf-8")
    return written


def build_styles(refs: list[tuple[Path, Visit]]) -> list[Entry]:
    """Each sampled style printed by its producer (Chromium, WeasyPrint, LibreOffice; the tests
    need none of them), and the visit it must read as where the design changed it."""
    out, expected_dir = _fresh(WILD / "styles"), _fresh(WILD / "styles-expected")
    paths = {path.stem: (path, visit) for path, visit in refs}
    producers = {producer.name: producer for producer in style_probe.PRODUCERS}
    entries = []
    for (design_name, producer_name), reference in STYLED.items():
        with tempfile.TemporaryDirectory() as folder:
            result, expected, design = _printed_style(design_name, producer_name, paths[reference], Path(folder))
            target = out / f"{reference}.{design_name}.{producer_name}{result.suffix}"
            target.write_bytes(stabilise_pdf(result.read_bytes()))
        entries.append(entry(target, _expected_path(target, expected, paths[reference], expected_dir),
                             f"styles-{producer_name}", "pdf",
                             f"{design_name} by {producer_name}: {design.summary}; {producers[producer_name].summary}"))
    return entries


STYLE_DUMPS: dict[tuple[str, str, str], tuple[str, ...]] = {
    ("pill", "chromium", "nabo-2017-10-05"): ("pdftotext-raw",),
    ("pill", "chromium", "kastanjehaven-lyset-2021-11-02"): ("pdftotext",),
    ("running", "chromium", "fyrtaarnet-2019-03-14"): ("pdftotext-layout",),
    ("deflist", "weasyprint", "projekt-off-side-2017-10-26"): ("pdftotext-raw",),
    ("pround", "lo-pdf", "fyrtaarnet-2019-03-14"): ("pdftotext-raw",),
}
"""Text dumps of style-probe designs (design, producer, reference: dumps) that stand for the
dump classes the probe found: labels drawn after their boxes (a pill over a box's edge) read in
drawing order, side-box values printed under the next field's name, a running header in pieces
in a layout dump, the names of a definition list one per line, a continuation page's marks over
its boxes in a dump read twice (its box widths learned on the first reading). Only the dumps
are kept."""


def build_style_dumps(refs: list[tuple[Path, Visit]]) -> list[Entry]:
    """The dumps in ``STYLE_DUMPS``, each of its design printed by its producer (not kept), and
    the visit each must read as where the design changed it."""
    out, expected_dir = _fresh(WILD / "styles-dumps"), _fresh(WILD / "styles-dumps-expected")
    paths = {path.stem: (path, visit) for path, visit in refs}
    entries = []
    for (design_name, producer_name, reference), kinds in STYLE_DUMPS.items():
        with tempfile.TemporaryDirectory() as folder:
            pdf, expected, design = _printed_style(design_name, producer_name, paths[reference], Path(folder))
            for kind in kinds:
                target = out / f"{reference}.{design_name}.{producer_name}.{kind}.txt"
                target.write_text(dump(pdf, kind), encoding="utf-8")
                entries.append(entry(target, _expected_path(target, expected, paths[reference], expected_dir),
                                     f"styles-{kind}", "text",
                                     f"{kind} dump of {design_name} by {producer_name}: {design.summary}"))
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=PRODUCERS,
                        help="rebuild only this producer (repeatable); the manifest keeps the others' files")
    args = parser.parse_args(argv)
    chosen = args.only or PRODUCERS
    refs = references()
    old = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["files"] if MANIFEST.exists() else []
    builders = {"reportlab": build_reportlab, "chromium": build_chromium, "word": build_word, "pptx": build_pptx,
                "probe": build_probe, "producers": build_producers, "styles": build_styles,
                "style-dumps": build_style_dumps}
    groups = {"reportlab": {"reportlab"}, "chromium": {"chromium"},
              "word": {"python-docx", "libreoffice-writer"}, "pptx": {"python-pptx", "libreoffice-impress"},
              "probe": {"office-probe", "office-probe-pdf"}, "dumps": set(DUMPERS),
              "producers": {producer.name for producer in producer_probe.PRODUCERS},
              "styles": {f"styles-{producer.name}" for producer in style_probe.PRODUCERS},
              "style-dumps": {f"styles-{kind}" for kind in DUMPERS}}
    replaced = set().union(*(groups[name] for name in chosen))
    entries = [e for e in old if e["producer"] not in replaced]
    for name in PRODUCERS:
        if name in chosen and name != "dumps":
            print(f"{name} …", flush=True)
            entries += builders[name](refs)
    if "dumps" in chosen:
        print("dumps …", flush=True)
        entries += build_dumps([e for e in entries if e["producer"] not in DUMPERS])
    entries.sort(key=lambda e: e["path"])
    MANIFEST.write_text(yaml.safe_dump({"files": entries}, allow_unicode=True, sort_keys=False, width=120),
                        encoding="utf-8")
    size = sum((ROOT / e["path"]).stat().st_size for e in entries)
    print(f"{len(entries)} files, {size / 1e6:.1f} MB, listed in {MANIFEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
