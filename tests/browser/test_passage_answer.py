"""In Debian's chromium: a question answered from the report's text links to the passage on the Rapport page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

QUESTION = "Hoe hebben politie-eenheden het thema radicalisering intern belegd?"


def test_passage_answer_opens_the_passage_in_the_report(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1400}, locale="nl-NL")
            page.set_default_timeout(60_000)
            page.goto(f"{server}/?vraag={QUESTION}")
            main = page.locator("[data-testid=stMain]")
            expect(main.get_by_text("Het rapport zegt hierover").first).to_be_visible()
            link = main.locator("a[href*='rapport?passage=p-3.3-02']").first
            expect(link).to_be_visible()
            link.click()
            expect(main.get_by_text("gevraagde passage").first).to_be_visible()
            assert "passage=p-3.3-02" in page.url
            expect(main.get_by_text("De politie ziet terrorisme en radicalisering").first).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "rapport-passage.png"), full_page=True)
        finally:
            browser.close()
