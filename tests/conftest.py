"""Shared fixtures: the real seed, and the real engines — embedded FalkorDB always, Neo4j when .ci/run started it.

The engine list is decided once: FalkorDB always; Neo4j whenever NEO4J_URI is set (scripts/test.sh starts a real
Neo4j and sets it). In CI a missing Neo4j is a failure, not a skip: see pytest_configure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.errors import ConsoleBusy
from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.lexical import read_knowledge
from kennisgraaf.settings import PROJECT_ROOT, Neo4jSettings, Settings
from kennisgraaf.stores.console_sandbox import ConsoleLimits
from kennisgraaf.stores.embedded_server import CONSOLE_DIR, CONSOLE_NAME, EmbeddedServer
from kennisgraaf.stores.falkordb_store import FalkorDBStore
from kennisgraaf.stores.neo4j_store import Neo4jStore, neo4j_console

SEED_DIR = PROJECT_ROOT / "seed"
ENGINES = ["falkordb", *(["neo4j"] if os.environ.get("NEO4J_URI") else [])]
# Tests that need a real Neo4j are not collected without one (never the case in CI: pytest_configure).
collect_ignore = [] if "neo4j" in ENGINES else ["stores/test_neo4j_faults.py", "stores/test_neo4j_console_limits.py"]


def pytest_configure(config: pytest.Config) -> None:
    # Collecting only (the Python matrix in .ci/run) runs no test, so it needs no Neo4j.
    if os.environ.get("CI") and "neo4j" not in ENGINES and not config.option.collectonly:
        raise pytest.UsageError("CI must run every test against a real Neo4j: NEO4J_URI is not set (see .ci/run).")


def pytest_report_header() -> str:
    return f"kennisgraaf engines under test: {', '.join(ENGINES)}"


def short_tmp_dir(prefix: str) -> Path:
    """A short path: unix socket paths must stay under ~100 bytes."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))


@pytest.fixture(scope="session")
def seed_knowledge() -> KnowledgeSet:
    """The seed with the report's lexical layer: what `kennisgraaf load` writes."""
    return read_knowledge(SEED_DIR)


@pytest.fixture(scope="session")
def embedded_server() -> Iterator[EmbeddedServer]:
    data_dir = short_tmp_dir("kg-test-")
    server = EmbeddedServer(data_dir)
    yield server
    server.stop()
    stop_console(neo4j_console_dir(server))
    shutil.rmtree(data_dir, ignore_errors=True)


def neo4j_console_dir(embedded: EmbeddedServer) -> Path:
    """Where the Neo4j stores of the tests keep the console's FalkorDB copy (beside the embedded test server's)."""
    return embedded.data_dir / "neo4j"


def stop_console(data_dir: Path) -> None:
    EmbeddedServer(data_dir / CONSOLE_DIR, name=CONSOLE_NAME, persistent=False).stop()


def make_neo4j_store(console_dir: Path | None, graph_name: str = "kgtest") -> Neo4jStore:
    """A Neo4j store as a deployment opens it: console queries on a FalkorDB copy in `console_dir` (the default);
    None runs them on Neo4j itself (the operator's opt-in, KENNISGRAAF_CONSOLE_ON_NEO4J)."""
    store = Neo4jStore(Neo4jSettings())
    if console_dir is not None:
        store.console = neo4j_console(store, console_dir, graph_name, ConsoleLimits())
    return store


def make_store(engine: str, embedded: EmbeddedServer, graph_name: str = "kgtest") -> FalkorDBStore | Neo4jStore:
    if engine == "falkordb":
        return FalkorDBStore(embedded, graph_name=graph_name)
    return make_neo4j_store(neo4j_console_dir(embedded), graph_name)


@pytest.fixture(scope="session", params=ENGINES)
def loaded(
    request: pytest.FixtureRequest, embedded_server: EmbeddedServer, seed_knowledge: KnowledgeSet
) -> Iterator[Kennisgraaf]:
    """The real seed loaded into each engine, shared by read-only tests (one load per engine per session)."""
    store = make_store(request.param, embedded_server, graph_name="kgread")
    kg = Kennisgraaf(store, Settings(seed_dir=SEED_DIR))
    kg.load_knowledge(seed_knowledge)
    ready_console(kg)
    yield kg
    kg.close()


def ready_console(kg: Kennisgraaf, within_s: float = 120.0) -> None:
    """Wait until the console's copy of a freshly loaded graph is made. A console query waits for the copy only a
    few seconds and is then refused ("wordt bijgewerkt", tested in tests/stores/test_console_isolation.py); tests
    of what the console does with a query start from a made copy."""
    deadline = time.monotonic() + within_s
    while True:
        try:
            kg.readonly("RETURN 1 AS ready")
            return
        except ConsoleBusy:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture(scope="session")
def loaded_by_engine(embedded_server: EmbeddedServer, seed_knowledge: KnowledgeSet) -> Iterator[dict[str, Kennisgraaf]]:
    """Every engine loaded with the seed at once, for tests that compare engines."""
    out = {}
    for engine in ENGINES:
        kg = Kennisgraaf(make_store(engine, embedded_server, graph_name="kgcompare"), Settings(seed_dir=SEED_DIR))
        kg.load_knowledge(seed_knowledge)
        out[engine] = kg
    yield out
    for kg in out.values():
        kg.close()


@pytest.fixture(scope="session")
def embedded_kg(embedded_server: EmbeddedServer, seed_knowledge: KnowledgeSet) -> Iterator[Kennisgraaf]:
    """The seed on the embedded engine only (question answering, app)."""
    kg = Kennisgraaf(FalkorDBStore(embedded_server, graph_name="kgask"), Settings(seed_dir=SEED_DIR))
    kg.load_knowledge(seed_knowledge)
    yield kg
    kg.close()
