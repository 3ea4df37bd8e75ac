"""Entity linking: find the measures, organisations, forums, laws and terms a question names.

Surface forms are every name, short name, abbreviation, alias and 'maatregel N' of a node. A question is matched
on stemmed n-grams (exact), n-grams written as one compound word, and — for words of five letters or more —
typo-tolerant fuzzy matching with rapidfuzz. A small BM25 over each node's search text ranks nodes when the
question names nothing exactly.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from kennisgraaf.ask.text import STOPWORDS, content_stems, fold, stem

MAX_NGRAM = 7
FUZZY_MIN_CHARS = 5
FUZZY_CUTOFF = 86.0
# Abbreviations that are also ordinary words: only linked when written in capitals ("OM", not "om").
_ARTICLE_WORDS = {"het", "de", "the"}


@dataclass(frozen=True)
class Node:
    """What the linker knows of a node."""

    id: str
    label: str
    name: str
    number: int | None = None
    text: str = ""
    short_name: str | None = None

    @property
    def spoken(self) -> str:
        """How people say it: a measure's short name, else the name."""
        return self.short_name or self.name


@dataclass(frozen=True)
class Link:
    """A node found in the question, with the span it was found at."""

    node: Node
    start: int
    end: int
    score: float
    how: str  # exact | compound | fuzzy | number

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class EntityIndex:
    """Surface forms of all nodes, and a BM25 index over their texts."""

    nodes: dict[str, Node] = field(default_factory=dict)
    exact: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    joined: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    ambiguous_abbreviations: set[str] = field(default_factory=set)
    _fuzzy_keys: list[str] = field(default_factory=list)
    _doc_terms: dict[str, Counter[str]] = field(default_factory=dict)
    _doc_len: dict[str, int] = field(default_factory=dict)
    _df: Counter[str] = field(default_factory=Counter)

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]]) -> EntityIndex:
        index = cls()
        for row in rows:
            node = Node(row["id"], row["label"], row.get("name") or row["id"], row.get("number"), row.get("text") or "",
                        row.get("short_name"))
            index.nodes[node.id] = node
            for form in _surface_forms(row):
                index._add_form(
                    node.id, form, is_abbreviation=form == row.get("abbreviation") or _looks_like_abbreviation(form)
                )
            names = " ".join(_surface_forms(row))
            terms = content_stems(names) * 3 + content_stems(node.text)
            index._doc_terms[node.id] = Counter(terms)
            index._doc_len[node.id] = len(terms)
            index._df.update(set(terms))
        index._fuzzy_keys = [k for k in index.joined if len(k) >= FUZZY_MIN_CHARS]
        return index

    def _add_form(self, node_id: str, form: str, *, is_abbreviation: bool) -> None:
        words = fold(form).split()
        if not words:
            return
        key = tuple(stem(w) for w in words)
        self.exact[key].add(node_id)
        self.joined["".join(words)].add(node_id)
        if is_abbreviation and len(words) == 1 and words[0] in STOPWORDS:
            self.ambiguous_abbreviations.add(words[0])

    # -- linking -----------------------------------------------------------------------------------
    def link(self, question: str) -> list[Link]:
        """All non-overlapping links, longest and most exact first; each span may yield several nodes."""
        return non_overlapping(self.candidates(question))

    def candidates(self, question: str) -> list[Link]:
        """Every match, overlapping ones included (a shorter name inside a longer one)."""
        raw_tokens = _raw_tokens(question)
        words = [fold(t) for t in raw_tokens]
        pairs = [(w, raw) for w, raw in zip(words, raw_tokens, strict=True) if w]
        words = [w for w, _ in pairs]
        originals = [raw for _, raw in pairs]
        stems_ = [stem(w) for w in words]
        candidates: list[Link] = []
        allowed = [
            not (w in STOPWORDS and not self._abbreviation_allowed(i, words, originals)) for i, w in enumerate(words)
        ]
        # Exact and compound matches first, over every window that does not start or end on a stopword.
        for size in range(min(MAX_NGRAM, len(words)), 0, -1):
            for start in range(0, len(words) - size + 1):
                end = start + size
                if not (allowed[start] and allowed[end - 1]):
                    continue
                window = words[start:end]
                ids, how = self.exact.get(tuple(stems_[start:end])), "exact"
                if not ids:
                    ids, how = self.joined.get("".join(window)), "compound"
                for node_id in sorted(ids or ()):
                    score = size * 2.0 + (1.0 if how == "exact" else 0.8)
                    candidates.append(Link(self.nodes[node_id], start, end, score, how))
        covered = {i for link in candidates for i in range(link.start, link.end)}
        # Typo tolerance only where nothing matched exactly, on windows of content words.
        for size in (3, 2, 1):
            for start in range(0, len(words) - size + 1):
                end = start + size
                span = range(start, end)
                if any(i in covered for i in span) or not all(allowed[i] and words[i] not in STOPWORDS for i in span):
                    continue
                key = "".join(words[start:end])
                if len(key) < FUZZY_MIN_CHARS or any(w.isdigit() for w in words[start:end]):
                    continue
                for node_id in sorted(self._fuzzy(key)):
                    candidates.append(Link(self.nodes[node_id], start, end, size * 1.6 + 0.3, "fuzzy"))
        candidates.extend(self._numbers(words))
        return candidates

    def _abbreviation_allowed(self, position: int, words: list[str], originals: list[str]) -> bool:
        word = words[position]
        if word not in self.ambiguous_abbreviations:
            return False
        original = originals[position]
        after_article = position > 0 and words[position - 1] in _ARTICLE_WORDS
        return original.isupper() or after_article

    def _fuzzy(self, key: str) -> set[str]:
        if not self._fuzzy_keys:
            return set()
        match = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if match is None:
            return set()
        return set(self.joined[match[0]])

    def _numbers(self, words: list[str]) -> list[Link]:
        links = []
        for i, word in enumerate(words[:-1]):
            if word in {"maatregel", "measure", "nr", "nummer"} and words[i + 1].isdigit():
                number = int(words[i + 1])
                for node in self.nodes.values():
                    if node.label == "Measure" and node.number == number:
                        links.append(Link(node, i, i + 2, 6.0, "number"))
        return links

    # -- ranking by text ---------------------------------------------------------------------------
    def _idf(self, term: str) -> float:
        total = len(self._doc_terms) or 1
        df = self._df.get(term, 0)
        return math.log(1 + (total - df + 0.5) / (df + 0.5))

    def knows(self, word: str) -> bool:
        """True when the word (stemmed) occurs in any node's names or text."""
        return stem(fold(word).replace(" ", "")) in self._df

    def coverage(self, question: str, node_id: str) -> float:
        """Share of the question's content words (weighted by rarity) that occur in the node's names or text."""
        wanted = set(content_stems(question))
        if not wanted:
            return 0.0
        have = set(self._doc_terms.get(node_id, ()))
        return math.fsum(self._idf(t) for t in wanted & have) / math.fsum(self._idf(t) for t in wanted)

    def rank(self, question: str, labels: set[str] | None = None, limit: int = 5) -> list[tuple[Node, float]]:
        """BM25 over names (weighted) and texts; optionally only nodes with one of `labels`."""
        terms = [t for t in content_stems(question) if t in self._df]
        if not terms:
            return []
        total = len(self._doc_terms) or 1
        avg_len = sum(self._doc_len.values()) / total or 1.0
        scores: dict[str, float] = {}
        for node_id, counts in self._doc_terms.items():
            node = self.nodes[node_id]
            if labels and node.label not in labels:
                continue
            score = 0.0
            for term in set(terms):
                tf = counts.get(term, 0)
                if not tf:
                    continue
                idf = math.log(1 + (total - self._df[term] + 0.5) / (self._df[term] + 0.5))
                score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * self._doc_len[node_id] / avg_len))
            if score > 0:
                scores[node_id] = score
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [(self.nodes[i], s) for i, s in ranked]


