"""One export document ({"nodes": [...], "relationships": [...]}) in every format: json, graphml, csv, ttl, jsonld.

`kennisgraaf export` and the HTTP API both render through `render_export`, so they write the same documents.
CSV is one file per node kind (`nodes-<Label>.csv`) and one for relationships (`relationships.csv`); lists are
JSON arrays in their cell. GraphML is written by networkx; list properties become JSON text there too.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx

from kennisgraaf.errors import KennisgraafError
from kennisgraaf.linked_data import DEFAULT_IRI_BASE, to_jsonld, to_turtle

FORMATS: dict[str, str] = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "csv": "application/zip",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
}
FILE_NAMES = {fmt: f"kennisgraaf.{'zip' if fmt == 'csv' else fmt}" for fmt in FORMATS}
RELATIONSHIPS_FILE = "relationships.csv"


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise KennisgraafError(f"Exportformaat '{fmt}' wordt niet ondersteund; kies {', '.join(FORMATS)}.")
    return fmt


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _table(rows: list[dict[str, Any]], first: list[str]) -> str:
    columns = first + sorted({k for row in rows for k in row} - set(first))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def csv_files(document: dict[str, Any]) -> dict[str, str]:
    """File name -> CSV text: one file per node kind, one for all relationships."""
    by_label: dict[str, list[dict[str, Any]]] = {}
    for node in document["nodes"]:
        by_label.setdefault(node["labels"][0], []).append({**node["properties"], "id": node["id"]})
    files = {f"nodes-{label}.csv": _table(rows, ["id"]) for label, rows in sorted(by_label.items())}
    relationships = [
        {**r["properties"], "type": r["type"], "start": r["start"], "end": r["end"]} for r in document["relationships"]
    ]
    files[RELATIONSHIPS_FILE] = _table(relationships, ["type", "start", "end"])
    return files


def csv_zip(document: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_files(document).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _graphml_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _unify_types(items: list[dict[str, Any]]) -> None:
    """GraphML declares one type per attribute: where an attribute mixes types, write it as text everywhere."""
    kinds: dict[str, set[type]] = {}
    for attrs in items:
        for key, value in attrs.items():
            kinds.setdefault(key, set()).add(type(value))
    mixed = {k for k, v in kinds.items() if len(v) > 1}
    for attrs in items:
        for key in mixed & set(attrs):
            attrs[key] = _cell(attrs[key])


def to_graphml(document: dict[str, Any]) -> str:
    graph = nx.MultiDiGraph(name="kennisgraaf")
    node_attrs = [
        {"label": n["labels"][0], **{k: _graphml_value(v) for k, v in n["properties"].items() if v is not None}}
        for n in document["nodes"]
    ]
    edge_attrs = [
        {"type": r["type"], **{k: _graphml_value(v) for k, v in r["properties"].items() if v is not None}}
        for r in document["relationships"]
    ]
    _unify_types(node_attrs)
    _unify_types(edge_attrs)
    for node, attrs in zip(document["nodes"], node_attrs, strict=True):
        attrs.pop("id", None)
        graph.add_node(node["id"], **attrs)
    for rel, attrs in zip(document["relationships"], edge_attrs, strict=True):
        graph.add_edge(rel["start"], rel["end"], key=rel["type"], **attrs)
    return "\n".join(nx.generate_graphml(graph, encoding="utf-8", prettyprint=True)) + "\n"


def render_export(document: dict[str, Any], fmt: str, iri_base: str = DEFAULT_IRI_BASE) -> bytes:
    """The document in one format, as the bytes to write or send."""
    check_format(fmt)
    if fmt == "json":
        return (json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n").encode()
    if fmt == "graphml":
        return to_graphml(document).encode()
    if fmt == "csv":
        return csv_zip(document)
    if fmt == "ttl":
        return to_turtle(document, iri_base).encode()
    return (to_jsonld(document, iri_base) + "\n").encode()


def write_export(document: dict[str, Any], fmt: str, output: Path, iri_base: str = DEFAULT_IRI_BASE) -> list[Path]:
    """Write the export to output; CSV goes to a directory unless output ends in .zip. Returns what was written."""
    check_format(fmt)
    if fmt == "csv" and output.suffix.lower() != ".zip":
        output.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in csv_files(document).items():
            (output / name).write_text(text, encoding="utf-8")
            written.append(output / name)
        return written
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(render_export(document, fmt, iri_base))
    return [output]
