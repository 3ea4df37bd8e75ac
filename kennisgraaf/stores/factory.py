"""Open the configured GraphStore: embedded FalkorDB by default, Neo4j when KENNISGRAAF_BACKEND=neo4j."""

from __future__ import annotations

from kennisgraaf.settings import Neo4jSettings, Settings, get_settings
from kennisgraaf.stores.base import GraphStore
from kennisgraaf.stores.console_sandbox import ConsoleLimits


def open_store(settings: Settings | None = None, backend: str | None = None) -> GraphStore:
    """A store for `backend` (or the configured one); nothing is started until it is first used."""
    settings = settings or get_settings()
    chosen = backend or settings.backend
    if chosen == "neo4j":
        from kennisgraaf.stores.neo4j_store import Neo4jStore, neo4j_console

        store = Neo4jStore(
            Neo4jSettings(),
            query_timeout_ms=settings.query_timeout_ms,
            console_max_running=settings.console_max_running,
            console_kill_margin_ms=settings.console_kill_margin_ms,
        )
        if not settings.console_on_neo4j:  # the default: console queries on a FalkorDB copy, never on Neo4j
            store.console = neo4j_console(store, settings.data_dir, settings.graph_name, console_limits(settings))
        return store
    if chosen == "embedded":
        from kennisgraaf.stores.embedded_server import EmbeddedServer
        from kennisgraaf.stores.falkordb_store import FalkorDBStore

        server = EmbeddedServer(settings.data_dir, settings.query_timeout_ms)
        return FalkorDBStore(server, settings.graph_name, settings.query_timeout_ms, console_limits(settings))
    raise ValueError(f"Onbekende backend '{chosen}': kies embedded of neo4j")


def console_limits(settings: Settings) -> ConsoleLimits:
    """What bounds a console query on its sacrificial FalkorDB copy (both engines)."""
    return ConsoleLimits(
        timeout_ms=settings.console_timeout_ms,
        row_limit=settings.console_row_limit,
        max_running=settings.console_max_running,
        kill_margin_ms=settings.console_kill_margin_ms,
        memory_mb=settings.console_memory_mb,
        query_memory_mb=settings.console_query_memory_mb,
    )
