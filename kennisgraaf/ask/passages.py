"""Passage retrieval: BM25 over the report's passages, with Dutch stems, compound splitting and entity boosts.

The index is built once per load from the catalogue query `passage.all`. A passage's tokens are the stems of its
words, the parts of its compound words (`bevriezingsmaatregel` → `bevriezing`, `maatregel`) and the words of its
section title. A question is tokenised the same way (after the synonym and English→Dutch expansion); passages that
mention the entities the question names get a boost through their MENTIONED_IN links.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from kennisgraaf.ask.text import STOPWORDS, fold, stem
from kennisgraaf.index_cache import load_yaml

STOPWORDS_FILE = Path(__file__).with_name("stopwords.yaml")
MIN_PART = 4
# A passage's score: its BM25 relative to the best passage, plus how much of the question's rare words it holds,
# plus a bonus per entity of the question it mentions (at most two).
COVERAGE_BOOST = 1.0
ENTITY_BOOST = 0.2
QUOTE_CHARS = 1100
TOKEN_CACHE = 50_000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘'(])")
_LINKERS = ("s", "en", "e")


@dataclass(frozen=True)
class Passage:
    """One paragraph-sized piece of the report."""

    id: str
    section: str
    section_title: str
    heading: str
    name: str
    text: str
    mentions: frozenset[str]


@dataclass(frozen=True)
class Hit:
    """A passage found for a question, with why."""

    passage: Passage
    score: float  # BM25 plus entity boost
    bm25: float
    coverage: float  # share of the question's content stems found in the passage
    entities: int  # linked entities the passage mentions


class PassageIndex:
    """BM25 over passages; build once, query from many threads."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages
        self._token_cache: dict[str, list[str]] = {}
        self._found: dict[str, Passage | None] = {}
        words = {w for p in passages for w in _words(f"{p.section_title} {p.heading} {p.text}")}
        self._vocabulary = frozenset(w for w in words if len(w) >= MIN_PART)
        self._vocabulary_list: list[str] | None = None
        self._tokens = [self.tokens(f"{p.section_title} {p.heading} {p.text}") for p in passages]
        self._token_sets = [frozenset(t) for t in self._tokens]
        self._vocab, self._weights = _bm25_weights(self._tokens)
        self._known = frozenset(t for ts in self._token_sets for t in ts)
        self._folded = [" ".join(fold(p.text).split()) for p in passages]
        df: dict[str, int] = {}
        for token_set in self._token_sets:
            for token in token_set:
                df[token] = df.get(token, 0) + 1
        total = max(len(passages), 1)
        self._idf = {t: math.log(1 + total / n) for t, n in df.items()}
        self.max_idf = math.log(1 + total)
        self._mention_counts: dict[str, int] = {}
        for passage in passages:
            for entity in passage.mentions:
                self._mention_counts[entity] = self._mention_counts.get(entity, 0) + 1

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]]) -> PassageIndex:
        return cls(
            [
                Passage(
                    id=str(r["id"]),
                    section=str(r.get("section") or ""),
                    section_title=str(r.get("section_title") or ""),
                    heading=str(r.get("heading") or ""),
                    name=str(r.get("name") or r["id"]),
                    text=str(r.get("text") or ""),
                    mentions=frozenset(r.get("mentions") or []),
                )
                for r in rows
            ]
        )

    def tokens(self, text: str) -> list[str]:
        """Content stems of the text plus the stems of the parts of its compound words (memoised: answers and
        passages are tokenised again and again)."""
        cached = self._token_cache.get(text)
        if cached is not None:
            return cached
        if len(self._token_cache) > TOKEN_CACHE:
            self._token_cache.clear()
        out: list[str] = []
        for word in _words(text):
            if word in STOPWORDS or word in _retrieval_stopwords() or len(word) < 2:
                continue
            out.append(stem(word))
            out.extend(stem(part) for part in self._parts(word))
        self._token_cache[text] = out
        return out

    def _parts(self, word: str) -> tuple[str, ...]:
        return _split_compound(word, self._vocabulary)

    def spread(self, entity_id: str) -> float:
        """The share of passages that mention an entity: high for generic things (gemeenten), low for specific."""
        return self._mention_counts.get(entity_id, 0) / max(len(self.passages), 1)

    def knows(self, token: str) -> bool:
        return token in self._known

    @property
    def vocabulary(self) -> list[str]:
        """The report's words (folded), in a stable order: what a typo is corrected to."""
        if self._vocabulary_list is None:
            self._vocabulary_list = sorted(self._vocabulary)
        return self._vocabulary_list

    def splits(self, word: str) -> bool:
        """Whether the word is a compound of two words the report uses."""
        return bool(self._parts(fold(word)))

    def uses(self, word: str) -> bool:
        """Whether the report's text uses this word (folded), or a word with its stem."""
        folded = fold(word)
        return folded in self._vocabulary or stem(folded) in self._known

    def idf(self, token: str) -> float:
        """How rare a stem is in the report (words the report never uses count as rarest)."""
        return self._idf.get(token, self.max_idf)

    def search(self, question: str, linked: set[str], limit: int = 5) -> list[Hit]:
        """The passages that fit the question best, best first."""
        query = [t for t in dict.fromkeys(self.tokens(question)) if t in self._known]
        if not query or not self.passages:
            return []
        scores = self._bm25_scores(query)
        best = float(scores.max()) if scores.size else 0.0
        if best <= 0:
            return []
        wanted = set(query)
        weight = math.fsum(self.idf(t) for t in wanted)
        rare = np.array([math.fsum(self.idf(t) for t in wanted & ts) / weight for ts in self._token_sets])
        mentioned = np.zeros(len(self.passages))
        if linked:
            for i, passage in enumerate(self.passages):
                mentioned[i] = min(len(passage.mentions & linked), 2)
        boosted = scores / best + COVERAGE_BOOST * rare + ENTITY_BOOST * mentioned
        order = np.argsort(-boosted, kind="stable")[:limit]
        return [
            Hit(
                self.passages[i],
                float(boosted[i]),
                float(scores[i]),
                len(wanted & self._token_sets[i]) / len(wanted),
                int(mentioned[i]),
            )
            for i in order
            if boosted[i] > 0
        ]

    def _bm25_scores(self, query: list[str]) -> np.ndarray:
        """Each passage's BM25 score: the sum of the query tokens' columns of the weights bm25s computed."""
        data, indices, indptr = self._weights
        scores = np.zeros(len(self.passages), dtype=data.dtype)  # bm25s's own precision (float32)
        for token in query:
            column = self._vocab.get(token)
            if column is not None:
                start, end = indptr[column], indptr[column + 1]
                np.add.at(scores, indices[start:end], data[start:end])
        return scores.astype(float)

    def find(self, quote: str) -> Passage | None:
        """The passage that holds a quote (its first words, when it runs on into the next passage)."""
        if quote in self._found:
            return self._found[quote]
        needle = " ".join(fold(quote).split())[:80]
        found = None
        if len(needle) >= 12:
            found = next((p for p, text in zip(self.passages, self._folded, strict=True) if needle in text), None)
        if len(self._found) < TOKEN_CACHE:
            self._found[quote] = found
        return found

    def excerpt(self, passage: Passage, question: str, chars: int = QUOTE_CHARS) -> str:
        """The passage, or when it is long the run of its sentences that covers the question best."""
        text = " ".join(passage.text.split())
        if len(text) <= chars:
            return text
        sentences = _SENTENCE_END.split(text)
        wanted = set(self.tokens(question))
        best, best_key = (0, 1), (-1.0, 0)
        for start in range(len(sentences)):
            length, end, covered = 0, start, set()
            while end < len(sentences) and length + len(sentences[end]) <= chars:
                length += len(sentences[end]) + 1
                covered |= wanted & set(self.tokens(sentences[end]))
                end += 1
            key = (math.fsum(self.idf(t) for t in covered), -start)  # the question's rare words count most
            if end > start and key > best_key:
                best, best_key = (start, end), key
        start, end = best
        if end <= start:
            return text[:chars].rsplit(" ", 1)[0] + " …"
        out = " ".join(sentences[start:end])
        return ("… " if start else "") + out + (" …" if end < len(sentences) else "")


