"""Over: wat de kennisbank is en niet is, de bron, de versie van de gegevens en de aantallen."""

from __future__ import annotations

import streamlit as st
from kg_ui import get_kg, page_link, table

from kennisgraaf.views.about import data_version
from kennisgraaf.views.labels import label_nl, relation_nl

kg = get_kg()
st.title("Over Kennisgraaf")
st.markdown(
    """
Kennisgraaf beantwoordt de vraag **wie doet wat** in de integrale aanpak van jihadisme: welke organisatie is
verantwoordelijk voor welke maatregel, wie beslist, in welk overleg wordt afgestemd, op welke wettelijke grondslag,
en waar maatregelen elkaar kunnen tegenwerken. Elke uitspraak verwijst naar de vindplaats in het rapport.

**Bron:** Inspectie Veiligheid en Justitie (2017), *Evaluatie van de integrale aanpak van jihadisme*. Aanvullingen
van na het rapport zijn als **extern** gemarkeerd, met hun URL en de datum waarop ze zijn gecontroleerd.
"""
)
st.warning(
    "**Wat Kennisgraaf niet is.** Er staan geen persoonsgegevens en geen casussen in; voer die ook niet in. "
    "Het is geen juridisch advies: wetgeving is sinds 2017 veranderd (bijvoorbeeld de AVG in plaats van de Wbp). "
    "Raadpleeg bij twijfel de actuele wettekst en uw juridische afdeling.",
    icon=":material/privacy_tip:",
)
version = data_version(kg.settings.seed_dir)
c1, c2, c3 = st.columns(3)
c1.metric("Versie", version["versie"])
c2.metric("Gegevens van", version["seed_datum"], help=f"Datum uit {version['seed_bron']}: {version['seed_map']}")
c3.metric(
    "Database",
    {"falkordb": "FalkorDB", "neo4j": "Neo4j"}.get(kg.engine, kg.engine),
    help="FalkorDB draait ingebouwd op deze machine; Neo4j is een aparte server (KENNISGRAAF_BACKEND=neo4j).",
)

counts = kg.counts()
left, right = st.columns(2)
with left:
    st.markdown("**Knopen per soort**")
    table([{"Soort": label_nl(k), "Label": k, "Aantal": v} for k, v in counts.items() if not k.isupper()])
with right:
    st.markdown("**Relaties per type**")
    table([{"Relatie": relation_nl(k), "Type": k, "Aantal": v} for k, v in counts.items() if k.isupper()])
page_link("cypher", "Zelf zoeken met Cypher", icon=":material/terminal:")
