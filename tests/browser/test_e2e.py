"""End to end in Debian's chromium: `kennisgraaf serve` on a free localhost port, the mission question asked in the
Vraag page, the chain picture opened — and not one request leaves 127.0.0.1.

Needs `apt-get install -y chromium` (never `playwright install`: no downloads).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

MISSION = "Bij wie moet ik zijn om een ontheffing van een bevriezing aan te vragen?"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOCAL_HOSTS


def test_mission_question_and_chain_picture_offline(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)  # the first run opens the engine and loads the seed
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1100}, locale="nl-NL")
            page.on("request", lambda request: requests.append(request.url))
            page.on("websocket", lambda ws: requests.append(ws.url))
            page.set_default_timeout(60_000)

            page.goto(server)
            question = page.get_by_label("Uw vraag")
            expect(question).to_be_visible()
            question.fill(MISSION)
            page.get_by_role("button", name="Vraag", exact=True).click()

            main = page.locator("[data-testid=stMain]")
            expect(main.get_by_text("Bronnen", exact=True)).to_be_visible()
            expect(main.get_by_text("§4.4 Spanningsvelden").first).to_be_visible()
            text = main.inner_text()
            assert "Openbaar Ministerie" in text and " OM" in text
            assert "Bevriezingsoverleg (ministerie van BZ)" in text
            assert "vraag=" in page.url  # the answer has its own link
            expect(main.get_by_role("link", name="Bekijk in de graaf")).to_be_visible()
            page.set_viewport_size({"width": 1440, "height": 2400})  # Streamlit scrolls inside the page
            page.wait_for_timeout(1000)
            page.screenshot(path=str(ARTIFACTS / "vraag-antwoord.png"), full_page=True)

            main.get_by_role("link", name="Bekijk in de graaf").click()
            expect(page.get_by_role("heading", name="Verantwoordelijkheidsketen")).to_be_visible()
            frame = page.frame_locator("[data-testid=stMain] iframe").first
            expect(frame.locator("#mynetwork canvas")).to_be_visible()
            expect(main.get_by_text(re.compile("Dezelfde inhoud als tabel|Relaties met bron")).first).to_be_visible()
            page.wait_for_timeout(5000)  # let the layout settle for the screenshot
            assert "/keten" in page.url and "id=" in page.url
            page.screenshot(path=str(ARTIFACTS / "keten.png"), full_page=True)
            main.locator("iframe").first.screenshot(path=str(ARTIFACTS / "keten-plaatje.png"))
        finally:
            browser.close()

    assert requests, "no requests were recorded"
    outside = sorted({url for url in requests if not is_local(url)})
    assert not outside, f"requests left localhost: {outside}"
