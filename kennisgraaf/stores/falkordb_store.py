"""The embedded engine: FalkorDB on a unix socket, with stage-and-swap loading."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from falkordb import FalkorDB
from redis.exceptions import ResponseError

from kennisgraaf.catalogue import QUERIES_DIR, Query, statement_file
from kennisgraaf.errors import QueryFailed, QueryRefused, StoreUnavailable
from kennisgraaf.knowledge import KnowledgeSet, NodeRow, RelationRow
from kennisgraaf.stores.base import ENTITY, merge_counts, node_batches, plain, relation_batches
from kennisgraaf.stores.console_sandbox import ConsoleLimits, ConsoleSandbox, EmbeddedSource
from kennisgraaf.stores.embedded_server import EmbeddedServer

T = TypeVar("T")
_WRITE_HINTS = ("read-only", "is a write", "write query", "graph.ro_query")


class FalkorDBStore:
    """GraphStore over an EmbeddedServer. The live graph is the one the pointer key names.

    Console queries (run_readonly) never run on that server: they run on a ConsoleSandbox, a capped and watched
    copy in its own server process.
    """

    engine = "falkordb"
    console_engine = "falkordb"  # the Cypher dialect of the console

    def __init__(
        self,
        server: EmbeddedServer,
        graph_name: str = "kennisgraaf",
        query_timeout_ms: int = 5000,
        console_limits: ConsoleLimits | None = None,
    ) -> None:
        self.server = server
        self.graph_name = graph_name
        self.pointer_key = f"{graph_name}:active"
        self.query_timeout_ms = query_timeout_ms
        self.console = ConsoleSandbox(
            server.data_dir, graph_name, EmbeddedSource(server, self.pointer_key), console_limits or ConsoleLimits()
        )
        self._db: FalkorDB | None = None

    # -- connection and recovery -------------------------------------------------------------------
    def _connect(self) -> FalkorDB:
        if self._db is None:
            self.server.ensure_running()
            self._db = FalkorDB(unix_socket_path=str(self.server.socket_path), socket_timeout=70)
        return self._db

    def _with_recovery(self, action: Callable[[FalkorDB], T]) -> T:
        """Run `action`; if the server died, restart it (its AOF restores the data) and try once more."""
        for attempt in (1, 2):
            try:
                return action(self._connect())
            except (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError, OSError) as exc:
                self._drop_connection()
                if attempt == 2:
                    raise StoreUnavailable(f"De ingebouwde grafenserver reageert niet: {exc}") from exc
                self.server.ensure_running()
        raise AssertionError("unreachable")

    def _drop_connection(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):  # closing a dead connection may fail in many ways
                self._db.connection.close()
        self._db = None

    def _active_name(self, db: FalkorDB) -> str | None:
        value = db.connection.get(self.pointer_key)
        if value is None:
            return None
        return value.decode() if isinstance(value, bytes) else str(value)

    # -- reading -----------------------------------------------------------------------------------
    def run(self, query: Query, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        # Catalogue queries only read: GRAPH.RO_QUERY enforces that, and keeps answering when the disk is full.
        return self._query(
            query.cypher_for(self.engine), params or {}, readonly=True, timeout_ms=self.query_timeout_ms
        )

    def run_readonly(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int, row_limit: int
    ) -> list[dict[str, Any]]:
        """User-written Cypher: on the console's sacrificial copy, never on the server that answers questions."""
        return self.console.run(cypher, params or {}, timeout_ms=timeout_ms, row_limit=row_limit)

    def _query(self, cypher: str, params: dict[str, Any], *, readonly: bool, timeout_ms: int) -> list[dict[str, Any]]:
        def action(db: FalkorDB) -> list[dict[str, Any]]:
            name = self._active_name(db)
            if name is None:
                return []
            graph = db.select_graph(name)
            try:
                result = (graph.ro_query if readonly else graph.query)(cypher, params, timeout=timeout_ms)
            except ResponseError as exc:
                message = str(exc)
                if readonly and any(h in message.lower() for h in _WRITE_HINTS):
                    raise QueryRefused("Alleen lezen: de console voert geen schrijfopdrachten uit.") from exc
                if "timed out" in message.lower() or "timeout" in message.lower():
                    raise QueryFailed(f"De query duurde langer dan {timeout_ms} ms en is gestopt.") from exc
                raise QueryFailed(f"De database weigerde de query: {message}") from exc
            columns = [h[1] if isinstance(h, (list, tuple)) else str(h) for h in result.header]
            columns = [c.decode() if isinstance(c, bytes) else c for c in columns]
            return [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in result.result_set]

        return self._with_recovery(action)

    def counts(self) -> dict[str, int]:
        def action(db: FalkorDB) -> dict[str, int]:
            name = self._active_name(db)
            if name is None:
                return {}
            graph = db.select_graph(name)
            labels = graph.ro_query("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count").result_set
            types = graph.ro_query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count").result_set
            return merge_counts(
                [{"label": r[0], "count": r[1]} for r in labels], [{"type": r[0], "count": r[1]} for r in types]
            )

        return self._with_recovery(action)

    # -- loading -----------------------------------------------------------------------------------
    def load(self, knowledge: KnowledgeSet) -> dict[str, int]:
        """Build the new graph under a staging name, check it, then flip the pointer: all or nothing."""

        node_rows, relation_rows = knowledge.node_rows(), knowledge.relation_rows()

        def action(db: FalkorDB) -> dict[str, int]:
            active = self._active_name(db)
            self._delete_stale(db, active)
            staging = f"{self.graph_name}_{time.time_ns()}"
            graph = db.select_graph(staging)
            try:
                self._create_schema(graph)
                self._write(graph, node_rows, relation_rows)
                self._check(graph, len(node_rows))
                db.connection.set(self.pointer_key, staging)
            except BaseException:
                _delete_graph(graph)
                raise
            if active and active != staging:
                _delete_graph(db.select_graph(active))
            _compact_log(db)
            return self.counts()

        try:
            return self._with_recovery(action)
        except ResponseError as exc:
            raise QueryFailed(f"Laden mislukt, de vorige graaf is ongewijzigd: {exc}") from exc

    def _delete_stale(self, db: FalkorDB, active: str | None) -> None:
        """Staging graphs left by a load that failed and could not clean up (e.g. a full disk)."""
        prefix = f"{self.graph_name}_"
        for name in db.list_graphs():
            name = name.decode() if isinstance(name, bytes) else str(name)
            if name.startswith(prefix) and name != active and name[len(prefix):].isdigit():
                _delete_graph(db.select_graph(name))

    def _create_schema(self, graph: Any) -> None:
        create_schema(graph)

    def _write(self, graph: Any, node_rows: list[NodeRow], relation_rows: list[RelationRow]) -> None:
        write_rows(graph, node_rows, relation_rows)

    def _check(self, graph: Any, expected: int) -> None:
        check_nodes(graph, expected)

    def drop(self) -> None:
        """Delete the live graph (for tests and `load --reset`)."""

        def action(db: FalkorDB) -> None:
            name = self._active_name(db)
            if name:
                _delete_graph(db.select_graph(name))
            db.connection.delete(self.pointer_key)

        self._with_recovery(action)

    def close(self) -> None:
        self._drop_connection()


