"""Wetgeving: wetten, artikelen, resoluties en convenanten, en wat erop rust."""

from __future__ import annotations

import streamlit as st
from kg_ui import (
    aliases,
    cached_query,
    detail_row,
    entity_links,
    esc,
    external_facts,
    get_kg,
    page_link,
    paragraphs,
    picker,
    source_line,
    table,
)

from kennisgraaf.views.measures import fold


def detail(legal_id: str) -> None:
    lb = detail_row("legal.detail", legal_id, "Wettelijke grondslag")
    if lb is None:
        return
    st.header(lb.get("name") or legal_id, anchor=False)
    meta = [x for x in (lb.get("law"), lb.get("article")) if x]
    if meta:
        st.markdown(" · ".join(f"*{esc(x)}*" for x in meta))
    if lb.get("source") == "external":
        st.markdown(":orange-badge[Extern (sinds 2017): niet uit het rapport]")
    st.markdown(paragraphs(lb.get("summary")))
    aliases(lb.get("aliases"))
    source_line(lb.get("source"), lb.get("quote"), lb.get("source_url"))
    left, right = st.columns(2, gap="large")
    with left:
        entity_links([{**p, "label": "LegalBasis"} for p in lb.get("part_of") or []], "Onderdeel van")
        entity_links([{**a, "label": "LegalBasis"} for a in lb.get("articles") or []], "Artikelen")
    with right:
        used_by = sorted(lb.get("used_by") or [], key=lambda x: (x.get("label") or "", x.get("number") or 0))
        entity_links(used_by, "Wat hierop rust", empty="Het rapport noemt niets dat hierop rust.")
        entity_links([{**n, "label": "LegalBasis"} for n in lb.get("superseded_by") or []], "Vervangen door")
    if lb.get("external_facts"):
        st.subheader("Na het rapport", anchor=False)
        external_facts(lb["external_facts"])
    page_link("keten", "Bekijk in de graaf", {"id": lb["id"]}, icon=":material/hub:")


kg = get_kg()
st.title("Wetgeving en grondslagen")
all_rows = cached_query("legal.list")
choice = picker("Grondslag bekijken", sorted(all_rows, key=lambda r: fold(r["name"])))
if choice:
    detail(str(choice["id"]))
    st.divider()
with st.expander("Alle grondslagen", expanded=not choice, icon=":material/list:"):
    text = st.text_input("Zoeken", key="w_tekst", placeholder="Bijvoorbeeld Wpg of paspoort")
    shown = [
        r
        for r in all_rows
        if all(w in fold(f"{r.get('name')} {r.get('law')} {r.get('summary')}") for w in fold(text).split())
    ]
    table(
        [
            {
                "Naam": r.get("name"),
                "Wet": r.get("law"),
                "Artikel": r.get("article") or "",
                "Onderdeel van": r.get("part_of") or [],
                "Gebruikt door": r.get("used_by"),
                "Extern": "ja" if r.get("external") else "",
            }
            for r in shown
        ],
        height=320,
    )
