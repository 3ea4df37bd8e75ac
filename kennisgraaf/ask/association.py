"""Learned associations between what a question asks and what an answer says.

Lexical features tell how much of the question an answer shares, not whether it *answers* it: a passage can repeat
every word of "wie beslist over …" without naming who decides. This model learns which answer words go with which
question words from the development questions: every pair (a stem of the asked sentence × a stem the answer adds in
its best-fitting two sentences) and every pair (question type × such an answer stem) is hashed into a fixed number
of buckets, and a logistic regression over those pairs scores a candidate. Its probability is one feature of the
ranker (`assoc`), learned by benchmarks/train_ranker.py together with the trees and kept beside them in
association.npz: deterministic (a stable hash, no randomness), no network, nothing downloaded.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from kennisgraaf.ask.candidates import Understood
    from kennisgraaf.ask.passages import PassageIndex

WEIGHTS_FILE = Path(__file__).with_name("association.npz")
BUCKETS = 1 << 18  # 2^19 buckets scored the same in cross-validation
_SENTENCES = re.compile(r"(?<=[.!?:;])\s+|\n")


def pairs(u: Understood, text: str, passages: PassageIndex) -> list[str]:
    """The question × answer pairs of one candidate: the asked sentence's stems (for an English question also its
    Dutch expansion) and its question type, each with every stem the answer's best two neighbouring sentences add
    to the question."""
    asked = set(passages.tokens(u.asked))
    if u.lang == "en":
        asked |= set(u.stems)
    wanted = set(u.stems) | asked
    added = sorted(_best_window(text, wanted, passages, u) - wanted)
    out = [f"{q}|{a}" for q in sorted(asked) for a in added]
    out.extend(f"@{u.qtype}|{a}" for a in added)
    return out


def buckets(features: list[str]) -> np.ndarray:
    """The features' buckets (a stable hash: the same on every machine and run), each once."""
    return np.unique(np.fromiter((zlib.crc32(f.encode()) % BUCKETS for f in features), dtype=np.int64,
                                 count=len(features)))


def _best_window(text: str, wanted: set[str], passages: PassageIndex, u: Understood) -> set[str]:
    """The stems of the two neighbouring sentences that hold most of the question's words (weighted by rarity)."""
    sentences = [u.normalised(passages.tokens(s)) for s in _SENTENCES.split(text) if s.strip()]
    if not sentences:
        return set()
    best, best_value = set(), -1.0
    for i in range(len(sentences)):
        window = sentences[i] | (sentences[i + 1] if i + 1 < len(sentences) else set())
        value = math.fsum(passages.idf(t) for t in window & wanted)
        if value > best_value:
            best, best_value = window, value
    return best


@dataclass(frozen=True)
class Association:
    """One weight per bucket and an intercept; an empty model (before the first training) scores 0.5."""

    weights: np.ndarray
    intercept: float

    def probability(self, features: list[str]) -> float:
        return self.bucket_probability(buckets(features))

    def bucket_probability(self, hashed: np.ndarray) -> float:
        if not len(self.weights):
            return 0.5
        z = self.intercept + math.fsum(self.weights[hashed].tolist())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def association() -> Association:
    if not WEIGHTS_FILE.exists():
        return Association(np.zeros(0), 0.0)
    with np.load(WEIGHTS_FILE, allow_pickle=False) as data:
        return Association(data["weights"].astype(np.float64), float(data["intercept"]))
