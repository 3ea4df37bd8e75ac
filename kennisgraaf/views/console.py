"""The Cypher console's picture: the nodes a result mentions, and the relationships between them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kennisgraaf.views.network import Graph, GraphEdge

if TYPE_CHECKING:
    from kennisgraaf.api import Kennisgraaf

MAX_NODES = 60


def candidate_ids(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Strings in a result that may be node ids: the columns' string values (also in lists), and the `id` of maps
    (nodes come back as maps; their other properties are not ids)."""
    seen: dict[str, None] = {}

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if 0 < len(value) <= 120 and "\n" not in value:
                seen.setdefault(value)
        elif isinstance(value, Mapping):
            node_id = value.get("id")
            if isinstance(node_id, str):
                seen.setdefault(node_id)  # a node: its other properties are not ids
            else:
                for item in value.values():
                    walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    for row in rows:
        for value in row.values():
            walk(value)
    return list(seen)


def console_graph(kg: Kennisgraaf, rows: list[dict[str, Any]], max_nodes: int = MAX_NODES) -> Graph | None:
    """The graph of the nodes a console result names (at most `max_nodes`), or None when it names none."""
    ids = candidate_ids(rows)
    if not ids:
        return None
    found = kg.query("entity.get", {"ids": ids[: max_nodes * 4]})[:max_nodes]
    if not found:
        return None
    graph = Graph()
    for node in found:
        graph.add_node(str(node["id"]), node.get("label"), node.get("name"))
    for node_id in list(graph.nodes):
        for rel in kg.query("entity.relations", {"id": node_id}):
            other = rel.get("other_id")
            if other in graph.nodes:
                start, end = (node_id, other) if rel.get("outgoing") else (other, node_id)
                graph.add_edge(GraphEdge(start, str(rel["type"]), end, rel.get("source")))
    return graph


def display_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows with nested values (maps, lists) as JSON text, so that any result fits a table."""
    out = []
    for row in rows:
        out.append(
            {
                str(k): json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (dict, list, tuple)) else v
                for k, v in row.items()
            }
        )
    return out
