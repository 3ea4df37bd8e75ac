"""WCAG 2.1 AA and Dutch everywhere, in Debian's chromium against `kennisgraaf serve`.

axe-core (shipped inside the axe-playwright-python wheel; nothing is downloaded) runs on every page with the
WCAG 2.0/2.1 A and AA rules; no serious or critical violation may remain. The pyvis pictures are canvases inside
iframes: axe checks the iframe's title (its text alternative), and the same content is in the table beside it.
Then: <html lang="nl">, no English UI text that a reader sees or a screen reader reads, visible keyboard focus,
links that look like links, and the deep links (page names, unknown ids, empty question, unknown pages).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

# Every page of the app, with the parameters that open its fullest view.
PAGES: dict[str, str] = {
    "vraag": "vraag?vraag=" + quote("Wie neemt deel aan het casusoverleg?"),
    "maatregelen": "maatregelen?id=m08",
    "maatregelen-lijst": "maatregelen",
    "organisaties": "organisaties?id=om",
    "overleggen": "overleggen?id=casusoverleg",
    "wetgeving": "wetgeving?id=wpg",
    "keten": "keten?id=m08&van=gemeente&naar=bevriezingsoverleg",
    "spanningsvelden": "spanningsvelden",
    "onboarding": "onboarding",
    "begrippen": "begrippen?id=term-achterblijvers",
    "cypher": "cypher",
    "over": "over",
    "niet-gevonden": "bestaat-niet",
}
AXE_OPTIONS = {
    "iframes": False,
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}
# English that Streamlit (or an earlier version of the app) shows; none of it may be seen or read out.
ENGLISH = [
    "Press Enter", "submit form", "Page not found", "Skip to main content", "Search", "Download as", "Fullscreen",
    "Show/hide", "Collapse sidebar", "Expand sidebar", "Sidebar", "App pages", "Choose an option", "Clear all",
    "Close", "Help for", "Link to heading", "Running", "Loading", "No results", "Good practices", "Copy to clipboard",
    "arrow_forward", "question_answer", "checklist", "apartment", "compare_arrows", "menu_book", "terminal",
]
# Everything a screen reader would read: visible text outside aria-hidden, and labels, titles, placeholders, alts.
ACCESSIBLE_TEXT_JS = """() => {
  const out = [];
  const hidden = (el) => el.closest('[aria-hidden="true"]') || getComputedStyle(el).display === 'none'
    || getComputedStyle(el).visibility === 'hidden';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName) || hidden(parent)) continue;
    if (n.nodeValue.trim()) out.push(n.nodeValue.trim());
  }
  for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
    document.querySelectorAll('[' + name + ']').forEach((el) => { if (!hidden(el)) out.push(el.getAttribute(name)); });
  }
  return out;
}"""


@pytest.fixture(scope="module")
def browser_page(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
            page.set_default_timeout(60_000)
            yield page
        finally:
            browser.close()


def open_page(page: Any, server: str, path: str) -> Any:
    """Open a page and wait until its title is there and Streamlit has finished the run."""
    from playwright.sync_api import expect

    page.goto(f"{server}/{path}")
    main = page.locator("[data-testid=stMain]")
    expect(main.locator("h1").first).to_be_visible(timeout=90_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')"
        " && document.documentElement.lang === 'nl'",
        timeout=60_000,
    )
    page.wait_for_timeout(500)  # the shell script translates on the next animation frame
    return main


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violation_and_no_english(browser_page: Any, server: str, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser_page
    open_page(page, server, PAGES[name])
    assert page.evaluate("document.documentElement.lang") == "nl"
    results = Axe().run(page, options=AXE_OPTIONS)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)

    texts = page.evaluate(ACCESSIBLE_TEXT_JS)
    found = sorted({word for word in ENGLISH for text in texts if re.search(rf"\b{re.escape(word)}\b", text)})
    assert not found, f"English UI text on /{PAGES[name]}: {found}"
    headings = page.locator("h1, h2, h3, h4, h5, h6").all_inner_texts()
    assert not [h for h in headings if "good practice" in h.lower()], headings
    page.screenshot(path=str(ARTIFACTS / f"a11y-{name}.png"))


def test_keyboard_focus_is_visible(browser_page: Any, server: str) -> None:
    page = browser_page
    open_page(page, server, "over")
    link = page.locator("[data-testid=stSidebarNav] a").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so that :focus-visible applies
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"
    )
    assert style[0] == "A", style
    assert style[1] != "none" and style[2] >= 2, style
    assert style[3] in ("rgb(26, 84, 144)",), style


def test_links_look_like_links(browser_page: Any, server: str) -> None:
    page = browser_page
    main = open_page(page, server, PAGES["vraag"])
    link = main.locator("[data-testid=stPageLink] a").first
    decoration = link.evaluate(
        "(a) => [...a.querySelectorAll('p, span'), a].map(e => getComputedStyle(e).textDecorationLine).join(' ')"
    )
    assert "underline" in decoration


def test_vraag_by_its_own_name_and_at_the_root(browser_page: Any, server: str) -> None:
    from playwright.sync_api import expect

    page = browser_page
    for path in (PAGES["vraag"], "?vraag=" + quote("Wie neemt deel aan het casusoverleg?")):
        main = open_page(page, server, path)
        expect(main.get_by_role("heading", name="Vraag het de kennisgraaf")).to_be_visible()
        expect(main.get_by_text("Genoemd in dit antwoord")).to_be_visible()
        assert not page.get_by_text("Page not found").count()


def test_unknown_page_is_dutch_with_a_search(browser_page: Any, server: str) -> None:
    from playwright.sync_api import expect

    page = browser_page
    main = open_page(page, server, "bestaat-niet")
    expect(main.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    assert not page.get_by_role("dialog").count()
    main.get_by_label("Uw vraag").fill("Wat betekent RIEC?")
    main.get_by_role("button", name="Vraag", exact=True).click()
    expect(main.get_by_role("heading", name="Vraag het de kennisgraaf")).to_be_visible()
    expect(main.get_by_text("Regionaal Informatie- en Expertisecentrum").first).to_be_visible()


def test_unknown_id_says_niet_gevonden(browser_page: Any, server: str) -> None:
    from playwright.sync_api import expect

    page = browser_page
    main = open_page(page, server, "maatregelen?id=m99")
    expect(main.get_by_text("niet gevonden").first).to_be_visible()
    expect(main.get_by_role("link", name="Zoek 'm99' met een vraag")).to_be_visible()


def test_begrippen_opens_the_term_of_its_id(browser_page: Any, server: str) -> None:
    page = browser_page
    main = open_page(page, server, "begrippen?id=term-achterblijvers")
    first_heading = main.locator("h3").first.inner_text()
    assert first_heading.lower().startswith("achterblijvers"), first_heading


def test_empty_question_says_what_to_type(browser_page: Any, server: str) -> None:
    from playwright.sync_api import expect

    page = browser_page
    main = open_page(page, server, "vraag")
    main.get_by_role("button", name="Vraag", exact=True).click()
    expect(main.get_by_text("Typ eerst een vraag")).to_be_visible()
    assert not page.get_by_text("Press Enter").is_visible()
