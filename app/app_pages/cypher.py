"""Cypher: een console voor beleidsmedewerkers. Alleen lezen — schrijfopdrachten weigert de database zelf."""

from __future__ import annotations

import json
import uuid
from typing import Any

import streamlit as st
from kg_ui import get_kg, picture, table

from kennisgraaf.errors import ConsoleBusy, QueryFailed, QueryRefused, QueryTooHeavy
from kennisgraaf.views.console import console_graph, display_rows

CYPHER_KEY, PARAMS_KEY, SESSION_KEY = "cypher_tekst", "cypher_params", "cypher_sessie"
FIRST_EXAMPLE, FIRST_PARAMS = "entity.relations", {"id": "casusoverleg"}


def load_example(query_id: str, values: dict[str, Any] | None = None) -> None:
    """Put a catalogue query and its parameters (defaults, or empty) in the console."""
    query = next(q for q in get_kg().queries() if q.id == query_id)
    st.session_state[CYPHER_KEY] = query.cypher_for(get_kg().console_engine)  # the console's dialect
    params: dict[str, Any] = {p: query.defaults.get(p, "") for p in query.params}
    st.session_state[PARAMS_KEY] = json.dumps({**params, **(values or {})}, ensure_ascii=False)


def parse_params(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text or "{}")
    except ValueError as exc:
        st.error(f"De parameters zijn geen geldige JSON: {exc}")
        return None
    if not isinstance(value, dict):
        st.error('De parameters moeten een JSON-object zijn, bijvoorbeeld {"id": "casusoverleg"}.')
        return None
    return value


kg = get_kg()
st.title("Cypher-console")
st.caption(
    f"Alleen lezen, met een tijdslimiet van {kg.settings.console_timeout_ms} ms en hooguit "
    f"{kg.settings.console_row_limit} rijen; één query tegelijk per gebruiker. Te zware queries worden afgebroken, "
    f"zonder dat vragen en pagina's daar last van hebben. Database: {kg.engine}."
)
# Not an alert (st.info): the outcome of a query is the page's only alert (tests/browser/test_console_isolation.py).
if kg.console_engine == "falkordb":
    st.caption(
        "De console spreekt het Cypher-dialect van **FalkorDB**"
        + (", ook nu de kennisbank in Neo4j staat" if kg.engine == "neo4j" else "")
        + ": uw query draait niet op de database die vragen en pagina's beantwoordt, maar op een aparte kopie van "
        "de graaf met dezelfde inhoud. Wat FalkorDB niet kent (zoals `EXISTS {…}`, `COUNT {…}`, `=~`, `SHOW …` en "
        "APOC) geeft hier een foutmelding; volledige-tekstzoeken gaat met "
        "`CALL db.idx.fulltext.queryNodes('Passage', 'woord')`."
    )
else:
    st.caption(
        "De console draait rechtstreeks op Neo4j (door de beheerder zo ingesteld) en spreekt het Cypher-dialect van "
        "Neo4j."
    )
session = st.session_state.setdefault(SESSION_KEY, uuid.uuid4().hex)
if CYPHER_KEY not in st.session_state:
    load_example(FIRST_EXAMPLE, FIRST_PARAMS)

with st.expander("Voorbeelden uit de catalogus", icon=":material/library_books:"):
    queries = kg.queries()
    chosen = st.selectbox(
        "Catalogusquery",
        [q.id for q in queries],
        format_func=lambda i: f"{i} — {next(q.title for q in queries if q.id == i)}",
    )
    st.button("In de console zetten", on_click=load_example, args=(chosen,), icon=":material/input:")
with st.expander("Schema", icon=":material/schema:"):
    left, right = st.columns(2)
    with left:
        st.markdown("**Labels en eigenschappen**")
        table(kg.query("meta.schema"))
    with right:
        st.markdown("**Relatietypen**")
        table(kg.query("meta.relationship_schema"))

with st.form("console"):
    cypher = st.text_area("Cypher", key=CYPHER_KEY, height=160)
    params_text = st.text_area("Parameters (JSON)", key=PARAMS_KEY, height=68)
    run = st.form_submit_button("Uitvoeren", type="primary", icon=":material/play_arrow:")

if run:
    params = parse_params(params_text)
    if params is not None:
        try:
            rows = kg.readonly(cypher, params, session=session)
        except ConsoleBusy as exc:
            st.warning(str(exc), icon=":material/hourglass_top:")
        except QueryRefused as exc:
            st.error(str(exc), icon=":material/block:")
        except QueryTooHeavy as exc:
            st.error(str(exc), icon=":material/speed:")
        except QueryFailed as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            st.success(f"{len(rows)} rij(en)")
            if rows:
                table(display_rows(rows))
                graph = console_graph(kg, rows)
                if graph is not None:
                    st.markdown("**Als graaf** (de knopen uit het resultaat en de relaties daartussen)")
                    picture(graph, "Resultaat van de console", "console.html", key="console")
