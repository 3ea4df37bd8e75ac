"""Plain words for the engines' full-text indexes: RediSearch (FalkorDB) and Lucene (Neo4j) both reject
malformed query syntax, so user text reaches them only as letters and digits."""

from __future__ import annotations

import re
import unicodedata

from kennisgraaf.settings import PROJECT_ROOT

MAX_TERMS = 12
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = frozenset(
    (PROJECT_ROOT / "queries" / "_schema" / "dutch_stopwords.txt").read_text(encoding="utf-8").split()
)


def search_terms(text: str) -> str:
    """The words of `text` (lower case, accents kept, stopwords and one-letter words dropped), space-separated;
    '' when nothing searchable is left."""
    text = unicodedata.normalize("NFC", str(text))[:1000].lower()
    words: list[str] = []
    for word in _WORD.findall(text):
        if len(word) > 1 and word not in _STOPWORDS and word not in words:
            words.append(word[:40])
    return " ".join(words[:MAX_TERMS])
