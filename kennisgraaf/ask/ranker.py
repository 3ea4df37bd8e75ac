"""The learned ranker: boosted decision trees over candidate features, and the threshold below which it abstains.

The trees live in ranker.json beside this file; `python benchmarks/train_ranker.py` learns them again from the
development question sets (scikit-learn is needed for training only). Scoring walks each small tree to a leaf and
adds the leaf values: deterministic, no library at run time, and each answer can say which features made it win
(the change in a tree's value along the path is credited to the feature split on).
"""

from __future__ import annotations

import json
import math
import struct
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
        return self.probabilities([features])[0]

    def probabilities(self, candidates: list[dict[str, float]]) -> list[float]:
        """The probability of each candidate: all trees walked for all candidates at once, level by level (numpy),
        the leaf values added exactly (math.fsum), so the result does not depend on the order of addition."""
        if not candidates:
            return []
        feature, threshold, left, right, value, depth = self._arrays
        # float32 as the trees were learned (see _vector), compared in float64 like the thresholds
        x = np.array([[c.get(name, 0.0) for name in self.names] for c in candidates], dtype=np.float32)
        x = x.astype(np.float64)
        trees = np.arange(len(self.trees))
        rows = np.arange(len(candidates))[:, None]
        node = np.zeros((len(candidates), len(self.trees)), dtype=np.int64)
        for _ in range(depth):
            at_leaf = left[trees, node] == -1
            go_left = x[rows, feature[trees, node]] <= threshold[trees, node]
            node = np.where(at_leaf, node, np.where(go_left, left[trees, node], right[trees, node]))
        out = []
        for leaves in value[trees, node]:
            z = self.init + self.rate * math.fsum(leaves.tolist())
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
        """The trees as padded arrays (tree × node) for walking many candidates at once; leaves point nowhere
        (-1) and split on feature 0, which is never read there."""
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

    def reasons(self, features: dict[str, float], limit: int = 3) -> list[tuple[str, float]]:
        """The features that raised this candidate's score most: along each tree's path, the change in value at a
        split is credited to the feature split on (all trees walked at once, level by level)."""
        feature, threshold, left, right, value, depth = self._arrays
        x = np.array(self._vector(features))
        trees = np.arange(len(self.trees))
        node = np.zeros(len(self.trees), dtype=np.int64)
        credit = np.zeros(len(self.names))
        for _ in range(depth):
            inner = left[trees, node] != -1
            split = feature[trees, node]
            child = np.where(x[split] <= threshold[trees, node], left[trees, node], right[trees, node])
            child = np.where(inner, child, node)
            np.add.at(credit, split[inner], self.rate * (value[trees, child] - value[trees, node])[inner])
            node = child
        ranked = sorted(((self.names[i], float(credit[i])) for i in np.flatnonzero(credit > 0)), key=lambda p: -p[1])
        return ranked[:limit]


def _depth(tree: Tree, node: int = 0) -> int:
    if tree.left[node] == -1:
        return 0
    return 1 + max(_depth(tree, tree.left[node]), _depth(tree, tree.right[node]))


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
