"""The validated knowledge in memory, and its shape as graph rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kennisgraaf.models import Node, Procedure, Relation, Step


@dataclass(frozen=True)
class Origin:
    """Where a node or relationship was written in the seed."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class NodeRow:
    """A node as the stores write it."""

    id: str
    label: str
    properties: dict[str, Any]


@dataclass(frozen=True)
class RelationRow:
    """A relationship as the stores write it."""

    type: str
    start: str
    end: str
    properties: dict[str, Any]


@dataclass
class LexicalLayer:
    """The report's sections and passages as rows, and the passages of each quoted relationship (see lexical.py)."""

    node_rows: list[NodeRow]
    relation_rows: list[RelationRow]
    relation_passages: dict[tuple[str, str, str], list[str]]


@dataclass
class KnowledgeSet:
    """All nodes (with procedure steps) and relationships of the seed."""

    nodes: dict[str, Node] = field(default_factory=dict)
    steps: dict[str, tuple[Procedure, Step]] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)
    relation_origins: dict[tuple[str, str, str], Origin] = field(default_factory=dict)
    lexical: LexicalLayer | None = None

    def add_node(self, node: Node, origin: Origin | None = None) -> None:
        self.nodes[node.id] = node
        if origin is not None:
            self.origins[node.id] = origin
        if isinstance(node, Procedure):
            for step in node.steps:
                step_id = node.step_id(step)
                self.steps[step_id] = (node, step)
                if origin is not None:
                    self.origins.setdefault(step_id, origin)
                for relation in step_relations(node, step):
                    self.add_relation(relation)

    def add_relation(self, relation: Relation, origin: Origin | None = None) -> None:
        self.relations.append(relation)
        if origin is not None:
            self.relation_origins[relation.key()] = origin

    def label_of(self, node_id: str) -> str | None:
        node = self.nodes.get(node_id)
        if node is not None:
            return node.label
        return "Step" if node_id in self.steps else None

    def of_label(self, label: str) -> list[Node]:
        return sorted((n for n in self.nodes.values() if n.label == label), key=lambda n: n.id)

    def node_rows(self) -> list[NodeRow]:
        rows = [NodeRow(n.id, n.label, {**n.properties(), "label": n.label}) for n in self.nodes.values()]
        for step_id, (_procedure, step) in self.steps.items():
            props = step.model_dump(mode="json", exclude_none=True, exclude={"actor", "forum", "legal_basis"})
            props.update(id=step_id, name=step.action, label="Step")
            rows.append(NodeRow(step_id, "Step", props))
        if self.lexical is not None:
            rows.extend(self.lexical.node_rows)
        return sorted(rows, key=lambda r: (r.label, r.id))

    def relation_rows(self) -> list[RelationRow]:
        passages = self.lexical.relation_passages if self.lexical is not None else {}
        rows = []
        for r in self.relations:
            props = r.properties()
            if r.key() in passages:
                props["passages"] = list(passages[r.key()])
            rows.append(RelationRow(r.type, r.start, r.end, props))
        if self.lexical is not None:
            rows.extend(self.lexical.relation_rows)
        return sorted(rows, key=lambda r: (r.type, r.start, r.end))

    def counts(self) -> dict[str, int]:
        """Number of nodes per label and relationships per type."""
        out: dict[str, int] = defaultdict(int)
        for row in self.node_rows():
            out[row.label] += 1
        for rel in self.relation_rows():
            out[rel.type] += 1
        return dict(sorted(out.items()))


STEP_LINKS = (("actor", "BY"), ("forum", "IN"), ("legal_basis", "BASED_ON"))


def step_relations(procedure: Procedure, step: Step) -> list[Relation]:
    """The relationships a step stands for: HAS_STEP {order} from its procedure, BY, IN and BASED_ON from it."""
    step_id = procedure.step_id(step)
    out = [
        Relation.model_validate(
            {"from": procedure.id, "type": "HAS_STEP", "to": step_id, "order": step.order, "source": step.source}
        )
    ]
    for field_name, rel_type in STEP_LINKS:
        target = getattr(step, field_name)
        if target is not None:
            out.append(
                Relation.model_validate({"from": step_id, "type": rel_type, "to": target, "source": step.source})
            )
    return out
