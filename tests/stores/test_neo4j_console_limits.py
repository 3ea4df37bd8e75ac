"""Neo4j's console limits: the test server sets a per-transaction memory limit, console transactions are tagged,
and a query over that limit is ended with a clear Dutch message (collected only when a real Neo4j runs)."""

from __future__ import annotations

import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.errors import QueryTooHeavy
from kennisgraaf.settings import Neo4jSettings, Settings
from kennisgraaf.stores.neo4j_store import Neo4jStore
from tests.conftest import SEED_DIR


@pytest.fixture(scope="module")
def neo4j_kg() -> Kennisgraaf:
    return Kennisgraaf(Neo4jStore(Neo4jSettings()), Settings(seed_dir=SEED_DIR))


def test_the_server_limits_the_memory_of_one_transaction(neo4j_kg: Kennisgraaf) -> None:
    store = neo4j_kg.store
    assert isinstance(store, Neo4jStore)
    rows = store._read(
        "CALL dbms.listConfig('db.memory.transaction.max') YIELD name, value RETURN value", {}, 5000
    )
    assert rows and rows[0]["value"] not in ("0B", "0", ""), rows


def test_a_query_over_the_transaction_memory_limit_is_too_heavy(neo4j_kg: Kennisgraaf) -> None:
    heavy = "UNWIND range(1, 60000000) AS i WITH collect(i) AS l RETURN size(l) AS n"
    with pytest.raises(QueryTooHeavy, match="te zwaar en is afgebroken"):  # a long timeout: memory must stop it
        neo4j_kg.store.run_readonly(heavy, {}, timeout_ms=60000, row_limit=10)
