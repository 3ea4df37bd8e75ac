"""Dutch names of node kinds and relationship types, and which app page shows which kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kennisgraaf.schema import RELATIONSHIPS

LABEL_NL: dict[str, str] = {
    "Programme": "Programma",
    "Theme": "Thema",
    "Measure": "Maatregel",
    "Organisation": "Organisatie",
    "Role": "Rol",
    "Forum": "Overleg",
    "LegalBasis": "Wettelijke grondslag",
    "Procedure": "Procedure",
    "Step": "Stap",
    "Tension": "Spanningsveld",
    "Finding": "Bevinding",
    "GoodPractice": "Goede praktijk",
    "AttentionPoint": "Aandachtspunt",
    "Recommendation": "Aanbeveling",
    "Training": "Opleiding",
    "Term": "Begrip",
    "ExternalFact": "Extern feit",
    "Section": "Deel van het rapport",
    "Passage": "Passage uit het rapport",
}

# Page url paths of the app (see app/streamlit_app.py) and the query parameter that opens a node there.
PAGE_FOR_LABEL: dict[str, str] = {
    "Measure": "maatregelen",
    "Organisation": "organisaties",
    "Role": "organisaties",
    "Forum": "overleggen",
    "LegalBasis": "wetgeving",
    "Tension": "spanningsvelden",
    "Term": "begrippen",
}
CHAIN_PAGE = "keten"

ACTOR_RELATIONS_NL: dict[str, str] = {
    "RESPONSIBLE_FOR": "Verantwoordelijk",
    "EXECUTES": "Voert uit",
    "DECIDES": "Beslist",
    "REQUESTS": "Kan verzoeken",
    "CONSULTED_ON": "Wordt geraadpleegd",
    "ENFORCES": "Handhaaft / houdt toezicht",
    "UNDER_AUTHORITY_OF": "Valt onder",
    "PART_OF": "Is onderdeel van",
    "FUNDED_BY": "Gefinancierd door",
}


def label_nl(label: str | None) -> str:
    """The Dutch name of a node kind ('Maatregel' for Measure); unknown kinds as given."""
    return LABEL_NL.get(label or "", label or "onbekend")


def relation_nl(rel_type: str) -> str:
    """The Dutch reading of a relationship type ('wordt afgestemd in' for COORDINATED_IN)."""
    rel = RELATIONSHIPS.get(rel_type)
    return rel.dutch if rel else rel_type.lower().replace("_", " ")


def page_for(label: str | None, node_id: str) -> tuple[str, dict[str, str]]:
    """The app page (url path) and query parameters that show a node: detail page, the Rapport page for the
    report's passages and sections, or else the chain page."""
    if label == "Passage":
        return "rapport", {"passage": node_id}
    if label == "Section":
        return "rapport", {"sectie": node_id}
    return PAGE_FOR_LABEL.get(label or "", CHAIN_PAGE), {"id": node_id}


def display_name(node: Mapping[str, Any] | None) -> str:
    """How a node is named in lists and pictures: 'Maatregel 8: bevriezingsmaatregel' for measures, else its name."""
    if not node:
        return ""
    if node.get("label") == "Measure" and node.get("number") is not None:
        return f"Maatregel {node['number']}: {node.get('short_name') or node.get('name')}"
    return str(node.get("name") or node.get("id") or "")


def short(text: str | None, limit: int = 42) -> str:
    """A label short enough for a picture: cut on a word boundary with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[: limit - 1]).rstrip(" ,.;:") + "…"
