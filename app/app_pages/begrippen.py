"""Begrippen: de begrippenlijst (afkortingen van Bijlage III, definities van §2.1 en vaktaal), doorzoekbaar.

?id=… opent één begrip bovenaan; ?q=… zoekt. Elk begrip is één blok tekst (met gewone links), zodat de lijst
van bijna honderd begrippen snel opnieuw getekend wordt."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import streamlit as st
from kg_ui import cached_query, esc, not_found, paragraphs, param, set_param

from kennisgraaf.views.labels import display_name, label_nl, page_for
from kennisgraaf.views.measures import fold


def term_text(term: dict[str, Any]) -> str:
    """A term as one Markdown block: definition, what it is about (links), source and its own link."""
    parts = [paragraphs(term.get("definition"))]
    about = []
    for node in term.get("about") or []:
        target, params = page_for(node.get("label"), str(node.get("id")))
        kind = f" ({label_nl(node.get('label'))})" if node.get("label") else ""
        about.append(f"[{esc(display_name(node) or node.get('id'))}{esc(kind)}]({target}?{urlencode(params)})")
    if about:
        parts.append("**Gaat over:** " + "; ".join(about))
    if term.get("source"):
        quote = f" — „{esc(term['quote'])}”" if term.get("quote") else ""
        parts.append(f"Bron: **{esc(term['source'])}**{quote}")
    parts.append(f"[Link naar {esc(term['name'])}](begrippen?{urlencode({'id': term['id']})})")
    return "\n\n".join(parts)


def title_of(term: dict[str, Any]) -> str:
    aliases = [a for a in term.get("aliases") or [] if a != term.get("name")]
    return term["name"] + (f" — {', '.join(aliases[:3])}" if aliases else "")


st.title("Begrippen")
terms = cached_query("term.list")
by_id = {str(t["id"]): t for t in terms}
opened = param("id")
if opened and opened in by_id:
    with st.container(border=True):
        st.subheader(title_of(by_id[opened]), anchor=False)
        st.markdown(term_text(by_id[opened]))
elif opened:
    not_found("Begrip", opened)

initial = param("q") or ""
text = st.text_input("Zoeken in de begrippen", value=initial, placeholder="Bijvoorbeeld RIEC, weegploeg of uitreiziger")
set_param("q", text.strip() or None)
words = fold(text).split()
shown = [
    t
    for t in terms
    if t["id"] != opened
    and all(
        w in fold(" ".join([t.get("name") or "", t.get("definition") or "", *(t.get("aliases") or [])])) for w in words
    )
]
if words and not shown:
    st.info(f"Geen begrip gevonden voor „{esc(text.strip())}”. Probeer een ander woord of een afkorting.")
opened_note = " (het geopende begrip staat bovenaan)" if opened in by_id else ""
st.markdown(f"{len(shown)} van {len(terms)} begrippen{opened_note}")
for term in shown:
    with st.expander(title_of(term), expanded=len(shown) <= 3):
        st.markdown(term_text(term))
