"""The chain view in the app (AppTest): the keten page, and the chain on every measure, procedure and forum page."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import assert_clean, page_text, run_app

REMOTE = re.compile(r"https?://|(?:src|href)\s*=\s*[\"']?//", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _data_dir(app_data_dir: object) -> None:
    """Every test here runs against the session's embedded engine."""


def vis_nodes(page: str) -> list[dict[str, object]]:
    start = page.index("nodes = new vis.DataSet(") + len("nodes = new vis.DataSet(")
    return json.JSONDecoder().raw_decode(page[start:])[0]


def frames(at: AppTest) -> list[str]:
    return [f.proto.srcdoc for f in at.get("iframe")]


def download_labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_measure_8_chain_reads_gemeente_om_bevriezingsoverleg() -> None:
    at = run_app({"id": "m08"}, page="app_pages/keten.py")
    assert_clean(at)
    text = page_text(at)
    words = next(m.value for m in at.markdown if "Verzoekt of meldt" in m.value)
    words = re.sub(r"\\(.)", r"\1", words)
    assert words.index("Gemeenten") < words.index("Openbaar Ministerie") < words.index("Bevriezingsoverleg")
    assert "Ministerie van Financiën (extern)" in words
    assert "Verantwoordelijkheidsketen: Maatregel 8: bevriezingsmaatregel" in text
    page = frames(at)[0]
    x = {n["id"]: n["x"] for n in vis_nodes(page)}
    assert x["gemeente"] < x["om"] < x["bevriezingsoverleg"]  # left to right
    financien = next(n for n in vis_nodes(page) if n["id"] == "financien")
    assert "(extern)" in str(financien["label"])
    assert financien["shapeProperties"]["borderDashes"]  # type: ignore[index]
    assert not REMOTE.search(page)
    expected = {"Download PNG", "Download SVG", "Download CSV (tabel)", "Download Afdrukversie (HTML)"}
    assert set(download_labels(at)) >= expected
    table = at.table[0].value
    assert list(table.columns) == ["Van", "Relatie", "Naar", "Bron", "Citaat", "Extern"]
    assert (table["Bron"] == "§4.4 Spanningsvelden").any()
    assert "Context (niet getekend)" in text and "bevindingen" in text


@pytest.mark.parametrize(
    ("page", "node_id", "expected"),
    [
        ("app_pages/maatregelen.py", "m08", "Verantwoordelijkheidsketen: Maatregel 8"),
        ("app_pages/overleggen.py", "casusoverleg", "Verantwoordelijkheidsketen: Lokaal casusoverleg"),
        ("app_pages/keten.py", "casus-inbrengen", "Verantwoordelijkheidsketen: Een casus inbrengen"),
        ("app_pages/keten.py", "ontheffing-bevriezing", "Verantwoordelijkheidsketen: Ontheffing"),
    ],
)
def test_every_measure_procedure_and_forum_page_shows_its_chain(page: str, node_id: str, expected: str) -> None:
    at = run_app({"id": node_id}, page=page)
    assert_clean(at)
    assert expected in page_text(at)
    pictures = frames(at)
    # the interactive picture on the keten page, the same drawing as inline SVG on the detail pages
    assert any(("vis.Network" in p and '"Beslist"' in p) or ("<svg" in p and ">Beslist<" in p) for p in pictures)
    assert "Download SVG" in download_labels(at)


def test_measure_without_executor_says_so() -> None:
    at = run_app({"id": "m27"}, page="app_pages/maatregelen.py")
    assert_clean(at)
    assert "Het rapport noemt geen uitvoerder." in [i.value for i in at.info]
    assert any("<svg" in f and "het rapport noemt geen uitvoerder" in f for f in frames(at))


def test_casusoverleg_at_depth_2_is_limited_with_toon_meer() -> None:
    at = run_app({"id": "casusoverleg", "weergave": "omgeving", "diepte": "2"}, page="app_pages/keten.py")
    assert_clean(at)
    drawn = [n for n in vis_nodes(frames(at)[0])]
    assert 10 <= len(drawn) <= 25
    assert all("…" not in str(n["label"]) for n in drawn)  # labels are wrapped, never cut
    assert "Niet getekend" in page_text(at)
    more = run_app(
        {"id": "casusoverleg", "weergave": "omgeving", "diepte": "2", "meer": "Finding"}, page="app_pages/keten.py"
    )
    assert_clean(more)
    assert len(vis_nodes(frames(more)[0])) > len(drawn)


def test_chain_between_two_nodes_passes_the_om_and_offers_alternatives() -> None:
    at = run_app({"id": "gemeente", "van": "gemeente", "naar": "bevriezingsoverleg"}, page="app_pages/keten.py")
    assert_clean(at)
    radio = at.radio[0]
    assert len(radio.options) == 3 and "(beste)" in radio.options[0]
    best = re.sub(r"\\(.)", r"\1", at.markdown[0].value)
    assert "Gemeenten (Organisatie) — verstrekt informatie aan → Openbaar Ministerie" in best
    page = frames(at)[0]
    assert '"hierarchical": {"enabled": true, "direction": "LR"' in page
    levels = {n["id"]: n["level"] for n in vis_nodes(page)}
    assert levels == {"gemeente": 0, "om": 1, "bevriezingsoverleg": 2}


def test_spanningsvelden_picture_fits_its_frame_when_the_tab_opens() -> None:
    at = run_app(page="app_pages/spanningsvelden.py")
    assert_clean(at)
    page = frames(at)[0]
    assert "ResizeObserver" in page and "network.fit(" in page
