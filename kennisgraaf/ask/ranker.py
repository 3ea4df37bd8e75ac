"""The learned ranker: a logistic model over candidate features, and the threshold below which it abstains.

The weights live in ranker.json beside this file; `python -m kennisgraaf.ask.train` learns them again from the
development question sets (scikit-learn is needed for training only). Scoring is a dot product: deterministic,
and each answer can say which features made it win.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("ranker.json")


@dataclass(frozen=True)
class Ranker:
    """Weights per feature name, an intercept and the abstention threshold."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def reasons(self, features: dict[str, float], limit: int = 3) -> list[tuple[str, float]]:
        """The features that raised this candidate's score most."""
        parts = [(name, self.weights.get(name, 0.0) * value) for name, value in features.items()]
        return sorted((p for p in parts if p[1] > 0), key=lambda p: -p[1])[:limit]


@lru_cache(maxsize=1)
def ranker() -> Ranker:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return Ranker(dict(data["weights"]), float(data["intercept"]), float(data["threshold"]))
