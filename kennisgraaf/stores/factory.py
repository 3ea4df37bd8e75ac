"""Open the configured GraphStore: embedded FalkorDB by default, Neo4j when KENNISGRAAF_BACKEND=neo4j."""

from __future__ import annotations

from kennisgraaf.settings import Neo4jSettings, Settings, get_settings
from kennisgraaf.stores.base import GraphStore


def open_store(settings: Settings | None = None, backend: str | None = None) -> GraphStore:
    """A store for `backend` (or the configured one); nothing is started until it is first used."""
    settings = settings or get_settings()
    chosen = backend or settings.backend
    if chosen == "neo4j":
        from kennisgraaf.stores.neo4j_store import Neo4jStore

        return Neo4jStore(Neo4jSettings(), query_timeout_ms=settings.query_timeout_ms)
    if chosen == "embedded":
        from kennisgraaf.stores.embedded_server import EmbeddedServer
        from kennisgraaf.stores.falkordb_store import FalkorDBStore

        server = EmbeddedServer(settings.data_dir, settings.query_timeout_ms)
        return FalkorDBStore(server, settings.graph_name, settings.query_timeout_ms)
    raise ValueError(f"Onbekende backend '{chosen}': kies embedded of neo4j")
