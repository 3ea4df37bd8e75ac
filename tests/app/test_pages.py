"""The Streamlit app through streamlit.testing.v1.AppTest: every page renders, and the key journeys work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP

MISSION = "Bij wie moet ik zijn om een ontheffing van een bevriezing aan te vragen?"
PAGES = [
    "app_pages/vraag.py",
    "app_pages/maatregelen.py",
    "app_pages/organisaties.py",
    "app_pages/overleggen.py",
    "app_pages/wetgeving.py",
    "app_pages/keten.py",
    "app_pages/spanningsvelden.py",
    "app_pages/onboarding.py",
    "app_pages/begrippen.py",
    "app_pages/rapport.py",
    "app_pages/cypher.py",
    "app_pages/over.py",
]


def unescape(text: str) -> str:
    """Markdown text as a reader sees it (the app backslash-escapes text from the knowledge base)."""
    return re.sub(r"\\(.)", r"\1", text)


def page_text(at: AppTest) -> str:
    """All text the page shows: markdown, captions, alerts, headings and link labels."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    parts.extend(str(link.proto.label) for link in at.get("page_link"))
    return unescape("\n".join(parts))


def run_app(query_params: dict[str, str] | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    if page:
        at.switch_page(page)
    if query_params:
        at.query_params.update(query_params)
    if page or query_params:
        at.run()
    return at


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(autouse=True)
def _isolated(app_data_dir: Path) -> None:
    """Every test here runs against the session's own data dir."""


def test_entrypoint_renders_vraag_with_examples() -> None:
    at = run_app()
    assert_clean(at)
    assert at.title[0].value == "Vraag het de kennisgraaf"
    examples = [option for pills in at.pills for option in pills.options]
    assert MISSION in examples
    assert "Wie neemt deel aan het casusoverleg?" in examples


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(page: str) -> None:
    at = run_app(page=page)
    assert_clean(at)
    assert at.title, f"{page} shows no title"


def test_answer_card_for_the_mission_question() -> None:
    at = run_app()
    at.text_input(key="vraag_tekst").input(MISSION)
    at.button[0].click()  # the form's submit button comes first
    at.run()
    assert_clean(at)
    assert at.query_params.get("vraag") == MISSION
    text = page_text(at)
    assert "OM" in text and "Openbaar Ministerie" in text
    assert "bevriezingsoverleg" in text.lower()
    assert "§4.4" in text
    assert "extern" in text
    links = {link.proto.label: link.proto.query_string for link in at.get("page_link")}
    assert any("Bevriezingsoverleg" in label for label in map(unescape, links)), links
    assert "Bekijk in de graaf" in links


def test_answer_deep_link_reopens_the_answer() -> None:
    at = run_app({"vraag": MISSION})
    assert_clean(at)
    assert at.text_input(key="vraag_tekst").value == MISSION
    assert "§4.4" in page_text(at)


def test_example_button_asks_its_question() -> None:
    at = run_app()
    next(p for p in at.pills if "Wie neemt deel aan het casusoverleg?" in p.options).select(
        "Wie neemt deel aan het casusoverleg?"
    )
    at.run()
    assert_clean(at)
    assert at.query_params.get("vraag") == "Wie neemt deel aan het casusoverleg?"
    assert "casusoverleg" in page_text(at).lower()


def test_not_answered_question_shows_suggestions() -> None:
    at = run_app({"vraag": "Wat is de kleur van de lucht?"})
    assert_clean(at)
    suggestions = [b for b in at.button if b.key and b.key.startswith("suggestie-")]
    assert suggestions
    suggestions[0].click()
    at.run()
    assert_clean(at)
    assert at.query_params.get("vraag") == suggestions[0].label


# Questions the report touches on without a sure answer: at least one must get the pointer to a passage.
NEAR_MISSES = [
    "Een jongen die in ons overleg besproken wordt lijkt vooral psychisch in de war. "
    "Valt daar binnen de aanpak iets mee?",
    "Hoe verschilt het hebben van radicaliseringsbeleid tussen kleine, middelgrote en grote gemeenten?",
    "Zegt deze evaluatie iets over hoe effectief de maatregelen zijn?",
]


def test_an_abstention_links_to_the_passage_that_came_closest() -> None:
    pointed = 0
    for question in NEAR_MISSES:
        at = run_app({"vraag": question})
        assert_clean(at)
        alerts = " ".join(str(e.value) for e in at.info)
        if "Het dichtst bij uw vraag komt" not in alerts:
            continue
        pointed += 1
        links = [(unescape(link.proto.label), link.proto.query_string) for link in at.get("page_link")]
        assert any(label.startswith("Lees in het rapport") and "passage=" in query for label, query in links), links
    assert pointed


def test_measure_detail_m08() -> None:
    at = run_app({"id": "m08"}, page="app_pages/maatregelen.py")
    assert_clean(at)
    assert any("Maatregel 8" in h.value for h in at.header)
    text = page_text(at)
    assert "bevriezingsmaatregel" in text
    assert "Bevriezingsoverleg" in text
    assert "Extern (sinds 2017)" in text
    assert any("Spanningsveld" in w.value for w in at.warning)


def test_measure_filters_narrow_the_table() -> None:
    at = run_app(page="app_pages/maatregelen.py")
    assert len(at.dataframe[0].value) == 38
    at.multiselect(key="m_aanpak").select("preventief")
    at.run()
    shown = at.dataframe[0].value
    assert 0 < len(shown) < 38
    assert set(shown["Aanpak"]) == {"preventief"}


@pytest.mark.parametrize(
    ("page", "node_id"),
    [
        ("app_pages/organisaties.py", "om"),
        ("app_pages/overleggen.py", "casusoverleg"),
        ("app_pages/wetgeving.py", "wpg"),
        ("app_pages/spanningsvelden.py", "spanning-bevriezing-achterblijvers"),
        ("app_pages/begrippen.py", "term-achterblijvers"),
    ],
)
def test_detail_deep_links(page: str, node_id: str) -> None:
    at = run_app({"id": node_id}, page=page)
    assert_clean(at)
    assert at.query_params.get("id") == node_id


def test_chain_page_produces_offline_html() -> None:
    at = run_app({"id": "m08", "van": "gemeente", "naar": "bevriezingsoverleg"}, page="app_pages/keten.py")
    assert_clean(at)
    frames = at.get("iframe")
    assert len(frames) == 1  # the best chain between the two
    html = frames[0].proto.srcdoc
    assert "vis.Network" in html
    assert "http://" not in html and "https://" not in html
    assert "Bevriezingsoverleg (ministerie van BZ)" in html
    assert len(at.table) >= 1  # the picture has its table
    assert "verstrekt informatie aan" in page_text(at)


def test_console_refuses_writes() -> None:
    at = run_app(page="app_pages/cypher.py")
    at.text_area(key="cypher_tekst").input("CREATE (n:X)")
    at.text_area(key="cypher_params").input("{}")
    next(b for b in at.button if b.label == "Uitvoeren").click()
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Alleen lezen: de console voert geen schrijfopdrachten uit."]


def test_console_shows_rows_and_a_graph() -> None:
    at = run_app(page="app_pages/cypher.py")
    next(b for b in at.button if b.label == "Uitvoeren").click()
    at.run()
    assert_clean(at)
    assert len(at.dataframe[-1].value) > 0 or len(at.dataframe) > 2
    assert at.get("iframe"), "the default example returns node ids, so a graph is drawn"


def test_engine_down_shows_a_dutch_message_and_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    import streamlit as st

    from kennisgraaf.settings import get_settings

    st.cache_resource.clear()
    monkeypatch.setenv("KENNISGRAAF_DATA_DIR", "/tmp/" + "x" * 120)  # too long for a unix socket: no engine
    get_settings.cache_clear()
    try:
        at = run_app()
        assert not at.exception
        assert at.error and "niet bereikbaar" in at.error[0].value and "KENNISGRAAF_DATA_DIR" in at.error[0].value
        retry = next(b for b in at.button if b.label == "Opnieuw proberen")
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    retry.click()
    at.run()
    assert_clean(at)
    assert at.title[0].value == "Vraag het de kennisgraaf"


def test_how_found_is_plain_dutch_first_and_cypher_behind_a_switch() -> None:
    at = run_app({"vraag": "Wie beslist over de paspoortmaatregel?"})
    assert_clean(at)
    assert not at.code, "no Cypher before the switch is turned on"
    text = page_text(at)
    assert "Uw vraag is gelezen als een vraag over" in text
    assert "Daarna is in de kennisbank opgezocht" in text
    at.toggle(key="vraag_techniek").set_value(True)
    at.run()
    assert_clean(at)
    assert at.code and "MATCH" in at.code[0].value


def test_empty_question_says_what_to_type() -> None:
    at = run_app()
    at.button[0].click()  # the form's submit button, with an empty question
    at.run()
    assert_clean(at)
    assert any("Typ eerst een vraag" in i.value for i in at.info)


@pytest.mark.parametrize(
    ("page", "node_id"),
    [
        ("app_pages/maatregelen.py", "m99"),
        ("app_pages/organisaties.py", "bestaat-niet"),
        ("app_pages/overleggen.py", "bestaat-niet"),
        ("app_pages/wetgeving.py", "bestaat-niet"),
        ("app_pages/begrippen.py", "bestaat-niet"),
        ("app_pages/keten.py", "bestaat-niet"),
    ],
)
def test_unknown_id_says_niet_gevonden_with_a_search(page: str, node_id: str) -> None:
    at = run_app({"id": node_id}, page=page)
    assert not at.exception
    assert any("niet gevonden" in w.value for w in at.warning), [w.value for w in at.warning]
    links = {unescape(link.proto.label): link.proto.query_string for link in at.get("page_link")}
    assert f"Zoek '{node_id}' met een vraag" in links


def test_begrippen_opens_the_term_of_its_id_on_top() -> None:
    at = run_app({"id": "term-riec"}, page="app_pages/begrippen.py")
    assert_clean(at)
    assert at.subheader and at.subheader[0].value.lower().startswith("riec")


def test_onboarding_has_contents_and_what_each_participant_brings() -> None:
    at = run_app(page="app_pages/onboarding.py")
    assert_clean(at)
    text = page_text(at)
    assert "Inhoud" in text and "(#stap-2)" in at.markdown[1].value
    assert "bevoegdheid: kan verzoeken bij maatregel 15, paspoortmaatregel" in text  # politie and gemeente
    assert "informatie: politiegegevens op grond van art. 20 Wpg" in text
    assert "kennis en kunde in te brengen over de dreiging" in text  # the NCTV advisers, quoted
    weighed = [unescape(link.proto.label) for link in at.get("page_link")]
    assert not any(label.startswith("Maatregel 30") for label in weighed), weighed
    assert "Maatregel 30 (ondersteuning lokale aanpak) zet het casusoverleg niet in" in text
    assert not [h.value for h in at.header if "Good practice" in h.value]
def _links(at: AppTest) -> list[tuple[str, str, str]]:
    """(label as read, target page, query string) of every page link."""
    return [(unescape(link.proto.label), link.proto.page, link.proto.query_string) for link in at.get("page_link")]


def test_rapport_opens_the_summary_with_its_contents() -> None:
    at = run_app(page="app_pages/rapport.py")
    assert_clean(at)
    assert at.header[0].value == "Samenvatting"
    labels = [label for label, _page, _query in _links(at)]
    for expected in ("Voorwoord", "**Samenvatting**", " §4.4 Spanningsvelden", "Bijlage I", "Voetnoten"):
        assert expected in labels, expected
    assert "Het actieprogramma heeft een aanjagende functie gehad" in page_text(at)


def test_rapport_deep_link_opens_the_passage_in_its_section() -> None:
    at = run_app({"passage": "p-4.4-06"}, page="app_pages/rapport.py")
    assert_clean(at)
    assert at.header[0].value == "§4.4 Spanningsvelden"
    captions = [unescape(c.value) for c in at.caption]
    target = [c for c in captions if "gevraagde passage" in c]
    assert target == ["**§4.4 ¶6** · regel 2484–2498 :blue-badge[gevraagde passage]"]
    text = page_text(at)
    assert "Er zijn ontheffingen mogelijk voor de bevriezingsmaatregel." in text
    links = _links(at)
    # the passage names measure 8 and the bevriezingsoverleg: links to their pages with ?id=
    assert any(label.startswith("Maatregel 8") and query == "id=m08" for label, _page, query in links), links
    assert any("Bevriezingsoverleg" in label and query == "id=bevriezingsoverleg" for label, _page, query in links)
    assert ("Link naar §4.4 ¶6", "rapport", "passage=p-4.4-06") in links


def test_rapport_deep_link_to_a_footnote() -> None:
    at = run_app({"passage": "p-voetnoot-18"}, page="app_pages/rapport.py")
    assert_clean(at)
    assert at.header[0].value == "§3.2.3 Informatiedeling tussen organisaties"
    captions = [unescape(c.value) for c in at.caption]
    assert any(c.startswith("**voetnoot 18**") and "gevraagde passage" in c for c in captions)
    assert "Op grond van artikel 39f, eerste lid, Wet justitiële" in page_text(at)


def test_rapport_unknown_passage_and_section_warn() -> None:
    at = run_app({"passage": "p-99.9-01"}, page="app_pages/rapport.py")
    assert not at.exception
    assert any("bestaat niet" in w.value for w in at.warning)
    assert at.header[0].value == "Samenvatting"
    at = run_app({"sectie": "<script>alert(1)</script>"}, page="app_pages/rapport.py")
    assert not at.exception
    assert any("bestaat niet" in w.value for w in at.warning)


def test_rapport_search_links_to_passages() -> None:
    at = run_app({"q": "ontheffing bevriezingsmaatregel"}, page="app_pages/rapport.py")
    assert_clean(at)
    results = [(label, query) for label, _page, query in _links(at) if "—" in label and query.startswith("passage=")]
    assert ("§4.4 ¶6 — Spanningsvelden", "passage=p-4.4-06") in results, results


def test_sources_on_detail_pages_link_to_their_passage() -> None:
    at = run_app({"id": "m08"}, page="app_pages/maatregelen.py")
    assert_clean(at)
    report_links = [(label, query) for label, page, query in _links(at) if page == "rapport"]
    assert report_links
    assert all(label.startswith("Lees in het rapport: ") for label, _query in report_links)
    assert any(query.startswith("passage=p-") for _label, query in report_links)


def test_answer_sources_link_to_their_passage() -> None:
    at = run_app({"vraag": MISSION})
    assert_clean(at)
    report_links = [(label, query) for label, page, query in _links(at) if page == "rapport"]
    assert any(query.startswith("passage=p-4.4-") for _label, query in report_links), report_links


PASSAGE_QUESTION = "Hoe hebben politie-eenheden het thema radicalisering intern belegd?"


def test_a_passage_answer_links_to_its_passage_in_the_rapport_page() -> None:
    at = run_app({"vraag": PASSAGE_QUESTION})
    assert_clean(at)
    text = page_text(at)
    assert "Het rapport zegt hierover" in text  # the answer quotes the report's passage itself
    report_links = [query for _label, page, query in _links(at) if page == "rapport"]
    assert "passage=p-3.3-02" in report_links, report_links
