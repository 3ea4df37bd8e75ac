"""Pictures of responsibility chains: rows of entity.neighbourhood / entity.chain to a self-contained pyvis HTML page.

Everything here is pure (no Streamlit, no database), so it can be tested directly. The HTML works air-gapped:
pyvis' in-line mode still links Bootstrap on a CDN and the in-lined vis-network script mentions URLs, so every
remote tag is removed and every remaining ``http(s)://`` text is neutralised (see :func:`offline_html`).
Every label, tooltip and heading is HTML-escaped, because pyvis shows tooltips with innerHTML.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pyvis.network import Network

from kennisgraaf.views.labels import label_nl, relation_nl, short

# One colour and one shape per node kind: the shape repeats the colour's information for colour-blind readers.
STYLE: dict[str, tuple[str, str]] = {
    "Programme": ("#4d4d4d", "star"),
    "Theme": ("#9e9e9e", "ellipse"),
    "Measure": ("#1f77b4", "box"),
    "Organisation": ("#ff7f0e", "dot"),
    "Role": ("#ffbb78", "dot"),
    "Forum": ("#2ca02c", "diamond"),
    "LegalBasis": ("#9467bd", "square"),
    "Procedure": ("#17becf", "triangle"),
    "Step": ("#9edae5", "triangleDown"),
    "Tension": ("#d62728", "star"),
    "Finding": ("#8c564b", "hexagon"),
    "GoodPractice": ("#98df8a", "hexagon"),
    "AttentionPoint": ("#e377c2", "hexagon"),
    "Recommendation": ("#bcbd22", "hexagon"),
    "Training": ("#c5b0d5", "ellipse"),
    "Term": ("#c7c7c7", "ellipse"),
    "ExternalFact": ("#7f7f7f", "triangleDown"),
}
DEFAULT_STYLE = ("#aaaaaa", "dot")
SHAPE_SYMBOL = {
    "star": "★",
    "ellipse": "◯",
    "box": "▬",
    "dot": "●",
    "diamond": "◆",
    "square": "■",
    "triangle": "▲",
    "triangleDown": "▼",
    "hexagon": "⬢",
}
MAX_EDGES = 400

_OPTIONS: dict[str, Any] = {
    "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "font": {"size": 11, "align": "middle", "face": "sans-serif"},
        "color": {"color": "#888888", "highlight": "#333333"},
        "smooth": {"enabled": True, "type": "dynamic"},
    },
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 140, "avoidOverlap": 0.4},
        "stabilization": {"enabled": True, "iterations": 300},
    },
    "interaction": {"hover": True, "navigationButtons": False, "keyboard": True, "tooltipDelay": 150},
}


@dataclass(frozen=True)
class GraphNode:
    """A node of a picture."""

    id: str
    label: str
    name: str


@dataclass(frozen=True)
class GraphEdge:
    """A relationship of a picture, with its source in the report."""

    start: str
    type: str
    end: str
    source: str | None = None


@dataclass
class Graph:
    """Nodes and relationships to draw; `center` is highlighted, `truncated` counts relationships left out."""

    nodes: dict[str, GraphNode] = field(default_factory=dict)
    edges: list[GraphEdge] = field(default_factory=list)
    center: str | None = None
    truncated: int = 0
    names: dict[str, str] = field(default_factory=dict)

    def add_node(self, node_id: str, label: str | None, name: str | None) -> None:
        if node_id not in self.nodes:
            self.nodes[node_id] = GraphNode(node_id, label or "", self.names.get(node_id) or name or node_id)

    def add_edge(self, edge: GraphEdge) -> None:
        if edge not in self.edges:
            self.edges.append(edge)

    def kinds(self) -> list[str]:
        """The node kinds present, in legend order."""
        present = {n.label for n in self.nodes.values()}
        return [k for k in STYLE if k in present] + sorted(present - set(STYLE))


def from_neighbourhood(
    rows: Iterable[Mapping[str, Any]],
    center: GraphNode | None = None,
    max_edges: int = MAX_EDGES,
    names: Mapping[str, str] | None = None,
) -> Graph:
    """A graph from entity.neighbourhood rows (start, start_label, start_name, type, end, end_label, end_name, source).

    `names` gives shorter display names by node id (e.g. 'Maatregel 8: bevriezingsmaatregel' for a measure's title).
    """
    graph = Graph(center=center.id if center else None, names=dict(names or {}))
    if center is not None:
        graph.add_node(center.id, center.label, center.name)
    for count, row in enumerate(rows):
        if count >= max_edges:
            graph.truncated += 1
            continue
        graph.add_node(str(row["start"]), row.get("start_label"), row.get("start_name"))
        graph.add_node(str(row["end"]), row.get("end_label"), row.get("end_name"))
        graph.add_edge(GraphEdge(str(row["start"]), str(row["type"]), str(row["end"]), row.get("source")))
    return graph


def from_chain(rows: Sequence[Mapping[str, Any]], names: Mapping[str, str] | None = None) -> Graph:
    """A graph from the (at most one) entity.chain row: nodes [{id,label,name}], relationships [{type,start,end}].

    `names` gives shorter display names by node id, as in :func:`from_neighbourhood`.
    """
    graph = Graph(names=dict(names or {}))
    if not rows:
        return graph
    row = rows[0]
    for node in row.get("nodes") or []:
        graph.add_node(str(node["id"]), node.get("label"), node.get("name"))
    for rel in row.get("relationships") or []:
        graph.add_edge(GraphEdge(str(rel["start"]), str(rel["type"]), str(rel["end"]), rel.get("source")))
    if graph.nodes:
        graph.center = next(iter(graph.nodes))
    return graph


def edge_table(graph: Graph) -> list[dict[str, str]]:
    """The picture as rows for an accessible table: Van, Relatie, Naar (each node with its kind) and Bron."""
    def named(node_id: str) -> str:
        node = graph.nodes.get(node_id)
        return f"{node.name} ({label_nl(node.label)})" if node else node_id

    out = [
        {"Van": named(e.start), "Relatie": relation_nl(e.type), "Naar": named(e.end), "Bron": e.source or ""}
        for e in graph.edges
    ]
    if not out:
        out = [{"Van": named(n), "Relatie": "", "Naar": "", "Bron": ""} for n in graph.nodes]
    return out


def chain_steps(graph: Graph) -> list[str]:
    """A chain read as numbered sentences: 'Gemeenten — kan verzoeken om → Ontheffing …'."""
    steps: list[str] = []
    for edge in graph.edges:
        start, end = graph.nodes.get(edge.start), graph.nodes.get(edge.end)
        steps.append(
            f"{start.name if start else edge.start} — {relation_nl(edge.type)} → {end.name if end else edge.end}"
            + (f" ({edge.source})" if edge.source else "")
        )
    return steps


def legend(graph: Graph) -> list[tuple[str, str, str]]:
    """(Dutch kind, colour, shape symbol) for every node kind in the picture."""
    out = []
    for kind in graph.kinds():
        colour, shape = STYLE.get(kind, DEFAULT_STYLE)
        out.append((label_nl(kind), colour, SHAPE_SYMBOL.get(shape, "●")))
    return out


def _tooltip(node: GraphNode) -> str:
    return html.escape(f"{node.name}\n{label_nl(node.label)} · {node.id}")


def build_network(graph: Graph, height_px: int = 600) -> Network:
    """The pyvis Network of a graph; every text it receives is HTML-escaped."""
    net = Network(height=f"{height_px}px", width="100%", directed=True, cdn_resources="in_line", heading="")
    for node in graph.nodes.values():
        colour, shape = STYLE.get(node.label, DEFAULT_STYLE)
        is_center = node.id == graph.center
        net.add_node(
            node.id,
            label=html.escape(short(node.name)),
            title=_tooltip(node),
            color=colour,
            shape=shape,
            size=26 if is_center else 16,
            borderWidth=4 if is_center else 1,
            font={"size": 16 if is_center else 13, "color": "#111111"},
        )
    for edge in graph.edges:
        if edge.start not in graph.nodes or edge.end not in graph.nodes:
            continue
        reading = relation_nl(edge.type)
        tooltip = reading + (f" — bron: {edge.source}" if edge.source else "")
        net.add_edge(edge.start, edge.end, label=html.escape(reading), title=html.escape(tooltip))
    net.set_options(json.dumps(_OPTIONS))
    return net


def _legend_html(graph: Graph) -> str:
    items = "".join(
        f'<li><span aria-hidden="true" style="color:{colour};font-size:1.2em">{html.escape(symbol)}</span> '
        f"{html.escape(kind)}</li>"
        for kind, colour, symbol in legend(graph)
    )
    return f'<ul class="kg-legend" aria-label="Legenda">{items}</ul>'


def _table_html(graph: Graph) -> str:
    rows = edge_table(graph)
    if not rows:
        return ""
    head = "".join(f'<th scope="col">{html.escape(k)}</th>' for k in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row.values()) + "</tr>" for row in rows)
    return (
        '<details class="kg-table"><summary>De keten als tabel</summary>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
    )


_STYLE_BLOCK = """<style>
body { font-family: sans-serif; margin: 0; }
h1.kg-heading { font-size: 1.1rem; margin: 0.3rem 0.5rem; }
ul.kg-legend { list-style: none; padding: 0; margin: 0.2rem 0.5rem; display: flex; flex-wrap: wrap; gap: 0.4rem 1rem;
  font-size: 0.85rem; }
details.kg-table { clear: both; margin: 0.5rem; font-size: 0.85rem; }
details.kg-table table { border-collapse: collapse; }
details.kg-table th, details.kg-table td { border: 1px solid #ccc; padding: 0.2rem 0.4rem; text-align: left; }
</style>"""

# Once the layout has settled, stop the physics so that the picture stands still (nodes can still be dragged).
_FREEZE_SCRIPT = """<script>
if (typeof network !== "undefined" && network) {
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    network.fit();
    if (network.getScale() > 1.2) { network.moveTo({scale: 1.2}); }
  });
}
</script>"""

_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.IGNORECASE)
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_RAW_BLOCK = re.compile(r"(<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>)", re.IGNORECASE | re.DOTALL)
_URL_SCHEME = re.compile(r"(https?):(?=//)", re.IGNORECASE)
_URL_IN_CODE = re.compile(r"(https?)://", re.IGNORECASE)
_REMOTE_ANY = re.compile(r"https?://|(?:src|href)\s*=\s*[\"']?//", re.IGNORECASE)


def offline_html(page: str) -> str:
    """Remove every remote <link>/<script> and neutralise every other http(s):// text, so nothing can load remotely.

    Inside scripts and styles ``http://x`` becomes ``http:\\/\\/x`` (the same string to JavaScript and CSS, so the
    vis-network SVG namespace keeps working); elsewhere the colon becomes ``&#58;`` (the same text to a reader).
    HTML comments outside scripts are dropped.
    """
    parts = _RAW_BLOCK.split(page)
    for i, part in enumerate(parts):
        if i % 2:  # a script or style block
            parts[i] = "" if _REMOTE_SCRIPT.match(part) else _URL_IN_CODE.sub(lambda m: m.group(1) + ":\\/\\/", part)
        else:
            part = _REMOTE_LINK.sub("", _COMMENT.sub("", part))
            parts[i] = _URL_SCHEME.sub(lambda m: m.group(1) + "&#58;", part)
    out = "".join(parts)
    if _REMOTE_ANY.search(out):  # pragma: no cover - a future pyvis with a new kind of remote reference
        raise ValueError("De grafiek-HTML verwijst nog naar een externe bron.")
    return out


def render_html(graph: Graph, heading: str, height_px: int = 600, with_table: bool = False) -> str:
    """A self-contained HTML page with the picture, a legend and (for downloads) the same content as a table."""
    page = build_network(graph, height_px).generate_html()
    top = f'<h1 class="kg-heading">{html.escape(heading)}</h1>' if heading else ""
    top += _legend_html(graph)
    page = page.replace("<html>", '<!DOCTYPE html>\n<html lang="nl">', 1)
    page = page.replace("</head>", _STYLE_BLOCK + "\n</head>", 1)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    page = re.sub(r"<body>", lambda _m: "<body>\n" + top, page, count=1)
    tail = _table_html(graph) if with_table else ""
    page = page.replace("</body>", tail + _FREEZE_SCRIPT + "\n</body>", 1)
    return offline_html(page)
