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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyvis.network import Network

from kennisgraaf.views.labels import label_nl, relation_nl

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
MAX_NODES = 25  # nodes drawn by default in a neighbourhood; more on request, per kind
LABEL_WIDTH = 24  # characters per label line: labels are wrapped, never cut
# Which kinds are drawn first when a neighbourhood is too large: the chain itself, then its context.
_KIND_PRIORITY = {
    **dict.fromkeys(("Measure", "Procedure", "Forum", "Organisation", "Role", "LegalBasis"), 0),
    **dict.fromkeys(("Tension", "Training", "Theme", "Programme", "Step"), 1),
}

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
    levels: dict[str, int] = field(default_factory=dict)  # when set: drawn left to right in these layers

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
        graph.levels = {node_id: i for i, node_id in enumerate(graph.nodes)}  # a chain reads left to right
    return graph


def count_kind(graph: Graph, kind: str) -> int:
    return sum(1 for n in graph.nodes.values() if n.label == kind)


def _distances(graph: Graph) -> dict[str, int]:
    """Steps from the centre to every node (ignoring direction)."""
    neighbours: dict[str, set[str]] = {n: set() for n in graph.nodes}
    for e in graph.edges:
        if e.start in neighbours and e.end in neighbours:
            neighbours[e.start].add(e.end)
            neighbours[e.end].add(e.start)
    start = graph.center if graph.center in graph.nodes else next(iter(graph.nodes), None)
    if start is None:
        return {}
    dist, frontier = {start: 0}, [start]
    while frontier:
        nxt = []
        for node in frontier:
            for other in sorted(neighbours[node]):
                if other not in dist:
                    dist[other] = dist[node] + 1
                    nxt.append(other)
        frontier = nxt
    return dist


def limit(graph: Graph, max_nodes: int = MAX_NODES, show_all: set[str] | None = None) -> tuple[Graph, dict[str, int]]:
    """At most about `max_nodes` nodes of a neighbourhood, most chain-like and nearest first (actors, forums,
    measures, procedures, laws before steps, tensions, findings, terms and other context); kinds in `show_all` are
    drawn in full.
    A node is only kept when a kept node links it to the centre. Returns the smaller graph and, per kind, how many
    nodes were left out."""
    show_all = show_all or set()
    if len(graph.nodes) <= max_nodes and not show_all:
        return graph, {}
    dist = _distances(graph)
    far = max(dist.values(), default=0) + 1
    ranked = sorted(
        graph.nodes.values(),
        key=lambda n: (n.id != graph.center, _KIND_PRIORITY.get(n.label, 2), dist.get(n.id, far), n.name.lower()),
    )
    links: dict[str, set[str]] = {n: set() for n in graph.nodes}
    for e in graph.edges:
        links.setdefault(e.start, set()).add(e.end)
        links.setdefault(e.end, set()).add(e.start)
    kept: set[str] = set()
    budget = max_nodes
    added = True
    while added:  # a node joins once a kept node links it to the centre: repeat until nothing more fits
        added = False
        for node in ranked:
            if node.id in kept:
                continue
            reachable = node.id == graph.center or any(
                o in kept and dist.get(o, far) < dist.get(node.id, far) for o in links.get(node.id, ())
            )
            if reachable and (node.label in show_all or budget > 0):
                kept.add(node.id)
                added = True
                if node.label not in show_all:
                    budget -= 1
    hidden: dict[str, int] = {}
    for node in graph.nodes.values():
        if node.id not in kept:
            hidden[node.label] = hidden.get(node.label, 0) + 1
    out = Graph(center=graph.center, truncated=graph.truncated, names=graph.names)
    out.nodes = {k: v for k, v in graph.nodes.items() if k in kept}
    out.edges = [e for e in graph.edges if e.start in kept and e.end in kept]
    ordered = {k: hidden[k] for k in sorted(hidden, key=lambda k: (-hidden[k], label_nl(k)))}
    return out, ordered


def wrap_label(text: str, width: int = LABEL_WIDTH) -> str:
    """A label on several lines of at most `width` characters, broken between words; never cut off."""
    import textwrap

    return "\n".join(textwrap.wrap(" ".join(text.split()), width=width, break_long_words=False)) or text


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
    from pyvis.network import Network  # with networkx, IPython and jinja2: loaded on the first picture only

    net = Network(height=f"{height_px}px", width="100%", directed=True, cdn_resources="in_line", heading="")
    for node in graph.nodes.values():
        colour, shape = STYLE.get(node.label, DEFAULT_STYLE)
        is_center = node.id == graph.center
        extra: dict[str, Any] = {"level": graph.levels[node.id]} if node.id in graph.levels else {}
        net.add_node(
            node.id,
            label=html.escape(wrap_label(node.name)),
            title=_tooltip(node),
            color=colour,
            shape=shape,
            size=26 if is_center else 16,
            borderWidth=4 if is_center else 1,
            font={"size": 16 if is_center else 13, "color": "#111111"},
            **extra,
        )
    for edge in graph.edges:
        if edge.start not in graph.nodes or edge.end not in graph.nodes:
            continue
        reading = relation_nl(edge.type)
        tooltip = reading + (f" — bron: {edge.source}" if edge.source else "")
        net.add_edge(edge.start, edge.end, label=html.escape(reading), title=html.escape(tooltip))
    options = _OPTIONS
    if graph.levels:  # a chain: left to right in layers (vis-network's hierarchical layout), no physics
        options = {
            **_OPTIONS,
            "layout": {
                "hierarchical": {
                    "enabled": True,
                    "direction": "LR",
                    "sortMethod": "directed",
                    "levelSeparation": 230,
                    "nodeSpacing": 90,
                }
            },
            "physics": {"enabled": False},
            "edges": {
                **_OPTIONS["edges"],
                "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal"},
            },
        }
    net.set_options(json.dumps(options))
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

# Once the layout has settled, stop the physics so that the picture stands still (nodes can still be dragged), and
# fit the whole picture into its frame — again whenever the frame changes size (e.g. a tab that is opened later,
# which is why the Spanningsvelden tab used to open zoomed in on a fragment).
_FREEZE_SCRIPT = """<script>
(function () {
  if (typeof network === "undefined" || !network) { return; }
  var box = document.getElementById("mynetwork");
  var fit = function () {
    network.fit({animation: false});
    if (network.getScale() > 1.2) { network.moveTo({scale: 1.2}); }
  };
  network.once("stabilizationIterationsDone", function () { network.setOptions({physics: {enabled: false}}); fit(); });
  network.once("afterDrawing", fit);
  if (window.ResizeObserver && box) {
    var last = 0;
    new ResizeObserver(function () {
      var w = box.clientWidth;
      if (w > 0 && w !== last) { last = w; network.redraw(); fit(); }
    }).observe(box);
  }
})();
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
