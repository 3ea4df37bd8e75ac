"""What every page shares: the one Kennisgraaf, the page registry, links between pages and small renderers."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.ask import Answer
from kennisgraaf.settings import get_settings
from kennisgraaf.views import network, warm
from kennisgraaf.views.labels import display_name, label_nl, page_for
from kennisgraaf.views.rapport import RAPPORT_PAGE, report_link


@dataclass(frozen=True)
class PageSpec:
    """One page of the app: its module, title, url path and icon."""

    file: str
    title: str
    url_path: str
    icon: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("app_pages/vraag.py", "Vraag", "vraag", ":material/question_answer:"),
    PageSpec("app_pages/maatregelen.py", "Maatregelen", "maatregelen", ":material/checklist:"),
    PageSpec("app_pages/organisaties.py", "Organisaties", "organisaties", ":material/apartment:"),
    PageSpec("app_pages/overleggen.py", "Overleggen", "overleggen", ":material/groups:"),
    PageSpec("app_pages/wetgeving.py", "Wetgeving", "wetgeving", ":material/gavel:"),
    PageSpec("app_pages/keten.py", "Verantwoordelijkheidsketen", "keten", ":material/hub:"),
    PageSpec("app_pages/spanningsvelden.py", "Spanningsvelden", "spanningsvelden", ":material/compare_arrows:"),
    PageSpec("app_pages/onboarding.py", "Onboarding casusoverleg", "onboarding", ":material/school:"),
    PageSpec("app_pages/begrippen.py", "Begrippen", "begrippen", ":material/menu_book:"),
    PageSpec("app_pages/rapport.py", "Rapport", "rapport", ":material/description:"),
    PageSpec("app_pages/cypher.py", "Cypher", "cypher", ":material/terminal:"),
    PageSpec("app_pages/over.py", "Over", "over", ":material/info:"),
)
PAGE_FILES: dict[str, str] = {p.url_path: p.file for p in PAGES}
PAGE_OBJECTS: dict[str, Any] = {}  # url path -> the st.Page of the current run (set by streamlit_app.py)


@st.cache_resource(show_spinner="De kennisbank wordt geopend …")
def get_kg() -> Kennisgraaf:
    """The one Kennisgraaf of this server, shared by all sessions; the seed is loaded on first use (or was, in the
    background, while `kennisgraaf serve` started: kennisgraaf.views.warm)."""
    settings = get_settings()
    kg = warm.take(settings) or Kennisgraaf(settings=settings)
    kg.ensure_loaded()
    return kg


def graph_version() -> str:
    """Changes whenever this server opens or (re)loads the graph: part of the key of every cache below."""
    kg = get_kg()
    return f"{id(kg)}:{kg.version}"


@st.cache_resource(max_entries=2048, show_spinner=False)
def _answer(question: str, version: str) -> Answer:
    return get_kg().ask(question)


def ask(question: str) -> Answer:
    """The answer to a question, computed once per question and graph version for all sessions (never mutate it)."""
    return _answer(question, graph_version())


@st.cache_data(max_entries=512, show_spinner=False)
def _rows(query_id: str, params_json: str, version: str) -> list[dict[str, Any]]:
    return get_kg().query(query_id, json.loads(params_json))


def cached_query(query_id: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """The rows of a catalogue query, cached per query, parameters and graph version (each caller gets a copy)."""
    return _rows(query_id, json.dumps(dict(params or {}), sort_keys=True), graph_version())


# -- shell: language, theme details, accessibility ------------------------------------------------------------------
SHELL_CSS = (Path(__file__).parent / "shell.css").read_text(encoding="utf-8")
SHELL_JS = (Path(__file__).parent / "shell.js").read_text(encoding="utf-8")
# Streamlit sanitises st.html with DOMPurify, which drops a script whose text holds "<" followed by a letter or "/".
assert not re.search(r"<[/\w]", SHELL_JS), "app/shell.js must not contain '<' followed by a letter or '/'"


def shell() -> None:
    """On every page: <html lang="nl">, icons hidden from screen readers, visible focus, links that look like links,
    and no English "Press Enter to submit form" hint (see shell.css and shell.js)."""
    st.html(f"<style>{SHELL_CSS}</style><script>{SHELL_JS}</script>", unsafe_allow_javascript=True)


# -- text --------------------------------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|$~:])")


def detail_row(query_id: str, node_id: str, kind: str) -> dict[str, Any] | None:
    """The single row of a detail query, or a warning that the node does not exist."""
    found = cached_query(query_id, {"id": node_id})
    if not found:
        not_found(kind, node_id)
        return None
    return found[0]


def not_found(kind: str, node_id: str) -> None:
    """An id from a link that does not exist: say so, and offer a search."""
    st.warning(f"{kind} '{node_id}' niet gevonden. Kies hieronder uit de lijst (typ om te zoeken) of stel een vraag.")
    page_link("vraag", f"Zoek '{esc(node_id)}' met een vraag", {"vraag": node_id})


def esc(text: Any) -> str:
    """Text from the knowledge base made safe for st.markdown (no markup, no LaTeX, no emoji codes)."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def paragraphs(text: str | None) -> str:
    """Escaped text with its line breaks kept."""
    return "  \n".join(esc(line) for line in (text or "").splitlines())


