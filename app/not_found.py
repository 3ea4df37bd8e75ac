"""Addresses that are not a page: a Dutch "niet gevonden" page with a search, instead of Streamlit's English dialog."""

from __future__ import annotations

import re

import streamlit as st
from kg_ui import PAGES, page_link
from streamlit.runtime.scriptrunner import get_script_run_ctx

_URL_PATH = re.compile(r"^[A-Za-z0-9._~%-]{1,100}$")


def requested_page(known: set[str]) -> str | None:
    """The page name in the address when it is none of ours (and usable as a url path), else None."""
    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if manager is None or getattr(manager, "intended_page_script_hash", None):
        return None
    name = getattr(manager, "intended_page_name", None) or ""
    if not name or name in known or not _URL_PATH.match(name):
        return None
    return name


def not_found_page() -> None:
    st.title("Pagina niet gevonden")
    st.markdown("Deze pagina bestaat niet. Stel uw vraag, of kies een van de pagina's hieronder.")
    with st.form("zoeken-niet-gevonden", border=False):
        question = st.text_input("Uw vraag", placeholder="Bijvoorbeeld: Wie neemt deel aan het casusoverleg?")
        if st.form_submit_button("Vraag", type="primary") and question.strip():
            st.switch_page(PAGES[0].file, query_params={"vraag": question.strip()})
    for spec in PAGES:
        page_link(spec.url_path, spec.title)