def _compact_log(db: FalkorDB) -> None:
    """Rewrite the append-only file in the background so that it holds the live graph only. Without this it keeps
    every load ever made, and a restart replays them all (about a second per load: after a few dozen loads the
    server would take longer to start than anyone waits)."""
    with contextlib.suppress(ResponseError):  # a rewrite already running: Redis schedules one after it
        db.connection.bgrewriteaof()


def _delete_graph(graph: Any) -> None:
    with contextlib.suppress(ResponseError, redis.ConnectionError):
        graph.delete()


def create_schema(graph: Any) -> None:
    """The unique constraint on Entity.id and the full-text indexes (queries/_schema/falkordb.cypher)."""
    statements = statement_file("_schema/falkordb.cypher")
    stopwords = (QUERIES_DIR / "_schema" / "dutch_stopwords.txt").read_text(encoding="utf-8").split()
    graph.query(statements[0])
    graph.create_node_unique_constraint(ENTITY, "id")
    for statement in statements[1:]:
        graph.query(statement, {"stopwords": stopwords})


def write_rows(graph: Any, node_rows: list[NodeRow], relation_rows: list[RelationRow]) -> None:
    """Nodes, then relationships, in batched UNWIND ... MERGE (queries/_write)."""
    node_stmt = statement_file("_write/merge_nodes.cypher")[0]
    rel_stmt = statement_file("_write/merge_relationships.cypher")[0]
    for label, batch in node_batches(node_rows):
        graph.query(node_stmt.replace("__LABEL__", label), {"rows": batch})
    for rel_type, batch in relation_batches(relation_rows):
        graph.query(rel_stmt.replace("__TYPE__", rel_type), {"rows": batch})


def check_nodes(graph: Any, expected: int) -> None:
    nodes = graph.query("MATCH (n) RETURN count(n)").result_set[0][0]
    if int(nodes) != expected:
        raise QueryFailed(f"Laden onvolledig: {nodes} van {expected} knopen geschreven")
