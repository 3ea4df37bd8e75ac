"""Loading is validated, idempotent, atomic, and survives duplicate relationship rows — on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.errors import KennisgraafError
from kennisgraaf.knowledge import KnowledgeSet, NodeRow, RelationRow
from kennisgraaf.seed import SeedInvalid
from kennisgraaf.settings import Settings
from kennisgraaf.stores.embedded_server import EmbeddedServer
from tests.conftest import ENGINES, SEED_DIR, make_store

FIXTURES = Path(__file__).resolve().parent.parent / "seed_fixtures"


@pytest.fixture(params=ENGINES)
def kg(
    request: pytest.FixtureRequest, embedded_server: EmbeddedServer, seed_knowledge: KnowledgeSet
) -> Iterator[Kennisgraaf]:
    """A store this test may change; Neo4j has one database, so the seed is put back afterwards."""
    kg = Kennisgraaf(make_store(request.param, embedded_server, graph_name="kgwrite"), Settings(seed_dir=SEED_DIR))
    kg.load_knowledge(seed_knowledge)
    yield kg
    kg.load_knowledge(seed_knowledge)
    kg.close()


class BrokenKnowledge(KnowledgeSet):
    """A knowledge set whose last node carries a map property, which both engines refuse mid-load."""

    def node_rows(self) -> list[NodeRow]:
        rows = super().node_rows()
        return [*rows, NodeRow("kapot", "Term", {"id": "kapot", "name": "kapot", "nested": {"a": {"b": 1}}})]


class DuplicatedRelations(KnowledgeSet):
    """The same relationship twice in one batch, with different properties."""

    def relation_rows(self) -> list[RelationRow]:
        rows = super().relation_rows()
        first = rows[0]
        twin = RelationRow(first.type, first.start, first.end, {**first.properties, "note": "tweede rij"})
        return [first, twin, *rows[1:]]


def test_reload_is_idempotent(kg: Kennisgraaf, seed_knowledge: KnowledgeSet) -> None:
    before = kg.counts()
    kg.load_knowledge(seed_knowledge)
    assert kg.counts() == before
    assert before == seed_knowledge.counts()


def test_load_reports_what_it_loaded(kg: Kennisgraaf) -> None:
    report = kg.load(SEED_DIR)
    assert report.nodes == sum(v for k, v in report.counts.items() if not k.isupper())
    assert report.counts["Measure"] == 38


def test_invalid_seed_writes_nothing(kg: Kennisgraaf) -> None:
    before = kg.counts()
    with pytest.raises(SeedInvalid):
        kg.load(FIXTURES / "wrong_kind")
    assert kg.counts() == before


def test_failed_load_leaves_previous_graph_untouched(kg: Kennisgraaf, seed_knowledge: KnowledgeSet) -> None:
    before = kg.counts()
    answer_before = kg.query("measure.detail", {"id": "m08"})
    broken = BrokenKnowledge(
        nodes=seed_knowledge.nodes,
        steps=seed_knowledge.steps,
        relations=seed_knowledge.relations,
        lexical=seed_knowledge.lexical,
    )
    with pytest.raises(KennisgraafError):
        kg.load_knowledge(broken)
    assert kg.counts() == before
    assert kg.query("measure.detail", {"id": "m08"}) == answer_before


def test_duplicate_relationship_row_neither_crashes_nor_is_lost(kg: Kennisgraaf, seed_knowledge: KnowledgeSet) -> None:
    doubled = DuplicatedRelations(
        nodes=seed_knowledge.nodes,
        steps=seed_knowledge.steps,
        relations=seed_knowledge.relations,
        lexical=seed_knowledge.lexical,
    )
    first = doubled.relation_rows()[0]
    kg.load_knowledge(doubled)
    rows = kg.query("entity.relations", {"id": first.start})
    matching = [r for r in rows if r["type"] == first.type and r["other_id"] == first.end and r["outgoing"]]
    assert len(matching) == 1
    assert kg.counts() == seed_knowledge.counts()
