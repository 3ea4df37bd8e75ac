"""The question answerer: understand the question, build candidate answers, rank them, abstain or compose.

Candidates are the replies of the structured handlers (intent × linked entities, see handlers.py) and passage
answers from retrieval over the report's text (passages.py). A learned, deterministic ranker (ranker.py) scores
each candidate on features that generalise (candidates.py); below a calibrated threshold the engine says it does
not know and suggests what it can answer. Every answer says which candidate won and why, which catalogue query
and parameters it used, and cites the report. No LLM, no network.
"""

from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import dataclass
from typing import Any, Protocol

from kennisgraaf.ask.answer import Answer, SourceRef
from kennisgraaf.ask.candidates import Candidate, Understood, compare_features, describe_features
from kennisgraaf.ask.handlers import (
    HANDLERS,
    Composed,
    Context,
    _article,
    _dedupe_sources,
    _refs,
    _unique,
    phrases,
)
from kennisgraaf.ask.intents import phrased_intents, rules, score_intents
from kennisgraaf.ask.linker import EntityIndex, Link, Node, non_overlapping
from kennisgraaf.ask.passages import Hit, PassageIndex
from kennisgraaf.ask.ranker import ranker
from kennisgraaf.ask.spelling import corrected
from kennisgraaf.ask.text import clean_question, expand, fold, language, synonym_words, translated_groups
from kennisgraaf.errors import KennisgraafError, QueryFailed
from kennisgraaf.index_cache import cached, rows_key

MAX_INTENTS = 5
PASSAGE_HITS = 5
ALT_PASSAGES = 3
UNSTATED_TYPES = frozenset({"amount", "howlong"})  # asked for, these must be stated, or there is no answer
RESULT_CACHE = 4096
SUPPORT_COVERAGE = 0.6
EXTERNAL_COVERAGE = 0.5
# An abstention points to the passage the ranker liked best when it came this close: not an answer, a place to read.
NEAREST_PASSAGE = 0.5


