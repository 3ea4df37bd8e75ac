"""The graph as JSON ({"nodes": [...], "relationships": [...]}) and back into a KnowledgeSet."""

from __future__ import annotations

from typing import Any

from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.models import NODE_MODELS, Relation, Step
from kennisgraaf.schema import LEXICAL

LEXICAL_LABELS = frozenset({"Section", "Passage"})

INTERNAL_PROPERTIES = ("search_text", "label")
_MODEL_BY_LABEL = {m.label: m for m in NODE_MODELS}
_STEP_LINKS = {"BY": "actor", "IN": "forum", "BASED_ON": "legal_basis"}


def _public(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in sorted(props.items()) if k not in INTERNAL_PROPERTIES}


def export_document(node_rows: list[dict[str, Any]], relation_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The export shape of the design notes, from the rows of meta.export_nodes and meta.export_relationships."""
    return {
        "nodes": [{"id": r["id"], "labels": [r["label"]], "properties": _public(r["properties"])} for r in node_rows],
        "relationships": [
            {"type": r["type"], "start": r["start"], "end": r["end"], "properties": _public(r["properties"] or {})}
            for r in relation_rows
        ],
    }


def knowledge_from_document(document: dict[str, Any]) -> KnowledgeSet:
    """Rebuild the models from an export: procedures get their steps back from Step nodes and their links.

    The report's sections and passages are derived data: they are left out here and rebuilt from source/
    (kennisgraaf.lexical) when the export held them.
    """
    lexical_ids = {n["id"] for n in document["nodes"] if n["labels"][0] in LEXICAL_LABELS}
    document = {
        "nodes": [n for n in document["nodes"] if n["id"] not in lexical_ids],
        "relationships": [
            {**r, "properties": {k: v for k, v in r["properties"].items() if k != "passages"}}
            for r in document["relationships"]
            if r["type"] not in LEXICAL and r["start"] not in lexical_ids and r["end"] not in lexical_ids
        ],
    }
    step_props = {n["id"]: dict(n["properties"]) for n in document["nodes"] if n["labels"] == ["Step"]}
    step_owner: dict[str, str] = {}
    plain_relations = []
    for rel in document["relationships"]:
        if rel["type"] == "HAS_STEP":
            step_owner[rel["end"]] = rel["start"]
        elif rel["start"] in step_props and rel["type"] in _STEP_LINKS:
            step_props[rel["start"]][_STEP_LINKS[rel["type"]]] = rel["end"]
        else:
            plain_relations.append(rel)
    steps_of: dict[str, list[dict[str, Any]]] = {}
    for step_id, props in step_props.items():
        fields = {k: v for k, v in props.items() if k in Step.model_fields}
        steps_of.setdefault(step_owner[step_id], []).append(fields)
    knowledge = KnowledgeSet()
    for node in document["nodes"]:
        label = node["labels"][0]
        if label == "Step":
            continue
        data = dict(node["properties"])
        if node["id"] in steps_of:
            data["steps"] = sorted(steps_of[node["id"]], key=lambda s: s["order"])
        knowledge.add_node(_MODEL_BY_LABEL[label].model_validate(data))
    for rel in plain_relations:
        knowledge.add_relation(
            Relation.model_validate({"from": rel["start"], "type": rel["type"], "to": rel["end"], **rel["properties"]})
        )
    if lexical_ids:
        from kennisgraaf.lexical import add_lexical_layer

        add_lexical_layer(knowledge)
    return knowledge
