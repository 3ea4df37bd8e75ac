"""Sources as places in the report (kennisgraaf.views.rapport) and plain words for full-text search."""

from __future__ import annotations

import pytest

from kennisgraaf.fulltext import search_terms
from kennisgraaf.views.labels import page_for
from kennisgraaf.views.rapport import is_report_id, passage_link, report_link


@pytest.mark.parametrize(
    ("source", "quote", "passage", "url", "label"),
    [
        (
            "§4.4 Spanningsvelden",
            "Er zijn ontheffingen mogelijk voor de bevriezingsmaatregel",
            None,
            "/rapport?passage=p-4.4-06",
            "§4.4 ¶6",
        ),
        ("§4.4 Spanningsvelden", None, None, "/rapport?sectie=s-4.4", "§4.4 Spanningsvelden"),
        ("voetnoot 18", None, None, "/rapport?passage=p-voetnoot-18", "voetnoot 18"),
        ("Bijlage I", None, None, "/rapport?sectie=s-bijlage-1", "Bijlage I"),
        ("Samenvatting", None, None, "/rapport?sectie=s-samenvatting", "Samenvatting"),
        ("Hoofdstuk 4 (inleiding)", None, None, "/rapport?sectie=s-4", "Hoofdstuk 4"),
        (
            "§3.2.3 Informatiedeling; voetnoot 20",
            None,
            None,
            "/rapport?sectie=s-3.2.3",
            "§3.2.3 Informatiedeling tussen organisaties",
        ),
        (None, None, "p-4.4-07", "/rapport?passage=p-4.4-07", "§4.4 ¶7"),
        ("§4.4 Spanningsvelden", "dit staat er niet", None, "/rapport?sectie=s-4.4", "§4.4 Spanningsvelden"),
    ],
)
def test_report_link(source: str | None, quote: str | None, passage: str | None, url: str, label: str) -> None:
    link = report_link(source, quote, passage)
    assert link is not None
    assert (link.url, link.label) == (url, label)


def test_no_link_for_external_or_unknown_sources() -> None:
    assert report_link("external", "iets") is None
    assert report_link(None) is None
    assert report_link("Bijlage II") is None
    assert passage_link("p-99.9-01") is None
    assert passage_link("<script>") is None
    assert not is_report_id("javascript:alert(1)")
    assert is_report_id("p-bijlage-1-nationaal-02") and is_report_id("s-3.2.1")


def test_passages_and_sections_open_on_the_rapport_page() -> None:
    assert page_for("Passage", "p-4.4-06") == ("rapport", {"passage": "p-4.4-06"})
    assert page_for("Section", "s-4.4") == ("rapport", {"sectie": "s-4.4"})
    assert page_for("Measure", "m08") == ("maatregelen", {"id": "m08"})


def test_search_terms_are_plain_words() -> None:
    assert search_terms('Ontheffing" OR (bevriez* -@x:{y}') == "ontheffing or bevriez"
    assert search_terms("Wie beslist over de ontheffing?") == "beslist ontheffing"
    assert search_terms("") == ""
    assert search_terms("é" * 5000) == "é" * 40
    assert len(search_terms(" ".join(f"woord{i}" for i in range(100))).split()) == 12
