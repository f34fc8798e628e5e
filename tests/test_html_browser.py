"""The HTML export in a real headless browser (Debian's chromium), driven over DevTools.

Checks what only rendering shows: the boxes get their colours, nothing overflows a 1280 px
window, every text/background pair meets WCAG AA contrast, and hostile text stays inert.
Skipped, with the reason, only when no chromium is installed (``KVALITET_CHROMIUM`` may name
the binary); CI installs Debian's ``chromium`` package.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURE_YAMLS, run_kvalitet
from kvalitet_core.model import Box, Contribution, Item, Section, Visit

CHROMIUM = os.environ.get("KVALITET_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "</style><b>x</b>", "&amp; {{ 7*7 }}"]
WIDTH = 1280


def hostile_visit() -> Visit:
    """A visit with hostile text in every free-text field (ids are patterned and cannot hold it)."""
    text = " ".join(HOSTILE)
    item = Item(heading=text, paragraphs=[text, f"- {text}", f"1. {text}"], cards=[HOSTILE[0]])
    box = Box(items=[item])
    return Visit(
        id="hostile", series=text, offer=text, unit=text, organisation=text, time_range="09:00-14:30",
        auditor_title=text, auditors=HOSTILE, employees_note=text, spoke_with=HOSTILE, focus_note=text,
        terminology_note=text, overall_impression=f"{text}\n\n- {text}", core_task=text, assessment=text,
        conclusion=text, contributes_to=[Contribution(theme="<script>alert(1)</script>", text=text)],
        sections=[Section(themes=["1", "<script>alert(2)</script>"], talked_about=box, points_to=box,
                          suggestions=box)],
    )


class Browser:
    """A minimal DevTools client: one page, commands answered in order, events remembered."""

    def __init__(self, websocket_url: str) -> None:
        import websocket  # websocket-client, from the "test" extra

        self.socket = websocket.create_connection(websocket_url, timeout=20, suppress_origin=True)
        self.counter = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.counter += 1
        self.socket.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not any(event.get("method") == method for event in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            self.events.append(json.loads(self.socket.recv()))

    def open(self, path: Path, width: int = WIDTH) -> None:
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=False)
        self.events.clear()
        self.send("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail("chromium did not open its DevTools port")
            time.sleep(0.05)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            targets = json.load(response)
        page = next(t for t in targets if t["type"] == "page")
        client = Browser(page["webSocketDebuggerUrl"])
        client.send("Page.enable")
        client.send("Runtime.enable")
        yield client
        client.socket.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures and the hostile visit converted into one folder, with its index."""
    from kvalitet_core.native import dump_yaml

    folder = tmp_path_factory.mktemp("html")
    hostile = folder / "hostile.yaml"
    hostile.write_text(dump_yaml([hostile_visit()]), encoding="utf-8")
    done = run_kvalitet("convert", *map(str, FIXTURE_YAMLS), str(hostile), "--to", "html", "-o", f"{folder}/out/",
                        env={"KVALITET_PLUGINS": "native,html"})
    assert done.returncode == 0, done.stderr.decode()
    return folder / "out"


def all_pages() -> list[str]:
    return [f"{p.stem}.html" for p in FIXTURE_YAMLS] + ["hostile.html", "index.html"]


def rgb(colour: str) -> tuple[float, float, float, float]:
    """A computed CSS colour ("rgb(1, 2, 3)" or "rgba(1, 2, 3, 0.5)") as channels and alpha."""
    values = [float(v) for v in colour[colour.index("(") + 1:-1].split(",")]
    return values[0], values[1], values[2], values[3] if len(values) == 4 else 1.0


def luminance(colour: tuple[float, ...]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: tuple[float, ...], second: tuple[float, ...]) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


TEXT_COLOURS = """
[...document.querySelectorAll('body *')].filter(element =>
    [...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim())
).map(element => {
    let background = null;
    for (let node = element; node; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') { background = colour; break; }
    }
    const style = getComputedStyle(element);
    return {tag: element.tagName, cls: element.className, text: element.textContent.trim().slice(0, 40),
            colour: style.color, background: background || 'rgb(255, 255, 255)',
            size: parseFloat(style.fontSize), weight: parseInt(style.fontWeight, 10)};
})
"""


