"""Recognise what a question asks, from the phrasing signals in intents.yaml and the kinds of nodes it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML

from kennisgraaf.ask.linker import Link
from kennisgraaf.ask.text import fold

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


@lru_cache(maxsize=1)
def rules() -> tuple[IntentRule, ...]:
    data = YAML(typ="safe").load(INTENTS_FILE.read_text(encoding="utf-8"))
    return tuple(
        IntentRule(
            name,
            float(spec.get("weight", 1)),
            tuple(re.compile(p) for p in spec.get("patterns", [])),
            tuple(re.compile(p) for p in spec.get("original", [])),
            frozenset(spec.get("labels", [])),
            float(spec.get("label_weight", 0)),
        )
        for name, spec in data.items()
    )


def score_intents(question: str, links: list[Link]) -> dict[str, float]:
    """A score per intent: pattern hits times weight, plus a bonus per linked node of a matching kind."""
    folded = fold(question)
    labels = {link.node.label for link in links}
    scores: dict[str, float] = {}
    for rule in rules():
        hits = sum(1 for p in rule.patterns if p.search(folded)) + sum(1 for p in rule.original if p.search(question))
        score = hits * rule.weight
        if labels & rule.labels:
            score += rule.label_weight
        if score:
            scores[rule.name] = score
    distinct = {link.node.id for link in links}
    if len(distinct) < 2:
        scores.pop("chain", None)
    return scores