def overlap_score(question: str, text: str) -> float:
    """Share of the question's content words found in `text` (stemmed), for ranking rows of one query."""
    wanted = set(content_stems(question))
    if not wanted:
        return 0.0
    have = set(content_stems(text))
    return len(wanted & have) / len(wanted)


def _raw_tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^0-9A-Za-zÀ-ÿ]+", text) if t]


def _looks_like_abbreviation(form: str) -> bool:
    return form.isupper() and 1 < len(form) <= 6


def _surface_forms(row: dict[str, Any]) -> list[str]:
    forms = [row.get("name"), row.get("short_name"), row.get("abbreviation"), row.get("article")]
    forms.extend(row.get("aliases") or [])
    name = row.get("name") or ""
    if "(" in name:  # 'Bevriezingsoverleg (ministerie van BZ)' is also just 'Bevriezingsoverleg'
        forms.append(re.sub(r"\s*\([^)]*\)", "", name))
    if row.get("label") == "Measure" and row.get("number") is not None:
        forms.extend([f"maatregel {row['number']}", f"measure {row['number']}"])
    return [f for f in forms if isinstance(f, str) and f.strip()]


def non_overlapping(candidates: list[Link]) -> list[Link]:
    """Keep the best-scoring spans; all nodes that share a kept span stay (the intent picks among them)."""
    ordered = sorted(candidates, key=lambda link: (-link.score, link.start, link.node.id))
    taken: list[tuple[int, int]] = []
    kept: list[Link] = []
    for link in ordered:
        overlaps = [(s, e) for s, e in taken if link.start < e and s < link.end]
        if overlaps and (link.start, link.end) not in overlaps:
            continue
        if (
            (link.start, link.end) in overlaps
            and kept
            and not any(k.start == link.start and k.end == link.end and k.score == link.score for k in kept)
        ):
            continue
        if (link.start, link.end) not in taken:
            taken.append((link.start, link.end))
        kept.append(link)
    return kept
