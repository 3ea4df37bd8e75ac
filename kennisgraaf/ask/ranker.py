"""The learned ranker: boosted decision trees over candidate features, and the threshold below which it abstains.

The trees live in ranker.json beside this file; `python benchmarks/train_ranker.py` learns them again from the
development question sets (scikit-learn is needed for training only). Scoring walks each small tree to a leaf and
adds the leaf values — every tree for every candidate at once, level by level, with numpy — deterministic, and each
answer can say which features made it win (the change in a tree's value along the path is credited to the feature
split on).
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

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


@dataclass(frozen=True)
class Ranker:
    """Feature names, the trees with their learning rate and starting value, and the abstention threshold."""

    names: tuple[str, ...]
    init: float
    rate: float
    trees: tuple[Tree, ...]
    threshold: float

    def matrix(self, candidates: list[dict[str, float]]) -> np.ndarray:
        """The candidates' features as rows, in the order of `names`. The trees were learned on float32 values:
        they are rounded to float32 (and compared in float64, like the thresholds), or a value next to a threshold
        could take the other branch."""
        rows = [[c.get(name, 0.0) for name in self.names] for c in candidates]
        return np.array(rows, dtype=np.float32).reshape(len(candidates), len(self.names)).astype(np.float64)

    def probability(self, features: dict[str, float]) -> float:
        return self.probabilities([features])[0]

    def probabilities(self, candidates: list[dict[str, float]]) -> list[float]:
        """The probability of each candidate; the leaf values are added exactly (math.fsum), so the result does not
        depend on the order of addition."""
        if not candidates:
            return []
        value = self._arrays[4]
        leaves = self._levels(self.matrix(candidates))[-1]
        out = []
        for row in value[np.arange(len(self.trees)), leaves]:
            z = self.init + self.rate * math.fsum(row.tolist())
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out

    def reasons(self, features: dict[str, float], limit: int = 3) -> list[tuple[str, float]]:
        """The features that raised this candidate's score most: along each tree's path, the change in value at a
        split is credited to the feature split on."""
        feature, _, left, _, value, _ = self._arrays
        trees = np.arange(len(self.trees))
        credit = np.zeros(len(self.names))
        levels = [level[0] for level in self._levels(self.matrix([features]))]
        for parent, child in itertools.pairwise(levels):
            inner = left[trees, parent] != -1
            change = self.rate * (value[trees, child] - value[trees, parent])
            np.add.at(credit, feature[trees, parent][inner], change[inner])
        ranked = sorted(((self.names[i], float(credit[i])) for i in np.flatnonzero(credit > 0)), key=lambda p: -p[1])
        return ranked[:limit]

    def _levels(self, x: np.ndarray) -> list[np.ndarray]:
        """Where every candidate (row of x) is in every tree, level by level from the roots: all trees walked for
        all candidates at once (numpy); a candidate that reached a leaf stays there."""
        feature, threshold, left, right, _, depth = self._arrays
        trees = np.arange(len(self.trees))
        rows = np.arange(x.shape[0])[:, None]
        node = np.zeros((x.shape[0], len(self.trees)), dtype=np.int64)
        levels = [node]
        for _ in range(depth):
            go_left = x[rows, feature[trees, node]] <= threshold[trees, node]
            step = np.where(go_left, left[trees, node], right[trees, node])
            node = np.where(left[trees, node] == -1, node, step)
            levels.append(node)
        return levels

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
        """The trees as padded arrays (tree × node); leaves point nowhere (-1) and split on feature 0, which is
        never read there."""
        width = max(len(tree.left) for tree in self.trees)
        shape = (len(self.trees), width)
        feature = np.zeros(shape, dtype=np.int64)
        threshold = np.zeros(shape)
        left = np.full(shape, -1, dtype=np.int64)
        right = np.full(shape, -1, dtype=np.int64)
        value = np.zeros(shape)
        depth = 0
        for i, tree in enumerate(self.trees):
            n = len(tree.left)
            feature[i, :n] = [max(f, 0) for f in tree.feature]
            threshold[i, :n] = tree.threshold
            left[i, :n] = tree.left
            right[i, :n] = tree.right
            value[i, :n] = tree.value
            depth = max(depth, _depth(tree))
        return feature, threshold, left, right, value, depth


def _depth(tree: Tree, node: int = 0) -> int:
    if tree.left[node] == -1:
        return 0
    return 1 + max(_depth(tree, tree.left[node]), _depth(tree, tree.right[node]))


@lru_cache(maxsize=1)
def ranker() -> Ranker:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    trees = tuple(
        Tree(tuple(t["feature"]), tuple(t["threshold"]), tuple(t["left"]), tuple(t["right"]), tuple(t["value"]))
        for t in data["trees"]
    )
    return Ranker(tuple(data["features"]), float(data["init"]), float(data["learning_rate"]), trees,
                  float(data["threshold"]))
