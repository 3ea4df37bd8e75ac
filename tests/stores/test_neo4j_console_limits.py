"""The operator's opt-in: console queries on Neo4j itself (KENNISGRAAF_CONSOLE_ON_NEO4J). The test server sets a
per-transaction memory limit, console transactions are tagged, writes are refused by Neo4j, and a query over that
limit is ended with a clear Dutch message (collected only when a real Neo4j runs). Runaway expressions are not run
here: on this path Neo4j cannot end them (README, "The console's guarantees")."""

from __future__ import annotations

import time

import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.errors import KennisgraafError, QueryTooHeavy
from kennisgraaf.settings import Settings
from kennisgraaf.stores.factory import open_store
from kennisgraaf.stores.neo4j_store import Neo4jStore
from tests.conftest import SEED_DIR, make_neo4j_store, short_tmp_dir
from tests.stores.test_readonly_console import ATTEMPTS


def wait_until_neo4j_console_is_free(kg: Kennisgraaf, limit_s: float = 120.0) -> float:
    """Neo4j keeps computing some expressions after their timeout; wait until its console transactions ended."""
    store = kg.store
    assert isinstance(store, Neo4jStore)
    started = time.monotonic()
    while store._console_transactions():
        assert time.monotonic() - started < limit_s, "Neo4j still runs console transactions"
        time.sleep(1)
    return time.monotonic() - started


@pytest.fixture(scope="module")
def neo4j_kg() -> Kennisgraaf:
    return Kennisgraaf(make_neo4j_store(None), Settings(seed_dir=SEED_DIR))


def test_the_opt_in_is_explicit(monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = short_tmp_dir("kg-optin-")
    default = open_store(Settings(data_dir=data_dir), backend="neo4j")
    opted_in = open_store(Settings(data_dir=data_dir, console_on_neo4j=True), backend="neo4j")
    assert isinstance(default, Neo4jStore) and isinstance(opted_in, Neo4jStore)
    assert default.console is not None and default.console_engine == "falkordb"
    assert opted_in.console is None and opted_in.console_engine == "neo4j"
    monkeypatch.setenv("KENNISGRAAF_CONSOLE_ON_NEO4J", "true")
    assert Settings().console_on_neo4j is True


def test_the_server_limits_the_memory_of_one_transaction(neo4j_kg: Kennisgraaf) -> None:
    store = neo4j_kg.store
    assert isinstance(store, Neo4jStore)
    rows = store._read(
        "CALL dbms.listConfig('db.memory.transaction.max') YIELD name, value RETURN value", {}, 5000
    )
    assert rows and rows[0]["value"] not in ("0B", "0", ""), rows


@pytest.mark.parametrize("loaded", ["neo4j"], indirect=True)  # the seed in Neo4j
def test_writes_are_refused_by_neo4j(loaded: Kennisgraaf, neo4j_kg: Kennisgraaf) -> None:
    assert loaded.engine == "neo4j"
    before = neo4j_kg.export()
    for cypher in ATTEMPTS:
        with pytest.raises(KennisgraafError):
            neo4j_kg.readonly(cypher)
    assert neo4j_kg.export() == before


def test_a_query_over_the_transaction_memory_limit_is_too_heavy(neo4j_kg: Kennisgraaf) -> None:
    heavy = "UNWIND range(1, 60000000) AS i WITH collect(i) AS l RETURN size(l) AS n"
    wait_until_neo4j_console_is_free(neo4j_kg)  # earlier tests' stopped queries may still be ending
    with pytest.raises(QueryTooHeavy, match="te zwaar en is afgebroken"):  # a long timeout: memory must stop it
        neo4j_kg.store.run_readonly(heavy, {}, timeout_ms=60000, row_limit=10)