def param(name: str) -> str | None:
    """A query parameter of the current URL (deep links), or None."""
    value = st.query_params.get(name)
    return value or None


def set_param(name: str, value: str | None) -> None:
    """Keep the URL in step with what is shown, so that it can be shared and reopened."""
    if value:
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]


# -- links ---------------------------------------------------------------------------------------------------------
def page_link(url_path: str, label: str, params: Mapping[str, str] | None = None, icon: str | None = None) -> None:
    st.page_link(PAGE_FILES[url_path], label=label, query_params=dict(params or {}), icon=icon)


def entity_link(node: Mapping[str, Any], suffix: str = "", show_kind: bool = True) -> None:
    """A link to the page that shows a node (its detail page, or else the chain page)."""
    node_id = str(node.get("id"))
    target, params = page_for(node.get("label"), node_id)
    name = display_name(node) or node_id
    kind = f" ({label_nl(node.get('label'))})" if show_kind and node.get("label") else ""
    page_link(target, esc(f"{name}{kind}{suffix}"), params)


def entity_links(nodes: Iterable[Mapping[str, Any]], label: str | None = None, empty: str | None = None) -> None:
    """Several links under an optional bold heading; `empty` is shown when there are none."""
    nodes = list(nodes)
    if label and (nodes or empty):
        st.markdown(f"**{esc(label)}**")
    if not nodes and empty:
        st.caption(empty)
    seen: set[tuple[str, str]] = set()
    for node in nodes:
        key = (str(node.get("id")), str(node.get("relation") or node.get("how") or ""))
        if key in seen:
            continue
        seen.add(key)
        extra = []
        if node.get("how"):
            extra.append(str(node["how"]))
        if node.get("instrument"):
            extra.append(str(node["instrument"]))
        entity_link(node, f" — {', '.join(extra)}" if extra else "")


def aliases(names: Iterable[str] | None, limit: int = 8) -> None:
    """The other names a node goes by (search words, abbreviations, English)."""
    names = [n for n in names or [] if n]
    if names:
        more = f" en {len(names) - limit} meer" if len(names) > limit else ""
        st.caption("Ook bekend als: " + ", ".join(esc(n) for n in names[:limit]) + more)


def source_line(source: str | None, quote: str | None = None, url: str | None = None) -> None:
    """The source of a statement: report section and quote with a link to its passage, or 'extern' with its URL."""
    if not source and not quote:
        return
    if source == "external" or url:
        text = ":orange-badge[extern]"
        if url:
            text += f" [{esc(url)}]({url})"
    else:
        text = f"Bron: **{esc(source)}**"
    if quote:
        text += f" — „{esc(quote)}”"
    st.caption(text)
    if source != "external" and not url:
        report_source_link(source, quote)


