"""Rapport: de tekst van het rapport per hoofdstuk en paragraaf; elke passage heeft een eigen link
(/rapport?passage=p-4.4-06) en noemt de maatregelen, organisaties en begrippen die erin voorkomen."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st
from kg_ui import entity_link, esc, get_kg, page_link, param, set_param

from kennisgraaf.views.rapport import PASSAGE_PARAM, SECTION_PARAM, is_report_id

FOOTNOTES = "s-voetnoten"
DEFAULT_SECTION = "s-samenvatting"


def contents(sections: list[dict[str, Any]], current: str) -> None:
    """The table of contents: every section as a link, indented by level; the open one in bold."""
    st.markdown("**Inhoud**")
    for section in sections:
        indent = "\u2003" * (section["level"] - 1)
        label = esc(section["name"])
        if section["id"] == current:
            label = f"**{label}**"
        page_link("rapport", f"{indent}{label}", {SECTION_PARAM: section["id"]})


def mentions(passage: dict[str, Any]) -> None:
    """The entities a passage names, as links to their pages."""
    named = passage.get("mentions") or []
    if not named:
        return
    with st.container(horizontal=True, gap="small"):
        st.caption("Noemt:")
        seen: set[str] = set()
        for node in sorted(named, key=lambda n: (n.get("label") or "", n.get("name") or "")):
            if node["id"] in seen:
                continue
            seen.add(node["id"])
            entity_link(node)


def show_passage(passage: dict[str, Any], target: str | None) -> None:
    """One passage: its name and lines in source/, its text, the entities it names, and its own link."""
    is_target = passage["id"] == target
    with st.container(border=is_target, key=f"passage-{passage['id']}"):
        badge = " :blue-badge[gevraagde passage]" if is_target else ""
        lines = f"regel {passage['line_start']}–{passage['line_end']}"
        st.caption(f"**{esc(passage['name'])}** · {lines}{badge}")
        text = passage.get("text") or ""
        st.markdown("  \n".join(esc(line) for line in text.splitlines()))
        mentions(passage)
        page_link(
            "rapport", f"Link naar {esc(passage['name'])}", {PASSAGE_PARAM: passage["id"]}, icon=":material/link:"
        )


def scroll_to(passage_id: str) -> None:
    """Bring the linked passage into view. Streamlit gives a keyed container the class st-key-<key> with every
    character outside [a-zA-Z0-9_-] turned into '-'; the id is a checked slug, never free text."""
    if not is_report_id(passage_id):
        return
    css_class = "st-key-passage-" + re.sub(r"[^a-zA-Z0-9_-]", "-", passage_id)
    st.html(
        "<script>(function () { var done = 0, tries = 0;"
        " function go() { var el = document.getElementsByClassName('" + css_class + "')[0];"
        " if (el) { el.scrollIntoView({block: 'center'}); done += 1; }"
        " tries += 1; if (done < 3 && tries < 20) { setTimeout(go, 300); } }"
        " setTimeout(go, 300); })();</script>",
        unsafe_allow_javascript=True,
    )


kg = get_kg()
st.title("Rapport")
st.caption(
    "De tekst van *Evaluatie van het Actieprogramma Integrale Aanpak Jihadisme* (Inspectie VenJ, 2017), "
    "zoals Kennisgraaf hem citeert. Elke passage heeft een eigen link; bronnen op andere pagina's verwijzen hierheen."
)

sections = kg.query("section.list")
by_id = {s["id"]: s for s in sections}

target = param(PASSAGE_PARAM)
target_row: dict[str, Any] | None = None
if target:
    found = kg.query("passage.get", {"id": target}) if is_report_id(target) else []
    if found:
        target_row = found[0]
    else:
        st.warning(f"Passage '{target}' bestaat niet; hieronder de inhoud van het rapport.")
        target = None

if target_row is not None:
    current = target_row.get("appears_in") or target_row["section"]
else:
    wanted = param(SECTION_PARAM)
    current = wanted if wanted in by_id else DEFAULT_SECTION
    if wanted and wanted not in by_id:
        st.warning(f"Hoofdstuk of paragraaf '{wanted}' bestaat niet.")
    set_param(SECTION_PARAM, current if current != DEFAULT_SECTION or wanted else None)

query = st.text_input(
    "Zoeken in het rapport", value=param("q") or "", placeholder="Bijvoorbeeld: ontheffing bevriezing"
)
set_param("q", query.strip() or None)

left, right = st.columns([1, 3], gap="large")
with left:
    contents(sections, current)

with right:
    if query.strip():
        hits = kg.search_passages(query, limit=10)
        st.markdown(f"**Zoekresultaten voor „{esc(query.strip())}”** ({len(hits)})")
        if not hits:
            st.caption("Geen passages gevonden.")
        for hit in hits:
            snippet = (hit.get("text") or "")[:240]
            page_link("rapport", esc(f"{hit['name']} — {hit['section_title']}"), {PASSAGE_PARAM: hit["id"]})
            st.caption(esc(snippet + ("…" if len(hit.get("text") or "") > 240 else "")))
        st.divider()

    section = by_id[current]
    st.header(section["name"], anchor=False)
    trail = []
    parent = section.get("parent")
    while parent and parent in by_id:
        trail.append(by_id[parent])
        parent = by_id[parent].get("parent")
    for ancestor in reversed(trail):
        page_link("rapport", f"↑ {esc(ancestor['name'])}", {SECTION_PARAM: ancestor["id"]})
    children = [s for s in sections if s.get("parent") == current]
    if children:
        st.markdown("**In dit deel**")
        for child in children:
            page_link("rapport", esc(child["name"]), {SECTION_PARAM: child["id"]})

    passages = kg.query("section.passages", {"id": current})
    heading = None
    for passage in passages:
        if passage.get("heading") and passage["heading"] != heading:
            heading = passage["heading"]
            st.markdown(f"##### {esc(heading)}")
        show_passage(passage, target)
    if not passages and not children:
        st.caption("Dit deel heeft geen eigen tekst.")

    if current != FOOTNOTES:
        notes = [n for n in kg.query("section.passages", {"id": FOOTNOTES}) if n.get("appears_in") == current]
        if notes:
            st.markdown("##### Voetnoten")
            for note in notes:
                show_passage(note, target)

    if target:
        scroll_to(target)
