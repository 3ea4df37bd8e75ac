"""Kennisgraaf — wie doet wat in de integrale aanpak van jihadisme. Start: `kennisgraaf serve`."""

from __future__ import annotations

import streamlit as st
from kg_ui import PAGES, get_kg

from kennisgraaf.errors import KennisgraafError, StoreUnavailable
from kennisgraaf.seed import SeedInvalid

st.set_page_config(page_title="Kennisgraaf", page_icon="🕸️", layout="wide")

pages = [st.Page(p.file, title=p.title, url_path=p.url_path, icon=p.icon, default=p.default) for p in PAGES]
page = st.navigation(pages)

st.sidebar.caption(
    "Kennisgraaf ontsluit het rapport *Evaluatie van de integrale aanpak van jihadisme* (Inspectie VenJ, 2017). "
    "Geen persoonsgegevens, geen juridisch advies."
)

try:
    get_kg()
    page.run()
except StoreUnavailable as exc:
    st.error(f"De kennisbank is nu niet bereikbaar. {exc}", icon=":material/cloud_off:")
    st.button("Opnieuw proberen", type="primary", icon=":material/refresh:")
except SeedInvalid as exc:
    st.error(f"De kennisbank kan niet worden geladen: de seed bevat {len(exc.errors)} fout(en). "
             "Voer `kennisgraaf validate` uit voor de details.")
    st.button("Opnieuw proberen", icon=":material/refresh:")
except KennisgraafError as exc:
    st.error(str(exc))
