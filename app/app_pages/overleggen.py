"""Overleggen: wie er aan tafel zit, wat er besloten wordt en welke maatregelen er worden afgestemd."""

from __future__ import annotations

import streamlit as st
from kg_chain import chain_section
from kg_ui import (
    aliases,
    cached_query,
    detail_row,
    entity_links,
    esc,
    get_kg,
    page_link,
    paragraphs,
    picker,
    report_source_link,
    source_line,
    table,
)


def detail(forum_id: str) -> None:
    f = detail_row("forum.detail", forum_id, "Overleg")
    if f is None:
        return
    st.header(f.get("name") or forum_id, anchor=False)
    st.markdown(paragraphs(f.get("summary")))
    aliases(f.get("aliases"))
    if f.get("decides"):
        st.info(f"**Wat hier besloten wordt:** {paragraphs(f['decides'])}", icon=":material/gavel:")
    source_line(f.get("source"), f.get("quote"))
    left, right = st.columns(2, gap="large")
    participants = f.get("participants") or []
    with left:
        entity_links([p for p in participants if p.get("how") == "structureel"], "Structureel aan tafel")
        entity_links([p for p in participants if p.get("how") == "incidenteel"], "Casusafhankelijk (incidenteel)")
        entity_links([p for p in participants if p.get("how") not in ("structureel", "incidenteel")], "Deelnemers")
        entity_links([{**h, "label": "Organisation"} for h in f.get("hosted_at") or []], "Ondergebracht bij")
        entity_links([{**o, "label": "Organisation"} for o in f.get("organisers") or []], "Georganiseerd door")
        entity_links([{**p, "label": "Forum"} for p in f.get("part_of") or []], "Onderdeel van")
    with right:
        coordinated = sorted(
            f.get("coordinates") or [], key=lambda m: (m.get("label") != "Measure", m.get("number") or 0)
        )
        entity_links(coordinated, "Maatregelen en procedures die hier worden afgestemd")
        steps = f.get("procedure_steps") or []
        if steps:
            st.markdown("**Stappen van procedures in dit overleg**")
            for s in steps:
                st.markdown(f"- {esc(s.get('name'))}, stap {s.get('step')}: {esc(s.get('action'))}")
        entity_links(
            [{**t, "label": "Tension"} for t in f.get("tensions") or []], "Spanningsvelden die hier worden opgelost"
        )
        entity_links([{**lb, "label": "LegalBasis"} for lb in f.get("legal_bases") or []], "Wettelijke grondslagen")
    chain_section(f["id"], key="overleg", link=True, interactive=False)
    findings = f.get("findings") or []
    if findings:
        st.subheader("Bevindingen", anchor=False)
        for x in findings:
            st.markdown(f"- **{esc(x.get('name'))}**: {esc(x.get('summary'))} ({esc(x.get('source'))})")
            report_source_link(x.get("source"), x.get("quote"))
    page_link("keten", "Bekijk in de graaf", {"id": f["id"]}, icon=":material/hub:")


kg = get_kg()
st.title("Overleggen")
all_rows = cached_query("forum.list")
choice = picker("Overleg bekijken", all_rows)
if choice:
    detail(str(choice["id"]))
    st.divider()
with st.expander("Alle overleggen", expanded=not choice, icon=":material/list:"):
    table(
        [
            {
                "Overleg": r.get("name"),
                "Besluit of bespreekt": r.get("decides"),
                "Ondergebracht bij": r.get("hosted_at") or [],
                "Deelnemers": r.get("participants"),
            }
            for r in all_rows
        ]
    )
