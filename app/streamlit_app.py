"""Kennisgraaf — wie doet wat in de integrale aanpak van jihadisme. Start: `kennisgraaf serve`."""

from __future__ import annotations

import streamlit as st
from kg_ui import PAGE_OBJECTS, PAGES, get_kg, shell
from not_found import not_found_page, requested_page

from kennisgraaf.errors import KennisgraafError, StoreUnavailable
from kennisgraaf.seed import SeedInvalid

st.set_page_config(page_title="Kennisgraaf", page_icon="🕸️", layout="wide")
shell()

pages = [st.Page(p.file, title=p.title, url_path=p.url_path, icon=p.icon) for p in PAGES]
PAGE_OBJECTS.update({p.url_path: page for p, page in zip(PAGES, pages, strict=True)})
# The Vraag page also answers at the root (/); /vraag is its own name, so that /vraag?vraag=… works too.
pages.append(st.Page(PAGES[0].file, title=PAGES[0].title, url_path="start", default=True, visibility="hidden"))
# An unknown address gets a Dutch "niet gevonden" page with a search, instead of Streamlit's English dialog.
unknown = requested_page({p.url_path for p in PAGES} | {"start"})
if unknown:
    pages.append(st.Page(not_found_page, title="Niet gevonden", url_path=unknown, visibility="hidden"))
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
