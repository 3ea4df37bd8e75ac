"""Neo4j down, wrong credentials, back again: clear messages, no stack trace, no password in any output.

Collected only when a real Neo4j runs (NEO4J_URI set; always in CI, see conftest.collect_ignore)."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlparse

import pytest
from pydantic import SecretStr

from kennisgraaf.errors import StoreUnavailable
from kennisgraaf.settings import Neo4jSettings
from kennisgraaf.stores.neo4j_store import Neo4jStore
from tests.tcp_forwarder import Forwarder, free_port

COUNT = "meta.counts"


def _store(**changes: object) -> Neo4jStore:
    return Neo4jStore(Neo4jSettings().model_copy(update=changes))


def _counts(store: Neo4jStore) -> dict[str, int]:
    from kennisgraaf.catalogue import get_query

    return {r["label"]: r["count"] for r in store.run(get_query(COUNT))}


def test_wrong_password_is_a_clear_error_without_the_password() -> None:
    store = _store(password=SecretStr("dit-is-fout-1234"))
    with pytest.raises(StoreUnavailable) as caught:
        _counts(store)
    assert "inloggegevens" in str(caught.value)
    assert "dit-is-fout-1234" not in str(caught.value)


def test_empty_password_is_refused_before_connecting() -> None:
    with pytest.raises(StoreUnavailable, match="NEO4J_PASSWORD"):
        _counts(_store(password=SecretStr("")))


def test_down_then_back_the_same_store_recovers() -> None:
    real = urlparse(os.environ["NEO4J_URI"])
    port = free_port()
    store = _store(uri=f"bolt://127.0.0.1:{port}")
    with pytest.raises(StoreUnavailable, match="niet bereikbaar"):
        _counts(store)
    forwarder = Forwarder(port, (real.hostname or "127.0.0.1", real.port or 7687))
    forwarder.start()
    try:
        assert _counts(store)["Measure"] == 38
        forwarder.stop()
        with pytest.raises(StoreUnavailable):
            _counts(store)
        forwarder.start()
        assert _counts(store)["Measure"] == 38
    finally:
        forwarder.stop()
        store.close()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"NEO4J_PASSWORD": "verkeerd-wachtwoord-99"}, "inloggegevens"),
        ({"NEO4J_URI": "bolt://127.0.0.1:1"}, "niet bereikbaar"),
        ({"NEO4J_PASSWORD": ""}, "NEO4J_PASSWORD"),
    ],
)
def test_cli_says_what_is_wrong(env: dict[str, str], expected: str) -> None:
    full = {**os.environ, **env, "KENNISGRAAF_BACKEND": "neo4j"}
    full.pop("KENNISGRAAF_DEBUG", None)
    result = subprocess.run([sys.executable, "-m", "kennisgraaf", "query", COUNT], env=full, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    password = env.get("NEO4J_PASSWORD") or os.environ.get("NEO4J_PASSWORD", "")
    if password:
        assert password not in result.stderr + result.stdout
