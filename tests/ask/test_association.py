"""The learned question × answer associations: the pairs, their stable hash, the stored model and its use."""

from __future__ import annotations

import zlib

import numpy as np

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.ask.association import BUCKETS, WEIGHTS_FILE, association, buckets, pairs
from kennisgraaf.ask.engine import AskEngine
from kennisgraaf.ask.handlers import phrases
from kennisgraaf.ask.ranker import ranker


def test_pairs_join_the_asked_words_with_what_the_answer_adds(embedded_kg: Kennisgraaf) -> None:
    engine = AskEngine(embedded_kg)
    passages = engine.indexes().passages
    u = engine.understand("Een jongere wil uitreizen. Wie beslist over de paspoortmaatregel?", "nl")
    text = ("Het weer was mooi. Er is overleg geweest. De minister van Justitie beslist over het vervallen van het "
            "paspoort. Verder niets.")
    found = pairs(u, text, passages)
    asked, added = {p.split("|")[0] for p in found}, {p.split("|")[1] for p in found}
    assert "@who" in asked  # the question type
    assert set(passages.tokens("minister justitie")) <= added  # what the best sentences add
    assert not set(passages.tokens("weer mooi")) & added  # two sentences away from the question's words: not
    assert not set(passages.tokens("beslist paspoort")) & added  # the question's own words are not an answer
    assert not set(passages.tokens("jongere uitreizen")) & asked  # the situation told before the question is not asked
    assert found == pairs(u, text, passages)  # deterministic


def test_an_english_question_pairs_its_dutch_words_too(embedded_kg: Kennisgraaf) -> None:
    engine = AskEngine(embedded_kg)
    passages = engine.indexes().passages
    u = engine.understand("Who decides on the passport measure?", "en")
    asked = {p.split("|")[0] for p in pairs(u, "De minister van Justitie.", passages)}
    assert {"paspoortmaatregel", "besluit"} <= asked and set(u.stems) <= asked


def test_buckets_are_a_stable_hash_each_counted_once() -> None:
    """A stable hash (crc32), not Python's salted hash(): the stored weights must mean the same on every run."""
    assert buckets(["beslis|minister", "beslis|minister"]).tolist() == [zlib.crc32(b"beslis|minister") % BUCKETS]
    assert buckets([]).tolist() == []


def test_the_stored_model_fits_the_hash_and_the_ranker_uses_it() -> None:
    model = association()
    assert WEIGHTS_FILE.exists() and model.weights.shape == (BUCKETS,)  # retrain after changing BUCKETS
    assert np.count_nonzero(model.weights) > 10_000
    assert 0.0 < model.probability(["beslis|minister"]) < 1.0
    ranks = ranker()
    used = {ranks.names[f] for tree in ranks.trees
            for f, left in zip(tree.feature, tree.left, strict=True) if left != -1}
    assert "assoc" in used


def test_every_candidate_is_scored_by_the_association_model(embedded_kg: Kennisgraaf) -> None:
    engine = AskEngine(embedded_kg)
    u = engine.understand("Bij wie vraag ik een ontheffing van een bevriezing aan?", "nl")
    candidates = engine.candidates(u, phrases()["nl"])
    scores = [c.features["assoc"] for c in candidates]
    assert all(0.0 < s < 1.0 for s in scores) and len(set(scores)) > 1
    best = max(candidates, key=lambda c: c.probability)
    assert best.features["assoc"] >= float(np.median(scores))
