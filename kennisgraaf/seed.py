"""Read and validate the seed directory into a KnowledgeSet, collecting every error with file and line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kennisgraaf.knowledge import STEP_LINKS, KnowledgeSet, Origin
from kennisgraaf.models import MODEL_BY_COLLECTION, Node, Procedure, Relation
from kennisgraaf.schema import DERIVED, RELATIONSHIPS
from kennisgraaf.yamlfile import LocatedData, YamlFileError, read_yaml

RELATIONS_KEY = "relations"
TOP_LEVEL_KEYS = (*MODEL_BY_COLLECTION, RELATIONS_KEY)


@dataclass(frozen=True, order=True)
class SeedError:
    """One problem in the seed, pointing at file, line and field."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: {self.message}"


class SeedInvalid(Exception):
    """Raised when the seed has errors; carries all of them."""

    def __init__(self, errors: list[SeedError]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass
class _Reader:
    root: Path
    errors: list[SeedError] = field(default_factory=list)

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def error(self, file: str, line: int, path: Iterable[str | int], message: str) -> None:
        self.errors.append(SeedError(file, line, _dotted(path), message))


_SIMPLE_KEY = re.compile(r"^[A-Za-z_][\w-]*$")


def _dotted(path: Iterable[str | int]) -> str:
    """measures[3].name; a key that is not a plain name is quoted: organisations[0]["a: b"]."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _SIMPLE_KEY.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out or "(file)"


def _pydantic_errors(
    reader: _Reader, file: str, doc: LocatedData, base: tuple[str | int, ...], exc: ValidationError
) -> None:
    for err in exc.errors():
        loc = tuple({"start": "from", "end": "to"}.get(p, p) if isinstance(p, str) else p for p in err["loc"])
        full = (*base, *loc)
        message = err["msg"]
        if err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "extra_forbidden":
            message = "unknown field"
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        reader.error(file, doc.line_of(full), full, message)


def _walk_files(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*.yaml") if p.is_file()) + sorted(p for p in root.glob("*.yml") if p.is_file())


def read_seed(root: Path | str) -> KnowledgeSet:
    """Read every YAML file in `root`; raise SeedInvalid listing all errors, else return the KnowledgeSet."""
    root = Path(root)
    reader = _Reader(root)
    knowledge = KnowledgeSet()
    raw_relations: list[tuple[str, LocatedData, int, dict[str, Any]]] = []
    procedures: list[tuple[Procedure, str, LocatedData, tuple[str | int, ...]]] = []
    if not root.is_dir():
        raise SeedInvalid([SeedError(str(root), 1, "(dir)", "seed directory does not exist")])
    files = _walk_files(root)
    if not files:
        raise SeedInvalid([SeedError(str(root), 1, "(dir)", "no .yaml files in seed directory")])

    for path in files:
        file = reader.display(path)
        try:
            doc = read_yaml(path)
        except YamlFileError as exc:
            reader.error(file, exc.line, exc.path, exc.message)
            continue
        if doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            reader.error(file, 1, (), "the file must be a mapping of collections (measures:, relations: …)")
            continue
        for key, items in doc.data.items():
            if key not in TOP_LEVEL_KEYS:
                reader.error(
                    file,
                    doc.line_of((key,)),
                    (key,),
                    f"unknown collection; expected one of {', '.join(TOP_LEVEL_KEYS)}",
                )
                continue
            if items is None:
                continue
            if not isinstance(items, list):
                reader.error(file, doc.line_of((key,)), (key,), "must be a list")
                continue
            for index, item in enumerate(items):
                where = (key, index)
                if not isinstance(item, dict):
                    reader.error(file, doc.line_of(where), where, "must be a mapping")
                    continue
                if key == RELATIONS_KEY:
                    raw_relations.append((file, doc, index, item))
                    continue
                try:
                    node = MODEL_BY_COLLECTION[key].model_validate(item)
                except ValidationError as exc:
                    _pydantic_errors(reader, file, doc, where, exc)
                    continue
                _add_node(reader, knowledge, node, Origin(file, doc.line_of((*where, "id"))), (*where, "id"))
                if isinstance(node, Procedure):
                    procedures.append((node, file, doc, where))

    for procedure, file, doc, where in procedures:
        _check_steps(reader, knowledge, procedure, file, doc, where)
    for file, doc, index, item in raw_relations:
        where = (RELATIONS_KEY, index)
        try:
            relation = Relation.model_validate(item)
        except ValidationError as exc:
            _pydantic_errors(reader, file, doc, where, exc)
            continue
        if _check_relation(reader, knowledge, relation, file, doc, where, derived=False):
            _add_relation(reader, knowledge, relation, file, doc, where)

    if reader.errors:
        raise SeedInvalid(reader.errors)
    return knowledge


def _add_node(
    reader: _Reader, knowledge: KnowledgeSet, node: Node, origin: Origin, where: tuple[str | int, ...]
) -> None:
    first = knowledge.origins.get(node.id)
    if first is not None:
        reader.error(origin.file, origin.line, where, f"duplicate id '{node.id}' (first defined at {first})")
        return
    knowledge.add_node(node, origin)


def _check_steps(
    reader: _Reader,
    knowledge: KnowledgeSet,
    procedure: Procedure,
    file: str,
    doc: LocatedData,
    where: tuple[str | int, ...],
) -> None:
    """The step references (actor, forum, legal basis) must point at nodes of the right kind."""
    for index, step in enumerate(procedure.steps):
        for field_name, rel_type in STEP_LINKS:
            target = getattr(step, field_name)
            if target is None:
                continue
            relation = Relation.model_validate(
                {"from": procedure.step_id(step), "type": rel_type, "to": target, "source": step.source}
            )
            _check_relation(reader, knowledge, relation, file, doc, (*where, "steps", index, field_name), derived=True)


def _check_relation(
    reader: _Reader,
    knowledge: KnowledgeSet,
    relation: Relation,
    file: str,
    doc: LocatedData,
    where: tuple[str | int, ...],
    *,
    derived: bool,
) -> bool:
    """True when the relationship's type exists and its ends are nodes of kinds the type allows."""
    rule = RELATIONSHIPS.get(relation.type)
    is_step_ref = derived and where[-1] in ("actor", "forum", "legal_basis")
    type_where = (*where, "type") if not is_step_ref else where
    if rule is None:
        reader.error(file, doc.line_of(type_where), type_where, f"unknown relationship type '{relation.type}'")
        return False
    if relation.type in DERIVED and not derived:
        reader.error(
            file,
            doc.line_of(type_where),
            type_where,
            f"{relation.type} is derived from procedure steps; write the step instead",
        )
        return False
    ok = True
    for end, node_id, allowed in (("from", relation.start, rule.starts), ("to", relation.end, rule.ends)):
        end_where = where if is_step_ref else (*where, end)
        label = knowledge.label_of(node_id)
        if label is None:
            reader.error(file, doc.line_of(end_where), end_where, f"no node with id '{node_id}'")
            ok = False
        elif label not in allowed:
            reader.error(
                file,
                doc.line_of(end_where),
                end_where,
                f"{relation.type} cannot {'start' if end == 'from' else 'end'} at a {label} ('{node_id}'); "
                f"allowed: {', '.join(sorted(allowed))}",
            )
            ok = False
    return ok


def _add_relation(
    reader: _Reader,
    knowledge: KnowledgeSet,
    relation: Relation,
    file: str,
    doc: LocatedData,
    where: tuple[str | int, ...],
) -> None:
    origin = Origin(file, doc.line_of(where))
    first = knowledge.relation_origins.get(relation.key())
    if first is not None:
        reader.error(
            origin.file,
            origin.line,
            where,
            f"duplicate relationship {relation.start} -{relation.type}-> {relation.end} (first at {first})",
        )
        return
    knowledge.add_relation(relation, origin)