@lru_cache(maxsize=1)
def _retrieval_stopwords() -> frozenset[str]:
    data = load_yaml(STOPWORDS_FILE)
    return frozenset(fold(str(w)) for words in data.values() for w in words)


def _bm25_weights(tokens: list[list[str]]) -> tuple[dict[str, int], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """bm25s's BM25 weights of every (token, passage) as a sparse column per token. Only these arrays are kept (and
    cached on disk), so a server that loads a cached index never imports bm25s or scipy."""
    import bm25s

    if not tokens:
        return {}, (np.zeros(0), np.zeros(0, dtype=int), np.zeros(1, dtype=int))
    model = bm25s.BM25()
    model.index(tokens, show_progress=False)
    weights = model.scores
    return dict(model.vocab_dict), (np.asarray(weights["data"]), np.asarray(weights["indices"]),
                                    np.asarray(weights["indptr"]))


def _words(text: str) -> list[str]:
    return fold(text).split()


@lru_cache(maxsize=20000)
def _split_compound(word: str, vocabulary: frozenset[str]) -> tuple[str, ...]:
    """Two known words that make up `word` (with a linking s/e/en), or nothing. The left part may be known by its
    stem only (`bevriezings|maatregel`: the report says bevriezen, never bevriezing)."""
    if len(word) < 2 * MIN_PART:
        return ()
    stems = _vocabulary_stems(vocabulary)
    for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        left, right = word[:i], word[i:]
        if right not in vocabulary:
            continue
        options = [left] + [left[: -len(x)] for x in _LINKERS if left.endswith(x) and len(left) - len(x) >= MIN_PART]
        for option in options:
            if option in vocabulary or stem(option) in stems:
                return (option, right)
    return ()


@lru_cache(maxsize=4)
def _vocabulary_stems(vocabulary: frozenset[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in vocabulary)
