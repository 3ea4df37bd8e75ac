"""Typos in ordinary words: a word of a Dutch question that neither the report nor the knowledge base uses, but
that is one keystroke (a wrong, missing, extra or swapped letter) from exactly one word the report does use, with
the same first letter, is read as that word ('bevriezingsmaatregle' → 'bevriezingsmaatregel'). Names (capitalised
words), numbers, short words and English questions are left alone: an unknown name is a sign that the report does
not answer the question, English words are not Dutch typos, and a short word has too many neighbours to guess
from. The caller also counts the Dutch synonyms' words as known. Without a Dutch dictionary a real word the report
does not use can still be misread (e.g. 'klachten' → 'krachten'); over the development questions such misreadings
were far fewer than the typos mended."""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from kennisgraaf.ask.text import STOPWORDS, fold

MIN_CHARS = 7  # shorter words have too many near neighbours to guess from
_WORD = re.compile(r"[^\W\d_]+")


def corrected(text: str, lang: str, vocabulary: list[str], known: Callable[[str], bool]) -> str:
    """`text` with each unknown ordinary word replaced by the closest word of `vocabulary` (folded words of the
    report), when one is close enough; `known` says whether a word is known as it is."""
    if lang != "nl" or not vocabulary:
        return text

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        folded = fold(word)
        if len(folded) < MIN_CHARS or word[0].isupper() or folded in STOPWORDS or known(folded):
            return word
        near = [w for w, _, _ in process.extract(folded, vocabulary, scorer=DamerauLevenshtein.distance,
                                                 score_cutoff=1, limit=3) if w[0] == folded[0]]
        return near[0] if len(near) == 1 else word

    return _WORD.sub(fix, text)
