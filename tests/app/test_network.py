"""The graph pictures: self-contained (no remote URL at all) and every text escaped."""

from __future__ import annotations

import re

import pytest

from kennisgraaf.views import network
from kennisgraaf.views.labels import display_name, page_for, short
from kennisgraaf.views.measures import approach_of, filter_measures, fold

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"'><svg onload=alert(1)>"]
REMOTE = re.compile(r"https?://|(?:src|href)\s*=\s*[\"']?//", re.IGNORECASE)


def neighbourhood_rows(name: str = "Lokaal casusoverleg radicalisering") -> list[dict[str, str]]:
    return [
        {"start": "om", "start_label": "Organisation", "start_name": "Openbaar Ministerie", "type": "PARTICIPATES_IN",
         "end": "casusoverleg", "end_label": "Forum", "end_name": name, "source": "§3.2.1"},
        {"start": "m08", "start_label": "Measure", "start_name": "Plaatsing op de nationale terrorismelijst",
         "type": "COORDINATED_IN", "end": "casusoverleg", "end_label": "Forum", "end_name": name, "source": "§4.4"},
    ]


def chain_rows() -> list[dict[str, object]]:
    return [{
        "nodes": [{"id": "gemeente", "label": "Organisation", "name": "Gemeenten"},
                  {"id": "ontheffing-bevriezing", "label": "Procedure", "name": "Ontheffing aanvragen"},
                  {"id": "bevriezingsoverleg", "label": "Forum", "name": "Bevriezingsoverleg (ministerie van BZ)"}],
        "relationships": [{"type": "REQUESTS", "start": "gemeente", "end": "ontheffing-bevriezing", "source": "§4.4"},
                          {"type": "COORDINATED_IN", "start": "ontheffing-bevriezing", "end": "bevriezingsoverleg",
                           "source": "https://example.org/extern"}],
        "hops": 2,
    }]


@pytest.mark.parametrize("with_table", [False, True])
def test_html_has_no_remote_reference(with_table: bool) -> None:
    graph = network.from_chain(chain_rows())
    html = network.render_html(graph, "Keten via https://example.org", with_table=with_table)
    assert not REMOTE.search(html), REMOTE.search(html)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "bootstrap" not in html.lower()
    assert "vis.Network" in html  # the library is in-lined, not linked
    assert "http:\\/\\/www.w3.org/2000/svg" in html  # the SVG namespace survives, in an equivalent spelling


def test_offline_html_strips_remote_tags_and_neutralises_text() -> None:
    page = (
        '<html><head><link rel="stylesheet" href="https://cdn.example/x.css">'
        '<script src="//cdn.example/x.js"></script><script>var u = "https://a.example/b";</script></head>'
        "<body><!-- https://comment.example --><p>zie https://c.example</p></body></html>"
    )
    out = network.offline_html(page)
    assert not REMOTE.search(out)
    assert "cdn.example" not in out and "comment.example" not in out
    assert 'var u = "https:\\/\\/a.example/b";' in out
    assert "https&#58;//c.example" in out


@pytest.mark.parametrize("hostile", HOSTILE)
def test_labels_titles_and_heading_are_escaped(hostile: str) -> None:
    graph = network.from_neighbourhood(neighbourhood_rows(hostile))
    graph.add_edge(network.GraphEdge("om", "RESPONSIBLE_FOR", "casusoverleg", hostile))
    html = network.render_html(graph, hostile, with_table=True)
    for raw in ("<script>alert(1)", "<img src=x", "<svg onload"):
        assert raw not in html, raw
    escaped_heading = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped_heading.replace('"', "&quot;").replace("'", "&#x27;") in html
    # In the vis data (JSON in a script) the escaped label appears with < and > as \u003c/\u003e or as entities.
    assert "&lt;" in html


def test_network_nodes_receive_escaped_text() -> None:
    graph = network.from_neighbourhood(neighbourhood_rows("<b>vet</b> & co"))
    net = network.build_network(graph)
    node = next(n for n in net.nodes if n["id"] == "casusoverleg")
    assert node["label"] == "&lt;b&gt;vet&lt;/b&gt; &amp; co"
    assert "<b>" not in node["title"]
    edge = net.edges[0]
    assert "<" not in edge["title"] and edge["label"] in {"neemt deel aan", "wordt afgestemd in"}


