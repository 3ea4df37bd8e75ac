"""Recognise what a question asks, from the phrasing signals in intents.yaml and the kinds of nodes it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kennisgraaf.ask.linker import Link
from kennisgraaf.ask.text import fold
from kennisgraaf.index_cache import load_yaml

INTENTS_FILE = Path(__file__).with_name("intents.yaml")


@dataclass(frozen=True)
class IntentRule:
    """The signals of one intent."""

    name: str
    weight: float
    patterns: tuple[re.Pattern[str], ...]
    original: tuple[re.Pattern[str], ...]
    labels: frozenset[str]
    label_weight: float
    use_mask: bool


@lru_cache(maxsize=1)
def rules() -> tuple[IntentRule, ...]:
    data = load_yaml(INTENTS_FILE)
    return tuple(
        IntentRule(
            name,
            float(spec.get("weight", 1)),
            tuple(re.compile(p) for p in spec.get("patterns", [])),
            tuple(re.compile(p) for p in spec.get("original", [])),
            frozenset(spec.get("labels", [])),
            float(spec.get("label_weight", 0)),
            bool(spec.get("masked", True)),
        )
        for name, spec in data.items()
    )


MASKED_LABELS = frozenset({"Measure", "Procedure", "Organisation", "Forum", "LegalBasis", "Theme", "Training"})


def masked(question: str, links: list[Link]) -> str:
    """The folded question with the names of linked nodes blanked out, so that words inside a name
    ('Tijdelijke *wet*', 'Raad voor de *Kinderbescherming*') do not count as phrasing signals."""
    words = fold(question).split()
    for link in links:
        if link.node.label in MASKED_LABELS and link.length >= 2 and link.end <= len(words):
            for i in range(link.start, link.end):
                words[i] = "_"
    return " ".join(words)


def score_intents(question: str, links: list[Link]) -> dict[str, float]:
    """A score per intent: pattern hits times weight, plus a bonus per linked node of a matching kind.
    Hits are counted on the question with linked names masked; a pattern-less intent scores only its bonus."""
    folded = masked(question, links)
    plain = fold(question)
    labels = {link.node.label for link in links}
    scores: dict[str, float] = {}
    for rule in rules():
        text = folded if rule.use_mask else plain
        hits = sum(1 for p in rule.patterns if p.search(text)) + sum(1 for p in rule.original if p.search(question))
        score = hits * rule.weight
        if labels & rule.labels:
            score += rule.label_weight
        if score:
            scores[rule.name] = score
    distinct = {link.node.id for link in links}
    if len(distinct) < 2:
        scores.pop("chain", None)
    return scores


def phrased_intents(question: str, links: list[Link]) -> set[str]:
    """The intents whose wording (not just the names in the question) is present."""
    folded = masked(question, links)
    return {rule.name for rule in rules() if any(p.search(folded) for p in rule.patterns)}
