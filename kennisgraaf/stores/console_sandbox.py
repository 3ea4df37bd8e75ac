"""Console queries run on a sacrificial copy, never on the server that answers questions and pages — on both engines.

The copy is a FalkorDB server of its own (its own unix socket and data dir, no persistence, `maxmemory`, a
per-query memory capacity, lower CPU priority) that holds a copy of the live graph, refreshed whenever the live
graph's version changes. Where the copy comes from is a CopySource: on the embedded engine a DUMP/RESTORE of the
main server's graph key (version: the pointer key each load flips); on Neo4j the graph read out of Neo4j and
written into the copy (version: the graph version each load writes, see neo4j_store.Neo4jCopySource). A watchdog
kills the copy's server when a query runs past its timeout plus a margin, or when it grows past its memory cap; the
next console query starts it again and copies the graph. Making a copy can take seconds (from Neo4j, under load): a
console query waits for it at most SYNC_WAIT_S, then is refused ("wordt bijgewerkt") while the copy goes on in the
background, so that a console query always ends within its timeout plus a few seconds.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import redis
from falkordb import FalkorDB
from redis.backoff import NoBackoff
from redis.exceptions import ResponseError
from redis.retry import Retry

from kennisgraaf.background import Background
from kennisgraaf.errors import ConsoleBusy, QueryFailed, QueryRefused, QueryTooHeavy, StoreUnavailable
from kennisgraaf.stores.base import plain
from kennisgraaf.stores.embedded_server import CONSOLE_DIR, CONSOLE_NAME, EmbeddedServer
from kennisgraaf.stores.watchdog import MEMORY, OTHER, OVERRUN, Watchdog

_WRITE_HINTS = ("read-only", "is a write", "write query", "graph.ro_query")
_MEMORY_HINTS = ("mem consumption exceeded", "maxmemory", "out of memory", "oom ")
TOO_HEAVY = "Deze query was te zwaar en is afgebroken"
SYNC_WAIT_S = 3.0  # with the query's timeout and the kill margin this keeps a console query within timeout + 5 s
PREPARING = ("De console wordt bijgewerkt met de nieuwste versie van de kennisbank; probeer het over enkele "
             "seconden opnieuw.")


@dataclass(frozen=True)
class ConsoleLimits:
    """What bounds a console query on the embedded engine (see Settings for each field)."""

    timeout_ms: int = 3000
    row_limit: int = 500
    max_running: int = 2
    kill_margin_ms: int = 500
    memory_mb: int = 256
    query_memory_mb: int = 64
    niceness: int = 10


class CopySource(Protocol):
    """Where the console's copy comes from."""

    def version(self) -> str | None:
        """The live graph's version (any string that changes with every load), or None when there is no graph."""

    def copy_into(self, version: str, sandbox: redis.Redis, target: str) -> str | None:
        """Put the live graph at `version` on the sandbox server, as graph `target` or under a new name that starts
        with it, in one step, so that a running query never sees half a copy; return the graph's name, or None when
        the live graph moved on meanwhile (a load), so that the caller tries again."""


class EmbeddedSource:
    """The embedded engine's live graph: DUMP of the graph key that the pointer names, RESTOREd into the copy."""

    def __init__(self, main: EmbeddedServer, pointer_key: str) -> None:
        self.main = main
        self.pointer_key = pointer_key

    def _client(self) -> redis.Redis:
        # Never main.ensure_running(): the console must not start, wait for or replace the server that answers
        # questions; when that server is down, the console says so and the next question restarts it.
        return redis.Redis(unix_socket_path=str(self.main.socket_path), socket_timeout=30, retry=Retry(NoBackoff(), 0))

    def version(self) -> str | None:
        client = self._client()
        try:
            live = client.get(self.pointer_key)
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise StoreUnavailable(
                "De kennisbank zelf reageert nu niet, dus de console kan haar niet kopiëren; een vraag of pagina "
                "start haar opnieuw."
            ) from exc
        finally:
            client.close()
        return None if live is None else live.decode()

    def copy_into(self, version: str, sandbox: redis.Redis, target: str) -> str | None:
        client = self._client()
        try:
            blob = client.dump(version)
        finally:
            client.close()
        if blob is None:  # the pointer moved on (a load) between the two calls
            return None
        sandbox.restore(target, 0, blob, replace=True)
        return target


