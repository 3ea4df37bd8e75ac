"""Organisaties: organisaties en rollen, en per organisatie haar maatregelen, overleggen en informatiestromen."""

from __future__ import annotations

from typing import Any

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

from kennisgraaf.views.labels import ACTOR_RELATIONS_NL, label_nl
from kennisgraaf.views.measures import fold


def detail(org_id: str) -> None:
    o = detail_row("organisation.detail", org_id, "Organisatie")
    if o is None:
        return
    abbreviation = f" ({o['abbreviation']})" if o.get("abbreviation") else ""
    st.header(f"{o.get('name')}{abbreviation}", anchor=False)
    st.markdown(" ".join(f":blue-badge[{esc(x)}]" for x in (label_nl(o.get("label")), o.get("kind")) if x))
    st.markdown(paragraphs(o.get("summary")))
    aliases(o.get("aliases"))
    source_line(o.get("source"), o.get("quote"), o.get("source_url"))

    left, right = st.columns(2, gap="large")
    with left:
        for relation, dutch in ACTOR_RELATIONS_NL.items():
            group = [{"label": "Organisation", **p} for p in o.get("parents") or [] if p.get("relation") == relation]
            entity_links(group, dutch)
        entity_links(o.get("parts") or [], "Onderdelen en rollen")
        entity_links([{"label": "Organisation", **x} for x in o.get("subordinates") or []], "Daaronder vallen")
        measures = o.get("measures") or []
        if measures:
            st.markdown("##### Maatregelen en procedures")
            for relation, dutch in ACTOR_RELATIONS_NL.items():
                entity_links([m for m in measures if m.get("relation") == relation], dutch)
    with right:
        entity_links([{**f, "label": "Forum"} for f in o.get("forums") or []], "Neemt deel aan")
        entity_links(o.get("organises") or [], "Organiseert")
        entity_links([{**f, "label": "Forum"} for f in o.get("hosts") or []], "Hier ondergebracht")
        entity_links(o.get("sends_to") or [], "Verstrekt informatie aan")
        entity_links(o.get("receives_from") or [], "Krijgt informatie van")
        entity_links([{**t, "label": "Training"} for t in o.get("trainings") or []], "Biedt opleidingen aan")
        entity_links([{**lb, "label": "LegalBasis"} for lb in o.get("legal_bases") or []], "Wettelijke grondslagen")
    if o.get("external_facts"):
        st.subheader("Na het rapport", anchor=False)
        external_facts(o["external_facts"])
    page_link("keten", "Bekijk in de graaf", {"id": o["id"]}, icon=":material/hub:")


def listing(rows: list[dict[str, Any]]) -> None:
    text = st.text_input("Zoeken", key="o_tekst", placeholder="Naam of afkorting, bijvoorbeeld OM of NCTV")
    kinds = st.segmented_control("Soort", ["Organisatie", "Rol"], selection_mode="multi", key="o_soort")
    shown = [
        r
        for r in rows
        if (not kinds or label_nl(r.get("label")) in kinds)
        and all(
            w in fold(f"{r.get('name')} {r.get('abbreviation') or ''} {r.get('summary') or ''}")
            for w in fold(text or "").split()
        )
    ]
    st.markdown(f"{len(shown)} van {len(rows)}")
    table(
        [
            {
                "Naam": r.get("name"),
                "Afkorting": r.get("abbreviation") or "",
                "Soort": label_nl(r.get("label")),
                "Type": r.get("kind") or "",
                "Onderdeel van": r.get("part_of") or [],
                "Maatregelen": r.get("measures"),
            }
            for r in shown
        ],
        height=320,
    )


kg = get_kg()
st.title("Organisaties en rollen")
all_rows = cached_query("organisation.list")
choice = picker(
    "Organisatie bekijken",
    sorted(all_rows, key=lambda r: fold(r["name"])),
    fmt=lambda r: r["name"] + (f" ({r['abbreviation']})" if r.get("abbreviation") else ""),
)
if choice:
    detail(str(choice["id"]))
    st.divider()
with st.expander("Alle organisaties en rollen", expanded=not choice, icon=":material/list:"):
    listing(all_rows)
