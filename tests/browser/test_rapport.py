"""The Rapport page in Debian's chromium: a deep link to a passage opens its section with that passage in view and
marked, the passage's entities link to their pages, and a source on an answer leads to its passage.

Needs `apt-get install -y chromium` (never `playwright install`: no downloads).
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_e2e import MISSION, is_local

pytestmark = pytest.mark.browser


def test_deep_link_opens_the_passage_in_view(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="nl-NL")
            page.on("request", lambda request: requests.append(request.url))
            page.set_default_timeout(60_000)

            page.goto(f"{server}/rapport?passage=p-4.4-06")
            main = page.locator("[data-testid=stMain]")
            expect(main.get_by_role("heading", name="§4.4 Spanningsvelden")).to_be_visible()
            target = main.locator(".st-key-passage-p-4-4-06")
            expect(target).to_contain_text("Er zijn ontheffingen mogelijk voor de bevriezingsmaatregel.")
            expect(target).to_contain_text("gevraagde passage")
            expect(target).to_be_in_viewport()  # the page scrolls the passage into view once it is drawn
            page.screenshot(path=str(ARTIFACTS / "rapport-passage.png"))

            # an entity the passage names opens its own page
            target.get_by_role("link", name="Maatregel 8: bevriezingsmaatregel (Maatregel)").click()
            expect(page.get_by_role("heading", name="Maatregel 8").first).to_be_visible()
            assert "/maatregelen" in page.url and "id=m08" in page.url

            # a source of an answer leads back to its passage
            page.goto(f"{server}/?{urlencode({'vraag': MISSION})}")  # Vraag is the default page: its path is /
            link = main.get_by_role("link", name="Lees in het rapport: §4.4").first
            expect(link).to_be_visible()
            link.click()
            expect(main.get_by_text("gevraagde passage")).to_be_visible()
            assert "/rapport" in page.url and "passage=p-4.4-" in page.url
        finally:
            browser.close()
    outside = sorted({url for url in requests if not is_local(url)})
    assert not outside, f"requests left localhost: {outside}"