class ConsoleSandbox:
    """A read-only copy of one live graph on its own capped, watched server process in `data_dir`/console."""

    def __init__(self, data_dir: Path, graph_name: str, source: CopySource, limits: ConsoleLimits) -> None:
        self.graph_name = graph_name  # the copy's name in the sandbox: one copy per live graph
        self.source = source
        self.source_key = f"{graph_name}:console-source"  # the live graph's version that the copy holds
        self.copy_key = f"{graph_name}:console-graph"  # the name of the graph that holds the copy
        self.limits = limits
        self.server = EmbeddedServer(
            Path(data_dir) / CONSOLE_DIR,
            limits.timeout_ms,
            name=CONSOLE_NAME,
            persistent=False,
            maxmemory_mb=limits.memory_mb,
            module_config={
                "TIMEOUT_MAX": limits.timeout_ms,
                "QUERY_MEM_CAPACITY": limits.query_memory_mb * 1024 * 1024,
                "RESULTSET_SIZE": limits.row_limit,
                "THREAD_COUNT": limits.max_running,
                "OMP_THREAD_COUNT": 1,
                "MAX_QUEUED_QUERIES": limits.max_running * 2,
            },
            niceness=limits.niceness,
        )
        self.watchdog = Watchdog(self.server.kill, self.server.rss_mb, float(limits.memory_mb))
        self._sync_lock = threading.Lock()
        self._pending: Background[str | None] | None = None
        self._pending_lock = threading.Lock()
        self.copies = 0  # how often this process copied the live graph into the sandbox

    # -- the copy ----------------------------------------------------------------------------------
    def _raw(self, timeout_s: float = 30.0) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.server.socket_path), socket_timeout=timeout_s)

    def sync(self) -> str | None:
        """Make the copy match the live graph; return the name of the graph to query (None: there is no graph)."""
        with self._sync_lock:
            self.server.ensure_running()
            sandbox = self._raw()
            try:
                for _attempt in range(3):
                    live = self.source.version()
                    name = sandbox.get(self.copy_key)
                    name = name.decode() if name is not None else None
                    if live is None:
                        sandbox.delete(self.source_key, self.copy_key, *self._copies(sandbox))
                        return None
                    if name and sandbox.get(self.source_key) == live.encode() and sandbox.exists(name):
                        return name
                    made = self.source.copy_into(live, sandbox, self.graph_name)
                    if made is not None:
                        sandbox.set(self.source_key, live)
                        sandbox.set(self.copy_key, made)
                        self.copies += 1
                        # Older copies go; the one before stays a while, for a query that may still run on it.
                        stale = [c for c in self._copies(sandbox) if c not in (made, name)]
                        if stale:
                            sandbox.delete(*stale)
                        return made
                # loads kept moving the live graph on: answer from the copy there is, copy again next time
                return name if name and sandbox.exists(name) else None
            except ResponseError as exc:
                if any(h in str(exc).lower() for h in _MEMORY_HINTS):
                    raise QueryFailed(
                        "De console heeft te weinig geheugen voor een kopie van de graaf; "
                        "verhoog KENNISGRAAF_CONSOLE_MEMORY_MB."
                    ) from exc
                raise QueryFailed(f"De console kon de graaf niet kopiëren: {exc}") from exc
            except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
                raise StoreUnavailable(f"De console-database reageert niet: {exc}") from exc
            finally:
                sandbox.close()

    def synced(self, wait_s: float = SYNC_WAIT_S) -> str | None:
        """sync(), waited for at most `wait_s`: a copy that takes longer goes on in the background and this console
        query is refused (ConsoleBusy, PREPARING); the next one finds the copy made."""
        with self._pending_lock:
            if self._pending is None or self._pending.done.is_set():
                self._pending = Background(self.sync, "console-copy")
            pending = self._pending
        if not pending.done.wait(wait_s):
            raise ConsoleBusy(PREPARING)
        if pending.error is not None:
            raise pending.error
        return pending.result

    def _copies(self, sandbox: redis.Redis) -> list[str]:
        """Every copy of this live graph on the sandbox server (the graph name, or names that start with it)."""
        names = [self.graph_name] if sandbox.exists(self.graph_name) else []
        names += [k.decode() for k in sandbox.scan_iter(match=f"{self.graph_name}@*")]
        return names

    # -- running -----------------------------------------------------------------------------------
    def run(self, cypher: str, params: dict[str, Any], *, timeout_ms: int, row_limit: int) -> list[dict[str, Any]]:
        """Run `cypher` with GRAPH.RO_QUERY on the copy, watched: it ends within SYNC_WAIT_S + timeout + margin."""
        name = self.synced()
        if name is None:
            return []
        seconds = (timeout_ms + self.limits.kill_margin_ms) / 1000
        db = FalkorDB(unix_socket_path=str(self.server.socket_path), socket_timeout=seconds + 5)
        try:
            graph = db.select_graph(name)
            with self.watchdog.watch(seconds) as ticket:
                try:
                    result = graph.ro_query(cypher, params, timeout=timeout_ms)
                    columns = [h[1] if isinstance(h, (list, tuple)) else str(h) for h in result.header]
                    columns = [c.decode() if isinstance(c, bytes) else c for c in columns]
                    rows = [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in result.result_set]
                except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
                    raise self._killed(ticket.reason, timeout_ms) from exc
                except ResponseError as exc:
                    raise _refusal(str(exc), timeout_ms) from exc
            if ticket.reason is not None:  # killed just as the answer arrived: the process is gone anyway
                raise self._killed(ticket.reason, timeout_ms)
            return rows[:row_limit]
        finally:
            db.connection.close()

    def _killed(self, reason: str | None, timeout_ms: int) -> QueryFailed:
        if reason == OVERRUN:
            return QueryTooHeavy(
                f"{TOO_HEAVY}: ze liep langer dan {timeout_ms} ms. De kennisbank zelf is niet geraakt; "
                "u kunt meteen een nieuwe query uitvoeren."
            )
        if reason == MEMORY:
            return QueryTooHeavy(
                f"{TOO_HEAVY}: ze gebruikte meer dan {self.limits.memory_mb} MB geheugen. De kennisbank zelf "
                "is niet geraakt; u kunt meteen een nieuwe query uitvoeren."
            )
        if reason == OTHER:
            return QueryFailed(
                "Deze query is afgebroken omdat een andere console-query te zwaar was. Probeer het opnieuw."
            )
        self.server.kill()  # it died under the query (an engine crash): start clean next time
        return QueryTooHeavy(
            f"{TOO_HEAVY}: de console-database stopte tijdens deze query. De kennisbank zelf is niet geraakt; "
            "u kunt meteen een nieuwe query uitvoeren."
        )

    def stop(self) -> None:
        self.server.stop()


def _refusal(message: str, timeout_ms: int) -> Exception:
    lower = message.lower()
    if any(h in lower for h in _WRITE_HINTS):
        return QueryRefused("Alleen lezen: de console voert geen schrijfopdrachten uit.")
    if any(h in lower for h in _MEMORY_HINTS):
        return QueryTooHeavy(f"{TOO_HEAVY}: ze vroeg meer geheugen dan een console-query mag gebruiken.")
    if "timed out" in lower or "timeout" in lower:
        return QueryFailed(f"De query duurde langer dan {timeout_ms} ms en is gestopt.")
    if "max pending queries" in lower or "queue" in lower:
        return QueryRefused("De console is bezet; probeer het over enkele seconden opnieuw.")
    return QueryFailed(f"De database weigerde de query: {message}")
