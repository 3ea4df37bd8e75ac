"""Spanningsvelden: maatregelen die elkaar kunnen tegenwerken, als matrix en per spanningsveld met oplossing en bron."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from kg_ui import cached_query, entity_links, esc, page_link, paragraphs, param, picture, source_line

from kennisgraaf.views import network
from kennisgraaf.views.labels import display_name


def short_name(item: dict[str, Any]) -> str:
    if item.get("label") == "Measure":
        return f"{item.get('number')}. {item.get('short_name') or item.get('name')}"
    return str(item.get("name"))


def column_name(item: dict[str, Any]) -> str:
    if item.get("label") == "Measure":
        return f"M{item.get('number')}"
    name = str(item.get("short_name") or item.get("name"))
    return name if len(name) <= 14 else name[:13] + "…"


def matrix(tensions: list[dict[str, Any]]) -> pd.DataFrame:
    """Measures (and laws) × measures: in each cell the tensions between the two."""
    items: dict[str, dict[str, Any]] = {}
    for t in tensions:
        for item in t.get("between") or []:
            items[item["id"]] = item
    order = sorted(
        items, key=lambda i: (items[i].get("label") != "Measure", items[i].get("number") or 0, short_name(items[i]))
    )
    names = [short_name(items[i]) for i in order]
    columns = [column_name(items[i]) for i in order]
    cells: dict[tuple[str, str], list[str]] = {}
    for number, t in enumerate(tensions, 1):
        ids = [b["id"] for b in t.get("between") or []]
        for a in ids:
            for b in ids:
                if a != b:
                    cells.setdefault((a, b), []).append(f"S{number}")
    data = [[", ".join(cells.get((a, b), [])) for b in order] for a in order]
    return pd.DataFrame(data, index=names, columns=columns)


def graph_of(tensions: list[dict[str, Any]]) -> network.Graph:
    graph = network.Graph()
    for t in tensions:
        graph.add_node(t["id"], "Tension", t["name"])
        for item in t.get("between") or []:
            graph.add_node(item["id"], item.get("label"), display_name(item))  # 'Maatregel 8: bevriezingsmaatregel'
            graph.add_edge(network.GraphEdge(t["id"], "BETWEEN", item["id"], t.get("source")))
        for place in t.get("resolved_in") or []:
            graph.add_node(place["id"], place.get("label"), place.get("name"))
            graph.add_edge(network.GraphEdge(t["id"], "RESOLVED_IN", place["id"], t.get("source")))
    return graph


st.title("Spanningsvelden")
st.caption("Maatregelen die elkaar kunnen tegenwerken (§4.4 van het rapport), hoe de praktijk dat oplost en waar.")
tensions = cached_query("tension.list")
opened = param("id")

tab_matrix, tab_graph = st.tabs(["Matrix", "Graaf"])
with tab_matrix:
    st.markdown(
        "Een cel noemt de spanningsvelden (S1, S2, …) tussen de maatregel van de rij en die van de kolom "
        "(M8 = maatregel 8). De spanningsvelden zelf staan onder de matrix."
    )
    grid = matrix(tensions)
    st.dataframe(grid, width="stretch", height=min(38 * (len(grid) + 1) + 3, 900))
with tab_graph:
    picture(graph_of(tensions), "Spanningsvelden tussen maatregelen", "spanningsvelden.html", key="spanningen")

st.subheader("Alle spanningsvelden", anchor=False)
for number, t in enumerate(tensions, 1):
    with st.expander(f"S{number}. {t['name']}", expanded=t["id"] == opened):
        st.markdown(paragraphs(t.get("summary")))
        if t.get("resolution"):
            st.success(f"**Oplossing in de praktijk:** {paragraphs(t['resolution'])}", icon=":material/handshake:")
        entity_links(t.get("between") or [], "Tussen")
        entity_links(t.get("resolved_in") or [], "Wordt opgelost in")
        source_line(t.get("source"), t.get("quote"))
        page_link(
            "spanningsvelden", f"Link naar dit spanningsveld ({esc(t['id'])})", {"id": t["id"]}, icon=":material/link:"
        )
