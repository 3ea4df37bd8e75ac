"""Verantwoordelijkheidsketen: de omgeving van een knoop als plaatje, en de kortste keten tussen twee knopen."""

from __future__ import annotations

from typing import Any

import streamlit as st
from kg_ui import cached_query, entity_link, esc, not_found, param, picture, set_param

from kennisgraaf.schema import LEXICAL, RELATIONSHIPS
from kennisgraaf.views import network
from kennisgraaf.views.labels import CHAIN_PAGE, display_name, label_nl, page_for, relation_nl
from kennisgraaf.views.measures import fold

CURATED_TYPES = [t for t in RELATIONSHIPS if t not in LEXICAL]  # pictures never run over the report's passages


def node_picker(label: str, nodes: dict[str, dict[str, Any]], name: str, default: str | None = None) -> str | None:
    ids = sorted(
        nodes, key=lambda i: (label_nl(nodes[i]["label"]), nodes[i].get("number") or 0, fold(nodes[i]["name"] or i))
    )
    current = param(name) or default
    if current and current not in nodes:
        not_found("Knoop", current)
    chosen = st.selectbox(
        label,
        ids,
        index=ids.index(current) if current in nodes else None,
        placeholder="Kies een knoop",
        format_func=lambda i: f"{display_name(nodes[i])} ({label_nl(nodes[i]['label'])})",
    )
    set_param(name, chosen)
    return chosen


def neighbourhood(nodes: dict[str, dict[str, Any]]) -> None:
    st.subheader("Omgeving van een knoop", anchor=False)
    c1, c2, c3 = st.columns([3, 1, 3])
    with c1:
        center = node_picker("Knoop", nodes, "id", default="casusoverleg")
    with c2:
        depth_param = param("diepte")
        depth = st.slider("Diepte", 1, 3, int(depth_param) if depth_param in ("1", "2", "3") else 1)
        set_param("diepte", str(depth) if depth != 1 else None)
    with c3:
        chosen_types = [t for t in (param("types") or "").split(",") if t in CURATED_TYPES]
        types = st.multiselect(
            "Relatietypen (leeg = alle)",
            CURATED_TYPES,
            default=chosen_types,
            format_func=relation_nl,
            placeholder="Alle",
        )
        set_param("types", ",".join(types) or None)
    if not center:
        return
    rows = cached_query("entity.neighbourhood", {"id": center, "depth": depth, "types": types})
    node = nodes[center]
    graph = network.from_neighbourhood(rows, network.GraphNode(center, node["label"], node["name"]), names=NAMES)
    heading = f"Omgeving van {display_name(node)} (diepte {depth})"
    if page_for(node.get("label"), center)[0] != CHAIN_PAGE:
        entity_link(node, " — details")
    picture(graph, heading, f"omgeving-{center}.html", key="omgeving")


def chain(nodes: dict[str, dict[str, Any]]) -> None:
    st.subheader("Kortste keten tussen twee knopen", anchor=False)
    c1, c2 = st.columns(2)
    with c1:
        start = node_picker("Van", nodes, "van")
    with c2:
        end = node_picker("Naar", nodes, "naar")
    if not start or not end:
        st.caption("Kies twee knopen om de kortste keten (maximaal zes stappen) te zien.")
        return
    if start == end:
        st.info("Kies twee verschillende knopen.")
        return
    graph = network.from_chain(cached_query("entity.chain", {"from": start, "to": end}), names=NAMES)
    if not graph.edges:
        st.info("Er is geen keten van hooguit zes stappen tussen deze twee knopen gevonden.")
        return
    steps = network.chain_steps(graph)
    st.markdown("\n".join(f"{i}. {esc(step)}" for i, step in enumerate(steps, 1)))
    heading = f"Keten van {display_name(nodes[start])} naar {display_name(nodes[end])}"
    picture(graph, heading, f"keten-{start}-{end}.html", key="keten", height=420)


st.title("Verantwoordelijkheidsketen")
st.caption(
    "Wie is waarvoor verantwoordelijk, wie beslist, waar wordt afgestemd — als netwerk van relaties, "
    "elk met de vindplaats in het rapport."
)
all_nodes = {str(r["id"]): r for r in cached_query("entity.all")}
NAMES = {i: display_name(n) for i, n in all_nodes.items() if n.get("label") == "Measure"}
neighbourhood(all_nodes)
st.divider()
chain(all_nodes)