@pytest.mark.parametrize("name", all_pages())
def test_no_horizontal_overflow_at_1280(browser: Browser, pages: Path, name: str) -> None:
    browser.open(pages / name)
    assert browser.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert browser.evaluate("document.documentElement.lang") == "da"


@pytest.mark.parametrize("name", all_pages())
def test_all_text_meets_wcag_aa_contrast(browser: Browser, pages: Path, name: str) -> None:
    browser.open(pages / name)
    failures = []
    for element in browser.evaluate(TEXT_COLOURS):
        large = element["size"] >= 24 or (element["size"] >= 18.66 and element["weight"] >= 700)
        ratio = contrast(rgb(element["colour"]), rgb(element["background"]))
        if ratio < (3.0 if large else 4.5):
            failures.append((round(ratio, 2), element))
    assert not failures


def test_boxes_render_in_their_colours(browser: Browser, pages: Path) -> None:
    browser.open(pages / f"{FIXTURE_YAMLS[0].stem}.html")
    colours = browser.evaluate("""Object.fromEntries(['talked_about', 'points_to', 'suggestions'].map(kind =>
        [kind, getComputedStyle(document.querySelector('.box--' + kind)).backgroundColor]))""")
    red, green, blue, _ = rgb(colours["talked_about"])
    assert max(red, green, blue) - min(red, green, blue) < 12, "grey"
    red, green, blue, _ = rgb(colours["points_to"])
    assert blue > green and red > green, "purple"
    red, green, blue, _ = rgb(colours["suggestions"])
    assert red > blue + 40 and green > blue + 30, "yellow"
    labels = browser.evaluate("[...document.querySelectorAll('.page')[0].querySelectorAll('.box-label')]"
                              ".map(e => [e.textContent, getComputedStyle(e).fontWeight])")
    assert [text for text, _ in labels] == ["Vi talte om", "Dette peger på at…", "Ledere og medarbejdere peger på…"]
    headings = browser.evaluate("[...document.querySelectorAll('.box h4')].map(e => getComputedStyle(e).fontWeight)")
    assert headings and all(int(weight) >= 700 for weight in headings)


def test_hostile_text_stays_inert(browser: Browser, pages: Path) -> None:
    browser.open(pages / "hostile.html")
    time.sleep(0.3)  # give any (wrongly) injected handler the chance to fire
    assert browser.evaluate("document.querySelectorAll('script, img, iframe, object, embed, b').length") == 0
    assert browser.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes].some("
                            "a => a.name.startsWith('on'))).length") == 0
    text = browser.evaluate("document.body.innerText")
    for value in HOSTILE:
        assert value in text
    assert not any(event.get("method") == "Page.javascriptDialogOpening" for event in browser.events)


def test_print_layout_is_a4_landscape_one_theme_per_page(browser: Browser, pages: Path) -> None:
    browser.open(pages / f"{FIXTURE_YAMLS[0].stem}.html")
    browser.send("Emulation.setEmulatedMedia", media="print")
    try:
        breaks = browser.evaluate("[...document.querySelectorAll('.page')].map(e => getComputedStyle(e).breakBefore)")
        nav = browser.evaluate("getComputedStyle(document.querySelector('nav')).display")
    finally:
        browser.send("Emulation.setEmulatedMedia", media="")
    assert breaks and set(breaks) == {"page"}
    assert nav == "none"
    pdf = base64.b64decode(browser.send("Page.printToPDF", preferCSSPageSize=True, printBackground=True)["data"])
    assert pdf.startswith(b"%PDF")
    sizes = {(round(float(width)), round(float(height)))
             for width, height in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)}
    assert sizes == {(842, 595)}, sizes  # A4 landscape, in points
    pages = len(re.findall(rb"/Type /Page\b", pdf))
    assert pages > len(browser.evaluate("[...document.querySelectorAll('.page')]"))  # a theme per page, at least
