"""The production engine: Neo4j through the official driver, loading in one transaction.

Console queries do not run on Neo4j by default: Neo4j 5.26 cannot end a list comprehension or `reduce` over a huge
range (it runs on past the timeout, unseen by its memory limits, until the heap is full). They run on the same
sacrificial FalkorDB copy as on the embedded engine, written from the graph in Neo4j (Neo4jCopySource) and
refreshed whenever a load — from any process — changed it. Running them on Neo4j itself (READ session, timeout,
the server's transaction memory limit) is an operator's explicit opt-in (KENNISGRAAF_CONSOLE_ON_NEO4J), not
protected against such expressions.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import neo4j
from neo4j import GraphDatabase
from neo4j import Query as DriverQuery
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from kennisgraaf.catalogue import Query, statement_file
from kennisgraaf.errors import ConsoleBusy, KennisgraafError, QueryFailed, QueryRefused, QueryTooHeavy, StoreUnavailable
from kennisgraaf.knowledge import KnowledgeSet, NodeRow, RelationRow
from kennisgraaf.settings import Neo4jSettings
from kennisgraaf.stores.base import ENTITY, merge_counts, node_batches, plain, relation_batches

if TYPE_CHECKING:
    import redis

    from kennisgraaf.stores.console_sandbox import ConsoleLimits, ConsoleSandbox

_COUNT_LABELS = "MATCH (n:Entity) UNWIND labels(n) AS label RETURN label, count(*) AS count"
_VERSION = statement_file("_console/neo4j_version.cypher")[0]
_COPY_NODES = statement_file("_console/neo4j_copy_nodes.cypher")[0]
_COPY_RELATIONSHIPS = statement_file("_console/neo4j_copy_relationships.cypher")[0]
_WRITE_VERSION = statement_file("_write/neo4j_graph_version.cypher")[0]
_COUNT_TYPES = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count"


# Console transactions carry this metadata, so that the ones still running on the server can be counted and ended.
CONSOLE_TAG = "kennisgraaf-console"
_RUNNING_CONSOLE = statement_file("_console/neo4j_running.cypher")[0]
_TERMINATE = "TERMINATE TRANSACTIONS $ids"

# Read-only plans that still reach outside the graph: LOAD CSV reads local files and fetches URLs.
_REFUSED_OPERATORS = frozenset({"LoadCSV"})


def _plan_operators(plan: Any) -> set[str]:
    """Operator names in an EXPLAIN plan (e.g. 'LoadCSV@neo4j' → 'LoadCSV')."""
    if not plan:
        return set()
    operator = str(plan.get("operatorType", "")).split("@")[0]
    found = {operator}
    for child in plan.get("children", []) or []:
        found |= _plan_operators(child)
    return found


class Neo4jStore:
    """GraphStore over a Neo4j 5 server.

    `console`: the sacrificial FalkorDB copy that console queries (run_readonly) run on (see neo4j_console); None
    runs them on Neo4j itself — the operator's opt-in, which cannot end a runaway expression.
    """

    engine = "neo4j"

    def __init__(
        self,
        settings: Neo4jSettings,
        query_timeout_ms: int = 5000,
        console_max_running: int = 2,
        console_kill_margin_ms: int = 1000,
        console: ConsoleSandbox | None = None,
    ) -> None:
        self.settings = settings
        self.query_timeout_ms = query_timeout_ms
        self.console_max_running = console_max_running
        self.console_kill_margin_ms = console_kill_margin_ms
        self.console = console
        self._driver: neo4j.Driver | None = None

    @property
    def console_engine(self) -> str:
        """The Cypher dialect of the console: FalkorDB's, unless the operator opted in to Neo4j."""
        return "neo4j" if self.console is None else "falkordb"

    def _get_driver(self) -> neo4j.Driver:
        if self._driver is None:
            if not self.settings.password.get_secret_value():
                raise StoreUnavailable("NEO4J_PASSWORD is niet gezet; Kennisgraaf verbindt niet zonder wachtwoord.")
            self._driver = GraphDatabase.driver(
                self.settings.uri,
                auth=(self.settings.user, self.settings.password.get_secret_value()),
                connection_timeout=5,
                max_transaction_retry_time=5,
            )
        return self._driver

    def _session(self, mode: str = neo4j.WRITE_ACCESS) -> neo4j.Session:
        return self._get_driver().session(database=self.settings.database, default_access_mode=mode)

    def _translate(self, exc: Exception, timeout_ms: int | None = None) -> Exception:
        if isinstance(exc, AuthError):
            self.close()
            return StoreUnavailable("Neo4j weigert de inloggegevens (NEO4J_USER/NEO4J_PASSWORD).")
        if isinstance(exc, (ServiceUnavailable, SessionExpired, OSError)):
            self.close()
            return StoreUnavailable(f"Neo4j is niet bereikbaar op {self.settings.uri}.")
        if isinstance(exc, Neo4jError):
            code = exc.code or ""
            if "AccessMode" in code or "Forbidden" in code:
                return QueryRefused("Alleen lezen: de console voert geen schrijfopdrachten uit.")
            if "TransactionTimedOut" in code or "Terminated" in code:
                return QueryFailed(f"De query duurde langer dan {timeout_ms} ms en is gestopt.")
            if "MemoryLimitExceeded" in code or "MemoryPoolOutOfMemory" in code:
                return QueryTooHeavy(
                    "Deze query was te zwaar en is afgebroken: ze vroeg meer geheugen dan een transactie mag gebruiken."
                )
            return QueryFailed(f"De database weigerde de query: {exc.message or code}")
        if isinstance(exc, DriverError):
            self.close()
            return StoreUnavailable(f"Neo4j-verbinding mislukt: {exc}")
        return exc

    # -- reading -----------------------------------------------------------------------------------
    def run(self, query: Query, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._read(query.cypher_for(self.engine), params or {}, self.query_timeout_ms)

    def _read(
        self,
        cypher: str,
        params: dict[str, Any],
        timeout_ms: int,
        row_limit: int | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        statement = DriverQuery(cypher, timeout=timeout_ms / 1000, metadata=metadata)  # type: ignore[arg-type]
        try:
            with self._session(neo4j.READ_ACCESS) as session:
                result = session.run(statement, params)
                rows = []
                for record in result:
                    rows.append({k: plain(v) for k, v in record.items()})
                    if row_limit is not None and len(rows) >= row_limit:
                        break
                result.consume()
                return rows
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._translate(exc, timeout_ms) from exc

    def run_readonly(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int, row_limit: int
    ) -> list[dict[str, Any]]:
        """By default on the console's sacrificial FalkorDB copy of this graph: never on Neo4j.

        Opted in to Neo4j (no copy): EXPLAIN first and require a read-only plan (query_type 'r'); then run in a READ
        session. The whole of it is watched: the call returns within timeout + margin, but Neo4j may keep computing
        a runaway expression long after that.
        """
        if self.console is not None:
            return self.console.run(cypher, params or {}, timeout_ms=timeout_ms, row_limit=row_limit)
        return self._run_watched(cypher, params or {}, timeout_ms, row_limit)

    def _checked_read(
        self, cypher: str, params: dict[str, Any], timeout_ms: int, row_limit: int, tag: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            with self._session(neo4j.READ_ACCESS) as session:
                summary = session.run(DriverQuery("EXPLAIN " + cypher, timeout=timeout_ms / 1000), params).consume()  # type: ignore[arg-type]
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._translate(exc, timeout_ms) from exc
        if summary.query_type != "r":
            raise QueryRefused(
                "Alleen lezen: de console voert geen schrijfopdrachten, schemawijzigingen of beheerprocedures uit."
            )
        if _plan_operators(summary.plan) & _REFUSED_OPERATORS:
            raise QueryRefused("De console leest geen bestanden of URL's (LOAD CSV); alleen de graaf zelf.")
        self._refuse_when_server_busy()
        return self._read(cypher, params, timeout_ms, row_limit, metadata=tag)

    def _console_transactions(self) -> list[dict[str, Any]]:
        """Console transactions still running on the server (from any app process), with their ids and tags."""
        return self._read(_RUNNING_CONSOLE, {"tag": CONSOLE_TAG}, self.query_timeout_ms)

    def _refuse_when_server_busy(self) -> None:
        """Neo4j does not stop every query at its timeout (a list comprehension or reduce over a huge range runs on
        after it): while one console transaction that was told to stop still runs on the server, or as many as
        there are slots run (from any app process), refuse."""
        running = self._console_transactions()
        stopping = [t for t in running if not str(t.get("status", "")).startswith("Running")]
        if stopping:
            raise ConsoleBusy(
                "De console is even niet beschikbaar: Neo4j rondt nog een eerdere, te zware console-query af. "
                "Probeer het over een minuut opnieuw; vragen en pagina's werken gewoon."
            )
        if len(running) >= self.console_max_running:
            raise ConsoleBusy(
                f"De console is bezet: er lopen al {len(running)} console-queries. "
                "Probeer het over enkele seconden opnieuw."
            )

    def _run_watched(
        self, cypher: str, params: dict[str, Any], timeout_ms: int, row_limit: int
    ) -> list[dict[str, Any]]:
        """Run in a worker thread; if it has not answered by timeout + margin, end the transaction on the server and
        return to the user at once."""
        tag = {"app": CONSOLE_TAG, "run": uuid.uuid4().hex}
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                outcome["rows"] = self._checked_read(cypher, params, timeout_ms, row_limit, tag)
            except Exception as exc:  # handed to the caller's thread below
                outcome["error"] = exc

        worker = threading.Thread(target=work, name="kennisgraaf-console-neo4j", daemon=True)
        worker.start()
        worker.join((timeout_ms + self.console_kill_margin_ms) / 1000)
        if worker.is_alive():
            threading.Thread(target=self._terminate, args=(tag["run"],), daemon=True).start()
            raise QueryTooHeavy(
                f"Deze query was te zwaar en is afgebroken: ze liep langer dan {timeout_ms} ms. "
                "Vragen en pagina's werken gewoon."
            )
        if "error" in outcome:
            raise outcome["error"]
        return outcome["rows"]

    def _terminate(self, run: str) -> None:
        """Ask Neo4j to end the transaction (it may keep computing an expression until that finishes)."""
        try:
            ids = [t["id"] for t in self._console_transactions() if t.get("run") == run]
            if ids:
                with self._session(neo4j.WRITE_ACCESS) as session:
                    session.run(_TERMINATE, {"ids": ids}).consume()
        except (Neo4jError, DriverError, OSError, StoreUnavailable, QueryFailed):
            pass  # already ended, or not allowed: the driver's timeout has marked it anyway

    def counts(self) -> dict[str, int]:
        labels = self._read(_COUNT_LABELS, {}, self.query_timeout_ms)
        types = self._read(_COUNT_TYPES, {}, self.query_timeout_ms)
        return merge_counts(labels, types)

    # -- loading -----------------------------------------------------------------------------------
    def load(self, knowledge: KnowledgeSet) -> dict[str, int]:
        """Delete and rewrite everything in ONE transaction: a failure rolls back to the previous graph."""
        node_stmt = statement_file("_write/merge_nodes.cypher")[0]
        rel_stmt = statement_file("_write/merge_relationships.cypher")[0]
        node_rows, relation_rows = knowledge.node_rows(), knowledge.relation_rows()
        node_total = len(node_rows)

        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run("MATCH (n) DETACH DELETE n").consume()
            for label, batch in node_batches(node_rows):
                tx.run(node_stmt.replace("__LABEL__", label), rows=batch).consume()
            for rel_type, batch in relation_batches(relation_rows):
                tx.run(rel_stmt.replace("__TYPE__", rel_type), rows=batch).consume()
            written = tx.run("MATCH (n) RETURN count(n) AS c").single()
            if written is None or written["c"] != node_total:
                raise QueryFailed(f"Laden onvolledig: {written and written['c']} van {node_total} knopen")
            tx.run(_WRITE_VERSION, version=f"{time.time_ns()}-{uuid.uuid4().hex}").consume()

        try:
            with self._session() as session:
                for statement in statement_file("_schema/neo4j.cypher"):
                    session.run(statement).consume()
                session.execute_write(work)
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._translate(exc) from exc
        if self.console is not None and self.console.server.is_healthy():
            # The console's server runs (an app uses it): copy the new graph now, so that the next console query does
            # not wait for it. A CLI load starts no server; loads by other processes are noticed by the console's
            # next query (the graph version).
            with contextlib.suppress(KennisgraafError):
                self.console.sync()
        return self.counts()

    # -- the console's copy ------------------------------------------------------------------------
    def graph_version(self) -> str | None:
        """What the console's copy follows: the id the last load wrote and the numbers of nodes and relationships
        (so that writes made outside a load show too); None when the graph is empty."""
        rows = self._raw_read([(_VERSION, {})])[0]
        row = rows[0] if rows else {"version": None, "nodes": 0, "relationships": 0}
        if not row["nodes"]:
            return None
        return f"{row['version'] or 'unversioned'}:{row['nodes']}:{row['relationships']}"

    def graph_rows(self) -> tuple[list[NodeRow], list[RelationRow]]:
        """The whole graph as the rows a store writes, every property as stored (search_text included), read in one
        READ transaction."""
        nodes, relationships = self._raw_read([(_COPY_NODES, {}), (_COPY_RELATIONSHIPS, {})])
        node_rows = [NodeRow(r["id"], ":".join(sorted(r["labels"])) or ENTITY, dict(r["properties"])) for r in nodes]
        relation_rows = [RelationRow(r["type"], r["start"], r["end"], dict(r["properties"])) for r in relationships]
        return node_rows, relation_rows

    def _raw_read(self, statements: list[tuple[str, dict[str, Any]]]) -> list[list[dict[str, Any]]]:
        """Statements in one READ transaction; values as the driver gives them (no plain())."""

        def work(tx: neo4j.ManagedTransaction) -> list[list[dict[str, Any]]]:
            return [[dict(record.items()) for record in tx.run(cypher, params)] for cypher, params in statements]

        try:
            with self._session(neo4j.READ_ACCESS) as session:
                return session.execute_read(
                    neo4j.unit_of_work(timeout=max(self.query_timeout_ms, 30000) / 1000)(work)
                )
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._translate(exc, self.query_timeout_ms) from exc

    def drop(self) -> None:
        try:
            with self._session() as session:
                session.run("MATCH (n) DETACH DELETE n").consume()
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._translate(exc) from exc

    def close(self) -> None:
        if self._driver is not None:
            try:
                self._driver.close()
            finally:
                self._driver = None


class Neo4jCopySource:
    """The graph in Neo4j as the source of the console's sacrificial FalkorDB copy (console_sandbox.CopySource).

    The rows are read in one READ transaction and the version is read again after it: Neo4j reads are not a
    snapshot, so a load that committed meanwhile makes the copy start over. They are written into a new graph
    (named after the version) on the copy's server with the same loader as the embedded engine (same schema,
    full-text indexes and batches) and counted; only then does the sandbox point console queries at it, so a query
    never sees half a copy. Its DUMP is kept, to RESTORE it at once on a fresh server after the watchdog's kill.
    """

    def __init__(self, store: Neo4jStore) -> None:
        self.store = store
        self._dumped: tuple[str, bytes] | None = None  # (version, DUMP of the copy): restored after a kill

    def version(self) -> str | None:
        return self.store.graph_version()

    def copy_into(self, version: str, sandbox: redis.Redis, target: str) -> str | None:
        from falkordb import FalkorDB

        from kennisgraaf.stores.falkordb_store import check_nodes, create_schema, write_rows

        dumped = self._dumped
        if dumped is not None and dumped[0] == version:
            # The copy's server was killed (a runaway query) but the graph in Neo4j did not change: RESTORE the copy
            # as it was made, in one command, instead of reading and writing the whole graph again.
            name = _copy_name(target, version)
            if not sandbox.exists(name):
                sandbox.restore(name, 0, dumped[1])
            return name
        node_rows, relation_rows = self.store.graph_rows()
        if self.store.graph_version() != version:
            return None
        # A new graph per version, written in place: FalkorDB 4.16 crashes when it RESTOREs a graph on the server
        # that the graph was DUMPed from, so there is no staging graph that is restored over the copy.
        name = _copy_name(target, version)
        graph = FalkorDB(connection_pool=sandbox.connection_pool).select_graph(name)
        _drop(graph)
        try:
            create_schema(graph)
            write_rows(graph, node_rows, relation_rows)
            check_nodes(graph, len(node_rows))
            self._dumped = (version, sandbox.dump(name))
        except BaseException:
            _drop(graph)
            raise
        return name


def _copy_name(target: str, version: str) -> str:
    return f"{target}@{hashlib.sha256(version.encode()).hexdigest()[:16]}"


def _drop(graph: Any) -> None:
    import redis

    try:
        graph.delete()
    except redis.ResponseError as exc:  # no such graph
        if "empty key" not in str(exc).lower() and "invalid graph" not in str(exc).lower():
            raise


def neo4j_console(store: Neo4jStore, data_dir: Path, graph_name: str, limits: ConsoleLimits) -> ConsoleSandbox:
    """The console's sacrificial FalkorDB copy of the graph in `store`, its server in `data_dir`/console."""
    from kennisgraaf.stores.console_sandbox import ConsoleSandbox

    return ConsoleSandbox(data_dir, graph_name, Neo4jCopySource(store), limits)
