"""Onboarding casusoverleg: een leerpad voor wie nieuw aan tafel zit."""

from __future__ import annotations

from typing import Any

import streamlit as st
from kg_ui import cached_query, entity_link, entity_links, esc, get_kg, page_link, paragraphs, source_line

INFORMATION_LAWS = ("wjsg", "wpg", "wbp", "modelconvenant-2017")


def one(query_id: str, node_id: str) -> dict[str, Any] | None:
    rows = cached_query(query_id, {"id": node_id})
    return rows[0] if rows else None


def step(number: int, title: str) -> None:
    st.header(f"{number}. {title}", anchor=False, divider="gray")


kg = get_kg()
st.title("Nieuw in het casusoverleg")
st.markdown("Een leerpad in zeven stappen, alles uit het rapport van de Inspectie VenJ (2017) met bronvermelding.")

forum = one("forum.detail", "casusoverleg")
if forum is None:
    st.warning("Het casusoverleg staat (nog) niet in de kennisbank.")
    st.stop()

step(1, "Wat is het casusoverleg?")
st.markdown(paragraphs(forum.get("summary")))
st.info(f"**Wat het casusoverleg doet:** {paragraphs(forum.get('decides'))}", icon=":material/gavel:")
source_line(forum.get("source"), forum.get("quote"))
entity_links([{**h, "label": "Organisation"} for h in forum.get("hosted_at") or []], "Ondergebracht bij")
page_link("overleggen", "Alles over het casusoverleg", {"id": "casusoverleg"}, icon=":material/groups:")

step(2, "Wie zit er aan tafel?")
participants = forum.get("participants") or []
left, right = st.columns(2)
with left:
    entity_links([p for p in participants if p.get("how") == "structureel"], "Structureel")
with right:
    entity_links([p for p in participants if p.get("how") != "structureel"], "Casusafhankelijk")
procedure = cached_query("procedure.steps", {"id": "casus-inbrengen"})
procedure = [s for s in procedure if s.get("procedure_id") == "casus-inbrengen"]
if procedure:
    st.markdown(f"**{esc(procedure[0].get('procedure'))}**")
    st.markdown(
        "\n".join(
            f"{s.get('order')}. {esc(s.get('action'))}" for s in sorted(procedure, key=lambda s: s.get("order") or 0)
        )
    )

step(3, "Welke maatregelen kan het casusoverleg inzetten?")
st.caption(
    "In de volgorde van het rapport (Bijlage I). De uitvoering blijft bij de organisatie die daartoe bevoegd is."
)
measures = sorted(
    (m for m in forum.get("coordinates") or [] if m.get("label") == "Measure"), key=lambda m: m.get("number") or 0
)
for m in measures:
    entity_link(m, show_kind=False)

step(4, "Informatie delen: wat mag, en op welke grondslag?")
st.markdown(
    "Persoonsgegevens delen in het casusoverleg vraagt per geval een afweging. Deze wetten en het "
    "modelconvenant bepalen de kaders:"
)
for law_id in INFORMATION_LAWS:
    law = one("legal.detail", law_id)
    if law is None:
        continue
    with st.container(border=True):
        entity_link({**law, "label": "LegalBasis"}, show_kind=False)
        st.markdown(paragraphs(law.get("summary")))
        source_line(law.get("source"), law.get("quote"), law.get("source_url"))
entity_links([{**t, "label": "Tension"} for t in forum.get("tensions") or []], "Spanningsvelden rond het casusoverleg")

step(5, "Weegploeg en toetsingsoverleg")
cols = st.columns(2)
for column, forum_id in zip(cols, ("weegploeg", "toetsingsoverleg"), strict=True):
    other = one("forum.detail", forum_id)
    if other is None:
        continue
    with column, st.container(border=True):
        entity_link({**other, "label": "Forum"}, show_kind=False)
        st.markdown(paragraphs(other.get("summary")))
        st.markdown(f"**Besluit:** {paragraphs(other.get('decides'))}")
        source_line(other.get("source"), other.get("quote"))

step(6, "Good practices")
practices = cached_query("conclusion.list", {"kind": "GoodPractice"})
if not practices:
    st.caption("Er staan nog geen good practices in de kennisbank.")
for practice in practices:
    with st.container(border=True):
        st.markdown(f"**{esc(practice.get('name'))}**")
        st.markdown(paragraphs(practice.get("summary")))
        entity_links(practice.get("concerns") or [], "Betreft")
        source_line(practice.get("source"), practice.get("quote"))

step(7, "Begrippen")
st.markdown("Afkortingen en vakjargon (RIEC, CTER, weegploeg, achterblijvers …) staan in de begrippenlijst.")
page_link("begrippen", "Naar de begrippenlijst", icon=":material/menu_book:")
