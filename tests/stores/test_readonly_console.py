"""The console refuses every write, schema change and admin procedure — by the engine, on both engines."""

from __future__ import annotations

import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.errors import KennisgraafError, QueryFailed

ATTEMPTS = [
    "CREATE (n:Hack {id: 'x'}) RETURN n",
    "CREATE (n:Hack)",
    "MERGE (n:Entity {id: 'hack'}) RETURN n",
    "MATCH (n:Measure {id: 'm08'}) SET n.name = 'gehackt' RETURN n",
    "MATCH (n:Measure {id: 'm08'}) SET n:Hack RETURN n",
    "MATCH (n:Measure {id: 'm08'}) REMOVE n.summary RETURN n",
    "MATCH (n:Measure {id: 'm08'}) DELETE n",
    "MATCH (n:Measure {id: 'm08'}) DETACH DELETE n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (a:Entity {id: 'om'}), (b:Entity {id: 'm08'}) CREATE (a)-[:HACK]->(b)",
    "MATCH (a:Entity {id: 'om'}), (b:Entity {id: 'm08'}) MERGE (a)-[r:HACK]->(b) RETURN r",
    "MATCH ()-[r]->() DELETE r",
    "UNWIND range(1, 10) AS i CREATE (:Hack {i: i})",
    "WITH 1 AS x CREATE (:Hack {x: x})",
    "MATCH (n:Measure) WITH n LIMIT 1 SET n.inspected = false",
    "MATCH (n:Measure {id: 'm08'}) SET n += {name: 'gehackt'}",
    "MATCH (n:Measure {id: 'm08'}) SET n = {}",
    "OPTIONAL MATCH (n:Nothing) MERGE (:Hack)",
    "CREATE INDEX FOR (n:Measure) ON (n.short_name)",
    "DROP INDEX ON :Entity(id)",
    "CREATE CONSTRAINT hack FOR (n:Hack) REQUIRE n.id IS UNIQUE",
    "CALL db.idx.fulltext.createNodeIndex('Hack', 'name')",
    "CALL db.idx.fulltext.drop('Entity')",
    "CALL db.index.fulltext.createNodeIndex('hack', ['Hack'], ['name'])",
    "CALL dbms.security.createUser('hacker', 'wachtwoord', false)",
    "CALL dbms.killQueries(['x'])",
    "CALL db.clearQueryCaches()",
    "CALL db.createLabel('Hack')",
    "CALL db.createProperty('hack')",
    "LOAD CSV FROM 'file:///etc/passwd' AS row CREATE (:Hack {line: row[0]})",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "MATCH (n) RETURN n; CREATE (:Hack)",
    "CREATE (:Hack); MATCH (n) RETURN n",
    "FOREACH (i IN [1, 2] | CREATE (:Hack {i: i}))",
    "CALL { CREATE (:Hack) } RETURN 1",
    "CREATE DATABASE hack",
    "DROP DATABASE neo4j",
]


def test_there_are_at_least_30_attempts() -> None:
    assert len(ATTEMPTS) >= 30


@pytest.mark.parametrize("cypher", ATTEMPTS)
def test_write_attempt_is_refused_and_changes_nothing(loaded: Kennisgraaf, cypher: str) -> None:
    before = loaded.counts()
    name = loaded.query("entity.get", {"ids": ["m08"]})[0]["name"]
    with pytest.raises(KennisgraafError):
        loaded.readonly(cypher)
    assert loaded.counts() == before
    assert loaded.query("entity.get", {"ids": ["m08"]})[0]["name"] == name


def test_reads_work_with_parameters_and_row_limit(loaded: Kennisgraaf) -> None:
    rows = loaded.readonly("MATCH (m:Measure) WHERE m.number <= $n RETURN m.number AS n ORDER BY n", {"n": 3})
    assert [r["n"] for r in rows] == [1, 2, 3]
    assert len(loaded.readonly("UNWIND range(1, 100000) AS i RETURN i")) == loaded.settings.console_row_limit


def test_slow_query_is_stopped_by_its_timeout(loaded: Kennisgraaf) -> None:
    slow = "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b WITH a, b WHERE a * b % 7 = 3 RETURN count(*) AS c"
    with pytest.raises(QueryFailed, match="ms"):
        loaded.store.run_readonly(slow, {}, timeout_ms=200, row_limit=10)