def report_source_link(source: str | None, quote: str | None = None, passage: str | None = None) -> None:
    """A link to the place in the report (Rapport page) where a source's quote stands, if the report has it."""
    link = report_link(source, quote, passage)
    if link is not None:
        page_link(RAPPORT_PAGE, f"Lees in het rapport: {esc(link.label)}", link.params, icon=":material/description:")


def external_facts(facts: Iterable[Mapping[str, Any]]) -> None:
    """External notes (after the 2017 report), clearly marked."""
    for fact in facts:
        with st.container(border=True):
            st.markdown(f":orange-badge[Extern (sinds 2017)] **{esc(fact.get('name'))}**")
            st.markdown(paragraphs(fact.get("summary")))
            meta = []
            if fact.get("checked"):
                meta.append(f"gecontroleerd {esc(fact['checked'])}")
            if fact.get("confidence"):
                meta.append(f"betrouwbaarheid {esc(fact['confidence'])}")
            url = fact.get("source_url")
            st.caption(" · ".join(meta) + (f" · [{esc(url)}]({url})" if url else ""))


def table(rows: list[dict[str, Any]], height: int | str = "auto", **kwargs: Any) -> Any:
    """A read-only table of rows; lists are shown as comma-separated text."""
    import pandas as pd  # not needed to answer a question: loaded on the first page that shows a table

    frame = pd.DataFrame(
        [{k: ", ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()} for row in rows]
    )
    return st.dataframe(frame, hide_index=True, width="stretch", height=height, **kwargs)


def picker(
    label: str,
    rows: list[dict[str, Any]],
    param_name: str = "id",
    fmt: Callable[[dict[str, Any]], str] | None = None,
    placeholder: str = "Kies …",
) -> dict[str, Any] | None:
    """A select box over rows whose value lives in the URL (?id=…), so that every detail view has a link."""
    by_id = {str(r["id"]): r for r in rows}
    ids = list(by_id)
    current = param(param_name)
    index = ids.index(current) if current in by_id else None
    if current and current not in by_id:
        not_found(label.replace(" bekijken", ""), current)
    chosen = st.selectbox(
        label,
        ids,
        index=index,
        placeholder=placeholder,
        format_func=lambda i: fmt(by_id[i]) if fmt else str(by_id[i].get("name") or i),
    )
    set_param(param_name, chosen)
    return by_id.get(chosen) if chosen else None


# -- pictures ------------------------------------------------------------------------------------------------------
@st.cache_data(max_entries=128, show_spinner=False)
def rendered(graph: network.Graph, heading: str, height: int = 600, with_table: bool = False) -> str:
    """The pyvis HTML of a picture, rendered once per graph (the same picture for every session)."""
    return network.render_html(graph, heading, height_px=height, with_table=with_table)


def picture(graph: network.Graph, heading: str, file_name: str, key: str, height: int = 560) -> str:
    """The pyvis picture with, under it, the same content as a table, and an HTML download (with heading and table)."""
    if graph.truncated:
        st.warning(
            f"De omgeving is groot: {graph.truncated} relaties zijn weggelaten. "
            "Kies minder diepte of minder relatietypen."
        )
    page = rendered(graph, "", height)
    alt = f"Netwerkplaatje: {heading}. Dezelfde inhoud staat in de tabel eronder."
    st.iframe(page, height=height + 70, alt=alt)
    rows = network.edge_table(graph)
    with st.expander("Dezelfde inhoud als tabel", expanded=len(rows) <= 12, icon=":material/table:"):
        if len(rows) <= 80:  # a static table wraps long names instead of cutting them off
            import pandas as pd

            st.table(pd.DataFrame(rows))
        else:
            table(rows, height=min(height, 35 * (len(rows) + 1) + 3))
    st.download_button(
        "Download als HTML",
        lambda: rendered(graph, heading, with_table=True),  # made only when someone downloads it
        file_name=file_name,
        mime="text/html",
        key=f"download-{key}",
        icon=":material/download:",
        on_click="ignore",
    )
    return page
