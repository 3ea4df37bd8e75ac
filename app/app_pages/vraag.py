"""Vraag: een vraag in gewone taal, beantwoord met route, bronnen en hoe het antwoord is gevonden."""

from __future__ import annotations

import streamlit as st
from kg_ui import ask, entity_link, esc, get_kg, page_link, paragraphs, param, report_source_link

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
EMPTY_KEY = "_vraag_leeg"
# What each kind of question is about, in plain Dutch (the intents of kennisgraaf/ask/intents.yaml).
INTENTS_NL: dict[str, str] = {
    "procedure": "hoe een procedure loopt en bij wie u daarvoor moet zijn",
    "measure_actors": "wie wat doet bij een maatregel: wie beslist, uitvoert, aanvraagt of toezicht houdt",
    "legal_basis": "op welke wet of regeling iets berust",
    "organisation_measures": "welke maatregelen een organisatie uitvoert",
    "forum": "een overleg: wie eraan deelnemen en wat het doet",
    "definition": "wat een begrip of afkorting betekent",
    "theme": "welke maatregelen bij een thema horen",
    "tensions": "maatregelen die elkaar kunnen tegenwerken",
    "survey": "cijfers uit het onderzoek van de Inspectie",
    "conclusions": "conclusies, aanbevelingen, aandachtspunten of goede voorbeelden uit de praktijk",
    "training": "opleidingen en trainingen",
    "chain": "hoe twee dingen met elkaar verbonden zijn",
    "privacy": "informatie over personen; die staat niet in Kennisgraaf",
}


def choose(question: str) -> None:
    """Ask this question (example or suggestion), and put it in the URL."""
    st.session_state[INPUT_KEY] = question
    st.session_state[EMPTY_KEY] = False
    st.query_params["vraag"] = question


def choose_example(key: str) -> None:
    """Callback of an example list: ask the chosen example, then clear the choice."""
    if st.session_state.get(key):
        choose(st.session_state[key])
    st.session_state[key] = None


def submit() -> None:
    question = (st.session_state.get(INPUT_KEY) or "").strip()
    st.session_state[EMPTY_KEY] = not question
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


def how_found(answer: Answer) -> None:
    """How the answer was found: in plain Dutch first; the query and its Cypher behind a switch."""
    kg = get_kg()
    query = next((q for q in kg.queries() if q.id == answer.query), None) if answer.query else None
    steps = [f"Uw vraag is gelezen als een vraag over **{esc(INTENTS_NL.get(answer.intent, answer.intent))}**."]
    if answer.entities:
        names = ", ".join(esc(e.name) for e in answer.entities)
        steps.append(f"In uw vraag zijn deze namen herkend: {names}.")
    if query:
        steps.append(
            f"Daarna is in de kennisbank opgezocht: **{esc(query.title)}**, met de herkende namen als zoekgegevens."
        )
        steps.append("Het antwoord is samengesteld uit wat het rapport daarover zegt; de bronnen staan erbij.")
    else:
        steps.append("Er is niets in de kennisbank opgezocht.")
    st.markdown("\n".join(f"{i}. {step}" for i, step in enumerate(steps, 1)))
    if st.toggle("Toon de technische details (Cypher)", key="vraag_techniek"):
        st.markdown(f"Soort vraag: `{answer.intent}` · taal: `{answer.language}`")
        if answer.query:
            st.markdown(f"Catalogusquery: `{answer.query}`")
            st.markdown("Parameters:")
            st.json(answer.params)
            if query:
                st.code(query.cypher_for(kg.engine), language="cypher")


def answer_card(answer: Answer) -> None:
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
            page_link("keten", "Bekijk in de graaf", graph_params(answer))
        with st.expander("Hoe is dit gevonden"):
            how_found(answer)


def suggestions(answer: Answer) -> None:
    if not answer.suggestions:
        return
    st.markdown("**Probeer bijvoorbeeld:**" if not answer.answered else "**Verder vragen:**")
    for i, suggestion in enumerate(answer.suggestions):
        st.button(suggestion, key=f"suggestie-{i}", on_click=choose, args=(suggestion,))


@st.fragment
def question_and_answer() -> None:
    """The question box and the answer: a submit reruns only this part of the page."""
    question = param("vraag") or ""
    if INPUT_KEY not in st.session_state or (question and st.session_state.get("_vraag_laatst") != question):
        st.session_state[INPUT_KEY] = question
    st.session_state["_vraag_laatst"] = question

    with st.form("vraagformulier", clear_on_submit=False, border=False):
        st.text_input("Uw vraag", key=INPUT_KEY, placeholder="Bijvoorbeeld: Wie neemt deel aan het casusoverleg?")
        st.form_submit_button("Vraag", type="primary", on_click=submit)

    if question:
        result = ask(question)
        if not result.answered:
            st.info(paragraphs(result.answer))
            for source in result.sources:  # the passage that came closest: a place to read, not an answer
                report_source_link(source.section, source.quote, source.passage)
        else:
            answer_card(result)
        suggestions(result)
    elif st.session_state.get(EMPTY_KEY):
        st.info(
            "Typ eerst een vraag in het vak hierboven en kies dan **Vraag**. Bijvoorbeeld: *Wie beslist over de "
            "paspoortmaatregel?* of *Wat betekent RIEC?* U kunt ook een voorbeeldvraag hieronder kiezen."
        )


st.title("Vraag het de kennisgraaf")
st.caption(
    "Wie doet wat in de integrale aanpak van jihadisme — antwoorden uit het rapport van de Inspectie VenJ "
    "(2017), met bronvermelding. Niet bedoeld voor informatie over personen."
)
question_and_answer()

st.divider()
st.markdown("##### Voorbeeldvragen")
for group, examples in EXAMPLES.items():
    key = f"voorbeeld-{group}"
    st.pills(group, examples, key=key, on_change=choose_example, args=(key,))
