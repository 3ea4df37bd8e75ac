"""seed → models → graph → export → models loses nothing, on both engines."""

from __future__ import annotations

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.export import knowledge_from_document
from kennisgraaf.knowledge import KnowledgeSet


def test_round_trip_loses_nothing(loaded: Kennisgraaf, seed_knowledge: KnowledgeSet) -> None:
    document = loaded.export()
    assert {"nodes", "relationships"} == set(document)
    assert all(set(n) == {"id", "labels", "properties"} for n in document["nodes"])
    assert all(set(r) == {"type", "start", "end", "properties"} for r in document["relationships"])
    rebuilt = knowledge_from_document(document)
    assert rebuilt.nodes == seed_knowledge.nodes
    assert sorted(rebuilt.relation_rows(), key=repr) == sorted(seed_knowledge.relation_rows(), key=repr)
    assert rebuilt.counts() == seed_knowledge.counts()


def test_export_holds_no_internal_properties(loaded: Kennisgraaf) -> None:
    for node in loaded.export()["nodes"]:
        assert "search_text" not in node["properties"]
        assert node["labels"] != ["Entity"]