def test_tables_and_chain_steps_say_the_same_as_the_picture() -> None:
    graph = network.from_chain(chain_rows(), names={"gemeente": "Gemeente"})
    assert network.chain_steps(graph)[0] == "Gemeente — kan verzoeken om → Ontheffing aanvragen (§4.4)"
    table = network.edge_table(graph)
    assert [(r["Van"], r["Relatie"], r["Naar"]) for r in table] == [
        ("Gemeente (Organisatie)", "kan verzoeken om", "Ontheffing aanvragen (Procedure)"),
        ("Ontheffing aanvragen (Procedure)", "wordt afgestemd in", "Bevriezingsoverleg (ministerie van BZ) (Overleg)"),
    ]
    assert {kind for kind, _colour, _symbol in network.legend(graph)} == {"Organisatie", "Procedure", "Overleg"}


def test_neighbourhood_is_capped() -> None:
    rows = [dict(r, start=f"n{i}") for i, r in enumerate(neighbourhood_rows() * 5)]
    graph = network.from_neighbourhood(rows, max_edges=3)
    assert len(graph.edges) == 3 and graph.truncated == 7


def test_empty_chain_and_lonely_centre() -> None:
    assert not network.from_chain([]).nodes
    graph = network.from_neighbourhood([], network.GraphNode("x", "Term", "Alleen"))
    assert list(graph.nodes) == ["x"] and network.edge_table(graph)[0]["Van"] == "Alleen (Begrip)"
    assert not REMOTE.search(network.render_html(graph, ""))


def test_labels_and_links() -> None:
    assert page_for("Measure", "m08") == ("maatregelen", {"id": "m08"})
    assert page_for("Role", "burgemeester") == ("organisaties", {"id": "burgemeester"})
    assert page_for("Procedure", "p") == ("keten", {"id": "p"})
    assert display_name({"label": "Measure", "number": 8, "short_name": "bevriezingsmaatregel", "name": "…"}) == (
        "Maatregel 8: bevriezingsmaatregel"
    )
    assert short("een heel lange naam " * 5, 20).endswith("…") and len(short("x" * 50, 20)) <= 20


def test_measure_filters() -> None:
    rows = [
        {"id": "m1", "number": 1, "title": "Vervolging", "approach": "persoonsgericht", "inspected": True,
         "themes": ["Risicoreductie"], "organisations": ["Openbaar Ministerie"], "forums": [], "legal_bases": []},
        {"id": "m2", "number": 2, "title": "Casuïstiek", "approach": "preventief", "inspected": False,
         "themes": ["Lokaal"], "parent_themes": ["Informatie"], "organisations": [], "forums": ["Casusoverleg"],
         "legal_bases": ["Wpg"]},
        {"id": "m3", "number": 3, "title": "Iets anders", "approach": None, "inspected": True},
    ]
    assert [r["id"] for r in filter_measures(rows, text="casuistiek")] == ["m2"]
    assert [r["id"] for r in filter_measures(rows, themes=["Informatie"])] == ["m2"]
    assert [r["id"] for r in filter_measures(rows, inspected=True, approaches=["overig"])] == ["m3"]
    assert [r["id"] for r in filter_measures(rows, organisations=["Openbaar Ministerie"])] == ["m1"]
    assert [r["id"] for r in filter_measures(rows, text="maatregel 2")] == ["m2"]
    assert approach_of(rows[2]) == "overig" and fold("Ëén") == "een"


def test_console_candidate_ids() -> None:
    from kennisgraaf.views.console import candidate_ids, display_rows

    rows = [
        {"n": {"id": "om", "name": "Openbaar Ministerie", "_labels": ["Organisation"]}, "other": "casusoverleg"},
        {"n": {"id": "om", "name": "Openbaar Ministerie"}, "other": ["m08", {"id": "wpg"}], "count": 3},
    ]
    assert candidate_ids(rows) == ["om", "casusoverleg", "m08", "wpg"]
    assert display_rows(rows[1:])[0]["other"] == '["m08", {"id": "wpg"}]'