class QueryRunner(Protocol):
    """What the engine needs: the core API's catalogue runner."""

    def query(self, query_id: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Indexes:
    """What the engine builds once per load: entity linker and passage retrieval."""

    entities: EntityIndex
    passages: PassageIndex


class AskEngine:
    """Answers questions over one knowledge base; thread-safe, the indexes are built once per load."""

    def __init__(self, runner: QueryRunner) -> None:
        self.runner = runner
        self._indexes: Indexes | None = None
        self._lock = threading.Lock()
        self._results: dict[str, list[dict[str, Any]]] = {}

    def query(self, query_id: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """A catalogue query, remembered until the next load: the graph does not change in between."""
        key = f"{query_id} {json.dumps(params or {}, sort_keys=True, default=str)}"
        rows = self._results.get(key)
        if rows is None:
            rows = self.runner.query(query_id, params)
            if len(self._results) >= RESULT_CACHE:
                self._results.clear()
            self._results[key] = rows
        return list(rows)  # handlers reorder lists; they never change the rows themselves

    def indexes(self) -> Indexes:
        with self._lock:
            if self._indexes is None:
                entities, passages = self.query("entity.all"), self.query("passage.all")
                self._indexes = cached(
                    rows_key(entities, passages),
                    Indexes,
                    lambda: Indexes(EntityIndex.from_rows(entities), PassageIndex.from_rows(passages)),
                )
            return self._indexes

    def warm_up(self) -> None:
        """Build the indexes and read the word lists, phrases, intent rules and ranker now, not on the first
        question (a server calls this while it starts)."""
        self.indexes()
        phrases()
        rules()
        ranker()
        for lang in ("nl", "en"):
            expand("", lang)

    def index(self) -> EntityIndex:
        return self.indexes().entities

    def beyond_the_report(self, text: str, links: list[Link]) -> bool:
        """True for questions the 2017 report cannot answer (see _beyond_the_report)."""
        return _beyond_the_report(text, links, self.indexes())

    def reset(self) -> None:
        """Forget the indexes (after a new load)."""
        with self._lock:
            self._indexes = None
            self._results = {}

    def ask(self, question: Any) -> Answer:
        """Answer one question; never raises."""
        text = clean_question(question if isinstance(question, str) else str(question or ""))
        lang = language(text)
        p = phrases()[lang]
        try:
            return self._ask(text, lang, p)
        except Exception as exc:  # an answer object, never a traceback
            known = isinstance(exc, KennisgraafError)
            message = p["unavailable" if known else "failed"].format(error=exc if known else type(exc).__name__)
            return Answer(
                question=text,
                answered=False,
                intent="error",
                language=lang,
                answer=message,
                suggestions=_default_suggestions(p),
            )

    def understand(self, text: str, lang: str) -> Understood:
        """Normalise, link entities and read the intent signals."""
        indexes = self.indexes()
        index = indexes.entities
        text = corrected(text, lang, indexes.passages.vocabulary, lambda word: _ordinary_known(word, indexes))
        search_text = expand(text, lang)
        found = index.candidates(search_text)
        # Names found only among the added synonyms are kept apart: they help ranking, not the reading.
        asked_words = len(fold(text).split())
        direct = [c for c in found if c.start < asked_words or lang == "en"]
        links = non_overlapping(direct)
        scores = score_intents(search_text, links)
        phrased = phrased_intents(search_text, links)
        stems, alias = _question_stems(text, search_text, lang, indexes.passages)
        return Understood(
            text=text,
            lang=lang,
            search_text=search_text,
            links=links,
            scores=scores,
            phrased=phrased,
            intents=_intents_to_try(scores, links, phrased),
            stems=stems,
            unknown_names=_unknown_names(text, indexes),
            named_stems=[alias.get(t, t) for t in _named_stems(search_text, links, indexes.passages)],
            alias=alias,
        )

    def candidates(self, u: Understood, p: dict[str, Any], score: bool = True) -> list[Candidate]:
        """Every candidate answer with its features (the ranker's input; also used for training, unscored)."""
        indexes = self.indexes()
        index = indexes.entities
        found = index.candidates(u.search_text)
        secondary = [c for c in non_overlapping(found) if c not in u.links]
        hits = indexes.passages.search(u.search_text, u.linked_ids, limit=PASSAGE_HITS)
        out: list[Candidate] = []
        # Every question also gets the measures that fit what it describes: a situation names no intent.
        for rank, intent in enumerate(dict.fromkeys([*u.intents, "situation"])):
            handler = HANDLERS.get(intent)
            if handler is None:
                continue
            ctx = Context(u.search_text, u.lang, u.links, index, secondary, self.query, p)
            try:
                composed = handler(ctx)
            except QueryFailed:
                # One slow or failing query (e.g. a long chain) costs its candidate, not the whole answer.
                continue
            if composed is None:
                continue
            candidate = Candidate(intent, composed, ctx.used.get("query"), ctx.used.get("params", {}), rank=rank)
            _support(candidate, hits, indexes.passages, u, p)
            out.append(candidate)
        if hits:
            out.append(_passage_candidate(u, hits, indexes, p))
            # The next best passages alone: the ranker may prefer one that holds the question's words together.
            out.extend(_passage_candidate(u, [hit], indexes, p, rank=i)
                       for i, hit in enumerate(hits[1:ALT_PASSAGES], 1))
        labels = {node_id: node.label for node_id, node in index.nodes.items()}
        for candidate in out:
            candidate.features = describe_features(u, candidate, indexes.passages, hits, labels)
        compare_features(out)
        if not score:
            return out
        for candidate, probability in zip(out, ranker().probabilities([c.features for c in out]), strict=True):
            candidate.probability = probability
        return out

    def _ask(self, text: str, lang: str, p: dict[str, Any]) -> Answer:
        if not fold(text):
            return _not_answered(text, lang, "unknown", p, [], [])
        u = self.understand(text, lang)
        if u.scores.get("privacy"):
            return Answer(
                question=text,
                answered=False,
                intent="privacy",
                language=lang,
                answer=p["privacy"],
                entities=_refs(_unique(link.node for link in u.links)),
                suggestions=_suggestions(p, u.links),
            )
        if self.beyond_the_report(text, u.links):
            return _not_answered(text, lang, "unknown", p, u.links, [])
        ranked = sorted(self.candidates(u, p), key=lambda c: (-c.probability, c.rank, c.kind))
        if unstated(u, ranked):
            return _not_answered(text, lang, "unknown", p, u.links, ranked, reason=p["unstated"][u.answer_type])
        model = ranker()
        if not ranked or ranked[0].probability < model.threshold:
            return _not_answered(text, lang, "unknown", p, u.links, ranked)
        best = ranked[0]
        _add_external(best, u, self, self.indexes().passages, p)
        why = p["why"].format(
            kind=p["kinds"].get(best.kind, best.kind),
            probability=round(100 * best.probability),
            reasons=", ".join(
                dict.fromkeys(p["features"][re.split("[=|]", name)[0]] for name, _ in model.reasons(best.features))
            ),
        )
        return Answer(
            question=text,
            answered=True,
            intent=best.kind,
            language=lang,
            answer=best.composed.text,
            entities=_refs(best.composed.entities or [link.node for link in u.links]),
            route=best.composed.route,
            sources=_dedupe_sources(_with_passages(best.composed.sources, self.indexes().passages)),
            query=best.query,
            params=best.params,
            suggestions=_suggestions(p, u.links)[:3],
            why=why,
        )


def _intents_to_try(scores: dict[str, float], links: list[Link], phrased: set[str]) -> list[str]:
    """The structured intents worth a candidate, most signalled first: what the wording asks, then what the kinds
    of the named things suggest, then a description of what is named."""
    order = [name for name, _ in sorted(scores.items(), key=lambda kv: -kv[1]) if name != "privacy"]
    asked = [n for n in order if n in phrased]
    rest = [n for n in order if n not in phrased]
    out = asked + rest
    if links:
        for rule in rules():
            if links[0].node.label in rule.labels and rule.name not in out:
                out.append(rule.name)
        out.append("describe")
    return list(dict.fromkeys(out))[:MAX_INTENTS]


def _support(candidate: Candidate, hits: list[Hit], passages: PassageIndex, u: Understood, p: dict[str, Any]) -> None:
    """Add to a structured answer the report passage that supports it: the best passage for the question when it
    holds most of the question's words, else the best one that names what the answer is about — never a passage
    whose words the answer already cites."""
    if not hits:
        return
    cited = {found.id for s in candidate.composed.sources if s.quote and (found := passages.find(s.quote))}
    about = {n.id for n in candidate.composed.entities[:3]}
    best = hits[0]
    if best.passage.id in cited:
        return
    if best.coverage >= SUPPORT_COVERAGE:
        chosen = best
    else:
        fallback = [h for h in hits[:3] if h.passage.mentions & about and h.coverage >= 0.5]
        if not fallback or fallback[0].passage.id in cited:
            return
        chosen = fallback[0]
    excerpt = passages.excerpt(chosen.passage, u.search_text)
    candidate.composed.text += "\n" + p["support"].format(name=chosen.passage.name, text=excerpt)
    candidate.composed.sources.append(_passage_source(chosen, excerpt))
    candidate.hits = [chosen]


def _passage_candidate(u: Understood, hits: list[Hit], indexes: Indexes, p: dict[str, Any],
                       rank: int = 0) -> Candidate:
    """An answer that quotes the passage (or two) that fit the question best, and names what they mention."""
    chosen = [hits[0]] + [h for h in hits[1:2] if h.score >= 0.5 * hits[0].score]
    lines = [p["passage_intro"]]
    sources = []
    for hit in chosen:
        excerpt = indexes.passages.excerpt(hit.passage, u.search_text)
        lines.append(p["passage_quote"].format(name=hit.passage.name, text=excerpt))
        sources.append(_passage_source(hit, excerpt))
    mentioned = [indexes.entities.nodes[m] for h in chosen for m in sorted(h.passage.mentions)
                 if m in indexes.entities.nodes]
    mentioned = _unique(mentioned)
    if mentioned:
        lines.append(p["passage_mentions"].format(items="; ".join(n.spoken for n in mentioned[:8])))
    composed = Composed("\n".join(lines), mentioned, sources)
    return Candidate("passage", composed, "passage.all", {}, hits=chosen, rank=rank)


def _add_external(best: Candidate, u: Understood, runner: QueryRunner, passages: PassageIndex,
                  p: dict[str, Any]) -> None:
    """Add, marked as external, a fact from outside the report about what the answer names when it covers the
    question better than the report does (e.g. who formally decides on an exemption from a freeze)."""
    ids = list(dict.fromkeys([*(n.id for n in best.composed.entities), *sorted(u.linked_ids)]))
    if not ids:
        return
    shown = {s.url for s in best.composed.sources if s.external}
    wanted = set(u.stems) - set(u.named_stems)
    best_fact, best_weight = None, 0.0
    for fact in runner.query("external.about", {"ids": ids}):
        if fact.get("source_url") in shown and any(fact.get("name") == s.quote for s in best.composed.sources):
            continue
        covered = wanted & u.normalised(passages.tokens(f"{fact.get('name')} {fact.get('summary')}"))
        if not covered or len(covered) < EXTERNAL_COVERAGE * len(wanted):
            continue
        if fact.get("summary") and fact["summary"] in best.composed.text:
            continue
        weight = math.fsum(passages.idf(t) for t in covered)
        if weight > best_weight:  # the fact that holds the question's rarest words, not merely the first
            best_fact, best_weight = fact, weight
    if best_fact is None:
        return
    best.composed.text += "\n" + p["external_answer"].format(
        checked=best_fact.get("checked"), confidence=best_fact.get("confidence"),
        text=best_fact.get("summary") or best_fact["name"],
    )
    best.composed.sources.append(SourceRef(section="external", quote=best_fact.get("name"), external=True,
                                           url=best_fact.get("source_url")))


def _passage_source(hit: Hit, excerpt: str) -> SourceRef:
    return SourceRef(section=hit.passage.name, quote=excerpt, passage=hit.passage.id)


def _with_passages(sources: list[SourceRef], passages: PassageIndex) -> list[SourceRef]:
    """Sources with the passage that holds their quote, so that every source links into the report."""
    out = []
    for source in sources:
        if source.passage is None and source.quote and not source.external:
            found = passages.find(source.quote)
            if found is not None:
                source = source.model_copy(update={"passage": found.id})
        out.append(source)
    return out


def _question_stems(text: str, search_text: str, lang: str,
                    passages: PassageIndex) -> tuple[list[str], dict[str, str]]:
    """The stems an answer should cover, and which stems stand for the same asked word. An English question counts
    its Dutch translations — the alternatives for one English word as one stem — and the words the report itself
    uses (names, abbreviations), not its English words."""
    if lang == "nl":
        return list(dict.fromkeys(passages.tokens(search_text))), {}
    alias: dict[str, str] = {}
    stems = [t for t in passages.tokens(text) if passages.knows(t)]
    groups = translated_groups(text)
    for terms in groups:
        tokens = passages.tokens(terms)
        if not tokens:
            continue
        stems.append(tokens[0])
        for token in tokens:
            alias.setdefault(token, tokens[0])
    rest = search_text[len(text):]
    translated = {t for terms in groups for t in passages.tokens(terms)}
    stems.extend(t for t in passages.tokens(rest) if t not in translated)  # synonyms added after the translations
    return list(dict.fromkeys(alias.get(t, t) for t in stems)), alias


def _named_stems(search_text: str, links: list[Link], passages: PassageIndex) -> list[str]:
    """The stems of the question's words that lie inside the names it was linked on."""
    words = fold(search_text).split()
    inside = " ".join(w for link in links for w in words[link.start : link.end])
    return passages.tokens(inside)


def _capitalised_inside(text: str) -> list[str]:
    """Capitalised words that do not open a sentence: names, not the first word of a question's second sentence."""
    words = []
    for match in re.finditer(r"[A-Za-zÀ-ÿ]{3,}", text):
        before = text[: match.start()].rstrip()
        if match.group()[0].isupper() and before and before[-1] not in ".?!:;":
            words.append(match.group())
    return words


def _known(word: str, indexes: Indexes) -> bool:
    """A name the knowledge base knows: an entity's, or a word of the report's text."""
    return indexes.entities.knows(word) or indexes.passages.uses(word)


def _ordinary_known(word: str, indexes: Indexes) -> bool:
    """A word read as it is: the report or the knowledge base uses it, it is a compound of two report words, or a
    synonym's word (curated: people use it for a report term)."""
    return _known(word, indexes) or indexes.passages.splits(word) or fold(word) in synonym_words()


def _unknown_names(text: str, indexes: Indexes) -> int:
    return sum(1 for w in _capitalised_inside(text) if not _known(w, indexes))


_LATER_YEAR = re.compile(r"\b(201[89]|20[2-9]\d)\b")


def _beyond_the_report(text: str, links: list[Link], indexes: Indexes) -> bool:
    """True for questions the 2017 report cannot answer: about a later year, or about a named thing that occurs
    nowhere in the knowledge base (names, the report's text) while the question names nothing but glossary words."""
    if _LATER_YEAR.search(text):
        return True
    if any(link.node.label != "Term" for link in links):
        return False
    return any(not _known(w, indexes) for w in _capitalised_inside(text))


def unstated(u: Understood, candidates: list[Candidate]) -> bool:
    """True when the question asks for an amount of money or a duration and no candidate answer states one: then
    the report does not give it, and any answer would be about something else."""
    return u.answer_type in UNSTATED_TYPES and not any(c.features.get("typed_anywhere") for c in candidates)


def _not_answered(
    text: str, lang: str, intent: str, p: dict[str, Any], links: list[Link], near: list[Candidate], reason: str = ""
) -> Answer:
    """'I don't know', with what it can answer: first what the nearest candidates were about ('Bedoelde u …?')."""
    nodes = _unique([*(n for c in near[:3] for n in c.composed.entities[:1]), *(link.node for link in links)])
    suggestions = _suggestions(p, nodes)
    lines = [(reason + " " if reason else "") + p["unknown"], *(f"- {s}" for s in suggestions)]
    nearest = next((c for c in near if c.kind == "passage" and c.probability >= NEAREST_PASSAGE), None)
    sources: list[SourceRef] = []
    if nearest is not None:
        passage = nearest.hits[0].passage
        lines.append(p["nearest"].format(name=passage.name, heading=passage.heading or passage.section_title))
        sources.append(SourceRef(section=passage.name, passage=passage.id))
    return Answer(
        question=text,
        answered=False,
        intent=intent,
        language=lang,
        answer="\n".join(lines),
        entities=_refs(_unique(link.node for link in links)),
        sources=sources,
        suggestions=suggestions,
    )


def _default_suggestions(p: dict[str, Any]) -> list[str]:
    return list(p["suggestion"]["default"])


def _suggestions(p: dict[str, Any], about: list[Link] | list[Node]) -> list[str]:
    out: list[str] = []
    for node in _unique(x.node if isinstance(x, Link) else x for x in about):
        for template in p["suggestion"].get(node.label, []):
            out.append(template.format(name=node.spoken, article=_article(node.spoken, p)))
    out.extend(_default_suggestions(p))
    return list(dict.fromkeys(out))[:6]


