"""Maatregelen: de 38 maatregelen als filtertabel, en per maatregel alles wat het rapport erover zegt."""

from __future__ import annotations

from typing import Any

import streamlit as st
from kg_chain import chain_section
from kg_ui import (
    aliases,
    cached_query,
    detail_row,
    entity_link,
    entity_links,
    esc,
    external_facts,
    get_kg,
    page_link,
    paragraphs,
    picker,
    report_source_link,
    source_line,
    table,
)

from kennisgraaf.views import measures as mv
from kennisgraaf.views.labels import ACTOR_RELATIONS_NL, label_nl


def filters(rows: list[dict[str, Any]]) -> list[Any]:
    opts = mv.options(rows)
    with st.container(border=True):
        text = st.text_input("Zoeken in naam, samenvatting en synoniemen", key="m_tekst")
        c1, c2, c3 = st.columns(3)
        themes = c1.multiselect("Thema", opts["themes"], key="m_thema", placeholder="Alle")
        organisations = c2.multiselect("Organisatie", opts["organisations"], key="m_org", placeholder="Alle")
        forums = c3.multiselect("Overleg", opts["forums"], key="m_overleg", placeholder="Alle")
        c4, c5, c6 = st.columns(3)
        legal = c4.multiselect("Wettelijke grondslag", opts["legal_bases"], key="m_wet", placeholder="Alle")
        inspected = c5.segmented_control("Onderzocht door de Inspectie", ["ja", "nee"], key="m_onderzocht")
        approaches = c6.multiselect("Aanpak", list(mv.APPROACHES), key="m_aanpak", placeholder="Alle")
    return mv.filter_measures(
        rows,
        themes=themes,
        organisations=organisations,
        forums=forums,
        legal_bases=legal,
        inspected=None if inspected is None else inspected == "ja",
        approaches=approaches,
        text=text,
    )


def procedure_steps(procedure: dict[str, Any]) -> None:
    steps = cached_query("procedure.steps", {"id": procedure["id"]})
    steps = [s for s in steps if s.get("procedure_id") == procedure["id"]]
    with st.expander(f"Procedure: {procedure['name']}", icon=":material/format_list_numbered:"):
        for step in steps:
            who = ", ".join(esc(a.get("name")) for a in (step.get("actors") or []) + (step.get("forums") or []))
            st.markdown(f"{step.get('order')}\\. {esc(step.get('action'))}" + (f" — **{who}**" if who else ""))
            source_line(step.get("source"), step.get("quote"))
        page_link("keten", "Procedure in de graaf", {"id": procedure["id"]}, icon=":material/hub:")


def detail(measure_id: str) -> None:
    m = detail_row("measure.detail", measure_id, "Maatregel")
    if m is None:
        return
    st.header(f"Maatregel {m.get('number')}: {m.get('short_name') or ''}", anchor=False)
    st.markdown(f"*{esc(m.get('title'))}*")
    badges = [":green-badge[onderzocht door de Inspectie]" if m.get("inspected") else ":gray-badge[niet onderzocht]"]
    badges.append(f":blue-badge[{esc(mv.approach_of(m))}]")
    badges += [f":violet-badge[{esc(t.get('name'))}]" for t in m.get("themes") or []]
    st.markdown(" ".join(badges))
    st.markdown(paragraphs(m.get("summary")))
    aliases(m.get("aliases"))
    source_line(m.get("source"), m.get("quote"))

    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Wie doet wat", anchor=False)
        actors = m.get("actors") or []
        if not actors:
            st.caption("Het rapport noemt geen verantwoordelijke, uitvoerder of beslisser.")
        for relation, dutch in ACTOR_RELATIONS_NL.items():
            group = [a for a in actors if a.get("relation") == relation]
            if group:
                st.markdown(f"**{esc(dutch)}**")
                for actor in group:
                    entity_link(actor, " · extern" if actor.get("external") else "")
        entity_links(m.get("forums") or [], "Afgestemd in")
    with right:
        st.subheader("Grondslag en procedures", anchor=False)
        entity_links(
            [{**lb, "label": "LegalBasis"} for lb in m.get("legal_bases") or []],
            "Wettelijke grondslagen",
            empty="Het rapport noemt geen wettelijke grondslag.",
        )
        for procedure in m.get("procedures") or []:
            procedure_steps(procedure)

    chain_section(m["id"], key="maatregel", link=True, interactive=False)

    for tension in m.get("tensions") or []:
        parts = [f"**Spanningsveld: {esc(tension.get('name'))}**", paragraphs(tension.get("summary"))]
        if tension.get("others"):
            parts.append("Botst met: " + "; ".join(esc(o) for o in tension["others"]))
        if tension.get("resolution"):
            parts.append(f"**Oplossing in de praktijk:** {paragraphs(tension['resolution'])}")
        if tension.get("source"):
            quote = f" — „{esc(tension['quote'])}”" if tension.get("quote") else ""
            parts.append(f"Bron: {esc(tension['source'])}{quote}")
        st.warning("\n\n".join(parts), icon=":material/warning:")
        report_source_link(tension.get("source"), tension.get("quote"))
        page_link("spanningsvelden", "Naar het spanningsveld", {"id": tension["id"]}, icon=":material/compare_arrows:")

    findings = m.get("findings") or []
    if findings:
        st.subheader("Bevindingen", anchor=False)
        for finding in findings:
            value = f" ({finding['value']}{esc(finding.get('unit') or '')})" if finding.get("value") is not None else ""
            st.markdown(f"- **{esc(finding.get('name'))}**{value}: {esc(finding.get('summary'))}")
            source_line(finding.get("source"), finding.get("quote"))
    conclusions = m.get("conclusions") or []
    if conclusions:
        st.subheader("Conclusies, aanbevelingen en opleidingen", anchor=False)
        for c in conclusions:
            st.markdown(f"- {esc(label_nl(c.get('label')))}: **{esc(c.get('name'))}** ({esc(c.get('source'))})")
            report_source_link(c.get("source"))
    if m.get("external_facts"):
        st.subheader("Na het rapport", anchor=False)
        external_facts(m["external_facts"])
    if m.get("note"):
        with st.expander("Toelichting van de redactie"):
            st.markdown(paragraphs(m["note"]))
    page_link("keten", "Bekijk in de graaf", {"id": m["id"]}, icon=":material/hub:")


kg = get_kg()
st.title("Maatregelen")
st.caption("De 38 maatregelen van het Actieprogramma Integrale Aanpak Jihadisme (Bijlage I van het rapport).")
all_rows = cached_query("measure.list")
choice = picker(
    "Maatregel bekijken",
    sorted(all_rows, key=lambda r: r["number"]),
    fmt=lambda r: f"Maatregel {r['number']}: {r.get('short_name') or r['title']}",
    placeholder="Kies een maatregel, of klik hieronder een rij in de tabel",
)
if choice:
    detail(str(choice["id"]))
    st.divider()

with st.expander("Alle maatregelen, met filters", expanded=not choice, icon=":material/filter_list:"):
    shown = filters(all_rows)
    st.markdown(f"{len(shown)} van {len(all_rows)} maatregelen")
    event = table(mv.table_rows(shown), on_select="rerun", selection_mode="single-row", key="m_tabel")
    selected_rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    selected = str(shown[selected_rows[0]]["id"]) if selected_rows and selected_rows[0] < len(shown) else None
    if selected and selected != st.session_state.get("m_tabel_laatst"):
        st.session_state["m_tabel_laatst"] = selected
        st.query_params["id"] = selected
        st.rerun()
    st.session_state["m_tabel_laatst"] = selected
