"""The chain view in Debian's chromium: measure 8 reads left to right, the pictures fit their frames with every label
inside, the depth-2 neighbourhood stays readable, and the memo downloads (PNG, SVG, CSV, print page) work offline.

Screenshots go to test-artifacts/ (docs/screenshots/ holds copies for the README).
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

LOCAL = {"127.0.0.1", "localhost"}

# Inside the picture's frame: every node's box (label included) in page pixels relative to the canvas.
NODE_BOXES = """() => {
  const canvas = document.querySelector('#mynetwork canvas');
  const ids = network.body.data.nodes.getIds();
  return {
    width: canvas.clientWidth,
    height: canvas.clientHeight,
    nodes: ids.map((id) => {
      const b = network.getBoundingBox(id);
      const tl = network.canvasToDOM({x: b.left, y: b.top});
      const br = network.canvasToDOM({x: b.right, y: b.bottom});
      const p = network.getPositions([id])[id];
      return {id: String(id), left: tl.x, top: tl.y, right: br.x, bottom: br.y, x: p.x};
    }),
  };
}"""


def picture_frame(page: Any, marker: str) -> Any:
    """The iframe whose document draws a vis network containing `marker`."""
    for _ in range(120):
        for frame in page.frames:
            try:
                if frame.evaluate("() => typeof network !== 'undefined' && !!network") and marker in frame.content():
                    return frame
            except Exception:  # a frame that is being replaced
                continue
        page.wait_for_timeout(500)
    raise AssertionError(f"no picture with {marker!r}")


def frame_with(page: Any, marker: str) -> Any:
    """The frame whose document contains `marker`."""
    for _ in range(120):
        for frame in page.frames:
            try:
                if marker in frame.content():
                    return frame
            except Exception:  # a frame that is being replaced
                continue
        page.wait_for_timeout(500)
    raise AssertionError(f"no frame with {marker!r}")


def assert_everything_inside(boxes: dict[str, Any]) -> None:
    assert boxes["width"] > 300 and boxes["height"] > 150
    for node in boxes["nodes"]:
        assert node["left"] >= -1 and node["top"] >= -1, node
        assert node["right"] <= boxes["width"] + 1 and node["bottom"] <= boxes["height"] + 1, node


def test_measure_8_chain_fits_reads_left_to_right_and_downloads_offline(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            viewport = {"width": 1440, "height": 1300}
            context = browser.new_context(viewport=viewport, locale="nl-NL", accept_downloads=True)
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.set_default_timeout(60_000)
            page.goto(f"{server}/keten?id=m08")
            main = page.locator("[data-testid=stMain]")
            expect(main.get_by_text("Verzoekt of meldt:").first).to_be_visible()
            words = main.get_by_text("Verzoekt of meldt:").first.locator("xpath=ancestor::ol[1]").inner_text()
            assert words.index("Gemeenten") < words.index("Openbaar Ministerie") < words.index("Bevriezingsoverleg")
            assert "Ministerie van Financiën (extern)" in words

            frame = picture_frame(page, "financien")
            page.wait_for_timeout(1000)
            boxes = frame.evaluate(NODE_BOXES)
            x = {n["id"]: n["x"] for n in boxes["nodes"]}
            assert x["gemeente"] < x["om"] < x["bevriezingsoverleg"]
            assert_everything_inside(boxes)
            assert frame.evaluate("() => network.getScale()") >= 0.69  # readable: a narrow frame scrolls instead
            labels = frame.evaluate("() => network.body.data.nodes.get('financien').label")
            assert "(extern)" in labels
            page.screenshot(path=str(ARTIFACTS / "keten-m08.png"), full_page=True)
            main.locator("iframe").first.screenshot(path=str(ARTIFACTS / "keten-m08-plaatje.png"))

            files = {}
            for label in ("Download PNG", "Download SVG", "Download CSV (tabel)", "Download Afdrukversie (HTML)"):
                with page.expect_download() as info:
                    main.get_by_role("button", name=label).click()
                download = info.value
                assert download.failure() is None
                files[label] = download.path().read_bytes()
            assert files["Download PNG"].startswith(b"\x89PNG\r\n\x1a\n")
            svg = ET.fromstring(files["Download SVG"].decode("utf-8"))
            assert "Openbaar Ministerie" in " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
            rows = list(csv.DictReader(io.StringIO(files["Download CSV (tabel)"].decode("utf-8-sig")), delimiter=";"))
            assert any(r["Van"].startswith("Gemeenten") and r["Naar"].startswith("Openbaar Ministerie") for r in rows)
            printable = files["Download Afdrukversie (HTML)"].decode("utf-8")
            assert "<svg" in printable and "<script" not in printable

            # the print page opens and shows the same chain, offline
            page.set_content(printable)
            expect(page.get_by_text("De keten in woorden")).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "keten-m08-afdruk.png"), full_page=True)
        finally:
            browser.close()
    outside = sorted({u for u in requests if urlsplit(u).scheme not in ("data", "blob", "about")
                      and (urlsplit(u).hostname or "") not in LOCAL})
    assert not outside, outside


def test_casusoverleg_depth_2_and_spanningsvelden_tab_fit_their_frames(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1300}, locale="nl-NL")
            page.set_default_timeout(60_000)
            page.goto(f"{server}/keten?id=casusoverleg&weergave=omgeving&diepte=2")
            main = page.locator("[data-testid=stMain]")
            expect(main.get_by_text("Niet getekend").first).to_be_visible()
            frame = picture_frame(page, "casusoverleg")
            page.wait_for_timeout(6000)  # the force layout settles, then the picture is fitted again
            boxes = frame.evaluate(NODE_BOXES)
            assert 10 <= len(boxes["nodes"]) <= 25
            assert_everything_inside(boxes)
            page.screenshot(path=str(ARTIFACTS / "keten-casusoverleg-diepte2.png"), full_page=True)
            main.locator("iframe").first.screenshot(path=str(ARTIFACTS / "keten-casusoverleg-diepte2-plaatje.png"))

            # the measure page shows the same chain as inline SVG (no frame), sources on hover
            page.goto(f"{server}/maatregelen?id=m08")
            expect(main.get_by_text("Verzoekt of meldt:").first).to_be_visible()
            svg_frame = frame_with(page, 'class="kg-keten"')
            picture = svg_frame.locator("svg").first
            expect(picture).to_be_visible()
            assert "Openbaar Ministerie" in picture.inner_html()
            assert picture.locator("title").count() > 5
            assert picture.bounding_box()["width"] > 600
            page.screenshot(path=str(ARTIFACTS / "maatregel-m08.png"), full_page=True)

            page.goto(f"{server}/spanningsvelden")
            page.get_by_role("tab", name="Graaf").click()
            frame = picture_frame(page, "spanning-bevriezing-achterblijvers")
            page.wait_for_timeout(6000)
            boxes = frame.evaluate(NODE_BOXES)
            assert len(boxes["nodes"]) > 10
            assert_everything_inside(boxes)
            page.screenshot(path=str(ARTIFACTS / "spanningsvelden-graaf.png"), full_page=True)
        finally:
            browser.close()
