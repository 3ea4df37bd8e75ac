"""Addresses that are not a page: a Dutch "niet gevonden" page with a search, instead of Streamlit's English dialog."""

from __future__ import annotations

import re

import streamlit as st
from kg_ui import PAGE_OBJECTS, PAGES, page_link
from streamlit.runtime.scriptrunner import get_script_run_ctx

_UNKNOWN_KEY = "_onbekende_pagina"
_URL_PATH = re.compile(r"^[A-Za-z0-9._~%-]{1,100}$")


def requested_page(known: set[str]) -> str | None:
    """The page name in the address when it is none of ours (and usable as a url path), else None.

    Reruns of that page (a form on it) name it by its hash instead; the session remembers the name for them."""
    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if manager is None:
        return None
    name = getattr(manager, "intended_page_name", None) or ""
    if not getattr(manager, "intended_page_script_hash", None) and name and name not in known and _URL_PATH.match(name):
        st.session_state[_UNKNOWN_KEY] = name
        return name
    return st.session_state.get(_UNKNOWN_KEY)


def not_found_page() -> None:
    st.title("Pagina niet gevonden")
    st.markdown("Deze pagina bestaat niet. Stel uw vraag, of kies een van de pagina's hieronder.")
    with st.form("zoeken-niet-gevonden", border=False):
        question = st.text_input("Uw vraag", placeholder="Bijvoorbeeld: Wie neemt deel aan het casusoverleg?")
        if st.form_submit_button("Vraag", type="primary") and question.strip():
            st.switch_page(PAGE_OBJECTS.get("vraag", PAGES[0].file), query_params={"vraag": question.strip()})
    for spec in PAGES:
        page_link(spec.url_path, spec.title)
