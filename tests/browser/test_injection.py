"""Script payloads planted in seed fields are shown as text in the real browser: nothing runs.

The seed is copied with one extra file whose names, summaries, aliases and quotes carry <script>, onerror and
javascript: payloads, linked to measure 8 so that they appear in lists, detail views, answers and the pyvis
picture (its tooltips too)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from kennisgraaf.lexical import read_knowledge
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, served_app
from tests.conftest import SEED_DIR

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__xss = (window.__xss || 0) + 1; alert('xss')</script>"
IMG = "<img src=x onerror=\"window.__xss = (window.__xss || 0) + 1; alert('xss')\">"
SVG = '<svg onload="window.__xss=1"></svg>'
LINK = '<a href="javascript:window.__xss=1">klik</a>'
PAYLOAD_SEED = {
    "organisations": [
        {
            "id": "payload-org",
            "name": f"Testdienst {SCRIPT}",
            "abbreviation": "TD<b>x</b>",
            "kind": "overig",
            "summary": f"Samenvatting {IMG} {SVG} {LINK}",
            "aliases": [f"testdienst payload {SCRIPT}"],
            "source": f"§4.4 Spanningsvelden {IMG}",
        }
    ],
    "terms": [
        {
            "id": "term-payload",
            "name": f"Payloadterm {IMG}",
            "definition": f"Definitie {SCRIPT} {LINK}",
            "source": "Bijlage III",
        }
    ],
    "relations": [
        # A quote from the report must stand in one of its passages (kennisgraaf.lexical), so the payload quote is
        # an external one: shown, marked external, and not looked up in the report.
        {
            "from": "payload-org",
            "type": "EXECUTES",
            "to": "m08",
            "source": "external",
            "source_url": "https://example.org/payload",
            "checked": "2026-11-30",
            "confidence": "M",
            "quote": IMG,
            "note": f"§4.4 {SCRIPT}",
        },
        {"from": "term-payload", "type": "ABOUT", "to": "payload-org", "source": "Bijlage III"},
    ],
}


@pytest.fixture(scope="module")
def payload_server() -> Iterator[str]:
    seed = Path(tempfile.mkdtemp(prefix="kg-xss-seed-"))
    try:
        for path in SEED_DIR.glob("*.yaml"):
            shutil.copy(path, seed / path.name)
        (seed / "zz_payload.yaml").write_text(yaml.safe_dump(PAYLOAD_SEED, allow_unicode=True), encoding="utf-8")
        assert read_knowledge(seed).nodes["payload-org"]  # the payloads pass validation: they are just text
        with served_app({"KENNISGRAAF_SEED_DIR": str(seed)}, log_name="serve-xss.log") as url:
            yield url
    finally:
        shutil.rmtree(seed, ignore_errors=True)


PAGES = [
    "organisaties?id=payload-org",
    "organisaties",
    "begrippen",
    "maatregelen?id=m08",
    "keten?id=m08",
    "vraag?vraag=Wat+doet+de+testdienst+payload%3F",
    "vraag?vraag=Wie+voert+de+bevriezingsmaatregel+uit%3F",
]


def test_no_payload_runs_anywhere(payload_server: str) -> None:
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1400})
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.set_default_timeout(60_000)
            seen_payload_text = 0
            for path in PAGES:
                page.goto(f"{payload_server}/{path}")
                page.wait_for_selector("[data-testid=stMain]")
                page.wait_for_timeout(4000)  # let Streamlit render and the pyvis iframe lay out
                for frame in page.frames:
                    assert frame.evaluate("() => window.__xss === undefined"), f"a payload ran on {path}"
                text = page.locator("[data-testid=stMain]").inner_text()
                seen_payload_text += text.count("onerror") + text.count("<script>")
            page.screenshot(path=str(ARTIFACTS / "xss-keten.png"), full_page=True)
            assert seen_payload_text > 0, "the payloads should be visible as text somewhere"
        finally:
            browser.close()
    assert not dialogs
