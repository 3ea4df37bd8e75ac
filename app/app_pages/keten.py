"""Verantwoordelijkheidsketen: de keten van een maatregel, procedure of overleg als proces, de omgeving van een knoop,
en de beste ketens tussen twee knopen."""

from __future__ import annotations

from typing import Any

import streamlit as st
from kg_chain import chain_alternatives, chain_section
from kg_ui import cached_query, entity_link, esc, get_kg, not_found, param, picture, set_param

from kennisgraaf.schema import LEXICAL, RELATIONSHIPS
from kennisgraaf.views import network
from kennisgraaf.views.chain import SUBJECT_KINDS
from kennisgraaf.views.labels import CHAIN_PAGE, display_name, label_nl, page_for, relation_nl
from kennisgraaf.views.measures import fold

VIEWS = {"keten": "Keten (wie doet wat)", "omgeving": "Omgeving", "tussen": "Tussen twee knopen"}
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


def neighbourhood(nodes: dict[str, dict[str, Any]], center: str) -> None:
    c1, c2 = st.columns([1, 3])
    with c1:
        depth_param = param("diepte")
        depth = st.slider("Diepte", 1, 3, int(depth_param) if depth_param in ("1", "2", "3") else 1)
        set_param("diepte", str(depth) if depth != 1 else None)
    with c2:
        chosen_types = [t for t in (param("types") or "").split(",") if t in CURATED_TYPES]
        types = st.multiselect(
            "Relatietypen (leeg = alle)",
            CURATED_TYPES,
            default=chosen_types,
            format_func=relation_nl,
            placeholder="Alle",
        )
        set_param("types", ",".join(types) or None)
    rows = cached_query("entity.neighbourhood", {"id": center, "depth": depth, "types": types})
    node = nodes[center]
    graph = network.from_neighbourhood(rows, network.GraphNode(center, node["label"], node["name"]), names=NAMES)
    wanted = [k for k in (param("meer") or "").split(",") if k]
    shown, hidden = network.limit(graph, max_nodes=network.MAX_NODES, show_all=set(wanted))
    if hidden:
        st.caption(
            f"Voor de leesbaarheid zijn ten hoogste ongeveer {network.MAX_NODES} knopen getekend, gegroepeerd per "
            "soort. Niet getekend: " + ", ".join(f"{n} × {esc(label_nl(k))}" for k, n in hidden.items()) + "."
        )
    kinds = sorted(set(hidden) | set(wanted) & set(graph.kinds()), key=label_nl)
    if kinds:
        more = st.pills(
            "Toon meer",
            kinds,
            selection_mode="multi",
            default=[k for k in wanted if k in kinds],
            format_func=lambda k: f"alle {label_nl(k).lower()} ({network.count_kind(graph, k)})",
            key="toon-meer",
        )
        set_param("meer", ",".join(more or []) or None)
    heading = f"Omgeving van {display_name(node)} (diepte {depth})"
    if page_for(node.get("label"), center)[0] != CHAIN_PAGE:
        entity_link(node, " — details")
    picture(shown, heading, f"omgeving-{center}.html", key="omgeving")


def between(nodes: dict[str, dict[str, Any]], start: str | None) -> None:
    c1, c2 = st.columns(2)
    with c1:
        start = node_picker("Van", nodes, "van", default=start)
    with c2:
        end = node_picker("Naar", nodes, "naar")
    if not start or not end:
        st.caption("Kies twee knopen om te zien hoe ze samenhangen: eerst via wie wat doet (organisaties, overleggen).")
        return
    if start == end:
        st.info("Kies twee verschillende knopen.")
        return
    rows = get_kg().chains_between(start, end)
    if not rows:
        st.info("Er is geen keten van hooguit zes stappen tussen deze twee knopen gevonden.")
        return
    alternatives = chain_alternatives(rows)
    labels = [f"Keten {i}" + (" (beste)" if i == 1 else "") + f": {r['hops']} stap(pen)" for i, r in enumerate(rows, 1)]
    chosen = st.radio("Ketens, de beste eerst", range(len(rows)), format_func=lambda i: labels[i], horizontal=True)
    chosen = chosen or 0
    st.markdown("\n".join(f"{i}. {esc(step)}" for i, step in enumerate(alternatives[chosen], 1)))
    if len(rows) > 1:
        with st.expander("Alle getoonde ketens als tekst"):
            for i, sentences in enumerate(alternatives, 1):
                st.markdown(f"**Keten {i}**\n\n" + "\n".join(f"{j}. {esc(s)}" for j, s in enumerate(sentences, 1)))
    graph = network.from_chain([rows[chosen]], names=NAMES)
    heading = f"Keten van {display_name(nodes[start])} naar {display_name(nodes[end])}"
    picture(graph, heading, f"keten-{start}-{end}.html", key="keten", height=380)


st.title("Verantwoordelijkheidsketen")
st.caption(
    "Wie verzoekt, wie beslist, wie voert uit, wie houdt toezicht, in welk overleg en op welke grondslag — "
    "elke relatie met de vindplaats in het rapport."
)
all_nodes = {str(r["id"]): r for r in cached_query("entity.all")}
NAMES = {i: display_name(n) for i, n in all_nodes.items() if n.get("label") == "Measure"}
center = node_picker("Maatregel, procedure, overleg of andere knoop", all_nodes, "id", default="m08")
kind = all_nodes[center]["label"] if center in all_nodes else None
default_view = "tussen" if param("van") or param("naar") else ("keten" if kind in SUBJECT_KINDS else "omgeving")
view_param = param("weergave")
view = st.segmented_control(
    "Weergave",
    list(VIEWS),
    default=view_param if view_param in VIEWS else default_view,
    format_func=VIEWS.__getitem__,
    key="weergave-keuze",
)
view = view or default_view
set_param("weergave", view if view != default_view else None)

if view == "keten":
    if center and kind in SUBJECT_KINDS:
        chain_section(center, key="keten-pagina")
    elif center:
        st.info(
            f"{display_name(all_nodes[center])} is een {label_nl(kind).lower()}: een keten (wie doet wat) is er "
            "voor maatregelen, procedures en overleggen. Kies hierboven 'Omgeving' of 'Tussen twee knopen'."
        )
elif view == "omgeving" and center:
    neighbourhood(all_nodes, center)
elif view == "tussen":
    between(all_nodes, center)
