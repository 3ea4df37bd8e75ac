"""Fast, deterministic Turtle and JSON-LD writers for one rdflib Graph.

rdflib's own serializers are correct but slow on the whole graph (~34,000 triples: Turtle ~13 s, JSON-LD ~6 s on
the loaded development machine); these write the same triples, grouped by subject and sorted, in ~2 s, and the same
graph always gives the same bytes. The tests parse both back with rdflib and compare the triples.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def _by_subject(graph: Graph) -> dict[Node, list[tuple[Node, Node]]]:
    grouped: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for subject, predicate, obj in graph:
        grouped[subject].append((predicate, obj))
    return grouped


def write_turtle(graph: Graph) -> str:
    """Turtle: the graph's prefixes, then one block per subject (sorted), its predicate-object pairs sorted."""
    names = graph.namespace_manager
    lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in sorted(names.namespaces())]
    lines.append("")
    for subject, pairs in sorted(_by_subject(graph).items()):
        body = " ;\n    ".join(f"{p.n3(names)} {o.n3(names)}" for p, o in sorted(pairs))
        lines.append(f"{subject.n3(names)} {body} .\n")
    return "\n".join(lines)


class _Compactor:
    """IRIs as compact IRIs (prefix:rest) where a context prefix fits, else in full."""

    def __init__(self, context: dict[str, str]) -> None:
        self.prefixes = sorted(context.items(), key=lambda item: -len(item[1]))

    def iri(self, node: Node) -> str:
        if isinstance(node, BNode):
            return f"_:{node}"
        text = str(node)
        for prefix, namespace in self.prefixes:
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        return text

    def value(self, node: Node) -> Any:
        if isinstance(node, Literal):
            if node.language:
                return {"@value": str(node), "@language": node.language}
            if node.datatype and node.datatype != _STRING:
                return {"@value": str(node), "@type": self.iri(node.datatype)}
            return str(node)
        return {"@id": self.iri(node)}


def write_jsonld(graph: Graph, context: dict[str, str]) -> str:
    """JSON-LD: the context of prefixes and a @graph with one object per subject (sorted)."""
    compact = _Compactor(context)
    objects = []
    for subject, pairs in sorted(_by_subject(graph).items()):
        item: dict[str, Any] = {"@id": compact.iri(subject)}
        types = sorted(compact.iri(o) for p, o in pairs if p == RDF.type)
        if types:
            item["@type"] = types
        values: dict[str, list[Any]] = defaultdict(list)
        for predicate, obj in sorted(pairs):
            if predicate != RDF.type:
                values[compact.iri(predicate)].append(compact.value(obj))
        item.update(values)
        objects.append(item)
    return json.dumps({"@context": context, "@graph": objects}, ensure_ascii=False, indent=1)
