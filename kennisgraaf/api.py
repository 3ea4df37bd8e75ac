"""The core API that the CLI and the app call: load, query, console, export, counts."""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kennisgraaf.ask import Answer, AskEngine
from kennisgraaf.catalogue import Query, catalogue, get_query
from kennisgraaf.console_gate import ConsoleGate
from kennisgraaf.export import export_document
from kennisgraaf.fulltext import search_terms
from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.lexical import read_knowledge
from kennisgraaf.seed_cache import read_knowledge_cached
from kennisgraaf.settings import Settings, get_settings
from kennisgraaf.stores.base import GraphStore
from kennisgraaf.stores.factory import open_store
from kennisgraaf.views.chain import LINK_TYPES, Chain, add_links, build_chain

_OPEN: weakref.WeakSet[Kennisgraaf] = weakref.WeakSet()


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote."""

    seed_dir: Path
    counts: dict[str, int]

    @property
    def nodes(self) -> int:
        return sum(v for k, v in self.counts.items() if not k.isupper())

    @property
    def relationships(self) -> int:
        return sum(v for k, v in self.counts.items() if k.isupper())


class Kennisgraaf:
    """One knowledge base on one store; safe to share between threads (the app's sessions)."""

    def __init__(self, store: GraphStore | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.store = store or open_store(self.settings)
        self._load_lock = threading.Lock()
        self._asker: AskEngine | None = None
        self._console_gate = ConsoleGate(self.settings.console_max_running)
        self.version = 0  # counts the loads made through this object: caches key on it
        _OPEN.add(self)

    @property
    def engine(self) -> str:
        return self.store.engine

    @property
    def console_engine(self) -> str:
        """The Cypher dialect of the console (`readonly`): FalkorDB's on both engines, since console queries run on
        a FalkorDB copy of the graph; Neo4j's only when an operator opted in to running them on Neo4j."""
        return str(getattr(self.store, "console_engine", self.store.engine))

    # -- loading -----------------------------------------------------------------------------------
    def load(self, seed_dir: Path | None = None) -> LoadReport:
        """Validate the seed and add the report's passages (raises SeedInvalid, nothing written), then replace the
        graph atomically."""
        seed_dir = Path(seed_dir or self.settings.seed_dir)
        knowledge = read_knowledge(seed_dir)
        return self.load_knowledge(knowledge, seed_dir)

    def load_knowledge(self, knowledge: KnowledgeSet, seed_dir: Path | None = None) -> LoadReport:
        with self._load_lock:
            counts = self.store.load(knowledge)
            self.version += 1
            if self._asker is not None:
                self._asker.reset()
        return LoadReport(Path(seed_dir or self.settings.seed_dir), counts)

    def is_empty(self) -> bool:
        return not self.query("meta.counts")

    def ensure_loaded(self) -> LoadReport | None:
        """Load the seed when the graph is empty (first use); return the report, or None if it was there."""
        if not self.is_empty():
            return None
        with self._load_lock:
            if not self.is_empty():
                return None
            knowledge = read_knowledge_cached(self.settings.seed_dir)
            counts = self.store.load(knowledge)
            self.version += 1
        return LoadReport(self.settings.seed_dir, counts)

    # -- reading -----------------------------------------------------------------------------------
    def query(self, query_id: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a catalogue query by id; user text only ever travels as a parameter."""
        query = get_query(query_id)
        return self.store.run(query, query.bind(params))

    def queries(self) -> list[Query]:
        return sorted(catalogue().values(), key=lambda q: q.id)

    def readonly(
        self, cypher: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> list[dict[str, Any]]:
        """The console: any Cypher, refused by the engine unless it is read-only, with timeout and row limit.

        One running query per `session` and `console_max_running` over all sessions (ConsoleBusy otherwise). It
        runs on a sacrificial FalkorDB copy of the graph (on both engines; on Neo4j unless the operator opted in to
        KENNISGRAAF_CONSOLE_ON_NEO4J) that is killed when the query overruns (QueryTooHeavy).
        """
        with self._console_gate.slot(session):
            return self.store.run_readonly(
                cypher,
                params or {},
                timeout_ms=self.settings.console_timeout_ms,
                row_limit=self.settings.console_row_limit,
            )

    def counts(self) -> dict[str, int]:
        labels = {r["label"]: r["count"] for r in self.query("meta.counts")}
        types = {r["type"]: r["count"] for r in self.query("meta.relationship_counts")}
        return {**labels, **types}

    def chain(self, node_id: str, names: dict[str, str] | None = None) -> Chain | None:
        """The responsibility chain of a measure, procedure or forum (see kennisgraaf.views.chain); None when the
        node does not exist."""
        found = self.query("entity.get", {"ids": [node_id]})
        if not found:
            return None
        props = found[0].get("properties") or {}
        subject = {
            "id": node_id,
            "label": found[0]["label"],
            "name": found[0]["name"],
            **{k: props.get(k) for k in ("number", "short_name")},
        }
        chain = build_chain(subject, self.query("entity.process", {"id": node_id}), names)
        ids = chain.actor_ids()
        if len(ids) > 1:
            add_links(chain, self.query("entity.links_among", {"ids": ids, "types": list(LINK_TYPES)}))
        return chain

    def chains_between(self, start: str, end: str) -> list[dict[str, Any]]:
        """The best (at most three) chains from `start` to `end` along responsibility; a longer shortest chain
        (up to six steps, any relationship) when there is none of at most four steps."""
        ends = {"from": start, "to": end}
        return self.query("entity.chain", ends) or self.query("entity.long_chain", ends)

    def _ask_engine(self) -> AskEngine:
        if self._asker is None:
            self._asker = AskEngine(self)
        return self._asker

    def ask(self, question: str) -> Answer:
        """Answer a question (Dutch or English); never raises, see kennisgraaf.ask."""
        return self._ask_engine().ask(question)

    def warm_up(self) -> None:
        """Build what the first question needs (the answerer's indexes, word lists and model) now, not then."""
        self._ask_engine().warm_up()

    def search_passages(self, text: str, limit: int = 10) -> list[dict[str, Any]]:
        """Passages of the report for free text (full-text index, Dutch stemming); the text is reduced to plain
        words first, so no input can break the engines' query syntax."""
        terms = search_terms(text)
        if not terms:
            return []
        return self.query("passage.search", {"q": terms, "limit": limit})

    def export(self) -> dict[str, Any]:
        return export_document(self.query("meta.export_nodes"), self.query("meta.export_relationships"))

    def close(self) -> None:
        self.store.close()


def close_all() -> None:
    """Close the connections of every Kennisgraaf of this process (`kennisgraaf serve`, before it decides whether
    the engine it started is still used by another process)."""
    for kg in list(_OPEN):
        kg.close()
