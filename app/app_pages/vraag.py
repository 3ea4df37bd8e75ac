"""Vraag: een vraag in gewone taal, beantwoord met route, bronnen en hoe het antwoord is gevonden."""

from __future__ import annotations

import streamlit as st
from kg_ui import entity_link, esc, get_kg, page_link, paragraphs, param, report_source_link

from kennisgraaf.ask import Answer

EXAMPLES: dict[str, list[str]] = {
    "Gemeente": [
        "Bij wie moet ik zijn om een ontheffing van een bevriezing aan te vragen?",
        "Wie beslist over de paspoortmaatregel?",
        "Hoe schakel ik de Exit-faciliteit in?",
    ],
    "Nieuw in het casusoverleg": [
        "Wie neemt deel aan het casusoverleg?",
        "Hoe breng ik een casus in?",
        "Mag ik informatie delen in het casusoverleg?",
        "Wat betekent RIEC?",
    ],
    "Beleid": [
        "Welke maatregelen kunnen elkaar tegenwerken?",
        "Welke maatregelen zijn preventief?",
        "Wie is verantwoordelijk voor het familiesteunpunt?",
    ],
}
INPUT_KEY = "vraag_tekst"


def choose(question: str) -> None:
    """Callback of the example and suggestion buttons: ask this question (and put it in the URL)."""
    st.session_state[INPUT_KEY] = question
    st.query_params["vraag"] = question


def submit() -> None:
    question = (st.session_state.get(INPUT_KEY) or "").strip()
    if question:
        st.query_params["vraag"] = question
    elif "vraag" in st.query_params:
        del st.query_params["vraag"]


def graph_params(answer: Answer) -> dict[str, str]:
    """The chain page for the answer's first entity, with the chain from its first actor to the last thing named."""
    first = answer.entities[0]
    params = {"id": first.id}
    actor = next((e for e in answer.entities if e.label in ("Organisation", "Role")), first)
    last = answer.entities[-1]
    if last.id != actor.id:
        params.update({"van": actor.id, "naar": last.id})
    return params


def answer_card(answer: Answer) -> None:
    kg = get_kg()
    with st.container(border=True):
        st.markdown(paragraphs(answer.answer))
        if answer.route:
            st.markdown("#### Route")
            lines = []
            for step in sorted(answer.route, key=lambda s: s.order):
                who = ", ".join(esc(x) for x in (step.actor, step.forum) if x)
                lines.append(f"{step.order}. {esc(step.action)}" + (f" — **{who}**" if who else ""))
            st.markdown("\n".join(lines))
        if answer.entities:
            st.markdown("#### Genoemd in dit antwoord")
            for entity in answer.entities:
                entity_link(entity.model_dump())
        if answer.sources:
            st.markdown("#### Bronnen")
            for source in answer.sources:
                if source.external:
                    text = ":orange-badge[extern] " + (f"[{esc(source.url)}]({source.url})" if source.url else "")
                else:
                    text = f"**{esc(source.section)}**"
                if source.quote:
                    text += f" — „{esc(source.quote)}”"
                st.markdown(text)
                if not source.external:
                    report_source_link(source.section, source.quote, source.passage)
        if answer.entities:
            page_link("keten", "Bekijk in de graaf", graph_params(answer), icon=":material/hub:")
        with st.expander("Hoe is dit gevonden"):
            st.markdown(f"**Soort vraag (intent):** `{answer.intent}` · **taal:** `{answer.language}`")
            if answer.query:
                query = next((q for q in kg.queries() if q.id == answer.query), None)
                st.markdown(f"**Catalogusquery:** `{answer.query}`" + (f" — {esc(query.title)}" if query else ""))
                st.markdown("**Parameters:**")
                st.json(answer.params)
                if query:
                    st.code(query.cypher_for(kg.engine), language="cypher")
            else:
                st.markdown("Er is geen catalogusquery gebruikt.")


def suggestions(answer: Answer) -> None:
    if not answer.suggestions:
        return
    st.markdown("**Probeer bijvoorbeeld:**" if not answer.answered else "**Verder vragen:**")
    for i, suggestion in enumerate(answer.suggestions):
        st.button(
            suggestion, key=f"suggestie-{i}", on_click=choose, args=(suggestion,), icon=":material/arrow_forward:"
        )


kg = get_kg()
st.title("Vraag het de kennisgraaf")
st.caption(
    "Wie doet wat in de integrale aanpak van jihadisme — antwoorden uit het rapport van de Inspectie VenJ "
    "(2017), "
    "met bronvermelding. Niet bedoeld voor informatie over personen."
)

question = param("vraag") or ""
if INPUT_KEY not in st.session_state or (question and st.session_state.get("_vraag_laatst") != question):
    st.session_state[INPUT_KEY] = question
st.session_state["_vraag_laatst"] = question

with st.form("vraagformulier", clear_on_submit=False, border=False):
    st.text_input("Uw vraag", key=INPUT_KEY, placeholder="Bijvoorbeeld: Wie neemt deel aan het casusoverleg?")
    st.form_submit_button("Vraag", type="primary", on_click=submit, icon=":material/search:")

if question:
    result = kg.ask(question)
    if not result.answered:
        st.info(paragraphs(result.answer), icon=":material/help:")
        suggestions(result)
    else:
        answer_card(result)
        suggestions(result)

st.divider()
st.markdown("##### Voorbeeldvragen")
for column, (group, examples) in zip(st.columns(len(EXAMPLES)), EXAMPLES.items(), strict=True):
    with column:
        st.markdown(f"**{group}**")
        for i, example in enumerate(examples):
            st.button(
                example, key=f"voorbeeld-{group}-{i}", on_click=choose, args=(example,), width="stretch", help=example
            )
