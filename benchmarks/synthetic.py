"""A synthetic graph N times the seed, with the same shape: N disjoint copies of the seed with suffixed ids."""

from __future__ import annotations

from kennisgraaf.knowledge import KnowledgeSet, NodeRow, RelationRow


class ScaledKnowledge(KnowledgeSet):
    """The seed repeated `factor` times; copy 0 keeps the original ids so the usual parameters still work."""

    def __init__(self, seed: KnowledgeSet, factor: int) -> None:
        super().__init__(nodes=seed.nodes, steps=seed.steps, relations=seed.relations)
        self._seed = seed
        self.factor = factor

    @staticmethod
    def _suffix(node_id: str, copy: int) -> str:
        return node_id if copy == 0 else f"{node_id}-x{copy}"

    def node_rows(self) -> list[NodeRow]:
        base = self._seed.node_rows()
        rows: list[NodeRow] = []
        for copy in range(self.factor):
            for row in base:
                new_id = self._suffix(row.id, copy)
                rows.append(NodeRow(new_id, row.label, {**row.properties, "id": new_id}))
        return rows

    def relation_rows(self) -> list[RelationRow]:
        base = self._seed.relation_rows()
        return [
            RelationRow(r.type, self._suffix(r.start, copy), self._suffix(r.end, copy), r.properties)
            for copy in range(self.factor)
            for r in base
        ]
