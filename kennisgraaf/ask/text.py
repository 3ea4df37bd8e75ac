"""Normalising questions and names: case, accents, punctuation, Dutch stemming, language."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from kennisgraaf.index_cache import load_yaml

MAX_QUESTION_CHARS = 1000
_NON_WORD = re.compile(r"[^0-9a-z]+")
_STEMMER = snowballstemmer.stemmer("dutch_porter")

ENGLISH_MARKERS = frozenset(
    [
        "the",
        "who",
        "what",
        "which",
        "how",
        "is",
        "are",
        "does",
        "do",
        "did",
        "can",
        "could",
        "should",
        "would",
        "where",
        "when",
        "why",
        "of",
        "for",
        "to",
        "with",
        "and",
        "in",
        "on",
        "an",
        "a",
        "my",
        "our",
        "their",
        "this",
        "that",
        "about",
        "between",
        "from",
        "who's",
        "what's",
        "measure",
        "measures",
        "municipality",
        "municipalities",
        "organisation",
        "organization",
        "prosecution",
        "police",
        "meeting",
        "consultation",
        "exemption",
        "freeze",
    ]
)
DUTCH_MARKERS = frozenset(
    [
        "de",
        "het",
        "een",
        "wie",
        "wat",
        "welke",
        "hoe",
        "is",
        "zijn",
        "wordt",
        "worden",
        "kan",
        "kunnen",
        "mag",
        "moet",
        "bij",
        "van",
        "voor",
        "met",
        "en",
        "in",
        "op",
        "over",
        "tussen",
        "waar",
        "wanneer",
        "waarom",
        "ik",
        "we",
        "wij",
        "onze",
        "mijn",
        "gemeente",
        "gemeenten",
        "maatregel",
        "maatregelen",
        "overleg",
        "aanvragen",
        "beslist",
        "doet",
        "heeft",
        "hebben",
        "niet",
        "ook",
        "er",
        "dat",
        "die",
    ]
)
STOPWORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "in",
        "op",
        "te",
        "dat",
        "die",
        "is",
        "voor",
        "met",
        "aan",
        "er",
        "om",
        "als",
        "bij",
        "of",
        "zijn",
        "ook",
        "tot",
        "door",
        "naar",
        "over",
        "uit",
        "dan",
        "wat",
        "wie",
        "hoe",
        "waar",
        "welke",
        "welk",
        "wordt",
        "worden",
        "kan",
        "kunnen",
        "moet",
        "moeten",
        "mag",
        "ik",
        "je",
        "u",
        "we",
        "wij",
        "zij",
        "hij",
        "ze",
        "mijn",
        "onze",
        "ons",
        "hun",
        "deze",
        "dit",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "for",
        "is",
        "are",
        "be",
        "by",
        "with",
        "and",
        "or",
        "what",
        "who",
        "which",
        "how",
        "does",
        "do",
        "can",
        "could",
        "i",
        "we",
        "my",
        "our",
        "me",
        "us",
        "it",
        "its",
        "this",
        "that",
        "from",
        "at",
        "as",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "should",
        "there",
        "their",
        "al",
        "nog",
        "wel",
        "niet",
        "geen",
        "meer",
        "dan",
        "zo",
        "maar",
        "dus",
        "toch",
        "even",
        "hoeveel",
        "waarom",
        "wanneer",
        "sinds",
        "welk",
        "many",
        "much",
        "why",
        "when",
        "where",
        "whom",
        "whose",
    ]
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, accents removed, everything that is not a letter or digit turned into one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", ascii_text).strip()


def clean_question(text: str) -> str:
    """Control characters removed, whitespace collapsed, cut to a sane length."""
    text = "".join(ch if ch.isprintable() or ch in " \t" else " " for ch in str(text))
    return " ".join(text.split())[:MAX_QUESTION_CHARS]


@lru_cache(maxsize=50_000)
def stem(token: str) -> str:
    return _STEMMER.stemWord(token)


def tokens(text: str) -> list[str]:
    return fold(text).split()


def stems(text: str) -> list[str]:
    return [stem(t) for t in tokens(text)]


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stopwords, no one-letter tokens)."""
    return [stem(t) for t in tokens(text) if t not in STOPWORDS and len(t) > 1]


def language(text: str) -> str:
    """'en' or 'nl', by counting marker words; Dutch when in doubt (the users are Dutch civil servants)."""
    words = tokens(text)
    english = sum(w in ENGLISH_MARKERS for w in words)
    dutch = sum(w in DUTCH_MARKERS for w in words)
    return "en" if english > dutch else "nl"


LEXICON_DIR = Path(__file__).parent


@lru_cache(maxsize=4)
def _lexicon(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    data = load_yaml(LEXICON_DIR / name)
    pairs = sorted(((fold(str(k)), str(v)) for k, v in data.items()), key=lambda kv: -len(kv[0]))
    return tuple((re.compile(rf"\b{re.escape(key)}\b"), value) for key, value in pairs)


@lru_cache(maxsize=1)
def synonym_words() -> frozenset[str]:
    """Every word of the Dutch synonyms' keys: words people use that the report may not (never a typo)."""
    return frozenset(w for key in load_yaml(LEXICON_DIR / "synonyms.yaml") for w in fold(str(key)).split())


def _lookup(name: str, folded: str, consume: bool) -> tuple[list[str], str]:
    """The terms of every entry of a lexicon that the (folded) text holds, longest keys first; with `consume` the
    matched words are taken out of the text, so that a shorter key does not match inside a longer one."""
    found = []
    for pattern, terms in _lexicon(name):
        if pattern.search(folded):
            found.append(terms)
            if consume:
                folded = pattern.sub(" ", folded)
    return found, folded


@lru_cache(maxsize=4096)
def _translated(question: str) -> tuple[tuple[str, ...], str]:
    terms, rest = _lookup("translations.yaml", fold(question), consume=True)
    return tuple(terms), rest


def translated_groups(question: str) -> list[str]:
    """The Dutch terms of each English word or phrase of the question, one string per English word (the
    alternatives of one word answer one word of the question, not several)."""
    return list(_translated(question)[0])


def expand(question: str, lang: str) -> str:
    """The question followed by the report's terms for the words it uses: Dutch synonyms always
    (synonyms.yaml), Dutch terms for English words when asked in English (translations.yaml)."""
    added: list[str] = []
    folded = fold(question)
    if lang == "en":
        translations, folded = _translated(question)
        added.extend(translations)
    added.extend(_lookup("synonyms.yaml", folded, consume=False)[0])
    return f"{question} | {' '.join(added)}" if added else question
