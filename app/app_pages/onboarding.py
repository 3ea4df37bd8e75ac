"""Onboarding casusoverleg: een kort leerpad voor wie nieuw aan tafel zit, met inhoudsopgave."""

from __future__ import annotations

from typing import Any

import streamlit as st
from kg_ui import cached_query, entity_link, entity_links, esc, page_link, paragraphs, source_line

from kennisgraaf.views import measures as mv
from kennisgraaf.views.labels import ACTOR_RELATIONS_NL, label_nl

INFORMATION_LAWS = ("wjsg", "wpg", "wbp", "modelconvenant-2017")
STEPS = (
    "Wat is het casusoverleg?",
    "Wie zit er aan tafel, en wat brengt elke organisatie in?",
    "Welke maatregelen weegt het casusoverleg af?",
    "Informatie delen: wat mag, en op welke grondslag?",
    "Weegploeg en toetsingsoverleg",
    "Goede praktijken uit het rapport",
    "Begrippen",
)


def one(query_id: str, node_id: str) -> dict[str, Any] | None:
    rows = cached_query(query_id, {"id": node_id})
    return rows[0] if rows else None


def step(number: int) -> None:
    st.header(f"{number}. {STEPS[number - 1]}", anchor=f"stap-{number}", divider="gray")


def contents() -> None:
    st.markdown("**Inhoud**\n\n" + "\n".join(f"{i}. [{esc(t)}](#stap-{i})" for i, t in enumerate(STEPS, 1)))


def brings(participant: dict[str, Any], measure_ids: set[str]) -> None:
    """What one organisation or role brings to the casusoverleg, each point with its source in the report."""
    how = participant.get("how")
    entity_link(participant, f" — {how}" if how else "")
    lines: list[str] = []
    detail = one("organisation.detail", str(participant["id"])) or {}
    for measure in detail.get("measures") or []:
        if measure.get("id") in measure_ids:
            verb = ACTOR_RELATIONS_NL.get(str(measure.get("relation")), str(measure.get("relation"))).lower()
            where = f" ({esc(measure.get('source'))})" if measure.get("source") else ""
            lines.append(f"- bevoegdheid: {verb} bij maatregel {measure.get('number')}, "
                         f"{esc(measure.get('short_name') or measure.get('name'))}{where}")
    for info in detail.get("sends_to") or []:
        if info.get("id") == "casusoverleg":
            lines.append(f"- informatie: {esc(info.get('instrument'))} ({esc(info.get('source'))})")
    if lines:
        st.markdown("\n".join(lines))
    source_line(participant.get("source"), participant.get("quote"))


st.title("Nieuw in het casusoverleg")
st.markdown(
    "Een kort leerpad in zeven stappen, alles uit het rapport van de Inspectie VenJ (2017) met bronvermelding. "
    "Uitgebreide stukken staan achter een uitklapknop."
)
contents()

forum = one("forum.detail", "casusoverleg")
if forum is None:
    st.warning("Het casusoverleg staat (nog) niet in de kennisbank.")
    st.stop()

step(1)
st.markdown(paragraphs(forum.get("summary")))
st.info(f"**Wat het casusoverleg doet:** {paragraphs(forum.get('decides'))}")
source_line(forum.get("source"), forum.get("quote"))
entity_links([{**h, "label": "Organisation"} for h in forum.get("hosted_at") or []], "Ondergebracht bij")
page_link("overleggen", "Alles over het casusoverleg", {"id": "casusoverleg"})

coordinated = [m for m in forum.get("coordinates") or [] if m.get("label") == "Measure"]
all_measures = {str(m["id"]): m for m in cached_query("measure.list")}
approach = {measure_id: mv.approach_of(m) for measure_id, m in all_measures.items()}
weighed = sorted(
    (m for m in coordinated if approach.get(str(m["id"])) == "persoonsgericht"), key=lambda m: m.get("number") or 0
)
basis = [m for m in coordinated if approach.get(str(m["id"])) != "persoonsgericht"]

