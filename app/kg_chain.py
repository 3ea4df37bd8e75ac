"""The chain section that the keten page and the measure, procedure and forum pages share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st
from kg_ui import esc, get_kg, page_link

from kennisgraaf.views import chain as ch
from kennisgraaf.views import chain_render as cr
from kennisgraaf.views.labels import display_name, label_nl, page_for, relation_nl

CONTEXT_NL: dict[str, str] = {
    "Finding": "Bevindingen",
    "Term": "Begrippen",
    "GoodPractice": "Goede praktijken",
    "AttentionPoint": "Aandachtspunten",
    "Recommendation": "Aanbevelingen",
    "Tension": "Spanningsvelden",
    "Training": "Opleidingen",
    "ExternalFact": "Externe feiten",
    "Theme": "Thema's",
    "Programme": "Programma",
}


@st.cache_data(show_spinner=False, max_entries=64)
def _measure_names() -> dict[str, str]:
    return {str(r["id"]): display_name({**r, "label": "Measure"}) for r in get_kg().query("measure.list")}


def chain_heading(chain: ch.Chain) -> str:
    subject = chain.nodes[chain.subject]
    return f"Verantwoordelijkheidsketen: {subject.name}"


def chain_section(
    node_id: str, key: str, *, heading: bool = True, link: bool = False, interactive: bool = True
) -> ch.Chain | None:
    """The chain of a measure, procedure or forum: in words, as a picture, as a table, with downloads for a memo.

    `interactive`: the vis-network picture (zoom, drag) in a frame; otherwise the same drawing as inline SVG, which
    is far lighter (no vis-network) for pages that show the chain beside other things; sources still show on hover."""
    chain = get_kg().chain(node_id, names=_measure_names())
    if chain is None:
        st.warning(f"'{node_id}' bestaat niet.")
        return None
    title = chain_heading(chain)
    if heading:
        st.subheader(title, anchor=False)
    st.caption(
        "Van links naar rechts: wie verzoekt of meldt, via wie, in welk overleg, wie beslist, de maatregel of "
        "procedure, wie uitvoert, wie toezicht houdt, en de wettelijke grondslag. Gestippeld: extern (niet uit "
        "het rapport). Wijs een pijl aan voor de bron."
    )
    for missing in chain.missing:
        st.info(f"{missing.capitalize()}.", icon=":material/person_off:")
    _in_words(chain)
    drawing = cr.layout(chain)
    alt = f"Ketenplaatje: {title}. Dezelfde inhoud staat in de lijst erboven en de tabel eronder."
    if interactive:
        height = cr.frame_height(drawing)
        st.iframe(
            cr.vis_html(chain, drawing, height_px=height),
            height=height + 24,  # room for a sideways scrollbar on narrow screens
            alt=alt,
        )
    else:
        st.iframe(cr.svg_page(chain, drawing, title), height=cr.svg_page_height(drawing), alt=alt)
    _downloads(chain, title, drawing, key)
    _steps(chain)
    _context(chain, key)
    with st.expander("Relaties met bron (tabel)", expanded=False, icon=":material/table:"):
        st.table(pd.DataFrame(ch.table_rows(chain)))
    if link:
        page_link("keten", "Open in Verantwoordelijkheidsketen", {"id": node_id}, icon=":material/hub:")
    return chain


def _in_words(chain: ch.Chain) -> None:
    lines = []
    for number, (stage, nodes) in enumerate(ch.stage_lines(chain), 1):
        names = "; ".join(esc(ch.node_text(n)) for n in nodes)
        lines.append(f"{number}. **{esc(stage)}:** {names}")
    st.markdown("\n".join(lines))


def _downloads(chain: ch.Chain, title: str, drawing: cr.Layout, key: str) -> None:
    base = f"keten-{chain.subject}"
    stages = ch.stage_lines(chain)
    counts = chain.context_counts()
    files: list[tuple[str, Callable[[], Any], str, str, str]] = [
        ("PNG", lambda: cr.png(chain, title, drawing), f"{base}.png", "image/png", ":material/image:"),
        ("SVG", lambda: cr.svg(chain, title, drawing), f"{base}.svg", "image/svg+xml", ":material/polyline:"),
        ("CSV (tabel)", lambda: cr.csv_text(chain), f"{base}.csv", "text/csv", ":material/table:"),
        (
            "Afdrukversie (HTML)",
            lambda: cr.print_html(chain, title, drawing, stages, counts, CONTEXT_NL),
            f"{base}-afdruk.html",
            "text/html",
            ":material/print:",
        ),
    ]
    for column, (label, data, name, mime, icon) in zip(st.columns(len(files)), files, strict=True):
        with column:
            st.download_button(
                f"Download {label}",
                data,
                file_name=name,
                mime=mime,
                key=f"dl-{key}-{name}",
                icon=icon,
                on_click="ignore",
            )


def _steps(chain: ch.Chain) -> None:
    if not chain.steps:
        return
    rows = get_kg().query("procedure.steps", {"id": chain.subject})
    if not rows:
        return
    with st.expander("Stappen van de procedure(s)", icon=":material/format_list_numbered:"):
        current = None
        for step in rows:
            if step.get("procedure_id") != current:
                current = step.get("procedure_id")
                st.markdown(f"**{esc(step.get('procedure'))}**")
            who = [a.get("name") for a in step.get("actors") or []] + [f.get("name") for f in step.get("forums") or []]
            who_text = ", ".join(esc(w) for w in who if w) or "het rapport noemt geen actor"
            st.markdown(f"{step.get('order')}\\. {esc(step.get('action'))} — *{who_text}* ({esc(step.get('source'))})")


def _context(chain: ch.Chain, key: str) -> None:
    counts = chain.context_counts()
    if not counts:
        return
    summary = ", ".join(f"{n} {CONTEXT_NL.get(k, k).lower()}" for k, n in counts.items())
    st.caption(f"Context (niet getekend): {esc(summary)}. Open een soort om de items te zien.")
    columns = st.columns(min(len(counts), 4))
    for i, (kind, items) in enumerate((k, chain.context[k]) for k in counts):
        with columns[i % len(columns)], st.expander(f"{CONTEXT_NL.get(kind, kind)} ({len(items)})"):
            for item in items:
                target, params = page_for(item.label, item.id)
                page_link(target, esc(item.name), params)
                if item.source:
                    st.caption(f"Bron: {esc(item.source)}")


def chain_alternatives(rows: list[Mapping[str, Any]]) -> list[list[str]]:
    """The chains between two nodes as numbered sentences, one list per alternative (best first)."""
    out = []
    for row in rows:
        names = {n["id"]: n.get("name") or n["id"] for n in row.get("nodes") or []}
        kinds = {n["id"]: label_nl(n.get("label")) for n in row.get("nodes") or []}
        sentences = []
        for rel in row.get("relationships") or []:
            source = f" ({rel['source']})" if rel.get("source") else ""
            sentences.append(
                f"{names.get(rel['start'], rel['start'])} ({kinds.get(rel['start'], '')}) — "
                f"{relation_nl(rel['type'])} → {names.get(rel['end'], rel['end'])} "
                f"({kinds.get(rel['end'], '')}){source}"
            )
        out.append(sentences)
    return out
