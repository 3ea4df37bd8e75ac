"""The query catalogue: one named Cypher query per file under queries/, with per-engine overrides."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kennisgraaf.errors import CatalogueError
from kennisgraaf.settings import PROJECT_ROOT

QUERIES_DIR = PROJECT_ROOT / "queries"
ENGINES = ("falkordb", "neo4j")
_HEADER = re.compile(r"^//\s*(\w+)\s*:\s*(.*)$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


@dataclass(frozen=True)
class Query:
    """A catalogue query: id, header fields, the common body and any engine-specific overrides."""

    id: str
    title: str
    description: str
    params: tuple[str, ...]
    body: str
    path: Path
    overrides: dict[str, str] = field(default_factory=dict)
    override_reasons: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)

    def cypher_for(self, engine: str) -> str:
        return self.overrides.get(engine, self.body)

    def bind(self, params: dict[str, Any] | None) -> dict[str, Any]:
        """Defaults filled in; an unknown or missing parameter is an error.

        User text only ever travels as a parameter.
        """
        given = dict(params or {})
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            raise CatalogueError(
                f"Query {self.id} kent geen parameter(s) {', '.join(unknown)}; wel: {', '.join(self.params) or 'geen'}"
            )
        bound = {**self.defaults, **given}
        missing = [p for p in self.params if p not in bound]
        if missing:
            raise CatalogueError(f"Query {self.id} mist parameter(s) {', '.join(missing)}")
        return bound


def _parse(path: Path) -> tuple[dict[str, str], str]:
    header: dict[str, str] = {}
    body_lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line.strip())
        if match and not body_lines:
            header[match.group(1).lower()] = match.group(2).strip()
        elif line.strip().startswith("//") and not body_lines:
            continue
        else:
            body_lines.append(line)
    return header, "\n".join(body_lines).strip()


def parse_value(text: str) -> Any:
    """A parameter value from text: JSON where it parses (numbers, lists, quoted strings), else the text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def used_params(cypher: str) -> set[str]:
    """Parameter names used in a Cypher text (string literals and comments ignored)."""
    without_comments = "\n".join(
        line.split("//", 1)[0] if "//" in line and "'" not in line else line for line in cypher.splitlines()
    )
    return set(_PARAM.findall(_STRING.sub("''", without_comments)))


def _split_params(text: str) -> tuple[tuple[str, ...], dict[str, Any]]:
    names: list[str] = []
    defaults: dict[str, Any] = {}
    for item in filter(None, (p.strip() for p in text.split(","))):
        name, _, default = item.partition("=")
        names.append(name.strip())
        if default:
            defaults[name.strip()] = parse_value(default.strip())
    return tuple(names), defaults


def load_catalogue(root: Path = QUERIES_DIR) -> dict[str, Query]:
    """Read every query file; raise CatalogueError on a malformed header or an orphan override."""
    queries: dict[str, Query] = {}
    overrides: list[tuple[str, str, Path]] = []
    for path in sorted(root.rglob("*.cypher")):
        if any(part.startswith("_") for part in path.relative_to(root).parts):
            continue  # _write/ and _schema/ hold the loader's statements, not catalogue queries
        parts = path.name.split(".")
        area = path.parent.relative_to(root).as_posix().replace("/", ".")
        if len(parts) == 3 and parts[1] in ENGINES:
            overrides.append((f"{area}.{parts[0]}", parts[1], path))
            continue
        if len(parts) != 2:
            raise CatalogueError(f"{path}: expected <name>.cypher or <name>.<engine>.cypher")
        header, body = _parse(path)
        for key in ("title", "description", "params"):
            if key not in header:
                raise CatalogueError(f"{path}: header line '// {key}: …' is missing")
        params, defaults = _split_params(header["params"])
        query_id = f"{area}.{parts[0]}"
        if query_id in queries:
            raise CatalogueError(f"{path}: duplicate query id {query_id}")
        queries[query_id] = Query(
            query_id, header["title"], header["description"], params, body, path, defaults=defaults
        )
    for query_id, engine, path in overrides:
        if query_id not in queries:
            raise CatalogueError(f"{path}: override without a common query {query_id}")
        header, body = _parse(path)
        if not header.get("override"):
            raise CatalogueError(f"{path}: an override must say why in '// override: …'")
        queries[query_id].overrides[engine] = body
        queries[query_id].override_reasons[engine] = header["override"]
    return queries


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Query]:
    """The project's catalogue, read once."""
    return load_catalogue()


def get_query(query_id: str) -> Query:
    try:
        return catalogue()[query_id]
    except KeyError:
        raise CatalogueError(f"Onbekende query '{query_id}'. `kennisgraaf queries` toont de catalogus.") from None


def statement_file(relative: str, root: Path = QUERIES_DIR) -> list[str]:
    """Statements of a loader or schema file, split on lines holding a single ';', comments removed."""
    text = (root / relative).read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    return [part.strip() for part in re.split(r"^\s*;\s*$", body, flags=re.MULTILINE) if part.strip()]
