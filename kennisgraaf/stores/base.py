"""The GraphStore protocol and what both engines share: row batching, schema and value conversion."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import Any, Protocol

from kennisgraaf.catalogue import Query
from kennisgraaf.knowledge import KnowledgeSet, NodeRow, RelationRow

BATCH_SIZE = 5000
ENTITY = "Entity"  # every node also carries this label, so that one index serves lookups by id


class GraphStore(Protocol):
    """What the rest of Kennisgraaf needs from a graph engine."""

    engine: str

    def load(self, knowledge: KnowledgeSet) -> dict[str, int]:
        """Replace the graph with `knowledge` atomically; return counts per label and type."""

    def run(self, query: Query, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a catalogue query with parameters."""

    def run_readonly(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int, row_limit: int
    ) -> list[dict[str, Any]]:
        """Run user-written Cypher that the engine itself guarantees to be read-only."""

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type in the live graph."""

    def close(self) -> None:
        """Release connections (the embedded server keeps running for the next use)."""


def search_text(props: dict[str, Any]) -> str:
    """One string with everything people may search a node by."""
    parts: list[str] = []
    for key in (
        "name",
        "short_name",
        "abbreviation",
        "law",
        "article",
        "summary",
        "definition",
        "decides",
        "resolution",
        "population",
        "audience",
    ):
        value = props.get(key)
        if isinstance(value, str):
            parts.append(value)
    parts.extend(str(a) for a in props.get("aliases", []) or [])
    return " | ".join(parts)


def node_batches(rows: Sequence[NodeRow]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Batches of {id, props} per label, each node's props with its search text."""
    ordered = sorted(rows, key=lambda r: r.label)
    for label, group in groupby(ordered, key=lambda r: r.label):
        batch: list[dict[str, Any]] = []
        for row in group:
            props = dict(row.properties)
            props["search_text"] = search_text(props)
            batch.append({"id": row.id, "props": props})
            if len(batch) >= BATCH_SIZE:
                yield label, batch
                batch = []
        if batch:
            yield label, batch


def relation_batches(rows: Sequence[RelationRow]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Batches per type, de-duplicated by (start, type, end) with later properties winning.

    FalkorDB crashes when one UNWIND batch MERGEs the same relationship twice with ON MATCH SET
    (upstream issues 1956 and 2196), so no batch may hold the same relationship twice.
    """
    unique: dict[tuple[str, str, str], RelationRow] = {}
    for row in rows:
        key = (row.start, row.type, row.end)
        if key in unique:
            merged = {**unique[key].properties, **row.properties}
            unique[key] = RelationRow(row.type, row.start, row.end, merged)
        else:
            unique[key] = row
    ordered = sorted(unique.values(), key=lambda r: (r.type, r.start, r.end))
    for rel_type, group in groupby(ordered, key=lambda r: r.type):
        batch: list[dict[str, Any]] = []
        for row in group:
            batch.append({"start": row.start, "end": row.end, "props": dict(row.properties)})
            if len(batch) >= BATCH_SIZE:
                yield rel_type, batch
                batch = []
        if batch:
            yield rel_type, batch


def plain(value: Any) -> Any:
    """Engine values to plain JSON-able Python (nodes and relationships as maps)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # FalkorDB returns sum() of integers as a float
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    labels = getattr(value, "labels", None)
    props = getattr(value, "properties", None)
    if props is None and hasattr(value, "items"):
        props = dict(value.items())
    if props is not None:
        out = {k: plain(v) for k, v in dict(props).items() if k != "search_text"}
        if labels is not None:
            out["_labels"] = sorted(str(label) for label in labels if label != ENTITY)
        rel_type = getattr(value, "relation", None) or getattr(value, "type", None)
        if isinstance(rel_type, str):
            out["_type"] = rel_type
        return out
    return json.loads(json.dumps(value, default=str))


def merge_counts(label_rows: list[dict[str, Any]], type_rows: list[dict[str, Any]]) -> dict[str, int]:
    out = {str(r["label"]): int(r["count"]) for r in label_rows if r["label"] != ENTITY}
    out.update({str(r["type"]): int(r["count"]) for r in type_rows})
    return dict(sorted(out.items()))
