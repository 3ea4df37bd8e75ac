"""Begrippen: de begrippenlijst (afkortingen van Bijlage III, definities van §2.1 en vaktaal), doorzoekbaar."""

from __future__ import annotations

import streamlit as st
from kg_ui import cached_query, entity_links, esc, get_kg, page_link, paragraphs, param, set_param, source_line

from kennisgraaf.views.measures import fold

kg = get_kg()
st.title("Begrippen")
terms = cached_query("term.list")
opened = param("id")
initial = param("q") or ""
text = st.text_input("Zoeken", value=initial, placeholder="Bijvoorbeeld RIEC, weegploeg of uitreiziger")
set_param("q", text.strip() or None)
words = fold(text).split()
shown = [
    t
    for t in terms
    if t["id"] == opened
    or all(
        w in fold(" ".join([t.get("name") or "", t.get("definition") or "", *(t.get("aliases") or [])])) for w in words
    )
]
st.markdown(f"{len(shown)} van {len(terms)} begrippen")
for term in shown:
    aliases = [a for a in term.get("aliases") or [] if a != term.get("name")]
    title = term["name"] + (f" — {', '.join(aliases[:3])}" if aliases else "")
    with st.expander(title, expanded=term["id"] == opened or len(shown) <= 3):
        st.markdown(paragraphs(term.get("definition")))
        entity_links(term.get("about") or [], "Gaat over")
        source_line(term.get("source"), term.get("quote"))
        page_link("begrippen", f"Link naar {esc(term['name'])}", {"id": term["id"]}, icon=":material/link:")
