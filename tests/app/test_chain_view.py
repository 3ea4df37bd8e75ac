"""The chain view on the real seed, on both engines: stages, layout, and the memo exports (SVG, PNG, CSV, print)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.views import chain as ch
from kennisgraaf.views import chain_render as cr
from kennisgraaf.views import network

REMOTE = re.compile(r"https?://|(?:src|href)\s*=\s*[\"']?//", re.IGNORECASE)
HOSTILE = "<script>alert(1)</script> & \"'><img src=x onerror=alert(1)>"


def vis_nodes(page: str) -> list[dict[str, object]]:
    """The node objects a vis-network page draws."""
    start = page.index("nodes = new vis.DataSet(") + len("nodes = new vis.DataSet(")
    return json.JSONDecoder().raw_decode(page[start:])[0]


def columns_of(chain: ch.Chain) -> dict[str, int]:
    return {n.id: n.column for n in chain.nodes.values()}


def test_measure_8_reads_gemeente_om_bevriezingsoverleg(loaded: Kennisgraaf) -> None:
    chain = loaded.chain("m08")
    assert chain is not None
    col = columns_of(chain)
    assert col["gemeente"] < col["om"] < col["bevriezingsoverleg"] < col["m08"]
    stages = {n.id: n.stage for n in chain.nodes.values()}
    assert stages["gemeente"] == "verzoek" and stages["om"] == "via" and stages["bevriezingsoverleg"] == "overleg"
    assert stages["minister-bz"] == "beslist" and stages["financien"] == "beslist"
    assert stages["kmar"] == "uitvoering" and "houdt toezicht / handhaaft" in chain.nodes["kmar"].roles
    assert stages["vn-vr-1373"] == "grondslag"
    assert chain.nodes["financien"].external and not chain.nodes["om"].external
    assert ch.node_text(chain.nodes["financien"]).endswith("(extern)")
    # the route of §4.4 is drawn as arrows, each with its source
    route = {(e.start, e.type, e.end): e for e in chain.edges}
    for key in (("gemeente", "SENDS_INFORMATION_TO", "om"), ("om", "SENDS_INFORMATION_TO", "bevriezingsoverleg")):
        assert route[key].source == "§4.4 Spanningsvelden"
    # context is counted, not drawn
    assert chain.context_counts()["Finding"] >= 2
    assert not any(n.label in ch.CONTEXT_KINDS for n in chain.nodes.values())
    assert chain.missing == []


def test_table_rows_follow_the_chain_and_carry_sources(loaded: Kennisgraaf) -> None:
    chain = loaded.chain("m08")
    assert chain is not None
    rows = ch.table_rows(chain)
    index = {(r["Van"].split(" (")[0], r["Naar"].split(" (")[0]): i for i, r in enumerate(rows)}
    first = index[("Gemeenten", "Openbaar Ministerie")]
    second = index[("Openbaar Ministerie", "Bevriezingsoverleg")]
    assert first < second
    assert all(r["Bron"] for r in rows)
    financien = next(r for r in rows if r["Van"].startswith("Ministerie van Financiën"))
    assert financien["Bron"] == "extern" and financien["Extern"] == "ja"


@pytest.mark.parametrize("measure", ["m27", "m11"])
def test_a_measure_without_executor_says_so(loaded: Kennisgraaf, measure: str) -> None:
    chain = loaded.chain(measure)
    assert chain is not None
    assert chain.missing == [ch.NO_EXECUTOR_TEXT]
    assert chain.nodes[ch.NO_EXECUTOR].name == "het rapport noemt geen uitvoerder"
    assert "het rapport noemt geen uitvoerder" in cr.svg(chain, "x", cr.layout(chain))


def test_burgemeester_is_consulted_and_the_minister_decides(loaded: Kennisgraaf) -> None:
    chain = loaded.chain("m11")
    assert chain is not None
    col = columns_of(chain)
    assert col["burgemeester"] < col["minister-venj"] < col["m11"]
    assert "wordt geraadpleegd" in chain.nodes["burgemeester"].roles


def test_forum_chain_and_missing_node(loaded: Kennisgraaf) -> None:
    chain = loaded.chain("casusoverleg")
    assert chain is not None
    assert chain.nodes["casusoverleg"].subject and chain.nodes["casus-inbrengen"].subject
    assert {"weegploeg", "toetsingsoverleg"} <= set(chain.nodes)
    assert loaded.chain("bestaat-niet") is None


@pytest.mark.parametrize("subject", ["m08", "casusoverleg", "ontheffing-bevriezing", "m27"])
def test_layout_never_overlaps_and_never_cuts_a_label(loaded: Kennisgraaf, subject: str) -> None:
    chain = loaded.chain(subject)
    assert chain is not None
    drawing = cr.layout(chain)
    boxes = list(drawing.boxes.items())
    assert {i for i, _ in boxes} == set(chain.nodes)
    for node_id, box in boxes:
        assert " ".join(box.lines) == ch.node_text(chain.nodes[node_id])  # wrapped, never shortened
        assert box.x - box.width / 2 >= 0 and box.x + box.width / 2 <= drawing.width
        assert box.y - box.height / 2 >= 0 and box.y + box.height / 2 <= drawing.height
    for i, (_, a) in enumerate(boxes):
        for _, b in boxes[i + 1 :]:
            apart = abs(a.x - b.x) >= (a.width + b.width) / 2 or abs(a.y - b.y) >= (a.height + b.height) / 2
            assert apart


def test_svg_png_csv_and_print_page(loaded: Kennisgraaf) -> None:
    chain = loaded.chain("m08")
    assert chain is not None
    drawing = cr.layout(chain)
    svg = cr.svg(chain, "Keten van maatregel 8", drawing)
    root = ET.fromstring(svg)
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for name in ("Gemeenten", "Openbaar Ministerie", "Bevriezingsoverleg", "(extern)", "Via of aan tafel"):
        assert name in texts
    titles = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}title"))
    assert "bron: §4.4 Spanningsvelden" in titles
    assert not REMOTE.search(svg.replace('xmlns="http://www.w3.org/2000/svg"', ""))

    png = cr.png(chain, "Keten van maatregel 8", drawing, scale=1.5)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size[0] == int(drawing.width * 1.5)
    assert len(image.convert("RGB").getcolors(maxcolors=100_000) or []) > 10  # something is drawn

    text = cr.csv_text(chain)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == ch.table_rows(chain)

    page = cr.print_html(chain, "Keten", drawing, ch.stage_lines(chain), chain.context_counts(), {})
    assert "<script" not in page.lower() and not REMOTE.search(page)
    assert "<svg" in page and "<table>" in page and "@page" in page


def test_every_text_is_escaped_in_every_output() -> None:
    subject = {"id": "m99", "label": "Measure", "name": HOSTILE}
    rows = [
        {
            "via": "m99", "via_label": "Measure", "start": "x", "start_label": "Organisation", "start_name": HOSTILE,
            "type": "EXECUTES", "end": "m99", "end_label": "Measure", "end_name": HOSTILE, "source": HOSTILE,
            "quote": HOSTILE, "external": False,
        }
    ]
    chain = ch.build_chain(subject, rows)
    drawing = cr.layout(chain)
    for output in (
        cr.svg(chain, HOSTILE, drawing),
        cr.svg_page(chain, drawing, HOSTILE),
        cr.print_html(chain, HOSTILE, drawing, ch.stage_lines(chain), {}, {}),
        cr.vis_html(chain, drawing),
    ):
        assert "<script>alert" not in output and "<img src=x" not in output
    ET.fromstring(cr.svg(chain, HOSTILE, drawing))  # still well-formed XML
    assert not REMOTE.search(cr.vis_html(chain, drawing))


def test_vis_picture_uses_the_layout_positions(loaded: Kennisgraaf) -> None:
    chain = loaded.chain("m08")
    assert chain is not None
    drawing = cr.layout(chain)
    page = cr.vis_html(chain, drawing)
    nodes = {n["id"]: n["x"] for n in vis_nodes(page)}
    assert nodes["gemeente"] < nodes["om"] < nodes["bevriezingsoverleg"]
    assert nodes["om"] == pytest.approx(drawing.boxes["om"].x)
    assert "ResizeObserver" in page


def test_neighbourhood_at_depth_2_is_limited_and_connected(loaded: Kennisgraaf) -> None:
    rows = loaded.query("entity.neighbourhood", {"id": "casusoverleg", "depth": 2, "types": []})
    full = network.from_neighbourhood(rows, network.GraphNode("casusoverleg", "Forum", "Lokaal casusoverleg"))
    assert len(full.nodes) > 100
    shown, hidden = network.limit(full)
    assert len(shown.nodes) <= network.MAX_NODES
    assert sum(hidden.values()) == len(full.nodes) - len(shown.nodes)
    assert {n.label for n in shown.nodes.values()} & {"Organisation", "Forum", "Measure"}
    reach = {"casusoverleg"}
    for _ in range(3):
        reach |= {e.end for e in shown.edges if e.start in reach} | {e.start for e in shown.edges if e.end in reach}
    assert reach == set(shown.nodes)
    more, _ = network.limit(full, show_all={"Finding"})
    assert network.count_kind(more, "Finding") > network.count_kind(shown, "Finding")


def test_labels_are_wrapped_not_cut() -> None:
    name = "Artikel 8 aanhef en onder e Wet bescherming persoonsgegevens (Wbp), een lange naam"
    assert network.wrap_label(name).replace("\n", " ") == name
    graph = network.Graph()
    graph.add_node("x", "LegalBasis", name)
    assert "een lange naam" in network.render_html(graph, "")


def test_chains_between_fall_back_to_a_longer_chain(loaded: Kennisgraaf) -> None:
    near = loaded.chains_between("gemeente", "bevriezingsoverleg")
    assert [n["id"] for n in near[0]["nodes"]] == ["gemeente", "om", "bevriezingsoverleg"]
    # measure 27 is five steps from art. 39f Wjsg: no chain of at most four, so the longer one is used
    assert loaded.query("entity.chain", {"from": "art-39f-wjsg", "to": "m27"}) == []
    far = loaded.chains_between("art-39f-wjsg", "m27")
    assert far and far[0]["hops"] == 5
    assert far[0]["nodes"][0]["id"] == "art-39f-wjsg" and far[0]["nodes"][-1]["id"] == "m27"
