"""Scanned reports with an OCR text layer, as archives hold them: a printed report scanned to images
and run through OCRmyPDF/Tesseract, so the only text the importer gets is what OCR read.

A born-digital report PDF stands in for the printout: ``pdftoppm`` rasterises each page, Pillow
degrades the page like a scanner does (a small skew, blur, sensor noise, JPEG compression — all
drawn from a seed, so a rerun gives the same file), Pillow wraps the pages into an image-only PDF
and ``ocrmypdf -l dan`` adds the text layer. Each :class:`ScanVariant` is one way an archive
scans; the OCR'd files are cached by the source's hash and the variant, because OCR is the slow
step (seconds per page) and ``--show`` or a rerun should not pay for it twice.

The born-digital PDF's own text is the measure of OCR's faithfulness (:func:`word_errors`):
it tells an OCR misreading from an importer's mistake.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

CACHE = Path("/tmp/scan-cache")
OCR_TIMEOUT = 1800
"""Seconds for one report's OCR: about 3-6 s a page on one core, and a report has up to 15 pages."""


@dataclass(frozen=True)
class ScanVariant:
    """One way of scanning a printout: resolution, colour, and how much the scanner spoils it."""

    name: str
    summary: str
    dpi: int
    colour: bool = False
    skew: tuple[float, float] = (0.0, 0.0)
    """Each page is turned by an angle of this size (degrees), its sign drawn per page."""
    blur: float = 0.0
    """Gaussian blur radius in pixels: the scanner's optics."""
    noise: int = 0
    """Each pixel moves by up to this many grey levels: sensor noise and paper grain."""
    quality: int = 95
    """JPEG quality of the page images, as scanners and archives store them."""
    deskew: bool = False
    """Let OCRmyPDF straighten the pages first, as many archive pipelines do."""
    seed: int = 1

    def line(self) -> str:
        return f"{self.name:<10} {self.summary}"


VARIANTS = [
    ScanVariant("clean", "300 dpi greyscale, straight, no noise, JPEG q95: the best an archive holds", 300),
    ScanVariant("skewed", "200 dpi greyscale, turned 0.5-1.5°, blur 0.6 px, noise ±12, JPEG q70", 200,
                skew=(0.5, 1.5), blur=0.6, noise=12, quality=70),
    ScanVariant("colour", "200 dpi colour, turned 0.5-1.5°, blur 0.6 px, noise ±12, JPEG q70: tinted boxes kept",
                200, colour=True, skew=(0.5, 1.5), blur=0.6, noise=12, quality=70),
    ScanVariant("deskewed", "as skewed, then OCRmyPDF --deskew straightens each page before OCR", 200,
                skew=(0.5, 1.5), blur=0.6, noise=12, quality=70, deskew=True),
]


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed ({package})")
    return path


def rasterise(pdf: Path, variant: ScanVariant, folder: Path) -> list[Image.Image]:
    """Every page of ``pdf`` as an image at the variant's resolution (PGM/PPM: no encoding cost)."""
    colour = [] if variant.colour else ["-gray"]
    subprocess.run([_tool("pdftoppm", "poppler-utils"), "-r", str(variant.dpi), *colour, str(pdf),
                    str(folder / "page")], check=True, capture_output=True, timeout=600)
    pages = []
    for path in sorted(folder.glob("page-*.p[gp]m")):
        with Image.open(path) as image:
            pages.append(image.convert("RGB" if variant.colour else "L"))
        path.unlink()
    return pages


def degrade(page: Image.Image, variant: ScanVariant, rng: random.Random) -> Image.Image:
    """The page as the scanner returns it: skewed, blurred and noisy. Uniform noise from the seeded
    generator's bytes, because Pillow's own noise is unseeded and numpy is not a dependency."""
    low, high = variant.skew
    if high:
        angle = rng.uniform(low, high) * rng.choice((-1, 1))
        white = (255, 255, 255) if page.mode == "RGB" else 255
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=white)
    if variant.blur:
        page = page.filter(ImageFilter.GaussianBlur(variant.blur))
    if variant.noise:
        spread = variant.noise
        grain = Image.frombytes("L", page.size, rng.randbytes(page.width * page.height))
        grain = grain.point(lambda value: 128 - spread + round(value * 2 * spread / 255))
        page = ImageChops.add(page, grain.convert(page.mode), 1.0, -128)
    return page


def image_pdf(pages: list[Image.Image], variant: ScanVariant, target: Path) -> Path:
    """The pages as an image-only PDF; Pillow stores greyscale and colour pages as JPEG (DCTDecode)
    at the variant's quality, and the resolution keeps the page size of the printout."""
    first, *rest = pages
    first.save(target, "PDF", save_all=True, append_images=rest, resolution=float(variant.dpi),
               quality=variant.quality)
    return target


def ocr(images: Path, variant: ScanVariant, target: Path) -> Path:
    """OCRmyPDF's Danish text layer over the image PDF. One job and one Tesseract thread keep the
    machine usable for others; plain PDF output skips Ghostscript's PDF/A pass, which changes no text."""
    deskew = ["--deskew"] if variant.deskew else []
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run([_tool("ocrmypdf", "apt-get install ocrmypdf tesseract-ocr-dan"), "-l", "dan",
                             "--jobs", "1", "--output-type", "pdf", "--optimize", "0", "--quiet", *deskew,
                             str(images), str(target)], check=False, capture_output=True, text=True,
                            env=environment, timeout=OCR_TIMEOUT)
    if result.returncode != 0:
        raise RuntimeError(f"ocrmypdf exit {result.returncode}: {result.stderr.strip().splitlines()[-1:]}")
    return target


def scan(source: bytes | Path, variant: ScanVariant, work: Path, cache: Path = CACHE) -> Path:
    """The OCR'd scan of a born-digital report PDF under ``variant``; from ``cache`` when this
    source was scanned this way before."""
    data = source if isinstance(source, bytes) else source.read_bytes()
    key = hashlib.sha256(data + repr(sorted(asdict(variant).items())).encode()).hexdigest()[:20]
    cached = cache / f"{variant.name}.{key}.pdf"
    if cached.exists():
        return cached
    folder = work / f"{variant.name}.{key}"
    folder.mkdir(parents=True, exist_ok=True)
    printout = folder / "printout.pdf"
    printout.write_bytes(data)
    rng = random.Random(f"{variant.seed}:{key}")
    pages = [degrade(page, variant, rng) for page in rasterise(printout, variant, folder)]
    images = image_pdf(pages, variant, folder / "images.pdf")
    del pages  # a report's page images take a few hundred MB; OCR needs none of them
    result = ocr(images, variant, folder / "ocr.pdf")
    cache.mkdir(parents=True, exist_ok=True)
    shutil.copy(result, cached)
    shutil.rmtree(folder)
    return cached


_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)


def word_errors(born_digital: str, scanned: str) -> tuple[float, list[tuple[str, int]], list[tuple[str, int]]]:
    """The share of the born-digital text's words (case kept, as a multiset) the OCR text lacks,
    with the most frequent missing and invented words. A multiset, not an alignment, because OCR
    and the born-digital PDF may order a page's blocks differently: only misread words count."""
    want, have = Counter(_WORD.findall(born_digital)), Counter(_WORD.findall(scanned))
    missing, extra = want - have, have - want
    total = sum(want.values())
    return (sum(missing.values()) / total if total else 0.0), missing.most_common(8), extra.most_common(8)
