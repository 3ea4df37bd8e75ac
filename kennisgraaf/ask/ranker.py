"""The learned ranker: boosted decision trees over candidate features, and the threshold below which it abstains.

The trees live in ranker.json beside this file; `python benchmarks/train_ranker.py` learns them again from the
development question sets (scikit-learn is needed for training only). Scoring walks each small tree to a leaf and
adds the leaf values: deterministic, no library at run time, and each answer can say which features made it win
(the change in a tree's value along the path is credited to the feature split on).
"""

from __future__ import annotations

import itertools
import json
import math
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("ranker.json")


@dataclass(frozen=True)
class Tree:
    """One regression tree: per node the feature index and threshold (x <= threshold goes left), its children
    (-1 at a leaf) and its value."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def path(self, x: list[float]) -> list[int]:
        node, nodes = 0, [0]
        while self.left[node] != -1:
            node = self.left[node] if x[self.feature[node]] <= self.threshold[node] else self.right[node]
            nodes.append(node)
        return nodes


@dataclass(frozen=True)
class Ranker:
    """Feature names, the trees with their learning rate and starting value, and the abstention threshold."""

    names: tuple[str, ...]
    init: float
    rate: float
    trees: tuple[Tree, ...]
    threshold: float

    def _vector(self, features: dict[str, float]) -> list[float]:
        # The trees were learned on float32 values: compare in the same precision, or a value next to a threshold
        # could take the other branch.
        return [_float32(features.get(name, 0.0)) for name in self.names]

    def probability(self, features: dict[str, float]) -> float:
        x = self._vector(features)
        z = self.init + self.rate * sum(tree.value[tree.path(x)[-1]] for tree in self.trees)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def reasons(self, features: dict[str, float], limit: int = 3) -> list[tuple[str, float]]:
        """The features that raised this candidate's score most."""
        x = self._vector(features)
        credit: dict[str, float] = {}
        for tree in self.trees:
            nodes = tree.path(x)
            for parent, child in itertools.pairwise(nodes):
                name = self.names[tree.feature[parent]]
                credit[name] = credit.get(name, 0.0) + self.rate * (tree.value[child] - tree.value[parent])
        return sorted(((n, v) for n, v in credit.items() if v > 0), key=lambda p: -p[1])[:limit]


def _float32(value: float) -> float:
    return struct.unpack("f", struct.pack("f", float(value)))[0]


@lru_cache(maxsize=1)
def ranker() -> Ranker:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    trees = tuple(
        Tree(tuple(t["feature"]), tuple(t["threshold"]), tuple(t["left"]), tuple(t["right"]), tuple(t["value"]))
        for t in data["trees"]
    )
    return Ranker(tuple(data["features"]), float(data["init"]), float(data["learning_rate"]), trees,
                  float(data["threshold"]))