step(2)
st.markdown(
    "Organisaties worden uitgenodigd op basis van hun deskundigheid in relatie tot de casus; de gemeente (of het "
    "Veiligheidshuis) nodigt uit. Per deelnemer: hoe vaak zij aanschuiven, waarvoor zij bevoegd zijn bij de "
    "maatregelen die het casusoverleg afweegt, en welke informatie zij mogen delen."
)
participants = forum.get("participants") or []
weighed_ids = {str(m["id"]) for m in weighed}
structural = [p for p in participants if p.get("how") == "structureel"]
others = [p for p in participants if p.get("how") != "structureel"]
for title, group in (("Structureel aan tafel", structural), ("Afhankelijk van de casus", others)):
    st.subheader(title, anchor=False)
    for participant in sorted(group, key=lambda p: str(p.get("name"))):
        with st.container(border=True):
            brings(participant, weighed_ids)
procedure = [s for s in cached_query("procedure.steps", {"id": "casus-inbrengen"})
             if s.get("procedure_id") == "casus-inbrengen"]
if procedure:
    st.markdown(f"**{esc(procedure[0].get('procedure'))}**")
    st.markdown(
        "\n".join(
            f"{s.get('order')}. {esc(s.get('action'))}" for s in sorted(procedure, key=lambda s: s.get("order") or 0)
        )
    )

step(3)
st.markdown(
    "Het casusoverleg besluit samen welke persoonsgerichte maatregelen nodig zijn. De uitvoering blijft bij de "
    "organisatie die daartoe bevoegd is (§4.1)."
)
for m in weighed:
    entity_link(m, show_kind=False)
for m in basis:
    short = all_measures.get(str(m["id"]), m).get("short_name") or m.get("name")
    st.caption(
        f"Maatregel {m.get('number')} ({esc(short)}) zet het casusoverleg niet in: "
        "die maatregel is de basis ervan. Bron: **§3.2.1** — „De maatregel geeft gemeenten de belangrijke taak om "
        "het casusoverleg vorm te geven.”"
    )

step(4)
st.markdown(
    "Persoonsgegevens delen in het casusoverleg vraagt per geval een afweging. Deze wetten en het "
    "modelconvenant bepalen de kaders:"
)
for law_id in INFORMATION_LAWS:
    law = one("legal.detail", law_id)
    if law is None:
        continue
    with st.expander(str(law.get("name") or law_id)):
        entity_link({**law, "label": "LegalBasis"}, show_kind=False)
        st.markdown(paragraphs(law.get("summary")))
        source_line(law.get("source"), law.get("quote"), law.get("source_url"))
entity_links([{**t, "label": "Tension"} for t in forum.get("tensions") or []], "Spanningsvelden rond het casusoverleg")

step(5)
for forum_id in ("weegploeg", "toetsingsoverleg"):
    other = one("forum.detail", forum_id)
    if other is None:
        continue
    with st.expander(str(other.get("name") or forum_id)):
        entity_link({**other, "label": "Forum"}, show_kind=False)
        st.markdown(paragraphs(other.get("summary")))
        st.markdown(f"**Besluit:** {paragraphs(other.get('decides'))}")
        source_line(other.get("source"), other.get("quote"))

step(6)
st.caption(f"Het rapport noemt deze „good practices”; hier: {label_nl('GoodPractice').lower()}.")
practices = cached_query("conclusion.list", {"kind": "GoodPractice"})
if not practices:
    st.caption("Er staan nog geen goede praktijken in de kennisbank.")
for practice in practices:
    with st.expander(str(practice.get("name"))):
        st.markdown(paragraphs(practice.get("summary")))
        entity_links(practice.get("concerns") or [], "Betreft")
        source_line(practice.get("source"), practice.get("quote"))

step(7)
st.markdown("Afkortingen en vakjargon (RIEC, CTER, weegploeg, achterblijvers …) staan in de begrippenlijst.")
page_link("begrippen", "Naar de begrippenlijst")
